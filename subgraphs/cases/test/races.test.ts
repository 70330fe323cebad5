import { racing } from "@kgraph/platform";
import { CaseStatus } from "../src/modules/case/case-status";
import { type CasesHarness, createAgreement, createCase, startCasesHarness } from "./harness";

/**
 * Capacity and state races on cases: the agreement's caps (total acceptances, monthly arrivals)
 * and one case's state machine, with callers at once. Exactly one wins, every other gets a coded
 * refusal, and the caps hold in the database.
 */
let h: CasesHarness;
beforeAll(async () => {
  h = await startCasesHarness();
});
afterAll(async () => {
  await h?.stop();
});

const CHANGE = `mutation($input: ChangeCaseStatusInput!) { changeCaseStatus(input: $input) { id status } }`;
type Answer = { errors?: { message: string; extensions?: Record<string, unknown> }[] };

function expectOneWinner(results: Answer[]): void {
  const refused = results.filter((r) => r.errors);
  expect(results.length - refused.length).toBe(1);
  expect(refused.map((r) => r.errors?.[0].extensions?.code)).toEqual(refused.map(() => "BAD_USER_INPUT"));
}

const countIn = async (agreementId: string, statuses: CaseStatus[]) =>
  (
    await h.db.query(`SELECT count(*)::int AS n FROM cases."case" WHERE agreement_id = $1 AND status = ANY($2)`, [
      agreementId,
      statuses,
    ])
  )[0].n as number;

it("accepts only as many cases as the agreement's total cap when acceptances race", async () => {
  const agreement = await createAgreement(h.db, { totalCap: 1 });
  const nominated = await Promise.all(Array.from({ length: 4 }, () => createCase(h.db, agreement.id)));
  // Every acceptance locks its own case first: they queue on the table, then race for the cap.
  const results = await racing(h.db, "cases.case", nominated.length, () =>
    nominated.map((c) => h.gql(CHANGE, { input: { caseId: c.id, status: "ACCEPTED" } })),
  );
  expectOneWinner(results);
  expect(await countIn(agreement.id, [CaseStatus.ACCEPTED])).toBe(1);
});

it("receives only as many arrivals a month as the agreement's monthly cap when arrivals race", async () => {
  const agreement = await createAgreement(h.db, { monthlyCap: 1 });
  const inTransit = await Promise.all(
    Array.from({ length: 4 }, () => createCase(h.db, agreement.id, { status: CaseStatus.IN_TRANSIT })),
  );
  const results = await racing(h.db, "cases.case", inTransit.length, () =>
    inTransit.map((c) => h.gql(CHANGE, { input: { caseId: c.id, status: "RECEIVED" } })),
  );
  expectOneWinner(results);
  expect(await countIn(agreement.id, [CaseStatus.RECEIVED])).toBe(1);
});

it("moves one case once when the same status change is sent several times at once", async () => {
  const agreement = await createAgreement(h.db);
  const c = await createCase(h.db, agreement.id);
  const results = await racing(h.db, "cases.case", 4, () =>
    [1, 2, 3, 4].map(() => h.gql(CHANGE, { input: { caseId: c.id, status: "ACCEPTED" } })),
  );
  expectOneWinner(results);
  for (const refused of results.filter((r) => r.errors)) {
    expect(refused.errors?.[0].message).toContain("cannot move from ACCEPTED to ACCEPTED");
  }
});
