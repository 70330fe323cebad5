import fc from "fast-check";
import {
  FigureUnit,
  SUPPRESSION_THRESHOLD,
  countBreakdown,
  countBreakdownOverPeople,
  figureOverBase,
  parseQuarter,
  publishableQuarter,
} from "../src";

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
        // Listed: only parts published above zero, each with its own count.
        for (const part of parts) {
          expect(part.suppressed).toBe(false);
          expect(part.value).toBe(counts[Number(part.dimension!.slice(1))]);
          expect(part.value).toBeGreaterThan(0);
        }
        const listed = new Set(parts.map((f) => f.dimension));
        // Everything not listed: a withheld part or a zero, never told apart.
        const withheld = counts.filter((c, i) => !listed.has(`c${i}`) && c > 0);
        if (!head.suppressed) {
          // The parts not listed sum to the total less the listed ones: never one alone, never a small sum.
          expect(withheld.length === 1).toBe(false);
          const sum = withheld.reduce((a, b) => a + b, 0);
          expect(sum === 0 || sum >= SUPPRESSION_THRESHOLD).toBe(true);
        }
      }),
    );
  });

  it("publishes a breakdown with no small count as it is, without the parts of zero", () => {
    const figures = countBreakdown(cell(null, 17), [cell("a", 0), cell("b", 5), cell("c", 12)]);
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 17, false],
      ["b", 5, false],
      ["c", 12, false],
    ]);
  });

  it("withholds a small part and the next smallest with it, and names neither", () => {
    const figures = countBreakdown(cell(null, 27), [cell("a", 2), cell("b", 7), cell("c", 18)]);
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 27, false],
      ["c", 18, false],
    ]);
  });
});

describe("countBreakdownOverPeople", () => {
  const nights = (dimension: string | null, count: number) => ({
    ...cell(dimension, count),
    indicator: "resident_nights",
  });
  const small = (people: number) => people >= 1 && people < SUPPRESSION_THRESHOLD;

  it("publishes no cell, nor any sum of withheld cells, that comes from 1 to 4 people, however large its count", () => {
    const breakdown = fc.integer({ min: 1, max: 6 }).chain((partCount) =>
      fc.record({
        partCount: fc.constant(partCount),
        // Each group: some people found in exactly these parts (a person in two municipalities is in both).
        groups: fc.array(
          fc.record({
            parts: fc.uniqueArray(fc.integer({ min: 0, max: partCount - 1 }), { minLength: 1, maxLength: partCount }),
            people: fc.integer({ min: 1, max: 7 }),
          }),
          { maxLength: 8 },
        ),
        // Nights per person in each part: many, so the counts themselves are never small.
        perPerson: fc.array(fc.integer({ min: 5, max: 90 }), { minLength: partCount, maxLength: partCount }),
      }),
    );
    fc.assert(
      fc.property(breakdown, ({ partCount, groups, perPerson }) => {
        const people = (parts: number[]) =>
          groups.reduce((n, g) => n + (g.parts.some((i) => parts.includes(i)) ? g.people : 0), 0);
        const counts = Array.from({ length: partCount }, (_, i) => people([i]) * perPerson[i]);
        const total = counts.reduce((a, b) => a + b, 0);
        const figures = countBreakdownOverPeople(
          nights(null, total),
          counts.map((c, i) => nights(`m${i}`, c)),
          groups,
        );
        const [head, ...parts] = figures;
        const all = Array.from({ length: partCount }, (_, i) => i);
        if (small(people(all))) expect(head.suppressed).toBe(true);
        // Listed: only parts published above zero, none of few people, each with its own count.
        const listed = new Map(parts.map((f) => [Number(f.dimension!.slice(1)), f]));
        for (const [i, f] of listed) {
          expect(small(people([i]))).toBe(false);
          expect(f.suppressed).toBe(false);
          expect(f.value).toBe(counts[i]);
          expect(f.value).toBeGreaterThan(0);
        }
        expect(head.value).toBe(head.suppressed ? null : total);
        if (!head.suppressed) {
          // What the total less the listed parts gives: never one part alone, never a few people's nights.
          const withheld = all.filter((i) => !listed.has(i) && counts[i] > 0);
          expect(withheld.length === 1).toBe(false);
          expect(small(people(withheld))).toBe(false);
        }
      }),
    );
  });

  it("withholds a municipality of few residents whatever its nights, and the next smallest with it, naming neither", () => {
    // a: 2 residents, 180 nights; b: 6 residents; c: 9 residents.
    const figures = countBreakdownOverPeople(
      nights(null, 1080),
      [nights("a", 180), nights("b", 300), nights("c", 600)],
      [
        { parts: [0], people: 2 },
        { parts: [1], people: 6 },
        { parts: [2], people: 9 },
      ],
    );
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 1080, false],
      ["c", 600, false],
    ]);
  });

  it("counts a person in two withheld parts once, and withholds one more part when they are fewer than 5", () => {
    // a and b have 3 residents each, 2 of them in both: 4 people behind a + b together.
    const figures = countBreakdownOverPeople(
      nights(null, 900),
      [nights("a", 100), nights("b", 100), nights("c", 300), nights("d", 400)],
      [
        { parts: [0, 1], people: 2 },
        { parts: [0], people: 1 },
        { parts: [1], people: 1 },
        { parts: [2], people: 5 },
        { parts: [3], people: 8 },
      ],
    );
    // a, b and c withheld, and not listed.
    expect(figures.map((f) => [f.dimension, f.value, f.suppressed])).toEqual([
      [null, 900, false],
      ["d", 400, false],
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

it("has figures only for a well-formed quarter from 2000-Q1 on that is over", () => {
  const now = new Date("2026-10-01T00:00:00Z");
  expect(publishableQuarter("2026-Q3", now)).toBe(2026 * 4 + 2);
  expect(publishableQuarter("2026-Q3", new Date("2026-09-30T23:59:59.999Z"))).toBeNull();
  for (const bad of ["2026-Q4", "2027-Q1", "1999-Q4", "2026-Q5", "2026Q3"])
    expect(publishableQuarter(bad, now)).toBeNull();
  expect(publishableQuarter("2000-Q1", now)).toBe(2000 * 4);
});

it("parses quarters as YYYY-Qn only", () => {
  expect(parseQuarter("2026-Q3")).toBe(2026 * 4 + 2);
  for (const bad of ["2026-Q0", "2026-Q5", "2026Q3", "26-Q1", "2026-q3"]) expect(parseQuarter(bad)).toBeNull();
});
