import { publishSeededAssessments } from "../../tools/src/seed/publish";
import { type SeedOutcome, runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";
import { asPublic as publicDocument } from "../support/trusted-documents";

/**
 * The seeded year of impact assessments, through a gateway as production runs it (public callers
 * on trusted documents only): the seed's last step publishes the earlier quarters' programme
 * assessments through the graph; a published quarter then keeps its figures and its report when
 * cases arrive in it late, and a later report draws it as it was published.
 */
let platform: Platform;
let seeded: SeedOutcome;
beforeAll(async () => {
  platform = await startPlatform({
    trustedOnly: true,
    seed: async (url) => {
      seeded = await runSeed(url, { cases: 120, progress: () => undefined });
    },
  });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

const OMBUDSPERSON = { roles: ["ombudsperson"], sub: "seed-ombudsperson" };
const ok = <T = any>(res: { data?: unknown; errors?: unknown }): T => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

/** A trusted document, as the public sends it: by id, without a token. */
const asPublic = (operation: string, variables: Record<string, unknown>) =>
  publicDocument(platform.gatewayUrl, operation, variables);

const reportOf = async (quarter: string) =>
  (await fetch(platform.gatewayUrl.replace(/\/graphql$/, `/reports/${quarter}`))).text();

it("publishes the seeded year through the graph; a published quarter keeps its figures and its report when new cases arrive in it, and a later report draws it as published", async () => {
  // The seed's last step, as `npm start` and `npm run seed` take it.
  const lines: string[] = [];
  const published = await publishSeededAssessments({
    graphUrl: platform.gatewayUrl,
    token: (await platform.auth.authorization(OMBUDSPERSON))!.replace(/^Bearer /, ""),
    ids: seeded.assessmentsToPublish,
    progress: (line) => lines.push(line),
  });
  // The seeded programme starts on 2025-09-01; its clock stands at 2026-11-15.
  expect(published).toEqual(["2025-Q4", "2026-Q1", "2026-Q2"]);
  expect(lines).toHaveLength(3);
  const quarter = "2026-Q2";
  const list = ok(await asPublic("PublicReports", {})).publicReports;
  expect(list.map((r: any) => r.quarter)).toEqual(expect.arrayContaining(published));

  const arrivalsIn = (figures: any[], month: string) =>
    figures.find((f) => f.indicator === "arrivals" && f.dimension === month);
  const { impactAssessments } = ok(
    await platform.gql(
      `query($filter: AssessmentFilterInput) { impactAssessments(filter: $filter) { edges { node { id quarter } } } }`,
      { filter: { quarter, status: "PUBLISHED" } },
      OMBUDSPERSON,
    ),
  );
  const [{ node: assessment }] = impactAssessments.edges;
  const before = ok(await asPublic("ImpactAssessment", { id: assessment.id })).impactAssessment.indicators;
  const liveBefore = ok(await asPublic("PublicReportQuarter", { quarter })).statisticsQuarter;
  const report = await reportOf(quarter);
  const mayBefore = arrivalsIn(before, "2026-05");
  expect(mayBefore).toEqual(arrivalsIn(liveBefore.caseFigures, "2026-05"));

  // Seven cases arrive late on a flight of 20 May 2026, recorded now through the graph by an officer.
  const { agreements } = ok(await platform.gql(`{ agreements { id } }`, {}, "mia_officer"));
  const caseIds: string[] = [];
  for (let i = 0; i < 7; i++) {
    const { nominateCase } = ok(
      await platform.gql(
        `mutation($input: NominateCaseInput!) { nominateCase(input: $input) { id } }`,
        {
          input: {
            agreementId: agreements[0].id,
            nationality: "ER",
            ageBand: "AGE_26_35",
            person: { givenNames: `Late${i}`, familyName: "Arrival", sex: "X" },
          },
        },
        "mia_officer",
      ),
    );
    ok(
      await platform.gql(
        `mutation($id: ID!) { acceptCase(caseId: $id) { id } }`,
        { id: nominateCase.id },
        "mia_officer",
      ),
    );
    caseIds.push(nominateCase.id);
  }
  const { recordTransfer } = ok(
    await platform.gql(
      `mutation($input: RecordTransferInput!) { recordTransfer(input: $input) { id } }`,
      { input: { direction: "INBOUND", flightNumber: "SYN520", departureAt: "2026-05-20T08:00:00.000Z", caseIds } },
      "mia_officer",
    ),
  );
  ok(
    await platform.gql(
      `mutation($input: RecordHandoverInput!) { recordHandover(input: $input) { status } }`,
      { input: { transferId: recordTransfer.id, handoverAt: "2026-05-21T10:00:00.000Z" } },
      "mia_officer",
    ),
  );

  // The live figures move; the published assessment and its report do not.
  const liveAfter = ok(await asPublic("PublicReportQuarter", { quarter })).statisticsQuarter;
  expect(arrivalsIn(liveAfter.caseFigures, "2026-05").value).toBe(mayBefore.value + 7);
  const after = ok(await asPublic("ImpactAssessment", { id: assessment.id })).impactAssessment.indicators;
  expect(after).toEqual(before);
  expect(await reportOf(quarter)).toBe(report);

  // The next quarter's report, published now, draws this quarter as it was published, not as it is.
  const quarterTotal = (figures: any[]) => figures.find((f) => f.indicator === "arrivals" && f.dimension === null);
  expect(quarterTotal(liveAfter.caseFigures).value).toBe(quarterTotal(before).value + 7);
  const { impactAssessments: next } = ok(
    await platform.gql(
      `query($filter: AssessmentFilterInput) { impactAssessments(filter: $filter) { edges { node { id scope } } } }`,
      { filter: { quarter: "2026-Q3", status: "CONSULTATION" } },
      OMBUDSPERSON,
    ),
  );
  const programme = next.edges.find((e: any) => e.node.scope === "PROGRAMME").node;
  ok(
    await platform.gql(
      `mutation($id: ID!) { moveImpactAssessment(id: $id, status: PUBLISHED) { status } }`,
      { id: programme.id },
      OMBUDSPERSON,
    ),
  );
  const q3 = await reportOf("2026-Q3");
  expect(q3).toContain(`<title>${quarter}: ${quarterTotal(before).value}</title>`);
  expect(q3).not.toContain(`<title>${quarter}: ${quarterTotal(before).value + 7}</title>`);
}, 120_000);
