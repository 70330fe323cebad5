import { sqlStatements, unique } from "@kgraph/platform";
import { FacilityStatus, FacilityType } from "../src/modules/facility/facility.entity";
import { PlacementStatus } from "../src/modules/placement/placement.entity";
import { insertPlacement } from "./authorization-fixture";
import {
  CANCEL,
  CHECK_IN,
  CHECK_OUT,
  type FacilitiesHarness,
  PLACE,
  UPDATE_FACILITY,
  createFacility,
  newCaseId,
  startFacilitiesHarness,
} from "./harness";

let h: FacilitiesHarness;
beforeAll(async () => {
  h = await startFacilitiesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const CREATE = `mutation($input: CreateFacilityInput!) { createFacility(input: $input) { id name type municipality officialCapacity status occupancy occupancyRate } }`;

/** A resident checked in at the facility, written straight to the database. */
const checkedIn = (facilityId: string) => ({
  caseId: newCaseId(),
  facilityId,
  status: PlacementStatus.CHECKED_IN,
  plannedAt: new Date("2026-01-01T08:00:00Z"),
  checkInAt: new Date("2026-01-02T08:00:00Z"),
});

async function place(caseId: string, facilityId: string, options: { regime?: string; plannedAt?: string } = {}) {
  const res = await h.gql(PLACE, {
    input: { caseId, facilityId, regime: options.regime ?? "OPEN", plannedAt: options.plannedAt },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.placeCase as { id: string };
}

async function placeCheckedIn(
  caseId: string,
  facilityId: string,
  options: { regime?: string; plannedAt?: string } = {},
) {
  const placement = await place(caseId, facilityId, options);
  expect((await h.gql(CHECK_IN, { id: placement.id })).errors).toBeUndefined();
  return placement;
}

async function readFacility(id: string) {
  const res = await h.gql(
    `query($id: ID!) { facility(id: $id) { name type municipality officialCapacity status occupancy } }`,
    { id },
  );
  return res.data!.facility;
}

describe("createFacility", () => {
  it("creates an OPERATIONAL facility with no residents", async () => {
    const name = unique("Reception Centre");
    const res = await h.gql(CREATE, {
      input: { name, type: "RECEPTION_CENTRE", municipality: "Prizren", officialCapacity: 120 },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createFacility).toMatchObject({
      name,
      type: "RECEPTION_CENTRE",
      municipality: "Prizren",
      officialCapacity: 120,
      status: "OPERATIONAL",
      occupancy: 0,
      occupancyRate: 0,
    });
    const list = await h.gql(`{ facilities { id } }`);
    expect(list.data!.facilities.map((f: { id: string }) => f.id)).toContain(res.data!.createFacility.id);
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const before = await h.db.query(`SELECT count(*)::int AS n FROM facilities.facility`);
    const res = await h.gql(CREATE, {
      input: { name: "X", type: "SHELTER", municipality: "Pejë", officialCapacity: 0 },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: name must be 2 to 200 characters long; officialCapacity must be at least 1.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const after = await h.db.query(`SELECT count(*)::int AS n FROM facilities.facility`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("refuses a name another facility has", async () => {
    const existing = await createFacility(h.db);
    const res = await h.gql(CREATE, {
      input: { name: existing.name, type: "SHELTER", municipality: "Pejë", officialCapacity: 5 },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: `A facility named "${existing.name}" already exists.`,
      extensions: { code: "CONFLICT" },
    });
  });
});

describe("updateFacility", () => {
  it("changes only the fields given", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 10 });
    const name = unique("Renamed");
    const res = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, name, officialCapacity: 25 } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateFacility).toMatchObject({
      name,
      type: "RECEPTION_CENTRE",
      municipality: "Prishtinë",
      officialCapacity: 25,
      status: "OPERATIONAL",
    });
    expect(await readFacility(facility.id)).toMatchObject({ name, officialCapacity: 25 });
  });

  it("refuses a capacity below the current occupancy with a clear error, and changes nothing", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 5 });
    for (let i = 0; i < 3; i++) await placeCheckedIn(newCaseId(), facility.id);
    await place(newCaseId(), facility.id); // planned: holds a place, not a resident
    const res = await h.gql(UPDATE_FACILITY, {
      input: { id: facility.id, officialCapacity: 2, municipality: "Gjilan" },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" has 3 residents checked in; its official capacity cannot go below that (asked for 2).`,
      extensions: { code: "BAD_USER_INPUT", argument: "input.officialCapacity", occupancy: 3 },
    });
    expect(await readFacility(facility.id)).toMatchObject({
      officialCapacity: 5,
      municipality: "Prishtinë",
      occupancy: 3,
    });
    const exact = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, officialCapacity: 3 } });
    expect(exact.data!.updateFacility).toMatchObject({ officialCapacity: 3, occupancy: 3, occupancyRate: 1 });
  });

  it("keeps a DETENTION_CENTRE's type while someone is detained there", async () => {
    const facility = await createFacility(h.db, { type: FacilityType.DETENTION_CENTRE });
    const detained = await placeCheckedIn(newCaseId(), facility.id, { regime: "DETAINED" });
    const res = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, type: "OPEN_CENTRE" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" cannot stop being a DETENTION_CENTRE while 1 DETAINED placements are open there.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await readFacility(facility.id)).type).toBe("DETENTION_CENTRE");
    await h.gql(CHECK_OUT, { input: { placementId: detained.id, reason: "Released" } });
    const after = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, type: "OPEN_CENTRE" } });
    expect(after.data!.updateFacility.type).toBe("OPEN_CENTRE");
  });

  it("closes a facility only once no placement is open", async () => {
    const facility = await createFacility(h.db);
    const planned = await place(newCaseId(), facility.id);
    const res = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, status: "CLOSED" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" cannot be CLOSED while 1 placements are open (planned or checked in); check them out or cancel them first.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await readFacility(facility.id)).status).toBe("OPERATIONAL");
    await h.gql(CANCEL, { input: { placementId: planned.id, reason: "Facility closing" } });
    const closed = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, status: "CLOSED" } });
    expect(closed.data!.updateFacility.status).toBe("CLOSED");
  });

  it("refuses a name taken by another facility, a malformed id and an unknown one", async () => {
    const [a, b] = [await createFacility(h.db), await createFacility(h.db)];
    const taken = await h.gql(UPDATE_FACILITY, { input: { id: a.id, name: b.name } });
    expect(taken.errors?.[0]).toMatchObject({
      message: `A facility named "${b.name}" already exists.`,
      extensions: { code: "CONFLICT" },
    });
    expect((await readFacility(a.id)).name).toBe(a.name);
    const malformed = await h.gql(UPDATE_FACILITY, { input: { id: "F-1", officialCapacity: -1 } });
    expect(malformed.errors?.[0]).toMatchObject({
      message: "Invalid input: input.id must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.id" },
    });
    const negative = await h.gql(UPDATE_FACILITY, { input: { id: a.id, officialCapacity: -1 } });
    expect(negative.errors?.[0].message).toBe("Invalid input: officialCapacity must be at least 1.");
    const unknown = await h.gql(UPDATE_FACILITY, {
      input: { id: "00000000-0000-4000-8000-000000000002", status: "SUSPENDED" },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: "Facility 00000000-0000-4000-8000-000000000002 does not exist.",
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("facilities and facility(id)", () => {
  it("lists every facility by name, with occupancy and a rounded rate", async () => {
    const prefix = unique("Z");
    const second = await createFacility(h.db, { name: `${prefix} B`, officialCapacity: 3 });
    const first = await createFacility(h.db, {
      name: `${prefix} A`,
      officialCapacity: 8,
      status: FacilityStatus.SUSPENDED,
    });
    await placeCheckedIn(newCaseId(), second.id);
    const res = await h.gql(`{ facilities { id name status occupancy occupancyRate } }`);
    const mine = res.data!.facilities.filter((f: { name: string }) => f.name.startsWith(prefix));
    expect(mine).toEqual([
      { id: first.id, name: `${prefix} A`, status: "SUSPENDED", occupancy: 0, occupancyRate: 0 },
      { id: second.id, name: `${prefix} B`, status: "OPERATIONAL", occupancy: 1, occupancyRate: 0.333 },
    ]);
    const names = res.data!.facilities.map((f: { name: string }) => f.name);
    expect(names).toEqual([...names].sort((x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it("shows the public a band of the occupancy, never the exact count; signed-in callers see both", async () => {
    const prefix = unique("Band");
    const large = await createFacility(h.db, { name: `${prefix} A`, officialCapacity: 40 });
    const small = await createFacility(h.db, { name: `${prefix} B`, officialCapacity: 12 });
    for (let i = 0; i < 36; i++) await insertPlacement(h.db, checkedIn(large.id));
    await insertPlacement(h.db, checkedIn(small.id));
    const band = await h.gql(
      `query($large: ID!, $small: ID!) { a: facility(id: $large) { name occupancyBand } b: facility(id: $small) { name occupancyBand } }`,
      { large: large.id, small: small.id },
      { token: await h.auth.publicToken() },
    );
    expect(band.errors).toBeUndefined();
    // 36 of 40 is 90 %; the 12-place facility gets no band (one resident would be too easy to tell).
    expect(band.data).toEqual({
      a: { name: `${prefix} A`, occupancyBand: "NINETY_TO_FULL" },
      b: { name: `${prefix} B`, occupancyBand: null },
    });

    const exact = `query($id: ID!) { facility(id: $id) { name occupancy occupancyRate occupancyBand } }`;
    const refused = await h.gql(exact, { id: small.id }, { token: await h.auth.publicToken() });
    expect(refused.data).toEqual({
      facility: { name: `${prefix} B`, occupancy: null, occupancyRate: null, occupancyBand: null },
    });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: "Facility.occupancy needs a signed-in caller.",
        path: ["facility", "occupancy"],
        extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }),
      }),
      expect.objectContaining({
        message: "Facility.occupancyRate needs a signed-in caller.",
        path: ["facility", "occupancyRate"],
        extensions: expect.objectContaining({ code: "UNAUTHENTICATED" }),
      }),
    ]);

    const signedIn = await h.gql(exact, { id: small.id }, "monitor");
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data).toEqual({
      facility: { name: `${prefix} B`, occupancy: 1, occupancyRate: 0.083, occupancyBand: null },
    });
  });

  it("answers null for an unknown id, and BAD_USER_INPUT for a malformed one", async () => {
    const res = await h.gql(
      `{ a: facility(id: "00000000-0000-4000-8000-000000000003") { id } b: facility(id: "not-an-id") { id } }`,
    );
    expect(res.data).toEqual({ a: null, b: null });
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ["b"],
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "id" }),
      }),
    ]);
  });

  it("costs the same number of SQL statements for any number of facilities (no N+1)", async () => {
    const query = `{ facilities { id occupancy occupancyRate placements(first: 2) { edges { node { id facility { id } } } } } }`;
    const count = async () => {
      const before = sqlStatements.count;
      const res = await h.gql(query);
      expect(res.errors).toBeUndefined();
      return { statements: sqlStatements.count - before, facilities: res.data!.facilities.length as number };
    };
    const small = await count();
    for (let i = 0; i < 4; i++) {
      const facility = await createFacility(h.db);
      await placeCheckedIn(newCaseId(), facility.id);
    }
    const large = await count();
    expect(large.facilities).toBe(small.facilities + 4);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3); // the list, occupancy per batch, a page per batch
  });
});

describe("Facility.placements", () => {
  it("pages newest first by cursor without gaps or repeats, and filters by current", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 20 });
    const ids: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const p = await place(newCaseId(), facility.id, { plannedAt: `2026-02-0${day}T12:00:00.000Z` });
      ids.push(p.id);
    }
    await h.gql(CANCEL, { input: { placementId: ids[0], reason: "No longer needed" } });
    await h.gql(CHECK_IN, { id: ids[1] });

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($id: ID!, $after: String) { facility(id: $id) { placements(first: 2, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { id: facility.id, after },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data.facility.placements;
      seen.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());

    const filtered = await h.gql(
      `query($id: ID!) { facility(id: $id) { open: placements(current: true) { edges { node { id status } } } ended: placements(current: false) { edges { node { id status } } } } }`,
      { id: facility.id },
    );
    expect(filtered.data!.facility.open.edges.map((e: any) => e.node.id)).toEqual([ids[4], ids[3], ids[2], ids[1]]);
    expect(filtered.data!.facility.ended.edges).toEqual([{ node: { id: ids[0], status: "CANCELLED" } }]);
  });

  it("rejects a page size out of range and a forged cursor", async () => {
    const facility = await createFacility(h.db);
    const big = await h.gql(`query($id: ID!) { facility(id: $id) { placements(first: 501) { edges { cursor } } } }`, {
      id: facility.id,
    });
    expect(big.errors?.[0]).toMatchObject({
      message: "`first` must be between 1 and 500; got 501.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", "1; DROP TABLE placement"])).toString(
      "base64url",
    );
    for (const after of ["nonsense", forged]) {
      const res = await h.gql(
        `query($id: ID!, $after: String) { facility(id: $id) { placements(first: 5, after: $after) { edges { cursor } } } }`,
        { id: facility.id, after },
      );
      expect(res.errors?.[0]).toMatchObject({
        message: "The cursor given in `after` is not one this API issued.",
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
  });
});

describe("_entities", () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Facility { id name occupancy }
    ... on Placement { id status facility { id } case { id } }
    ... on Case { id placements { id status } currentPlacement { id status } }
  } }`;

  it("resolves Facility and Placement references through their loaders, null for unknown ids", async () => {
    const facility = await createFacility(h.db);
    const caseId = newCaseId();
    const placement = await placeCheckedIn(caseId, facility.id);
    const res = await h.gql(ENTITIES, {
      r: [
        { __typename: "Facility", id: facility.id },
        { __typename: "Placement", id: placement.id },
        { __typename: "Facility", id: "00000000-0000-4000-8000-000000000004" },
        { __typename: "Placement", id: "not-a-uuid" },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: facility.id, name: facility.name, occupancy: 1 },
      { id: placement.id, status: "CHECKED_IN", facility: { id: facility.id }, case: { id: caseId } },
      null,
      null,
    ]);
  });

  it("gives a Case its placements newest first and its open placement", async () => {
    const [first, second] = [await createFacility(h.db), await createFacility(h.db)];
    const caseId = newCaseId();
    const earlier = await placeCheckedIn(caseId, first.id, { plannedAt: "2026-01-10T08:00:00.000Z" });
    await h.gql(CHECK_OUT, { input: { placementId: earlier.id, reason: "Moved to a shelter" } });
    const later = await place(caseId, second.id, { plannedAt: "2026-01-20T08:00:00.000Z" });
    const neverPlaced = newCaseId();
    const res = await h.gql(ENTITIES, {
      r: [
        { __typename: "Case", id: caseId },
        { __typename: "Case", id: neverPlaced },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      {
        id: caseId,
        placements: [
          { id: later.id, status: "PLANNED" },
          { id: earlier.id, status: "CHECKED_OUT" },
        ],
        currentPlacement: { id: later.id, status: "PLANNED" },
      },
      { id: neverPlaced, placements: [], currentPlacement: null },
    ]);
  });
});
