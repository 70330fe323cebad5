import http from "node:http";
import type { AddressInfo } from "node:net";
import { FigureUnit, type PublicFigure, trustedDocumentId } from "@kgraph/platform";
import { TaskForceAgency } from "../src/agency";
import { ActionItem, ActionItemStatus } from "../src/modules/action-item/action-item.entity";
import { QUARTER_FIGURES_DOCUMENT } from "../src/modules/statistics-quarter/public-figures";
import { type OversightHarness, createTaskForce, daysFromNow, errorsOf, ok, startOversightHarness } from "./harness";

/**
 * Impact assessments: DRAFT → CONSULTATION → PUBLISHED, who reads each stage, indicators read
 * from the public graph and frozen at publication, recommendations followed up as action items,
 * and the quarter's public report. The public graph is this subgraph's outside boundary: a local
 * HTTP server stands in for the gateway, answering the one trusted document as the public.
 */
const PERIOD = "2026-Q2";
const FACILITY = "5b0c3e7a-1d2f-4a6b-8c9d-0e1f2a3b4c5d";

let arrivals = 42;
let graphUp = true;
const requests: { documentId: unknown; authorization: string | undefined; variables: unknown }[] = [];

function figuresOf(): PublicFigure[] {
  const cell = (indicator: string, dimension: string | null, unit: FigureUnit, value: number | null): PublicFigure => ({
    indicator,
    label: indicator,
    dimension,
    dimensionLabel: null,
    unit,
    value,
    suppressed: value === null,
  });
  return [
    cell("arrivals", null, FigureUnit.COUNT, arrivals),
    cell("occupancy_rate_mean", FACILITY, FigureUnit.RATE, 0.85),
    cell("resident_nights", null, FigureUnit.COUNT, 20_000),
    cell("complaints", "CONDITIONS", FigureUnit.COUNT, null),
    cell("incidents", null, FigureUnit.COUNT, 10),
  ];
}

const graph = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const { documentId, variables } = JSON.parse(body);
    requests.push({ documentId, authorization: req.headers.authorization, variables });
    if (!graphUp) {
      res.writeHead(503).end();
      return;
    }
    const figures = figuresOf();
    const data = {
      statisticsQuarter: {
        quarter: variables.quarter,
        complete: true,
        caseFigures: figures.slice(0, 1),
        facilityFigures: figures.slice(1, 3),
        monitoringFigures: figures.slice(3),
        trainingFigures: [],
      },
    };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
  });
});

let h: OversightHarness;
let taskForceId: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => graph.listen(0, "127.0.0.1", resolve));
  h = await startOversightHarness({ graphUrl: `http://127.0.0.1:${(graph.address() as AddressInfo).port}/graphql` });
  taskForceId = (await createTaskForce(h.db)).id;
  // The public as the gateway presents it to a subgraph: its own short-lived token, no roles.
  PUBLIC = { token: await h.auth.publicToken() };
});

afterAll(async () => {
  await h?.stop();
  await new Promise((resolve) => graph.close(resolve));
});

beforeEach(() => {
  arrivals = 42;
  graphUp = true;
});

const OMBUDSPERSON = { roles: ["ombudsperson"] };
const MIA = { roles: ["mia_officer"] };
const MONITOR = { roles: ["monitor"], org_id: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d" };
const FACILITY_STAFF = { roles: ["facility_staff"], facility_id: FACILITY };
let PUBLIC: { token: string };

const ASSESSMENT_FIELDS = /* GraphQL */ `
  id
  title
  quarter
  scope
  status
  findings
  indicatorsFrozen
  indicators { indicator dimension unit value suppressed }
  recommendations { position text addressee dueAt status }
`;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateImpactAssessmentInput!) { createImpactAssessment(input: $input) { ${ASSESSMENT_FIELDS} } }
`;
const MOVE = /* GraphQL */ `
  mutation ($id: ID!, $status: AssessmentStatus!) { moveImpactAssessment(id: $id, status: $status) { ${ASSESSMENT_FIELDS} publishedAt } }
`;
const READ = /* GraphQL */ `query ($id: ID!) { impactAssessment(id: $id) { ${ASSESSMENT_FIELDS} } }`;
const REPORT = /* GraphQL */ `
  query ($quarter: String!) {
    publicReport(quarter: $quarter) {
      quarter
      publishedAt
      html
      assessment {
        id
      }
    }
  }
`;

function input(overrides: Record<string, unknown> = {}) {
  return {
    taskForceId,
    title: "Human rights impact assessment, second quarter",
    quarter: PERIOD,
    scope: "PROGRAMME",
    method: "Public figures of the quarter, visits by the Ombudsperson, consultation with civil society.",
    findings: ["Counsel was offered late to a third of arrivals.", "Two facilities ran above capacity."],
    recommendations: [
      {
        text: "Offer counsel within 24 hours of every arrival.",
        addressee: "MIA",
        addresseeOfficialName: "Head of the Reception Department",
        dueAt: daysFromNow(60).toISOString(),
      },
      {
        text: "Share transfer manifests 72 hours ahead.",
        addressee: "DHS",
        addresseeOfficialName: "DHS liaison officer",
        dueAt: daysFromNow(30).toISOString(),
      },
    ],
    ...overrides,
  };
}

async function draft(overrides: Record<string, unknown> = {}) {
  return ok(await h.gql(CREATE, { input: input(overrides) }, OMBUDSPERSON)).createImpactAssessment;
}

describe("the life of an assessment", () => {
  it("is read by the task force's agencies as a draft, by monitors in consultation, by everyone once published", async () => {
    const created = await draft();
    expect(created).toMatchObject({ status: "DRAFT", indicatorsFrozen: false, quarter: PERIOD });
    expect(created.recommendations.map((r: { status: unknown }) => r.status)).toEqual([null, null]);

    const readers = async () =>
      Promise.all(
        [OMBUDSPERSON, MIA, MONITOR, FACILITY_STAFF, PUBLIC].map(async (as) => {
          const data = ok(await h.gql(READ, { id: created.id }, as));
          return data.impactAssessment?.status ?? null;
        }),
      );
    expect(await readers()).toEqual(["DRAFT", "DRAFT", null, null, null]);

    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    expect(await readers()).toEqual(["CONSULTATION", "CONSULTATION", "CONSULTATION", null, null]);

    const published = ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON)).moveImpactAssessment;
    expect(published).toMatchObject({ status: "PUBLISHED", indicatorsFrozen: true });
    expect(await readers()).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED", "PUBLISHED"]);
  });

  it("shows live indicators before publication and keeps the published ones when the figures change", async () => {
    const created = await draft({ quarter: "2025-Q2" });
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    const arrivalsOf = async () =>
      ok(await h.gql(READ, { id: created.id }, PUBLIC)).impactAssessment?.indicators.find(
        (f: { indicator: string; dimension: string | null }) => f.indicator === "arrivals",
      )?.value;
    const live = ok(await h.gql(READ, { id: created.id }, MIA)).impactAssessment.indicators;
    expect(live).toEqual([
      { indicator: "arrivals", dimension: null, unit: "COUNT", value: 42, suppressed: false },
      { indicator: "occupancy_rate_mean", dimension: FACILITY, unit: "RATE", value: 0.85, suppressed: false },
      { indicator: "resident_nights", dimension: null, unit: "COUNT", value: 20000, suppressed: false },
      { indicator: "complaints", dimension: "CONDITIONS", unit: "COUNT", value: null, suppressed: true },
      { indicator: "incidents", dimension: null, unit: "COUNT", value: 10, suppressed: false },
      // Derived by the oversight subgraph from two published figures: 10 ÷ 20,000 × 1,000.
      {
        indicator: "incidents_per_thousand_resident_nights",
        dimension: null,
        unit: "PER_THOUSAND",
        value: 0.5,
        suppressed: false,
      },
    ]);

    ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON));
    expect(await arrivalsOf()).toBe(42);
    arrivals = 542; // late entries: the graph's live figures change
    expect(await arrivalsOf()).toBe(42);
    const other = await draft({ quarter: "2025-Q1" });
    expect(other.indicators.find((f: { indicator: string }) => f.indicator === "arrivals").value).toBe(542);
  });

  it("freezes the period's figures at publication: new arrivals change nothing published, in the assessment or its report", async () => {
    const created = await draft({ quarter: "2026-Q1" });
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON));
    const before = ok(await h.gql(REPORT, { quarter: "2026-Q1" }, PUBLIC)).publicReport;
    expect(before.assessment).toEqual({ id: created.id });
    const assessmentBefore = ok(await h.gql(READ, { id: created.id }, PUBLIC)).impactAssessment;

    arrivals = 999;
    const after = ok(await h.gql(REPORT, { quarter: "2026-Q1" }, PUBLIC)).publicReport;
    expect(after).toEqual(before);
    expect(ok(await h.gql(READ, { id: created.id }, PUBLIC)).impactAssessment).toEqual(assessmentBefore);
  });

  it("reads the figures as the public, by the trusted document's id, for the quarter and the seven before it", async () => {
    const created = await draft({ quarter: "2024-Q3" });
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    requests.length = 0;
    ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON));
    const quarters = ["2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3"];
    expect([...requests].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      quarters.map((quarter) => ({
        documentId: trustedDocumentId(QUARTER_FIGURES_DOCUMENT),
        authorization: undefined,
        variables: { quarter },
      })),
    );
  });

  it("makes each recommendation an OPEN action item of its addressee, due when the recommendation is", async () => {
    const given = input();
    const created = ok(
      await h.gql(CREATE, { input: { ...given, quarter: "2023-Q1" } }, OMBUDSPERSON),
    ).createImpactAssessment;
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    const published = ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON)).moveImpactAssessment;
    expect(published.recommendations.map((r: { status: unknown }) => r.status)).toEqual(["OPEN", "OPEN"]);
    const items = await h.db
      .getRepository(ActionItem)
      .createQueryBuilder("a")
      .where("a.title LIKE :prefix", { prefix: "Assessment 2023-Q1, recommendation %" })
      .orderBy("a.title")
      .getMany();
    expect(items.map((i) => [i.ownerAgency, i.status, i.dueAt.toISOString()])).toEqual([
      [TaskForceAgency.MIA, ActionItemStatus.OPEN, given.recommendations[0].dueAt],
      [TaskForceAgency.DHS, ActionItemStatus.OPEN, given.recommendations[1].dueAt],
    ]);
  });

  it("publishes the public report with the programme assessment only, not with a facility's", async () => {
    const facility = await draft({ quarter: "2023-Q2", scope: "FACILITY", facilityId: FACILITY });
    ok(await h.gql(MOVE, { id: facility.id, status: "CONSULTATION" }, OMBUDSPERSON));
    const published = ok(
      await h.gql(MOVE, { id: facility.id, status: "PUBLISHED" }, OMBUDSPERSON),
    ).moveImpactAssessment;
    expect(published.indicators).toEqual([
      { indicator: "occupancy_rate_mean", dimension: FACILITY, unit: "RATE", value: 0.85, suppressed: false },
    ]);
    expect(ok(await h.gql(REPORT, { quarter: "2023-Q2" }, PUBLIC)).publicReport).toBeNull();
  });
});

describe("refusals", () => {
  it("lets only the Ombudsperson draft, revise and move assessments", async () => {
    for (const as of [MIA, MONITOR, { roles: ["dhs_liaison"] }, { roles: ["auditor"] }]) {
      const res = await h.gql(CREATE, { input: input() }, as);
      expect(errorsOf(res).map((e) => e.code)).toEqual(["FORBIDDEN"]);
    }
  });

  it("moves only DRAFT → CONSULTATION → PUBLISHED, and publishes only a quarter that is over", async () => {
    const created = await draft({ quarter: "2099-Q1" });
    const skip = await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON);
    expect(errorsOf(skip)).toEqual([
      {
        message: `Impact assessment ${created.id} is DRAFT; it can move to CONSULTATION, not PUBLISHED.`,
        path: ["moveImpactAssessment"],
        code: "BAD_USER_INPUT",
      },
    ]);
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    const early = await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON);
    expect(errorsOf(early).map((e) => e.code)).toEqual(["BAD_USER_INPUT"]);
    expect(errorsOf(early)[0].message).toContain("2099-Q1 is not over yet");
  });

  it("keeps a published assessment final", async () => {
    const created = await draft({ quarter: "2022-Q1" });
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    ok(await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON));
    const revise = await h.gql(
      `mutation ($id: ID!) { reviseImpactAssessment(id: $id, input: { title: "Changed after the fact" }) { id } }`,
      { id: created.id },
      OMBUDSPERSON,
    );
    expect(errorsOf(revise).map((e) => e.code)).toEqual(["BAD_USER_INPUT"]);
    expect(ok(await h.gql(READ, { id: created.id }, PUBLIC)).impactAssessment.title).toBe(input().title);
  });

  it("publishes one programme assessment per quarter", async () => {
    const first = await draft({ quarter: "2021-Q4" });
    const second = await draft({ quarter: "2021-Q4" });
    for (const a of [first, second]) ok(await h.gql(MOVE, { id: a.id, status: "CONSULTATION" }, OMBUDSPERSON));
    ok(await h.gql(MOVE, { id: first.id, status: "PUBLISHED" }, OMBUDSPERSON));
    const again = await h.gql(MOVE, { id: second.id, status: "PUBLISHED" }, OMBUDSPERSON);
    expect(errorsOf(again).map((e) => e.code)).toEqual(["CONFLICT"]);
    expect(ok(await h.gql(READ, { id: second.id }, OMBUDSPERSON)).impactAssessment.status).toBe("CONSULTATION");
  });

  it("loses nothing when the graph does not answer: the assessment stays in consultation, with a clear error", async () => {
    const created = await draft({ quarter: "2021-Q3" });
    ok(await h.gql(MOVE, { id: created.id, status: "CONSULTATION" }, OMBUDSPERSON));
    graphUp = false;
    const res = await h.gql(MOVE, { id: created.id, status: "PUBLISHED" }, OMBUDSPERSON);
    expect(errorsOf(res).map((e) => e.code)).toEqual(["SERVICE_UNAVAILABLE"]);
    graphUp = true;
    expect(ok(await h.gql(READ, { id: created.id }, OMBUDSPERSON)).impactAssessment).toMatchObject({
      status: "CONSULTATION",
      indicatorsFrozen: false,
    });
  });

  it.each([
    [{ quarter: "2026-Q5" }, "input.quarter"],
    [{ scope: "FACILITY" }, "input.facilityId"],
    [{ scope: "POLICY" }, "input.policy"],
    [{ policy: "Detention of families" }, "input.policy"],
    [
      {
        recommendations: [
          {
            text: "Publish visit schedules.",
            addressee: "CIVIL_SOCIETY",
            addresseeOfficialName: "Chair",
            dueAt: daysFromNow(5).toISOString(),
          },
        ],
      },
      "input.recommendations[0].addresseeOrgId",
    ],
  ])("refuses %j naming %s", async (overrides, argument) => {
    const res = await h.gql(CREATE, { input: input(overrides) }, OMBUDSPERSON);
    expect(errorsOf(res).map((e) => e.code)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0].extensions?.argument).toBe(argument);
  });
});
