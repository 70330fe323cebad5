import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import {
  AuditEvent,
  AuditRecorder,
  GENESIS_HASH,
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
  const recorder = new AuditRecorder(db, SCHEMA, viewer, "req-1");
  const caseA = randomUUID();
  const caseB = randomUUID();
  recorder.describeOperation("query CaseFile { case }");
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
    operation: "query CaseFile { case }",
    requestId: "req-1",
    recordIds: [caseA, caseB].sort(),
    fields: ["Person.familyName", "Person.givenNames"],
    previousHash: GENESIS_HASH,
  });
  expect(event.hash).toBe(eventHash(GENESIS_HASH, event));
});

it("appends a mutation's WRITE event in its transaction: committed together, or not at all", async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
  await db.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.thing (id uuid PRIMARY KEY)`);
  const recorder = new AuditRecorder(db, SCHEMA, viewer, "req-2");
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
      const recorder = new AuditRecorder(db, SCHEMA, viewer, `req-c${i}`);
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
  const recorder = new AuditRecorder(db, SCHEMA, viewer, "req-w");
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
