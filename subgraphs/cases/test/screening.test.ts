import { randomUUID } from "node:crypto";
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
const RECORD = `mutation($input: RecordScreeningInput!) { recordScreening(input: $input) { id destinationCountry outcome claimSummary screenedAt recordedAt screenedBy { id } case { id } } }`;

/** An accommodated case; it arrived on 15 January 2026 (the factory's default). */
async function arrivedCase(status: CaseStatus = CaseStatus.ACCOMMODATED) {
  const agreement = await createAgreement(h.db);
  return createCase(h.db, agreement.id, { status });
}

function screening(caseId: string, overrides: Record<string, unknown> = {}) {
  return {
    caseId,
    destinationCountry: "AF",
    outcome: "NO_RISK_IDENTIFIED",
    screenedAt: "2026-01-20T10:00:00.000Z",
    screenedById: randomUUID(),
    ...overrides,
  };
}

describe("recordScreening", () => {
  it("records a screening for an arrived case and lists it on the case", async () => {
    const c = await arrivedCase();
    const input = screening(c.id, {
      outcome: "RISK_IDENTIFIED",
      claimSummary: "Fears persecution as a former interpreter for foreign forces.",
    });
    const res = await h.gql(RECORD, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordScreening).toMatchObject({
      destinationCountry: "AF",
      outcome: "RISK_IDENTIFIED",
      claimSummary: "Fears persecution as a former interpreter for foreign forces.",
      screenedAt: "2026-01-20T10:00:00.000Z",
      screenedBy: { id: input.screenedById },
      case: { id: c.id },
    });
    const second = await h.gql(RECORD, {
      input: screening(c.id, { destinationCountry: "PK", screenedAt: "2026-01-22T10:00:00.000Z" }),
    });
    const read = await h.gql(`query($id: ID!) { case(id: $id) { screenings { id destinationCountry outcome } } }`, {
      id: c.id,
    });
    expect(read.data!.case.screenings).toEqual([
      { id: res.data!.recordScreening.id, destinationCountry: "AF", outcome: "RISK_IDENTIFIED" },
      { id: second.data!.recordScreening.id, destinationCountry: "PK", outcome: "NO_RISK_IDENTIFIED" },
    ]);
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const before = await countRows(h.db, "protection_screening");
    const res = await h.gql(RECORD, {
      input: screening("x", { destinationCountry: "Afghanistan", claimSummary: "short", screenedById: "me" }),
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: input.caseId must be an id (a UUID); input.screenedById must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.caseId" },
    });
    const c = await arrivedCase();
    const rest = await h.gql(RECORD, {
      input: screening(c.id, { destinationCountry: "Afghanistan", claimSummary: "short", screenedById: c.id }),
    });
    expect(rest.errors?.[0]).toMatchObject({
      message:
        "Invalid input: destinationCountry must be an ISO 3166-1 alpha-2 code such as AF; claimSummary must be 10 to 8000 characters.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await countRows(h.db, "protection_screening")).toBe(before);
  });

  it.each(["RISK_IDENTIFIED", "REFERRED_FOR_ASYLUM"])("requires a claim summary for %s", async (outcome) => {
    const c = await arrivedCase();
    const res = await h.gql(RECORD, { input: screening(c.id, { outcome }) });
    expect(res.errors?.[0]).toMatchObject({
      message: `An outcome of ${outcome} needs a claimSummary of the protection claim.`,
      extensions: { code: "BAD_USER_INPUT", argument: "input.claimSummary" },
    });
  });

  it("refuses Kosovo as the destination", async () => {
    const c = await arrivedCase();
    const res = await h.gql(RECORD, { input: screening(c.id, { destinationCountry: "XK" }) });
    expect(res.errors?.[0].message).toBe(
      "destinationCountry must be a country other than Kosovo (XK): screening assesses return elsewhere.",
    );
  });

  it.each([CaseStatus.ACCEPTED, CaseStatus.IN_TRANSIT, CaseStatus.RETURNED])(
    "refuses a case that is %s",
    async (status) => {
      const c = await arrivedCase(status);
      const res = await h.gql(RECORD, { input: screening(c.id) });
      expect(res.errors?.[0]).toMatchObject({
        message: `Case ${c.caseNumber} is ${status}; protection screening is recorded for arrived, open cases (RECEIVED, ACCOMMODATED, ONWARD_RETURN_PLANNED).`,
        extensions: { code: "BAD_USER_INPUT", status },
      });
    },
  );

  it("refuses a screening before the arrival, writing nothing; and an unknown case", async () => {
    const c = await arrivedCase();
    const before = await countRows(h.db, "protection_screening");
    const res = await h.gql(RECORD, { input: screening(c.id, { screenedAt: "2026-01-10T10:00:00.000Z" }) });
    expect(res.errors?.[0].message).toBe(
      `screenedAt (2026-01-10T10:00:00.000Z) must not be before the arrival of case ${c.caseNumber} (2026-01-15T09:00:00.000Z).`,
    );
    expect(await countRows(h.db, "protection_screening")).toBe(before);
    const missing = await h.gql(RECORD, { input: screening(UNKNOWN) });
    expect(missing.errors?.[0]).toMatchObject({
      message: `Case ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("Case.screenings", () => {
  it("resolves through _entities on Case references", async () => {
    const c = await arrivedCase();
    const res1 = await h.gql(RECORD, { input: screening(c.id) });
    const res = await h.gql(caseEntities("screenings { id outcome }"), { r: [{ __typename: "Case", id: c.id }] });
    expect(res.data!._entities).toEqual([
      { id: c.id, screenings: [{ id: res1.data!.recordScreening.id, outcome: "NO_RISK_IDENTIFIED" }] },
    ]);
  });

  it("loads for many cases with one statement per batch", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await arrivedCase();
      await h.gql(RECORD, { input: screening(c.id) });
      ids.push(c.id);
    }
    const query = (n: number) => () =>
      h.gql(caseEntities("screenings { id screenedBy { id } }"), {
        r: ids.slice(0, n).map((id) => ({ __typename: "Case", id })),
      });
    expect(await countStatements(query(5))).toBe(await countStatements(query(1)));
  });
});
