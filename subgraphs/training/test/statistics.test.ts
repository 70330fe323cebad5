import { randomUUID } from "node:crypto";
import { type CallAs, formatQuarter, quarterOfInstant, sqlStatements } from "@kgraph/platform";
import { JobRole } from "../src/modules/official/job-role";
import type { Official } from "../src/modules/official/official.entity";
import { CourseRequirement } from "../src/modules/requirement/requirement.entity";
import { type TrainingHarness, createCourseRow, createOfficialRow, startTrainingHarness } from "./harness";

/**
 * StatisticsQuarter.trainingFigures: the share of facility staff holding every certificate their
 * job role requires at the quarter's last instant (Facility.staffCompliance's rule), from officials
 * and certificates written here (every record in this file's database is made here).
 *
 * 2025-Q2 ends at 2025-07-01T00:00Z. Facility F1: 6 officials counted, 4 compliant; F2: 3, all
 * compliant (withheld, under 5); in all 9, 7 compliant.
 */

let h: TrainingHarness;
let publicCaller: CallAs;
const END = "2025-07-01T00:00:00Z";
const REGISTERED = new Date("2025-01-01T00:00:00Z");
const F1 = randomUUID();
const F2 = randomUUID();

async function requirement(jobRole: JobRole, courseId: string, createdAt: string): Promise<void> {
  await h.db
    .getRepository(CourseRequirement)
    .insert({ id: randomUUID(), jobRole, courseId, createdAt: new Date(createdAt) });
}

async function certificate(official: Official, courseId: string, issuedAt: string, expiresAt: string) {
  await h.db.query(
    `INSERT INTO training.certification (id, official_id, course_id, attendance_id, issued_at, expires_at)
     VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), $3, $4)`,
    [official.id, courseId, issuedAt, expiresAt],
  );
}

const staff = (facilityId: string | null, more: Partial<Official> = {}) =>
  createOfficialRow(h.db, { facilityId, jobRole: JobRole.FACILITY_STAFF, registeredAt: REGISTERED, ...more });

beforeAll(async () => {
  h = await startTrainingHarness();
  publicCaller = { token: await h.auth.publicToken() };

  // Facility staff must hold A and B; medical staff M, but only since after the quarter;
  // interpreters nothing.
  const a = await createCourseRow(h.db);
  const b = await createCourseRow(h.db);
  const m = await createCourseRow(h.db);
  await requirement(JobRole.FACILITY_STAFF, a.id, "2024-01-01T00:00:00Z");
  await requirement(JobRole.FACILITY_STAFF, b.id, "2024-01-01T00:00:00Z");
  await requirement(JobRole.MEDICAL_STAFF, m.id, "2025-08-01T00:00:00Z");
  const both = async (official: Official, bExpiresAt = "2026-01-01T00:00:00Z", bIssuedAt = "2025-01-10T00:00:00Z") => {
    await certificate(official, a.id, "2025-01-10T00:00:00Z", "2027-01-01T00:00:00Z");
    await certificate(official, b.id, bIssuedAt, bExpiresAt);
  };

  // F1, compliant: both valid; B expiring at the very first instant after the quarter (still
  // valid at its last); medical staff whose requirement came later; an interpreter (none required).
  await both(await staff(F1));
  await both(await staff(F1), END);
  await staff(F1, { jobRole: JobRole.MEDICAL_STAFF });
  await staff(F1, { jobRole: JobRole.INTERPRETER });
  // F1, not compliant: B expired a second before the end; B issued only at the end (an older B
  // expired long before).
  await both(await staff(F1), "2025-06-30T23:59:59Z");
  const late = await staff(F1);
  await both(late, "2027-07-01T00:00:00Z", END);
  await certificate(late, b.id, "2022-01-01T00:00:00Z", "2024-01-01T00:00:00Z");
  // Not counted: inactive; registered at the end; working at no facility.
  await staff(F1, { active: false });
  await staff(F1, { registeredAt: new Date(END) });
  await staff(null);

  // F2: three, all compliant.
  for (let i = 0; i < 3; i++) await both(await staff(F2));
});
afterAll(async () => {
  await h?.stop();
});

const QUARTERS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on StatisticsQuarter { quarter trainingFigures { indicator label dimension dimensionLabel unit value suppressed } } } }`;
const quarters = (...names: string[]) => names.map((quarter) => ({ __typename: "StatisticsQuarter", quarter }));

async function figuresOf(quarter: string, as: CallAs = publicCaller) {
  const data = (await h.gql(QUARTERS, { r: quarters(quarter) }, as)) as { data?: any; errors?: unknown };
  expect(data.errors).toBeUndefined();
  return data.data._entities[0].trainingFigures as Record<string, unknown>[];
}

const share = (dimension: string | null, value: number | null) => ({
  indicator: "staff_training_compliance",
  label: "Share of facility staff holding every certificate their job role requires",
  dimension,
  dimensionLabel: null,
  unit: "RATE",
  value,
  suppressed: value === null,
});

describe("StatisticsQuarter.trainingFigures", () => {
  it("gives the share in all, then per facility by id, withholding a facility under 5 officials", async () => {
    const byFacility: [string, number | null][] = [
      [F1, 0.667],
      [F2, null],
    ];
    expect(await figuresOf("2025-Q2")).toEqual([
      share(null, 0.778),
      ...byFacility.sort(([x], [y]) => x.localeCompare(y)).map(([id, value]) => share(id, value)),
    ]);
  });

  it("withholds the share over all when fewer than 5 officials worked then (none before 2025)", async () => {
    expect(await figuresOf("2024-Q4")).toEqual([share(null, null)]);
  });

  it("gives no figures for the quarter under way, nor for a malformed quarter", async () => {
    const current = formatQuarter(quarterOfInstant(new Date()));
    const res = await h.gql(QUARTERS, { r: quarters(current, "2025-Q0", "1999-Q4") }, publicCaller);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { quarter: current, trainingFigures: [] },
      { quarter: "2025-Q0", trainingFigures: [] },
      { quarter: "1999-Q4", trainingFigures: [] },
    ]);
  });

  it("is the same for every caller, the public and those without training:records:read included", async () => {
    const expected = await figuresOf("2025-Q2", publicCaller);
    expect(await figuresOf("2025-Q2", "training_admin")).toEqual(expected);
    expect(await figuresOf("2025-Q2", { roles: ["legal_counsel"], sub: randomUUID() })).toEqual(expected);
  });

  it("computes a quarter in one statement, then serves it from the cache", async () => {
    const statements = async (names: string[]) => {
      const before = sqlStatements.count;
      const res = await h.gql(QUARTERS, { r: quarters(...names) }, publicCaller);
      expect(res.errors).toBeUndefined();
      return sqlStatements.count - before;
    };
    expect(await statements(["2025-Q1", "2025-Q3"])).toBe(2);
    expect(await statements(["2025-Q1", "2025-Q3", "2025-Q2"])).toBe(0);
  });
});
