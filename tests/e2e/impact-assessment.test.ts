import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";
import { asPublic as publicDocument } from "../support/trusted-documents";

/**
 * An impact assessment through the gateway, as production runs it (public callers on trusted
 * documents only): the Ombudsperson drafts the programme's assessment of the seeded programme's
 * last complete quarter, puts it to consultation and publishes it; the oversight subgraph reads
 * the quarter's public figures through the gateway, as the public, and freezes them; the public
 * reads the assessment and the report page `/reports/<quarter>`; the audit trail shows each step.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform({
    trustedOnly: true,
    seed: (url) => runSeed(url, { cases: 120, progress: () => undefined }),
  });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

const OMBUDSPERSON = { roles: ["ombudsperson"], sub: "00000000-0000-4000-8000-00000000200b" };
const ok = <T = any>(res: { data?: unknown; errors?: unknown }): T => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

/** A trusted document, as the public sends it: by id, without a token. */
const asPublic = (operation: string, variables: Record<string, unknown>) =>
  publicDocument(platform.gatewayUrl, operation, variables);

function lastCompleteQuarter(now = new Date()): string {
  const q = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
}

it("publishes the seeded quarter's assessment with its figures frozen, its report served to the public, every step audited", async () => {
  const quarter = lastCompleteQuarter();
  const { taskForces } = ok(await platform.gql(`{ taskForces { id } }`, {}, OMBUDSPERSON));
  const created = ok(
    await platform.gql(
      `mutation($input: CreateImpactAssessmentInput!) { createImpactAssessment(input: $input) { id status } }`,
      {
        input: {
          taskForceId: taskForces[0].id,
          title: `Human rights impact assessment ${quarter}`,
          quarter,
          scope: "PROGRAMME",
          method: "The quarter's public figures; visits; consultation with the monitoring bodies.",
          findings: ["Counsel is offered late to too many arrivals."],
          recommendations: [
            {
              text: "Offer counsel within 24 hours of every arrival.",
              addressee: "MIA",
              addresseeOfficialName: "Head of the Reception Department",
              dueAt: new Date(Date.now() + 60 * 86_400_000).toISOString(),
            },
          ],
        },
      },
      OMBUDSPERSON,
    ),
  ).createImpactAssessment;
  expect(created.status).toBe("DRAFT");
  // Not public yet.
  expect(ok(await asPublic("ImpactAssessment", { id: created.id })).impactAssessment).toBeNull();

  ok(
    await platform.gql(
      `mutation($id: ID!) { moveImpactAssessment(id: $id, status: CONSULTATION) { status } }`,
      { id: created.id },
      OMBUDSPERSON,
    ),
  );
  const live = ok(await asPublic("PublicReportQuarter", { quarter })).statisticsQuarter;
  const published = ok(
    await platform.gql(
      `mutation($id: ID!) { moveImpactAssessment(id: $id, status: PUBLISHED) { status indicatorsFrozen recommendations { status } } }`,
      { id: created.id },
      OMBUDSPERSON,
    ),
  ).moveImpactAssessment;
  expect(published).toEqual({ status: "PUBLISHED", indicatorsFrozen: true, recommendations: [{ status: "OPEN" }] });

  // The public reads it; its indicators are the quarter's public figures as they were published.
  const read = ok(await asPublic("ImpactAssessment", { id: created.id })).impactAssessment;
  const figuresOf = (q: any) => [...q.caseFigures, ...q.facilityFigures, ...q.monitoringFigures, ...q.trainingFigures];
  const key = (f: any) => `${f.indicator}|${f.dimension}`;
  const frozen = new Map<string, unknown>(read.indicators.map((f: any) => [key(f), f]));
  expect(live.complete).toBe(true);
  expect(figuresOf(live).length).toBeGreaterThan(20);
  for (const figure of figuresOf(live)) expect(frozen.get(key(figure))).toEqual(figure);
  expect([...frozen.keys()].filter((k) => k.startsWith("incidents_per_thousand_resident_nights"))).toHaveLength(1);

  // The report page: the same bytes every time, self-contained, with its charts.
  const page = await fetch(platform.gatewayUrl.replace(/\/graphql$/, `/reports/${quarter}`));
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
  expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
  const html = await page.text();
  expect(html).toContain("<svg");
  expect(html).toContain(`Human rights impact assessment ${quarter}`);
  expect(html).not.toMatch(/https?:\/\//);
  const again = await fetch(platform.gatewayUrl.replace(/\/graphql$/, `/reports/${quarter}.html`));
  expect(await again.text()).toBe(html);
  const none = await fetch(platform.gatewayUrl.replace(/\/graphql$/, "/reports/2001-Q1"));
  expect(none.status).toBe(404);

  // The audit trail: the three steps, by the Ombudsperson.
  const trail = ok(
    await platform.gql(
      `query($id: ID!) { auditTrail { oversight(first: 20, filter: { recordId: $id }) { edges { node { kind operation actorSub } } } } }`,
      { id: created.id },
      "auditor",
    ),
  ).auditTrail.oversight.edges.map((e: any) => `${e.node.kind} ${e.node.operation} ${e.node.actorSub}`);
  expect([...trail].sort()).toEqual(
    [
      `WRITE mutation createImpactAssessment ${OMBUDSPERSON.sub}`,
      `WRITE mutation moveImpactAssessment ${OMBUDSPERSON.sub}`,
      `WRITE mutation moveImpactAssessment ${OMBUDSPERSON.sub}`,
    ].sort(),
  );
}, 120_000);
