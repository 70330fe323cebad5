/**
 * An attacker's audit of the public statistics, written apart from the production code (it
 * imports nothing from statistics.policy.ts): collect every answer a caller can get, then try
 * to recover small counts — by differencing figures that count nested sets of people, and by
 * exact linear algebra over the grid's additive relations.
 */

/** What the test knows to be true: arrivals per month, agreement and nationality. */
export interface TruthRow {
  month: string;
  agreementId: string;
  nationality: string;
  arrivals: number;
}

/** The column that counts every agreement (the test's own label). */
export const ALL = "all";

export interface StatisticsAnswer {
  from: string;
  to: string;
  column: string;
  data: {
    totalArrivals: number | null;
    arrivalsByMonth: { month: string; complete: boolean; arrivals: number | null; suppressed: boolean }[];
    arrivalsByQuarter: {
      quarter: string;
      complete: boolean;
      nationalities: { nationality: string; arrivals: number }[];
      nationalitiesWithheld: boolean;
    }[];
    arrivalsByNationality: unknown[];
  };
  json: string;
}

export const AUDIT_QUERY = `query($from: String!, $to: String!, $a: ID) {
  programmeStatistics(from: $from, to: $to, agreementId: $a) {
    totalArrivals
    arrivalsByMonth { month complete arrivals suppressed }
    arrivalsByQuarter { quarter complete nationalities { nationality arrivals } nationalitiesWithheld }
    arrivalsByNationality { nationality arrivals suppressed }
  }
}`;

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [year, month] = from.split("-").map(Number);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, "0")}`;
    out.push(label);
    if (label === to) return out;
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

export function quarterLabel(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return `${year}-Q${Math.ceil(m / 3)}`;
}

/** Every (from, to) pair in the window at most `maxMonths` apart, for every column. */
export async function askEveryRange(
  ask: (from: string, to: string, agreementId: string | null) => Promise<StatisticsAnswer["data"]>,
  window: { from: string; to: string },
  agreementIds: readonly string[],
  maxMonths = 36,
): Promise<StatisticsAnswer[]> {
  const months = monthsBetween(window.from, window.to);
  const answers: StatisticsAnswer[] = [];
  for (const column of [ALL, ...agreementIds]) {
    for (let i = 0; i < months.length; i++) {
      for (let j = i; j < months.length && j - i < maxMonths; j++) {
        const data = await ask(months[i], months[j], column === ALL ? null : column);
        answers.push({ from: months[i], to: months[j], column, data, json: JSON.stringify(data) });
      }
    }
  }
  return answers;
}

/** A published figure and the set of people it counts (a box of months × columns, or a quarter cell). */
interface Figure {
  label: string;
  value: number;
  space: string;
  from: number;
  to: number;
  column: string;
}

const contains = (outer: string, inner: string) => outer === inner || outer === ALL;

/** What one look at every answer yields for the audit. */
export interface AuditReport {
  /** Published figures, and differences of figures over nested sets of people, from 1 to 4. */
  smallFigures: string[];
  /** Keys (column and month, or quarter and nationality) that two answers give differently. */
  inconsistent: string[];
  /** Published values that are not the true count. */
  wrongValues: string[];
  /** Withheld cells the relations determine exactly. */
  determined: string[];
  /** Relations whose unknowns all sit on one side and add up to 1 to 4. */
  smallResiduals: string[];
  /** Codes that are never published but appear in some answer. */
  namedButWithheld: string[];
  /** Counts, to show the audit looked at something. */
  stats: { answers: number; figures: number; pairs: number; cells: number; withheld: number; relations: number };
}

/**
 * Audits every answer against the truth. `lastCompleteMonth` bounds what may be published;
 * `window` must start and end on quarter boundaries (so each quarter's months are all seen).
 */
export function audit(
  answers: readonly StatisticsAnswer[],
  truth: readonly TruthRow[],
  agreementIds: readonly string[],
  window: { from: string; to: string },
): AuditReport {
  const columns = [ALL, ...agreementIds];
  const months = monthsBetween(window.from, window.to);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const truthOf = (column: string, keep: (row: TruthRow) => boolean) =>
    truth.filter((r) => (column === ALL || r.agreementId === column) && keep(r)).reduce((t, r) => t + r.arrivals, 0);

  const report: AuditReport = {
    smallFigures: [],
    inconsistent: [],
    wrongValues: [],
    determined: [],
    smallResiduals: [],
    namedButWithheld: [],
    stats: { answers: answers.length, figures: 0, pairs: 0, cells: 0, withheld: 0, relations: 0 },
  };

  // 1. One value per grid key, whatever the range asked; every published number is the truth.
  const monthCell = new Map<string, number | null | "open">();
  const quarterList = new Map<string, Map<string, number>>();
  const completeQuarters = new Set<string>();
  const agree = <T>(map: Map<string, T>, key: string, value: T) => {
    if (map.has(key) && JSON.stringify(map.get(key)) !== JSON.stringify(value)) report.inconsistent.push(key);
    map.set(key, value);
  };
  const figures: Figure[] = [];
  const totals = new Map<string, number | null>();
  for (const a of answers) {
    for (const m of a.data.arrivalsByMonth) {
      agree(monthCell, `${a.column} ${m.month}`, m.complete ? m.arrivals : "open");
      if (m.complete ? m.suppressed !== (m.arrivals === null) : m.arrivals !== null || m.suppressed) {
        report.inconsistent.push(`${a.column} ${m.month} flags`);
      }
      if (m.arrivals !== null) {
        const real = truthOf(a.column, (r) => r.month === m.month);
        if (real !== m.arrivals) report.wrongValues.push(`${a.column} ${m.month}: ${m.arrivals} ≠ ${real}`);
      }
    }
    for (const q of a.data.arrivalsByQuarter) {
      if (!q.complete) {
        if (q.nationalities.length || q.nationalitiesWithheld)
          report.inconsistent.push(`${a.column} ${q.quarter} open`);
        continue;
      }
      completeQuarters.add(q.quarter);
      const listed = new Map(q.nationalities.map((n) => [n.nationality, n.arrivals]));
      agree(quarterList, `${a.column} ${q.quarter}`, listed);
      const unlisted = truth.filter(
        (r) =>
          (a.column === ALL || r.agreementId === a.column) &&
          quarterLabel(r.month) === q.quarter &&
          !listed.has(r.nationality),
      );
      if (q.nationalitiesWithheld !== unlisted.some((r) => r.arrivals > 0)) {
        report.wrongValues.push(`${a.column} ${q.quarter} nationalitiesWithheld`);
      }
      for (const [nationality, value] of listed) {
        const real = truthOf(a.column, (r) => quarterLabel(r.month) === q.quarter && r.nationality === nationality);
        if (real !== value) report.wrongValues.push(`${a.column} ${q.quarter} ${nationality}: ${value} ≠ ${real}`);
      }
    }
    if (a.data.arrivalsByNationality.length) report.inconsistent.push(`${a.column} ${a.from}..${a.to} by nationality`);
    const sum = a.data.arrivalsByMonth.every((m) => m.arrivals !== null)
      ? a.data.arrivalsByMonth.reduce((t, m) => t + (m.arrivals as number), 0)
      : null;
    if (a.data.totalArrivals !== sum) report.inconsistent.push(`${a.column} ${a.from}..${a.to} total`);
    totals.set(`${a.column} ${a.from} ${a.to}`, a.data.totalArrivals);
  }

  // 2. Every published figure, and every difference of two figures over nested sets of people.
  for (const [key, value] of totals) {
    const [column, from, to] = key.split(" ");
    if (value !== null) {
      figures.push({
        label: `total ${key}`,
        value,
        space: "months",
        from: monthIndex.get(from)!,
        to: monthIndex.get(to)!,
        column,
      });
    }
  }
  for (const [key, value] of monthCell) {
    const [column, month] = key.split(" ");
    if (typeof value === "number") {
      const i = monthIndex.get(month)!;
      figures.push({ label: `month ${key}`, value, space: "months", from: i, to: i, column });
    }
  }
  for (const [key, listed] of quarterList) {
    const [column, quarter] = key.split(" ");
    for (const [nationality, value] of listed) {
      figures.push({
        label: `quarter ${key} ${nationality}`,
        value,
        space: `${quarter} ${nationality}`,
        from: 0,
        to: 0,
        column,
      });
    }
  }
  const small = (n: number) => n >= 1 && n <= 4;
  for (const f of figures) if (small(f.value)) report.smallFigures.push(`${f.label} = ${f.value}`);
  for (const outer of figures) {
    for (const inner of figures) {
      if (outer === inner || outer.space !== inner.space) continue;
      if (!(outer.from <= inner.from && inner.to <= outer.to && contains(outer.column, inner.column))) continue;
      report.stats.pairs += 1;
      if (small(outer.value - inner.value)) {
        report.smallFigures.push(`${outer.label} − ${inner.label} = ${outer.value - inner.value}`);
      }
    }
  }
  report.stats.figures = figures.length;

  // 3. The grid's relations with every published value substituted: what can be solved exactly?
  const nationalities = [...new Set(truth.map((r) => r.nationality))].sort();
  const everywherePublished = new Set<string>();
  for (const listed of quarterList.values()) for (const n of listed.keys()) everywherePublished.add(n);
  for (const n of nationalities) {
    if (everywherePublished.has(n)) continue;
    for (const a of answers)
      if (a.json.includes(`"${n}"`)) report.namedButWithheld.push(`${n} in ${a.column} ${a.from}..${a.to}`);
  }

  const cells = new Map<string, number | null>(); // null: unknown to the public
  const cellOf = (key: string, value: number | null) => {
    cells.set(key, value);
    return key;
  };
  type Side = string[];
  const relations: { name: string; left: Side; right: Side }[] = [];
  const completeMonths = months.filter((m) => monthCell.has(`${ALL} ${m}`) && monthCell.get(`${ALL} ${m}`) !== "open");
  for (const m of completeMonths) {
    for (const c of columns) cellOf(`M ${c} ${m}`, monthCell.get(`${c} ${m}`) as number | null);
    relations.push({ name: `month ${m}`, left: agreementIds.map((c) => `M ${c} ${m}`), right: [`M ${ALL} ${m}`] });
  }
  for (const q of [...completeQuarters].sort()) {
    const qMonths = months.filter((m) => quarterLabel(m) === q);
    if (qMonths.length !== 3) throw new Error(`window must hold every month of ${q}`);
    for (const n of nationalities) {
      for (const c of columns) {
        const listed = quarterList.get(`${c} ${q}`)?.get(n);
        const real = truthOf(c, (r) => quarterLabel(r.month) === q && r.nationality === n);
        // Absent and truly zero: assume the attacker knows it is zero (the harder case for us).
        cellOf(`N ${c} ${q} ${n}`, listed ?? (real === 0 ? 0 : null));
      }
      relations.push({
        name: `${q} ${n}`,
        left: agreementIds.map((c) => `N ${c} ${q} ${n}`),
        right: [`N ${ALL} ${q} ${n}`],
      });
    }
    for (const c of columns) {
      relations.push({
        name: `${q} column ${c}`,
        left: nationalities.map((n) => `N ${c} ${q} ${n}`),
        right: qMonths.map((m) => `M ${c} ${m}`),
      });
    }
  }
  report.stats.cells = cells.size;
  report.stats.relations = relations.length;

  for (const r of relations) {
    const unknownLeft = r.left.filter((k) => cells.get(k) === null);
    const unknownRight = r.right.filter((k) => cells.get(k) === null);
    const known = (side: Side) => side.reduce((t, k) => t + (cells.get(k) ?? 0), 0);
    if (unknownLeft.length && !unknownRight.length) {
      const residual = known(r.right) - known(r.left);
      if (small(residual)) report.smallResiduals.push(`${r.name}: ${unknownLeft.join(", ")} add up to ${residual}`);
    }
    if (unknownRight.length && !unknownLeft.length) {
      const residual = known(r.left) - known(r.right);
      if (small(residual)) report.smallResiduals.push(`${r.name}: ${unknownRight.join(", ")} add up to ${residual}`);
    }
  }

  const unknowns = [...cells].filter(([, v]) => v === null).map(([k]) => k);
  report.stats.withheld = unknowns.length;
  const rows = relations.map((r) =>
    unknowns.map((k) => (r.left.includes(k) ? 1 : 0) - (r.right.includes(k) ? 1 : 0)).map((n) => Rational.of(n)),
  );
  for (const i of determinedVariables(rows, unknowns.length)) report.determined.push(unknowns[i]);
  return report;
}

/**
 * Which unknowns of `rows · x = b` are fixed whatever b is: after exact reduction to row echelon
 * form, those whose pivot row has no other non-zero entry.
 */
export function determinedVariables(rows: Rational[][], variables: number): number[] {
  const m = rows.map((row) => [...row]);
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < variables && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && !row[c].isZero());
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    const pivot = m[r][c];
    m[r] = m[r].map((v) => v.div(pivot));
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c].isZero()) continue;
      const factor = m[i][c];
      m[i] = m[i].map((v, j) => v.sub(factor.mul(m[r][j])));
    }
    pivots.push(c);
    r += 1;
  }
  return pivots.filter((c, row) => m[row].every((v, j) => j === c || v.isZero()));
}

/** Exact rational numbers on BigInt: no rounding can hide or invent a solution. */
export class Rational {
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static of(n: number | bigint, d: number | bigint = 1n): Rational {
    let [num, den] = [BigInt(n), BigInt(d)];
    if (den < 0n) [num, den] = [-num, -den];
    const g = gcd(num < 0n ? -num : num, den);
    return new Rational(num / g, den / g);
  }

  isZero(): boolean {
    return this.n === 0n;
  }
  add(o: Rational): Rational {
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    return Rational.of(this.n * o.d, this.d * o.n);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
