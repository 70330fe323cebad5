import { randomUUID } from "node:crypto";
import {
  type CallAs,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  GATEWAY_ISSUER,
  type GraphQLResponse,
  RecordAccess,
  type Viewer,
  generateKeyPairJwk,
  signToken,
  unique,
  viewerFromClaims,
} from "@kgraph/platform";
import { type DataClassName, ROLES, type Role, SCOPES, type Scope } from "@kgraph/policy";
import { CALLERS, type Caller, type Cell, type Step, callerHolds, describeRoleTable } from "@kgraph/testkit";
import {
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  isNonNullType,
  parse,
} from "graphql";
import { definition } from "../src";
import { type FacilitiesContext, createLoaders } from "../src/context";
import { type Facility, FacilityType } from "../src/modules/facility/facility.entity";
import { type Placement, PlacementStatus } from "../src/modules/placement/placement.entity";
import { type Scenario, SOMEONE, callerFor, insertPlacement, seedScenario } from "./authorization-fixture";
import { type FacilitiesHarness, createFacility, startFacilitiesHarness } from "./harness";

/**
 * THE SCOPE TABLE of the facilities subgraph, cell by cell, against the subgraph itself (no
 * gateway), on the shared role-table kit: for every role of the policy and the public caller,
 * every protected field through each door (a query, an entity reference, a list, an inline
 * fragment) comes back with the exact value, FORBIDDEN at its exact path, or null where the
 * record rule leaves the record out.
 *
 * The scopes each field needs are transcribed here (FIELD_CLASSES and the steps below, from
 * DESIGN §3 and issue 7), never read from the decorators under test; the SDL and the data classes
 * the subgraph declares are checked against this transcription at the end.
 *
 * Callers sign in as the scenario wants them (authorization-fixture.ts): facility staff of A,
 * legal counsel K (clients c1, c2, c5, c6, c7), anyone else with a plain subject.
 */

let h: FacilitiesHarness;
let s: Scenario;
/** Facilities the write table changes: W takes placements (its staff write there), U is updated. */
let W: Facility;
let U: Facility;
/** The first facility by name, as `facilities` lists them. */
let firstFacility: { id: string; name: string };

beforeAll(async () => {
  h = await startFacilitiesHarness();
  s = await seedScenario(h.db);
  W = await createFacility(h.db, { officialCapacity: 100 });
  U = await createFacility(h.db, { municipality: "Ferizaj" });
  [firstFacility] = await h.db.query(`SELECT id, name FROM facilities.facility ORDER BY name, id LIMIT 1`);
});
afterAll(async () => {
  await h?.stop();
});

const PR = SCOPES.PLACEMENT_READ;
const PW = SCOPES.PLACEMENT_WRITE;
const PC = SCOPES.PLACEMENT_CONFIRM;
const FW = SCOPES.FACILITY_WRITE;
const SENS = SCOPES.CASE_SENSITIVE_READ;
const AUDIT = SCOPES.AUDIT_READ;

/** The MIA officer of the write table (a synthetic subject). */
const OFFICER_SUB = "mia-officer-51d0";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

/** The one refusal of a placement write outside the writer's record rule (transcribed). */
const OUTSIDE_RULE =
  "Facility staff change placements only at their own facility (their token's facility_id), and place only people an MIA officer has placed there.";

const callAs = (caller: Caller): Promise<CallAs> => callerFor(h, caller, s);

/**
 * Whether a caller's record rule for placement:read reaches a scenario placement, as DESIGN §3
 * words it: MIA, Ombudsperson and auditors every placement, facility staff their facility's (A),
 * counsel their clients' (K: c1, c2, c5, c6, c7).
 */
function reaches(caller: Caller, key: keyof Scenario["p"]): boolean {
  if (caller === "mia_officer" || caller === "ombudsperson" || caller === "auditor") return true;
  if (caller === "facility_staff") return key.startsWith("A");
  if (caller === "legal_counsel") return ["A1", "A3", "A4", "B1", "B3"].includes(key);
  return false;
}
const visible = (caller: Caller, keys: (keyof Scenario["p"])[]) =>
  keys.filter((key) => reaches(caller, key)).map((key) => ({ node: { id: s.p[key] } }));

/** A response as compared here: status, data and each error's message, path and extensions. */
function answer(res: GraphQLResponse) {
  return res.errors ? { status: res.status, data: res.data, errors: errorsOf(res) } : res;
}
/** Each error's message, path and extensions, in the order of their paths. */
function errorsOf(res: GraphQLResponse) {
  return res.errors
    ?.map(({ message, path, extensions }) => ({ message, path, extensions }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
}

// Doors.
const placementOf = (variable: string): Step => ({ field: "placement", args: `(id: $${variable})`, scopes: [PR] });
const facilityOf = (variable: string): Step => ({ field: "facility", args: `(id: $${variable})` });
const entity = (variable: string, type: string): Step => ({
  field: "_entities",
  args: `(representations: $${variable})`,
  list: true,
  on: type,
});
const facilityPlacements = (args = "(first: 20)"): Step => ({ field: "placements", args, scopes: [PR] });
const edges: Step = { field: "edges", list: true };
const node: Step = { field: "node" };

/** A field of one scenario placement read through `placement(id)`. */
const placementField = (
  field: string,
  scopes: Scope[],
  variable: string,
  value: () => unknown,
  leaf?: string,
): Cell => ({
  name: `Placement.${field}`,
  steps: [placementOf(variable), { field, scopes }],
  leaf,
  expected: value,
});

const FACILITY_PUBLIC_FIELDS: [string, (f: Facility) => unknown][] = [
  ["id", (f) => f.id],
  ["name", (f) => f.name],
  ["type", () => "RECEPTION_CENTRE"],
  ["municipality", () => "Prishtinë"],
  ["officialCapacity", () => 50],
  ["status", () => "OPERATIONAL"],
];

/**
 * The cells. The exact occupancy and its rate are for signed-in callers; the public reads the
 * band (facility.test.ts checks the band boundaries).
 */
/** Residents checked in at A in the scenario. */
const OCCUPANCY_OF_A = 1;

const CELLS = (): Cell[] => [
  // Public: the facilities and their fixed facts, for everyone, the public included.
  {
    name: "Query.facilities",
    steps: [{ field: "facilities", list: true }, { field: "id" }],
    expected: () => firstFacility.id,
  },
  { name: "Query.facility", steps: [facilityOf("fa")], leaf: "{ id }", expected: () => ({ id: s.A.id }) },
  ...FACILITY_PUBLIC_FIELDS.map(([field, value]): Cell => ({
    name: `Facility.${field}`,
    steps: [facilityOf("fa"), { field }],
    expected: () => value(s.A),
  })),
  {
    name: "Facility.occupancy",
    steps: [facilityOf("fa"), { field: "occupancy", signedIn: true }],
    expected: () => OCCUPANCY_OF_A,
  },
  {
    name: "Facility.occupancyRate (entity reference)",
    steps: [entity("facilityRefs", "Facility"), { field: "occupancyRate", signedIn: true }],
    expected: () => OCCUPANCY_OF_A / 50,
  },
  {
    name: "Facility.occupancyBand",
    steps: [facilityOf("fa"), { field: "occupancyBand" }],
    expected: () => "UNDER_HALF",
  },
  {
    name: "Facility.name (entity reference)",
    steps: [entity("facilityRefs", "Facility"), { field: "name" }],
    expected: () => s.A.name,
  },

  // Public quarter figures, the same for everyone: 2025-Q1 is before the scenario's stays, so
  // every facility's capacity is there, no rate (no residents) and no nights.
  {
    name: "StatisticsQuarter.facilityFigures",
    steps: [
      { field: "_entities", args: "(representations: $quarterRefs)", list: true, on: "StatisticsQuarter" },
      { field: "facilityFigures" },
    ],
    leaf: "{ indicator dimension value suppressed }",
    expected: () => {
      const facilities = [s.A, s.B, W, U].sort((a, b) => (a.id < b.id ? -1 : 1));
      return [
        ...facilities.map((f) => ({
          indicator: "official_capacity",
          dimension: f.id,
          value: f.officialCapacity,
          suppressed: false,
        })),
        ...facilities.map((f) => ({
          indicator: "occupancy_rate_mean",
          dimension: f.id,
          value: null,
          suppressed: true,
        })),
        // No municipality listed: a breakdown lists only the parts published above zero.
        { indicator: "resident_nights", dimension: null, value: 0, suppressed: false },
      ];
    },
  },

  // The audit trail: a reference anyone may name, its events only for audit:read.
  {
    name: "AuditTrail.facilities",
    steps: [
      entity("auditRefs", "AuditTrail"),
      { field: "facilities", args: "(first: 5, filter: { recordId: $unknown })", scopes: [AUDIT] },
    ],
    leaf: "{ edges { cursor } }",
    expected: () => ({ edges: [] }),
  },

  // Query.placement: the record rule decides whether the placement is there at all.
  { name: "Query.placement", steps: [placementOf("a1")], leaf: "{ id }", expected: () => ({ id: s.p.A1 }) },
  {
    name: "Query.placement (A2: staff's facility, not counsel K's client)",
    steps: [placementOf("a2")],
    leaf: "{ id }",
    expected: (caller) => (reaches(caller, "A2") ? { id: s.p.A2 } : null),
  },
  {
    name: "Query.placement (B2: another facility, no counsel)",
    steps: [placementOf("b2")],
    leaf: "{ id status }",
    expected: (caller) => (reaches(caller, "B2") ? { id: s.p.B2, status: "CANCELLED" } : null),
  },
  { name: "Query.placement (unknown id)", steps: [placementOf("unknown")], leaf: "{ id }", expected: () => null },

  // Every Placement field, of placements all placement:read callers of the table reach (A1, A3, A4).
  placementField("regime", [PR], "a1", () => "OPEN"),
  placementField("status", [PR], "a1", () => "CHECKED_IN"),
  placementField("plannedAt", [PR], "a1", () => "2026-01-01T08:00:00.000Z"),
  placementField("checkInAt", [PR], "a1", () => "2026-01-02T10:00:00.000Z"),
  placementField("checkOutAt", [PR], "a3", () => "2025-11-30T10:00:00.000Z"),
  // Why a person left or a placement was cancelled is free text about the person: sensitive.
  placementField("checkOutReason", [SENS], "a3", () => "Moved to another facility"),
  placementField("cancelledAt", [PR], "a4", () => "2025-09-28T12:00:00.000Z"),
  placementField("cancellationReason", [SENS], "a4", () => "Case withdrawn"),
  // An officer planned it: confirmed when planned.
  placementField("confirmedAt", [PR], "a1", () => "2026-01-01T08:00:00.000Z"),
  placementField("case", [PR], "a1", () => ({ id: s.cases.c1 }), "{ id }"),
  placementField("facility", [PR], "a1", () => ({ id: s.A.id, name: s.A.name }), "{ id name }"),
  {
    name: "Placement.checkOutReason (A2: counsel K's rule leaves the placement out)",
    steps: [placementOf("a2"), { field: "checkOutReason", scopes: [SENS] }],
    expected: (caller) => (reaches(caller, "A2") ? "Onward return" : null),
  },

  // Facility.placements: each caller's records of the rule, newest planned first.
  {
    name: "Facility.placements (facility(id))",
    steps: [facilityOf("fa"), facilityPlacements()],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({ edges: visible(caller, ["A1", "A2", "A3", "A4"]) }),
  },
  {
    name: "Facility.placements (another facility: nothing for A's staff)",
    steps: [facilityOf("fb"), facilityPlacements()],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({ edges: visible(caller, ["B1", "B2", "B3"]) }),
  },
  {
    name: "Facility.placements (entity reference, inline fragment, ended only)",
    steps: [entity("facilityRefs", "Facility"), facilityPlacements("(first: 20, current: false)")],
    leaf: "{ edges { node { id } } }",
    expected: (caller) => ({ edges: visible(caller, ["A2", "A3", "A4"]) }),
  },
  {
    name: "Placement.status (through Facility.placements)",
    steps: [entity("facilityRefs", "Facility"), facilityPlacements(), edges, node, { field: "status", scopes: [PR] }],
    expected: () => "CHECKED_IN",
  },
  {
    // The first ended placement the caller reaches: A2 for whoever reaches it, A3 for counsel K.
    name: "Placement.checkOutReason (through Facility.placements, ended only)",
    steps: [
      facilityOf("fa"),
      facilityPlacements("(first: 1, current: false)"),
      edges,
      node,
      { field: "checkOutReason", scopes: [SENS] },
    ],
    expected: (caller) => (reaches(caller, "A2") ? "Onward return" : "Moved to another facility"),
  },

  // Case.placements and Case.currentPlacement: c5 left A (A3) and lives at B now (B3).
  {
    name: "Case.placements",
    steps: [entity("c5Refs", "Case"), { field: "placements", scopes: [PR] }],
    leaf: "{ id status }",
    expected: (caller) =>
      [
        ["B3", "CHECKED_IN"],
        ["A3", "CHECKED_OUT"],
      ]
        .filter(([key]) => reaches(caller, key as keyof Scenario["p"]))
        .map(([key, status]) => ({ id: s.p[key as keyof Scenario["p"]], status })),
  },
  {
    name: "Case.currentPlacement",
    steps: [entity("c5Refs", "Case"), { field: "currentPlacement", scopes: [PR] }],
    leaf: "{ id }",
    expected: (caller) => (reaches(caller, "B3") ? { id: s.p.B3 } : null),
  },
  {
    name: "Placement.checkOutAt (through Case.placements: A's staff reach only the stay at A)",
    steps: [
      entity("c5Refs", "Case"),
      { field: "placements", scopes: [PR], list: true },
      { field: "checkOutAt", scopes: [PR] },
    ],
    expected: (caller) => (reaches(caller, "B3") ? null : "2025-11-30T10:00:00.000Z"),
  },
  {
    name: "Placement.confirmedAt (through Case.currentPlacement)",
    steps: [
      entity("c5Refs", "Case"),
      { field: "currentPlacement", scopes: [PR] },
      { field: "confirmedAt", scopes: [PR] },
    ],
    expected: (caller) => (reaches(caller, "B3") ? "2025-12-01T08:00:00.000Z" : null),
  },
];

/** The variables the cells use. */
function variables(): Record<string, { type: string; value: unknown }> {
  const id = (value: string) => ({ type: "ID!", value });
  const refs = (__typename: string, value: string) => ({ type: "[_Any!]!", value: [{ __typename, id: value }] });
  return {
    a1: id(s.p.A1),
    a2: id(s.p.A2),
    a3: id(s.p.A3),
    a4: id(s.p.A4),
    b2: id(s.p.B2),
    fa: id(s.A.id),
    fb: id(s.B.id),
    unknown: id(UNKNOWN),
    facilityRefs: refs("Facility", s.A.id),
    c5Refs: refs("Case", s.cases.c5),
    auditRefs: refs("AuditTrail", "audit"),
    quarterRefs: { type: "[_Any!]!", value: [{ __typename: "StatisticsQuarter", quarter: "2025-Q1" }] },
  };
}

describeRoleTable("the scope table: every protected field for every role and the public", () => ({
  cells: CELLS(),
  variables,
  callAs,
  send: (query, values, as) => h.gql(query, values, as),
  schema: () => definition.buildSchema(),
}));

describe("Placement references (_entities): refused without placement:read, the record rule with it", () => {
  // A Placement reference is refused whole to a caller without placement:read, whether the
  // placement exists or not; the kit's cells model refusals at a field, so this door is here.
  const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Placement { id status } } }`;
  const refs = () => ({ r: [s.p.A1, s.p.B2, UNKNOWN].map((id) => ({ __typename: "Placement", id })) });
  const refused = (index: number) => ({
    message: "A Placement reference needs placement:read.",
    path: ["_entities", index],
    extensions: { code: "FORBIDDEN", requiredScopes: [PR] },
  });

  it.each(CALLERS)("as %s", async (caller) => {
    const res = await h.gql(QUERY, refs(), await callAs(caller));
    if (!callerHolds(caller, [PR])) {
      expect(answer(res)).toEqual({
        status: 200,
        data: { _entities: [null, null, null] },
        errors: [refused(0), refused(1), refused(2)],
      });
    } else {
      expect(res).toEqual({
        status: 200,
        data: {
          _entities: [
            { id: s.p.A1, status: "CHECKED_IN" },
            reaches(caller, "B2") ? { id: s.p.B2, status: "CANCELLED" } : null,
            null,
          ],
        },
      });
    }
  });
});

describe("finding: why a person left or a placement was cancelled is sensitive", () => {
  // Before: Placement.checkOutReason and cancellationReason were placement:read data, so facility
  // staff and auditors read free text about the person (a hospital stay, an absconding, a
  // family's reasons) that only case:sensitive:read callers may read.
  const QUERY = `query($a3: ID!, $a4: ID!, $f: ID!, $r: [_Any!]!) {
    left: placement(id: $a3) { id checkOutReason }
    cancelled: placement(id: $a4) { id cancellationReason }
    facility(id: $f) { placements(first: 1, current: false) { edges { node { id checkOutReason } } } }
    _entities(representations: $r) { ... on Placement { id cancellationReason } }
  }`;
  const variables = () => ({ a3: s.p.A3, a4: s.p.A4, f: s.A.id, r: [{ __typename: "Placement", id: s.p.A4 }] });
  const needs = (field: string, path: (string | number)[]) => ({
    message: `Placement.${field} needs case:sensitive:read.`,
    path,
    extensions: { code: "FORBIDDEN", requiredScopes: [SENS] },
  });

  it.each(["facility_staff", "auditor"] as const)(
    "%s gets FORBIDDEN at every reason, wherever it is asked",
    async (caller) => {
      const res = await h.gql(QUERY, variables(), await callAs(caller));
      expect(answer(res)).toEqual({
        status: 200,
        data: {
          left: { id: s.p.A3, checkOutReason: null },
          cancelled: { id: s.p.A4, cancellationReason: null },
          facility: { placements: { edges: [{ node: { id: s.p.A2, checkOutReason: null } }] } },
          _entities: [{ id: s.p.A4, cancellationReason: null }],
        },
        errors: [
          needs("cancellationReason", ["_entities", 0, "cancellationReason"]),
          needs("cancellationReason", ["cancelled", "cancellationReason"]),
          needs("checkOutReason", ["facility", "placements", "edges", 0, "node", "checkOutReason"]),
          needs("checkOutReason", ["left", "checkOutReason"]),
        ],
      });
    },
  );

  it.each(["mia_officer", "ombudsperson"] as const)("%s reads them", async (caller) => {
    const res = await h.gql(QUERY, variables(), await callAs(caller));
    expect(res).toEqual({
      status: 200,
      data: {
        left: { id: s.p.A3, checkOutReason: "Moved to another facility" },
        cancelled: { id: s.p.A4, cancellationReason: "Case withdrawn" },
        facility: { placements: { edges: [{ node: { id: s.p.A2, checkOutReason: "Onward return" } }] } },
        _entities: [{ id: s.p.A4, cancellationReason: "Case withdrawn" }],
      },
    });
  });

  it("counsel reads their clients' reasons only", async () => {
    const res = await h.gql(QUERY, variables(), await callAs("legal_counsel"));
    expect(res).toEqual({
      status: 200,
      data: {
        left: { id: s.p.A3, checkOutReason: "Moved to another facility" },
        cancelled: { id: s.p.A4, cancellationReason: "Case withdrawn" },
        // A2 (c3) is not K's client: the first ended placement K reaches at A is A3.
        facility: { placements: { edges: [{ node: { id: s.p.A3, checkOutReason: "Moved to another facility" } }] } },
        _entities: [{ id: s.p.A4, cancellationReason: "Case withdrawn" }],
      },
    });
  });
});

describe("aliases, named fragments and inline fragments meet the same wall", () => {
  const QUERY = `query($a3: ID!, $r: [_Any!]!) {
    stay: placement(id: $a3) { ...Stay }
    _entities(representations: $r) {
      ... on Facility { id residents: placements(first: 5, current: true) { edges { node { id when: plannedAt } } } }
      ...Now
    }
  }
  fragment Stay on Placement { id why: checkOutReason ... on Placement { left: checkOutAt } }
  fragment Now on Case { id now: currentPlacement { id } }`;
  const variables = () => ({
    a3: s.p.A3,
    r: [
      { __typename: "Facility", id: s.A.id },
      { __typename: "Case", id: s.cases.c5 },
    ],
  });

  it("facility staff: the placement fields, FORBIDDEN at the alias of the reason, nothing of B3", async () => {
    const res = await h.gql(QUERY, variables(), await callAs("facility_staff"));
    expect(answer(res)).toEqual({
      status: 200,
      data: {
        stay: { id: s.p.A3, why: null, left: "2025-11-30T10:00:00.000Z" },
        _entities: [
          { id: s.A.id, residents: { edges: [{ node: { id: s.p.A1, when: "2026-01-01T08:00:00.000Z" } }] } },
          // c5 is at B now: no current placement of A's staff's rule.
          { id: s.cases.c5, now: null },
        ],
      },
      errors: [
        {
          message: "Placement.checkOutReason needs case:sensitive:read.",
          path: ["stay", "why"],
          extensions: { code: "FORBIDDEN", requiredScopes: [SENS] },
        },
      ],
    });
  });

  it("a monitor (no placement:read): FORBIDDEN at each aliased root of placement data", async () => {
    const res = await h.gql(QUERY, variables(), await callAs("monitor"));
    expect(answer(res)).toEqual({
      status: 200,
      // The connection is not nullable: its refusal takes the facility's place with it.
      data: { stay: null, _entities: [null, { id: s.cases.c5, now: null }] },
      errors: [
        {
          message: "Facility.placements needs placement:read.",
          path: ["_entities", 0, "residents"],
          extensions: { code: "FORBIDDEN", requiredScopes: [PR] },
        },
        {
          message: "Case.currentPlacement needs placement:read.",
          path: ["_entities", 1, "now"],
          extensions: { code: "FORBIDDEN", requiredScopes: [PR] },
        },
        {
          message: "Query.placement needs placement:read.",
          path: ["stay"],
          extensions: { code: "FORBIDDEN", requiredScopes: [PR] },
        },
      ],
    });
  });

  it("counsel K: everything the query names, B3 included (c5 is a client)", async () => {
    const res = await h.gql(QUERY, variables(), await callAs("legal_counsel"));
    expect(res).toEqual({
      status: 200,
      data: {
        stay: { id: s.p.A3, why: "Moved to another facility", left: "2025-11-30T10:00:00.000Z" },
        _entities: [
          { id: s.A.id, residents: { edges: [{ node: { id: s.p.A1, when: "2026-01-01T08:00:00.000Z" } }] } },
          { id: s.cases.c5, now: { id: s.p.B3 } },
        ],
      },
    });
  });
});

/** Every row of the subgraph's own tables, to show that a refused mutation changed nothing. */
async function databaseDigest(): Promise<string> {
  const [row] = await h.db.query(`SELECT
    (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM facilities.placement p) AS placements,
    (SELECT md5(coalesce(string_agg(f::text, '|' ORDER BY f.id), '')) FROM facilities.facility f) AS facilities`);
  return `${row.placements}/${row.facilities}`;
}

/** A confirmed placement at W (an officer's), for the write table. */
async function atW(status: PlacementStatus, caseId = randomUUID()): Promise<Placement> {
  return insertPlacement(h.db, {
    caseId,
    facilityId: W.id,
    status,
    plannedAt: new Date("2026-01-04T08:00:00Z"),
    checkInAt: status === PlacementStatus.PLANNED ? null : new Date("2026-01-05T08:00:00Z"),
    checkOutAt: status === PlacementStatus.CHECKED_OUT ? new Date("2026-01-06T08:00:00Z") : null,
  });
}

/**
 * Every mutation for every caller. A caller without the scope sends a VALID change and gets
 * FORBIDDEN at the mutation's path, with the database untouched. A caller with it makes that
 * change (facility staff: of W, for a person an officer placed at W) and gets the exact data;
 * then a probe naming a record that does not exist: NOT_FOUND for a writer of every record,
 * the rule's one refusal for a restricted writer (it learns nothing about ids).
 */
interface MutationCell {
  name: string;
  scope: Scope;
  query: string;
  valid: () => Promise<Record<string, any>>;
  expected: (variables: Record<string, any>, caller: Caller) => unknown;
  /** A probe naming an unknown record, and the NOT_FOUND message a writer of every record gets. */
  probe?: {
    variables: () => Record<string, unknown>;
    notFound: string;
    /** What a restricted writer's refusal carries besides its code. */
    forbiddenExtensions?: Record<string, unknown>;
  };
}

const MUTATIONS: MutationCell[] = [
  {
    name: "createFacility",
    scope: FW,
    query: `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { name type municipality officialCapacity status } }`,
    valid: async () => ({
      input: { name: unique("Created"), type: FacilityType.SHELTER, municipality: "Pejë", officialCapacity: 12 },
    }),
    expected: (v) => ({
      createFacility: {
        name: v.input.name,
        type: "SHELTER",
        municipality: "Pejë",
        officialCapacity: 12,
        status: "OPERATIONAL",
      },
    }),
  },
  {
    name: "updateFacility",
    scope: FW,
    query: `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { id municipality } }`,
    valid: async () => ({ input: { id: U.id, municipality: unique("Municipality") } }),
    expected: (v) => ({ updateFacility: { id: U.id, municipality: v.input.municipality } }),
    probe: {
      variables: () => ({ input: { id: UNKNOWN, municipality: "Gjilan" } }),
      notFound: `Facility ${UNKNOWN} does not exist.`,
    },
  },
  {
    name: "placeCase",
    scope: PW,
    query: `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { status regime plannedAt confirmedAt case { id } facility { id } } }`,
    // A former resident an officer placed at W: staff of W may place them again.
    valid: async () => {
      const former = await atW(PlacementStatus.CHECKED_OUT);
      return {
        input: { caseId: former.caseId, facilityId: W.id, regime: "OPEN", plannedAt: "2026-03-01T08:00:00.000Z" },
      };
    },
    expected: (v, caller) => ({
      placeCase: {
        status: "PLANNED",
        regime: "OPEN",
        plannedAt: "2026-03-01T08:00:00.000Z",
        // An officer's placement is confirmed at once; the staff's waits for an officer.
        confirmedAt: caller === "mia_officer" ? expect.any(String) : null,
        case: { id: v.input.caseId },
        facility: { id: W.id },
      },
    }),
    probe: {
      variables: () => ({ input: { caseId: randomUUID(), facilityId: UNKNOWN, regime: "OPEN" } }),
      notFound: `Facility ${UNKNOWN} does not exist.`,
      forbiddenExtensions: { argument: "input" },
    },
  },
  {
    name: "confirmPlacement",
    scope: PC,
    query: `mutation($id: ID!) { confirmPlacement(placementId: $id) { id status confirmedAt } }`,
    // A re-admission staff recorded at W, waiting for an officer.
    valid: async () => {
      const former = await atW(PlacementStatus.CHECKED_OUT);
      const readmission = await insertPlacement(h.db, {
        caseId: former.caseId,
        facilityId: W.id,
        status: PlacementStatus.PLANNED,
        plannedAt: new Date("2026-02-01T08:00:00Z"),
        confirmedAt: null,
      });
      return { id: readmission.id };
    },
    expected: (v) => ({ confirmPlacement: { id: v.id, status: "PLANNED", confirmedAt: expect.any(String) } }),
    probe: { variables: () => ({ id: UNKNOWN }), notFound: `Placement ${UNKNOWN} does not exist.` },
  },
  {
    name: "checkIn",
    scope: PW,
    query: `mutation($id: ID!) { checkIn(placementId: $id, at: "2026-01-05T09:00:00.000Z") { id status checkInAt } }`,
    valid: async () => ({ id: (await atW(PlacementStatus.PLANNED)).id }),
    expected: (v) => ({ checkIn: { id: v.id, status: "CHECKED_IN", checkInAt: "2026-01-05T09:00:00.000Z" } }),
    probe: { variables: () => ({ id: UNKNOWN }), notFound: `Placement ${UNKNOWN} does not exist.` },
  },
  {
    name: "checkOut",
    scope: PW,
    query: `mutation($input: CheckOutInput!) { checkOut(input: $input) { id status checkOutAt } }`,
    valid: async () => ({
      input: {
        placementId: (await atW(PlacementStatus.CHECKED_IN)).id,
        at: "2026-01-07T08:00:00.000Z",
        reason: "Onward return",
      },
    }),
    expected: (v) => ({
      checkOut: { id: v.input.placementId, status: "CHECKED_OUT", checkOutAt: "2026-01-07T08:00:00.000Z" },
    }),
    probe: {
      variables: () => ({ input: { placementId: UNKNOWN, reason: "Onward return" } }),
      notFound: `Placement ${UNKNOWN} does not exist.`,
    },
  },
  {
    name: "cancelPlacement",
    scope: PW,
    query: `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { id status } }`,
    valid: async () => ({
      input: { placementId: (await atW(PlacementStatus.PLANNED)).id, reason: "No longer needed" },
    }),
    expected: (v) => ({ cancelPlacement: { id: v.input.placementId, status: "CANCELLED" } }),
    probe: {
      variables: () => ({ input: { placementId: UNKNOWN, reason: "No longer needed" } }),
      notFound: `Placement ${UNKNOWN} does not exist.`,
    },
  },
];

/** Writers sign in as: the officer, and staff of W (the facility the write table writes at). */
async function writerAs(caller: Caller): Promise<CallAs> {
  if (caller === "mia_officer") return { roles: [caller], sub: OFFICER_SUB };
  if (caller === "facility_staff") return { roles: [caller], sub: SOMEONE, facility_id: W.id };
  return callAs(caller);
}

describe("every mutation for every role and the public", () => {
  const table = MUTATIONS.flatMap((m) => CALLERS.map((caller) => [m.name, caller, m] as const));

  it.each(table)("%s as %s", async (name, caller, m) => {
    const as = await writerAs(caller);
    const variables = await m.valid();
    if (!callerHolds(caller, [m.scope])) {
      const before = await databaseDigest();
      const res = await h.gql(m.query, variables, as);
      expect(answer(res)).toEqual({
        status: 200,
        data: null,
        errors: [
          {
            message: `Mutation.${name} needs ${m.scope}.`,
            path: [name],
            extensions: { code: "FORBIDDEN", requiredScopes: [m.scope] },
          },
        ],
      });
      expect(await databaseDigest()).toBe(before);
      return;
    }
    const res = await h.gql(m.query, variables, as);
    expect(res).toEqual({ status: 200, data: m.expected(variables, caller) });
    if (!m.probe) return;
    const before = await databaseDigest();
    const probe = await h.gql(m.query, m.probe.variables(), as);
    // Only the officer writes every placement and facility; staff are ruled (ownFacility and residentOfOwnFacility).
    const ruled = caller === "facility_staff";
    expect(errorsOf(probe)).toEqual([
      ruled
        ? { message: OUTSIDE_RULE, path: [name], extensions: { code: "FORBIDDEN", ...m.probe.forbiddenExtensions } }
        : { message: m.probe.notFound, path: [name], extensions: { code: "NOT_FOUND", id: UNKNOWN } },
    ]);
    expect(await databaseDigest()).toBe(before);
  });
});
/**
 * The scope table as the SDL must carry it for the gateway: every field of every type this
 * subgraph defines, and the scope it needs (null: none). A field missing here fails the test.
 */
/** A field any signed-in caller reads, but not the public (`@authenticated`). */
const SIGNED_IN = "signed in";
type Access = Scope | typeof SIGNED_IN | null;

const EXPECTED_SCOPES: Record<string, Access> = {
  "Query.facilities": null,
  "AuditTrail.id": null,
  "AuditTrail.facilities": SCOPES.AUDIT_READ,
  "Query.facility": null,
  "Query.placement": PR,
  "Facility.id": null,
  "Facility.name": null,
  "Facility.type": null,
  "Facility.municipality": null,
  "Facility.officialCapacity": null,
  "Facility.status": null,
  "Facility.occupancy": SIGNED_IN,
  "Facility.occupancyRate": SIGNED_IN,
  "Facility.occupancyBand": null,
  "Facility.placements": PR,
  "PlacementConnection.edges": null,
  "PlacementConnection.pageInfo": null,
  "PlacementEdge.node": null,
  "PlacementEdge.cursor": null,
  "PageInfo.hasNextPage": null,
  "PageInfo.endCursor": null,
  "Placement.id": null,
  "Placement.regime": PR,
  "Placement.status": PR,
  "Placement.plannedAt": PR,
  "Placement.checkInAt": PR,
  "Placement.checkOutAt": PR,
  "Placement.checkOutReason": SENS,
  "Placement.cancelledAt": PR,
  "Placement.cancellationReason": SENS,
  "Placement.confirmedAt": PR,
  "Placement.case": PR,
  "Placement.facility": PR,
  "Case.id": null,
  "Case.placements": PR,
  "Case.currentPlacement": PR,
  // Public quarter statistics: open to everyone, the public included.
  "StatisticsQuarter.quarter": null,
  "StatisticsQuarter.facilityFigures": null,
  "PublicFigure.indicator": null,
  "PublicFigure.label": null,
  "PublicFigure.dimension": null,
  "PublicFigure.dimensionLabel": null,
  "PublicFigure.unit": null,
  "PublicFigure.value": null,
  "PublicFigure.suppressed": null,
  "Mutation.createFacility": FW,
  "Mutation.updateFacility": FW,
  "Mutation.placeCase": PW,
  "Mutation.confirmPlacement": PC,
  "Mutation.checkIn": PW,
  "Mutation.checkOut": PW,
  "Mutation.cancelPlacement": PW,
};

describe("the subgraph SDL", () => {
  it("carries @requiresScopes exactly as the scope table says, on every field of every type", async () => {
    const { sdl } = await definition.buildSchema();
    const found: Record<string, Access> = {};
    for (const node of parse(sdl).definitions) {
      if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const type = node as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
      // The platform's audit types are reached only through AuditTrail.facilities (checked below).
      if (type.name.value.startsWith("AuditE")) continue;
      expect(type.directives?.map((d) => d.name.value) ?? []).not.toContain("requiresScopes");
      for (const field of type.fields ?? []) {
        const directives = (field.directives ?? []).filter((d) => d.name.value === "requiresScopes");
        expect(directives.length).toBeLessThanOrEqual(1);
        const signedIn = (field.directives ?? []).some((d) => d.name.value === "authenticated");
        const arg = directives[0]?.arguments?.[0];
        let scope: Access = signedIn ? SIGNED_IN : null;
        if (arg) {
          // scopes: [["x"]] — one alternative of one scope.
          expect(arg.name.value).toBe("scopes");
          const outer = arg.value;
          expect(outer.kind).toBe(Kind.LIST);
          const values = outer.kind === Kind.LIST ? outer.values : [];
          expect(values).toHaveLength(1);
          const inner = values[0];
          const scopes =
            inner.kind === Kind.LIST ? inner.values.map((v) => (v.kind === Kind.STRING ? v.value : "?")) : [];
          expect(scopes).toHaveLength(1);
          scope = scopes[0] as Scope;
        }
        found[`${type.name.value}.${field.name.value}`] = scope;
      }
    }
    expect(found).toEqual(EXPECTED_SCOPES);
  });
});

/** The data class of every classified field (DESIGN §3: placements, and free-text reasons are sensitive). */
const FIELD_CLASSES: Record<string, DataClassName> = {
  "Facility.placements": "placement",
  "Placement.regime": "placement",
  "Placement.status": "placement",
  "Placement.plannedAt": "placement",
  "Placement.checkInAt": "placement",
  "Placement.checkOutAt": "placement",
  "Placement.checkOutReason": "sensitive",
  "Placement.cancelledAt": "placement",
  "Placement.cancellationReason": "sensitive",
  "Placement.confirmedAt": "placement",
  "Placement.case": "placement",
  "Placement.facility": "placement",
  "Case.placements": "placement",
  "Case.currentPlacement": "placement",
};

/** Which of this subgraph's scopes each role holds (DESIGN §3, "Scopes per role"; issue 7 for confirm). */
const ROLE_HOLDS: Record<Role, Scope[]> = {
  mia_officer: [PR, PW, PC, FW, SENS],
  dhs_liaison: [],
  facility_staff: [PR, PW],
  legal_counsel: [PR, SENS],
  monitor: [],
  ombudsperson: [PR, SENS, AUDIT],
  auditor: [PR, AUDIT],
  training_admin: [],
};

describe("the callers of the tables", () => {
  it("hold this subgraph's scopes as DESIGN §3 says (the kit reads them from the policy)", () => {
    const scopes = [PR, PW, PC, FW, SENS, AUDIT];
    for (const role of ROLES) expect(scopes.filter((scope) => callerHolds(role, [scope]))).toEqual(ROLE_HOLDS[role]);
    expect(scopes.filter((scope) => callerHolds("public", [scope]))).toEqual([]);
  });
});

describe("the data classes", () => {
  it("are declared on exactly the fields this table classifies, each with its class", async () => {
    expect((await definition.buildSchema()).dataClasses).toEqual(FIELD_CLASSES);
  });
});

/**
 * The second wall at field level. A query meets the scope check of the query or the list before
 * a Placement field's own, so each field's guard is called here directly, as graphql-js calls it:
 * for every role and the public on A1 (in every placement:read caller's rule), and for staff of
 * B, who hold placement:read but whose rule leaves A1 out.
 */
describe("Placement field guards, called directly", () => {
  let placementType: GraphQLObjectType;
  let a1: Placement;
  beforeAll(async () => {
    const { schema } = await definition.buildSchema();
    placementType = schema.getType("Placement") as GraphQLObjectType;
    a1 = (await h.db.getRepository("Placement").findOneByOrFail({ id: s.p.A1 })) as Placement;
  });

  /** Each Placement field, the scopes it needs (transcribed) and A1's value as the resolver returns it. */
  const FIELDS: [string, Scope[], () => unknown][] = [
    ["regime", [PR], () => "OPEN"],
    ["status", [PR], () => "CHECKED_IN"],
    ["plannedAt", [PR], () => new Date("2026-01-01T08:00:00.000Z")],
    ["checkInAt", [PR], () => new Date("2026-01-02T10:00:00.000Z")],
    ["checkOutAt", [PR], () => null],
    ["checkOutReason", [SENS], () => null],
    ["cancelledAt", [PR], () => null],
    ["cancellationReason", [SENS], () => null],
    ["confirmedAt", [PR], () => new Date("2026-01-01T08:00:00.000Z")],
    ["case", [PR], () => ({ id: s.cases.c1 })],
    ["facility", [PR], () => expect.objectContaining({ id: s.A.id, name: s.A.name })],
  ];

  const viewerOf = (caller: Caller, facilityId = s.A.id): Viewer =>
    caller === "public"
      ? { roles: [], scopes: [], public: true }
      : viewerFromClaims({
          sub: caller === "legal_counsel" ? s.counsel.K : SOMEONE,
          roles: [caller],
          ...(caller === "facility_staff" ? { facility_id: facilityId } : {}),
        });

  function call(name: string, viewer: Viewer): Promise<unknown> {
    const access = new RecordAccess(h.db, viewer);
    const ctx = { viewer, db: h.db, access, loaders: createLoaders(h.db, access) } as unknown as FacilitiesContext;
    const field = placementType.getFields()[name];
    const info = {
      parentType: placementType,
      fieldName: name,
      returnType: field.type,
    } as unknown as GraphQLResolveInfo;
    return Promise.resolve(field.resolve!(a1, {}, ctx, info));
  }

  const cells = FIELDS.flatMap(([name, scopes, value]) =>
    CALLERS.map((caller) => [name, caller, scopes, value] as const),
  );

  it.each(cells)("Placement.%s as %s", async (name, caller, scopes, value) => {
    if (!callerHolds(caller, scopes)) {
      await expect(call(name, viewerOf(caller))).rejects.toMatchObject({
        message: `Placement.${name} needs ${scopes.join(" and ")}.`,
        extensions: { code: "FORBIDDEN", requiredScopes: scopes },
      });
    } else {
      expect(await call(name, viewerOf(caller))).toEqual(value());
    }
  });

  it.each(FIELDS.filter(([, scopes]) => callerHolds("facility_staff", scopes)))(
    "Placement.%s as staff of B: withheld by the record rule",
    async (name) => {
      const field = placementType.getFields()[name];
      const result = call(name, viewerOf("facility_staff", s.B.id));
      // A nullable field comes back null; a non-null one is refused, exactly as the placement would be.
      if (isNonNullType(field.type)) {
        await expect(result).rejects.toMatchObject({
          message: `Placement.${name} is withheld by a record rule (placement).`,
          extensions: { code: "FORBIDDEN" },
        });
      } else {
        expect(await result).toBeNull();
      }
    },
  );
});

describe("tokens: the subgraph refuses a call without a valid one (HTTP 401)", () => {
  const QUERY = `{ facilities { id } }`;
  const claims = { sub: randomUUID(), roles: ["mia_officer"] };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  // Every refusal says the same; why is in the log (the platform's verifier tests read it).
  async function refused(as: CallAs) {
    const res = await h.gql(QUERY, {}, as);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }]);
  }

  it("no Authorization header", async () => {
    await refused(null);
  });

  it("a token signed by another key", async () => {
    const forger = await generateKeyPairJwk("test-issuer");
    const token = await signToken(forger.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    await refused({ token });
  });

  it("a gateway-issuer token signed by another key", async () => {
    const forger = await generateKeyPairJwk("test-gateway");
    const token = await signToken(forger.privateJwk, claims, {
      issuer: GATEWAY_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    await refused({ token });
  });

  it("alg: none (unsigned)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: "none", typ: "JWT" })}.${b64({
      ...claims,
      iss: DEV_ISSUER,
      aud: DEFAULT_AUDIENCE,
      iat: now,
      exp: now + 600,
    })}.`;
    await refused({ token });
  });

  it("an expired token", async () => {
    const token = await signToken(h.auth.keys.issuer.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: -120,
    });
    await refused({ token });
  });

  it("a malformed header", async () => {
    await refused({ token: "not-a-jwt" });
  });

  it("a valid token gets through", async () => {
    const res = await h.gql(QUERY, {}, claims);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it("the gateway's public token carries no roles, whatever it claims", async () => {
    const token = await signToken(h.auth.keys.gateway.privateJwk, claims, {
      issuer: GATEWAY_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 60,
    });
    const res = await h.gql(`query($p: ID!) { placement(id: $p) { id } }`, { p: s.p.A1 }, { token });
    expect(res.status).toBe(200);
    expect(res.errors?.[0]).toMatchObject({ path: ["placement"], extensions: { code: "FORBIDDEN" } });
    expect(res.data).toEqual({ placement: null });
  });
});
