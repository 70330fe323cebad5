import { createDataSource } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import { SUBGRAPH_NAMES } from "../subgraphs";
import { seedCases } from "./cases";
import { seedFacilities } from "./facilities";
import { seedMonitoring } from "./monitoring";
import { seedOversight } from "./oversight";
import { seedTraining } from "./training";
import { type SeedWorld, buildWorld, DEFAULT_CASES } from "./world";

/** What a seed leaves for the running platform to do (what can only be done through the graph). */
export interface SeedOutcome {
  /** Impact assessments for the Ombudsperson to publish, oldest first (publish.ts). */
  assessmentsToPublish: string[];
}

type Seeder = (
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
) => Promise<void | Partial<SeedOutcome>>;

/**
 * Each subgraph's seed, in this order, all drawn from one synthetic world (world.ts), which is why
 * they live here and not in their subgraphs. A registered subgraph without one starts empty.
 */
const SEEDERS: [name: string, seed: Seeder][] = [
  ["cases", seedCases],
  ["facilities", seedFacilities],
  ["monitoring", seedMonitoring],
  ["training", seedTraining],
  // After cases: its review-gap items name the joint case reviews that seed wrote.
  ["oversight", seedOversight],
];

/** Whether the platform's database already holds a programme (then `npm start` does not seed). */
export async function isSeeded(url: string): Promise<boolean> {
  const db = plainDataSource(url);
  await db.initialize();
  try {
    const rows = (await db.query(`SELECT EXISTS (SELECT 1 FROM cases.agreement) AS seeded`)) as { seeded: boolean }[];
    return rows[0].seeded;
  } finally {
    await db.destroy();
  }
}

/**
 * Seeds every subgraph from one synthetic world. All the seeds run in one transaction on one
 * connection: a failure part-way leaves the database as it was. Returns what is left to do once
 * the platform runs (`publishSeededAssessments`).
 */
export async function runSeed(
  url: string,
  options: { cases?: number; reset?: boolean; progress: (line: string) => void },
): Promise<SeedOutcome> {
  const started = Date.now();
  const world = buildWorld({ cases: options.cases ?? DEFAULT_CASES });
  options.progress(
    `world: ${world.cases.length} cases, ${world.transfers.length} transfers, ${world.facilities.length} facilities, ` +
      `${world.officials.length} officials, monthly cap ${world.agreement.monthlyCap}`,
  );
  // One connection serves the single transaction; each subgraph's tables are schema-qualified.
  const db = plainDataSource(url);
  await db.initialize();
  const runner = db.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    if (options.reset) {
      for (const name of SUBGRAPH_NAMES) await truncateSchema(runner, name);
      options.progress("reset: emptied every subgraph's tables (the audit trails stay: they are append-only)");
    }
    const tx = transactionalDataSource(db, runner);
    const outcome: SeedOutcome = { assessmentsToPublish: [] };
    for (const [name, seed] of SEEDERS) {
      let lastShown = -1;
      const left = await seed(tx, world, (done, total) => {
        const percent = total ? Math.floor((done / total) * 100) : 100;
        if (percent >= lastShown + 10 || (done === total && lastShown < 100)) {
          lastShown = percent;
          options.progress(`${name}: ${percent}% (${done}/${total})`);
        }
      });
      outcome.assessmentsToPublish.push(...(left?.assessmentsToPublish ?? []));
    }
    await runner.commitTransaction();
    options.progress(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return outcome;
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
    await db.destroy();
  }
}

async function truncateSchema(runner: { query(sql: string): Promise<unknown> }, schema: string): Promise<void> {
  const tables = (await runner.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = '${schema}' AND tablename NOT IN ('migrations', 'audit_event')`,
  )) as { tablename: string }[];
  if (tables.length) {
    await runner.query(`TRUNCATE ${tables.map((t) => `"${schema}"."${t.tablename}"`).join(", ")}`);
  }
}

/**
 * A DataSource whose `query` runs on the transaction's connection, so seeders written against
 * a DataSource insert inside the one transaction.
 */
function transactionalDataSource(
  db: DataSource,
  runner: { query(sql: string, params?: unknown[]): Promise<unknown> },
): DataSource {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === "query") return (sql: string, params?: unknown[]) => runner.query(sql, params);
      if (property === "manager") return (runner as unknown as { manager: unknown }).manager;
      return Reflect.get(target, property, receiver);
    },
  });
}

/** A connection pool with no entities: the seed writes schema-qualified SQL only. */
function plainDataSource(url: string): DataSource {
  return createDataSource({ url, schema: "public", entities: [], migrations: [], poolSize: 2 });
}
