import { seedMonitoring, seedReceiptCodes } from "../../../tools/src/seed/monitoring";
import { buildWorld } from "../../../tools/src/seed/world";
import { type MonitoringHarness, ok, startMonitoringHarness } from "./harness";

let h: MonitoringHarness;
const world = buildWorld({ cases: 1500 });
const progress: [number, number][] = [];

beforeAll(async () => {
  h = await startMonitoringHarness();
  await seedMonitoring(h.db, world, (done, total) => progress.push([done, total]));
});
afterAll(async () => {
  await h?.stop();
});

const q = (sql: string, params: unknown[] = []) => h.db.query(sql, params) as Promise<Record<string, any>[]>;
const one = async (sql: string, params: unknown[] = []) => (await q(sql, params))[0];

describe("seedMonitoring", () => {
  it("reports progress up to its total", () => {
    const [done, total] = progress.at(-1)!;
    expect(total).toBeGreaterThan(0);
    expect(done).toBe(total);
  });

  it("inserts the world's monitoring bodies, and visits to every facility, some published and some planned", async () => {
    const bodies = await q(`SELECT id, name, kind FROM monitoring.monitoring_body ORDER BY name`);
    expect(bodies).toHaveLength(world.monitoringBodies.length);
    expect(new Set(bodies.map((b) => b.id))).toEqual(new Set(world.monitoringBodies.map((b) => b.id)));
    const perFacility = await q(`SELECT facility_id, count(*)::int AS n FROM monitoring.visit GROUP BY facility_id`);
    expect(new Set(perFacility.map((row) => row.facility_id))).toEqual(new Set(world.facilities.map((f) => f.id)));
    const statuses = await q(`SELECT DISTINCT status FROM monitoring.visit`);
    expect(statuses.map((s) => s.status).sort()).toEqual(
      expect.arrayContaining(["COMPLETED", "PLANNED", "REPORT_PUBLISHED"]),
    );
  });

  it("keeps visits consistent with the visit state machine", async () => {
    const broken = await one(
      `
      SELECT count(*)::int AS n FROM monitoring.visit WHERE
        (status = 'PLANNED' AND started_at IS NOT NULL) OR
        (status = 'IN_PROGRESS' AND (started_at IS NULL OR ended_at IS NOT NULL)) OR
        (status IN ('COMPLETED', 'REPORT_PUBLISHED') AND (ended_at IS NULL OR ended_at < started_at)) OR
        ((status = 'REPORT_PUBLISHED') <> (published_at IS NOT NULL AND report_summary IS NOT NULL)) OR
        started_at > $1 OR ended_at > $1 OR published_at > $1`,
      [world.now],
    );
    expect(broken.n).toBe(0);
    const findingsOnUnstarted = await one(
      `SELECT count(*)::int AS n FROM monitoring.finding f JOIN monitoring.visit v ON v.id = f.visit_id WHERE v.status = 'PLANNED'`,
    );
    expect(findingsOnUnstarted.n).toBe(0);
  });

  it("gives findings recommendations due after the visit, some answered and some open", async () => {
    const statuses = await q(`SELECT status, count(*)::int AS n FROM monitoring.recommendation GROUP BY status`);
    expect(statuses.map((s) => s.status).sort()).toEqual(["ACCEPTED", "IMPLEMENTED", "OPEN", "REJECTED"]);
    const broken = await one(
      `
      SELECT count(*)::int AS n FROM monitoring.recommendation r
        JOIN monitoring.finding f ON f.id = r.finding_id
        JOIN monitoring.visit v ON v.id = r.visit_id AND v.id = f.visit_id AND v.facility_id = r.facility_id
       WHERE r.due_at <= coalesce(v.ended_at, v.started_at)
          OR (r.status = 'OPEN') <> (r.responded_at IS NULL)
          OR (r.status = 'IMPLEMENTED') <> (r.implemented_at IS NOT NULL)
          OR (r.status IN ('ACCEPTED', 'IMPLEMENTED')) <> coalesce(r.response_accepted, false)
          OR r.responded_at > $1 OR r.implemented_at > $1`,
      [world.now],
    );
    expect(broken.n).toBe(0);
    const orphans = await one(
      `SELECT count(*)::int AS n FROM monitoring.recommendation r LEFT JOIN monitoring.finding f ON f.id = r.finding_id WHERE f.id IS NULL`,
    );
    expect(orphans.n).toBe(0);
  });

  it("files complaints of every status, anonymous and named, about facilities and cases, due 30 days after receipt", async () => {
    const statuses = await q(`SELECT DISTINCT status FROM monitoring.complaint`);
    expect(statuses.map((s) => s.status).sort()).toEqual([
      "CLOSED",
      "DECIDED",
      "ESCALATED",
      "RECEIVED",
      "UNDER_REVIEW",
    ]);
    const mix = await one(`
      SELECT count(*) FILTER (WHERE anonymous)::int AS anonymous, count(*) FILTER (WHERE NOT anonymous)::int AS named,
             count(*) FILTER (WHERE case_id IS NOT NULL)::int AS about_case, count(*) FILTER (WHERE facility_id IS NOT NULL)::int AS about_facility
        FROM monitoring.complaint`);
    expect(mix.anonymous).toBeGreaterThan(0);
    expect(mix.named).toBeGreaterThan(0);
    expect(mix.about_case).toBeGreaterThan(0);
    expect(mix.about_facility).toBeGreaterThan(mix.about_case);
    const broken = await one(
      `
      SELECT count(*)::int AS n FROM monitoring.complaint c WHERE
        (anonymous AND (complainant_name IS NOT NULL OR complainant_contact IS NOT NULL)) OR
        (NOT anonymous AND complainant_name IS NULL) OR
        due_at <> received_at + interval '30 days' OR
        (status IN ('DECIDED', 'CLOSED')) <> (decided_at IS NOT NULL AND decision_outcome IS NOT NULL) OR
        ((status = 'ESCALATED') AND NOT EXISTS (SELECT 1 FROM monitoring.complaint_escalation e WHERE e.complaint_id = c.id)) OR
        updated_at < received_at OR updated_at > $1`,
      [world.now],
    );
    expect(broken.n).toBe(0);
    const caseIds = new Set(world.cases.map((c) => c.id));
    const linked = await q(`SELECT DISTINCT case_id FROM monitoring.complaint WHERE case_id IS NOT NULL`);
    for (const row of linked) expect(caseIds.has(row.case_id)).toBe(true);
  });

  it("stores receipt codes hashed; the seeded codes check through the API", async () => {
    const count = (await one(`SELECT count(*)::int AS n FROM monitoring.complaint`)).n as number;
    const codes = seedReceiptCodes(world, count);
    const everything = await one(`SELECT string_agg(row_to_json(c)::text, ' ') AS text FROM monitoring.complaint c`);
    for (const code of codes.slice(0, 20)) {
      expect(everything.text).not.toContain(code.replace(/-/g, ""));
      const status = ok(
        await h.gql(`query($c: String!) { complaintStatus(receiptCode: $c) { status } }`, { c: code }),
      ).complaintStatus;
      expect(["RECEIVED", "UNDER_REVIEW", "ESCALATED", "DECIDED", "CLOSED"]).toContain(status.status);
    }
    const distinct = await one(`SELECT count(DISTINCT receipt_code_hash)::int AS n FROM monitoring.complaint`);
    expect(distinct.n).toBe(count);
  });

  it("records incidents at facilities that name the world's cases, exposed as pseudonyms", async () => {
    const rows = await q(`SELECT type, facility_id, case_ids, status FROM monitoring.incident`);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const caseIds = new Set(world.cases.map((c) => c.id));
    const facilityIds = new Set(world.facilities.map((f) => f.id));
    for (const row of rows) {
      expect(facilityIds.has(row.facility_id)).toBe(true);
      if (row.type !== "OTHER") expect(row.case_ids.length).toBeGreaterThan(0);
      for (const id of row.case_ids) expect(caseIds.has(id)).toBe(true);
    }
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(["REPORTED", "UNDER_INVESTIGATION", "CLOSED"]));
    const page = ok(
      await h.gql(
        `{ incidents(first: 3, filter: { type: [ASSAULT] }) { edges { node { subjectRefs facility { id } } } } }`,
      ),
    );
    expect(page.incidents.edges.length).toBe(3);
    for (const edge of page.incidents.edges) expect(edge.node.subjectRefs[0]).toMatch(/^S-/);
  });
});
