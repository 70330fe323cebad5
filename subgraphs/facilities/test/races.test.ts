import { racing as racingOn } from "@kgraph/platform";
import { Placement, PlacementRegime, PlacementStatus } from "../src/modules/placement/placement.entity";
import {
  CANCEL,
  CHECK_IN,
  CONFIRM,
  type FacilitiesHarness,
  PLACE,
  UPDATE_FACILITY,
  createFacility,
  newCaseId,
  racing,
  startFacilitiesHarness,
} from "./harness";

/**
 * Capacity and state races: many callers at once on one facility or one placement. Exactly one
 * wins, every other gets a coded refusal (never INTERNAL_SERVER_ERROR), and the database never
 * holds more than the facility's places.
 */
const RACERS = 8;
let h: FacilitiesHarness;
beforeAll(async () => {
  h = await startFacilitiesHarness();
});
afterAll(async () => {
  await h?.stop();
});

type Answer = {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

/** One success; the rest refused with BAD_USER_INPUT (the messages say why). */
function expectOneWinner(results: Answer[]): Answer {
  const won = results.filter((r) => !r.errors);
  const refused = results.filter((r) => r.errors);
  expect(won).toHaveLength(1);
  expect(refused.map((r) => r.errors?.[0].extensions?.code)).toEqual(refused.map(() => "BAD_USER_INPUT"));
  return won[0];
}

async function openPlacements(facilityId: string): Promise<{ planned: number; checkedIn: number }> {
  const [row] = await h.db.query(
    `SELECT count(*) FILTER (WHERE status = 'PLANNED')::int AS planned,
            count(*) FILTER (WHERE status = 'CHECKED_IN')::int AS "checkedIn"
       FROM facilities.placement WHERE facility_id = $1`,
    [facilityId],
  );
  return row;
}

async function place(facilityId: string) {
  const res = await h.gql(PLACE, { input: { caseId: newCaseId(), facilityId, regime: "OPEN" } });
  expect(res.errors).toBeUndefined();
  return res.data!.placeCase as { id: string };
}

it(`gives the last free place to exactly one of ${RACERS} concurrent placeCase calls`, async () => {
  const facility = await createFacility(h.db, { officialCapacity: 3 });
  await place(facility.id);
  await place(facility.id);
  // The facility row is what every placement locks first: all of them queue on it, then race.
  const results = await racingOn(h.db, "facilities.facility", RACERS, () =>
    Array.from({ length: RACERS }, () =>
      h.gql(PLACE, { input: { caseId: newCaseId(), facilityId: facility.id, regime: "OPEN" } }),
    ),
  );
  expectOneWinner(results);
  for (const refused of results.filter((r) => r.errors)) {
    expect(refused.errors?.[0].message).toContain("is full: 3 of 3 places are taken");
  }
  expect(await openPlacements(facility.id)).toEqual({ planned: 3, checkedIn: 0 });
});

it("confirms a placement once when officers confirm it at the same time", async () => {
  const facility = await createFacility(h.db);
  // Recorded by facility staff: open and not yet confirmed.
  const unconfirmed = h.db.getRepository(Placement).create({
    id: newCaseId(),
    caseId: newCaseId(),
    facilityId: facility.id,
    regime: PlacementRegime.OPEN,
    status: PlacementStatus.PLANNED,
    plannedAt: new Date(),
    checkInAt: null,
    checkOutAt: null,
    checkOutReason: null,
    cancelledAt: null,
    cancellationReason: null,
    confirmedAt: null,
    confirmedBy: null,
  });
  await h.db.getRepository(Placement).insert(unconfirmed);
  const results = await racing(h.db, 4, () =>
    ["officer-a", "officer-b", "officer-c", "officer-d"].map((sub) =>
      h.gql(CONFIRM, { id: unconfirmed.id }, { roles: ["mia_officer"], sub }),
    ),
  );
  expectOneWinner(results);
  const [row] = await h.db.query(`SELECT confirmed_by FROM facilities.placement WHERE id = $1`, [unconfirmed.id]);
  expect(["officer-a", "officer-b", "officer-c", "officer-d"]).toContain(row.confirmed_by);
});

it("checks in only as many residents as there are places when check-ins race for the last one", async () => {
  const facility = await createFacility(h.db, { officialCapacity: 3 });
  const planned = [await place(facility.id), await place(facility.id), await place(facility.id)];
  // Lowered after the places were reserved: three planned, room for one resident.
  const lowered = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, officialCapacity: 1 } });
  expect(lowered.errors).toBeUndefined();
  const results = await racing(h.db, planned.length, () => planned.map((p) => h.gql(CHECK_IN, { id: p.id })));
  expectOneWinner(results);
  expect((await openPlacements(facility.id)).checkedIn).toBe(1);
});

it("cancels a placement once when it is cancelled twice at the same time", async () => {
  const facility = await createFacility(h.db);
  const placement = await place(facility.id);
  const results = await racing(h.db, 2, () =>
    [1, 2].map(() => h.gql(CANCEL, { input: { placementId: placement.id, reason: "Plans changed at short notice." } })),
  );
  const won = expectOneWinner(results);
  expect(won.data?.cancelPlacement.status).toBe("CANCELLED");
});

it("never leaves a facility CLOSED with a placement in it when closing and placing race", async () => {
  const facility = await createFacility(h.db);
  const results = await racingOn(h.db, "facilities.facility", 2, () => [
    h.gql(PLACE, { input: { caseId: newCaseId(), facilityId: facility.id, regime: "OPEN" } }),
    h.gql(UPDATE_FACILITY, { input: { id: facility.id, status: "CLOSED" } }),
  ]);
  expectOneWinner(results);
  const [row] = await h.db.query(`SELECT status FROM facilities.facility WHERE id = $1`, [facility.id]);
  const { planned } = await openPlacements(facility.id);
  // Whichever came first decides: closed and empty, or open with the one placement.
  expect({ status: row.status, planned }).toEqual(
    row.status === "CLOSED" ? { status: "CLOSED", planned: 0 } : { status: "OPERATIONAL", planned: 1 },
  );
});
