import { randomUUID } from "node:crypto";
import { type SubgraphHarness, startSubgraphHarness, unique } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { definition } from "../src";
import { MonitoringBody, MonitoringBodyKind } from "../src/modules/monitoring-body/monitoring-body.entity";

export { TEST_SUBJECT_REF_KEY } from "@kgraph/platform";

export type MonitoringHarness = SubgraphHarness;

/** A fresh database, migrated, and the monitoring subgraph serving it over real HTTP on a free port. */
export const startMonitoringHarness = (): Promise<MonitoringHarness> => startSubgraphHarness(definition);

export const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR).toISOString();
export const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

/** Factory: a monitoring body with a unique name (bodies are reference data: no mutation makes them). */
export async function createBody(db: DataSource, kind = MonitoringBodyKind.CIVIL_SOCIETY): Promise<MonitoringBody> {
  const body = db.getRepository(MonitoringBody).create({ id: randomUUID(), name: unique("Monitoring body"), kind });
  await db.getRepository(MonitoringBody).insert(body);
  return body;
}

export const VISIT_FIELDS =
  "id status announced phases plannedFor startedAt endedAt published publishedAt reportSummary body { id } facility { id }";

/** Expects a GraphQL answer without errors and returns its data. */
export function ok<T = any>(res: { data?: unknown; errors?: unknown }): T {
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** The first error of an answer that must have failed. */
export function firstError(res: { errors?: { message: string; extensions?: Record<string, unknown> }[] }) {
  expect(res.errors?.length).toBeGreaterThan(0);
  return res.errors![0];
}

export async function planVisit(h: MonitoringHarness, overrides: Record<string, unknown> = {}) {
  const body = overrides.bodyId ? null : await createBody(h.db);
  const input = {
    bodyId: body?.id,
    facilityId: randomUUID(),
    plannedFor: hoursAgo(3),
    announced: false,
    phases: ["INITIAL_MEETING", "FACILITY_TOUR", "PRIVATE_INTERVIEWS"],
    ...overrides,
  };
  const res = await h.gql(`mutation($input: PlanVisitInput!) { planVisit(input: $input) { ${VISIT_FIELDS} } }`, {
    input,
  });
  return ok(res).planVisit as { id: string; status: string; facility: { id: string }; body: { id: string } };
}

/** A visit taken through the state machine to `status` (times in the recent past). */
export async function visitIn(
  h: MonitoringHarness,
  status: "PLANNED" | "IN_PROGRESS" | "COMPLETED" | "REPORT_PUBLISHED",
  overrides: Record<string, unknown> = {},
) {
  const visit = await planVisit(h, overrides);
  if (status === "PLANNED") return visit;
  ok(
    await h.gql(`mutation($input: StartVisitInput!) { startVisit(input: $input) { id } }`, {
      input: { visitId: visit.id, startedAt: hoursAgo(2) },
    }),
  );
  if (status === "IN_PROGRESS") return visit;
  ok(
    await h.gql(`mutation($input: CompleteVisitInput!) { completeVisit(input: $input) { id } }`, {
      input: { visitId: visit.id, endedAt: hoursAgo(1) },
    }),
  );
  if (status === "COMPLETED") return visit;
  ok(
    await h.gql(`mutation($input: PublishVisitReportInput!) { publishVisitReport(input: $input) { id } }`, {
      input: { visitId: visit.id, summary: "Report of the visit, as published." },
    }),
  );
  return visit;
}

export async function addFinding(h: MonitoringHarness, visitId: string, overrides: Record<string, unknown> = {}) {
  const res = await h.gql(
    `mutation($input: AddFindingInput!) { addFinding(input: $input) { id severity standardRef description visit { id } } }`,
    {
      input: {
        visitId,
        severity: "HIGH",
        standardRef: "CPT/Inf(2017)3 §12",
        description: "Rooms for four people hold eight.",
        ...overrides,
      },
    },
  );
  return ok(res).addFinding as { id: string };
}

export const RECOMMENDATION_FIELDS =
  "id addressee text dueAt status overdue implementedAt response { accepted text respondedAt respondedBy } finding { id }";

export async function addRecommendation(
  h: MonitoringHarness,
  findingId: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await h.gql(
    `mutation($input: AddRecommendationInput!) { addRecommendation(input: $input) { ${RECOMMENDATION_FIELDS} } }`,
    {
      input: {
        findingId,
        addressee: "Ministry of Internal Affairs",
        text: "Reduce occupancy to the official capacity.",
        dueAt: daysFromNow(60),
        ...overrides,
      },
    },
  );
  return ok(res).addRecommendation as { id: string; status: string };
}
