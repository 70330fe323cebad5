import { randomUUID } from "node:crypto";
import { type Viewer, viewerFromClaims } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import {
  type CaseScope,
  caseScope,
  caseScopeSql,
  counselContactScope,
  identityScope,
  privilegedNoteReader,
  privilegedNoteScope,
  transfersVisible,
} from "../src/modules/case/case-access.policy";

const SUB = randomUUID();
const FACILITY = randomUUID();

/** A viewer as the verifier builds it from a token's claims. */
function viewer(roles: string[], claims: Record<string, unknown> = {}): Viewer {
  return viewerFromClaims({ sub: SUB, facility_id: FACILITY, roles, ...claims });
}
const PUBLIC: Viewer = { roles: [], scopes: [], public: true };

const some = (scope: Partial<Extract<CaseScope, { kind: "some" }>>): CaseScope => ({
  kind: "some",
  counselId: null,
  facilityId: null,
  beforeHandover: false,
  ...scope,
});

describe("caseScope (case:read record rule)", () => {
  it.each<[string, CaseScope]>([
    ["mia_officer", { kind: "all" }],
    ["dhs_liaison", { kind: "all" }],
    ["ombudsperson", { kind: "all" }],
    ["auditor", { kind: "all" }],
    ["monitor", { kind: "all" }],
    ["legal_counsel", some({ counselId: SUB })],
    ["facility_staff", some({ facilityId: FACILITY })],
    ["training_admin", { kind: "none" }],
  ])("%s → %j", (role, expected) => {
    expect(caseScope(viewer([role]))).toEqual(expected);
  });

  it("covers every role of the policy", () => {
    for (const role of ROLES) expect(caseScope(viewer([role])).kind).toMatch(/^(all|some|none)$/);
  });

  it("gives the public and an unknown role nothing", () => {
    expect(caseScope(PUBLIC)).toEqual({ kind: "none" });
    expect(caseScope(viewer(["janitor"]))).toEqual({ kind: "none" });
    expect(caseScope(viewer([]))).toEqual({ kind: "none" });
  });

  it("takes the union of several roles: any unrestricted role makes the viewer unrestricted", () => {
    expect(caseScope(viewer(["legal_counsel", "facility_staff"]))).toEqual(
      some({ counselId: SUB, facilityId: FACILITY }),
    );
    expect(caseScope(viewer(["legal_counsel", "auditor"]))).toEqual({ kind: "all" });
    expect(caseScope(viewer(["facility_staff", "training_admin"]))).toEqual(some({ facilityId: FACILITY }));
    expect(caseScope(viewer([...ROLES]))).toEqual({ kind: "all" });
  });

  it("grants nothing when the claim the rule needs is missing or malformed", () => {
    expect(caseScope(viewer(["legal_counsel"], { sub: "not-a-uuid" }))).toEqual({ kind: "none" });
    expect(caseScope(viewer(["facility_staff"], { facility_id: undefined }))).toEqual({ kind: "none" });
    expect(caseScope(viewer(["facility_staff"], { facility_id: "F-1" }))).toEqual({ kind: "none" });
    expect(caseScope(viewer(["legal_counsel", "facility_staff"], { facility_id: "F-1" }))).toEqual(
      some({ counselId: SUB }),
    );
  });
});

describe("identityScope (person:read record rule)", () => {
  it.each<[string, CaseScope]>([
    ["mia_officer", { kind: "all" }],
    ["ombudsperson", { kind: "all" }],
    ["dhs_liaison", some({ beforeHandover: true })],
    ["legal_counsel", some({ counselId: SUB })],
    ["facility_staff", some({ facilityId: FACILITY })],
    ["monitor", { kind: "none" }],
    ["auditor", { kind: "none" }],
    ["training_admin", { kind: "none" }],
  ])("%s → %j", (role, expected) => {
    expect(identityScope(viewer([role]))).toEqual(expected);
  });

  it("joins a DHS liaison's rule with a counsel's", () => {
    expect(identityScope(viewer(["dhs_liaison", "legal_counsel"]))).toEqual(
      some({ counselId: SUB, beforeHandover: true }),
    );
    expect(identityScope(viewer(["dhs_liaison", "mia_officer"]))).toEqual({ kind: "all" });
  });
});

describe("write rules", () => {
  it("counsel contact events: counsel for clients, facility staff for residents, MIA for all", () => {
    expect(counselContactScope(viewer(["legal_counsel"]))).toEqual(some({ counselId: SUB }));
    expect(counselContactScope(viewer(["facility_staff"]))).toEqual(some({ facilityId: FACILITY }));
    expect(counselContactScope(viewer(["mia_officer"]))).toEqual({ kind: "all" });
    expect(counselContactScope(viewer(["ombudsperson"]))).toEqual({ kind: "none" });
  });

  it("privileged notes: only counsel, for their clients", () => {
    expect(privilegedNoteScope(viewer(["legal_counsel"]))).toEqual(some({ counselId: SUB }));
    expect(privilegedNoteScope(viewer([...ROLES]))).toEqual(some({ counselId: SUB }));
    expect(privilegedNoteScope(viewer(["mia_officer", "ombudsperson"]))).toEqual({ kind: "none" });
  });

  it("privileged note text: only its author, and only with case:privileged", () => {
    expect(privilegedNoteReader(viewer(["legal_counsel"]))).toBe(SUB);
    expect(privilegedNoteReader(viewer(["legal_counsel"], { sub: "someone" }))).toBeNull();
    expect(privilegedNoteReader(viewer(["mia_officer"]))).toBeNull();
    expect(privilegedNoteReader(PUBLIC)).toBeNull();
  });

  it("transfers: every case:read holder, nobody else", () => {
    expect(ROLES.filter((role) => transfersVisible(viewer([role])))).toEqual([
      "mia_officer",
      "dhs_liaison",
      "facility_staff",
      "legal_counsel",
      "monitor",
      "ombudsperson",
      "auditor",
    ]);
    expect(transfersVisible(PUBLIC)).toBe(false);
  });
});

describe("caseScopeSql", () => {
  it("is TRUE for all and FALSE for none", () => {
    expect(caseScopeSql({ kind: "all" }, "c")).toEqual({ sql: "TRUE", params: {} });
    expect(caseScopeSql({ kind: "none" }, "c")).toEqual({ sql: "FALSE", params: {} });
    expect(caseScopeSql(some({}), "c")).toEqual({ sql: "FALSE", params: {} });
  });

  it("ORs the grants, reading the published views schema-qualified, with named parameters", () => {
    const counselId = randomUUID();
    const facilityId = randomUUID();
    expect(caseScopeSql(some({ counselId, facilityId, beforeHandover: true }), "x", "rule")).toEqual({
      sql:
        "(EXISTS (SELECT 1 FROM cases.counsel_client cc WHERE cc.case_id = x.id AND cc.counsel_id = :ruleCounselId)" +
        " OR EXISTS (SELECT 1 FROM facilities.case_residence cr WHERE cr.case_id = x.id AND cr.facility_id = :ruleFacilityId)" +
        " OR x.arrived_at IS NULL)",
      params: { ruleCounselId: counselId, ruleFacilityId: facilityId },
    });
  });
});
