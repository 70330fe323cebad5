import { randomUUID } from "node:crypto";
import { recordStatements, rowsReturned } from "@kgraph/platform";
import { Recommendation, RecommendationStatus } from "../src/modules/recommendation/recommendation.entity";
import {
  OPEN_RECOMMENDATIONS_PER_FACILITY,
  RECOMMENDATIONS_PER_FINDING,
} from "../src/modules/recommendation/recommendation.loaders";
import { type MonitoringHarness, addFinding, ok, planVisit, startMonitoringHarness, visitIn } from "./harness";

/**
 * Bounded lists over their maximum: the first `max` items with LIST_TRUNCATED, the database sends
 * at most `max + 1` rows per parent, and the record rule decides before the cut (rows a caller may
 * not read never take the place of those they may).
 */
let h: MonitoringHarness;
let publicCaller: { token: string };
beforeAll(async () => {
  h = await startMonitoringHarness();
  publicCaller = { token: await h.auth.publicToken() };
});
afterAll(async () => {
  await h?.stop();
});

const DAY = 86_400_000;

/** `count` OPEN recommendations on a finding, due a day apart from `firstDueInDays` (soonest first). */
async function recommendations(
  finding: { id: string; visitId: string; facilityId: string },
  count: number,
  firstDueInDays: number,
): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    h.db.getRepository(Recommendation).create({
      id: randomUUID(),
      findingId: finding.id,
      visitId: finding.visitId,
      facilityId: finding.facilityId,
      addressee: "Ministry of Internal Affairs",
      text: `Recommendation ${i + 1}`,
      dueAt: new Date(Date.now() + (firstDueInDays + i) * DAY),
      status: RecommendationStatus.OPEN,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    }),
  );
  await h.db.getRepository(Recommendation).insert([...rows].reverse());
  return rows.map((row) => row.id);
}

const FACILITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { openRecommendations { id } } } }`;
const VISIT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on MonitoringVisit { findings { recommendations { id } } } } }`;

let facilityId: string;
let published: string[];
let unpublished: string[];
let publishedVisitId: string;
beforeAll(async () => {
  facilityId = randomUUID();
  const shown = await visitIn(h, "COMPLETED", { facilityId });
  const hidden = await visitIn(h, "COMPLETED", { facilityId });
  publishedVisitId = shown.id;
  const shownFinding = await addFinding(h, shown.id);
  const hiddenFinding = await addFinding(h, hidden.id);
  ok(
    await h.gql(`mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id } }`, {
      input: { visitId: shown.id, summary: "Report of the visit, as published." },
    }),
  );
  // The unpublished visit's recommendations are due first: the public may not read them.
  unpublished = await recommendations({ id: hiddenFinding.id, visitId: hidden.id, facilityId }, 45, 1);
  published = await recommendations({ id: shownFinding.id, visitId: shown.id, facilityId }, 13, 100);
});

it("Finding.recommendations: the first RECOMMENDATIONS_PER_FINDING, LIST_TRUNCATED, and max + 1 rows read", async () => {
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(VISIT, { r: [{ __typename: "MonitoringVisit", id: publishedVisitId }] });
  });
  expect(res!.data!._entities).toEqual([
    { findings: [{ recommendations: published.slice(0, RECOMMENDATIONS_PER_FINDING).map((id) => ({ id })) }] },
  ]);
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["_entities", 0, "findings", 0, "recommendations"],
      extensions: { code: "LIST_TRUNCATED", max: RECOMMENDATIONS_PER_FINDING },
    }),
  ]);
  const reads = statements.filter((s) => s.query.includes('PARTITION BY "r"."finding_id"'));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(RECOMMENDATIONS_PER_FINDING + 1);
});

it("Facility.openRecommendations: cut at OPEN_RECOMMENDATIONS_PER_FACILITY for a caller who reads all, max + 1 rows read", async () => {
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(FACILITY, { r: [{ __typename: "Facility", id: facilityId }] });
  });
  expect(res!.data!._entities).toEqual([
    {
      openRecommendations: [...unpublished, ...published]
        .slice(0, OPEN_RECOMMENDATIONS_PER_FACILITY)
        .map((id) => ({ id })),
    },
  ]);
  expect(res!.errors).toEqual([
    expect.objectContaining({
      path: ["_entities", 0, "openRecommendations"],
      extensions: { code: "LIST_TRUNCATED", max: OPEN_RECOMMENDATIONS_PER_FACILITY },
    }),
  ]);
  const reads = statements.filter((s) => s.query.includes('PARTITION BY "r"."facility_id"'));
  expect(reads).toHaveLength(1);
  expect(await rowsReturned(h.db, reads[0])).toBe(OPEN_RECOMMENDATIONS_PER_FACILITY + 1);
});

it("Facility.openRecommendations: the public's list is ranked within what it may read, so the 45 unpublished due first take no place", async () => {
  const res = await h.gql(FACILITY, { r: [{ __typename: "Facility", id: facilityId }] }, publicCaller);
  expect(res.errors).toBeUndefined();
  expect(res.data!._entities).toEqual([{ openRecommendations: published.map((id) => ({ id })) }]);
});

it("Facility.visits(first): reads only the `first` latest visits per facility, one statement per `first` asked for", async () => {
  const facility = randomUUID();
  const planned: string[] = [];
  for (let i = 0; i < 8; i++) {
    planned.push(
      (await planVisit(h, { facilityId: facility, plannedFor: new Date(Date.now() - (i + 1) * DAY).toISOString() })).id,
    );
  }
  // `planned` is newest first.
  const VISITS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { two: visits(first: 2) { id } five: visits(first: 5) { id } again: visits(first: 2) { id } } } }`;
  let res: { data?: any; errors?: any[] } | undefined;
  const statements = await recordStatements(async () => {
    res = await h.gql(VISITS, { r: [{ __typename: "Facility", id: facility }] });
  });
  expect(res!.errors).toBeUndefined();
  const ids = (list: { id: string }[]) => list.map((v) => v.id);
  expect(ids(res!.data!._entities[0].two)).toEqual(planned.slice(0, 2));
  expect(ids(res!.data!._entities[0].five)).toEqual(planned.slice(0, 5));
  expect(ids(res!.data!._entities[0].again)).toEqual(planned.slice(0, 2));
  const reads = statements.filter((s) => s.query.includes("CROSS JOIN LATERAL"));
  expect(reads).toHaveLength(2);
  expect((await Promise.all(reads.map((read) => rowsReturned(h.db, read)))).sort()).toEqual([2, 5]);
});
