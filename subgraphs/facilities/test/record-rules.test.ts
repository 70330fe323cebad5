import { randomUUID } from "node:crypto";
import type { CallAs, GraphQLResponse } from "@kgraph/platform";
import { describeRecordRuleRows } from "@kgraph/testkit";
import type { QueryRunner } from "typeorm";
import { PublishedAuthorizationViews1795810919868 } from "../src/migrations/1795810919868-PublishedAuthorizationViews";
import { PlacementConfirmation1795900000000 } from "../src/migrations/1795900000000-PlacementConfirmation";
import { FacilityStatus } from "../src/modules/facility/facility.entity";
import { PlacementStatus } from "../src/modules/placement/placement.entity";
import { PlacementRecords } from "../src/modules/placement/placement.records";
import { type Scenario, SOMEONE, insertPlacement, seedScenario } from "./authorization-fixture";
import {
  CANCEL,
  CHECK_IN,
  CHECK_OUT,
  CONFIRM,
  type FacilitiesHarness,
  PLACE,
  createFacility,
  placementCount,
  residenceOf,
  startFacilitiesHarness,
} from "./harness";

let h: FacilitiesHarness;
let s: Scenario;
beforeAll(async () => {
  h = await startFacilitiesHarness();
  s = await seedScenario(h.db);
});
afterAll(async () => {
  await h?.stop();
});

type Key = keyof Scenario["p"];

/** The MIA officer who places and confirms in these tests (a synthetic subject). */
const OFFICER_SUB = "mia-officer-3b9e";

/**
 * Each viewer of the record rules and exactly the scenario placements it reads (see
 * authorization-fixture.ts for who is where and whose client).
 */
const VIEWERS: { name: string; as: () => CallAs; sees: Key[] }[] = [
  {
    name: "facility staff of A",
    as: () => ({ roles: ["facility_staff"], sub: SOMEONE, facility_id: s.A.id }),
    sees: ["A1", "A2", "A3", "A4"],
  },
  {
    name: "facility staff of B",
    as: () => ({ roles: ["facility_staff"], sub: SOMEONE, facility_id: s.B.id }),
    sees: ["B1", "B2", "B3"],
  },
  {
    name: "facility staff of a facility without placements",
    as: () => ({ roles: ["facility_staff"], sub: SOMEONE, facility_id: randomUUID() }),
    sees: [],
  },
  {
    name: "facility staff whose token names no facility",
    as: () => ({ roles: ["facility_staff"], sub: SOMEONE }),
    sees: [],
  },
  {
    name: "counsel K (clients c1, c2, c5, c6, c7)",
    as: () => ({ roles: ["legal_counsel"], sub: s.counsel.K }),
    sees: ["A1", "A3", "A4", "B1", "B3"],
  },
  { name: "counsel K2 (client c3)", as: () => ({ roles: ["legal_counsel"], sub: s.counsel.K2 }), sees: ["A2"] },
  { name: "counsel K0 (no client)", as: () => ({ roles: ["legal_counsel"], sub: s.counsel.K0 }), sees: [] },
  {
    name: "staff of A who is also counsel K (the union)",
    as: () => ({ roles: ["facility_staff", "legal_counsel"], sub: s.counsel.K, facility_id: s.A.id }),
    sees: ["A1", "A2", "A3", "A4", "B1", "B3"],
  },
  ...["mia_officer", "ombudsperson", "auditor"].map((role) => ({
    name: role,
    as: () => ({ roles: [role], sub: SOMEONE }),
    sees: ["A1", "A2", "A3", "A4", "B1", "B2", "B3"] as Key[],
  })),
  {
    name: "facility staff of B who is also an auditor (unrestricted)",
    as: () => ({ roles: ["facility_staff", "auditor"], sub: SOMEONE, facility_id: s.B.id }),
    sees: ["A1", "A2", "A3", "A4", "B1", "B2", "B3"],
  },
];

const KEYS: Key[] = ["A1", "A2", "A3", "A4", "B1", "B2", "B3"];
const OPEN: Key[] = ["A1", "B1", "B3"];
const CASE_OF: Record<Key, keyof Scenario["cases"]> = {
  A1: "c1",
  A2: "c3",
  A3: "c5",
  A4: "c7",
  B1: "c2",
  B2: "c4",
  B3: "c5",
};
/** The scenario's placements by planned date, newest first (A2 and B3 share a date: B3's case has no other). */
const KEYS_NEWEST_FIRST: Key[] = ["B1", "B2", "A1", "A2", "B3", "A3", "A4"];
const ids = (keys: Key[]) => keys.map((k) => s.p[k]);
const sorted = (values: string[]) => [...values].sort();

/** The ground truth, straight from the tables: the ids of the scenario's placements. */
async function truth(where: string, params: unknown[]): Promise<string[]> {
  const rows: { id: string }[] = await h.db.query(
    `SELECT id FROM facilities.placement p WHERE p.id = ANY($1::uuid[]) AND (${where})`,
    [ids(KEYS), ...params],
  );
  return sorted(rows.map((r) => r.id));
}

describe("the scenario's ground truth", () => {
  it("is what the viewers' expectations say", async () => {
    expect(await truth("p.facility_id = $2", [s.A.id])).toEqual(sorted(ids(VIEWERS[0].sees)));
    expect(await truth("p.facility_id = $2", [s.B.id])).toEqual(sorted(ids(VIEWERS[1].sees)));
    const clientsOf = "p.case_id IN (SELECT case_id FROM cases.counsel_client WHERE counsel_id = $2)";
    expect(await truth(clientsOf, [s.counsel.K])).toEqual(sorted(ids(VIEWERS[4].sees)));
    expect(await truth(clientsOf, [s.counsel.K2])).toEqual(sorted(ids(VIEWERS[5].sees)));
    expect(await truth(clientsOf, [s.counsel.K0])).toEqual([]);
    expect(await truth("TRUE", [])).toHaveLength(7);
  });
});

describe.each(VIEWERS)("$name reads exactly its placements", ({ as, sees }) => {
  it("through the lists of every facility (one query for all facilities)", async () => {
    const res = await h.gql(`{ facilities { id placements(first: 100) { edges { node { id } } } } }`, {}, as());
    expect(res.errors).toBeUndefined();
    const listed = (res.data!.facilities as { id: string; placements: { edges: { node: { id: string } }[] } }[])
      .flatMap((f) => f.placements.edges.map((e) => e.node.id))
      .filter((id) => ids(KEYS).includes(id));
    expect(sorted(listed)).toEqual(sorted(ids(sees)));
    expect(listed).toHaveLength(sees.length);
  });

  it("through each facility's list, current and ended alike", async () => {
    for (const [facility, keys] of [
      [s.A.id, KEYS.filter((k) => k.startsWith("A"))],
      [s.B.id, KEYS.filter((k) => k.startsWith("B"))],
    ] as const) {
      for (const current of [null, true, false]) {
        const res = await h.gql(
          `query($f: ID!, $c: Boolean) { facility(id: $f) { placements(first: 100, current: $c) { edges { node { id } } } } }`,
          { f: facility, c: current },
          as(),
        );
        expect(res.errors).toBeUndefined();
        const expected = keys
          .filter((k) => sees.includes(k))
          .filter((k) => current === null || OPEN.includes(k) === current);
        const listed = (res.data!.facility as { placements: { edges: { node: { id: string } }[] } }).placements.edges;
        expect(sorted(listed.map((e) => e.node.id))).toEqual(sorted(ids(expected)));
      }
    }
  });

  it("by id, and absent (null, no error) outside its rule", async () => {
    const query = `query { ${KEYS.map((k) => `${k}: placement(id: "${s.p[k]}") { id }`).join(" ")} }`;
    const res = await h.gql(query, {}, as());
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual(Object.fromEntries(KEYS.map((k) => [k, sees.includes(k) ? { id: s.p[k] } : null])));
  });

  it("through _entities for Placement, in one batch", async () => {
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Placement { id status } } }`,
      { r: KEYS.map((k) => ({ __typename: "Placement", id: s.p[k] })) },
      as(),
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data!._entities as ({ id: string } | null)[];
    expect(entities.map((e) => e?.id ?? null)).toEqual(KEYS.map((k) => (sees.includes(k) ? s.p[k] : null)));
  });

  it("through Case.placements and Case.currentPlacement", async () => {
    const caseKeys = ["c1", "c2", "c3", "c4", "c5", "c6", "c7"] as const;
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id placements { id } currentPlacement { id } } } }`,
      { r: caseKeys.map((c) => ({ __typename: "Case", id: s.cases[c] })) },
      as(),
    );
    expect(res.errors).toBeUndefined();
    const expected = caseKeys.map((c) => {
      // Newest planned first, as the scenario planned them.
      const mine = KEYS_NEWEST_FIRST.filter((k) => CASE_OF[k] === c && sees.includes(k));
      const current = mine.find((k) => OPEN.includes(k));
      return {
        id: s.cases[c],
        placements: mine.map((k) => ({ id: s.p[k] })),
        currentPlacement: current ? { id: s.p[current] } : null,
      };
    });
    const got = res.data!._entities as { id: string; placements: { id: string }[]; currentPlacement: unknown }[];
    expect(got).toEqual(expected);
    expect(got.flatMap((e) => e.placements)).toHaveLength(sees.length);
  });
});

/**
 * The refusal of every placement write outside the writer's record rule, transcribed: one
 * message whatever the reason (other facility, not a resident, unknown id), so it teaches nothing.
 */
const OUTSIDE_RULE =
  "Facility staff change placements only at their own facility (their token's facility_id), and place only people an MIA officer has placed there.";

/** A response as compared here: status, data and each error's message, path and extensions. */
function answer(res: GraphQLResponse) {
  return res.errors ? { status: res.status, data: res.data, errors: errorsOf(res) } : res;
}
function errorsOf(res: GraphQLResponse) {
  return res.errors?.map(({ message, path, extensions }) => ({ message, path, extensions }));
}

/** placeCase with what staff may read of the result (no sensitive reasons). */
const PLACE_AS_STAFF = `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { id status } }`;

const staffOf = (facilityId: string): CallAs => ({ roles: ["facility_staff"], sub: SOMEONE, facility_id: facilityId });
const OFFICER_CALLER: CallAs = { roles: ["mia_officer"], sub: OFFICER_SUB };

async function statusOf(id: string): Promise<string> {
  const [row] = await h.db.query(`SELECT status FROM facilities.placement WHERE id = $1`, [id]);
  return row.status as string;
}

async function placementsOfCase(caseId: string): Promise<{ id: string; facility_id: string; status: string }[]> {
  return h.db.query(`SELECT id, facility_id, status FROM facilities.placement WHERE case_id = $1 ORDER BY planned_at`, [
    caseId,
  ]);
}

/** A facility of its own with one former resident an officer placed there (checked out since). */
async function facilityWithFormerResident() {
  const facility = await createFacility(h.db);
  const caseId = randomUUID();
  const stay = await insertPlacement(h.db, {
    caseId,
    facilityId: facility.id,
    status: PlacementStatus.CHECKED_OUT,
    plannedAt: new Date("2025-10-01T08:00:00Z"),
    checkInAt: new Date("2025-10-01T09:00:00Z"),
    checkOutAt: new Date("2025-11-01T09:00:00Z"),
    checkOutReason: "Moved to a shelter",
  });
  return { facility, caseId, stay };
}

describe("writes outside the rule: FORBIDDEN, and nothing changes", () => {
  it("staff of A cannot place a case in B", async () => {
    const before = await placementCount(h.db, s.B.id);
    const res = await h.gql(
      PLACE,
      { input: { caseId: randomUUID(), facilityId: s.B.id, regime: "OPEN" } },
      staffOf(s.A.id),
    );
    expect(res.data).toBeNull();
    expect(errorsOf(res)).toEqual([
      { message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } },
    ]);
    expect(await placementCount(h.db, s.B.id)).toBe(before);
  });

  it("staff of A cannot place B's resident in A either (not a person an officer placed at A)", async () => {
    // c2 is planned at B: its open placement must not show through a refusal at A.
    const before = await placementCount(h.db, s.A.id);
    const res = await h.gql(
      PLACE,
      { input: { caseId: s.cases.c2, facilityId: s.A.id, regime: "OPEN" } },
      staffOf(s.A.id),
    );
    expect(errorsOf(res)).toEqual([
      { message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } },
    ]);
    expect(await placementCount(h.db, s.A.id)).toBe(before);
  });

  it("staff of A cannot check in, check out or cancel B's placements", async () => {
    const attempts = [
      { query: CHECK_IN, variables: { id: s.p.B1 }, field: "checkIn", id: s.p.B1, status: "PLANNED" },
      {
        query: CHECK_OUT,
        variables: { input: { placementId: s.p.B3, reason: "Onward return" } },
        field: "checkOut",
        id: s.p.B3,
        status: "CHECKED_IN",
      },
      {
        query: CANCEL,
        variables: { input: { placementId: s.p.B1, reason: "Not wanted" } },
        field: "cancelPlacement",
        id: s.p.B1,
        status: "PLANNED",
      },
    ];
    for (const attempt of attempts) {
      const res = await h.gql(attempt.query, attempt.variables, staffOf(s.A.id));
      expect(res.data).toBeNull();
      expect(errorsOf(res)).toEqual([
        { message: OUTSIDE_RULE, path: [attempt.field], extensions: { code: "FORBIDDEN" } },
      ]);
      expect(await statusOf(attempt.id)).toBe(attempt.status);
    }
  });

  it("an id that does not exist is refused to staff exactly like another facility's (no existence leak)", async () => {
    const unknown = randomUUID();
    const res = await h.gql(CHECK_IN, { id: unknown }, staffOf(s.A.id));
    const other = await h.gql(CHECK_IN, { id: s.p.B1 }, staffOf(s.A.id));
    expect(errorsOf(res)).toEqual([{ message: OUTSIDE_RULE, path: ["checkIn"], extensions: { code: "FORBIDDEN" } }]);
    expect(errorsOf(other)).toEqual(errorsOf(res));
    // Whoever may change every placement learns it does not exist.
    const mia = await h.gql(CHECK_IN, { id: unknown }, OFFICER_CALLER);
    expect(errorsOf(mia)).toEqual([
      {
        message: `Placement ${unknown} does not exist.`,
        path: ["checkIn"],
        extensions: { code: "NOT_FOUND", id: unknown },
      },
    ]);
  });

  it("staff whose token names no facility change nothing", async () => {
    const before = await placementCount(h.db, s.A.id);
    const noFacility: CallAs = { roles: ["facility_staff"], sub: SOMEONE };
    const res = await h.gql(PLACE, { input: { caseId: s.cases.c1, facilityId: s.A.id, regime: "OPEN" } }, noFacility);
    expect(errorsOf(res)).toEqual([
      { message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } },
    ]);
    const cancel = await h.gql(CANCEL, { input: { placementId: s.p.A1, reason: "Not wanted" } }, noFacility);
    expect(errorsOf(cancel)).toEqual([
      { message: OUTSIDE_RULE, path: ["cancelPlacement"], extensions: { code: "FORBIDDEN" } },
    ]);
    expect(await placementCount(h.db, s.A.id)).toBe(before);
    expect(await statusOf(s.p.A1)).toBe("CHECKED_IN");
  });

  it("counsel, even of the case, cannot place it (no placement:write)", async () => {
    const res = await h.gql(
      PLACE,
      { input: { caseId: s.cases.c6, facilityId: s.A.id, regime: "OPEN" } },
      { roles: ["legal_counsel"], sub: s.counsel.K },
    );
    expect(errorsOf(res)).toEqual([
      {
        message: "Mutation.placeCase needs placement:write.",
        path: ["placeCase"],
        extensions: { code: "FORBIDDEN", requiredScopes: ["placement:write"] },
      },
    ]);
    expect(await placementsOfCase(s.cases.c6)).toEqual([]);
  });

  it("a refusal for a former resident placed elsewhere names that placement only to a caller who may read it", async () => {
    // c5 left A (A3) and lives at B now (B3): staff of A may re-admit c5, so they get past the
    // rule and learn the case has an open placement somewhere, never which one.
    const input = { caseId: s.cases.c5, facilityId: s.A.id, regime: "OPEN" };
    const message = `Case ${s.cases.c5} already has an open placement (planned or checked in); check it out or cancel it before placing the case again.`;
    const staff = await h.gql(PLACE, { input }, staffOf(s.A.id));
    expect(errorsOf(staff)).toEqual([
      { message, path: ["placeCase"], extensions: { code: "BAD_USER_INPUT", argument: "input.caseId" } },
    ]);
    const mia = await h.gql(PLACE, { input }, OFFICER_CALLER);
    expect(errorsOf(mia)).toEqual([
      {
        message,
        path: ["placeCase"],
        extensions: { code: "BAD_USER_INPUT", argument: "input.caseId", placementId: s.p.B3 },
      },
    ]);
    expect(await placementCount(h.db, s.A.id)).toBe(4);
  });
});

describe("writes inside the rule", () => {
  it("staff re-admit a former resident, check in, check out and cancel; each step reads back under their rule", async () => {
    const { facility, caseId } = await facilityWithFormerResident();
    const staff = staffOf(facility.id);
    const placed = await h.gql(PLACE_AS_STAFF, { input: { caseId, facilityId: facility.id, regime: "OPEN" } }, staff);
    expect(placed.errors).toBeUndefined();
    const id = (placed.data!.placeCase as { id: string }).id;
    const checkedIn = await h.gql(
      `mutation($id: ID!) { checkIn(placementId: $id, at: "2026-01-05T09:00:00.000Z") { id status checkInAt confirmedAt facility { id } } }`,
      { id },
      staff,
    );
    expect(checkedIn).toEqual({
      status: 200,
      data: {
        checkIn: {
          id,
          status: "CHECKED_IN",
          checkInAt: "2026-01-05T09:00:00.000Z",
          confirmedAt: null,
          facility: { id: facility.id },
        },
      },
    });
    const checkedOut = await h.gql(
      `mutation($input: CheckOutInput!) { checkOut(input: $input) { id status } }`,
      { input: { placementId: id, reason: "Onward return" } },
      staff,
    );
    expect(checkedOut.data).toEqual({ checkOut: { id, status: "CHECKED_OUT" } });

    const second = await h.gql(PLACE_AS_STAFF, { input: { caseId, facilityId: facility.id, regime: "OPEN" } }, staff);
    expect(second.errors).toBeUndefined();
    const secondId = (second.data!.placeCase as { id: string }).id;
    const cancelled = await h.gql(
      `mutation($input: CancelPlacementInput!) { cancelPlacement(input: $input) { id status } }`,
      { input: { placementId: secondId, reason: "Plans changed" } },
      staff,
    );
    expect(cancelled.data).toEqual({ cancelPlacement: { id: secondId, status: "CANCELLED" } });
    expect(await placementsOfCase(caseId)).toEqual([
      expect.objectContaining({ facility_id: facility.id, status: "CHECKED_OUT" }),
      { id, facility_id: facility.id, status: "CHECKED_OUT" },
      { id: secondId, facility_id: facility.id, status: "CANCELLED" },
    ]);

    // Staff of another facility see none of it.
    const res = await h.gql(`query($id: ID!) { placement(id: $id) { id } }`, { id }, staffOf(s.B.id));
    expect(res).toEqual({ status: 200, data: { placement: null } });
  });
});

describe("finding 1: no write widens what its author can read", () => {
  // Before: facility staff could place ANY case id at their facility. The placement went straight
  // into `facilities.case_residence` (every non-cancelled placement), and the cases subgraph then
  // opened that person's identity to them: a write of theirs widened what they could read.

  it("staff placing a person no officer ever placed at their facility: FORBIDDEN, nothing written, nothing published", async () => {
    const facility = await createFacility(h.db);
    const caseId = randomUUID();
    const res = await h.gql(
      PLACE,
      { input: { caseId, facilityId: facility.id, regime: "OPEN" } },
      staffOf(facility.id),
    );
    expect(answer(res)).toEqual({
      status: 200,
      data: null,
      errors: [{ message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } }],
    });
    expect(await placementsOfCase(caseId)).toEqual([]);
    expect(await placementCount(h.db, facility.id)).toBe(0);
    expect(await residenceOf(h.db, caseId)).toEqual([]);
  });

  it("an officer's placement is confirmed at once and published in case_residence", async () => {
    const facility = await createFacility(h.db);
    const caseId = randomUUID();
    const before = Date.now();
    const res = await h.gql(
      `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { id status confirmedAt } }`,
      { input: { caseId, facilityId: facility.id, regime: "OPEN" } },
      OFFICER_CALLER,
    );
    expect(res.errors).toBeUndefined();
    const placed = res.data!.placeCase as { id: string; status: string; confirmedAt: string };
    expect(placed.status).toBe("PLANNED");
    expect(Date.parse(placed.confirmedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(placed.confirmedAt)).toBeLessThanOrEqual(Date.now() + 1000);
    const [row] = await h.db.query(`SELECT confirmed_at, confirmed_by FROM facilities.placement WHERE id = $1`, [
      placed.id,
    ]);
    expect({ at: (row.confirmed_at as Date).toISOString(), by: row.confirmed_by }).toEqual({
      at: placed.confirmedAt,
      by: OFFICER_SUB,
    });
    expect(await residenceOf(h.db, caseId)).toEqual([{ case_id: caseId, facility_id: facility.id, current: true }]);
  });

  it("staff re-admit a former resident: unconfirmed and unpublished until an MIA officer confirms it", async () => {
    const { facility, caseId } = await facilityWithFormerResident();
    const former = { case_id: caseId, facility_id: facility.id, current: false };
    expect(await residenceOf(h.db, caseId)).toEqual([former]);

    const res = await h.gql(
      `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { id status confirmedAt facility { id } } }`,
      { input: { caseId, facilityId: facility.id, regime: "OPEN" } },
      staffOf(facility.id),
    );
    expect(res.errors).toBeUndefined();
    const id = (res.data!.placeCase as { id: string }).id;
    expect(res.data).toEqual({
      placeCase: { id, status: "PLANNED", confirmedAt: null, facility: { id: facility.id } },
    });
    const confirmation = async () =>
      (await h.db.query(`SELECT confirmed_at, confirmed_by FROM facilities.placement WHERE id = $1`, [id]))[0];
    expect(await confirmation()).toEqual({ confirmed_at: null, confirmed_by: null });
    // Still only the officer's old placement: the staff's own one opens nothing yet.
    expect(await residenceOf(h.db, caseId)).toEqual([former]);

    // Staff cannot confirm their own placement.
    const byStaff = await h.gql(CONFIRM, { id }, staffOf(facility.id));
    expect(answer(byStaff)).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: "Mutation.confirmPlacement needs placement:confirm.",
          path: ["confirmPlacement"],
          extensions: { code: "FORBIDDEN", requiredScopes: ["placement:confirm"] },
        },
      ],
    });
    expect(await confirmation()).toEqual({ confirmed_at: null, confirmed_by: null });
    expect(await residenceOf(h.db, caseId)).toEqual([former]);

    // An MIA officer confirms it: from now on it counts like one the officer planned.
    const byOfficer = await h.gql(
      `mutation($id: ID!) { confirmPlacement(placementId: $id) { id status confirmedAt } }`,
      { id },
      OFFICER_CALLER,
    );
    expect(byOfficer.errors).toBeUndefined();
    const confirmed = await confirmation();
    expect(confirmed.confirmed_by).toBe(OFFICER_SUB);
    expect(byOfficer.data).toEqual({
      confirmPlacement: { id, status: "PLANNED", confirmedAt: (confirmed.confirmed_at as Date).toISOString() },
    });
    expect(await residenceOf(h.db, caseId)).toEqual([former, { ...former, current: true }]);

    const again = await h.gql(CONFIRM, { id }, OFFICER_CALLER);
    expect(errorsOf(again)).toEqual([
      {
        message: `Placement ${id} was already confirmed at ${(confirmed.confirmed_at as Date).toISOString()}.`,
        path: ["confirmPlacement"],
        extensions: { code: "BAD_USER_INPUT", argument: "placementId" },
      },
    ]);
  });

  it("confirmPlacement: NOT_FOUND for an unknown id, and only open placements are confirmed", async () => {
    const unknown = randomUUID();
    expect(errorsOf(await h.gql(CONFIRM, { id: unknown }, OFFICER_CALLER))).toEqual([
      {
        message: `Placement ${unknown} does not exist.`,
        path: ["confirmPlacement"],
        extensions: { code: "NOT_FOUND", id: unknown },
      },
    ]);
    const { stay } = await facilityWithFormerResident();
    expect(errorsOf(await h.gql(CONFIRM, { id: stay.id }, OFFICER_CALLER))).toEqual([
      {
        message: `Placement ${stay.id} is CHECKED_OUT; only an open placement (PLANNED or CHECKED_IN) is confirmed.`,
        path: ["confirmPlacement"],
        extensions: { code: "BAD_USER_INPUT", argument: "placementId", status: "CHECKED_OUT" },
      },
    ]);
  });

  it("check-in, check-out and cancel by staff need a person an officer placed there, not just their facility", async () => {
    // An unconfirmed placement at their facility of someone no officer ever placed there (one
    // recorded before confirmations existed, say): their facility's, yet not theirs to move on.
    const facility = await createFacility(h.db);
    const caseId = randomUUID();
    const planned = await insertPlacement(h.db, {
      caseId,
      facilityId: facility.id,
      status: PlacementStatus.PLANNED,
      plannedAt: new Date("2026-01-10T08:00:00Z"),
      confirmedAt: null,
    });
    const staff = staffOf(facility.id);
    // They may read it (their facility's placement), but not change it.
    expect(await h.gql(`query($id: ID!) { placement(id: $id) { id } }`, { id: planned.id }, staff)).toEqual({
      status: 200,
      data: { placement: { id: planned.id } },
    });
    const checkIn = await h.gql(CHECK_IN, { id: planned.id }, staff);
    expect(errorsOf(checkIn)).toEqual([
      { message: OUTSIDE_RULE, path: ["checkIn"], extensions: { code: "FORBIDDEN" } },
    ]);
    const cancel = await h.gql(CANCEL, { input: { placementId: planned.id, reason: "Not expected" } }, staff);
    expect(errorsOf(cancel)).toEqual([
      { message: OUTSIDE_RULE, path: ["cancelPlacement"], extensions: { code: "FORBIDDEN" } },
    ]);
    expect(await statusOf(planned.id)).toBe("PLANNED");
    const resident = await insertPlacement(h.db, {
      caseId: randomUUID(),
      facilityId: facility.id,
      status: PlacementStatus.CHECKED_IN,
      plannedAt: new Date("2026-01-11T08:00:00Z"),
      checkInAt: new Date("2026-01-11T09:00:00Z"),
      confirmedAt: null,
    });
    const checkOut = await h.gql(CHECK_OUT, { input: { placementId: resident.id, reason: "Onward return" } }, staff);
    expect(errorsOf(checkOut)).toEqual([
      { message: OUTSIDE_RULE, path: ["checkOut"], extensions: { code: "FORBIDDEN" } },
    ]);
    expect(await statusOf(resident.id)).toBe("CHECKED_IN");

    // Once an officer confirms them, the people are their residents and the placements theirs to move on.
    for (const { id } of [planned, resident]) {
      expect((await h.gql(CONFIRM, { id }, OFFICER_CALLER)).errors).toBeUndefined();
    }
    const after = await h.gql(
      `mutation($id: ID!, $input: CheckOutInput!) {
        checkIn(placementId: $id) { id status }
        checkOut(input: $input) { id status }
      }`,
      { id: planned.id, input: { placementId: resident.id, reason: "Onward return" } },
      staff,
    );
    expect(after).toEqual({
      status: 200,
      data: {
        checkIn: { id: planned.id, status: "CHECKED_IN" },
        checkOut: { id: resident.id, status: "CHECKED_OUT" },
      },
    });
  });
});

describe("finding 9: a refused placeCase says nothing about the case", () => {
  // Before: staff of A placing a case id at A got past the facility check, and the service then
  // looked the case up: "Case … already has an open placement" (BAD_USER_INPUT) for a case placed
  // anywhere, success for any other id. That answered, for an arbitrary case id, whether it had an
  // open placement elsewhere.

  it("a case with an open placement elsewhere and a random uuid get the very same FORBIDDEN", async () => {
    const before = await placementCount(h.db, s.A.id);
    const attempt = (caseId: string) =>
      h.gql(PLACE, { input: { caseId, facilityId: s.A.id, regime: "OPEN" } }, staffOf(s.A.id));
    const residentOfB = randomUUID();
    await insertPlacement(h.db, {
      caseId: residentOfB,
      facilityId: s.B.id,
      status: PlacementStatus.CHECKED_IN,
      plannedAt: new Date("2026-01-03T08:00:00Z"),
      checkInAt: new Date("2026-01-03T09:00:00Z"),
    });
    const plannedElsewhere = await attempt(s.cases.c2); // PLANNED at B, never at A
    const checkedInElsewhere = await attempt(residentOfB);
    const random = await attempt(randomUUID());
    const refusal = {
      status: 200,
      data: null,
      errors: [{ message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } }],
    };
    expect(answer(plannedElsewhere)).toEqual(refusal);
    expect(answer(checkedInElsewhere)).toEqual(refusal);
    expect(answer(random)).toEqual(refusal);
    expect(await placementCount(h.db, s.A.id)).toBe(before);
    expect((await placementsOfCase(s.cases.c2)).map((p) => p.id)).toEqual([s.p.B1]);
    expect((await placementsOfCase(residentOfB)).map((p) => p.facility_id)).toEqual([s.B.id]);
  });

  it("the refusal is the same at a facility that is full, suspended or does not exist", async () => {
    // Nothing about the facility is read before the rule either: the answer cannot depend on it.
    const full = await createFacility(h.db, { officialCapacity: 1 });
    await insertPlacement(h.db, {
      caseId: randomUUID(),
      facilityId: full.id,
      status: PlacementStatus.CHECKED_IN,
      plannedAt: new Date("2026-01-01T08:00:00Z"),
      checkInAt: new Date("2026-01-01T09:00:00Z"),
    });
    const suspended = await createFacility(h.db, { status: FacilityStatus.SUSPENDED });
    for (const facilityId of [full.id, suspended.id, randomUUID()]) {
      const res = await h.gql(
        PLACE,
        { input: { caseId: s.cases.c5, facilityId, regime: "OPEN" } },
        staffOf(facilityId),
      );
      expect(errorsOf(res)).toEqual([
        { message: OUTSIDE_RULE, path: ["placeCase"], extensions: { code: "FORBIDDEN", argument: "input" } },
      ]);
    }
  });
});

describe("facilities.case_residence, the published view", () => {
  it("lists every placement an MIA officer planned or confirmed and that was not cancelled, with whether it is current", async () => {
    // A placement nobody confirmed (staff recorded it) is not listed.
    const unconfirmedCase = randomUUID();
    await insertPlacement(h.db, {
      caseId: unconfirmedCase,
      facilityId: (await createFacility(h.db)).id,
      status: PlacementStatus.CHECKED_OUT,
      plannedAt: new Date("2025-06-01T08:00:00Z"),
      checkInAt: new Date("2025-06-01T09:00:00Z"),
      checkOutAt: new Date("2025-06-02T09:00:00Z"),
      confirmedAt: null,
    });
    const rows: { case_id: string; facility_id: string; current: boolean }[] = await h.db.query(
      `SELECT case_id, facility_id, current FROM facilities.case_residence WHERE case_id = ANY($1::uuid[])`,
      [[...Object.values(s.cases), unconfirmedCase]],
    );
    const expected = [
      { case_id: s.cases.c1, facility_id: s.A.id, current: true },
      { case_id: s.cases.c3, facility_id: s.A.id, current: false },
      { case_id: s.cases.c5, facility_id: s.A.id, current: false },
      { case_id: s.cases.c2, facility_id: s.B.id, current: true },
      { case_id: s.cases.c5, facility_id: s.B.id, current: true },
    ];
    const key = (r: { case_id: string; facility_id: string; current: boolean }) =>
      `${r.case_id}/${r.facility_id}/${r.current}`;
    expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("has exactly the published columns", async () => {
    const columns = await h.db.query(
      `SELECT column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'facilities' AND table_name = 'case_residence' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: "case_id", data_type: "uuid" },
      { column_name: "facility_id", data_type: "uuid" },
      { column_name: "current", data_type: "boolean" },
    ]);
  });

  /** Runs `body` in a transaction that is rolled back, so the migrations tried leave nothing behind. */
  async function rolledBack(body: (runner: QueryRunner) => Promise<void>): Promise<void> {
    const runner = h.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await body(runner);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it("the confirmation migration lists confirmed placements only; its down goes back to every non-cancelled one", async () => {
    const caseId = randomUUID();
    const elsewhere = await createFacility(h.db);
    const unconfirmed = await insertPlacement(h.db, {
      caseId,
      facilityId: elsewhere.id,
      status: PlacementStatus.CHECKED_OUT,
      plannedAt: new Date("2025-05-01T08:00:00Z"),
      checkInAt: new Date("2025-05-01T09:00:00Z"),
      checkOutAt: new Date("2025-05-02T09:00:00Z"),
      confirmedAt: null,
    });
    const listed = async (runner: QueryRunner) =>
      runner.query(`SELECT facility_id, current FROM facilities.case_residence WHERE case_id = $1`, [caseId]);
    const migration = new PlacementConfirmation1795900000000();
    await rolledBack(async (runner) => {
      expect(await listed(runner)).toEqual([]);
      await migration.down(runner);
      expect(await listed(runner)).toEqual([{ facility_id: elsewhere.id, current: false }]);
      // Up confirms what was planned before confirmations existed (officers' placements then).
      await migration.up(runner);
      const [row] = await runner.query(`SELECT confirmed_at FROM facilities.placement WHERE id = $1`, [unconfirmed.id]);
      expect((row.confirmed_at as Date).toISOString()).toBe("2025-05-01T08:00:00.000Z");
      expect(await listed(runner)).toEqual([{ facility_id: elsewhere.id, current: false }]);
    });
    // Rolled back: the placement is unconfirmed and unlisted again.
    expect(await residenceOf(h.db, caseId)).toEqual([]);
  });

  it("finding 1: the confirmation migration does not confirm placements facility staff made themselves", async () => {
    // Before confirmations existed, staff could place any case at their facility (finding 1), and
    // the audit trail names who made each placement. The migration's backfill confirmed EVERY
    // placement, so what staff had placed kept opening those people to them after the fix. It now
    // leaves unconfirmed each placement whose placeCase event names no MIA officer.
    const { facility, caseId, stay } = await facilityWithFormerResident(); // no event: as seeded
    const byStaff = await h.gql(
      PLACE_AS_STAFF,
      { input: { caseId, facilityId: facility.id, regime: "OPEN" } },
      staffOf(facility.id),
    );
    expect(byStaff.errors).toBeUndefined();
    const officerCase = randomUUID();
    const byOfficer = await h.gql(
      `mutation($input: PlaceCaseInput!) { placeCase(input: $input) { id } }`,
      {
        input: { caseId: officerCase, facilityId: facility.id, regime: "OPEN", plannedAt: "2026-02-02T08:00:00.000Z" },
      },
      OFFICER_CALLER,
    );
    expect(byOfficer.errors).toBeUndefined();
    const ids = [stay.id, byStaff.data!.placeCase.id as string, byOfficer.data!.placeCase.id as string];
    const migration = new PlacementConfirmation1795900000000();
    await rolledBack(async (runner) => {
      await migration.down(runner);
      await migration.up(runner);
      const rows: { id: string; confirmed_at: Date | null; planned_at: Date }[] = await runner.query(
        `SELECT id, confirmed_at, planned_at FROM facilities.placement WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const confirmed = Object.fromEntries(rows.map((r) => [r.id, r.confirmed_at?.toISOString() ?? null]));
      expect(confirmed).toEqual({
        [ids[0]]: "2025-10-01T08:00:00.000Z",
        [ids[1]]: null,
        [ids[2]]: "2026-02-02T08:00:00.000Z",
      });
      const listed = await runner.query(
        `SELECT case_id, current FROM facilities.case_residence WHERE facility_id = $1 ORDER BY current`,
        [facility.id],
      );
      expect(listed).toEqual([
        { case_id: caseId, current: false },
        { case_id: officerCase, current: true },
      ]);
    });
  });

  it("the first views migration drops the view on down and makes it again on up", async () => {
    const migration = new PublishedAuthorizationViews1795810919868();
    await rolledBack(async (runner) => {
      const exists = async () =>
        (await runner.query(`SELECT to_regclass('facilities.case_residence') IS NOT NULL AS present`))[0].present;
      await migration.down(runner);
      expect(await exists()).toBe(false);
      await migration.up(runner);
      expect(await exists()).toBe(true);
      // up is CREATE OR REPLACE: running it twice is harmless.
      await migration.up(runner);
    });
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM facilities.case_residence`);
    expect(n).toBeGreaterThanOrEqual(5);
  });
});

/** The scenario's placements a caller reaches through each door, as sorted keys. */
async function reached(as: CallAs): Promise<Record<"list" | "byId" | "entities" | "viaCase", Key[]>> {
  const keyOf = new Map(KEYS.map((k) => [s.p[k], k]));
  const keys = (ids: (string | null | undefined)[]) =>
    ids.flatMap((id) => (id && keyOf.has(id) ? [keyOf.get(id)!] : [])).sort();
  const list = await h.gql(`{ facilities { placements(first: 100) { edges { node { id } } } } }`, {}, as);
  const byId = await h.gql(`query { ${KEYS.map((k) => `${k}: placement(id: "${s.p[k]}") { id }`).join(" ")} }`, {}, as);
  const entities = await h.gql(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Placement { id } } }`,
    { r: KEYS.map((k) => ({ __typename: "Placement", id: s.p[k] })) },
    as,
  );
  const viaCase = await h.gql(
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { placements { id } } } }`,
    { r: Object.values(s.cases).map((id) => ({ __typename: "Case", id })) },
    as,
  );
  for (const res of [list, byId, entities, viaCase]) expect(res.errors).toBeUndefined();
  type Edges = { placements: { edges: { node: { id: string } }[] } }[];
  return {
    list: keys((list.data!.facilities as Edges).flatMap((f) => f.placements.edges.map((e) => e.node.id))),
    byId: keys(Object.values(byId.data as Record<string, { id: string } | null>).map((p) => p?.id)),
    entities: keys((entities.data!._entities as ({ id: string } | null)[]).map((p) => p?.id)),
    viaCase: keys(
      (viaCase.data!._entities as { placements: { id: string }[] }[]).flatMap((c) => c.placements.map((p) => p.id)),
    ),
  };
}

const everywhere = (keys: Key[]) => ({ list: keys, byId: keys, entities: keys, viaCase: keys });

/**
 * The record-rule table of this subgraph on the shared kit: each role the policy narrows on a
 * kind of record has a row showing the records it reaches through every door and those it does
 * not (the kit fails when a row or a rule's SQL is missing).
 */
describeRecordRuleRows(
  "record rules of the facilities subgraph",
  [PlacementRecords],
  [
    {
      role: "facility_staff",
      kind: "Placement",
      shows:
        "reads exactly its facility's placements through the lists, placement(id), _entities and Case.placements; changes only its confirmed residents'",
      run: async () => {
        expect(await reached(staffOf(s.A.id))).toEqual(everywhere(["A1", "A2", "A3", "A4"]));
        expect(await reached(staffOf(s.B.id))).toEqual(everywhere(["B1", "B2", "B3"]));
        expect(await reached(staffOf(randomUUID()))).toEqual(everywhere([]));
        expect(await reached({ roles: ["facility_staff"], sub: SOMEONE })).toEqual(everywhere([]));
        // Writes: another facility's placement and an unknown id meet the same refusal ...
        const refusal = [{ message: OUTSIDE_RULE, path: ["checkIn"], extensions: { code: "FORBIDDEN" } }];
        expect(errorsOf(await h.gql(CHECK_IN, { id: s.p.B1 }, staffOf(s.A.id)))).toEqual(refusal);
        expect(errorsOf(await h.gql(CHECK_IN, { id: randomUUID() }, staffOf(s.A.id)))).toEqual(refusal);
        expect(await statusOf(s.p.B1)).toBe("PLANNED");
        // ... while a confirmed resident's placement at their own facility is theirs to move on.
        const { facility, caseId } = await facilityWithFormerResident();
        const back = await insertPlacement(h.db, {
          caseId,
          facilityId: facility.id,
          status: PlacementStatus.PLANNED,
          plannedAt: new Date("2026-02-01T08:00:00Z"),
        });
        const res = await h.gql(
          `mutation($id: ID!) { checkIn(placementId: $id) { id status } }`,
          { id: back.id },
          staffOf(facility.id),
        );
        expect(res).toEqual({ status: 200, data: { checkIn: { id: back.id, status: "CHECKED_IN" } } });
      },
    },
    {
      role: "legal_counsel",
      kind: "Placement",
      shows:
        "reads exactly its clients' placements through every door, and their sensitive reasons; a second role's placements come without them",
      run: async () => {
        const K: CallAs = { roles: ["legal_counsel"], sub: s.counsel.K };
        expect(await reached(K)).toEqual(everywhere(["A1", "A3", "A4", "B1", "B3"]));
        expect(await reached({ roles: ["legal_counsel"], sub: s.counsel.K2 })).toEqual(everywhere(["A2"]));
        expect(await reached({ roles: ["legal_counsel"], sub: s.counsel.K0 })).toEqual(everywhere([]));
        expect(await reached({ roles: ["legal_counsel"], sub: "counsel-not-a-uuid" })).toEqual(everywhere([]));
        // The reasons are sensitive (case:sensitive:read, counsel for their clients only): staff of A
        // who is also counsel K reads A2 as staff, but not why c3, not K's client, left.
        const REASONS = `query($a2: ID!, $a3: ID!, $a4: ID!) {
        a2: placement(id: $a2) { id checkOutReason }
        a3: placement(id: $a3) { id checkOutReason }
        a4: placement(id: $a4) { id cancellationReason }
      }`;
        const variables = { a2: s.p.A2, a3: s.p.A3, a4: s.p.A4 };
        expect(await h.gql(REASONS, variables, K)).toEqual({
          status: 200,
          data: {
            a2: null,
            a3: { id: s.p.A3, checkOutReason: "Moved to another facility" },
            a4: { id: s.p.A4, cancellationReason: "Case withdrawn" },
          },
        });
        const both: CallAs = { roles: ["facility_staff", "legal_counsel"], sub: s.counsel.K, facility_id: s.A.id };
        expect(await h.gql(REASONS, variables, both)).toEqual({
          status: 200,
          data: {
            a2: { id: s.p.A2, checkOutReason: null },
            a3: { id: s.p.A3, checkOutReason: "Moved to another facility" },
            a4: { id: s.p.A4, cancellationReason: "Case withdrawn" },
          },
        });
      },
    },
  ],
);
