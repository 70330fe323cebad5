import { ALL_ROLES } from "@kgraph/platform";
import { FacilityStatus, FacilityType } from "../src/modules/facility/facility.entity";
import {
  CANCEL,
  CHECK_IN,
  CHECK_OUT,
  type FacilitiesHarness,
  PLACE,
  UPDATE_FACILITY,
  createFacility,
  newCaseId,
  placementCount,
  racing,
  startFacilitiesHarness,
} from "./harness";

let h: FacilitiesHarness;
beforeAll(async () => {
  h = await startFacilitiesHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function place(caseId: string, facilityId: string, regime = "OPEN", plannedAt?: string) {
  const res = await h.gql(PLACE, { input: { caseId, facilityId, regime, plannedAt } });
  expect(res.errors).toBeUndefined();
  return res.data!.placeCase as { id: string; status: string; plannedAt: string };
}

async function placeCheckedIn(caseId: string, facilityId: string, at?: string) {
  const placement = await place(caseId, facilityId, "OPEN", at);
  const res = await h.gql(CHECK_IN, { id: placement.id, at });
  expect(res.errors).toBeUndefined();
  return res.data!.checkIn as { id: string; status: string; checkInAt: string };
}

async function readPlacement(id: string) {
  const res = await h.gql(
    `query($id: ID!) { placement(id: $id) { id status checkInAt checkOutAt checkOutReason cancelledAt } }`,
    { id },
  );
  return res.data!.placement;
}

describe("placeCase", () => {
  it("reserves a place: PLANNED, linked to the case and the facility", async () => {
    const facility = await createFacility(h.db);
    const caseId = newCaseId();
    const res = await h.gql(PLACE, {
      input: { caseId, facilityId: facility.id, regime: "OPEN", plannedAt: "2026-03-01T09:00:00.000Z" },
    });
    expect(res.errors).toBeUndefined();
    const placed = res.data!.placeCase as { id: string; confirmedAt: string };
    // Placed by a caller holding placement:confirm (an MIA officer): confirmed at once, by them.
    const [row] = await h.db.query(`SELECT confirmed_at, confirmed_by FROM facilities.placement WHERE id = $1`, [
      placed.id,
    ]);
    expect(res.data!.placeCase).toEqual({
      id: placed.id,
      status: "PLANNED",
      regime: "OPEN",
      plannedAt: "2026-03-01T09:00:00.000Z",
      checkInAt: null,
      checkOutAt: null,
      checkOutReason: null,
      cancelledAt: null,
      cancellationReason: null,
      confirmedAt: (row.confirmed_at as Date).toISOString(),
      case: { id: caseId },
      facility: { id: facility.id },
    });
    expect(row.confirmed_by).toBe((ALL_ROLES as { sub: string }).sub);
    expect(await placementCount(h.db, facility.id)).toBe(1);
  });

  it("plans for now when no time is given", async () => {
    const facility = await createFacility(h.db);
    const before = Date.now();
    const placement = await place(newCaseId(), facility.id);
    const plannedAt = Date.parse(placement.plannedAt);
    expect(plannedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(plannedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("accepts a DETAINED placement in a DETENTION_CENTRE", async () => {
    const facility = await createFacility(h.db, { type: FacilityType.DETENTION_CENTRE });
    const placement = await place(newCaseId(), facility.id, "DETAINED");
    expect(placement.status).toBe("PLANNED");
  });

  it("rejects malformed ids naming each field, and writes nothing", async () => {
    const count = async () => (await h.db.query(`SELECT count(*)::int AS n FROM facilities.placement`))[0].n as number;
    const before = await count();
    const res = await h.gql(PLACE, { input: { caseId: "case-1", facilityId: "nope", regime: "OPEN" } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toBe(
      "Invalid input: input.caseId must be an id (a UUID); input.facilityId must be an id (a UUID).",
    );
    expect(res.errors?.[0].extensions?.argument).toBe("input.caseId");
    expect(await count()).toBe(before);
  });

  it("refuses a full facility with the exact message, and writes nothing", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 2 });
    await placeCheckedIn(newCaseId(), facility.id);
    await place(newCaseId(), facility.id);
    const res = await h.gql(PLACE, { input: { caseId: newCaseId(), facilityId: facility.id, regime: "OPEN" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" is full: 2 of 2 places are taken (planned or checked in).`,
      extensions: { code: "BAD_USER_INPUT", officialCapacity: 2, placesTaken: 2 },
    });
    expect(res.data).toBeNull();
    expect(await placementCount(h.db, facility.id)).toBe(2);
  });

  it("refuses a facility that is not OPERATIONAL", async () => {
    for (const status of [FacilityStatus.SUSPENDED, FacilityStatus.CLOSED]) {
      const facility = await createFacility(h.db, { status });
      const res = await h.gql(PLACE, { input: { caseId: newCaseId(), facilityId: facility.id, regime: "OPEN" } });
      expect(res.errors?.[0]).toMatchObject({
        message: `Facility "${facility.name}" is ${status}; only an OPERATIONAL facility takes placements.`,
        extensions: { code: "BAD_USER_INPUT" },
      });
      expect(await placementCount(h.db, facility.id)).toBe(0);
    }
  });

  it("refuses a second open placement of the same case, planned or checked in", async () => {
    const first = await createFacility(h.db);
    const second = await createFacility(h.db);
    const caseId = newCaseId();
    const planned = await place(caseId, first.id);
    const message = `Case ${caseId} already has an open placement (planned or checked in); check it out or cancel it before placing the case again.`;
    const whilePlanned = await h.gql(PLACE, { input: { caseId, facilityId: second.id, regime: "OPEN" } });
    expect(whilePlanned.errors?.[0]).toMatchObject({
      message,
      extensions: { code: "BAD_USER_INPUT", placementId: planned.id },
    });
    await h.gql(CHECK_IN, { id: planned.id });
    const whileCheckedIn = await h.gql(PLACE, { input: { caseId, facilityId: second.id, regime: "OPEN" } });
    expect(whileCheckedIn.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT" } });
    expect(await placementCount(h.db, second.id)).toBe(0);
  });

  it("places a case again once its placement has ended", async () => {
    const facility = await createFacility(h.db);
    const caseId = newCaseId();
    const stay = await placeCheckedIn(caseId, facility.id);
    await h.gql(CHECK_OUT, { input: { placementId: stay.id, reason: "Moved to another facility" } });
    const again = await place(caseId, facility.id);
    expect(again.status).toBe("PLANNED");
  });

  it("refuses DETAINED outside a DETENTION_CENTRE", async () => {
    const facility = await createFacility(h.db, { type: FacilityType.SHELTER });
    const res = await h.gql(PLACE, { input: { caseId: newCaseId(), facilityId: facility.id, regime: "DETAINED" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `A DETAINED placement is possible only in a DETENTION_CENTRE; facility "${facility.name}" is a SHELTER.`,
      extensions: { code: "BAD_USER_INPUT", argument: "input.regime" },
    });
    expect(await placementCount(h.db, facility.id)).toBe(0);
  });

  it("answers NOT_FOUND for an unknown facility", async () => {
    const res = await h.gql(PLACE, {
      input: { caseId: newCaseId(), facilityId: "00000000-0000-4000-8000-000000000000", regime: "OPEN" },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "Facility 00000000-0000-4000-8000-000000000000 does not exist.",
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("gives the last free place to exactly one of two concurrent placements", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 3 });
    await placeCheckedIn(newCaseId(), facility.id);
    await place(newCaseId(), facility.id);
    const results = await racing(h.db, 2, () =>
      [newCaseId(), newCaseId()].map((caseId) =>
        h.gql(PLACE, { input: { caseId, facilityId: facility.id, regime: "OPEN" } }),
      ),
    );
    const succeeded = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" is full: 3 of 3 places are taken (planned or checked in).`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await placementCount(h.db, facility.id)).toBe(3);
  });

  it("keeps one open placement when the same case is placed into two facilities at once", async () => {
    const facilities = [await createFacility(h.db), await createFacility(h.db)];
    const caseId = newCaseId();
    const results = await racing(h.db, 2, () =>
      facilities.map((f) => h.gql(PLACE, { input: { caseId, facilityId: f.id, regime: "OPEN" } })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const refused = results.find((r) => r.errors)!;
    expect(refused.errors?.[0]).toMatchObject({
      message: `Case ${caseId} already has an open placement (planned or checked in); check it out or cancel it before placing the case again.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM facilities.placement WHERE case_id = $1`, [
      caseId,
    ]);
    expect(n).toBe(1);
  });
});

describe("checkIn", () => {
  it("moves PLANNED to CHECKED_IN at the given time and counts the resident", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 4 });
    const planned = await place(newCaseId(), facility.id);
    const res = await h.gql(CHECK_IN, { id: planned.id, at: "2026-03-02T10:30:00.000Z" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.checkIn).toMatchObject({
      id: planned.id,
      status: "CHECKED_IN",
      checkInAt: "2026-03-02T10:30:00.000Z",
    });
    const read = await h.gql(`query($id: ID!) { facility(id: $id) { occupancy occupancyRate } }`, { id: facility.id });
    expect(read.data!.facility).toEqual({ occupancy: 1, occupancyRate: 0.25 });
  });

  it("refuses anything but PLANNED, naming what is allowed, and changes nothing", async () => {
    const facility = await createFacility(h.db);
    const stay = await placeCheckedIn(newCaseId(), facility.id, "2026-03-01T08:00:00.000Z");
    const again = await h.gql(CHECK_IN, { id: stay.id });
    expect(again.errors?.[0]).toMatchObject({
      message: `Placement ${stay.id} cannot move from CHECKED_IN to CHECKED_IN. Allowed next: CHECKED_OUT.`,
      extensions: { code: "BAD_USER_INPUT", from: "CHECKED_IN", to: "CHECKED_IN", allowed: ["CHECKED_OUT"] },
    });
    expect((await readPlacement(stay.id)).checkInAt).toBe("2026-03-01T08:00:00.000Z");

    const cancelled = await place(newCaseId(), facility.id);
    await h.gql(CANCEL, { input: { placementId: cancelled.id, reason: "Plans changed" } });
    const res = await h.gql(CHECK_IN, { id: cancelled.id });
    expect(res.errors?.[0].message).toBe(
      `Placement ${cancelled.id} cannot move from CANCELLED to CHECKED_IN. CANCELLED is final.`,
    );
    expect((await readPlacement(cancelled.id)).status).toBe("CANCELLED");
  });

  it("refuses a time in the future and a malformed id", async () => {
    const facility = await createFacility(h.db);
    const planned = await place(newCaseId(), facility.id);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const res = await h.gql(CHECK_IN, { id: planned.id, at: future });
    expect(res.errors?.[0]).toMatchObject({
      message: `\`at\` cannot be in the future; got ${future}.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await readPlacement(planned.id)).status).toBe("PLANNED");
    const malformed = await h.gql(CHECK_IN, { id: "P-1" });
    expect(malformed.errors?.[0]).toMatchObject({
      message: "Invalid input: placementId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("refuses check-in into a SUSPENDED facility", async () => {
    const facility = await createFacility(h.db);
    const planned = await place(newCaseId(), facility.id);
    await h.gql(UPDATE_FACILITY, { input: { id: facility.id, status: "SUSPENDED" } });
    const res = await h.gql(CHECK_IN, { id: planned.id });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" is SUSPENDED; check-in needs an OPERATIONAL facility. Cancel this placement and place the case elsewhere.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await readPlacement(planned.id)).status).toBe("PLANNED");
  });

  it("refuses a resident beyond a capacity lowered after the place was reserved", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 2 });
    await placeCheckedIn(newCaseId(), facility.id);
    const waiting = await place(newCaseId(), facility.id);
    const lowered = await h.gql(UPDATE_FACILITY, { input: { id: facility.id, officialCapacity: 1 } });
    expect(lowered.errors).toBeUndefined();
    const res = await h.gql(CHECK_IN, { id: waiting.id });
    expect(res.errors?.[0]).toMatchObject({
      message: `Facility "${facility.name}" is full: 1 of 1 places are occupied.`,
      extensions: { code: "BAD_USER_INPUT", occupancy: 1, officialCapacity: 1 },
    });
    expect((await readPlacement(waiting.id)).status).toBe("PLANNED");
  });

  it("answers NOT_FOUND for an unknown placement", async () => {
    const res = await h.gql(CHECK_IN, { id: "00000000-0000-4000-8000-000000000001" });
    expect(res.errors?.[0]).toMatchObject({
      message: "Placement 00000000-0000-4000-8000-000000000001 does not exist.",
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("checkOut", () => {
  it("moves CHECKED_IN to CHECKED_OUT with the time and reason, freeing the place", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 1 });
    const stay = await placeCheckedIn(newCaseId(), facility.id, "2026-03-01T08:00:00.000Z");
    const res = await h.gql(CHECK_OUT, {
      input: { placementId: stay.id, at: "2026-04-01T08:00:00.000Z", reason: "Onward return" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.checkOut).toMatchObject({
      status: "CHECKED_OUT",
      checkInAt: "2026-03-01T08:00:00.000Z",
      checkOutAt: "2026-04-01T08:00:00.000Z",
      checkOutReason: "Onward return",
    });
    const read = await h.gql(`query($id: ID!) { facility(id: $id) { occupancy occupancyRate } }`, { id: facility.id });
    expect(read.data!.facility).toEqual({ occupancy: 0, occupancyRate: 0 });
    expect((await place(newCaseId(), facility.id)).status).toBe("PLANNED");
  });

  it("refuses a placement that is not CHECKED_IN", async () => {
    const facility = await createFacility(h.db);
    const planned = await place(newCaseId(), facility.id);
    const res = await h.gql(CHECK_OUT, { input: { placementId: planned.id, reason: "Onward return" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Placement ${planned.id} cannot move from PLANNED to CHECKED_OUT. Allowed next: CHECKED_IN, CANCELLED.`,
      extensions: { code: "BAD_USER_INPUT", allowed: ["CHECKED_IN", "CANCELLED"] },
    });
    expect((await readPlacement(planned.id)).status).toBe("PLANNED");
  });

  it("refuses a check-out before the check-in, and changes nothing", async () => {
    const facility = await createFacility(h.db);
    const stay = await placeCheckedIn(newCaseId(), facility.id, "2026-03-10T08:00:00.000Z");
    const res = await h.gql(CHECK_OUT, {
      input: { placementId: stay.id, at: "2026-03-09T08:00:00.000Z", reason: "Onward return" },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "The check-out time 2026-03-09T08:00:00.000Z is before the check-in at 2026-03-10T08:00:00.000Z.",
      extensions: { code: "BAD_USER_INPUT", argument: "input.at" },
    });
    expect(await readPlacement(stay.id)).toMatchObject({
      status: "CHECKED_IN",
      checkOutAt: null,
      checkOutReason: null,
    });
  });

  it("requires a reason and a well-formed id", async () => {
    const res = await h.gql(CHECK_OUT, { input: { placementId: "x", reason: "" } });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: input.placementId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.placementId" },
    });
    const noReason = await h.gql(CHECK_OUT, {
      input: { placementId: "00000000-0000-4000-8000-000000000009", reason: "" },
    });
    expect(noReason.errors?.[0]).toMatchObject({
      message: "Invalid input: reason must be 3 to 500 characters long.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("cancelPlacement", () => {
  it("cancels a PLANNED placement with its reason and frees the place", async () => {
    const facility = await createFacility(h.db, { officialCapacity: 1 });
    const caseId = newCaseId();
    const planned = await place(caseId, facility.id);
    const res = await h.gql(CANCEL, { input: { placementId: planned.id, reason: "Transfer postponed" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelPlacement).toMatchObject({ status: "CANCELLED", cancellationReason: "Transfer postponed" });
    expect(res.data!.cancelPlacement.cancelledAt).not.toBeNull();
    const current = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { currentPlacement { id } } } }`,
      { r: [{ __typename: "Case", id: caseId }] },
    );
    expect(current.data!._entities).toEqual([{ currentPlacement: null }]);
    expect((await place(newCaseId(), facility.id)).status).toBe("PLANNED");
  });

  it("refuses to cancel a CHECKED_IN placement (it must be checked out)", async () => {
    const facility = await createFacility(h.db);
    const stay = await placeCheckedIn(newCaseId(), facility.id);
    const res = await h.gql(CANCEL, { input: { placementId: stay.id, reason: "Mistake" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Placement ${stay.id} cannot move from CHECKED_IN to CANCELLED. Allowed next: CHECKED_OUT.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await readPlacement(stay.id)).toMatchObject({ status: "CHECKED_IN", cancelledAt: null });
  });

  it("requires a reason", async () => {
    const facility = await createFacility(h.db);
    const planned = await place(newCaseId(), facility.id);
    const res = await h.gql(CANCEL, { input: { placementId: planned.id, reason: "no" } });
    expect(res.errors?.[0].message).toBe("Invalid input: reason must be 3 to 500 characters long.");
    expect((await readPlacement(planned.id)).status).toBe("PLANNED");
  });
});
