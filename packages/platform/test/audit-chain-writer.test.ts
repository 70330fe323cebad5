import { randomUUID } from "node:crypto";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import {
  AuditEvent,
  AuditRecorder,
  type Viewer,
  auditedDataSource,
  createDataSource,
  createTestDatabase,
  databaseUnavailable,
  recordStatements,
  verifyChain,
} from "../src";

/**
 * The group-commit chain writer against real PostgreSQL: concurrent requests' READ events are
 * appended in one flush (one lock, one head read, one multi-row INSERT, one commit), each request
 * resolving only once its event is committed; mutations' WRITE events interleave on the same
 * chain; two processes' writers keep one valid chain; a flush the database refuses fails every
 * request in it, coded as the database being away, and leaves nothing behind.
 */
const SCHEMA = "chainwriter";
const LOCK = /pg_advisory_xact_lock/;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: DataSource;

const dataSource = async () => {
  const source = createDataSource({ url: database.url, schema: SCHEMA, entities: [AuditEvent], migrations: [] });
  await source.initialize();
  return source;
};

beforeAll(async () => {
  database = await createTestDatabase();
  db = await dataSource();
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.synchronize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});
beforeEach(async () => {
  await db.query(`TRUNCATE ${SCHEMA}.audit_event`);
});

const viewer = (sub: string): Viewer => ({ sub, roles: ["mia_officer"], scopes: [], public: false });

/** One request's audited read, written as the subgraph server writes it when the request ends. */
function auditedRead(source: DataSource, requestId: string, sub = "officer-1"): Promise<void> {
  const recorder = new AuditRecorder(source, SCHEMA, viewer(sub), { requestId });
  recorder.executing("query { case }", "NameRead");
  recorder.read("Person", randomUUID(), "familyName");
  return recorder.flush();
}

const readEvents = async () =>
  (await db.query(`SELECT request_id, kind, actor_sub FROM ${SCHEMA}.audit_event ORDER BY seq`)) as {
    request_id: string;
    kind: string;
    actor_sub: string | null;
  }[];

it("appends 40 concurrent requests' events in one flush: one lock, one INSERT, a handful of statements", async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `req-${i}`);
  const statements = await recordStatements(() => Promise.all(ids.map((id) => auditedRead(db, id))));

  const events = await readEvents();
  expect(events.map((e) => e.request_id).sort()).toEqual([...ids].sort());
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 40 });
  // START TRANSACTION, the lock, the head, one INSERT of 40 rows, COMMIT: not 40 of each.
  expect(statements.filter((s) => LOCK.test(s.query))).toHaveLength(1);
  expect(statements.filter((s) => /^INSERT/i.test(s.query))).toHaveLength(1);
  expect(statements.length).toBeLessThanOrEqual(6);
});

it("answers a request only once its event is committed, and queues events arriving during a flush for the next", async () => {
  const seenWhenAnswered: boolean[] = [];
  /** Whether the request's event is in the table, seen from another connection, when it is answered. */
  const answered = (requestId: string) => async () => {
    const rows = (await db.query(`SELECT 1 FROM ${SCHEMA}.audit_event WHERE request_id = $1`, [
      requestId,
    ])) as unknown[];
    seenWhenAnswered.push(rows.length === 1);
  };
  const statements = await recordStatements(async () => {
    const first = auditedRead(db, "first").then(answered("first"));
    // The first flush has taken its one event and is running: these wait for the next flush.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const rest = Array.from({ length: 39 }, (_, i) => auditedRead(db, `next-${i}`).then(answered(`next-${i}`)));
    await Promise.all([first, ...rest]);
  });
  expect(seenWhenAnswered).toEqual(Array.from({ length: 40 }, () => true));
  expect(statements.filter((s) => LOCK.test(s.query))).toHaveLength(2);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 40 });
});

it("caps a flush at 200 events: 450 waiting requests take three flushes", async () => {
  const ids = Array.from({ length: 450 }, (_, i) => `big-${i}`);
  const statements = await recordStatements(() => Promise.all(ids.map((id) => auditedRead(db, id))));
  expect(statements.filter((s) => LOCK.test(s.query))).toHaveLength(3);
  expect(statements.filter((s) => /^INSERT/i.test(s.query))).toHaveLength(3);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 450 });
  expect((await readEvents()).map((e) => e.request_id).sort()).toEqual([...ids].sort());
});

it("interleaves mutations' WRITE events, each in its own transaction, with batched reads on one chain", async () => {
  await db.query(`CREATE TABLE IF NOT EXISTS ${SCHEMA}.thing (id uuid PRIMARY KEY)`);
  const write = (i: number) => {
    const recorder = new AuditRecorder(db, SCHEMA, viewer("writer"), { requestId: `write-${i}` });
    const audited = auditedDataSource(db, recorder);
    return recorder.runMutation("createThing", { input: { n: i } }, () =>
      audited.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(`INSERT INTO ${SCHEMA}.thing (id) VALUES ($1)`, [id]);
        return { id };
      }),
    );
  };
  await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? write(i) : auditedRead(db, `read-${i}`))));
  const events = await readEvents();
  expect(events.filter((e) => e.kind === "WRITE")).toHaveLength(15);
  expect(events.filter((e) => e.kind === "READ")).toHaveLength(45);
  expect(new Set(events.map((e) => e.request_id)).size).toBe(60);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 60 });
});

it("keeps one valid chain when two processes' writers (two DataSources) append at once", async () => {
  const other = await dataSource();
  try {
    for (let wave = 0; wave < 5; wave++) {
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          auditedRead(i % 2 === 0 ? db : other, `two-${wave}-${i}`, i % 2 === 0 ? "officer-a" : "officer-b"),
        ),
      );
    }
  } finally {
    await other.destroy();
  }
  const events = await readEvents();
  expect(events).toHaveLength(120);
  expect(new Set(events.map((e) => e.request_id)).size).toBe(120);
  expect(events.filter((e) => e.actor_sub === "officer-b")).toHaveLength(60);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 120 });
});

it("fails every request of a flush the database refuses mid-INSERT, coded as the database away, leaving no partial batch", async () => {
  await auditedRead(db, "before");
  // Each row the flush inserts takes 50 ms: long enough to cut the connection while it inserts.
  await db.query(`CREATE FUNCTION ${SCHEMA}.slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.request_id LIKE 'doomed-%' THEN PERFORM pg_sleep(0.05); END IF; RETURN NEW; END $$`);
  await db.query(
    `CREATE TRIGGER slow_insert BEFORE INSERT ON ${SCHEMA}.audit_event FOR EACH ROW EXECUTE FUNCTION ${SCHEMA}.slow_insert()`,
  );
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  try {
    const outcomes = Promise.allSettled(Array.from({ length: 20 }, (_, i) => auditedRead(db, `doomed-${i}`)));
    // The flush is inside its INSERT (some rows already inserted, none committed): cut it.
    let terminated = false;
    for (let attempt = 0; attempt < 200 && !terminated; attempt++) {
      const [row] = (
        await admin.query(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
          WHERE datname = current_database() AND state = 'active' AND query LIKE 'INSERT INTO%audit_event%'`,
        )
      ).rows as { done: boolean }[];
      terminated = row?.done ?? false;
      if (!terminated) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(terminated).toBe(true);
    const settled = await outcomes;
    expect(settled.every((o) => o.status === "rejected")).toBe(true);
    // What the subgraph server answers SERVICE_UNAVAILABLE (503) for, never INTERNAL_SERVER_ERROR.
    expect(settled.every((o) => o.status === "rejected" && databaseUnavailable(o.reason))).toBe(true);
  } finally {
    await admin.end();
    await db.query(`DROP TRIGGER slow_insert ON ${SCHEMA}.audit_event`);
    await db.query(`DROP FUNCTION ${SCHEMA}.slow_insert()`);
  }
  expect((await readEvents()).map((e) => e.request_id)).toEqual(["before"]);
  // The writer carries on: the next requests are written, after the last committed event.
  await Promise.all([auditedRead(db, "after-1"), auditedRead(db, "after-2")]);
  expect((await readEvents()).map((e) => e.request_id).sort()).toEqual(["after-1", "after-2", "before"]);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 3 });
});

it("fails only the request whose event the table refuses; the rest of its batch is written", async () => {
  // A subject longer than the column (200; the token verifier refuses such a token before it gets
  // here): the INSERT of the whole batch fails with it.
  const refused = new AuditRecorder(db, SCHEMA, viewer("o".repeat(250)), { requestId: "refused" });
  refused.executing("query { case }", null);
  refused.read("Person", randomUUID(), "familyName");
  const outcomes = await Promise.allSettled([
    ...Array.from({ length: 10 }, (_, i) => auditedRead(db, `fine-${i}`)),
    refused.flush(),
    ...Array.from({ length: 10 }, (_, i) => auditedRead(db, `fine-${10 + i}`)),
  ]);
  expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1);
  expect(outcomes[10].status).toBe("rejected");
  const events = await readEvents();
  expect(events).toHaveLength(20);
  expect(events.some((e) => e.request_id === "refused")).toBe(false);
  expect(await verifyChain(database.url, SCHEMA)).toEqual({ events: 20 });
});
