import { randomUUID } from "node:crypto";
import {
  type CallAs,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  GATEWAY_ISSUER,
  type Viewer,
  generateKeyPairJwk,
  signToken,
  unique,
} from "@kgraph/platform";
import { ROLES, SCOPES, type Scope, rolesWith, scopesOf } from "@kgraph/policy";
import {
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
} from "graphql";
import { definition } from "../src";
import { type FacilitiesContext, createLoaders } from "../src/context";
import { type Facility, FacilityType } from "../src/modules/facility/facility.entity";
import { type Placement, PlacementStatus } from "../src/modules/placement/placement.entity";
import { type Scenario, callerFor, insertPlacement, seedScenario } from "./authorization-fixture";
import { type FacilitiesHarness, createFacility, startFacilitiesHarness } from "./harness";

let h: FacilitiesHarness;
let s: Scenario;
/** Facilities the write rows change: W takes placements (its staff write there), U is updated. */
let W: Facility;
let U: Facility;

beforeAll(async () => {
  h = await startFacilitiesHarness();
  s = await seedScenario(h.db);
  W = await createFacility(h.db, { officialCapacity: 100 });
  U = await createFacility(h.db, { municipality: "Ferizaj" });
});
afterAll(async () => {
  await h?.stop();
});

/** A field any signed-in caller may read, but not the public (`@authenticated`). */
const SIGNED_IN = "signed in";
type Access = Scope | typeof SIGNED_IN | null;

const PR = SCOPES.PLACEMENT_READ;
const PW = SCOPES.PLACEMENT_WRITE;
const FW = SCOPES.FACILITY_WRITE;

/** Every caller the tables run as: each role alone, and the public. */
const CALLERS = [...ROLES, "public"] as const;

/** The placements each role reads under its record rule, as `callerFor` signs it in (staff of A, counsel K). */
function visibleTo(role: string): Set<string> {
  const { p } = s;
  if (role === "mia_officer" || role === "ombudsperson" || role === "auditor") return new Set(Object.values(p));
  if (role === "facility_staff") return new Set([p.A1, p.A2, p.A3, p.A4]);
  if (role === "legal_counsel") return new Set([p.A1, p.A3, p.A4, p.B1, p.B3]);
  return new Set();
}

const ENTITIES = (selection: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`;
const ref = (__typename: string, id: string) => ({ r: [{ __typename, id }] });

interface Row {
  /** The field and the door it is reached through. */
  field: string;
  /** The scope the field needs; SIGNED_IN: any role; null: public. */
  scope: Access;
  query: string;
  variables: (role: string) => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** The exact data an allowed caller gets. */
  allowed: (role: string, variables: Record<string, unknown>) => unknown;
  /** Where a denied caller's FORBIDDEN (UNAUTHENTICATED for SIGNED_IN) is and the data that comes with it (a function: read once the scenario exists). */
  denied?: { path: (string | number)[]; data: unknown };
  /** After a denied call: proof that it changed nothing. */
  unchanged?: (variables: Record<string, unknown>) => Promise<void>;
  /** The facility `facility_staff` work at for this row (default A). */
  staffFacility?: () => string;
}

const FACILITY_FIELDS = "id name type municipality officialCapacity status occupancyBand";
const facilityA = () => ({
  id: s.A.id,
  name: s.A.name,
  type: "RECEPTION_CENTRE",
  municipality: "Prishtinë",
  officialCapacity: 50,
  status: "OPERATIONAL",
  occupancyBand: "UNDER_HALF",
});

/** Each protected Placement field, the scenario placement that shows it, and the value. */
const PLACEMENT_FIELDS: { name: string; selection: string; record: () => string; value: () => unknown }[] = [
  { name: "regime", selection: "regime", record: () => s.p.A1, value: () => "OPEN" },
  { name: "status", selection: "status", record: () => s.p.A1, value: () => "CHECKED_IN" },
  { name: "plannedAt", selection: "plannedAt", record: () => s.p.A1, value: () => "2026-01-01T08:00:00.000Z" },
  { name: "checkInAt", selection: "checkInAt", record: () => s.p.A1, value: () => "2026-01-02T10:00:00.000Z" },
  { name: "checkOutAt", selection: "checkOutAt", record: () => s.p.A3, value: () => "2025-11-30T10:00:00.000Z" },
  {
    name: "checkOutReason",
    selection: "checkOutReason",
    record: () => s.p.A3,
    value: () => "Moved to another facility",
  },
  { name: "cancelledAt", selection: "cancelledAt", record: () => s.p.A4, value: () => "2025-09-28T12:00:00.000Z" },
  { name: "cancellationReason", selection: "cancellationReason", record: () => s.p.A4, value: () => "Case withdrawn" },
  { name: "case", selection: "case { id }", record: () => s.p.A1, value: () => ({ id: s.cases.c1 }) },
  {
    name: "facility",
    selection: "facility { id name }",
    record: () => s.p.A1,
    value: () => ({ id: s.A.id, name: s.A.name }),
  },
];

async function placementStatus(id: string): Promise<string> {
  const [row] = await h.db.query(`SELECT status FROM facilities.placement WHERE id = $1`, [id]);
  return row.status;
}

async function plannedAtW(status: PlacementStatus): Promise<string> {
  const placement = await insertPlacement(h.db, {
    caseId: randomUUID(),
    facilityId: W.id,
    status,
    plannedAt: new Date("2026-01-04T08:00:00Z"),
    checkInAt: status === PlacementStatus.CHECKED_IN ? new Date("2026-01-05T08:00:00Z") : null,
  });
  return placement.id;
}

const ROWS: Row[] = [
  {
    field: "Query.facilities",
    scope: null,
    query: `{ facilities { id name } }`,
    variables: () => ({}),
    // Compared with the table itself at the time of the call (the write rows add facilities).
    allowed: () => expect.anything(),
  },
  {
    field: "Query.facility + every public Facility field",
    scope: null,
    query: `query($f: ID!) { facility(id: $f) { ${FACILITY_FIELDS} } }`,
    variables: () => ({ f: s.A.id }),
    allowed: () => ({ facility: facilityA() }),
  },
  {
    field: "Facility public fields via _entities",
    scope: null,
    query: ENTITIES(`... on Facility { ${FACILITY_FIELDS} }`),
    variables: () => ref("Facility", s.A.id),
    allowed: () => ({ _entities: [facilityA()] }),
  },
  {
    field: "Facility.occupancy via facility(id)",
    scope: SIGNED_IN,
    query: `query($f: ID!) { facility(id: $f) { id occupancy } }`,
    variables: () => ({ f: s.A.id }),
    allowed: () => ({ facility: { id: s.A.id, occupancy: 1 } }),
    denied: { path: ["facility", "occupancy"], data: () => ({ facility: { id: s.A.id, occupancy: null } }) },
  },
  {
    field: "Facility.occupancyRate via _entities",
    scope: SIGNED_IN,
    query: ENTITIES(`... on Facility { id occupancyRate }`),
    variables: () => ref("Facility", s.A.id),
    allowed: () => ({ _entities: [{ id: s.A.id, occupancyRate: 0.02 }] }),
    denied: {
      path: ["_entities", 0, "occupancyRate"],
      data: () => ({ _entities: [{ id: s.A.id, occupancyRate: null }] }),
    },
  },
  {
    field: "Facility.placements via facility(id)",
    scope: PR,
    query: `query($f: ID!) { facility(id: $f) { id placements(first: 20) { edges { node { id } } } } }`,
    variables: () => ({ f: s.A.id }),
    allowed: (role) => ({
      facility: {
        id: s.A.id,
        placements: {
          edges: [s.p.A1, s.p.A2, s.p.A3, s.p.A4]
            .filter((id) => visibleTo(role).has(id))
            .map((id) => ({ node: { id } })),
        },
      },
    }),
    denied: { path: ["facility", "placements"], data: { facility: null } },
  },
  {
    field: "Facility.placements via _entities",
    scope: PR,
    query: ENTITIES(`... on Facility { id placements(first: 20) { edges { node { id status } } } }`),
    variables: () => ref("Facility", s.A.id),
    allowed: (role) => ({
      _entities: [
        {
          id: s.A.id,
          placements: {
            edges: [
              [s.p.A1, "CHECKED_IN"],
              [s.p.A2, "CHECKED_OUT"],
              [s.p.A3, "CHECKED_OUT"],
              [s.p.A4, "CANCELLED"],
            ]
              .filter(([id]) => visibleTo(role).has(id))
              .map(([id, status]) => ({ node: { id, status } })),
          },
        },
      ],
    }),
    denied: { path: ["_entities", 0, "placements"], data: { _entities: [null] } },
  },
  {
    // The audit trail: an AuditTrail reference is public (just its id); its events need audit:read.
    field: "AuditTrail.facilities via _entities",
    scope: SCOPES.AUDIT_READ,
    query: ENTITIES(`... on AuditTrail { facilities(first: 1) { pageInfo { hasNextPage } } }`),
    variables: () => ref("AuditTrail", "audit"),
    allowed: () => ({ _entities: [{ facilities: { pageInfo: { hasNextPage: expect.any(Boolean) } } }] }),
    denied: { path: ["_entities", 0, "facilities"], data: { _entities: [null] } },
  },
  {
    field: "Query.placement",
    scope: PR,
    query: `query($p: ID!) { placement(id: $p) { id } }`,
    variables: () => ({ p: s.p.A1 }),
    allowed: () => ({ placement: { id: s.p.A1 } }),
    denied: { path: ["placement"], data: { placement: null } },
  },
  ...PLACEMENT_FIELDS.flatMap(({ name, selection, record, value }): Row[] => [
    {
      field: `Placement.${name} via placement(id)`,
      scope: PR,
      query: `query($p: ID!) { placement(id: $p) { id ${selection} } }`,
      variables: () => ({ p: record() }),
      allowed: () => ({ placement: { id: record(), [name]: value() } }),
      denied: { path: ["placement"], data: { placement: null } },
    },
    {
      field: `Placement.${name} via _entities`,
      scope: PR,
      query: ENTITIES(`... on Placement { id ${selection} }`),
      variables: () => ref("Placement", record()),
      allowed: () => ({ _entities: [{ id: record(), [name]: value() }] }),
      // Without placement:read the reference itself is refused, whether the placement exists or not.
      denied: { path: ["_entities", 0], data: { _entities: [null] } },
    },
  ]),
  {
    field: "Case.placements via _entities",
    scope: PR,
    query: ENTITIES(`... on Case { id placements { id status } }`),
    variables: () => ref("Case", s.cases.c1),
    allowed: () => ({ _entities: [{ id: s.cases.c1, placements: [{ id: s.p.A1, status: "CHECKED_IN" }] }] }),
    denied: { path: ["_entities", 0, "placements"], data: { _entities: [null] } },
  },
  {
    field: "Case.currentPlacement via _entities",
    scope: PR,
    query: ENTITIES(`... on Case { id currentPlacement { id } }`),
    variables: () => ref("Case", s.cases.c1),
    allowed: () => ({ _entities: [{ id: s.cases.c1, currentPlacement: { id: s.p.A1 } }] }),
    denied: {
      path: ["_entities", 0, "currentPlacement"],
      data: () => ({ _entities: [{ id: s.cases.c1, currentPlacement: null }] }),
    },
  },
  // Aliases, named fragments and inline fragments: the error names the alias the caller wrote.
  {
    field: "Query.placement (alias, named fragment, aliased checkOutReason)",
    scope: PR,
    query: `query($p: ID!) { stay: placement(id: $p) { ...Stay } } fragment Stay on Placement { id why: checkOutReason }`,
    variables: () => ({ p: s.p.A3 }),
    allowed: () => ({ stay: { id: s.p.A3, why: "Moved to another facility" } }),
    denied: { path: ["stay"], data: { stay: null } },
  },
  {
    field: "Facility.placements (inline fragment on _entities, alias)",
    scope: PR,
    query: ENTITIES(`... on Facility { id residents: placements(first: 5, current: true) { edges { node { id } } } }`),
    variables: () => ref("Facility", s.A.id),
    allowed: () => ({ _entities: [{ id: s.A.id, residents: { edges: [{ node: { id: s.p.A1 } }] } }] }),
    denied: { path: ["_entities", 0, "residents"], data: { _entities: [null] } },
  },
  {
    field: "Case.currentPlacement (named fragment, alias; record rule applies)",
    scope: PR,
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ...Now } } fragment Now on Case { id now: currentPlacement { id } }`,
    variables: () => ref("Case", s.cases.c5),
    // c5 lives at B now: facility staff of A see no current placement, counsel K and the rest do.
    allowed: (role) => ({ _entities: [{ id: s.cases.c5, now: visibleTo(role).has(s.p.B3) ? { id: s.p.B3 } : null }] }),
    denied: { path: ["_entities", 0, "now"], data: () => ({ _entities: [{ id: s.cases.c5, now: null }] }) },
  },
  // Mutations.
  {
    field: "Mutation.createFacility",
    scope: FW,
    query: `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { name type municipality officialCapacity status occupancy } }`,
    variables: () => ({
      input: { name: unique("Created"), type: FacilityType.SHELTER, municipality: "Pejë", officialCapacity: 12 },
    }),
    allowed: (_role, v) => ({
      createFacility: {
        name: (v.input as { name: string }).name,
        type: "SHELTER",
        municipality: "Pejë",
        officialCapacity: 12,
        status: "OPERATIONAL",
        occupancy: 0,
      },
    }),
    denied: { path: ["createFacility"], data: null },
    unchanged: async (v) => {
      const rows = await h.db.query(`SELECT 1 FROM facilities.facility WHERE name = $1`, [
        (v.input as { name: string }).name,
      ]);
      expect(rows).toHaveLength(0);
    },
  },
  {
    field: "Mutation.updateFacility",
    scope: FW,
    query: `mutation($input: UpdateFacilityInput!) { updateFacility(input: $input) { id municipality } }`,
    variables: (role) => ({ input: { id: U.id, municipality: `Municipality of ${role}` } }),
    allowed: (role) => ({ updateFacility: { id: U.id, municipality: `Municipality of ${role}` } }),
    denied: { path: ["updateFacility"], data: null },
    unchanged: async (v) => {
      const [row] = await h.db.query(`SELECT municipality FROM facilities.facility WHERE id = $1`, [U.id]);
      expect(row.municipality).not.toBe((v.input as { municipality: string }).municipality);
    },
  },
  {
    field: "Mutation.placeCase",
    scope: PW,
    staffFacility: () => W.id,
    query: `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { status regime plannedAt case { id } facility { id } } }`,
    variables: () => ({
      input: { caseId: randomUUID(), facilityId: W.id, regime: "OPEN", plannedAt: "2026-03-01T08:00:00.000Z" },
    }),
    allowed: (_role, v) => ({
      placeCase: {
        status: "PLANNED",
        regime: "OPEN",
        plannedAt: "2026-03-01T08:00:00.000Z",
        case: { id: (v.input as { caseId: string }).caseId },
        facility: { id: W.id },
      },
    }),
    denied: { path: ["placeCase"], data: null },
    unchanged: async (v) => {
      const rows = await h.db.query(`SELECT 1 FROM facilities.placement WHERE case_id = $1`, [
        (v.input as { caseId: string }).caseId,
      ]);
      expect(rows).toHaveLength(0);
    },
  },
  {
    field: "Mutation.checkIn",
    scope: PW,
    staffFacility: () => W.id,
    query: `mutation($id: ID!) { checkIn(placementId: $id, at: "2026-01-05T09:00:00.000Z") { id status checkInAt } }`,
    variables: async () => ({ id: await plannedAtW(PlacementStatus.PLANNED) }),
    allowed: (_role, v) => ({ checkIn: { id: v.id, status: "CHECKED_IN", checkInAt: "2026-01-05T09:00:00.000Z" } }),
    denied: { path: ["checkIn"], data: null },
    unchanged: async (v) => expect(await placementStatus(v.id as string)).toBe("PLANNED"),
  },
  {
    field: "Mutation.checkOut",
    scope: PW,
    staffFacility: () => W.id,
    query: `mutation($input: CheckOutInput!) { checkOut(input: $input) { id status checkOutReason } }`,
    variables: async () => ({
      input: { placementId: await plannedAtW(PlacementStatus.CHECKED_IN), reason: "Onward return" },
    }),
    allowed: (_role, v) => ({
      checkOut: {
        id: (v.input as { placementId: string }).placementId,
        status: "CHECKED_OUT",
        checkOutReason: "Onward return",
      },
    }),
    denied: { path: ["checkOut"], data: null },
    unchanged: async (v) =>
      expect(await placementStatus((v.input as { placementId: string }).placementId)).toBe("CHECKED_IN"),
  },
  {
    field: "Mutation.cancelPlacement",
    scope: PW,
    staffFacility: () => W.id,
    query: `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { id status cancellationReason } }`,
    variables: async () => ({
      input: { placementId: await plannedAtW(PlacementStatus.PLANNED), reason: "No longer needed" },
    }),
    allowed: (_role, v) => ({
      cancelPlacement: {
        id: (v.input as { placementId: string }).placementId,
        status: "CANCELLED",
        cancellationReason: "No longer needed",
      },
    }),
    denied: { path: ["cancelPlacement"], data: null },
    unchanged: async (v) =>
      expect(await placementStatus((v.input as { placementId: string }).placementId)).toBe("PLANNED"),
  },
];

const allowedRoles = (scope: Access): readonly string[] =>
  scope === SIGNED_IN ? ROLES : scope ? rolesWith(scope) : CALLERS;

describe("the scope table: every caller × every protected field, through every door", () => {
  const cells = ROWS.flatMap((row) =>
    CALLERS.map(
      (caller) => [row.field, caller, allowedRoles(row.scope).includes(caller) ? "allowed" : "denied", row] as const,
    ),
  );

  it.each(cells)("%s as %s: %s", async (_field, caller, verdict, row) => {
    const as = await callerFor(h, caller, s, row.staffFacility?.());
    const variables = await row.variables(caller);
    const res = await h.gql(row.query, variables, as);
    expect(res.status).toBe(200);
    if (verdict === "allowed") {
      expect(res.errors).toBeUndefined();
      if (row.field === "Query.facilities") {
        const rows: { id: string; name: string }[] = await h.db.query(
          `SELECT id, name FROM facilities.facility ORDER BY name, id`,
        );
        expect(res.data).toEqual({ facilities: rows });
      } else {
        expect(res.data).toEqual(row.allowed(caller, variables));
      }
    } else {
      expect(row.denied).toBeDefined();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions?.code).toBe(row.scope === SIGNED_IN ? "UNAUTHENTICATED" : "FORBIDDEN");
      expect(res.errors![0].path).toEqual(row.denied!.path);
      const data = row.denied!.data;
      expect(res.data).toEqual(typeof data === "function" ? (data as () => unknown)() : data);
      await row.unchanged?.(variables);
    }
  });

  it("covers every protected field of the schema in at least one row", () => {
    const covered = ROWS.map((row) => row.field).join("\n");
    for (const field of Object.keys(EXPECTED_SCOPES).filter((f) => EXPECTED_SCOPES[f])) {
      expect(covered).toContain(field);
    }
  });
});

/**
 * The scope table as the SDL must carry it for the gateway: every field of every type this
 * subgraph defines, and the scope it needs (null: none). A field missing here fails the test.
 */
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
  "Placement.checkOutReason": PR,
  "Placement.cancelledAt": PR,
  "Placement.cancellationReason": PR,
  "Placement.case": PR,
  "Placement.facility": PR,
  "Case.id": null,
  "Case.placements": PR,
  "Case.currentPlacement": PR,
  "Mutation.createFacility": FW,
  "Mutation.updateFacility": FW,
  "Mutation.placeCase": PW,
  "Mutation.checkIn": PW,
  "Mutation.checkOut": PW,
  "Mutation.cancelPlacement": PW,
};

describe("the subgraph SDL", () => {
  it("carries @requiresScopes and @authenticated exactly as the scope table says, on every field of every type", async () => {
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
        // A field is public, for any signed-in caller, or needs a scope: never two of these.
        if (signedIn) expect(directives).toHaveLength(0);
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

/**
 * The second wall at field level. No query reaches a Placement field without placement:read (the
 * query, the lists and the reference are refused first), so each field's own guard is called
 * here directly, as graphql-js calls it, for every role and the public.
 */
describe("Placement field guards, called directly", () => {
  let placementType: GraphQLObjectType;
  let row: Placement;
  beforeAll(async () => {
    const { schema } = await definition.buildSchema();
    placementType = schema.getType("Placement") as GraphQLObjectType;
    row = (await h.db.getRepository("Placement").findOneByOrFail({ id: s.p.A1 })) as Placement;
  });

  const viewerOf = (caller: string): Viewer =>
    caller === "public"
      ? { roles: [], scopes: [], public: true }
      : caller === "facility_staff"
        ? { roles: [caller], scopes: scopesOf([caller]), public: false, sub: randomUUID(), facilityId: s.A.id }
        : { roles: [caller], scopes: scopesOf([caller]), public: false, sub: s.counsel.K };

  const cells = PLACEMENT_FIELDS.flatMap(({ name }) =>
    CALLERS.map((caller) => [name, caller, rolesWith(PR).includes(caller as never) ? "allowed" : "denied"] as const),
  );

  it.each(cells)("Placement.%s as %s: %s", async (name, caller, verdict) => {
    const viewer = viewerOf(caller);
    const ctx = { viewer, db: h.db, loaders: createLoaders(h.db, viewer) } as unknown as FacilitiesContext;
    const field = placementType.getFields()[name];
    const info = {
      parentType: placementType,
      fieldName: name,
      returnType: field.type,
    } as unknown as GraphQLResolveInfo;
    const call = async () => field.resolve!(row, {}, ctx, info);
    if (verdict === "denied") {
      await expect(call()).rejects.toMatchObject({
        message: `Placement.${name} needs ${PR}.`,
        extensions: { code: "FORBIDDEN" },
      });
    } else {
      const value = await call();
      const spec = PLACEMENT_FIELDS.find((f) => f.name === name)!;
      if (name === "case") expect(value).toEqual({ id: s.cases.c1 });
      else if (name === "facility") expect(value).toMatchObject({ id: s.A.id, name: s.A.name });
      else if (spec.record() === s.p.A1) {
        const expected = spec.value();
        expect(value instanceof Date ? value.toISOString() : value).toEqual(expected);
      } else expect(value).toBeNull();
    }
  });
});

describe("tokens: the subgraph refuses a call without a valid one (HTTP 401)", () => {
  const QUERY = `{ facilities { id } }`;
  const claims = { sub: randomUUID(), roles: ["mia_officer"] };
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  async function refused(as: CallAs, message: string) {
    const res = await h.gql(QUERY, {}, as);
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message, extensions: { code: "UNAUTHENTICATED" } }]);
  }

  it("no Authorization header", async () => {
    await refused(null, "This service needs a bearer token (Authorization: Bearer <token>).");
  });

  it("a token signed by another key", async () => {
    const forger = await generateKeyPairJwk("test-issuer");
    const token = await signToken(forger.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    await refused({ token }, "The token's signature does not match a trusted key.");
  });

  it("a gateway-issuer token signed by another key", async () => {
    const forger = await generateKeyPairJwk("test-gateway");
    const token = await signToken(forger.privateJwk, claims, {
      issuer: GATEWAY_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    await refused({ token }, "The token's signature does not match a trusted key.");
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
    await refused({ token }, "The token's signing algorithm is not accepted.");
  });

  it("an expired token", async () => {
    const token = await signToken(h.auth.keys.issuer.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: -120,
    });
    await refused({ token }, "The token has expired.");
  });

  it("a malformed header", async () => {
    await refused({ token: "not-a-jwt" }, "The Authorization header is not a bearer JWT.");
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
