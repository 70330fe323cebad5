import { randomUUID } from "node:crypto";
import { TaskForceAgency } from "../src/agency";
import { ActionItemStatus } from "../src/modules/action-item/action-item.entity";
import {
  DAY,
  HOUR,
  type OversightHarness,
  createActionItemRow,
  createMeetingRow,
  createTaskForce,
  errorsOf,
  ok,
  startOversightHarness,
} from "./harness";

/**
 * The overdue ledgers at a given time: which items are overdue (pending and past due), by how
 * many whole days, in which ageing band; each role's own view (myOverdue) and the task force's
 * view of every agency (overdueByAgency); and OverdueLedger as an entity other subgraphs extend.
 * Each test works in its own far-off time window, so other tests' items never count.
 */
let h: OversightHarness;
beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

const LEDGER = `items: actionItems { actionItem { id } daysOverdue band } ageing { band count }`;
const BANDS = ["DAYS_0_TO_7", "DAYS_8_TO_30", "DAYS_31_TO_90", "OVER_90_DAYS"];
const counts = (...n: number[]) => BANDS.map((band, i) => ({ band, count: n[i] }));

let windowCounter = 0;
/** A time far from every other test's items (each test its own year). */
function window(): Date {
  windowCounter += 1;
  return new Date(Date.UTC(2100 + windowCounter * 5, 0, 1));
}

it("puts each pending overdue item in its band at asOf; not-yet-due and closed items are not overdue", async () => {
  const asOf = window();
  const tf = await createTaskForce(h.db);
  const due = (days: number, extra = 0) => new Date(asOf.getTime() - days * DAY - extra);
  const item = (days: number, overrides = {}) =>
    createActionItemRow(h.db, tf.id, { ownerAgency: TaskForceAgency.DHS, dueAt: due(days), ...overrides });
  const lessThanADay = await createActionItemRow(h.db, tf.id, {
    ownerAgency: TaskForceAgency.DHS,
    dueAt: new Date(asOf.getTime() - HOUR),
  });
  const seven = await item(7, { status: ActionItemStatus.IN_PROGRESS });
  const eight = await item(8);
  const thirty = await item(30, HOUR);
  const thirtyOne = await item(31);
  const ninety = await item(90);
  const ninetyOne = await item(91);
  const year = await item(365);
  await item(400, { status: ActionItemStatus.DONE });
  await item(40, { status: ActionItemStatus.DROPPED });
  await createActionItemRow(h.db, tf.id, { ownerAgency: TaskForceAgency.DHS, dueAt: new Date(asOf.getTime() + HOUR) });
  await createActionItemRow(h.db, tf.id, { ownerAgency: TaskForceAgency.MIA, dueAt: due(3) });
  // Items due long after this window's asOf belong to later windows; due before it, to earlier
  // ones: those are overdue here too, so only this window's own items are compared.
  const ours = new Set([lessThanADay, seven, eight, thirty, thirtyOne, ninety, ninetyOne, year].map((i) => i.id));
  const res = ok(
    await h.gql(
      `query($asOf: DateTimeISO!) { overdueByAgency(asOf: $asOf) { agency ${LEDGER} } }`,
      { asOf: asOf.toISOString() },
      "ombudsperson",
    ),
  );
  const dhs = res.overdueByAgency.find((l: { agency: string }) => l.agency === "DHS");
  expect(res.overdueByAgency.map((l: { agency: string }) => l.agency)).toEqual([
    "MIA",
    "DHS",
    "OMBUDSPERSON",
    "FACILITY_OPERATOR",
    "CIVIL_SOCIETY",
  ]);
  expect(dhs.items.filter((e: { actionItem: { id: string } }) => ours.has(e.actionItem.id))).toEqual([
    { actionItem: { id: year.id }, daysOverdue: 365, band: "OVER_90_DAYS" },
    { actionItem: { id: ninetyOne.id }, daysOverdue: 91, band: "OVER_90_DAYS" },
    { actionItem: { id: ninety.id }, daysOverdue: 90, band: "DAYS_31_TO_90" },
    { actionItem: { id: thirtyOne.id }, daysOverdue: 31, band: "DAYS_31_TO_90" },
    { actionItem: { id: thirty.id }, daysOverdue: 30, band: "DAYS_8_TO_30" },
    { actionItem: { id: eight.id }, daysOverdue: 8, band: "DAYS_8_TO_30" },
    { actionItem: { id: seven.id }, daysOverdue: 7, band: "DAYS_0_TO_7" },
    { actionItem: { id: lessThanADay.id }, daysOverdue: 0, band: "DAYS_0_TO_7" },
  ]);
  // The counts agree with the items, whatever earlier windows left overdue (counted in bands > 90 days).
  const earlier = dhs.items.filter((e: { actionItem: { id: string } }) => !ours.has(e.actionItem.id)).length;
  expect(dhs.ageing).toEqual(counts(2, 2, 2, 2 + earlier));
});

it("judges at the time asked: a day earlier, the same item is a day less overdue (or not yet due)", async () => {
  const asOf = window();
  const tf = await createTaskForce(h.db);
  const item = await createActionItemRow(h.db, tf.id, {
    ownerAgency: TaskForceAgency.OMBUDSPERSON,
    dueAt: new Date(asOf.getTime() - 8 * DAY),
  });
  const at = async (time: Date) => {
    const res = ok(
      await h.gql(
        `query($asOf: DateTimeISO!) { myOverdue(asOf: $asOf) { agency items: actionItems { actionItem { id } daysOverdue band } } }`,
        { asOf: time.toISOString() },
        "ombudsperson",
      ),
    );
    return res.myOverdue[0].items.find((e: { actionItem: { id: string } }) => e.actionItem.id === item.id) ?? null;
  };
  expect(await at(asOf)).toEqual({ actionItem: { id: item.id }, daysOverdue: 8, band: "DAYS_8_TO_30" });
  expect(await at(new Date(asOf.getTime() - DAY))).toEqual({
    actionItem: { id: item.id },
    daysOverdue: 7,
    band: "DAYS_0_TO_7",
  });
  expect(await at(new Date(asOf.getTime() - 9 * DAY))).toBeNull();
  // A field's own asOf wins over the query's.
  const res = ok(
    await h.gql(
      `query($asOf: DateTimeISO!, $later: DateTimeISO!) { myOverdue(asOf: $asOf) { actionItems(asOf: $later) { actionItem { id } daysOverdue } } }`,
      { asOf: asOf.toISOString(), later: new Date(asOf.getTime() + 30 * DAY).toISOString() },
      "ombudsperson",
    ),
  );
  expect(res.myOverdue[0].actionItems).toContainEqual({ actionItem: { id: item.id }, daysOverdue: 38 });
});

describe("myOverdue: each role's own agency", () => {
  it.each([
    ["mia_officer", ["MIA"]],
    ["dhs_liaison", ["DHS"]],
    ["ombudsperson", ["OMBUDSPERSON"]],
    ["auditor", []],
  ])("%s sees the ledgers %j", async (role, agencies) => {
    const res = ok(await h.gql(`{ myOverdue { agency } }`, {}, role));
    expect(res.myOverdue.map((l: { agency: string }) => l.agency)).toEqual(agencies);
  });

  it("facility staff see their own facility operator's items only; monitors their own body's only", async () => {
    const asOf = window();
    const tf = await createTaskForce(h.db);
    const facility = randomUUID();
    const otherFacility = randomUUID();
    const body = randomUUID();
    const otherBody = randomUUID();
    const dueAt = new Date(asOf.getTime() - 10 * DAY);
    const mine = await createActionItemRow(h.db, tf.id, {
      ownerAgency: TaskForceAgency.FACILITY_OPERATOR,
      ownerOrgId: facility,
      dueAt,
    });
    await createActionItemRow(h.db, tf.id, {
      ownerAgency: TaskForceAgency.FACILITY_OPERATOR,
      ownerOrgId: otherFacility,
      dueAt,
    });
    const ours = await createActionItemRow(h.db, tf.id, {
      ownerAgency: TaskForceAgency.CIVIL_SOCIETY,
      ownerOrgId: body,
      dueAt,
    });
    // Another body's item, agreed at a meeting whose minutes are published: a monitor reads it,
    // but it is not theirs to deliver, so it is not in their own ledger.
    const published = await createMeetingRow(h.db, tf.id, {
      heldAt: new Date(asOf.getTime() - 40 * DAY),
      minutesPublishedAt: new Date(asOf.getTime() - 39 * DAY),
    });
    const theirs = await createActionItemRow(h.db, tf.id, {
      ownerAgency: TaskForceAgency.CIVIL_SOCIETY,
      ownerOrgId: otherBody,
      meetingId: published.id,
      dueAt,
    });
    const query = `query($asOf: DateTimeISO!) { myOverdue(asOf: $asOf) { agency actionItems { actionItem { id } } ageing { band count } } }`;
    const staff = ok(
      await h.gql(query, { asOf: asOf.toISOString() }, { roles: ["facility_staff"], facility_id: facility }),
    );
    expect(staff.myOverdue).toEqual([
      { agency: "FACILITY_OPERATOR", actionItems: [{ actionItem: { id: mine.id } }], ageing: counts(0, 1, 0, 0) },
    ]);
    const monitor = ok(await h.gql(query, { asOf: asOf.toISOString() }, { roles: ["monitor"], org_id: body }));
    expect(monitor.myOverdue).toEqual([
      { agency: "CIVIL_SOCIETY", actionItems: [{ actionItem: { id: ours.id } }], ageing: counts(0, 1, 0, 0) },
    ]);
    // Through the entity, the monitor's CIVIL_SOCIETY ledger is their rule's: their own and the published.
    const entity = ok(
      await h.gql(
        `query($r: [_Any!]!, $asOf: DateTimeISO!) { _entities(representations: $r) { ... on OverdueLedger { agency actionItems(asOf: $asOf) { actionItem { id } } } } }`,
        { r: [{ __typename: "OverdueLedger", agency: "CIVIL_SOCIETY" }], asOf: asOf.toISOString() },
        { roles: ["monitor"], org_id: body },
      ),
    );
    const ids = entity._entities[0].actionItems.map((e: { actionItem: { id: string } }) => e.actionItem.id);
    // (No other test of this file makes CIVIL_SOCIETY items.)
    expect([...ids].sort()).toEqual([ours.id, theirs.id].sort());
  });

  it("a monitor or facility staff member without a well-formed claim has no ledger", async () => {
    expect(
      ok(await h.gql(`{ myOverdue { agency } }`, {}, { roles: ["monitor"], org_id: "my-body" })).myOverdue,
    ).toEqual([]);
    expect(ok(await h.gql(`{ myOverdue { agency } }`, {}, { roles: ["facility_staff"] })).myOverdue).toEqual([]);
  });
});

describe("overdueByAgency: the task force's view", () => {
  it.each(["dhs_liaison", "monitor", "facility_staff", "legal_counsel", "training_admin"])(
    "is refused to %s (oversight:ledger:read)",
    async (role) => {
      const res = await h.gql(`{ overdueByAgency { agency } }`, {}, role);
      expect(errorsOf(res)).toEqual([
        { message: "Query.overdueByAgency needs oversight:ledger:read.", path: ["overdueByAgency"], code: "FORBIDDEN" },
      ]);
    },
  );

  it("refuses an asOf outside the storable years", async () => {
    const res = await h.gql(`{ overdueByAgency(asOf: "0000-01-01T00:00:00.000Z") { agency } }`, {}, "auditor");
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

it("OverdueLedger resolves as an entity by agency (other subgraphs may add their overdue facts), null for an unknown agency", async () => {
  const res = ok(
    await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on OverdueLedger { agency } } }`,
      {
        r: [
          { __typename: "OverdueLedger", agency: "MIA" },
          { __typename: "OverdueLedger", agency: "NOBODY" },
        ],
      },
      "auditor",
    ),
  );
  expect(res._entities).toEqual([{ agency: "MIA" }, null]);
});
