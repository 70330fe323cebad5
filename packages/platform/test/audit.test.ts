import { createHash, randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  AuditEvent,
  AuditKind,
  AuditRecorder,
  GENESIS_HASH,
  ReplayGuard,
  type Viewer,
  auditedDataSource,
  createDataSource,
  createTestDatabase,
  eventHash,
  verifyChain,
} from "../src";

/**
 * The audit recorder and chain against real PostgreSQL. The table here is made from the entity
 * (a scratch schema); the subgraphs' migrations add the append-only trigger and grants, which
 * the end-to-end audit tests cover.
 */
const SCHEMA = "audittest";
const viewer: Viewer = { sub: "ombuds-1", roles: ["ombudsperson"], scopes: [], public: false };
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, schema: SCHEMA, entities: [AuditEvent], migrations: [] });
  await db.initialize();
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.synchronize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const events = () => db.getRepository(AuditEvent).find({ order: { seq: "ASC" } });

it("writes all of a request's audited reads as one event naming records and fields", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  const recorder = new AuditRecorder(db, SCHEMA, viewer, { requestId: "req-1", clientRequestId: "client-1" });
  const caseA = randomUUID();
  const caseB = randomUUID();
  recorder.executing("query { case }", "CaseFile");
  recorder.read("Person", caseA, "familyName");
  recorder.read("Person", caseA, "givenNames");
  recorder.read("Person", caseB, "familyName");
  recorder.read("Person", caseA, "familyName");
  await recorder.flush();
  await recorder.flush(); // nothing new: no second event
  const [event, ...rest] = await events();
  expect(rest).toHaveLength(0);
  expect(event).toMatchObject({
    kind: "READ",
    actorSub: "ombuds-1",
    actorRoles: ["ombudsperson"],
    operation: "query { case }",
    clientOperationName: "CaseFile",
    requestId: "req-1",
    clientRequestId: "client-1",
    hashVersion: 2,
    recordIds: [caseA, caseB].sort(),
    fields: ["Person.familyName", "Person.givenNames"],
    previousHash: GENESIS_HASH,
  });
  expect(event.hash).toBe(eventHash(GENESIS_HASH, event));
});

it("appends a mutation's WRITE event in its transaction: committed together, or not at all", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.thing (id uuid PRIMARY KEY)`);
  const recorder = new AuditRecorder(db, SCHEMA, viewer, { requestId: "req-2" });
  const audited = auditedDataSource(db, recorder);
  const id = randomUUID();
  await recorder.runMutation("createThing", { input: { name: "x", caseId: id } }, () =>
    audited.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${SCHEMA}.thing (id) VALUES ($1)`, [id]);
      return { id };
    }),
  );
  await expect(
    recorder.runMutation("createThing", { input: { name: "y" } }, () =>
      audited.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${SCHEMA}.thing (id) VALUES ($1)`, [randomUUID()]);
        throw new Error("rule refused");
      }),
    ),
  ).rejects.toThrow("rule refused");
  const written = await events();
  expect(written).toHaveLength(1);
  expect(written[0]).toMatchObject({
    kind: "WRITE",
    operation: "mutation createThing",
    recordIds: [id],
    fields: ["input.caseId", "input.name"],
    entries: [{ type: "result", id, fields: ["input.caseId", "input.name"] }],
  });
  expect((await db.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.thing`))[0].n).toBe(1);
});

it("chains events under concurrency, and audit:verify names the first edited or removed event", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  await Promise.all(
    Array.from({ length: 12 }, (_, i) => {
      const recorder = new AuditRecorder(db, SCHEMA, viewer, { requestId: `req-c${i}` });
      recorder.read("Person", randomUUID(), "familyName");
      return recorder.flush();
    }),
  );
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 12 });

  const all = await events();
  await db.query(`UPDATE ${SCHEMA}.audit_event SET actor_sub = 'someone-else' WHERE seq = $1`, [all[4].seq]);
  const edited = await verifyChain(database.url, SCHEMA);
  expect(edited.broken).toBe(
    `event ${all[4].seq} (${all[4].id}, ${all[4].operation}) does not match its hash — its content was changed after it was written`,
  );

  await db.query(`UPDATE ${SCHEMA}.audit_event SET actor_sub = $2 WHERE seq = $1`, [all[4].seq, all[4].actorSub]);
  await db.query(`DELETE FROM ${SCHEMA}.audit_event WHERE seq = $1`, [all[7].seq]);
  const removed = await verifyChain(database.url, SCHEMA);
  expect(removed.broken).toContain(`event ${all[8].seq} (${all[8].id}) links to`);
});

it("withholds the actor from the withholding mutation's own event only, even when mutations overlap", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  const recorder = new AuditRecorder(db, SCHEMA, viewer, { requestId: "req-w" });
  const audited = auditedDataSource(db, recorder);
  const write = (name: string, withhold: boolean) =>
    recorder.runMutation(name, {}, async () => {
      if (withhold) recorder.withholdActor();
      // Let the other mutation start before this one writes its event.
      await new Promise((resolve) => setTimeout(resolve, 20));
      return audited.transaction(async () => ({ id: randomUUID() }));
    });
  await Promise.all([write("fileAnonymously", true), write("triage", false)]);
  await write("afterwards", false);
  expect(() => recorder.withholdActor()).toThrow(/no mutation is running/);
  const byOperation = Object.fromEntries((await events()).map((e) => [e.operation, [e.actorSub, e.actorRoles]]));
  expect(byOperation).toEqual({
    "mutation fileAnonymously": [null, []],
    "mutation triage": ["ombuds-1", ["ombudsperson"]],
    "mutation afterwards": ["ombuds-1", ["ombudsperson"]],
  });
});

it("verifies events written in the first canonical form beside current ones, and notices a changed claim or version", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  // An event as the platform wrote it before the client's claims were recorded apart (hash version 1).
  const legacy = {
    id: randomUUID(),
    subgraph: SCHEMA,
    at: new Date("2026-11-01T10:00:00.000Z"),
    actorSub: "officer-1",
    actorRoles: ["mia_officer"],
    kind: AuditKind.WRITE,
    operation: "Accept: mutation acceptCase",
    requestId: "client-chosen-1",
    clientRequestId: null,
    clientOperationName: null,
    recordIds: [],
    fields: ["caseId"],
    entries: [],
    hashVersion: 1,
  };
  const legacyHash = createHash("sha256")
    .update(GENESIS_HASH)
    .update("\n")
    .update(
      JSON.stringify([
        legacy.id,
        legacy.subgraph,
        legacy.at.toISOString(),
        legacy.actorSub,
        legacy.actorRoles,
        legacy.kind,
        legacy.operation,
        legacy.requestId,
        legacy.recordIds,
        legacy.fields,
        [],
      ]),
    )
    .digest("hex");
  await db.getRepository(AuditEvent).insert({ ...legacy, previousHash: GENESIS_HASH, hash: legacyHash });
  const recorder = new AuditRecorder(db, SCHEMA, viewer, { requestId: "gw-1", clientRequestId: "client-2" });
  recorder.executing("query { case }", "Check");
  recorder.read("Person", randomUUID(), "familyName");
  await recorder.flush();
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 2 });

  const [, current] = await events();
  expect(current).toMatchObject({ hashVersion: 2, previousHash: legacyHash, clientRequestId: "client-2" });
  await db.query(`UPDATE ${SCHEMA}.audit_event SET client_request_id = 'another' WHERE seq = $1`, [current.seq]);
  expect((await verifyChain(database.url, SCHEMA)).broken).toContain(
    `event ${current.seq} (${current.id}, query { case }) does not match its hash`,
  );
  await db.query(`UPDATE ${SCHEMA}.audit_event SET client_request_id = 'client-2', hash_version = 1 WHERE seq = $1`, [
    current.seq,
  ]);
  expect((await verifyChain(database.url, SCHEMA)).broken).toContain(
    `event ${current.seq} (${current.id}, query { case }) does not match its hash`,
  );
  await db.query(`UPDATE ${SCHEMA}.audit_event SET hash_version = 7 WHERE seq = $1`, [current.seq]);
  expect((await verifyChain(database.url, SCHEMA)).broken).toBe(
    `event ${current.seq} (${current.id}) claims hash version 7, which no version of the platform wrote`,
  );
});

describe("ReplayGuard (a signed request counts once, while fresh)", () => {
  it("takes a fresh stamp once, refuses it resent, refuses stale or future stamps, and forgets expired nonces", () => {
    const guard = new ReplayGuard(1000);
    const now = 1_000_000;
    const stamp = { at: now, nonce: "a".repeat(36) };
    expect(guard.check(stamp, now)).toBe("fresh");
    expect(guard.check(stamp, now + 10)).toBe("replayed");
    expect(guard.check({ at: now - 1001, nonce: "b".repeat(36) }, now)).toBe("stale");
    expect(guard.check({ at: now + 1001, nonce: "c".repeat(36) }, now)).toBe("stale");
    for (let i = 0; i < 100; i++) guard.check({ at: now + i, nonce: `n-${i}`.padEnd(36, "x") }, now + i);
    expect(guard.size).toBe(101);
    // Past every stamp's window, the nonces are dropped as the next one arrives.
    expect(guard.check({ at: now + 5000, nonce: "d".repeat(36) }, now + 5000)).toBe("fresh");
    expect(guard.size).toBe(1);
  });
});
