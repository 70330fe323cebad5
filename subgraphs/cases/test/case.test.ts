import { subjectRef } from "@kgraph/platform";
import {
  NOMINATE,
  type CasesHarness,
  TEST_SUBJECT_REF_KEY,
  createAgreement,
  nominationInput,
  startCasesHarness,
} from "./harness";

let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function nominate(agreementId: string) {
  const res = await h.gql(NOMINATE, { input: nominationInput(agreementId) });
  expect(res.errors).toBeUndefined();
  return res.data!.nominateCase as { id: string; caseNumber: string; status: string };
}

const CHANGE = `mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { id status arrivedAt closedAt statusReason } }`;

describe("nominateCase", () => {
  it("creates a NOMINATED case with a case number, a pseudonym and the person", async () => {
    const agreement = await createAgreement(h.db);
    const res = await h.gql(NOMINATE, { input: nominationInput(agreement.id) });
    expect(res.errors).toBeUndefined();
    const created = res.data!.nominateCase;
    expect(created.status).toBe("NOMINATED");
    expect(created.caseNumber).toMatch(/^RKS-\d{4}-\d{6}$/);
    expect(created.subjectRef).toBe(subjectRef(created.id, TEST_SUBJECT_REF_KEY));
    expect(created.agreement).toEqual({ id: agreement.id });

    const read = await h.gql(
      `query($id: ID!) { case(id: $id) { person { familyName languages identityDocuments { type number issuingCountry } } } }`,
      { id: created.id },
    );
    expect(read.data!.case.person.languages).toEqual(["ps", "en"]);
    expect(read.data!.case.person.identityDocuments).toEqual([
      { type: "PASSPORT", number: "P1234567", issuingCountry: "AF" },
    ]);
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const agreement = await createAgreement(h.db);
    const before = await h.db.query(`SELECT count(*)::int AS n FROM cases."case"`);
    const input = nominationInput(agreement.id, { nationality: "Afghanistan" });
    (input.person as Record<string, unknown>).sex = "female";
    const res = await h.gql(NOMINATE, { input });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toContain("nationality must be an ISO 3166-1 alpha-2 code");
    expect(res.errors?.[0].message).toContain("person.sex must be F, M or X");
    const after = await h.db.query(`SELECT count(*)::int AS n FROM cases."case"`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("refuses an agreement that is not ACTIVE", async () => {
    const agreement = await createAgreement(h.db, { status: "SUSPENDED" as never });
    const res = await h.gql(NOMINATE, { input: nominationInput(agreement.id) });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toContain("is SUSPENDED");
  });
});

describe("case state machine", () => {
  it("follows NOMINATED → ACCEPTED → IN_TRANSIT → RECEIVED, stamping the arrival", async () => {
    const agreement = await createAgreement(h.db);
    const c = await nominate(agreement.id);
    const accepted = await h.gql(`mutation($id: ID!) { acceptCase(caseId: $id) { status } }`, { id: c.id });
    expect(accepted.data!.acceptCase.status).toBe("ACCEPTED");
    await h.gql(CHANGE, { input: { caseId: c.id, status: "IN_TRANSIT" } });
    const received = await h.gql(CHANGE, { input: { caseId: c.id, status: "RECEIVED" } });
    expect(received.errors).toBeUndefined();
    expect(received.data!.changeCaseStatus.status).toBe("RECEIVED");
    expect(received.data!.changeCaseStatus.arrivedAt).not.toBeNull();
  });

  it("refuses an illegal transition naming the allowed next states, and changes nothing", async () => {
    const agreement = await createAgreement(h.db);
    const c = await nominate(agreement.id);
    const res = await h.gql(CHANGE, { input: { caseId: c.id, status: "RECEIVED" } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toBe(
      `Case ${c.caseNumber} cannot move from NOMINATED to RECEIVED. Allowed next: ACCEPTED, DECLINED.`,
    );
    expect(res.errors?.[0].extensions?.allowed).toEqual(["ACCEPTED", "DECLINED"]);
    const read = await h.gql(`query($id: ID!) { case(id: $id) { status } }`, { id: c.id });
    expect(read.data!.case.status).toBe("NOMINATED");
  });

  it("requires a reason to decline, and a final status allows nothing further", async () => {
    const agreement = await createAgreement(h.db);
    const c = await nominate(agreement.id);
    const noReason = await h.gql(CHANGE, { input: { caseId: c.id, status: "DECLINED" } });
    expect(noReason.errors?.[0].message).toBe("A reason is required to move a case to DECLINED.");
    const declined = await h.gql(
      `mutation($id: ID!) { declineCase(caseId: $id, reason: "Outside the selection criteria") { status closedAt statusReason } }`,
      { id: c.id },
    );
    expect(declined.data!.declineCase).toMatchObject({
      status: "DECLINED",
      statusReason: "Outside the selection criteria",
    });
    expect(declined.data!.declineCase.closedAt).not.toBeNull();
    const again = await h.gql(CHANGE, { input: { caseId: c.id, status: "ACCEPTED" } });
    expect(again.errors?.[0].message).toContain("DECLINED is final.");
  });

  it("refuses acceptance beyond the agreement's total cap", async () => {
    const agreement = await createAgreement(h.db, { totalCap: 1 });
    const first = await nominate(agreement.id);
    const second = await nominate(agreement.id);
    expect((await h.gql(CHANGE, { input: { caseId: first.id, status: "ACCEPTED" } })).errors).toBeUndefined();
    const res = await h.gql(CHANGE, { input: { caseId: second.id, status: "ACCEPTED" } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", totalCap: 1, accepted: 1 });
  });

  it("refuses an arrival beyond the agreement's monthly cap", async () => {
    const agreement = await createAgreement(h.db, { monthlyCap: 1 });
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const c = await nominate(agreement.id);
      for (const status of ["ACCEPTED", "IN_TRANSIT"]) await h.gql(CHANGE, { input: { caseId: c.id, status } });
      ids.push(c.id);
    }
    expect((await h.gql(CHANGE, { input: { caseId: ids[0], status: "RECEIVED" } })).errors).toBeUndefined();
    const res = await h.gql(CHANGE, { input: { caseId: ids[1], status: "RECEIVED" } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", monthlyCap: 1, arrivals: 1 });
  });

  it("answers NOT_FOUND for an unknown case", async () => {
    const res = await h.gql(CHANGE, { input: { caseId: "00000000-0000-4000-8000-000000000000", status: "ACCEPTED" } });
    expect(res.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });
});

describe("cases connection", () => {
  it("pages by keyset cursor without gaps or repeats", async () => {
    const agreement = await createAgreement(h.db);
    for (let i = 0; i < 5; i++) await nominate(agreement.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $a: ID) { cases(first: 2, after: $after, filter: { agreementId: $a }) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }`,
        { after, a: agreement.id },
      );
      seen.push(...res.data.cases.edges.map((e: any) => e.node.id));
      if (!res.data.cases.pageInfo.hasNextPage) break;
      after = res.data.cases.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("rejects a page size out of range and a forged cursor", async () => {
    const big = await h.gql(`{ cases(first: 1000) { edges { cursor } } }`);
    expect(big.errors?.[0]).toMatchObject({
      message: "`first` must be between 1 and 500; got 1000.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = await h.gql(`{ cases(first: 5, after: "nonsense") { edges { cursor } } }`);
    expect(forged.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("_entities", () => {
  it("resolves Case references through the same loader, null for unknown ids", async () => {
    const agreement = await createAgreement(h.db);
    const c = await nominate(agreement.id);
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id caseNumber status } } }`,
      {
        r: [
          { __typename: "Case", id: c.id },
          { __typename: "Case", id: "00000000-0000-4000-8000-000000000000" },
        ],
      },
    );
    expect(res.data!._entities).toEqual([{ id: c.id, caseNumber: c.caseNumber, status: "NOMINATED" }, null]);
  });
});

describe("malformed ids and reasons", () => {
  it("refuses a malformed id as an argument, and answers null for one in _entities", async () => {
    const res = await h.gql(`{ case(id: "not-a-uuid") { id } }`);
    expect(res).toMatchObject({ data: { case: null } });
    expect(res.errors).toEqual([
      expect.objectContaining({
        path: ["case"],
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argument: "id" }),
      }),
    ]);
    const refs = await h.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id } } }`, {
      r: [{ __typename: "Case", id: "1; DROP TABLE x" }],
    });
    expect(refs.errors).toBeUndefined();
    expect(refs.data!._entities).toEqual([null]);
  });

  it("answers BAD_USER_INPUT when a mutation names a malformed case id", async () => {
    const res = await h.gql(`mutation { acceptCase(caseId: "nope") { id } }`);
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: caseId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "caseId" },
    });
  });

  it("refuses a decline reason that is too short or too long, changing nothing", async () => {
    const agreement = await createAgreement(h.db);
    const c = await nominate(agreement.id);
    for (const reason of ["x", "y".repeat(501)]) {
      const res = await h.gql(`mutation($id: ID!, $r: String!) { declineCase(caseId: $id, reason: $r) { status } }`, {
        id: c.id,
        r: reason,
      });
      expect(res.errors?.[0]).toMatchObject({
        message: `A reason must be 3 to 500 characters; got ${reason.length}.`,
        extensions: { code: "BAD_USER_INPUT" },
      });
    }
    const read = await h.gql(`query($id: ID!) { case(id: $id) { status } }`, { id: c.id });
    expect(read.data!.case.status).toBe("NOMINATED");
  });
});
