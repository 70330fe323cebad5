import fc from "fast-check";
import { FigureUnit, SUPPRESSION_THRESHOLD, countBreakdown, figureOverBase, parseQuarter } from "../src";

const cell = (dimension: string | null, count: number) => ({
  indicator: "complaints",
  label: "Complaints",
  unit: FigureUnit.COUNT,
  dimension,
  count,
});

describe("countBreakdown", () => {
  it("publishes nothing from which a count from 1 to 4 can be read or worked out", () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const total = counts.reduce((a, b) => a + b, 0);
        const figures = countBreakdown(
          cell(null, total),
          counts.map((c, i) => cell(`c${i}`, c)),
        );
        for (const f of figures) {
          if (!f.suppressed) expect(f.value === 0 || f.value! >= SUPPRESSION_THRESHOLD).toBe(true);
          else expect(f.value).toBeNull();
        }
        const [head, ...parts] = figures;
        const withheld = parts.map((f, i) => (f.suppressed ? counts[i] : null)).filter((v) => v !== null);
        if (!head.suppressed) {
          // The withheld parts sum to the total less the published ones: never one alone, never a small sum.
          expect(withheld.length === 1).toBe(false);
          const sum = withheld.reduce((a, b) => a + b!, 0);
          expect(sum === 0 || sum >= SUPPRESSION_THRESHOLD).toBe(true);
        }
      }),
    );
  });

  it("publishes a breakdown with no small count as it is", () => {
    const figures = countBreakdown(cell(null, 17), [cell("a", 0), cell("b", 5), cell("c", 12)]);
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 17, false],
      ["a", 0, false],
      ["b", 5, false],
      ["c", 12, false],
    ]);
  });

  it("withholds a small part and the next smallest with it", () => {
    const figures = countBreakdown(cell(null, 27), [cell("a", 2), cell("b", 7), cell("c", 18)]);
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 27, false],
      ["a", null, true],
      ["b", null, true],
      ["c", 18, false],
    ]);
  });
});

describe("figureOverBase", () => {
  const rate = { indicator: "x", label: "X", unit: FigureUnit.RATE };
  it("publishes a rate over a base of the threshold or more, and withholds it below", () => {
    expect(figureOverBase(rate, 0.5, SUPPRESSION_THRESHOLD).value).toBe(0.5);
    expect(figureOverBase(rate, 0.5, SUPPRESSION_THRESHOLD - 1)).toMatchObject({ value: null, suppressed: true });
    expect(figureOverBase(rate, null, 100)).toMatchObject({ value: null, suppressed: true });
  });
});

it("parses quarters as YYYY-Qn only", () => {
  expect(parseQuarter("2026-Q3")).toBe(2026 * 4 + 2);
  for (const bad of ["2026-Q0", "2026-Q5", "2026Q3", "26-Q1", "2026-q3"]) expect(parseQuarter(bad)).toBeNull();
});
