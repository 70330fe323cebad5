import { ROLES, scopesForClaims } from "@kgraph/policy";
import {
  type RecordViewer,
  type TrainingRecordScope,
  canReadRecordsOf,
  canReadStaffComplianceOf,
  recordRuleCondition,
  trainingRecordScope,
} from "../src/modules/official/official.policy";

/** The record rule of training:records:read as pure functions (no database). */

const F1 = "11111111-1111-4111-8111-111111111111";
const F2 = "22222222-2222-4222-8222-222222222222";
const ME = "33333333-3333-4333-8333-333333333333";
const OTHER = "44444444-4444-4444-8444-444444444444";

/** A viewer as the verifier builds it from token claims. */
function viewer(claims: { roles: string[]; facility_id?: string; official_id?: string }): RecordViewer {
  return {
    roles: claims.roles,
    scopes: scopesForClaims(claims),
    facilityId: claims.facility_id,
    officialId: claims.official_id,
  };
}

describe("trainingRecordScope", () => {
  const EXPECTED: Record<(typeof ROLES)[number], TrainingRecordScope> = {
    training_admin: { kind: "all" },
    mia_officer: { kind: "all" },
    ombudsperson: { kind: "all" },
    auditor: { kind: "all" },
    facility_staff: { kind: "restricted", facilityId: F1, officialId: null },
    // No training:records:read: nothing, whatever the claims say about a facility.
    dhs_liaison: { kind: "none" },
    legal_counsel: { kind: "none" },
    monitor: { kind: "none" },
  };

  it.each(ROLES.map((role) => [role]))("%s with a facility claim", (role) => {
    expect(trainingRecordScope(viewer({ roles: [role], facility_id: F1 }))).toEqual(EXPECTED[role]);
  });

  it("gives facility staff without a facility claim no records", () => {
    expect(trainingRecordScope(viewer({ roles: ["facility_staff"] }))).toEqual({ kind: "none" });
  });

  it("ignores ids that are not uuids (they name no record and never reach SQL)", () => {
    expect(trainingRecordScope(viewer({ roles: ["facility_staff"], facility_id: "F1" }))).toEqual({ kind: "none" });
    expect(trainingRecordScope(viewer({ roles: ["monitor"], official_id: "me" }))).toEqual({ kind: "none" });
  });

  it("gives any caller with an official_id their own record, whatever their role", () => {
    for (const roles of [[], ["monitor"], ["dhs_liaison"], ["legal_counsel"]]) {
      expect(trainingRecordScope(viewer({ roles, official_id: ME }))).toEqual({
        kind: "restricted",
        facilityId: null,
        officialId: ME,
      });
    }
  });

  it("unites the grounds of a caller who has several", () => {
    expect(trainingRecordScope(viewer({ roles: ["facility_staff"], facility_id: F1, official_id: ME }))).toEqual({
      kind: "restricted",
      facilityId: F1,
      officialId: ME,
    });
    // A facility claim counts only for facility staff.
    expect(trainingRecordScope(viewer({ roles: ["monitor"], facility_id: F1, official_id: ME }))).toEqual({
      kind: "restricted",
      facilityId: null,
      officialId: ME,
    });
    // Any unrestricted role wins.
    expect(
      trainingRecordScope(viewer({ roles: ["facility_staff", "auditor"], facility_id: F1, official_id: ME })),
    ).toEqual({ kind: "all" });
  });

  it("gives the public (no roles, no scopes) nothing", () => {
    expect(trainingRecordScope({ roles: [], scopes: [] })).toEqual({ kind: "none" });
  });
});

describe("canReadRecordsOf and canReadStaffComplianceOf", () => {
  const all: TrainingRecordScope = { kind: "all" };
  const none: TrainingRecordScope = { kind: "none" };
  const staff: TrainingRecordScope = { kind: "restricted", facilityId: F1, officialId: null };
  const self: TrainingRecordScope = { kind: "restricted", facilityId: null, officialId: ME };
  const both: TrainingRecordScope = { kind: "restricted", facilityId: F1, officialId: ME };
  const atF1 = { id: OTHER, facilityId: F1 };
  const atF2 = { id: OTHER, facilityId: F2 };
  const meAtF2 = { id: ME, facilityId: F2 };
  const nowhere = { id: OTHER, facilityId: null };

  it.each([
    ["all", all, [true, true, true, true]],
    ["none", none, [false, false, false, false]],
    ["facility staff of F1", staff, [true, false, false, false]],
    ["the official themself", self, [false, false, true, false]],
    ["both", both, [true, false, true, false]],
  ] as const)("%s", (_name, scope, expected) => {
    expect([atF1, atF2, meAtF2, nowhere].map((official) => canReadRecordsOf(scope, official))).toEqual(expected);
  });

  it("gives staff compliance to all-records callers, and facility staff for their own facility only", () => {
    expect([F1, F2].map((f) => canReadStaffComplianceOf(all, f))).toEqual([true, true]);
    expect([F1, F2].map((f) => canReadStaffComplianceOf(staff, f))).toEqual([true, false]);
    expect([F1, F2].map((f) => canReadStaffComplianceOf(both, f))).toEqual([true, false]);
    expect([F1, F2].map((f) => canReadStaffComplianceOf(self, f))).toEqual([false, false]);
    expect([F1, F2].map((f) => canReadStaffComplianceOf(none, f))).toEqual([false, false]);
  });
});

describe("recordRuleCondition", () => {
  it("reads nothing, everything, or the facility's staff and/or the caller's own record", () => {
    expect(recordRuleCondition({ kind: "none" }, "a.official_id")).toEqual({ sql: "FALSE", params: {} });
    expect(recordRuleCondition({ kind: "all" }, "a.official_id")).toEqual({ sql: "TRUE", params: {} });
    expect(recordRuleCondition({ kind: "restricted", facilityId: null, officialId: ME }, "a.official_id")).toEqual({
      sql: "(a.official_id = :ruleOfficialId)",
      params: { ruleOfficialId: ME },
    });
    expect(recordRuleCondition({ kind: "restricted", facilityId: F1, officialId: ME }, "c.official_id")).toEqual({
      sql: "(c.official_id = :ruleOfficialId OR c.official_id IN (SELECT o.id FROM official o WHERE o.facility_id = :ruleFacilityId))",
      params: { ruleOfficialId: ME, ruleFacilityId: F1 },
    });
  });
});
