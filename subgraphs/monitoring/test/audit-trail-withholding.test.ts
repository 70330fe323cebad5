import { randomUUID } from "node:crypto";
import { type CallAs, type Viewer, recordKindsInSchema, recordScope } from "@kgraph/platform";
import { ACCESS, ROLES, SCOPES } from "@kgraph/policy";
import { FindingSeverity } from "../src/modules/finding/finding.entity";
import { RecommendationStatus } from "../src/modules/recommendation/recommendation.entity";
import {
  type MonitoringHarness,
  createBody,
  daysFromNow,
  hoursAgo,
  ok,
  planVisit,
  startMonitoringHarness,
  visitIn,
} from "./harness";

/**
 * The audit trail names no record to a reader that the policy keeps from them (DESIGN §3): an
 * auditor must not learn from the planning of an unannounced visit which body will inspect which
 * facility before the visit starts. Tried for the way in a user takes (a write, then the trail
 * through every filter) and, kind by kind, for every record of the subgraph against every role
 * that reads audit trails: an event naming a record is shown exactly when the reader can resolve
 * that record through `_entities`, or holds no read of its kind at all (auditing who touched a
 * complaint needs its id; never its contents).
 */
let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const AUDITOR: CallAs = { roles: ["auditor"], sub: randomUUID() };
const OMBUDS: CallAs = { roles: ["ombudsperson"], sub: randomUUID() };
const AUDIT_READERS = ROLES.filter((role) => ACCESS[role][SCOPES.AUDIT_READ] !== undefined);

const TRAIL = `query($first: Int!, $filter: AuditFilter) {
  _entities(representations: [{ __typename: "AuditTrail", id: "audit" }]) {
    ... on AuditTrail { monitoring(first: $first, filter: $filter) { edges { node { id operation recordIds entries { type id } } } } }
  }
}`;

type TrailEvent = { id: string; operation: string; recordIds: string[]; entries: { type: string; id: string }[] };

async function trail(as: CallAs, filter: Record<string, unknown> = {}): Promise<TrailEvent[]> {
  const data = ok(await h.gql(TRAIL, { first: 500, filter }, as));
  return data._entities[0].monitoring.edges.map((edge: { node: TrailEvent }) => edge.node);
}

const naming = (events: TrailEvent[], id: string) => events.filter((event) => event.recordIds.includes(id));

describe("an unannounced visit's planning, before and after the visit starts", () => {
  it("is withheld from the auditor through every filter until the visit starts, and shown to the Ombudsperson", async () => {
    const body = await createBody(h.db);
    const monitor: CallAs = { roles: ["monitor"], sub: randomUUID(), org_id: body.id };
    const facilityId = randomUUID();
    const planned = ok(
      await h.gql(
        `mutation($input: PlanVisitInput!) { planVisit(input: $input) { id } }`,
        {
          input: {
            bodyId: body.id,
            facilityId,
            plannedFor: daysFromNow(10),
            announced: false,
            phases: ["FACILITY_TOUR"],
          },
        },
        monitor,
      ),
    ).planVisit as { id: string };

    // The auditor cannot read the visit …
    expect(ok(await h.gql(`query($id: ID!) { visit(id: $id) { id } }`, { id: planned.id }, AUDITOR)).visit).toBeNull();
    // … and the trail names it, its body or its facility through no filter.
    const filters: Record<string, unknown>[] = [
      {},
      { recordId: planned.id },
      { recordId: body.id },
      { recordId: facilityId },
      { kind: "WRITE" },
      { actorSub: (monitor as { sub: string }).sub },
      { from: hoursAgo(1) },
    ];
    for (const filter of filters) {
      const events = await trail(AUDITOR, filter);
      expect({ filter, named: [planned.id, body.id, facilityId].flatMap((id) => naming(events, id)) }).toEqual({
        filter,
        named: [],
      });
    }
    // The Ombudsperson sees the planning.
    expect(naming(await trail(OMBUDS, { recordId: planned.id }), planned.id).map((e) => e.operation)).toEqual([
      "mutation planVisit",
    ]);

    // Once the visit has started it is disclosed, and so is its planning.
    ok(
      await h.gql(
        `mutation($input: StartVisitInput!) { startVisit(input: $input) { id } }`,
        { input: { visitId: planned.id, startedAt: hoursAgo(0.5) } },
        monitor,
      ),
    );
    expect(
      naming(await trail(AUDITOR, { recordId: planned.id }), planned.id)
        .map((e) => e.operation)
        .sort(),
    ).toEqual(["mutation planVisit", "mutation startVisit"]);
  });

  it("an announced visit's planning is shown to the auditor at once", async () => {
    const visit = await planVisit(h, { announced: true, plannedFor: daysFromNow(5) });
    expect(naming(await trail(AUDITOR, { recordId: visit.id }), visit.id).map((e) => e.operation)).toEqual([
      "mutation planVisit",
    ]);
  });
});

describe("kind by kind, every record against every reader of audit trails", () => {
  it("shows an event naming a record exactly when the reader resolves the record, or holds no read of its kind", async () => {
    // Records of every kind, on either side of every rule: an unannounced visit not yet started
    // (with a finding and recommendation written under it by hand, as no mutation allows), an
    // announced one, a started one with a finding and recommendation, a published one, an
    // incident and a complaint.
    const hidden = await planVisit(h, { announced: false, plannedFor: daysFromNow(3) });
    await planVisit(h, { announced: true, plannedFor: daysFromNow(3) });
    const started = await visitIn(h, "IN_PROGRESS");
    await visitIn(h, "REPORT_PUBLISHED");
    for (const visit of [hidden, started]) {
      const findingId = randomUUID();
      await h.db.query(
        `INSERT INTO monitoring.finding (id, visit_id, severity, standard_ref, description, created_at)
         VALUES ($1, $2, $3, 'CPT/Inf(2017)5', 'Synthetic finding.', now())`,
        [findingId, visit.id, FindingSeverity.HIGH],
      );
      await h.db.query(
        `INSERT INTO monitoring.recommendation (id, finding_id, visit_id, facility_id, addressee, text, due_at, status, created_at)
         VALUES ($1, $2, $3, $4, 'MIA', 'Synthetic recommendation.', now() + interval '30 days', $5, now())`,
        [randomUUID(), findingId, visit.id, visit.facility.id, RecommendationStatus.OPEN],
      );
    }
    ok(
      await h.gql(`mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { id } }`, {
        input: {
          facilityId: randomUUID(),
          type: "OTHER",
          at: hoursAgo(1),
          caseIds: [],
          narrative: "Synthetic incident.",
        },
      }),
    );
    ok(
      await h.gql(`mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`, {
        input: { channel: "WEB", category: "OTHER", text: "Synthetic complaint.", anonymous: true },
      }),
    );

    // One event per record, naming it alone (the trail's listing does not check the chain).
    const kinds = recordKindsInSchema("monitoring").filter((kind) => kind.table);
    expect(kinds.map((kind) => kind.name).sort()).toEqual([
      "Complaint",
      "Finding",
      "Incident",
      "MonitoringVisit",
      "Recommendation",
    ]);
    const records: { kind: (typeof kinds)[number]; id: string; requestId: string }[] = [];
    for (const kind of kinds) {
      const rows: { id: string }[] = await h.db.query(`SELECT id FROM ${kind.table} ORDER BY id`);
      for (const row of rows) {
        const requestId = `withholding-${randomUUID()}`;
        await h.db.query(
          `INSERT INTO monitoring.audit_event (id, subgraph, at, actor_sub, actor_roles, kind, operation, request_id,
             record_ids, fields, entries, hash, previous_hash, hash_version)
           VALUES ($1, 'monitoring', now(), 'test', '{ombudsperson}', 'READ', 'query test', $2, $3, '{}', $4, $5, $5, 2)`,
          [
            randomUUID(),
            requestId,
            [row.id],
            JSON.stringify([{ type: kind.name, id: row.id, fields: [] }]),
            "0".repeat(64),
          ],
        );
        records.push({ kind, id: row.id, requestId });
      }
    }
    expect(new Set(records.map((r) => r.kind.name)).size).toBe(kinds.length);

    const mismatches: string[] = [];
    let kept = 0;
    for (const role of AUDIT_READERS) {
      const as: CallAs = { roles: [role], sub: randomUUID() };
      const viewer: Viewer = { public: false, roles: [role], scopes: [], sub: (as as { sub: string }).sub };
      for (const record of records) {
        // Refused (FORBIDDEN) or null: not resolved.
        const resolved = await h.gql<{ _entities: ({ id: string } | null)[] }>(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${record.kind.name} { id } } }`,
          { r: [{ __typename: record.kind.name, id: record.id }] },
          as,
        );
        const readsNoneOfKind = record.kind.scopes.every((scope) => recordScope(viewer, scope).kind === "none");
        const expected = readsNoneOfKind || resolved.data?._entities?.[0]?.id === record.id;
        const shown = naming(await trail(as, { requestId: record.requestId }), record.id).length === 1;
        if (!expected) kept++;
        if (shown !== expected) mismatches.push(`${role} × ${record.kind.name} ${record.id}: shown ${shown}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The hidden visit, its finding and its recommendation are kept from the auditor.
    expect(kept).toBeGreaterThanOrEqual(3);
  });
});
