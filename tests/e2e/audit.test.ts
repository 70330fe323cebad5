import { randomBytes } from "node:crypto";
import { verifyChain } from "@kgraph/platform";
import { Client } from "pg";
import { ensureServiceRoles } from "../../tools/src/runtime";
import { runSeed } from "../../tools/src/seed/run";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * The audit trail end to end: sensitive reads and every write leave events, readable through
 * the graph by audit:read roles; the chain shows tampering; the services' database roles cannot
 * change it; a failed mutation leaves nothing.
 */
const CASES = 120;
const world = buildWorld({ cases: CASES });
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }) });
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const TRAIL = `query($id: ID) { auditTrail { cases(first: 50, filter: { recordId: $id }) {
  edges { node { kind actorSub actorRoles operation recordIds fields requestId } } } } }`;

async function sql<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: platform.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

it("records the Ombudsperson reading a person's name, with the case id, readable by an auditor", async () => {
  const subject = world.cases[3];
  const read = await platform.gql(
    `query OmbudsCheck($id: ID!) { case(id: $id) { caseNumber person { familyName } } }`,
    { id: subject.id },
    { roles: ["ombudsperson"], sub: "ombuds-7" },
  );
  expect(read.data!.case.person.familyName).toBe(subject.familyName);

  const trail = await platform.gql(TRAIL, { id: subject.id }, "auditor");
  expect(trail.errors).toBeUndefined();
  const events = trail.data!.auditTrail.cases.edges.map((e: any) => e.node);
  expect(events).toContainEqual(
    expect.objectContaining({
      kind: "READ",
      actorSub: "ombuds-7",
      actorRoles: ["ombudsperson"],
      recordIds: [subject.id],
      fields: expect.arrayContaining(["Case.person", "Person.familyName"]),
      operation: expect.stringContaining("OmbudsCheck"),
    }),
  );
});

it("does not let roles without audit:read see the trail", async () => {
  const res = await platform.gql(TRAIL, { id: null }, "mia_officer");
  expect(res.data?.auditTrail ?? null).toBeNull();
  expect(res.errors?.[0].extensions?.code).toBe("UNAUTHORIZED_FIELD_OR_TYPE");
});

it("records a write in its transaction, and a failed mutation leaves no event", async () => {
  const officer = { roles: ["mia_officer"], sub: "officer-9" };
  const nominated = await platform.gql(
    `mutation($input: NominateCaseInput!) { nominateCase(input: $input) { id } }`,
    {
      input: {
        agreementId: world.agreement.id,
        nationality: "AF",
        ageBand: "AGE_26_35",
        person: { givenNames: "Test", familyName: "Audit", sex: "M", languages: [], identityDocuments: [] },
      },
    },
    officer,
  );
  expect(nominated.errors).toBeUndefined();
  const subject = nominated.data!.nominateCase as { id: string };
  const count = async () => (await sql(`SELECT count(*)::int AS n FROM cases.audit_event WHERE kind = 'WRITE'`))[0].n;
  const before = await count();
  const refused = await platform.gql(
    `mutation($id: ID!) { changeCaseStatus(input: { caseId: $id, status: RETURNED }) { status } }`,
    { id: subject.id },
    officer,
  );
  expect(refused.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  expect(await count()).toBe(before);

  const accepted = await platform.gql(
    `mutation Accept($id: ID!) { acceptCase(caseId: $id) { status } }`,
    { id: subject.id },
    officer,
  );
  expect(accepted.data!.acceptCase.status).toBe("ACCEPTED");
  expect(await count()).toBe(before + 1);
  const [event] = await sql(`SELECT * FROM cases.audit_event WHERE kind = 'WRITE' ORDER BY seq DESC LIMIT 1`);
  expect(event).toMatchObject({
    actor_sub: "officer-9",
    operation: "Accept: mutation acceptCase",
    record_ids: [subject.id],
  });
});

it("withholds only the anonymous complaint's own actor when one request runs several mutations", async () => {
  const ombuds = { roles: ["ombudsperson"], sub: "ombuds-multi-1" };
  const text = `Named complaint ${Date.now()}: the showers in block D are broken.`;
  const named = await platform.gql(
    `mutation($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode } }`,
    {
      input: {
        channel: "WEB",
        category: "LIVING_CONDITIONS",
        text,
        anonymous: false,
        complainantName: "Synthetic Filer",
      },
    },
    ombuds,
  );
  expect(named.errors).toBeUndefined();
  const [{ id: complaintId }] = await sql(`SELECT id FROM monitoring.complaint WHERE text = $1`, [text]);
  const [{ seq: before }] = await sql(`SELECT coalesce(max(seq), 0)::text AS seq FROM monitoring.audit_event`);
  const both = await platform.gql(
    `mutation($file: FileComplaintInput!, $triage: TriageComplaintInput!) {
      fileComplaint(input: $file) { receiptCode }
      triageComplaint(input: $triage) { id status } }`,
    {
      file: { channel: "WEB", category: "OTHER", text: "Filed without my name.", anonymous: true },
      triage: { complaintId },
    },
    ombuds,
  );
  expect(both.errors).toBeUndefined();
  expect(both.data!.triageComplaint).toEqual({ id: complaintId, status: "UNDER_REVIEW" });
  const events = await sql(
    `SELECT operation, actor_sub, actor_roles FROM monitoring.audit_event WHERE seq > $1 ORDER BY seq`,
    [before],
  );
  expect(events).toEqual([
    { operation: "mutation fileComplaint", actor_sub: null, actor_roles: [] },
    { operation: "mutation triageComplaint", actor_sub: "ombuds-multi-1", actor_roles: ["ombudsperson"] },
  ]);
});

it("refuses UPDATE and DELETE on the trail, to the service's role by grant and to anyone by trigger", async () => {
  const passwords = {
    cases: randomBytes(12).toString("hex"),
    facilities: "x".repeat(16),
    monitoring: "y".repeat(16),
    training: "z".repeat(16),
  };
  const urls = await ensureServiceRoles(platform.databaseUrl, passwords);
  const service = new Client({ connectionString: urls.cases });
  await service.connect();
  try {
    await expect(service.query(`UPDATE cases.audit_event SET actor_sub = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`DELETE FROM cases.audit_event`)).rejects.toThrow(/permission denied/);
    await expect(service.query(`TRUNCATE cases.audit_event`)).rejects.toThrow(/permission denied/);
    expect((await service.query(`SELECT count(*)::int AS n FROM cases.audit_event`)).rows[0].n).toBeGreaterThan(0);
  } finally {
    await service.end();
  }
  await expect(sql(`UPDATE cases.audit_event SET actor_sub = 'x'`)).rejects.toThrow(/append-only/);
  await expect(sql(`DELETE FROM cases.audit_event`)).rejects.toThrow(/append-only/);
});

it("audit:verify names the first edited event", async () => {
  expect((await verifyChain(platform.databaseUrl, "cases")).broken).toBeUndefined();
  const [victim] = await sql(`SELECT seq, id, operation FROM cases.audit_event ORDER BY seq ASC LIMIT 1`);
  // Someone with the database owner's rights switches the guard off and edits an event.
  await sql(`ALTER TABLE cases.audit_event DISABLE TRIGGER audit_event_append_only`);
  await sql(`UPDATE cases.audit_event SET actor_sub = 'nobody' WHERE seq = $1`, [victim.seq]);
  await sql(`ALTER TABLE cases.audit_event ENABLE TRIGGER audit_event_append_only`);
  const result = await verifyChain(platform.databaseUrl, "cases");
  expect(result.broken).toBe(
    `event ${victim.seq} (${victim.id}, ${victim.operation}) does not match its hash — its content was changed after it was written`,
  );
});
