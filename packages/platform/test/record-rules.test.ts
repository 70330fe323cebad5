import { randomUUID } from "node:crypto";
import {
  ACCESS,
  ALL,
  ALL_SCOPES,
  DATA,
  ROLES,
  RULES,
  type RuleName,
  PUBLIC_ACCESS,
  SCOPES,
  type Scope,
  scopesForClaims,
} from "@kgraph/policy";
import { type Viewer, bindRule, defineRecordKind, positional, recordScope, viewerFromClaims } from "../src";

/**
 * The one record-rule mechanism, pure: what a viewer reaches under a scope is exactly what the
 * policy's tables say — ALL only where they say ALL, a role's rules bound to the token's claims,
 * nothing for a rule whose claim is missing or malformed, the union over several roles.
 */
const SUB = randomUUID();
const FACILITY = randomUUID();
const ORG = randomUUID();
const OFFICIAL = randomUUID();

function viewer(roles: string[], claims: Record<string, unknown> = {}): Viewer {
  return viewerFromClaims({ sub: SUB, facility_id: FACILITY, org_id: ORG, roles, ...claims });
}
const PUBLIC: Viewer = { roles: [], scopes: [], public: true };

const CLAIM_VALUES: Record<string, string> = { sub: SUB, facility_id: FACILITY, org_id: ORG, official_id: OFFICIAL };
const bound = (rule: RuleName) => {
  const claim = (RULES[rule] as { claim: string | null }).claim;
  return { rule, value: claim ? CLAIM_VALUES[claim] : null };
};

describe("recordScope follows the access table cell by cell", () => {
  const cells = ROLES.flatMap((role) => ALL_SCOPES.map((scope) => [role, scope] as const));

  it.each(cells)("%s × %s", (role, scope) => {
    const grant = ACCESS[role][scope];
    // What everyone reads (published monitoring reports, impact assessments) comes first.
    const open = PUBLIC_ACCESS[scope];
    const everyone = open && open !== ALL ? open.map((conjunction) => conjunction.map(bound)) : [];
    const got = recordScope(viewer([role]), scope);
    if (grant === ALL) expect(got).toEqual({ kind: "all" });
    else if (grant === undefined) {
      expect(got).toEqual(everyone.length ? { kind: "some", alternatives: everyone } : { kind: "none" });
    } else {
      expect(got).toEqual({
        kind: "some",
        alternatives: [...everyone, ...grant.map((conjunction) => conjunction.map(bound))],
      });
    }
  });
});

describe("claims", () => {
  it("a rule whose claim is missing or malformed grants nothing", () => {
    expect(recordScope(viewer(["legal_counsel"], { sub: "not-a-uuid" }), SCOPES.CASE_READ)).toEqual({ kind: "none" });
    expect(recordScope(viewer(["facility_staff"], { facility_id: undefined }), SCOPES.CASE_READ)).toEqual({
      kind: "none",
    });
    expect(recordScope(viewer(["monitor"], { org_id: "" }), SCOPES.MONITORING_WRITE)).toEqual({ kind: "none" });
  });

  it("an alternative survives when only another alternative's claim is missing", () => {
    expect(recordScope(viewer(["monitor"], { org_id: "x" }), SCOPES.COMPLAINT_READ)).toEqual({
      kind: "some",
      alternatives: [[bound("filedByCaller")]],
    });
  });

  it("a conjunction needs every claim it uses", () => {
    const staff = viewer(["facility_staff"], { facility_id: "nope" });
    expect(recordScope(staff, SCOPES.PLACEMENT_WRITE)).toEqual({ kind: "none" });
    expect(recordScope(viewer(["facility_staff"]), SCOPES.PLACEMENT_WRITE)).toEqual({
      kind: "some",
      alternatives: [[bound("ownFacility"), bound("residentOfOwnFacility")]],
    });
  });

  it("a token naming its own official record reaches that record, whatever its roles", () => {
    const own = viewer(["dhs_liaison"], { official_id: OFFICIAL });
    expect(own.scopes).toContain(SCOPES.TRAINING_RECORDS_READ);
    expect(recordScope(own, SCOPES.TRAINING_RECORDS_READ)).toEqual({
      kind: "some",
      alternatives: [[bound("ownRecord")]],
    });
    expect(scopesForClaims({ roles: [], official_id: OFFICIAL })).toEqual([SCOPES.TRAINING_RECORDS_READ]);
  });

  it("bindRule refuses the public any claim", () => {
    expect(bindRule(PUBLIC, "ownFacility")).toBeNull();
    expect(bindRule(PUBLIC, "published")).toEqual({ rule: "published", value: null });
  });
});

describe("several roles, unknown roles, the public", () => {
  it("takes the union of the roles' rules; ALL anywhere makes it ALL", () => {
    expect(recordScope(viewer(["legal_counsel", "facility_staff"]), SCOPES.CASE_READ)).toEqual({
      kind: "some",
      alternatives: [[bound("counselOfRecord")], [bound("residentOfOwnFacility")]],
    });
    expect(recordScope(viewer(["legal_counsel", "auditor"]), SCOPES.CASE_READ)).toEqual({ kind: "all" });
  });

  it("gives an unknown role, no role and the public nothing but what everyone reads", () => {
    for (const who of [viewer(["janitor"]), viewer([]), PUBLIC]) {
      expect(recordScope(who, SCOPES.CASE_READ)).toEqual({ kind: "none" });
      expect(recordScope(who, SCOPES.MONITORING_READ)).toEqual({
        kind: "some",
        alternatives: [[bound("published")]],
      });
    }
  });
});

describe("a kind of record turns the scope into SQL", () => {
  const kind = defineRecordKind({
    name: "Thing",
    table: "test.thing",
    scopes: [SCOPES.PLACEMENT_READ],
    rules: {
      ownFacility: (t, facilityId, param) => `${t}.facility_id = ${param(facilityId)}`,
      counselOfRecord: false,
    },
  });

  it("ALL is TRUE, none is FALSE", () => {
    expect(kind.where(viewer(["mia_officer"]), SCOPES.PLACEMENT_READ, "t")).toEqual({ sql: "TRUE", params: {} });
    expect(kind.where(viewer(["monitor"]), SCOPES.PLACEMENT_READ, "t")).toEqual({ sql: "FALSE", params: {} });
  });

  it("binds each rule's claim as a parameter, never into the text", () => {
    const { sql, params } = kind.where(viewer(["facility_staff"]), SCOPES.PLACEMENT_READ, "t");
    expect(sql).toMatch(/^\(\(t\.facility_id = :rr\d+\)\)$/);
    expect(Object.values(params)).toEqual([FACILITY]);
    expect(sql).not.toContain(FACILITY);
  });

  it("a rule written as false reaches nothing; a rule left out reaches nothing and is reported", () => {
    expect(kind.where(viewer(["legal_counsel"]), SCOPES.PLACEMENT_READ, "t").sql).toBe("(FALSE)");
    const partial = defineRecordKind({ name: "Partial", table: "test.p", scopes: [SCOPES.PLACEMENT_READ], rules: {} });
    expect(partial.where(viewer(["facility_staff"]), SCOPES.PLACEMENT_READ, "t").sql).toBe("(FALSE)");
    expect(partial.missingRules()).toEqual(["counselOfRecord", "ownFacility"]);
    expect(kind.missingRules()).toEqual([]);
  });

  it("parameter names never collide between two conditions in one statement", () => {
    const a = kind.where(viewer(["facility_staff"]), SCOPES.PLACEMENT_READ, "a");
    const b = kind.where(viewer(["facility_staff"], { facility_id: randomUUID() }), SCOPES.PLACEMENT_READ, "b");
    expect(Object.keys(a.params).some((name) => name in b.params)).toBe(false);
  });

  it("positional() numbers the parameters for a raw statement", () => {
    const condition = kind.where(viewer(["facility_staff"]), SCOPES.PLACEMENT_READ, "t");
    expect(positional(condition, 2)).toEqual({ sql: "((t.facility_id = $3))", values: [FACILITY] });
  });
});

describe("data classes", () => {
  it("every class names only scopes of the policy, and an audited class needs a scope", () => {
    for (const [name, dataClass] of Object.entries(DATA)) {
      const scopes: readonly Scope[] = [
        ...dataClass.scopes,
        ...(("recordsOf" in dataClass && dataClass.recordsOf) || []),
      ];
      for (const scope of scopes) expect(ALL_SCOPES).toContain(scope);
      if (dataClass.audited) expect(`${name}: ${dataClass.scopes.length}`).not.toBe(`${name}: 0`);
    }
  });
});
