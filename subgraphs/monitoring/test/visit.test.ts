import { randomUUID } from "node:crypto";
import { sqlStatements } from "@kgraph/platform";
import {
  type MonitoringHarness,
  UNKNOWN_ID,
  VISIT_FIELDS,
  addFinding,
  addRecommendation,
  createBody,
  daysFromNow,
  firstError,
  hoursAgo,
  ok,
  planVisit,
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

const PLAN = `mutation($input: PlanVisitInput!) { planVisit(input: $input) { ${VISIT_FIELDS} } }`;
const START = `mutation($input: StartVisitInput!) { startVisit(input: $input) { ${VISIT_FIELDS} } }`;
const COMPLETE = `mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { ${VISIT_FIELDS} } }`;
const PUBLISH = `mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { ${VISIT_FIELDS} } }`;
const READ = `query($id: ID!) { visit(id: $id) { ${VISIT_FIELDS} } }`;

async function visitRow(id: string) {
  const rows = await h.db.query(
    `SELECT status, started_at, ended_at, published_at, report_summary FROM monitoring.visit WHERE id = $1`,
    [id],
  );
  return rows[0];
}

describe("monitoringBodies", () => {
  it("lists the bodies by name", async () => {
    const a = await createBody(h.db);
    const b = await createBody(h.db);
    const data = ok(await h.gql(`{ monitoringBodies { id name kind } }`));
    const ids = data.monitoringBodies.map((x: { id: string }) => x.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    const names = data.monitoringBodies.map((x: { name: string }) => x.name);
    expect(names).toEqual([...names].sort());
    expect(data.monitoringBodies.find((x: { id: string }) => x.id === a.id)).toEqual({
      id: a.id,
      name: a.name,
      kind: "CIVIL_SOCIETY",
    });
  });
});

describe("planVisit", () => {
  it("creates a PLANNED visit for the body and facility, unpublished, without times", async () => {
    const body = await createBody(h.db);
    const facilityId = randomUUID();
    const plannedFor = daysFromNow(7);
    const data = ok(
      await h.gql(PLAN, {
        input: {
          bodyId: body.id,
          facilityId,
          plannedFor,
          announced: true,
          phases: ["INITIAL_MEETING", "DOCUMENT_REVIEW"],
        },
      }),
    );
    expect(data.planVisit).toMatchObject({
      status: "PLANNED",
      announced: true,
      phases: ["INITIAL_MEETING", "DOCUMENT_REVIEW"],
      plannedFor,
      startedAt: null,
      endedAt: null,
      published: false,
      publishedAt: null,
      body: { id: body.id },
      facility: { id: facilityId },
    });
    expect(
      ok(await h.gql(`query($id: ID!) { visit(id: $id) { id body { name kind } } }`, { id: data.planVisit.id })).visit
        .body,
    ).toEqual({ name: body.name, kind: "CIVIL_SOCIETY" });
  });

  it("rejects invalid input naming every wrong field, and writes nothing", async () => {
    const before = await h.db.query(`SELECT count(*)::int AS n FROM monitoring.visit`);
    const res = await h.gql(PLAN, {
      input: { bodyId: "nope", facilityId: "also-nope", plannedFor: daysFromNow(1), announced: true, phases: [] },
    });
    const error = firstError(res);
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.message).toBe(
      "Invalid input: input.bodyId must be an id (a UUID); input.facilityId must be an id (a UUID).",
    );
    const phaseless = firstError(
      await h.gql(PLAN, {
        input: {
          bodyId: randomUUID(),
          facilityId: randomUUID(),
          plannedFor: daysFromNow(1),
          announced: true,
          phases: [],
        },
      }),
    );
    expect(phaseless.message).toContain("phases must name at least one phase");
    const repeated = firstError(
      await h.gql(PLAN, {
        input: {
          bodyId: randomUUID(),
          facilityId: randomUUID(),
          plannedFor: daysFromNow(1),
          announced: true,
          phases: ["FACILITY_TOUR", "FACILITY_TOUR"],
        },
      }),
    );
    expect(repeated.message).toContain("phases must name each phase only once");
    const after = await h.db.query(`SELECT count(*)::int AS n FROM monitoring.visit`);
    expect(after[0].n).toBe(before[0].n);
  });

  it("answers NOT_FOUND for an unknown monitoring body", async () => {
    const error = firstError(
      await h.gql(PLAN, {
        input: {
          bodyId: UNKNOWN_ID,
          facilityId: randomUUID(),
          plannedFor: daysFromNow(1),
          announced: false,
          phases: ["FACILITY_TOUR"],
        },
      }),
    );
    expect(error).toMatchObject({
      message: `MonitoringBody ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("visit state machine", () => {
  it("runs PLANNED → IN_PROGRESS → COMPLETED → REPORT_PUBLISHED, stamping each step", async () => {
    const visit = await planVisit(h);
    const startedAt = hoursAgo(5);
    const started = ok(await h.gql(START, { input: { visitId: visit.id, startedAt } })).startVisit;
    expect(started).toMatchObject({ status: "IN_PROGRESS", startedAt, endedAt: null });
    const endedAt = hoursAgo(1);
    const completed = ok(await h.gql(COMPLETE, { input: { visitId: visit.id, endedAt } })).completeVisit;
    expect(completed).toMatchObject({ status: "COMPLETED", startedAt, endedAt, published: false });
    const published = ok(
      await h.gql(PUBLISH, {
        input: { visitId: visit.id, summary: "  Overcrowding in two wings; good access to counsel.  " },
      }),
    ).publishVisitReport;
    expect(published).toMatchObject({
      status: "REPORT_PUBLISHED",
      published: true,
      reportSummary: "Overcrowding in two wings; good access to counsel.",
    });
    expect(new Date(published.publishedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(ok(await h.gql(READ, { id: visit.id })).visit).toEqual(published);
  });

  it("defaults startedAt and endedAt to now", async () => {
    const visit = await planVisit(h);
    const started = ok(await h.gql(START, { input: { visitId: visit.id } })).startVisit;
    const completed = ok(await h.gql(COMPLETE, { input: { visitId: visit.id } })).completeVisit;
    expect(Math.abs(new Date(started.startedAt).getTime() - Date.now())).toBeLessThan(60_000);
    expect(new Date(completed.endedAt).getTime()).toBeGreaterThanOrEqual(new Date(started.startedAt).getTime());
  });

  it("refuses to start a visit twice, naming the allowed next status, and changes nothing", async () => {
    const visit = await visitIn(h, "IN_PROGRESS");
    const before = await visitRow(visit.id);
    const error = firstError(await h.gql(START, { input: { visitId: visit.id } }));
    expect(error.message).toBe(
      `Visit ${visit.id} cannot move from IN_PROGRESS to IN_PROGRESS. Allowed next: COMPLETED.`,
    );
    expect(error.extensions).toMatchObject({ code: "BAD_USER_INPUT", from: "IN_PROGRESS", allowed: ["COMPLETED"] });
    expect(await visitRow(visit.id)).toEqual(before);
  });

  it("refuses to complete a visit that has not started", async () => {
    const visit = await visitIn(h, "PLANNED");
    const error = firstError(await h.gql(COMPLETE, { input: { visitId: visit.id } }));
    expect(error).toMatchObject({
      message: `Visit ${visit.id} cannot move from PLANNED to COMPLETED. Allowed next: IN_PROGRESS.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await visitRow(visit.id)).status).toBe("PLANNED");
  });

  it("refuses an end before the start, and changes nothing", async () => {
    const visit = await planVisit(h);
    const startedAt = hoursAgo(2);
    ok(await h.gql(START, { input: { visitId: visit.id, startedAt } }));
    const endedAt = hoursAgo(3);
    const error = firstError(await h.gql(COMPLETE, { input: { visitId: visit.id, endedAt } }));
    expect(error).toMatchObject({
      message: `input.endedAt must not be before the visit started (${startedAt}); got ${endedAt}.`,
      extensions: { code: "BAD_USER_INPUT", argument: "input.endedAt" },
    });
    const row = await visitRow(visit.id);
    expect(row.status).toBe("IN_PROGRESS");
    expect(row.ended_at).toBeNull();
  });

  it("refuses start and end times in the future", async () => {
    const visit = await planVisit(h);
    const future = daysFromNow(1);
    const start = firstError(await h.gql(START, { input: { visitId: visit.id, startedAt: future } }));
    expect(start).toMatchObject({
      message: `input.startedAt must not be in the future; got ${future}.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await visitRow(visit.id)).status).toBe("PLANNED");
    ok(await h.gql(START, { input: { visitId: visit.id } }));
    const end = firstError(await h.gql(COMPLETE, { input: { visitId: visit.id, endedAt: future } }));
    expect(end.message).toBe(`input.endedAt must not be in the future; got ${future}.`);
  });

  it("records a start only within the day it happened: a backdated start is refused and opens nothing", async () => {
    for (const startedAt of ["2020-01-01T00:00:00.000Z", hoursAgo(25)]) {
      const visit = await planVisit(h);
      const refused = firstError(await h.gql(START, { input: { visitId: visit.id, startedAt } }));
      expect(refused).toMatchObject({
        message: `input.startedAt must be within the last 24 hours: a visit's start is recorded when it starts; got ${startedAt}.`,
        extensions: { code: "BAD_USER_INPUT", argument: "input.startedAt" },
      });
      expect(await visitRow(visit.id)).toMatchObject({ status: "PLANNED", started_at: null });
    }
    const visit = await planVisit(h);
    const startedAt = hoursAgo(23);
    expect(ok(await h.gql(START, { input: { visitId: visit.id, startedAt } })).startVisit).toMatchObject({
      status: "IN_PROGRESS",
      startedAt,
    });
  });

  it("publishes only COMPLETED visits, once", async () => {
    const inProgress = await visitIn(h, "IN_PROGRESS");
    const early = firstError(
      await h.gql(PUBLISH, { input: { visitId: inProgress.id, summary: "Too early to publish this." } }),
    );
    expect(early.message).toBe(
      `Visit ${inProgress.id} cannot move from IN_PROGRESS to REPORT_PUBLISHED. Allowed next: COMPLETED.`,
    );
    expect(await visitRow(inProgress.id)).toMatchObject({
      status: "IN_PROGRESS",
      published_at: null,
      report_summary: null,
    });
    const published = await visitIn(h, "REPORT_PUBLISHED");
    const again = firstError(
      await h.gql(PUBLISH, { input: { visitId: published.id, summary: "Another report for it." } }),
    );
    expect(again).toMatchObject({
      message: `Visit ${published.id} cannot move from REPORT_PUBLISHED to REPORT_PUBLISHED. REPORT_PUBLISHED is final.`,
      extensions: { code: "BAD_USER_INPUT", allowed: [] },
    });
    expect((await visitRow(published.id)).report_summary).toBe("Report of the visit, as published.");
  });

  it("validates the report summary", async () => {
    const visit = await visitIn(h, "COMPLETED");
    const error = firstError(await h.gql(PUBLISH, { input: { visitId: visit.id, summary: "short" } }));
    expect(error).toMatchObject({
      message: "Invalid input: summary must be between 10 and 20000 characters.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect((await visitRow(visit.id)).status).toBe("COMPLETED");
  });

  it("answers NOT_FOUND for an unknown visit", async () => {
    const error = firstError(await h.gql(START, { input: { visitId: UNKNOWN_ID } }));
    expect(error).toMatchObject({
      message: `MonitoringVisit ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    expect(ok(await h.gql(READ, { id: UNKNOWN_ID })).visit).toBeNull();
  });
});

describe("visits connection", () => {
  it("pages newest first by keyset cursor, without gaps or repeats, within a filter", async () => {
    const body = await createBody(h.db);
    const planned: string[] = [];
    for (let i = 0; i < 5; i++) planned.push((await planVisit(h, { bodyId: body.id, plannedFor: daysFromNow(i) })).id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $b: ID) { visits(first: 2, after: $after, filter: { bodyId: $b }) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }`,
        { after, b: body.id },
      );
      const data = ok(res);
      seen.push(...data.visits.edges.map((e: any) => e.node.id));
      pages += 1;
      if (!data.visits.pageInfo.hasNextPage) break;
      after = data.visits.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...planned].reverse());
  });

  it("filters by facility and status", async () => {
    const facilityId = randomUUID();
    const done = await visitIn(h, "COMPLETED", { facilityId });
    await visitIn(h, "PLANNED", { facilityId });
    await visitIn(h, "COMPLETED");
    const data = ok(
      await h.gql(
        `query($f: ID) { visits(first: 10, filter: { facilityId: $f, status: [COMPLETED] }) { edges { node { id status } } } }`,
        { f: facilityId },
      ),
    );
    expect(data.visits.edges).toEqual([{ node: { id: done.id, status: "COMPLETED" } }]);
  });

  it("rejects a page size out of range and a forged cursor", async () => {
    const big = firstError(await h.gql(`{ visits(first: 501) { edges { cursor } } }`));
    expect(big).toMatchObject({
      message: "`first` must be between 1 and 500; got 501.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    const forged = Buffer.from(JSON.stringify(["not a time", "x"])).toString("base64url");
    const error = firstError(
      await h.gql(`query($a: String) { visits(first: 5, after: $a) { edges { cursor } } }`, { a: forged }),
    );
    expect(error).toMatchObject({
      message: "The cursor given in `after` is not one this API issued.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("_entities", () => {
  it("resolves MonitoringVisit references through the same loader, null for unknown ids", async () => {
    const visit = await visitIn(h, "COMPLETED");
    const finding = await addFinding(h, visit.id);
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { id status findings { id } } } }`,
      {
        r: [
          { __typename: "MonitoringVisit", id: visit.id },
          { __typename: "MonitoringVisit", id: UNKNOWN_ID },
        ],
      },
    );
    expect(ok(res)._entities).toEqual([{ id: visit.id, status: "COMPLETED", findings: [{ id: finding.id }] }, null]);
  });

  it("extends Facility with its visits (newest first) and its open recommendations", async () => {
    const facilityId = randomUUID();
    const older = await visitIn(h, "COMPLETED", { facilityId, plannedFor: hoursAgo(48) });
    const newer = await visitIn(h, "PLANNED", { facilityId, plannedFor: daysFromNow(3) });
    const finding = await addFinding(h, older.id);
    const open = await addRecommendation(h, finding.id, { dueAt: daysFromNow(30) });
    const answered = await addRecommendation(h, finding.id, { dueAt: daysFromNow(10) });
    ok(
      await h.gql(`mutation($input: RespondToRecommendationInput!) { respondToRecommendation(input: $input) { id } }`, {
        input: { recommendationId: answered.id, accepted: true, text: "Will do." },
      }),
    );
    const otherFacility = randomUUID();
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { id visits { id status } openRecommendations { id status } } } }`,
      {
        r: [
          { __typename: "Facility", id: facilityId },
          { __typename: "Facility", id: otherFacility },
        ],
      },
    );
    expect(ok(res)._entities).toEqual([
      {
        id: facilityId,
        visits: [
          { id: newer.id, status: "PLANNED" },
          { id: older.id, status: "COMPLETED" },
        ],
        openRecommendations: [{ id: open.id, status: "OPEN" }],
      },
      { id: otherFacility, visits: [], openRecommendations: [] },
    ]);
  });
});

describe("batching", () => {
  it("reads facilities' visits, bodies, findings and recommendations in the same number of statements for 1 or 4 facilities", async () => {
    const facilityIds = Array.from({ length: 4 }, () => randomUUID());
    for (const facilityId of facilityIds) {
      for (let i = 0; i < 2; i++) {
        const visit = await visitIn(h, "COMPLETED", { facilityId });
        const finding = await addFinding(h, visit.id);
        await addRecommendation(h, finding.id);
      }
    }
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility {
      visits { body { name } findings { recommendations { id finding { visit { id } } } } }
      openRecommendations { id finding { id } } } } }`;
    const statementsFor = async (ids: string[]) => {
      const before = sqlStatements.count;
      const res = await h.gql(query, { r: ids.map((id) => ({ __typename: "Facility", id })) });
      const data = ok(res);
      expect(data._entities).toHaveLength(ids.length);
      for (const facility of data._entities) expect(facility.visits).toHaveLength(2);
      return sqlStatements.count - before;
    };
    const one = await statementsFor(facilityIds.slice(0, 1));
    const four = await statementsFor(facilityIds);
    expect(one).toBeGreaterThan(0);
    expect(four).toBe(one);
  });
});
