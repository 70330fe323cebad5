import { ROLES, SCOPES, rolesWith } from "@kgraph/policy";
import { placementRuleSql } from "../src/modules/placement/placement.loaders";
import {
  type PlacementScope,
  mayWritePlacementAt,
  placementReadScope,
  placementScope,
  placementWriteScope,
} from "../src/modules/placement/placement.policy";

const FACILITY = "0b9c3f8e-6a43-4b2e-9d35-2d1f6f1c0a01";
const OTHER_FACILITY = "0b9c3f8e-6a43-4b2e-9d35-2d1f6f1c0a02";
const COUNSEL = "5f0e6a7b-1c2d-4e3f-8a9b-0c1d2e3f4a5b";

const viewer = (roles: string[], claims: { sub?: string; facilityId?: string } = {}) => ({
  roles,
  public: false,
  sub: claims.sub,
  facilityId: claims.facilityId,
});

describe("placementReadScope", () => {
  it.each(["mia_officer", "ombudsperson", "auditor"])("%s reads every placement", (role) => {
    expect(placementReadScope(viewer([role], { sub: COUNSEL, facilityId: FACILITY }))).toEqual({ kind: "all" });
  });

  it("facility staff read their own facility's placements", () => {
    expect(placementReadScope(viewer(["facility_staff"], { sub: COUNSEL, facilityId: FACILITY }))).toEqual({
      kind: "facility",
      facilityId: FACILITY,
    });
  });

  it("legal counsel read their clients' placements (counsel id = sub)", () => {
    expect(placementReadScope(viewer(["legal_counsel"], { sub: COUNSEL, facilityId: FACILITY }))).toEqual({
      kind: "counsel",
      counselId: COUNSEL,
    });
  });

  it("a viewer holding both narrowed roles gets the union", () => {
    expect(
      placementReadScope(viewer(["legal_counsel", "facility_staff"], { sub: COUNSEL, facilityId: FACILITY })),
    ).toEqual({ kind: "facilityOrCounsel", facilityId: FACILITY, counselId: COUNSEL });
  });

  it("any unrestricted role opens everything, whatever the order of the roles", () => {
    for (const roles of [
      ["facility_staff", "auditor"],
      ["auditor", "facility_staff"],
      ["legal_counsel", "facility_staff", "mia_officer"],
    ]) {
      expect(placementReadScope(viewer(roles, { sub: COUNSEL, facilityId: FACILITY }))).toEqual({ kind: "all" });
    }
  });

  it("a narrowed role whose token lacks (or garbles) its claim reads nothing", () => {
    expect(placementReadScope(viewer(["facility_staff"], { sub: COUNSEL }))).toEqual({ kind: "none" });
    expect(placementReadScope(viewer(["facility_staff"], { facilityId: "not-a-uuid" }))).toEqual({ kind: "none" });
    expect(placementReadScope(viewer(["legal_counsel"], { sub: "counsel-7" }))).toEqual({ kind: "none" });
    expect(placementReadScope(viewer(["legal_counsel"], {}))).toEqual({ kind: "none" });
  });

  it.each(["dhs_liaison", "monitor", "training_admin", "no_such_role"])("%s reads no placement", (role) => {
    expect(placementReadScope(viewer([role], { sub: COUNSEL, facilityId: FACILITY }))).toEqual({ kind: "none" });
  });

  it("the public reads no placement, and neither does a viewer without roles", () => {
    expect(placementReadScope({ roles: ["mia_officer"], public: true })).toEqual({ kind: "none" });
    expect(placementReadScope(viewer([]))).toEqual({ kind: "none" });
  });

  it("opens something exactly for the roles the policy grants placement:read", () => {
    const opened = ROLES.filter(
      (role) => placementReadScope(viewer([role], { sub: COUNSEL, facilityId: FACILITY })).kind !== "none",
    );
    expect(opened).toEqual(rolesWith(SCOPES.PLACEMENT_READ));
  });
});

describe("placementWriteScope", () => {
  it("mia officers change every placement; facility staff their own facility's", () => {
    expect(placementWriteScope(viewer(["mia_officer"]))).toEqual({ kind: "all" });
    expect(placementWriteScope(viewer(["facility_staff"], { facilityId: FACILITY }))).toEqual({
      kind: "facility",
      facilityId: FACILITY,
    });
  });

  it("roles reading every placement but not writing them (ombudsperson, auditor) change none", () => {
    expect(placementWriteScope(viewer(["ombudsperson"]))).toEqual({ kind: "none" });
    expect(placementWriteScope(viewer(["auditor"]))).toEqual({ kind: "none" });
    expect(placementWriteScope(viewer(["auditor", "facility_staff"], { facilityId: FACILITY }))).toEqual({
      kind: "facility",
      facilityId: FACILITY,
    });
  });

  it("legal counsel change no placement, even their clients'", () => {
    expect(placementWriteScope(viewer(["legal_counsel"], { sub: COUNSEL }))).toEqual({ kind: "none" });
    expect(
      placementWriteScope(viewer(["legal_counsel", "facility_staff"], { sub: COUNSEL, facilityId: FACILITY })),
    ).toEqual({ kind: "facility", facilityId: FACILITY });
  });

  it("opens something exactly for the roles the policy grants placement:write", () => {
    const opened = ROLES.filter(
      (role) =>
        placementScope(viewer([role], { sub: COUNSEL, facilityId: FACILITY }), SCOPES.PLACEMENT_WRITE).kind !== "none",
    );
    expect(opened).toEqual(rolesWith(SCOPES.PLACEMENT_WRITE));
  });
});

describe("mayWritePlacementAt", () => {
  const cases: [PlacementScope, string, boolean][] = [
    [{ kind: "all" }, FACILITY, true],
    [{ kind: "facility", facilityId: FACILITY }, FACILITY, true],
    [{ kind: "facility", facilityId: FACILITY }, OTHER_FACILITY, false],
    [{ kind: "facilityOrCounsel", facilityId: FACILITY, counselId: COUNSEL }, FACILITY, true],
    [{ kind: "facilityOrCounsel", facilityId: FACILITY, counselId: COUNSEL }, OTHER_FACILITY, false],
    [{ kind: "counsel", counselId: COUNSEL }, FACILITY, false],
    [{ kind: "none" }, FACILITY, false],
  ];
  it.each(cases)("%j at %s → %s", (scope, facilityId, allowed) => {
    expect(mayWritePlacementAt(scope, facilityId)).toBe(allowed);
  });
});

describe("placementRuleSql", () => {
  it("turns each scope into a parameterised condition on the given alias", () => {
    expect(placementRuleSql({ kind: "all" }, "p")).toEqual({ sql: "TRUE", params: {} });
    expect(placementRuleSql({ kind: "none" }, "p")).toEqual({ sql: "FALSE", params: {} });
    expect(placementRuleSql({ kind: "facility", facilityId: FACILITY }, "x")).toEqual({
      sql: "x.facility_id = :ruleFacilityId::uuid",
      params: { ruleFacilityId: FACILITY },
    });
    const counsel = placementRuleSql({ kind: "counsel", counselId: COUNSEL }, "p");
    expect(counsel.sql).toBe(
      "p.case_id IN (SELECT cc.case_id FROM cases.counsel_client cc WHERE cc.counsel_id = :ruleCounselId::uuid)",
    );
    expect(counsel.params).toEqual({ ruleCounselId: COUNSEL });
    const both = placementRuleSql({ kind: "facilityOrCounsel", facilityId: FACILITY, counselId: COUNSEL }, "p");
    expect(both.sql).toBe(`(p.facility_id = :ruleFacilityId::uuid OR ${counsel.sql})`);
    expect(both.params).toEqual({ ruleFacilityId: FACILITY, ruleCounselId: COUNSEL });
  });
});
