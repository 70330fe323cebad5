import { planOversight, seedOversight } from "../../../tools/src/seed/oversight";
import { buildWorld } from "../../../tools/src/seed/world";
import { ageingBandOf, daysOverdue } from "../src/modules/overdue/overdue.policy";
import { type OversightHarness, ok, startOversightHarness } from "./harness";

let h: OversightHarness;
const world = buildWorld({ cases: 300 });
const progress: [number, number][] = [];
let toPublish: string[];

beforeAll(async () => {
  h = await startOversightHarness();
  const outcome = await seedOversight(h.db, world, (done, total) => progress.push([done, total]));
  toPublish = outcome.assessmentsToPublish;
});
afterAll(async () => {
  await h?.stop();
});

const q = (sql: string, params: unknown[] = []) => h.db.query(sql, params) as Promise<Record<string, any>[]>;

describe("seedOversight", () => {
  it("reports progress up to its total", () => {
    const [done, total] = progress.at(-1)!;
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
  });

  it("is the same for the same world (fixed seed)", () => {
    const again = planOversight(buildWorld({ cases: 300 }));
    const first = planOversight(buildWorld({ cases: 300 }));
    expect(JSON.stringify(again)).toEqual(JSON.stringify(first));
  });

  it("seats every agency on the task force, with its mandates", async () => {
    const agencies = await q(`SELECT DISTINCT agency FROM oversight.task_force_member ORDER BY agency`);
    expect(agencies.map((a) => a.agency)).toEqual(["CIVIL_SOCIETY", "DHS", "FACILITY_OPERATOR", "MIA", "OMBUDSPERSON"]);
    const orgs = await q(
      `SELECT agency, org_id FROM oversight.task_force_member WHERE agency IN ('CIVIL_SOCIETY', 'FACILITY_OPERATOR')`,
    );
    const known = new Set([...world.facilities.map((f) => f.id), ...world.monitoringBodies.map((b) => b.id)]);
    expect(orgs.every((o) => known.has(o.org_id))).toBe(true);
    expect((await q(`SELECT count(*)::int AS n FROM oversight.mandate`))[0].n).toBeGreaterThanOrEqual(3);
  });

  it("holds a meeting a month for a year, the next one scheduled, minutes published a week after all but the latest", async () => {
    const meetings = await q(`SELECT held_at, minutes_published_at FROM oversight.task_force_meeting ORDER BY held_at`);
    expect(meetings).toHaveLength(13);
    const months = meetings.map((m) => `${m.held_at.getUTCFullYear()}-${m.held_at.getUTCMonth()}`);
    expect(new Set(months).size).toBe(13);
    expect(meetings.filter((m) => m.held_at > world.now)).toHaveLength(1);
    const published = meetings.filter((m) => m.minutes_published_at !== null);
    expect(published.length).toBeGreaterThanOrEqual(10);
    expect(published.every((m) => m.minutes_published_at > m.held_at && m.minutes_published_at <= world.now)).toBe(
      true,
    );
    expect(meetings.at(-2)!.minutes_published_at).toBeNull();
  });

  it("fills agendas in order, with review gaps and decisions", async () => {
    const gaps = await q(`SELECT concerns_kind FROM oversight.agenda_item WHERE origin = 'CASE_REVIEW_GAP'`);
    expect(gaps.length).toBeGreaterThan(0);
    // Without the cases seed in the same database, a gap names the reviewed case.
    expect(gaps.every((g) => g.concerns_kind === "CASE")).toBe(true);
    const holes = await q(`
      SELECT meeting_id FROM oversight.agenda_item GROUP BY meeting_id
      HAVING max(position) <> count(*) OR min(position) <> 1`);
    expect(holes).toEqual([]);
    expect((await q(`SELECT count(*)::int AS n FROM oversight.decision`))[0].n).toBeGreaterThan(5);
  });

  it("has action items in every status, each history a legal path ending in its status, before now", async () => {
    const statuses = await q(`SELECT DISTINCT status FROM oversight.action_item ORDER BY status`);
    expect(statuses.map((s) => s.status)).toEqual(["DONE", "DROPPED", "IN_PROGRESS", "OPEN"]);
    const histories = await q(`
      SELECT a.status, array_agg(coalesce(t.from_status, '-') || '>' || t.to_status ORDER BY t.at, t.id) AS steps,
             max(t.at) AS last, a.updated_at
        FROM oversight.action_item a JOIN oversight.action_item_transition t ON t.action_item_id = a.id
       GROUP BY a.id`);
    const legal = new Set(["->OPEN", "OPEN>IN_PROGRESS", "OPEN>DROPPED", "IN_PROGRESS>DONE", "IN_PROGRESS>DROPPED"]);
    for (const h of histories) {
      expect(h.steps[0]).toBe("->OPEN");
      expect(h.steps.every((s: string) => legal.has(s))).toBe(true);
      expect(h.steps.at(-1).split(">")[1]).toBe(h.status);
      expect(h.last.getTime()).toBeLessThanOrEqual(world.now.getTime());
      expect(h.updated_at.getTime()).toBe(h.last.getTime());
    }
  });

  it("leaves overdue items for several agencies, in several ageing bands, at the seed's now", async () => {
    const overdue = await q(
      `SELECT owner_agency, due_at FROM oversight.action_item WHERE status IN ('OPEN', 'IN_PROGRESS') AND due_at < $1`,
      [world.now],
    );
    expect(new Set(overdue.map((o) => o.owner_agency)).size).toBeGreaterThanOrEqual(3);
    const bands = new Set(overdue.map((o) => ageingBandOf(daysOverdue(o.due_at, world.now))));
    expect(bands.size).toBeGreaterThanOrEqual(3);
    const res = ok(
      await h.gql(`query($asOf: DateTimeISO!) { overdueByAgency(asOf: $asOf) { agency ageing { count } } }`, {
        asOf: world.now.toISOString(),
      }),
    );
    const total = res.overdueByAgency.flatMap((l: any) => l.ageing).reduce((n: number, b: any) => n + b.count, 0);
    expect(total).toBe(overdue.length);
  });

  it("fills the obligations catalogue with sources and time limits", async () => {
    const rows = await q(`SELECT kind, deadline_hours, source_text FROM oversight.obligation ORDER BY kind`);
    expect(Object.fromEntries(rows.map((o) => [o.kind, o.deadline_hours]))).toEqual({
      ACTION_ITEM: null,
      COMPLAINT_ACKNOWLEDGEMENT: 72,
      COMPLAINT_DECISION: 720,
      COUNSEL_OFFER: 24,
      PROTECTION_SCREENING: 72,
      RECOMMENDATION_RESPONSE: 1440,
      RIGHTS_INFORMATION: 24,
    });
    expect(rows.every((o) => o.source_text.length > 5)).toBe(true);
  });

  it("has a year of the Ombudsperson's assessments: the earlier quarters' ready to publish through the graph, the last in consultation, two drafts", async () => {
    const rows = await q(
      `SELECT a.id, a.quarter, a.scope, a.status, a.frozen_indicators, a.published_at, count(r.id)::int AS recommendations,
              bool_and(r.due_at > $1) AS due_later
         FROM oversight.impact_assessment a LEFT JOIN oversight.assessment_recommendation r ON r.assessment_id = a.id
        GROUP BY a.id ORDER BY a.quarter, a.created_at`,
      [world.now],
    );
    const row = (quarter: string, scope: string, status: string, recommendations: number) => ({
      quarter,
      scope,
      status,
      frozen_indicators: null,
      published_at: null,
      recommendations,
      due_later: recommendations ? true : null,
    });
    // The programme began on 2025-09-01 and the seed's clock stands at 2026-11-15: 2025-Q4 is
    // the first whole quarter, 2026-Q3 the last complete one.
    expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
      row("2025-Q4", "PROGRAMME", "CONSULTATION", 2),
      row("2026-Q1", "PROGRAMME", "CONSULTATION", 2),
      row("2026-Q2", "PROGRAMME", "CONSULTATION", 2),
      row("2026-Q3", "PROGRAMME", "CONSULTATION", 2),
      row("2026-Q3", "FACILITY", "DRAFT", 1),
      row("2026-Q4", "POLICY", "DRAFT", 0),
    ]);
    // The seed publishes nothing itself: the earlier three are left to publish.ts, oldest first.
    expect(toPublish).toEqual(rows.slice(0, 3).map((r) => r.id));
  });
});
