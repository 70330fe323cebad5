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
const RECORD = `mutation($input: RecordCaseReviewInput!) { recordCaseReview(input: $input) { id heldAt panel decisions { code text } recordedAt case { id } } }`;
const PANEL = ["MIA case officer", "Centre for Social Work", "Facility manager"];
const DECISIONS = [
  { code: "CONTINUE_PLACEMENT", text: "Stay at the reception centre until the screening outcome." },
  { code: "MEDICAL_REFERRAL", text: "Dental treatment within two weeks." },
];

async function arrivedCase(status: CaseStatus = CaseStatus.ACCOMMODATED) {
  const agreement = await createAgreement(h.db);
  return createCase(h.db, agreement.id, { status });
}

function review(caseId: string, overrides: Record<string, unknown> = {}) {
  return { caseId, heldAt: "2026-02-01T10:00:00.000Z", panel: PANEL, decisions: DECISIONS, ...overrides };
}

describe("recordCaseReview", () => {
  it("records a review with its panel and decisions, listed on the case", async () => {
    const c = await arrivedCase();
    const res = await h.gql(RECORD, {
      input: review(c.id, { panel: ["  MIA case officer ", "Ombudsperson observer"] }),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordCaseReview).toMatchObject({
      heldAt: "2026-02-01T10:00:00.000Z",
      panel: ["MIA case officer", "Ombudsperson observer"],
      decisions: DECISIONS,
      case: { id: c.id },
    });
    const later = await h.gql(RECORD, {
      input: review(c.id, {
        heldAt: "2026-03-01T10:00:00.000Z",
        decisions: [{ code: "PLAN_ONWARD_RETURN", text: "Start onward return planning." }],
      }),
    });
    const read = await h.gql(`query($id: ID!) { case(id: $id) { reviews { id heldAt decisions { code } } } }`, {
      id: c.id,
    });
    expect(read.data!.case.reviews).toEqual([
      {
        id: res.data!.recordCaseReview.id,
        heldAt: "2026-02-01T10:00:00.000Z",
        decisions: [{ code: "CONTINUE_PLACEMENT" }, { code: "MEDICAL_REFERRAL" }],
      },
      {
        id: later.data!.recordCaseReview.id,
        heldAt: "2026-03-01T10:00:00.000Z",
        decisions: [{ code: "PLAN_ONWARD_RETURN" }],
      },
    ]);
  });

  it("stores the decisions as jsonb", async () => {
    const c = await arrivedCase();
    const res = await h.gql(RECORD, { input: review(c.id) });
    const [row] = await h.db.query(
      `SELECT jsonb_typeof(decisions) AS kind, decisions FROM cases.case_review WHERE id = $1`,
      [res.data!.recordCaseReview.id],
    );
    expect(row).toEqual({ kind: "array", decisions: DECISIONS });
  });

  it("needs at least one panel member and one decision, and writes nothing otherwise", async () => {
    const c = await arrivedCase();
    const before = await countRows(h.db, "case_review");
    const empty = await h.gql(RECORD, { input: review(c.id, { panel: [], decisions: [] }) });
    expect(empty.errors?.[0]).toMatchObject({
      message: "Invalid input: panel must name at least one panel member; decisions must hold at least one decision.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const bad = await h.gql(RECORD, {
      input: review(c.id, { panel: ["MIA", "MIA", "   "], decisions: [{ code: "OTHER", text: "ok" }] }),
    });
    expect(bad.errors?.[0].message).toBe(
      "Invalid input: panel must not hold blank names; panel must name each panel member once; decisions.0.text must be 3 to 2000 characters.",
    );
    expect(await countRows(h.db, "case_review")).toBe(before);
  });

  it.each([CaseStatus.NOMINATED, CaseStatus.ACCEPTED, CaseStatus.IN_TRANSIT])(
    "refuses a case that is %s (not arrived)",
    async (status) => {
      const c = await arrivedCase(status);
      const res = await h.gql(RECORD, { input: review(c.id) });
      expect(res.errors?.[0]).toMatchObject({
        message: `Case ${c.caseNumber} has not arrived (it is ${status}); a joint review is held after arrival.`,
        extensions: { code: "BAD_USER_INPUT", status },
      });
    },
  );

  it("allows a review of a case that has ended, but not before its arrival; unknown cases are NOT_FOUND", async () => {
    const c = await arrivedCase(CaseStatus.RETURNED);
    expect((await h.gql(RECORD, { input: review(c.id) })).errors).toBeUndefined();
    const early = await h.gql(RECORD, { input: review(c.id, { heldAt: "2026-01-14T00:00:00.000Z" }) });
    expect(early.errors?.[0].message).toBe(
      `heldAt (2026-01-14T00:00:00.000Z) must not be before the arrival of case ${c.caseNumber} (2026-01-15T09:00:00.000Z).`,
    );
    const missing = await h.gql(RECORD, { input: review(UNKNOWN) });
    expect(missing.errors?.[0]).toMatchObject({
      message: `Case ${UNKNOWN} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("Case.reviews", () => {
  it("resolves through _entities on Case references", async () => {
    const c = await arrivedCase();
    const created = await h.gql(RECORD, { input: review(c.id) });
    const res = await h.gql(caseEntities("reviews { id panel }"), { r: [{ __typename: "Case", id: c.id }] });
    expect(res.data!._entities).toEqual([
      { id: c.id, reviews: [{ id: created.data!.recordCaseReview.id, panel: PANEL }] },
    ]);
  });

  it("loads for many cases with one statement per batch", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await arrivedCase();
      await h.gql(RECORD, { input: review(c.id) });
      ids.push(c.id);
    }
    const query = (n: number) => () =>
      h.gql(caseEntities("reviews { id decisions { code } }"), {
        r: ids.slice(0, n).map((id) => ({ __typename: "Case", id })),
      });
    expect(await countStatements(query(5))).toBe(await countStatements(query(1)));
  });
});

describe("CaseReview as an entity (the task force points to reviews by key)", () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseReview { id heldAt panel case { id } } } }`;

  it("resolves a review through _entities, and null for an unknown id", async () => {
    const c = await arrivedCase();
    const created = await h.gql(RECORD, { input: review(c.id) });
    const id = created.data!.recordCaseReview.id as string;
    const res = await h.gql(
      ENTITIES,
      {
        r: [
          { __typename: "CaseReview", id },
          { __typename: "CaseReview", id: UNKNOWN },
        ],
      },
      "mia_officer",
    );
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [{ id, heldAt: "2026-02-01T10:00:00.000Z", panel: PANEL, case: { id: c.id } }, null],
      },
    });
  });

  it("applies the case's record rule in SQL: counsel not of record get null, not the review", async () => {
    const c = await arrivedCase();
    const created = await h.gql(RECORD, { input: review(c.id) });
    const id = created.data!.recordCaseReview.id as string;
    const res = await h.gql(
      ENTITIES,
      { r: [{ __typename: "CaseReview", id }] },
      { roles: ["legal_counsel"], sub: "00000000-0000-4000-8000-00000000c0c0" },
    );
    expect(res).toEqual({ status: 200, data: { _entities: [null] } });
  });

  it("resolves many references with one statement per batch", async () => {
    const refs: { __typename: string; id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await arrivedCase();
      const created = await h.gql(RECORD, { input: review(c.id) });
      refs.push({ __typename: "CaseReview", id: created.data!.recordCaseReview.id as string });
    }
    const query = (n: number) => () => h.gql(ENTITIES, { r: refs.slice(0, n) }, "mia_officer");
    expect(await countStatements(query(4))).toBe(await countStatements(query(1)));
  });
});
