import { randomUUID } from "node:crypto";
import { subjectRef } from "@kgraph/platform";
import {
  type MonitoringHarness,
  TEST_SUBJECT_REF_KEY,
  UNKNOWN_ID,
  daysFromNow,
  firstError,
  hoursAgo,
  ok,
  startMonitoringHarness,
} from "./harness";

let h: MonitoringHarness;
beforeAll(async () => {
  h = await startMonitoringHarness();
});
afterAll(async () => {
  await h?.stop();
});

const INCIDENT_FIELDS = "id type at narrative status reportedAt updatedAt facility { id } subjectRefs";
const RECORD = `mutation($input: RecordIncidentInput!) { recordIncident(input: $input) { ${INCIDENT_FIELDS} } }`;
const CHANGE = `mutation($input: ChangeIncidentStatusInput!) { changeIncidentStatus(input: $input) { ${INCIDENT_FIELDS} } }`;
const READ = `query($id: ID!) { incident(id: $id) { ${INCIDENT_FIELDS} } }`;

function incidentInput(overrides: Record<string, unknown> = {}) {
  return {
    type: "SELF_HARM",
    at: hoursAgo(4),
    facilityId: randomUUID(),
    caseIds: [randomUUID()],
    narrative: "Resident found with cuts on the forearm; treated on site.",
    ...overrides,
  };
}

async function record(overrides: Record<string, unknown> = {}) {
  return ok(await h.gql(RECORD, { input: incidentInput(overrides) })).recordIncident as { id: string; status: string };
}

const incidentCount = async () =>
  (await h.db.query(`SELECT count(*)::int AS n FROM monitoring.incident`))[0].n as number;

describe("recordIncident", () => {
  it("records a REPORTED incident, storing case ids and showing only their pseudonyms", async () => {
    const caseIds = [randomUUID(), randomUUID()];
    const input = incidentInput({ type: "ASSAULT", caseIds });
    const incident = ok(await h.gql(RECORD, { input })).recordIncident;
    expect(incident).toMatchObject({
      type: "ASSAULT",
      at: input.at,
      status: "REPORTED",
      narrative: input.narrative,
      facility: { id: input.facilityId },
      subjectRefs: caseIds.map((id) => subjectRef(id, TEST_SUBJECT_REF_KEY)),
    });
    expect(JSON.stringify(incident)).not.toContain(caseIds[0]);
    const stored = await h.db.query(`SELECT case_ids FROM monitoring.incident WHERE id = $1`, [incident.id]);
    expect(stored[0].case_ids).toEqual(caseIds);
    expect(ok(await h.gql(READ, { id: incident.id })).incident).toEqual(incident);
  });

  it("takes ids in capitals as the ids they are: one pseudonym, one spelling in the trail, no duplicate (probe 4, M1)", async () => {
    const caseId = randomUUID();
    const upper = caseId.toUpperCase();
    const incident = ok(await h.gql(RECORD, { input: incidentInput({ type: "USE_OF_FORCE", caseIds: [upper] }) }))
      .recordIncident as { id: string; subjectRefs: string[] };
    expect(incident.subjectRefs).toEqual([subjectRef(caseId, TEST_SUBJECT_REF_KEY)]);
    const stored = await h.db.query(`SELECT case_ids FROM monitoring.incident WHERE id = $1`, [incident.id]);
    expect(stored[0].case_ids).toEqual([caseId]);
    const events = await h.db.query(
      `SELECT record_ids FROM monitoring.audit_event WHERE operation = 'mutation recordIncident' AND $1 = ANY(record_ids)`,
      [caseId],
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(upper);
    // Two spellings of one case are one case.
    const twice = firstError(await h.gql(RECORD, { input: incidentInput({ caseIds: [caseId, upper] }) }));
    expect(twice.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("records an OTHER incident without cases", async () => {
    const incident = ok(
      await h.gql(RECORD, {
        input: incidentInput({ type: "OTHER", caseIds: [], narrative: "Fire alarm in block C; evacuated." }),
      }),
    ).recordIncident;
    expect(incident).toMatchObject({ type: "OTHER", subjectRefs: [] });
  });

  it("requires a case for every type but OTHER, and a time not in the future, writing nothing", async () => {
    const before = await incidentCount();
    const noCase = firstError(await h.gql(RECORD, { input: incidentInput({ type: "DEATH", caseIds: [] }) }));
    expect(noCase).toMatchObject({
      message: "An incident of type DEATH must name at least one case in input.caseIds.",
      extensions: { code: "BAD_USER_INPUT", argument: "input.caseIds" },
    });
    const future = daysFromNow(2);
    const ahead = firstError(await h.gql(RECORD, { input: incidentInput({ at: future }) }));
    expect(ahead).toMatchObject({
      message: `input.at must not be in the future; got ${future}.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await incidentCount()).toBe(before);
  });

  it("rejects invalid input naming every wrong field, writing nothing", async () => {
    const before = await incidentCount();
    const id = randomUUID();
    const error = firstError(
      await h.gql(RECORD, {
        input: incidentInput({ facilityId: "block C", caseIds: [id, id, "someone"], narrative: "hurt" }),
      }),
    );
    expect(error).toMatchObject({
      message: "Invalid input: input.facilityId must be an id (a UUID); input.caseIds[2] must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT", argument: "input.facilityId" },
    });
    const rest = firstError(await h.gql(RECORD, { input: incidentInput({ caseIds: [id, id], narrative: "hurt" }) }));
    expect(rest.message).toBe(
      "Invalid input: caseIds must name each case only once; narrative must be between 10 and 20000 characters.",
    );
    const tooMany = firstError(
      await h.gql(RECORD, { input: incidentInput({ caseIds: Array.from({ length: 51 }, () => randomUUID()) }) }),
    );
    expect(tooMany.message).toBe("Invalid input: caseIds must name at most 50 cases.");
    const badType = firstError(await h.gql(RECORD, { input: incidentInput({ type: "RIOT" }) }));
    expect(badType.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await incidentCount()).toBe(before);
  });
});

describe("incident status", () => {
  it("moves REPORTED → UNDER_INVESTIGATION → CLOSED", async () => {
    const incident = await record();
    const investigating = ok(
      await h.gql(CHANGE, { input: { incidentId: incident.id, status: "UNDER_INVESTIGATION" } }),
    ).changeIncidentStatus;
    expect(investigating.status).toBe("UNDER_INVESTIGATION");
    const closed = ok(
      await h.gql(CHANGE, { input: { incidentId: incident.id, status: "CLOSED" } }),
    ).changeIncidentStatus;
    expect(closed.status).toBe("CLOSED");
    expect(new Date(closed.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(closed.reportedAt).getTime());
  });

  it("refuses a move out of CLOSED and back to REPORTED, changing nothing", async () => {
    const incident = await record();
    const back = firstError(await h.gql(CHANGE, { input: { incidentId: incident.id, status: "REPORTED" } }));
    expect(back).toMatchObject({
      message: `Incident ${incident.id} cannot move from REPORTED to REPORTED. Allowed next: UNDER_INVESTIGATION, CLOSED.`,
      extensions: { code: "BAD_USER_INPUT", allowed: ["UNDER_INVESTIGATION", "CLOSED"] },
    });
    ok(await h.gql(CHANGE, { input: { incidentId: incident.id, status: "CLOSED" } }));
    const reopen = firstError(
      await h.gql(CHANGE, { input: { incidentId: incident.id, status: "UNDER_INVESTIGATION" } }),
    );
    expect(reopen.message).toBe(
      `Incident ${incident.id} cannot move from CLOSED to UNDER_INVESTIGATION. CLOSED is final.`,
    );
    expect((await h.db.query(`SELECT status FROM monitoring.incident WHERE id = $1`, [incident.id]))[0].status).toBe(
      "CLOSED",
    );
  });

  it("answers NOT_FOUND for an unknown incident", async () => {
    const error = firstError(await h.gql(CHANGE, { input: { incidentId: UNKNOWN_ID, status: "CLOSED" } }));
    expect(error).toMatchObject({
      message: `Incident ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    expect(ok(await h.gql(READ, { id: UNKNOWN_ID })).incident).toBeNull();
  });
});

describe("incidents connection", () => {
  it("pages most recent first by keyset cursor within a filter", async () => {
    const facilityId = randomUUID();
    const recorded: string[] = [];
    for (let i = 5; i >= 1; i--) recorded.push((await record({ facilityId, at: hoursAgo(i) })).id);
    await record({ facilityId, type: "ESCAPE", at: hoursAgo(0.5) });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $f: ID) { incidents(first: 2, after: $after, filter: { facilityId: $f, type: [SELF_HARM], status: [REPORTED] }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after, f: facilityId },
      );
      const data = ok(res);
      seen.push(...data.incidents.edges.map((e: any) => e.node.id));
      if (!data.incidents.pageInfo.hasNextPage) break;
      after = data.incidents.pageInfo.endCursor;
    }
    expect(seen).toEqual([...recorded].reverse());
  });

  it("rejects a page size out of range", async () => {
    const error = firstError(await h.gql(`{ incidents(first: 0) { edges { cursor } } }`));
    expect(error).toMatchObject({
      message: "`first` must be between 1 and 500; got 0.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("_entities", () => {
  it("resolves Incident references through the same loader, null for unknown ids", async () => {
    const incident = await record();
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Incident { id type status } } }`,
      {
        r: [
          { __typename: "Incident", id: incident.id },
          { __typename: "Incident", id: UNKNOWN_ID },
        ],
      },
    );
    expect(ok(res)._entities).toEqual([{ id: incident.id, type: "SELF_HARM", status: "REPORTED" }, null]);
  });
});
