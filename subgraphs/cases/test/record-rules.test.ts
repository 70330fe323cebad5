import { randomUUID } from "node:crypto";
import type { CallAs } from "@kgraph/platform";
import { describeRecordRuleRows } from "@kgraph/testkit";
import { CaseRecords, PrivilegedNoteRecords, TransferRecords } from "../src/modules/case/case.records";
import type { Case } from "../src/modules/case/case.entity";
import { CaseStatus } from "../src/modules/case/case-status";
import { PrivilegedNote } from "../src/modules/counsel/counsel.entity";
import { Transfer, TransferCase, TransferDirection, TransferStatus } from "../src/modules/transfer/transfer.entity";
import { databaseDigest, createResidenceStandIn, placeIn, represent } from "./authorization.fixtures";
import {
  type CasesHarness,
  caseEntities,
  countRows,
  countStatements,
  createAgreement,
  createCase,
  startCasesHarness,
} from "./harness";

/**
 * RECORD RULES (the `*` of the scope table), applied in SQL: each narrowed role sees exactly the
 * cases of its rule, the same through the list, by id and through `_entities`; a case outside
 * the rule is absent (null, never an error); writes outside the rule are FORBIDDEN and change
 * nothing.
 */

let h: CasesHarness;
const COUNSEL = randomUUID();
const OTHER_COUNSEL = randomUUID();
const FACILITY = randomUUID();
const OTHER_FACILITY = randomUUID();

/** The ground truth: which case is whose. */
const g = {} as {
  agreementId: string;
  /** Arrived; COUNSEL's client; placed in FACILITY now. */
  a1: Case;
  /** Accepted (not handed over); COUNSEL's client; not placed. */
  a2: Case;
  /** Arrived; COUNSEL represented it before, OTHER_COUNSEL now; formerly placed in FACILITY. */
  b: Case;
  /** Arrived; OTHER_COUNSEL's client; placed in OTHER_FACILITY. */
  c: Case;
  /** Arrived; no counsel; placed in FACILITY now. */
  d: Case;
  /** Nominated; nobody's. */
  e: Case;
  all: Case[];
  transferId: string;
  counselNoteOnB: string;
  otherNoteOnB: string;
};

beforeAll(async () => {
  h = await startCasesHarness();
  await createResidenceStandIn(h.db);
  const agreement = await createAgreement(h.db);
  g.agreementId = agreement.id;
  const make = (status: CaseStatus, day: number) =>
    createCase(h.db, agreement.id, { status, openedAt: new Date(`2026-01-${String(day).padStart(2, "0")}T09:00:00Z`) });
  g.a1 = await make(CaseStatus.ACCOMMODATED, 1);
  g.a2 = await make(CaseStatus.ACCEPTED, 2);
  g.b = await make(CaseStatus.ACCOMMODATED, 3);
  g.c = await make(CaseStatus.ACCOMMODATED, 4);
  g.d = await make(CaseStatus.RECEIVED, 5);
  g.e = await make(CaseStatus.NOMINATED, 6);
  g.all = [g.a1, g.a2, g.b, g.c, g.d, g.e];

  await represent(h.db, g.a1.id, COUNSEL);
  await represent(h.db, g.a2.id, COUNSEL);
  await represent(h.db, g.b.id, COUNSEL, new Date("2026-01-16T09:00:00Z"), new Date("2026-01-20T09:00:00Z"));
  await represent(h.db, g.b.id, OTHER_COUNSEL, new Date("2026-01-20T09:00:00Z"));
  await represent(h.db, g.c.id, OTHER_COUNSEL);
  await placeIn(h.db, g.a1.id, FACILITY);
  await placeIn(h.db, g.b.id, FACILITY, false);
  await placeIn(h.db, g.b.id, OTHER_FACILITY);
  await placeIn(h.db, g.c.id, OTHER_FACILITY);
  await placeIn(h.db, g.d.id, FACILITY);

  g.counselNoteOnB = randomUUID();
  g.otherNoteOnB = randomUUID();
  await h.db.getRepository(PrivilegedNote).insert([
    {
      id: g.counselNoteOnB,
      caseId: g.b.id,
      counselId: COUNSEL,
      createdAt: new Date("2026-01-17T09:00:00Z"),
      text: "By the former counsel.",
    },
    {
      id: g.otherNoteOnB,
      caseId: g.b.id,
      counselId: OTHER_COUNSEL,
      createdAt: new Date("2026-01-21T09:00:00Z"),
      text: "By the current counsel.",
    },
  ]);

  g.transferId = randomUUID();
  await h.db.getRepository(Transfer).insert({
    id: g.transferId,
    direction: TransferDirection.INBOUND,
    flightNumber: "SYN500",
    departureAt: new Date("2026-01-10T06:00:00Z"),
    arrivalAt: new Date("2026-01-10T09:00:00Z"),
    handoverAt: new Date("2026-01-10T09:00:00Z"),
    status: TransferStatus.HANDED_OVER,
    cancellationReason: null,
    recordedAt: new Date("2026-01-09T12:00:00Z"),
  });
  await h.db.getRepository(TransferCase).insert([
    { transferId: g.transferId, caseId: g.a1.id },
    { transferId: g.transferId, caseId: g.c.id },
  ]);
});
afterAll(async () => {
  await h?.stop();
});

const COUNSEL_CALLER: CallAs = { roles: ["legal_counsel"], sub: COUNSEL };
const FACILITY_CALLER: CallAs = { roles: ["facility_staff"], sub: randomUUID(), facility_id: FACILITY };
const ids = (cases: Case[]) => cases.map((c) => c.id).sort();

async function listed(as: CallAs): Promise<string[]> {
  const res = await h.gql(`{ cases(first: 100) { edges { node { id } } } }`, {}, as);
  expect(res.errors).toBeUndefined();
  return (res.data!.cases.edges as { node: { id: string } }[]).map((e) => e.node.id).sort();
}

async function byId(as: CallAs): Promise<string[]> {
  const visible: string[] = [];
  for (const c of g.all) {
    const res = await h.gql(`query($id: ID!) { case(id: $id) { id } }`, { id: c.id }, as);
    expect(res.errors).toBeUndefined();
    if (res.data!.case) visible.push(res.data!.case.id);
  }
  return visible.sort();
}

async function asEntities(as: CallAs): Promise<string[]> {
  const res = await h.gql(caseEntities("caseNumber"), { r: g.all.map((c) => ({ __typename: "Case", id: c.id })) }, as);
  expect(res.errors).toBeUndefined();
  const entities = res.data!._entities as ({ id: string; caseNumber: string } | null)[];
  expect(entities).toHaveLength(g.all.length);
  entities.forEach((entity, i) => {
    if (entity) expect(entity).toEqual({ id: g.all[i].id, caseNumber: g.all[i].caseNumber });
  });
  return entities.flatMap((entity) => (entity ? [entity.id] : [])).sort();
}

/** The transfer (null when it carries no case the caller may read) and the cases on it the caller sees. */
async function onTransfer(as: CallAs): Promise<{ viaTransfer: string[] | null; viaFilter: string[] }> {
  const res = await h.gql(
    `query($t: ID!) { transfer(id: $t) { flightNumber cases { id } } cases(first: 100, filter: { transferId: $t }) { edges { node { id } } } }`,
    { t: g.transferId },
    as,
  );
  expect(res.errors).toBeUndefined();
  if (res.data!.transfer) expect(res.data!.transfer.flightNumber).toBe("SYN500");
  return {
    viaTransfer: res.data!.transfer ? (res.data!.transfer.cases as { id: string }[]).map((c) => c.id).sort() : null,
    viaFilter: (res.data!.cases.edges as { node: { id: string } }[]).map((e) => e.node.id).sort(),
  };
}

describe.each<[string, CallAs, () => Case[]]>([
  ["legal_counsel", COUNSEL_CALLER, () => [g.a1, g.a2]],
  ["facility_staff", FACILITY_CALLER, () => [g.a1, g.b, g.d]],
  [
    "legal_counsel + facility_staff (union)",
    { roles: ["legal_counsel", "facility_staff"], sub: COUNSEL, facility_id: FACILITY },
    () => [g.a1, g.a2, g.b, g.d],
  ],
  [
    "legal_counsel + auditor (an unrestricted role)",
    { roles: ["legal_counsel", "auditor"], sub: COUNSEL },
    () => g.all,
  ],
  ["dhs_liaison", "dhs_liaison", () => g.all],
  ["mia_officer", "mia_officer", () => g.all],
  ["monitor", "monitor", () => g.all],
  ["legal_counsel whose sub is no counsel id", { roles: ["legal_counsel"], sub: "not-a-uuid" }, () => []],
  ["facility_staff without a facility", { roles: ["facility_staff"], sub: randomUUID() }, () => []],
])("%s", (_name, as, expected) => {
  it("lists exactly the cases of its rule", async () => {
    expect(await listed(as)).toEqual(ids(expected()));
  });

  it("finds by id exactly those; the others are null", async () => {
    expect(await byId(as)).toEqual(ids(expected()));
  });

  it("resolves exactly those as entity references; the others are null", async () => {
    expect(await asEntities(as)).toEqual(ids(expected()));
  });

  it("sees a transfer only when it carries a case its rule allows, and only those cases on it", async () => {
    const visible = new Set(expected().map((c) => c.id));
    const onIt = ids([g.a1, g.c].filter((c) => visible.has(c.id)));
    expect(await onTransfer(as)).toEqual({ viaTransfer: onIt.length ? onIt : null, viaFilter: onIt });
  });
});

describe("identity (person:read)", () => {
  const PERSON = `query($id: ID!) { case(id: $id) { id person { familyName } } }`;

  async function identified(as: CallAs): Promise<{ list: string[]; byId: string[]; entities: string[] }> {
    const list = await h.gql(`{ cases(first: 100) { edges { node { id person { familyName } } } } }`, {}, as);
    expect(list.errors).toBeUndefined();
    const found: string[] = [];
    for (const c of g.all) {
      const res = await h.gql(PERSON, { id: c.id }, as);
      expect(res.errors).toBeUndefined();
      if (res.data!.case?.person) found.push(c.id);
    }
    const entities = await h.gql(
      caseEntities("person { familyName }"),
      {
        r: g.all.map((c) => ({ __typename: "Case", id: c.id })),
      },
      as,
    );
    expect(entities.errors).toBeUndefined();
    return {
      list: (list.data!.cases.edges as { node: { id: string; person: unknown } }[])
        .filter((e) => e.node.person)
        .map((e) => e.node.id)
        .sort(),
      byId: found.sort(),
      entities: (entities.data!._entities as ({ id: string; person: unknown } | null)[])
        .filter((e) => e?.person)
        .map((e) => e!.id)
        .sort(),
    };
  }

  it.each<[string, CallAs, () => Case[]]>([
    ["dhs_liaison: only cases not yet handed over", "dhs_liaison", () => [g.a2, g.e]],
    ["legal_counsel: their clients", COUNSEL_CALLER, () => [g.a1, g.a2]],
    ["facility_staff: people placed in their facility", FACILITY_CALLER, () => [g.a1, g.b, g.d]],
    [
      "dhs_liaison + legal_counsel: the union",
      { roles: ["dhs_liaison", "legal_counsel"], sub: COUNSEL },
      () => [g.a1, g.a2, g.e],
    ],
    ["mia_officer: everyone", "mia_officer", () => g.all],
  ])("%s, through the list, by id and as entities", async (_name, as, expected) => {
    const want = ids(expected());
    expect(await identified(as)).toEqual({ list: want, byId: want, entities: want });
  });
});

describe("privileged notes", () => {
  const NOTES = `query($id: ID!) { case(id: $id) { privilegedNotes { id counselId text } } }`;

  it("a counsel reads the text of their own notes; another's note shows only that it exists", async () => {
    const res = await h.gql(NOTES, { id: g.b.id }, { roles: ["legal_counsel"], sub: OTHER_COUNSEL });
    expect(res.errors).toBeUndefined();
    expect(res.data!.case.privilegedNotes).toEqual([
      { id: g.counselNoteOnB, counselId: COUNSEL, text: null },
      { id: g.otherNoteOnB, counselId: OTHER_COUNSEL, text: "By the current counsel." },
    ]);
  });

  it("a former counsel no longer reaches the case, nor its notes", async () => {
    const res = await h.gql(NOTES, { id: g.b.id }, COUNSEL_CALLER);
    expect(res.errors).toBeUndefined();
    expect(res.data!.case).toBeNull();
  });

  const ADD = `mutation($input: AddPrivilegedNoteInput!) { addPrivilegedNote(input: $input) { id counselId text case { id } } }`;
  const ONLY_COUNSEL = "Privileged notes are written only by the current counsel of record of the case.";

  it("the counsel of record writes one for their client", async () => {
    const res = await h.gql(ADD, { input: { caseId: g.a1.id, text: "Met the client." } }, COUNSEL_CALLER);
    expect(res.errors).toBeUndefined();
    expect(res.data!.addPrivilegedNote).toMatchObject({
      counselId: COUNSEL,
      text: "Met the client.",
      case: { id: g.a1.id },
    });
  });

  it.each<[string, () => string]>([
    ["a former client's case", () => g.b.id],
    ["another counsel's client", () => g.c.id],
    ["a case without counsel", () => g.d.id],
    ["a case that does not exist (indistinguishable)", () => randomUUID()],
  ])("is refused for %s, writing nothing", async (_name, caseId) => {
    const before = await databaseDigest(h.db);
    const res = await h.gql(ADD, { input: { caseId: caseId(), text: "Not mine to write." } }, COUNSEL_CALLER);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      message: ONLY_COUNSEL,
      path: ["addPrivilegedNote"],
      extensions: { code: "FORBIDDEN" },
    });
    expect(await databaseDigest(h.db)).toBe(before);
  });
});

describe("counsel contact events (counsel:write)", () => {
  const RECORD = `mutation($input: RecordCounselContactInput!) { recordCounselContact(input: $input) { id counselId case { id } } }`;
  const REFUSAL =
    "Counsel contact events are recorded by counsel only for their own clients and by facility staff only for " +
    "people placed in their facility; this case is neither.";
  const input = (caseId: string) => ({ input: { caseId, requestedAt: "2026-01-25T08:00:00.000Z" } });

  it.each<[string, CallAs, () => Case]>([
    ["counsel for their client", COUNSEL_CALLER, () => g.a1],
    ["facility staff for a resident", FACILITY_CALLER, () => g.d],
    ["facility staff for a former resident", FACILITY_CALLER, () => g.b],
    [
      "counsel and facility staff in one for the counsel's client",
      { roles: ["legal_counsel", "facility_staff"], sub: COUNSEL, facility_id: FACILITY },
      () => g.a2,
    ],
    ["an MIA officer for anyone", "mia_officer", () => g.e],
  ])("are recorded by %s", async (_name, as, target) => {
    const before = await countRows(h.db, "counsel_contact");
    const res = await h.gql(RECORD, input(target().id), as);
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCounselContact.case).toEqual({ id: target().id });
    expect(await countRows(h.db, "counsel_contact")).toBe(before + 1);
  });

  it.each<[string, CallAs, () => string]>([
    ["counsel for another counsel's client", COUNSEL_CALLER, () => g.c.id],
    ["counsel for a former client", COUNSEL_CALLER, () => g.b.id],
    ["facility staff for someone placed elsewhere", FACILITY_CALLER, () => g.c.id],
    ["facility staff for someone never placed", FACILITY_CALLER, () => g.a2.id],
    ["counsel for a case that does not exist (indistinguishable)", COUNSEL_CALLER, () => randomUUID()],
  ])("are refused for %s, writing nothing", async (_name, as, caseId) => {
    const before = await databaseDigest(h.db);
    const res = await h.gql(RECORD, input(caseId()), as);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      message: REFUSAL,
      path: ["recordCounselContact"],
      extensions: { code: "FORBIDDEN" },
    });
    expect(await databaseDigest(h.db)).toBe(before);
  });
});

describe("statements per request", () => {
  it("stay the same for one case and for many under a record rule (no N+1)", async () => {
    const query = (first: number) => () =>
      h.gql(
        `query($first: Int!) { cases(first: $first) { edges { node { id person { familyName } vulnerabilityFlags { id } transfer { id } representation { id } privilegedNotes { id } } } } }`,
        { first },
        FACILITY_CALLER,
      );
    expect(await countStatements(query(3))).toBe(await countStatements(query(1)));
  });
});

// Last: it adds a case and a transfer, which the ground truth above does not count.
describe("handover", () => {
  const PERSON = `query($id: ID!) { case(id: $id) { id person { familyName } } }`;

  it("a DHS liaison loses the identity at the handover it records", async () => {
    const c = await createCase(h.db, g.agreementId, { status: CaseStatus.ACCEPTED });
    const name = async (as: CallAs) => (await h.gql(PERSON, { id: c.id }, as)).data!.case.person;
    const recorded = await h.gql(
      `mutation($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }`,
      {
        input: {
          direction: "INBOUND",
          flightNumber: "SYN600",
          departureAt: "2026-02-01T06:00:00.000Z",
          caseIds: [c.id],
        },
      },
      "dhs_liaison",
    );
    expect(recorded.errors).toBeUndefined();
    expect(await name("dhs_liaison")).toEqual({ familyName: expect.any(String) });
    const handover = await h.gql(
      `mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { cases { id status person { familyName } } } }`,
      { input: { transferId: recorded.data!.recordTransfer.id, handoverAt: "2026-02-01T10:00:00.000Z" } },
      "dhs_liaison",
    );
    expect(handover.errors).toBeUndefined();
    // The mutation's own answer already follows the rule: handed over, so no identity.
    expect(handover.data!.recordHandover.cases).toEqual([{ id: c.id, status: "RECEIVED", person: null }]);
    expect(await name("dhs_liaison")).toBeNull();
    expect(await name("mia_officer")).toEqual({ familyName: expect.any(String) });
  });
});

/**
 * The record-rule table of this subgraph on the shared kit: each role the policy narrows on a
 * kind of record has a row showing exactly which records it reaches (the kit fails when a row or
 * a rule's SQL is missing).
 */
const identityOf = (as: CallAs) => async () => {
  const res = await h.gql(
    `{ cases(first: 100) { edges { node { id person { familyName } vulnerabilityFlags { handlingInstructions } } } } }`,
    {},
    as,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.cases.edges as {
    node: { id: string; person: unknown; vulnerabilityFlags: { handlingInstructions: string | null }[] };
  }[];
};

describeRecordRuleRows(
  "record rules of the cases subgraph",
  [CaseRecords, TransferRecords, PrivilegedNoteRecords],
  [
    {
      role: "legal_counsel",
      kind: "Case",
      shows: "exactly their current clients, through the list, by id and as entities, identity included",
      run: async () => {
        const want = ids([g.a1, g.a2]);
        expect({ list: await listed(COUNSEL_CALLER), byId: await byId(COUNSEL_CALLER) }).toEqual({
          list: want,
          byId: want,
        });
        expect(await asEntities(COUNSEL_CALLER)).toEqual(want);
        const people = (await identityOf(COUNSEL_CALLER)()).filter((e) => e.node.person).map((e) => e.node.id);
        expect(people.sort()).toEqual(want);
      },
    },
    {
      role: "facility_staff",
      kind: "Case",
      shows: "exactly the people placed (now or before) at their facility, identity included",
      run: async () => {
        const want = ids([g.a1, g.b, g.d]);
        expect(await listed(FACILITY_CALLER)).toEqual(want);
        expect(await byId(FACILITY_CALLER)).toEqual(want);
        expect(await asEntities(FACILITY_CALLER)).toEqual(want);
      },
    },
    {
      role: "dhs_liaison",
      kind: "Case",
      shows: "every case, but identity (person and handling instructions) only before the handover",
      run: async () => {
        // Cases added by the handover test above are not part of this ground truth.
        const known = new Set(ids(g.all));
        expect((await listed("dhs_liaison")).filter((id) => known.has(id))).toEqual(ids(g.all));
        const rows = await identityOf("dhs_liaison")();
        expect(
          rows
            .filter((e) => known.has(e.node.id) && e.node.person)
            .map((e) => e.node.id)
            .sort(),
        ).toEqual(ids([g.a2, g.e]));
      },
    },
    {
      role: "legal_counsel",
      kind: "Transfer",
      shows: "a transfer only while it carries one of their clients",
      run: async () => {
        expect((await onTransfer(COUNSEL_CALLER)).viaTransfer).toEqual(ids([g.a1]));
        expect((await onTransfer({ roles: ["legal_counsel"], sub: randomUUID() })).viaTransfer).toBeNull();
      },
    },
    {
      role: "facility_staff",
      kind: "Transfer",
      shows: "a transfer only while it carries one of their residents",
      run: async () => {
        expect((await onTransfer(FACILITY_CALLER)).viaTransfer).toEqual(ids([g.a1]));
        const elsewhere: CallAs = { roles: ["facility_staff"], sub: randomUUID(), facility_id: randomUUID() };
        expect((await onTransfer(elsewhere)).viaTransfer).toBeNull();
      },
    },
    {
      role: "legal_counsel",
      kind: "PrivilegedNote",
      shows: "the text of a note only to its author while counsel of record",
      run: async () => {
        const res = await h.gql(
          `query($id: ID!) { case(id: $id) { privilegedNotes { id text } } }`,
          { id: g.b.id },
          { roles: ["legal_counsel"], sub: OTHER_COUNSEL },
        );
        expect(res.data!.case.privilegedNotes).toEqual([
          { id: g.counselNoteOnB, text: null },
          { id: g.otherNoteOnB, text: "By the current counsel." },
        ]);
      },
    },
  ],
);

describe("finding 2: identity data follows the identity rule wherever it sits", () => {
  // Before: a DHS liaison lost `person` at handover but still read
  // VulnerabilityFlag.handlingInstructions (a person:read field) of every handed-over case.
  it("a DHS liaison reads a handed-over person's handling instructions nowhere, a pending one's everywhere", async () => {
    const arrived = await createCase(h.db, g.agreementId, { status: CaseStatus.ACCOMMODATED });
    const pending = await createCase(h.db, g.agreementId, { status: CaseStatus.ACCEPTED });
    for (const c of [arrived, pending]) {
      const added = await h.gql(
        `mutation($input: AddVulnerabilityFlagInput!) { addVulnerabilityFlag(input: $input) { id } }`,
        {
          input: {
            caseId: c.id,
            code: "MEDICAL",
            source: "MEDICAL_ASSESSMENT",
            handlingInstructions: "Insulin twice daily.",
          },
        },
        "mia_officer",
      );
      expect(added.errors).toBeUndefined();
    }
    const QUERY = `query($r: [_Any!]!, $a: ID!) {
      byId: case(id: $a) { vulnerabilityFlags { code handlingInstructions } }
      _entities(representations: $r) { ... on Case { id vulnerabilityFlags { code handlingInstructions } } }
    }`;
    const res = await h.gql(
      QUERY,
      {
        a: arrived.id,
        r: [
          { __typename: "Case", id: arrived.id },
          { __typename: "Case", id: pending.id },
        ],
      },
      "dhs_liaison",
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      byId: { vulnerabilityFlags: [{ code: "MEDICAL", handlingInstructions: null }] },
      _entities: [
        { id: arrived.id, vulnerabilityFlags: [{ code: "MEDICAL", handlingInstructions: null }] },
        { id: pending.id, vulnerabilityFlags: [{ code: "MEDICAL", handlingInstructions: "Insulin twice daily." }] },
      ],
    });
  });
});
