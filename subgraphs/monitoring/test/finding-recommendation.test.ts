import {
  type MonitoringHarness,
  RECOMMENDATION_FIELDS,
  UNKNOWN_ID,
  addFinding,
  addRecommendation,
  firstError,
  hoursAgo,
  ok,
  startMonitoringHarness,
  visitIn,
} from "./harness";

let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const ADD_FINDING = `mutation($input: AddFindingInput!) { addFinding(input: $input) { id severity standardRef description visit { id } recommendations { id } } }`;
const ADD_RECOMMENDATION = `mutation($input: AddRecommendationInput!) { addRecommendation(input: $input) { ${RECOMMENDATION_FIELDS} } }`;
const RESPOND = `mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { ${RECOMMENDATION_FIELDS} } }`;
const IMPLEMENTED = `mutation($id: ID!) { markRecommendationImplemented(recommendationId: $id) { ${RECOMMENDATION_FIELDS} } }`;
const READ_RECOMMENDATION = `query($id: ID!) { recommendation(id: $id) { ${RECOMMENDATION_FIELDS} } }`;

const count = async (table: string) =>
  (await h.db.query(`SELECT count(*)::int AS n FROM monitoring.${table}`))[0].n as number;
const recommendationRow = async (id: string) =>
  (
    await h.db.query(
      `SELECT status, response_text, responded_at, implemented_at FROM monitoring.recommendation WHERE id = $1`,
      [id],
    )
  )[0];

describe("addFinding", () => {
  it("records a finding on a visit IN_PROGRESS and on a COMPLETED one", async () => {
    for (const status of ["IN_PROGRESS", "COMPLETED"] as const) {
      const visit = await visitIn(h, status);
      const input = {
        visitId: visit.id,
        severity: "CRITICAL",
        standardRef: " Nelson Mandela Rules, rule 13 ",
        description: "No natural light in the isolation cells.",
      };
      const finding = ok(await h.gql(ADD_FINDING, { input })).addFinding;
      expect(finding).toMatchObject({
        severity: "CRITICAL",
        standardRef: "Nelson Mandela Rules, rule 13",
        description: input.description,
        visit: { id: visit.id },
        recommendations: [],
      });
      const read = ok(await h.gql(`query($id: ID!) { visit(id: $id) { findings { id severity } } }`, { id: visit.id }));
      expect(read.visit.findings).toEqual([{ id: finding.id, severity: "CRITICAL" }]);
    }
  });

  it("refuses a PLANNED visit and a published one, and writes nothing", async () => {
    const before = await count("finding");
    const planned = await visitIn(h, "PLANNED");
    const notStarted = firstError(
      await h.gql(ADD_FINDING, {
        input: {
          visitId: planned.id,
          severity: "LOW",
          standardRef: "CPT §1",
          description: "Something was found here.",
        },
      }),
    );
    expect(notStarted).toMatchObject({
      message: `Findings can be added only to a visit that is IN_PROGRESS or COMPLETED; visit ${planned.id} is PLANNED (it has not started).`,
      extensions: { code: "BAD_USER_INPUT", status: "PLANNED", allowed: ["IN_PROGRESS", "COMPLETED"] },
    });
    const published = await visitIn(h, "REPORT_PUBLISHED");
    const final = firstError(
      await h.gql(ADD_FINDING, {
        input: {
          visitId: published.id,
          severity: "LOW",
          standardRef: "CPT §1",
          description: "Something was found here.",
        },
      }),
    );
    expect(final.message).toBe(
      `Findings can be added only to a visit that is IN_PROGRESS or COMPLETED; visit ${published.id} is REPORT_PUBLISHED (its report is published and its findings are final).`,
    );
    expect(await count("finding")).toBe(before);
  });

  it("rejects invalid input naming every wrong field", async () => {
    const visit = await visitIn(h, "IN_PROGRESS");
    const error = firstError(
      await h.gql(ADD_FINDING, {
        input: { visitId: visit.id, severity: "HIGH", standardRef: "x", description: "short" },
      }),
    );
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.message).toBe(
      "Invalid input: standardRef must be between 2 and 200 characters; description must be between 10 and 20000 characters.",
    );
    const unknownSeverity = firstError(
      await h.gql(ADD_FINDING, {
        input: {
          visitId: visit.id,
          severity: "SEVERE",
          standardRef: "CPT §1",
          description: "Something was found here.",
        },
      }),
    );
    expect(unknownSeverity.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("answers NOT_FOUND for an unknown visit", async () => {
    const error = firstError(
      await h.gql(ADD_FINDING, {
        input: {
          visitId: UNKNOWN_ID,
          severity: "LOW",
          standardRef: "CPT §1",
          description: "Something was found here.",
        },
      }),
    );
    expect(error).toMatchObject({
      message: `MonitoringVisit ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("addRecommendation", () => {
  it("adds an OPEN recommendation to a finding, due after the visit", async () => {
    const visit = await visitIn(h, "COMPLETED");
    const finding = await addFinding(h, visit.id);
    const dueAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const rec = ok(
      await h.gql(ADD_RECOMMENDATION, {
        input: {
          findingId: finding.id,
          addressee: "Facility management",
          text: "Open the yard for at least two hours a day.",
          dueAt,
        },
      }),
    ).addRecommendation;
    expect(rec).toMatchObject({
      addressee: "Facility management",
      dueAt,
      status: "OPEN",
      overdue: false,
      response: null,
      implementedAt: null,
      finding: { id: finding.id },
    });
    const read = ok(
      await h.gql(`query($id: ID!) { visit(id: $id) { findings { recommendations { id } } } }`, { id: visit.id }),
    );
    expect(read.visit.findings[0].recommendations).toEqual([{ id: rec.id }]);
  });

  it("refuses a due date not after the visit's end (or start while under way), and writes nothing", async () => {
    const before = await count("recommendation");
    const completed = await visitIn(h, "COMPLETED");
    const endedAt = (
      await h.db.query(`SELECT ended_at FROM monitoring.visit WHERE id = $1`, [completed.id])
    )[0].ended_at.toISOString();
    const finding = await addFinding(h, completed.id);
    const dueAt = hoursAgo(1.5);
    const error = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: { findingId: finding.id, addressee: "MIA", text: "Do this thing properly.", dueAt },
      }),
    );
    expect(error).toMatchObject({
      message: `input.dueAt must be after the visit ended (${endedAt}); got ${dueAt}.`,
      extensions: { code: "BAD_USER_INPUT", argument: "input.dueAt" },
    });
    const running = await visitIn(h, "IN_PROGRESS");
    const startedAt = (
      await h.db.query(`SELECT started_at FROM monitoring.visit WHERE id = $1`, [running.id])
    )[0].started_at.toISOString();
    const runningFinding = await addFinding(h, running.id);
    const early = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: { findingId: runningFinding.id, addressee: "MIA", text: "Do this thing properly.", dueAt: startedAt },
      }),
    );
    expect(early.message).toBe(`input.dueAt must be after the visit started (${startedAt}); got ${startedAt}.`);
    expect(await count("recommendation")).toBe(before);
  });

  it("refuses recommendations once the visit report is published", async () => {
    const visit = await visitIn(h, "COMPLETED");
    const finding = await addFinding(h, visit.id);
    ok(
      await h.gql(`mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id } }`, {
        input: { visitId: visit.id, summary: "The report as published." },
      }),
    );
    const error = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: {
          findingId: finding.id,
          addressee: "MIA",
          text: "Do this thing properly.",
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      }),
    );
    expect(error.message).toBe(
      `Recommendations can be added only to a visit that is IN_PROGRESS or COMPLETED; visit ${visit.id} is REPORT_PUBLISHED (its report is published and its findings are final).`,
    );
  });

  it("rejects invalid input and answers NOT_FOUND for an unknown finding", async () => {
    const invalid = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: { findingId: "f", addressee: " ", text: "Do it.", dueAt: new Date().toISOString() },
      }),
    );
    expect(invalid).toMatchObject({
      message: "Invalid input: input.findingId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.findingId" },
    });
    const blank = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: { findingId: UNKNOWN_ID, addressee: " ", text: "Do it.", dueAt: new Date().toISOString() },
      }),
    );
    expect(blank.message).toBe(
      "Invalid input: addressee must not be blank; addressee must be between 2 and 200 characters; text must be between 10 and 20000 characters.",
    );
    const missing = firstError(
      await h.gql(ADD_RECOMMENDATION, {
        input: {
          findingId: UNKNOWN_ID,
          addressee: "MIA",
          text: "Do this thing properly.",
          dueAt: new Date().toISOString(),
        },
      }),
    );
    expect(missing).toMatchObject({
      message: `Finding ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("recommendation responses", () => {
  async function openRecommendation() {
    const visit = await visitIn(h, "COMPLETED");
    const finding = await addFinding(h, visit.id);
    return addRecommendation(h, finding.id);
  }

  it("records an acceptance, then its implementation", async () => {
    const rec = await openRecommendation();
    const accepted = ok(
      await h.gql(RESPOND, {
        input: { recommendationId: rec.id, accepted: true, text: " We will move four residents by March. " },
      }),
    ).respondToRecommendation;
    expect(accepted).toMatchObject({
      status: "ACCEPTED",
      response: {
        accepted: true,
        text: "We will move four residents by March.",
        respondedBy: "00000000-0000-4000-8000-0000000000aa",
      },
    });
    expect(Math.abs(new Date(accepted.response.respondedAt).getTime() - Date.now())).toBeLessThan(60_000);
    const implemented = ok(await h.gql(IMPLEMENTED, { id: rec.id })).markRecommendationImplemented;
    expect(implemented).toMatchObject({ status: "IMPLEMENTED", overdue: false, response: { accepted: true } });
    expect(implemented.implementedAt).not.toBeNull();
    expect(ok(await h.gql(READ_RECOMMENDATION, { id: rec.id })).recommendation).toEqual(implemented);
  });

  it("records a rejection, which cannot be marked implemented", async () => {
    const rec = await openRecommendation();
    const rejected = ok(
      await h.gql(RESPOND, {
        input: { recommendationId: rec.id, accepted: false, text: "The yard is under repair until summer." },
      }),
    ).respondToRecommendation;
    expect(rejected).toMatchObject({
      status: "REJECTED",
      response: { accepted: false, text: "The yard is under repair until summer." },
    });
    const error = firstError(await h.gql(IMPLEMENTED, { id: rec.id }));
    expect(error).toMatchObject({
      message: `Recommendation ${rec.id} is REJECTED; only an ACCEPTED recommendation can be marked implemented.`,
      extensions: { code: "BAD_USER_INPUT", status: "REJECTED" },
    });
    expect((await recommendationRow(rec.id)).implemented_at).toBeNull();
  });

  it("refuses a second response, and changes nothing", async () => {
    const rec = await openRecommendation();
    ok(await h.gql(RESPOND, { input: { recommendationId: rec.id, accepted: true, text: "Accepted." } }));
    const before = await recommendationRow(rec.id);
    const error = firstError(
      await h.gql(RESPOND, { input: { recommendationId: rec.id, accepted: false, text: "Changed our mind." } }),
    );
    expect(error).toMatchObject({
      message: `Recommendation ${rec.id} is ACCEPTED and has been responded to; only an OPEN (or OVERDUE) recommendation can be responded to.`,
      extensions: { code: "BAD_USER_INPUT", status: "ACCEPTED" },
    });
    expect(await recommendationRow(rec.id)).toEqual(before);
  });

  it("requires the response text", async () => {
    const rec = await openRecommendation();
    const blank = firstError(
      await h.gql(RESPOND, { input: { recommendationId: rec.id, accepted: true, text: "   " } }),
    );
    expect(blank).toMatchObject({
      message: "Invalid input: text must not be blank.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const empty = firstError(await h.gql(RESPOND, { input: { recommendationId: rec.id, accepted: true, text: "" } }));
    expect(empty.message).toContain("text must be between 1 and 20000 characters");
    expect(await recommendationRow(rec.id)).toMatchObject({ status: "OPEN", response_text: null, responded_at: null });
  });

  it("refuses to mark an OPEN recommendation implemented", async () => {
    const rec = await openRecommendation();
    const error = firstError(await h.gql(IMPLEMENTED, { id: rec.id }));
    expect(error.message).toBe(
      `Recommendation ${rec.id} is OPEN; only an ACCEPTED recommendation can be marked implemented.`,
    );
    expect((await recommendationRow(rec.id)).status).toBe("OPEN");
  });

  it("shows an unanswered recommendation past its due date as OVERDUE, still open to a response", async () => {
    const rec = await openRecommendation();
    // The visit took place long ago: move its due date into the past directly.
    await h.db.query(`UPDATE monitoring.recommendation SET due_at = now() - interval '1 day' WHERE id = $1`, [rec.id]);
    expect(ok(await h.gql(READ_RECOMMENDATION, { id: rec.id })).recommendation).toMatchObject({
      status: "OVERDUE",
      overdue: true,
    });
    const answered = ok(
      await h.gql(RESPOND, { input: { recommendationId: rec.id, accepted: true, text: "Late, but accepted." } }),
    ).respondToRecommendation;
    expect(answered).toMatchObject({ status: "ACCEPTED", overdue: true });
  });

  it("answers NOT_FOUND for an unknown recommendation", async () => {
    const respond = firstError(
      await h.gql(RESPOND, { input: { recommendationId: UNKNOWN_ID, accepted: true, text: "Yes." } }),
    );
    expect(respond).toMatchObject({
      message: `Recommendation ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    const implemented = firstError(await h.gql(IMPLEMENTED, { id: UNKNOWN_ID }));
    expect(implemented.extensions?.code).toBe("NOT_FOUND");
    expect(ok(await h.gql(READ_RECOMMENDATION, { id: UNKNOWN_ID })).recommendation).toBeNull();
  });
});

describe("Finding and Recommendation as entities (the task force points to them by key)", () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Finding { id severity }
    ... on Recommendation { id addressee finding { id } }
  } }`;

  it("resolve through _entities under the visit's rule, in SQL: the public only once the report is published", async () => {
    const visit = await visitIn(h, "COMPLETED");
    const finding = await addFinding(h, visit.id);
    const recommendation = await addRecommendation(h, finding.id);
    const refs = {
      r: [
        { __typename: "Finding", id: finding.id },
        { __typename: "Recommendation", id: recommendation.id },
        { __typename: "Finding", id: UNKNOWN_ID },
      ],
    };
    const both = {
      _entities: [
        { id: finding.id, severity: "HIGH" },
        { id: recommendation.id, addressee: "Ministry of Internal Affairs", finding: { id: finding.id } },
        null,
      ],
    };
    expect(ok(await h.gql(ENTITIES, refs, "ombudsperson"))).toEqual(both);
    const publicCaller = { token: await h.auth.publicToken() };
    expect(ok(await h.gql(ENTITIES, refs, publicCaller))).toEqual({ _entities: [null, null, null] });
    ok(
      await h.gql(`mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id } }`, {
        input: { visitId: visit.id, summary: "Report of the visit, as published." },
      }),
    );
    expect(ok(await h.gql(ENTITIES, refs, publicCaller))).toEqual(both);
  });
});
