import { randomUUID } from "node:crypto";
import { sqlStatements } from "@kgraph/platform";
import type { Course } from "../src/modules/course/course.entity";
import { addMonths } from "../src/modules/certification/certification.policy";
import { assessCompliance } from "../src/modules/compliance/compliance.policy";
import {
  DAY,
  type TrainingHarness,
  certify,
  createCourseRow,
  createOfficialRow,
  requireRow,
  startTrainingHarness,
} from "./harness";

let h: TrainingHarness;
// Requirements are set once for this file's database and never changed by its tests:
// FACILITY_STAFF must hold A and B; MEDICAL_STAFF must hold C; D is optional for everyone.
let a: Course;
let b: Course;
let c: Course;
let d: Course;
beforeAll(async () => {
  h = await startTrainingHarness();
  a = await createCourseRow(h.db, { code: "CMP-A", validityMonths: 24 });
  b = await createCourseRow(h.db, { code: "CMP-B", validityMonths: 12 });
  c = await createCourseRow(h.db, { code: "CMP-C", validityMonths: 36 });
  d = await createCourseRow(h.db, { code: "CMP-D", validityMonths: 12 });
  await requireRow(h.db, "FACILITY_STAFF" as never, a.id);
  await requireRow(h.db, "FACILITY_STAFF" as never, b.id);
  await requireRow(h.db, "MEDICAL_STAFF" as never, c.id);
});
afterAll(async () => {
  await h?.stop();
});

const COMPLIANCE = `query($id: ID!) { official(id: $id) {
  compliance { compliant required { code } missing { code } expiringWithin90Days { code } }
} }`;
const codes = (courses: { code: string }[]) => courses.map((course) => course.code);
const ago = (days: number) => new Date(Date.now() - days * DAY);

async function complianceOf(id: string) {
  const res = await h.gql(COMPLIANCE, { id });
  expect(res.errors).toBeUndefined();
  const compliance = res.data!.official.compliance;
  return {
    compliant: compliance.compliant,
    required: codes(compliance.required),
    missing: codes(compliance.missing),
    expiring: codes(compliance.expiringWithin90Days),
  };
}

describe("Official.compliance", () => {
  it("is compliant with a valid certificate for every required course", async () => {
    const official = await createOfficialRow(h.db);
    await certify(h.db, official, a, ago(30));
    await certify(h.db, official, b, ago(60));
    expect(await complianceOf(official.id)).toEqual({
      compliant: true,
      required: ["CMP-A", "CMP-B"],
      missing: [],
      expiring: [],
    });
  });

  it("lists courses never passed, or whose certificate expired, as missing", async () => {
    const official = await createOfficialRow(h.db);
    await certify(h.db, official, b, ago(400)); // 12 months' validity: expired a month ago
    await certify(h.db, official, d, ago(10)); // optional: does not count
    expect(await complianceOf(official.id)).toEqual({
      compliant: false,
      required: ["CMP-A", "CMP-B"],
      missing: ["CMP-A", "CMP-B"],
      expiring: [],
    });
  });

  it("flags certificates that expire within 90 days, while still compliant", async () => {
    const official = await createOfficialRow(h.db);
    await certify(h.db, official, a, ago(30));
    await certify(h.db, official, b, ago(300)); // expires in about two months
    expect(await complianceOf(official.id)).toEqual({
      compliant: true,
      required: ["CMP-A", "CMP-B"],
      missing: [],
      expiring: ["CMP-B"],
    });
  });

  it("counts a renewal over an expired or expiring certificate", async () => {
    const official = await createOfficialRow(h.db);
    await certify(h.db, official, a, ago(800)); // expired
    await certify(h.db, official, a, ago(20));
    await certify(h.db, official, b, ago(300)); // expiring
    await certify(h.db, official, b, ago(5));
    expect(await complianceOf(official.id)).toEqual({
      compliant: true,
      required: ["CMP-A", "CMP-B"],
      missing: [],
      expiring: [],
    });
  });

  it("follows the job role, and is compliant when the role requires nothing", async () => {
    const nurse = await createOfficialRow(h.db, { jobRole: "MEDICAL_STAFF" as never, agency: "HEALTH" as never });
    await certify(h.db, nurse, a, ago(30));
    expect(await complianceOf(nurse.id)).toEqual({
      compliant: false,
      required: ["CMP-C"],
      missing: ["CMP-C"],
      expiring: [],
    });
    const interpreter = await createOfficialRow(h.db, { jobRole: "INTERPRETER" as never });
    expect(await complianceOf(interpreter.id)).toEqual({ compliant: true, required: [], missing: [], expiring: [] });
  });

  it("marks each certificate valid or not", async () => {
    const official = await createOfficialRow(h.db);
    const old = await certify(h.db, official, b, ago(400));
    const fresh = await certify(h.db, official, b, ago(3));
    const res = await h.gql(`query($id: ID!) { official(id: $id) { certifications { id valid } } }`, {
      id: official.id,
    });
    expect(res.data!.official.certifications).toEqual([
      { id: fresh.id, valid: true },
      { id: old.id, valid: false },
    ]);
  });

  it("costs the same number of SQL statements for a page of 2 officials as for a page of 12", async () => {
    const facilityId = randomUUID();
    for (let i = 0; i < 12; i++) {
      // Names fix the order, so the page of 2 holds both job roles as the page of 12 does.
      const official = await createOfficialRow(h.db, {
        facilityId,
        familyName: `Order${String(i).padStart(2, "0")}`,
        jobRole: (i % 3 === 0 ? "MEDICAL_STAFF" : "FACILITY_STAFF") as never,
      });
      await certify(h.db, official, i % 3 === 0 ? c : a, ago(10 + i));
    }
    const query = `query($f: ID, $n: Int!) { officials(first: $n, filter: { facilityId: $f }) { edges { node {
      id name facility { id staffCompliance { share } }
      compliance { compliant required { code } missing { code } expiringWithin90Days { code } }
      certifications { valid course { code } }
    } } } }`;
    const count = async (n: number) => {
      const start = sqlStatements.count;
      const res = await h.gql(query, { f: facilityId, n });
      expect(res.errors).toBeUndefined();
      expect(res.data!.officials.edges).toHaveLength(n);
      return sqlStatements.count - start;
    };
    const small = await count(2);
    const large = await count(12);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });
});

describe("Facility.staffCompliance", () => {
  const STAFF = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { id staffCompliance { staffCount compliantCount share } } } }`;

  it("gives the share of active staff holding every required certificate, through _entities", async () => {
    const facilityId = randomUUID();
    const compliant1 = await createOfficialRow(h.db, { facilityId });
    await certify(h.db, compliant1, a, ago(10));
    await certify(h.db, compliant1, b, ago(10));
    const compliant2 = await createOfficialRow(h.db, { facilityId, jobRole: "MEDICAL_STAFF" as never });
    await certify(h.db, compliant2, c, ago(100));
    const lapsed = await createOfficialRow(h.db, { facilityId });
    await certify(h.db, lapsed, a, ago(10));
    await certify(h.db, lapsed, b, ago(400));
    await createOfficialRow(h.db, { facilityId }); // never trained
    const gone = await createOfficialRow(h.db, { facilityId, active: false }); // not counted
    await certify(h.db, gone, a, ago(10));
    await certify(h.db, gone, b, ago(10));
    await createOfficialRow(h.db, { facilityId: randomUUID() }); // elsewhere

    const empty = randomUUID();
    const res = await h.gql(STAFF, {
      r: [
        { __typename: "Facility", id: facilityId },
        { __typename: "Facility", id: empty },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: facilityId, staffCompliance: { staffCount: 4, compliantCount: 2, share: 0.5 } },
      { id: empty, staffCompliance: { staffCount: 0, compliantCount: 0, share: null } },
    ]);
  });

  it("answers for many facilities in one SQL statement", async () => {
    const facilities = Array.from({ length: 5 }, () => randomUUID());
    for (const facilityId of facilities) await createOfficialRow(h.db, { facilityId, jobRole: "INTERPRETER" as never });
    const start = sqlStatements.count;
    const res = await h.gql(STAFF, { r: facilities.map((id) => ({ __typename: "Facility", id })) });
    expect(sqlStatements.count - start).toBe(1);
    expect(res.data!._entities.map((e: any) => e.staffCompliance)).toEqual(
      facilities.map(() => ({ staffCount: 1, compliantCount: 1, share: 1 })),
    );
  });
});

describe("compliance rules (pure)", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const course = (id: string) => ({ id });

  it("uses the longest-lasting certificate per course and the 90-day window", () => {
    const result = assessCompliance(
      [course("x"), course("y"), course("z")],
      [
        { courseId: "x", expiresAt: new Date("2026-05-31T23:59:59Z") }, // expired a second ago
        { courseId: "y", expiresAt: new Date("2026-08-30T00:00:00Z") }, // exactly 90 days
        { courseId: "y", expiresAt: new Date("2026-07-01T00:00:00Z") },
        { courseId: "z", expiresAt: new Date("2026-08-30T00:00:01Z") }, // just beyond
      ],
      now,
    );
    expect(result.missing).toEqual([course("x")]);
    expect(result.expiringWithin90Days).toEqual([course("y")]);
    expect(result.compliant).toBe(false);
  });

  it("adds calendar months in UTC, clamping to the month's last day", () => {
    expect(addMonths(new Date("2025-08-31T10:00:00Z"), 6).toISOString()).toBe("2026-02-28T10:00:00.000Z");
    expect(addMonths(new Date("2025-11-15T23:30:00Z"), 14).toISOString()).toBe("2027-01-15T23:30:00.000Z");
    expect(addMonths(new Date("2024-02-29T00:00:00Z"), 12).toISOString()).toBe("2025-02-28T00:00:00.000Z");
  });
});
