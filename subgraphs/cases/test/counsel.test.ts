import { randomUUID } from "node:crypto";
import { ROLES } from "@kgraph/policy";
import { CaseStatus } from "../src/modules/case/case-status";
import { contactEventProblem } from "../src/modules/counsel/counsel.policy";
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
const REP_FIELDS = "id counselId organisation from to case { id }";
const ASSIGN = `mutation($input: AssignCounselInput!) { assignCounsel(input: $input) { ${REP_FIELDS} } }`;
const END = `mutation($input: EndRepresentationInput!) { endRepresentation(input: $input) { ${REP_FIELDS} } }`;
const CONTACT = `mutation($input: RecordCounselContactInput!) { recordCounselContact(input: $input) { id counselId requestedAt grantedAt heldAt deniedReason case { id } } }`;
const NOTE = `mutation($input: AddPrivilegedNoteInput!) { addPrivilegedNote(input: $input) { id counselId createdAt text case { id } } }`;
const COUNSEL_OF_CASE = `query($id: ID!) { case(id: $id) { representation { id counselId to } representationHistory { id counselId from to } } }`;

/** Every role, signed in as this counsel: privileged notes are written and read by their author only. */
const asCounsel = (counselId: string) => ({ roles: [...ROLES], sub: counselId });

async function openCase(status: CaseStatus = CaseStatus.ACCOMMODATED) {
  const agreement = await createAgreement(h.db);
  return createCase(h.db, agreement.id, { status });
}

async function assign(caseId: string, from: string, counselId: string = randomUUID()) {
  const res = await h.gql(ASSIGN, { input: { caseId, counselId, organisation: "Legal Aid Kosovo (synthetic)", from } });
  expect(res.errors).toBeUndefined();
  return res.data!.assignCounsel;
}

describe("assignCounsel", () => {
  it("makes a counsel the counsel of record", async () => {
    const c = await openCase();
    const counselId = randomUUID();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z", counselId);
    expect(rep).toMatchObject({
      counselId,
      organisation: "Legal Aid Kosovo (synthetic)",
      from: "2026-01-20T10:00:00.000Z",
      to: null,
      case: { id: c.id },
    });
    const read = await h.gql(COUNSEL_OF_CASE, { id: c.id });
    expect(read.data!.case.representation).toEqual({ id: rep.id, counselId, to: null });
  });

  it("ends the previous representation when the new one begins, in the same write", async () => {
    const c = await openCase();
    const first = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const second = await assign(c.id, "2026-02-10T09:00:00.000Z");
    const read = await h.gql(COUNSEL_OF_CASE, { id: c.id });
    expect(read.data!.case.representation.id).toBe(second.id);
    expect(read.data!.case.representationHistory).toEqual([
      { id: second.id, counselId: second.counselId, from: "2026-02-10T09:00:00.000Z", to: null },
      { id: first.id, counselId: first.counselId, from: "2026-01-20T10:00:00.000Z", to: "2026-02-10T09:00:00.000Z" },
    ]);
  });

  it("refuses the same counsel twice (CONFLICT)", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const res = await h.gql(ASSIGN, { input: { caseId: c.id, counselId: rep.counselId, organisation: "Other firm" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Counsel ${rep.counselId} is already counsel of record of case ${c.caseNumber} (since 2026-01-20T10:00:00.000Z).`,
      extensions: { code: "CONFLICT", representationId: rep.id },
    });
  });

  it("refuses a start before the current representation's, changing nothing", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const before = await countRows(h.db, "legal_representation");
    const res = await h.gql(ASSIGN, {
      input: { caseId: c.id, counselId: randomUUID(), organisation: "Other firm", from: "2026-01-10T10:00:00.000Z" },
    });
    expect(res.errors?.[0]).toMatchObject({
      message:
        "from (2026-01-10T10:00:00.000Z) must be after the start of the current representation (2026-01-20T10:00:00.000Z).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.from" },
    });
    expect(await countRows(h.db, "legal_representation")).toBe(before);
    const read = await h.gql(COUNSEL_OF_CASE, { id: c.id });
    expect(read.data!.case.representation).toEqual({ id: rep.id, counselId: rep.counselId, to: null });
  });

  it("refuses a start before the previous representation ended, and in the future", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    await h.gql(END, { input: { representationId: rep.id, to: "2026-03-01T00:00:00.000Z" } });
    const overlap = await h.gql(ASSIGN, {
      input: { caseId: c.id, counselId: randomUUID(), organisation: "Other firm", from: "2026-02-01T00:00:00.000Z" },
    });
    expect(overlap.errors?.[0].message).toBe(
      "from (2026-02-01T00:00:00.000Z) must not be before the end of the previous representation (2026-03-01T00:00:00.000Z).",
    );
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const later = await h.gql(ASSIGN, {
      input: { caseId: c.id, counselId: randomUUID(), organisation: "Other firm", from: future },
    });
    expect(later.errors?.[0].message).toBe(`from (${future}) is in the future; record an event once it has happened.`);
  });

  it("refuses a closed case, an unknown case and invalid input", async () => {
    const closed = await openCase(CaseStatus.CLOSED);
    const res = await h.gql(ASSIGN, { input: { caseId: closed.id, counselId: randomUUID(), organisation: "Firm" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `Case ${closed.caseNumber} is CLOSED (final); counsel is assigned to open cases only.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const missing = await h.gql(ASSIGN, { input: { caseId: UNKNOWN, counselId: randomUUID(), organisation: "Firm" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const invalid = await h.gql(ASSIGN, { input: { caseId: closed.id, counselId: "someone", organisation: "   " } });
    expect(invalid.errors?.[0]).toMatchObject({
      message: "Invalid input: input.counselId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.counselId" },
    });
    const blank = await h.gql(ASSIGN, { input: { caseId: closed.id, counselId: randomUUID(), organisation: "   " } });
    expect(blank.errors?.[0].message).toBe("Invalid input: organisation must not be blank.");
  });
});

describe("endRepresentation", () => {
  it("ends the current representation; the case then has none", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const res = await h.gql(END, { input: { representationId: rep.id, to: "2026-02-01T12:00:00.000Z" } });
    expect(res.errors).toBeUndefined();
    expect(res.data!.endRepresentation).toMatchObject({ id: rep.id, to: "2026-02-01T12:00:00.000Z" });
    const read = await h.gql(COUNSEL_OF_CASE, { id: c.id });
    expect(read.data!.case.representation).toBeNull();
    const again = await h.gql(END, { input: { representationId: rep.id } });
    expect(again.errors?.[0]).toMatchObject({
      message: `Representation ${rep.id} already ended on 2026-02-01T12:00:00.000Z.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("refuses an end before the start, and an unknown representation", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const res = await h.gql(END, { input: { representationId: rep.id, to: "2026-01-01T00:00:00.000Z" } });
    expect(res.errors?.[0].message).toBe(
      "to (2026-01-01T00:00:00.000Z) must not be before the start of the representation (2026-01-20T10:00:00.000Z).",
    );
    const [row] = await h.db.query(`SELECT valid_to FROM cases.legal_representation WHERE id = $1`, [rep.id]);
    expect(row.valid_to).toBeNull();
    const missing = await h.gql(END, { input: { representationId: UNKNOWN } });
    expect(missing.errors?.[0]).toMatchObject({
      message: `LegalRepresentation ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("recordCounselContact", () => {
  it("records a granted and held contact with the counsel of record at the time of the request", async () => {
    const c = await openCase();
    const first = await assign(c.id, "2026-01-20T10:00:00.000Z");
    await assign(c.id, "2026-02-10T09:00:00.000Z");
    const res = await h.gql(CONTACT, {
      input: {
        caseId: c.id,
        requestedAt: "2026-02-01T08:00:00.000Z",
        grantedAt: "2026-02-01T09:00:00.000Z",
        heldAt: "2026-02-02T14:00:00.000Z",
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCounselContact).toMatchObject({
      counselId: first.counselId,
      requestedAt: "2026-02-01T08:00:00.000Z",
      grantedAt: "2026-02-01T09:00:00.000Z",
      heldAt: "2026-02-02T14:00:00.000Z",
      deniedReason: null,
      case: { id: c.id },
    });
  });

  it("records a denial with its reason, and a request made without counsel", async () => {
    const c = await openCase();
    const res = await h.gql(CONTACT, {
      input: { caseId: c.id, requestedAt: "2026-01-16T08:00:00.000Z", deniedReason: "No interpreter available" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCounselContact).toMatchObject({
      counselId: null,
      deniedReason: "No interpreter available",
      heldAt: null,
    });
    const read = await h.gql(`query($id: ID!) { case(id: $id) { counselContacts { id deniedReason } } }`, { id: c.id });
    expect(read.data!.case.counselContacts).toEqual([
      { id: res.data!.recordCounselContact.id, deniedReason: "No interpreter available" },
    ]);
  });

  it.each([
    [{ grantedAt: "2026-01-16T07:00:00.000Z" }, "grantedAt must not be before requestedAt.", "input.grantedAt"],
    [
      { grantedAt: "2026-01-16T07:00:00.000Z", heldAt: "2026-01-16T06:00:00.000Z" },
      "grantedAt must not be before requestedAt.",
      "input.grantedAt",
    ],
    [{ heldAt: "2026-01-16T07:00:00.000Z" }, "heldAt must not be before requestedAt.", "input.heldAt"],
    [
      { heldAt: "2026-01-16T09:00:00.000Z" },
      "A contact that was held was granted: give grantedAt too.",
      "input.grantedAt",
    ],
    [
      { grantedAt: "2026-01-16T10:00:00.000Z", heldAt: "2026-01-16T09:00:00.000Z" },
      "heldAt must not be before grantedAt.",
      "input.heldAt",
    ],
    [
      { deniedReason: "Refused by the guard", heldAt: "2026-01-16T09:00:00.000Z" },
      "A denied request was not held: give either deniedReason or heldAt.",
      "input.heldAt",
    ],
    [
      { deniedReason: "Refused by the guard", grantedAt: "2026-01-16T09:00:00.000Z" },
      "A denied request was not granted: give either deniedReason or grantedAt.",
      "input.grantedAt",
    ],
  ])("refuses %j: %s", async (times, message, argument) => {
    const c = await openCase();
    const before = await countRows(h.db, "counsel_contact");
    const res = await h.gql(CONTACT, { input: { caseId: c.id, requestedAt: "2026-01-16T08:00:00.000Z", ...times } });
    expect(res.errors?.[0]).toMatchObject({ message, extensions: { code: "BAD_USER_INPUT", argument } });
    expect(await countRows(h.db, "counsel_contact")).toBe(before);
  });

  it("refuses a blank denial reason, a request before the case was opened, and an unknown case", async () => {
    const c = await openCase();
    const blank = await h.gql(CONTACT, {
      input: { caseId: c.id, requestedAt: "2026-01-16T08:00:00.000Z", deniedReason: "    " },
    });
    expect(blank.errors?.[0].message).toBe("Invalid input: deniedReason must not be blank.");
    const early = await h.gql(CONTACT, { input: { caseId: c.id, requestedAt: "2025-12-01T08:00:00.000Z" } });
    expect(early.errors?.[0].message).toBe(
      `requestedAt (2025-12-01T08:00:00.000Z) must not be before the opening of case ${c.caseNumber} (2026-01-05T09:00:00.000Z).`,
    );
    const missing = await h.gql(CONTACT, { input: { caseId: UNKNOWN, requestedAt: "2026-01-16T08:00:00.000Z" } });
    expect(missing.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("contactEventProblem (pure rules)", () => {
  it("accepts a plain request, a granted one and a denied one", () => {
    const requestedAt = new Date("2026-01-16T08:00:00Z");
    expect(contactEventProblem({ requestedAt })).toBeNull();
    expect(contactEventProblem({ requestedAt, grantedAt: requestedAt, heldAt: requestedAt })).toBeNull();
    expect(contactEventProblem({ requestedAt, deniedReason: "No room" })).toBeNull();
  });
});

describe("addPrivilegedNote", () => {
  it("adds a note by the current counsel of record", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    const res = await h.gql(
      NOTE,
      { input: { caseId: c.id, text: "Client instructs to appeal the return decision." } },
      asCounsel(rep.counselId),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.addPrivilegedNote).toMatchObject({
      counselId: rep.counselId,
      text: "Client instructs to appeal the return decision.",
      case: { id: c.id },
    });
    const read = await h.gql(
      `query($id: ID!) { case(id: $id) { privilegedNotes { id counselId text } } }`,
      { id: c.id },
      asCounsel(rep.counselId),
    );
    expect(read.data!.case.privilegedNotes).toEqual([
      {
        id: res.data!.addPrivilegedNote.id,
        counselId: rep.counselId,
        text: "Client instructs to appeal the return decision.",
      },
    ]);
  });

  it("refuses a case without current counsel and a blank note, writing nothing", async () => {
    const c = await openCase();
    const before = await countRows(h.db, "privileged_note");
    const onlyCounsel = "Privileged notes are written only by the current counsel of record of the case.";
    const res = await h.gql(NOTE, { input: { caseId: c.id, text: "Note" } });
    expect(res.errors?.[0]).toMatchObject({ message: onlyCounsel, extensions: { code: "FORBIDDEN" } });
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    await h.gql(END, { input: { representationId: rep.id, to: "2026-01-25T10:00:00.000Z" } });
    const ended = await h.gql(NOTE, { input: { caseId: c.id, text: "Note" } }, asCounsel(rep.counselId));
    expect(ended.errors?.[0]).toMatchObject({ message: onlyCounsel, extensions: { code: "FORBIDDEN" } });
    const blank = await h.gql(NOTE, { input: { caseId: c.id, text: " \n " } });
    expect(blank.errors?.[0].message).toBe("Invalid input: text must not be blank.");
    expect(await countRows(h.db, "privileged_note")).toBe(before);
  });
});

describe("Case counsel fields", () => {
  it("resolve through _entities on Case references", async () => {
    const c = await openCase();
    const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
    await h.gql(NOTE, { input: { caseId: c.id, text: "First meeting held." } }, asCounsel(rep.counselId));
    await h.gql(CONTACT, { input: { caseId: c.id, requestedAt: "2026-01-21T08:00:00.000Z" } });
    const res = await h.gql(
      caseEntities(
        "representation { id } representationHistory { id } counselContacts { counselId } privilegedNotes { text }",
      ),
      { r: [{ __typename: "Case", id: c.id }] },
      asCounsel(rep.counselId),
    );
    expect(res.data!._entities).toEqual([
      {
        id: c.id,
        representation: { id: rep.id },
        representationHistory: [{ id: rep.id }],
        counselContacts: [{ counselId: rep.counselId }],
        privilegedNotes: [{ text: "First meeting held." }],
      },
    ]);
  });

  it("load for many cases with one statement per field and batch", async () => {
    const agreement = await createAgreement(h.db);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await createCase(h.db, agreement.id, { status: CaseStatus.ACCOMMODATED });
      const rep = await assign(c.id, "2026-01-20T10:00:00.000Z");
      await h.gql(NOTE, { input: { caseId: c.id, text: `Note ${i}` } }, asCounsel(rep.counselId));
      ids.push(c.id);
    }
    const query = (n: number) => () =>
      h.gql(
        caseEntities(
          "representation { id } representationHistory { id } counselContacts { id } privilegedNotes { id }",
        ),
        {
          r: ids.slice(0, n).map((id) => ({ __typename: "Case", id })),
        },
      );
    expect(await countStatements(query(5))).toBe(await countStatements(query(1)));
  });
});
