import { CaseStatus } from "../src/modules/case/case-status";
import {
  type CasesHarness,
  caseEntities,
  countRows,
  countStatements,
  createAgreement,
  createCase,
  startCasesHarness,
} from "./harness";

let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const TRANSFER_FIELDS = `id direction flightNumber departureAt arrivalAt handoverAt status cancellationReason cases { id caseNumber status arrivedAt closedAt }`;
const RECORD = `mutation($input: RecordTransferInput!) { recordTransfer(input: $input) { ${TRANSFER_FIELDS} } }`;
const HANDOVER = `mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { ${TRANSFER_FIELDS} } }`;
const CANCEL = `mutation($input: CancelTransferInput!) { cancelTransfer(input: $input) { ${TRANSFER_FIELDS} } }`;
const PROGRESS = `mutation($input: UpdateTransferStatusInput!) { updateTransferStatus(input: $input) { ${TRANSFER_FIELDS} } }`;
const CASE = `query($id: ID!) { case(id: $id) { id status arrivedAt closedAt transfer { id direction status } } }`;

async function acceptedCases(n: number, agreementId?: string) {
  const agreement = agreementId ?? (await createAgreement(h.db)).id;
  const cases = [];
  for (let i = 0; i < n; i++) cases.push(await createCase(h.db, agreement, { status: CaseStatus.ACCEPTED }));
  return cases.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
}

async function inbound(caseIds: string[], overrides: Record<string, unknown> = {}) {
  const res = await h.gql(RECORD, {
    input: {
      direction: "INBOUND",
      flightNumber: "SYN101",
      departureAt: "2026-02-01T08:00:00.000Z",
      caseIds,
      ...overrides,
    },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.recordTransfer;
}

/** Moves a case through the state machine by the public mutation. */
async function advance(caseId: string, ...statuses: string[]) {
  for (const status of statuses) {
    const res = await h.gql(`mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { status } }`, {
      input: { caseId, status },
    });
    expect(res.errors).toBeUndefined();
  }
}

async function readCase(id: string) {
  return (await h.gql(CASE, { id })).data!.case;
}

describe("recordTransfer", () => {
  it("books ACCEPTED cases on an INBOUND transfer and moves them to IN_TRANSIT", async () => {
    const cases = await acceptedCases(2);
    const res = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN123",
        departureAt: "2026-02-01T08:00:00.000Z",
        arrivalAt: "2026-02-01T22:00:00.000Z",
        caseIds: [cases[1].id, cases[0].id],
      },
    });
    expect(res.errors).toBeUndefined();
    const transfer = res.data!.recordTransfer;
    expect(transfer).toMatchObject({
      direction: "INBOUND",
      flightNumber: "SYN123",
      departureAt: "2026-02-01T08:00:00.000Z",
      arrivalAt: "2026-02-01T22:00:00.000Z",
      handoverAt: null,
      status: "PLANNED",
      cancellationReason: null,
    });
    expect(transfer.cases.map((c: { id: string }) => c.id)).toEqual([cases[0].id, cases[1].id]);
    expect(transfer.cases.map((c: { status: string }) => c.status)).toEqual(["IN_TRANSIT", "IN_TRANSIT"]);
    expect(await readCase(cases[0].id)).toMatchObject({
      status: "IN_TRANSIT",
      transfer: { id: transfer.id, direction: "INBOUND", status: "PLANNED" },
    });
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const before = await countRows(h.db, "transfer");
    const res = await h.gql(RECORD, {
      input: { direction: "INBOUND", flightNumber: "syn-1", departureAt: "2026-02-01T08:00:00.000Z", caseIds: [] },
    });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toBe(
      "Invalid input: flightNumber must be 3 to 10 capital letters or digits, e.g. SYN123; caseIds must name at least one case.",
    );
    const cases = await acceptedCases(1);
    const twice = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN1",
        departureAt: "2026-02-01T08:00:00.000Z",
        caseIds: [cases[0].id, cases[0].id, "nope"],
      },
    });
    // Ids are checked first, by type, with the path of each wrong one.
    expect(twice.errors?.[0]).toMatchObject({
      message: "Invalid input: input.caseIds[2] must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.caseIds[2]" },
    });
    const repeated = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN1",
        departureAt: "2026-02-01T08:00:00.000Z",
        caseIds: [cases[0].id, cases[0].id],
      },
    });
    expect(repeated.errors?.[0].message).toBe("Invalid input: caseIds must name each case once.");
    expect(await countRows(h.db, "transfer")).toBe(before);
  });

  it("refuses an arrival before the departure", async () => {
    const cases = await acceptedCases(1);
    const res = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN1",
        departureAt: "2026-02-01T08:00:00.000Z",
        arrivalAt: "2026-02-01T07:00:00.000Z",
        caseIds: [cases[0].id],
      },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "arrivalAt (2026-02-01T07:00:00.000Z) must be after departureAt (2026-02-01T08:00:00.000Z).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.arrivalAt" },
    });
    expect((await readCase(cases[0].id)).status).toBe("ACCEPTED");
  });

  it("answers NOT_FOUND naming a case that does not exist, and changes nothing", async () => {
    const cases = await acceptedCases(1);
    const before = await countRows(h.db, "transfer");
    const res = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN1",
        departureAt: "2026-02-01T08:00:00.000Z",
        caseIds: [cases[0].id, UNKNOWN],
      },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: `Case ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    expect(await countRows(h.db, "transfer")).toBe(before);
    expect(await readCase(cases[0].id)).toMatchObject({ status: "ACCEPTED", transfer: null });
  });

  it("refuses INBOUND cases that are not ACCEPTED, naming each, and changes nothing", async () => {
    const agreement = await createAgreement(h.db);
    const ok = await createCase(h.db, agreement.id, { status: CaseStatus.ACCEPTED });
    const nominated = await createCase(h.db, agreement.id, { status: CaseStatus.NOMINATED });
    const res = await h.gql(RECORD, {
      input: {
        direction: "INBOUND",
        flightNumber: "SYN1",
        departureAt: "2026-02-01T08:00:00.000Z",
        caseIds: [ok.id, nominated.id],
      },
    });
    expect(res.errors?.[0]).toMatchObject({
      message: `An INBOUND transfer takes ACCEPTED cases only: ${nominated.caseNumber} is NOMINATED.`,
      extensions: { code: "BAD_USER_INPUT", caseIds: [nominated.id] },
    });
    expect(await readCase(ok.id)).toMatchObject({ status: "ACCEPTED", transfer: null });
  });

  it("books ONWARD_RETURN_PLANNED cases on an ONWARD transfer without changing their status, keeping the inbound history", async () => {
    const [c] = await acceptedCases(1);
    const arrival = await inbound([c.id]);
    await h.gql(HANDOVER, { input: { transferId: arrival.id, handoverAt: "2026-02-02T10:00:00.000Z" } });
    await advance(c.id, "ACCOMMODATED", "ONWARD_RETURN_PLANNED");
    const res = await h.gql(RECORD, {
      input: { direction: "ONWARD", flightNumber: "SYN900", departureAt: "2026-05-01T08:00:00.000Z", caseIds: [c.id] },
    });
    expect(res.errors).toBeUndefined();
    const onward = res.data!.recordTransfer;
    expect(onward).toMatchObject({
      direction: "ONWARD",
      status: "PLANNED",
      cases: [{ id: c.id, status: "ONWARD_RETURN_PLANNED" }],
    });
    expect(await readCase(c.id)).toMatchObject({ status: "ONWARD_RETURN_PLANNED", transfer: { id: onward.id } });
    const inboundNow = await h.gql(`query($id: ID!) { transfer(id: $id) { cases { id } } }`, { id: arrival.id });
    expect(inboundNow.data!.transfer.cases).toEqual([{ id: c.id }]);
    const byFilter = await h.gql(
      `query($t: ID) { cases(first: 10, filter: { transferId: $t }) { edges { node { id } } } }`,
      { t: arrival.id },
    );
    expect(byFilter.data!.cases.edges).toEqual([{ node: { id: c.id } }]);
  });

  it("refuses a case that is already on another active transfer (CONFLICT)", async () => {
    const agreement = await createAgreement(h.db);
    const c = await createCase(h.db, agreement.id, { status: CaseStatus.ONWARD_RETURN_PLANNED });
    const input = {
      direction: "ONWARD",
      flightNumber: "SYN900",
      departureAt: "2026-05-01T08:00:00.000Z",
      caseIds: [c.id],
    };
    const first = await h.gql(RECORD, { input });
    expect(first.errors).toBeUndefined();
    const before = await countRows(h.db, "transfer");
    const second = await h.gql(RECORD, { input: { ...input, flightNumber: "SYN901" } });
    expect(second.errors?.[0]).toMatchObject({
      message:
        `Cases may be on one active transfer at a time: ${c.caseNumber} is on PLANNED transfer SYN900 ` +
        `(${first.data!.recordTransfer.id}). Hand over or cancel that transfer first.`,
      extensions: { code: "CONFLICT", caseIds: [c.id], transferIds: [first.data!.recordTransfer.id] },
    });
    expect(await countRows(h.db, "transfer")).toBe(before);
  });
});

describe("recordHandover", () => {
  it("moves every INBOUND case to RECEIVED at the handover time and sets HANDED_OVER", async () => {
    const cases = await acceptedCases(2);
    const transfer = await inbound(cases.map((c) => c.id));
    const res = await h.gql(HANDOVER, { input: { transferId: transfer.id, handoverAt: "2026-02-02T10:00:00.000Z" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordHandover).toMatchObject({
      status: "HANDED_OVER",
      handoverAt: "2026-02-02T10:00:00.000Z",
      arrivalAt: "2026-02-02T10:00:00.000Z",
      cases: cases.map((c) => ({ id: c.id, status: "RECEIVED", arrivedAt: "2026-02-02T10:00:00.000Z" })),
    });
    const again = await h.gql(HANDOVER, { input: { transferId: transfer.id } });
    expect(again.errors?.[0]).toMatchObject({
      message: "Transfer SYN101 cannot move from HANDED_OVER to HANDED_OVER. HANDED_OVER is final.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("hands over now when no time is given", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const before = Date.now();
    const res = await h.gql(HANDOVER, { input: { transferId: transfer.id } });
    expect(res.errors).toBeUndefined();
    const at = Date.parse(res.data!.recordHandover.handoverAt);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("fails as a whole when one case would exceed the monthly cap, and changes nothing", async () => {
    const agreement = await createAgreement(h.db, { monthlyCap: 1 });
    const cases = await acceptedCases(2, agreement.id);
    const transfer = await inbound(cases.map((c) => c.id));
    const res = await h.gql(HANDOVER, { input: { transferId: transfer.id, handoverAt: "2026-02-02T10:00:00.000Z" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Handover of transfer SYN101 refused: Agreement "${agreement.title}" allows 1 arrivals a month and 1 have arrived in 2026-02.`,
      extensions: { code: "BAD_USER_INPUT", monthlyCap: 1, arrivals: 1, caseId: cases[1].id, transferId: transfer.id },
    });
    const read = await h.gql(`query($id: ID!) { transfer(id: $id) { status handoverAt cases { status arrivedAt } } }`, {
      id: transfer.id,
    });
    expect(read.data!.transfer).toEqual({
      status: "PLANNED",
      handoverAt: null,
      cases: [
        { status: "IN_TRANSIT", arrivedAt: null },
        { status: "IN_TRANSIT", arrivedAt: null },
      ],
    });
  });

  it("leaves a case closed in transit as it is", async () => {
    const cases = await acceptedCases(2);
    const transfer = await inbound(cases.map((c) => c.id));
    const closed = await h.gql(
      `mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { status } }`,
      {
        input: { caseId: cases[0].id, status: "CLOSED", reason: "Removed from the flight" },
      },
    );
    expect(closed.errors).toBeUndefined();
    const res = await h.gql(HANDOVER, { input: { transferId: transfer.id, handoverAt: "2026-02-02T10:00:00.000Z" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordHandover.cases.map((c: { status: string }) => c.status)).toEqual(["CLOSED", "RECEIVED"]);
  });

  it("moves ONWARD cases to RETURNED, closing them", async () => {
    const agreement = await createAgreement(h.db);
    const c = await createCase(h.db, agreement.id, { status: CaseStatus.ONWARD_RETURN_PLANNED });
    const rec = await h.gql(RECORD, {
      input: { direction: "ONWARD", flightNumber: "SYN900", departureAt: "2026-05-01T08:00:00.000Z", caseIds: [c.id] },
    });
    const res = await h.gql(HANDOVER, {
      input: { transferId: rec.data!.recordTransfer.id, handoverAt: "2026-05-01T20:00:00.000Z" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordHandover.cases).toEqual([
      expect.objectContaining({ id: c.id, status: "RETURNED", closedAt: "2026-05-01T20:00:00.000Z" }),
    ]);
  });

  it("refuses a handover before the departure or in the future", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const early = await h.gql(HANDOVER, { input: { transferId: transfer.id, handoverAt: "2026-01-31T10:00:00.000Z" } });
    expect(early.errors?.[0]).toMatchObject({
      message:
        "handoverAt (2026-01-31T10:00:00.000Z) must not be before the departure of transfer SYN101 (2026-02-01T08:00:00.000Z).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.handoverAt" },
    });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const late = await h.gql(HANDOVER, { input: { transferId: transfer.id, handoverAt: future } });
    expect(late.errors?.[0].message).toBe(
      `handoverAt (${future}) is in the future; record an event once it has happened.`,
    );
    expect((await readCase(cases[0].id)).status).toBe("IN_TRANSIT");
  });

  it("answers NOT_FOUND for an unknown transfer", async () => {
    const res = await h.gql(HANDOVER, { input: { transferId: UNKNOWN } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Transfer ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("updateTransferStatus", () => {
  it("records the departure and the landing, and refuses going back", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const departed = await h.gql(PROGRESS, {
      input: { transferId: transfer.id, status: "IN_FLIGHT", at: "2026-02-01T09:15:00.000Z" },
    });
    expect(departed.data!.updateTransferStatus).toMatchObject({
      status: "IN_FLIGHT",
      departureAt: "2026-02-01T09:15:00.000Z",
    });
    const landed = await h.gql(PROGRESS, {
      input: { transferId: transfer.id, status: "ARRIVED", at: "2026-02-01T23:00:00.000Z" },
    });
    expect(landed.data!.updateTransferStatus).toMatchObject({
      status: "ARRIVED",
      arrivalAt: "2026-02-01T23:00:00.000Z",
    });
    const back = await h.gql(PROGRESS, { input: { transferId: transfer.id, status: "IN_FLIGHT" } });
    expect(back.errors?.[0]).toMatchObject({
      message: "Transfer SYN101 cannot move from ARRIVED to IN_FLIGHT. Allowed next: HANDED_OVER.",
      extensions: { code: "BAD_USER_INPUT", allowed: ["HANDED_OVER"] },
    });
  });

  it("refuses a landing before the departure, and statuses with their own mutation", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const early = await h.gql(PROGRESS, {
      input: { transferId: transfer.id, status: "ARRIVED", at: "2026-01-01T00:00:00.000Z" },
    });
    expect(early.errors?.[0].message).toBe(
      "at (2026-01-01T00:00:00.000Z) must not be before the departure of transfer SYN101 (2026-02-01T08:00:00.000Z).",
    );
    const handover = await h.gql(PROGRESS, { input: { transferId: transfer.id, status: "HANDED_OVER" } });
    expect(handover.errors?.[0].message).toBe(
      "Invalid input: status must be IN_FLIGHT or ARRIVED (handover and cancellation have their own mutations).",
    );
    const read = await h.gql(`query($id: ID!) { transfer(id: $id) { status arrivalAt } }`, { id: transfer.id });
    expect(read.data!.transfer).toEqual({ status: "PLANNED", arrivalAt: null });
  });
});

describe("cancelTransfer", () => {
  it("cancels a PLANNED inbound transfer: its cases go back to ACCEPTED and can be booked again", async () => {
    const cases = await acceptedCases(2);
    const transfer = await inbound(cases.map((c) => c.id));
    const res = await h.gql(CANCEL, { input: { transferId: transfer.id, reason: "Aircraft unavailable" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelTransfer).toMatchObject({
      status: "CANCELLED",
      cancellationReason: "Aircraft unavailable",
      cases: cases.map((c) => ({ id: c.id, status: "ACCEPTED" })),
    });
    expect(await readCase(cases[0].id)).toMatchObject({ status: "ACCEPTED", transfer: null });
    const rebooked = await inbound(
      cases.map((c) => c.id),
      { flightNumber: "SYN102" },
    );
    expect(rebooked.status).toBe("PLANNED");
  });

  it("cancelling an onward transfer points the case back at its inbound transfer", async () => {
    const [c] = await acceptedCases(1);
    const arrival = await inbound([c.id]);
    await h.gql(HANDOVER, { input: { transferId: arrival.id, handoverAt: "2026-02-02T10:00:00.000Z" } });
    await advance(c.id, "ACCOMMODATED", "ONWARD_RETURN_PLANNED");
    const onward = await h.gql(RECORD, {
      input: { direction: "ONWARD", flightNumber: "SYN900", departureAt: "2026-05-01T08:00:00.000Z", caseIds: [c.id] },
    });
    await h.gql(CANCEL, { input: { transferId: onward.data!.recordTransfer.id, reason: "Travel document expired" } });
    expect(await readCase(c.id)).toMatchObject({ status: "ONWARD_RETURN_PLANNED", transfer: { id: arrival.id } });
  });

  it("refuses a transfer that has departed, and a missing reason", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    await h.gql(PROGRESS, { input: { transferId: transfer.id, status: "IN_FLIGHT", at: "2026-02-01T09:00:00.000Z" } });
    const res = await h.gql(CANCEL, { input: { transferId: transfer.id, reason: "Too late" } });
    expect(res.errors?.[0]).toMatchObject({
      message: "Transfer SYN101 cannot move from IN_FLIGHT to CANCELLED. Allowed next: ARRIVED, HANDED_OVER.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const noReason = await h.gql(CANCEL, { input: { transferId: transfer.id, reason: "" } });
    expect(noReason.errors?.[0].message).toBe("Invalid input: reason must be 3 to 500 characters.");
    expect((await readCase(cases[0].id)).status).toBe("IN_TRANSIT");
  });
});

describe("transfers connection", () => {
  it("pages newest departure first by keyset cursor, without gaps or repeats", async () => {
    for (const day of ["03", "01", "02"]) {
      const cases = await acceptedCases(1);
      await inbound([cases[0].id], { departureAt: `2026-03-${day}T08:00:00.000Z` });
    }
    const expected = (
      (await h.db.query(`SELECT id FROM cases.transfer ORDER BY departure_at DESC, id DESC`)) as { id: string }[]
    ).map((r) => r.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String) { transfers(first: 2, after: $after) { edges { node { id departureAt } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.transfers.edges.map((e: any) => e.node.id));
      if (!res.data.transfers.pageInfo.hasNextPage) break;
      after = res.data.transfers.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it("filters by direction and status", async () => {
    const agreement = await createAgreement(h.db);
    const c = await createCase(h.db, agreement.id, { status: CaseStatus.ONWARD_RETURN_PLANNED });
    const rec = await h.gql(RECORD, {
      input: { direction: "ONWARD", flightNumber: "SYN777", departureAt: "2026-06-01T08:00:00.000Z", caseIds: [c.id] },
    });
    const res = await h.gql(
      `{ transfers(first: 500, filter: { direction: ONWARD, status: [PLANNED] }) { edges { node { id direction status } } } }`,
    );
    const nodes = res.data!.transfers.edges.map((e: any) => e.node);
    expect(nodes).toContainEqual({ id: rec.data!.recordTransfer.id, direction: "ONWARD", status: "PLANNED" });
    expect(nodes.every((n: any) => n.direction === "ONWARD" && n.status === "PLANNED")).toBe(true);
  });

  it("rejects a page size out of range and a forged cursor", async () => {
    const big = await h.gql(`{ transfers(first: 0) { edges { cursor } } }`);
    expect(big.errors?.[0]).toMatchObject({
      message: "`first` must be between 1 and 500; got 0.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = await h.gql(`{ transfers(first: 5, after: "bm9wZQ") { edges { cursor } } }`);
    expect(forged.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resolves the cases of a page of transfers with the same number of statements for 1 or 4 transfers", async () => {
    for (let i = 0; i < 4; i++) {
      const cases = await acceptedCases(2);
      await inbound(
        cases.map((c) => c.id),
        { departureAt: `2030-01-0${i + 1}T08:00:00.000Z` },
      );
    }
    const query = (first: number) => () =>
      h.gql(`query($n: Int!) { transfers(first: $n) { edges { node { id cases { id transfer { id } } } } } }`, {
        n: first,
      });
    expect(await countStatements(query(4))).toBe(await countStatements(query(1)));
  });
});

describe("_entities", () => {
  it("resolves Transfer references through the transfer loader, null for unknown ids", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Transfer { id flightNumber status cases { id } } } }`,
      {
        r: [
          { __typename: "Transfer", id: transfer.id },
          { __typename: "Transfer", id: UNKNOWN },
        ],
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: transfer.id, flightNumber: "SYN101", status: "PLANNED", cases: [{ id: cases[0].id }] },
      null,
    ]);
  });

  it("resolves Case.transfer on Case references", async () => {
    const cases = await acceptedCases(1);
    const transfer = await inbound([cases[0].id]);
    const res = await h.gql(caseEntities("transfer { id flightNumber }"), {
      r: [{ __typename: "Case", id: cases[0].id }],
    });
    expect(res.data!._entities).toEqual([{ id: cases[0].id, transfer: { id: transfer.id, flightNumber: "SYN101" } }]);
  });
});
