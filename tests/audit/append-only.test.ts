import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AuditRecorder, type SubgraphDefinition, createTestDatabase, migrate } from "@kgraph/platform";
import { Client } from "pg";
import { ensureServiceRoles } from "../../tools/src/runtime";
import { SUBGRAPH_NAMES } from "../../tools/src/subgraphs";
import { SUBGRAPHS } from "../support/platform";

/**
 * Every subgraph's audit trail, table by table: append-only for its service role by grant and for
 * everyone by trigger, its sequence beyond the reach of setval, its chain verified by
 * `npm run audit:verify`, which names an edited event. The cases are generated from the subgraph
 * list, so a new subgraph is covered as soon as the platform serves it.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const run = promisify(execFile);
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let serviceUrls: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase("kgraph_audit");
  for (const subgraph of SUBGRAPHS) {
    const db = subgraph.createDataSource(database.url);
    await db.initialize();
    await migrate(db);
    await db.destroy();
  }
  const passwords = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, randomBytes(12).toString("hex")]));
  serviceUrls = await ensureServiceRoles(database.url, passwords);
}, 60_000);
afterAll(async () => {
  await database?.drop();
});

async function connect<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
const asOwner = <T>(work: (client: Client) => Promise<T>) => connect(database.url, work);

/** Appends `count` READ events through the subgraph's own recorder, connected as its service role. */
async function appendEvents(subgraph: SubgraphDefinition, count: number): Promise<void> {
  const db = subgraph.createDataSource(serviceUrls[subgraph.name]);
  await db.initialize();
  try {
    for (let i = 0; i < count; i++) {
      const viewer = { sub: `auditor-${i}`, roles: ["auditor"], scopes: [], public: false };
      const recorder = new AuditRecorder(db, subgraph.name, viewer, {
        requestId: randomUUID(),
        clientRequestId: `client-${i}`,
        clientOperationName: "AppendOnlyTest",
      });
      recorder.read("Person", randomUUID(), "familyName");
      await recorder.flush();
    }
  } finally {
    await db.destroy();
  }
}

/** `npm run audit:verify` against the test database: its exit code and what it printed. */
async function auditVerify(): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [path.join(ROOT, "tools", "dist", "audit-verify.js")], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    return { code: 0, output: stdout };
  } catch (err) {
    const failed = err as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

it("covers every subgraph in the repository", () => {
  const folders = fs
    .readdirSync(path.join(ROOT, "subgraphs"))
    .filter((name) => fs.existsSync(path.join(ROOT, "subgraphs", name, "package.json")));
  expect(SUBGRAPHS.map((s) => s.name).sort()).toEqual([...folders].sort());
  expect([...SUBGRAPH_NAMES].sort()).toEqual([...folders].sort());
});

describe.each(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph] as const))(
  "the %s audit trail",
  (name, subgraph) => {
    const table = `${name}.audit_event`;
    const sequence = `${name}.audit_event_seq_seq`;

    beforeAll(async () => {
      await appendEvents(subgraph, 3);
    });

    it("lets the service role append and read, and refuses it UPDATE, DELETE, TRUNCATE and setval", async () => {
      await connect(serviceUrls[name], async (service) => {
        expect((await service.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBeGreaterThanOrEqual(3);
        await expect(service.query(`UPDATE ${table} SET actor_sub = 'someone-else'`)).rejects.toThrow(
          /permission denied/,
        );
        await expect(service.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
        await expect(service.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
        // setval could make the next event reuse a position, or leave a gap where events seem removed.
        await expect(service.query(`SELECT setval('${sequence}', 1)`)).rejects.toThrow(/permission denied/);
        await expect(service.query(`ALTER SEQUENCE ${sequence} RESTART WITH 1`)).rejects.toThrow(/must be owner/);
      });
    });

    it("lets the service role draw from its other sequences (case numbers, …) but never set them", async () => {
      const others = await asOwner(
        async (owner) =>
          (
            await owner.query(`SELECT sequencename FROM pg_sequences WHERE schemaname = $1 AND sequencename <> $2`, [
              name,
              "audit_event_seq_seq",
            ])
          ).rows.map((row: { sequencename: string }) => `${name}.${row.sequencename}`) as string[],
      );
      if (name === "cases") expect(others).toContain("cases.case_number_seq");
      await connect(serviceUrls[name], async (service) => {
        for (const other of others) {
          expect(Number((await service.query(`SELECT nextval('${other}') AS n`)).rows[0].n)).toBeGreaterThan(0);
          await expect(service.query(`SELECT setval('${other}', 1)`)).rejects.toThrow(/permission denied/);
        }
      });
    });

    it("refuses UPDATE, DELETE and TRUNCATE to anyone, the owner included, by trigger", async () => {
      await asOwner(async (owner) => {
        await expect(owner.query(`UPDATE ${table} SET actor_sub = 'someone-else'`)).rejects.toThrow(/append-only/);
        await expect(owner.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
        await expect(owner.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
      });
    });

    it("verifies whole with `npm run audit:verify`, which names the first edited event", async () => {
      const whole = await auditVerify();
      expect(whole.output).toMatch(new RegExp(`${name}: \\d+ events, chain intact`));
      expect(whole.code).toBe(0);

      const victim = await asOwner(async (owner) => {
        const [row] = (
          await owner.query(`SELECT seq, id, operation, actor_sub FROM ${table} ORDER BY seq LIMIT 1 OFFSET 1`)
        ).rows;
        // Someone with the owner's rights switches the guard off and edits an event.
        await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER audit_event_append_only`);
        await owner.query(`UPDATE ${table} SET actor_sub = 'nobody' WHERE seq = $1`, [row.seq]);
        await owner.query(`ALTER TABLE ${table} ENABLE TRIGGER audit_event_append_only`);
        return row as { seq: string; id: string; operation: string; actor_sub: string };
      });
      try {
        const edited = await auditVerify();
        expect(edited.code).toBe(1);
        expect(edited.output).toContain(
          `${name}: BROKEN at event ${victim.seq} (${victim.id}, ${victim.operation}) does not match its hash`,
        );
        for (const other of SUBGRAPH_NAMES.filter((n) => n !== name)) {
          expect(edited.output).toMatch(new RegExp(`${other}: \\d+ events, chain intact`));
        }
      } finally {
        await asOwner(async (owner) => {
          await owner.query(`ALTER TABLE ${table} DISABLE TRIGGER audit_event_append_only`);
          await owner.query(`UPDATE ${table} SET actor_sub = $2 WHERE seq = $1`, [victim.seq, victim.actor_sub]);
          await owner.query(`ALTER TABLE ${table} ENABLE TRIGGER audit_event_append_only`);
        });
      }
      expect((await auditVerify()).code).toBe(0);
    });
  },
);
