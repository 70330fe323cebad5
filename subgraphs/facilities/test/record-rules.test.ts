import { randomUUID } from "node:crypto";
import type { CallAs } from "@kgraph/platform";
import { PublishedAuthorizationViews1795810919868 } from "../src/migrations/1795810919868-PublishedAuthorizationViews";
import { type Scenario, SOMEONE, seedScenario } from "./authorization-fixture";
import {
  CANCEL,
  CHECK_IN,
  CHECK_OUT,
  type FacilitiesHarness,
  PLACE,
  placementCount,
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

describe("writes outside the rule: FORBIDDEN, and nothing changes", () => {
  const staffA = () => ({ roles: ["facility_staff"], sub: SOMEONE, facility_id: s.A.id });
  const OTHER_FACILITY = (id: string) =>
    `Facility staff change only their own facility's placements; ${id} is not one of them.`;

  async function statusOf(id: string) {
    const [row] = await h.db.query(`SELECT status FROM facilities.placement WHERE id = $1`, [id]);
    return row.status as string;
  }

  it("staff of A cannot place a case in B", async () => {
    const before = await placementCount(h.db, s.B.id);
    const res = await h.gql(PLACE, { input: { caseId: randomUUID(), facilityId: s.B.id, regime: "OPEN" } }, staffA());
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: `Facility staff place cases only in their own facility; ${s.B.id} is not it.`,
        path: ["placeCase"],
        extensions: { code: "FORBIDDEN" },
      }),
    ]);
    expect(await placementCount(h.db, s.B.id)).toBe(before);
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
      const res = await h.gql(attempt.query, attempt.variables, staffA());
      expect(res.data).toBeNull();
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: OTHER_FACILITY(attempt.id),
          path: [attempt.field],
          extensions: { code: "FORBIDDEN" },
        }),
      ]);
      expect(await statusOf(attempt.id)).toBe(attempt.status);
    }
  });

  it("an id that does not exist is refused to staff exactly like another facility's (no existence leak)", async () => {
    const unknown = randomUUID();
    const res = await h.gql(CHECK_IN, { id: unknown }, staffA());
    expect(res.errors).toEqual([
      expect.objectContaining({ message: OTHER_FACILITY(unknown), extensions: { code: "FORBIDDEN" } }),
    ]);
    // Whoever may change every placement learns it does not exist.
    const mia = await h.gql(CHECK_IN, { id: unknown }, { roles: ["mia_officer"], sub: SOMEONE });
    expect(mia.errors?.[0]).toMatchObject({
      message: `Placement ${unknown} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("staff whose token names no facility change nothing", async () => {
    const before = await placementCount(h.db, s.A.id);
    const res = await h.gql(
      PLACE,
      { input: { caseId: randomUUID(), facilityId: s.A.id, regime: "OPEN" } },
      { roles: ["facility_staff"], sub: SOMEONE },
    );
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: "Your token names no facility (facility_id), so you may change no placement.",
        extensions: { code: "FORBIDDEN" },
      }),
    ]);
    const cancel = await h.gql(
      CANCEL,
      { input: { placementId: s.p.A1, reason: "Not wanted" } },
      {
        roles: ["facility_staff"],
        sub: SOMEONE,
      },
    );
    expect(cancel.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect(await placementCount(h.db, s.A.id)).toBe(before);
    expect(await statusOf(s.p.A1)).toBe("CHECKED_IN");
  });

  it("counsel, even of the case, cannot place it (no placement:write)", async () => {
    const res = await h.gql(
      PLACE,
      { input: { caseId: s.cases.c6, facilityId: s.A.id, regime: "OPEN" } },
      { roles: ["legal_counsel"], sub: s.counsel.K },
    );
    expect(res.errors?.[0]).toMatchObject({ path: ["placeCase"], extensions: { code: "FORBIDDEN" } });
    expect(await h.db.query(`SELECT 1 FROM facilities.placement WHERE case_id = $1`, [s.cases.c6])).toHaveLength(0);
  });

  it("a refusal for a case placed elsewhere names that placement only to a caller who may read it", async () => {
    const input = { caseId: s.cases.c5, facilityId: s.A.id, regime: "OPEN" };
    const staff = await h.gql(PLACE, { input }, staffA());
    expect(staff.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", argument: "input.caseId" });
    const mia = await h.gql(PLACE, { input }, { roles: ["mia_officer"], sub: SOMEONE });
    expect(mia.errors?.[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      argument: "input.caseId",
      placementId: s.p.B3,
    });
    expect(await placementCount(h.db, s.A.id)).toBe(4);
  });
});

describe("writes inside the rule", () => {
  it("staff of A place, check in, check out and cancel at A; each step reads back under their rule", async () => {
    const staffA = { roles: ["facility_staff"], sub: SOMEONE, facility_id: s.A.id };
    const caseId = randomUUID();
    const placed = await h.gql(PLACE, { input: { caseId, facilityId: s.A.id, regime: "OPEN" } }, staffA);
    expect(placed.errors).toBeUndefined();
    const id = (placed.data!.placeCase as { id: string }).id;
    const checkedIn = await h.gql(CHECK_IN, { id }, staffA);
    expect(checkedIn.data!.checkIn).toMatchObject({ id, status: "CHECKED_IN", facility: { id: s.A.id } });
    const checkedOut = await h.gql(CHECK_OUT, { input: { placementId: id, reason: "Onward return" } }, staffA);
    expect(checkedOut.data!.checkOut).toMatchObject({ id, status: "CHECKED_OUT", checkOutReason: "Onward return" });

    const second = await h.gql(PLACE, { input: { caseId, facilityId: s.A.id, regime: "OPEN" } }, staffA);
    const secondId = (second.data!.placeCase as { id: string }).id;
    const cancelled = await h.gql(CANCEL, { input: { placementId: secondId, reason: "Plans changed" } }, staffA);
    expect(cancelled.data!.cancelPlacement).toMatchObject({ id: secondId, status: "CANCELLED" });

    // Staff of B see none of it.
    const staffB = { roles: ["facility_staff"], sub: SOMEONE, facility_id: s.B.id };
    const res = await h.gql(`query($id: ID!) { placement(id: $id) { id } }`, { id }, staffB);
    expect(res.data).toEqual({ placement: null });
  });
});

describe("facilities.case_residence, the published view", () => {
  it("lists every non-cancelled placement with whether it is current", async () => {
    const rows: { case_id: string; facility_id: string; current: boolean }[] = await h.db.query(
      `SELECT case_id, facility_id, current FROM facilities.case_residence WHERE case_id = ANY($1::uuid[])`,
      [Object.values(s.cases)],
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

  it("is dropped by the migration's down and made again by its up", async () => {
    const migration = new PublishedAuthorizationViews1795810919868();
    const runner = h.db.createQueryRunner();
    const exists = async () =>
      (await runner.query(`SELECT to_regclass('facilities.case_residence') IS NOT NULL AS present`))[0].present;
    await runner.connect();
    await runner.startTransaction();
    try {
      await migration.down(runner);
      expect(await exists()).toBe(false);
      await migration.up(runner);
      expect(await exists()).toBe(true);
      // up is CREATE OR REPLACE: running it twice is harmless.
      await migration.up(runner);
      await runner.commitTransaction();
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM facilities.case_residence`);
    expect(n).toBeGreaterThanOrEqual(5);
  });
});
