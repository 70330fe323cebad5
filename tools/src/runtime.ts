import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { migrate, resolveDatabase, withDatabase, type ResolvedDatabase } from "@kgraph/platform";
import { ROOT, loadSubgraphs } from "./subgraphs";

export const DATA_DIR = path.join(ROOT, ".data");
const DATABASE_NAME = "kgraph";

/**
 * Development secrets, generated into .data/ on first run (git-ignored, mode 600). In
 * production they come from the environment instead.
 */
export function developmentSecrets(): { subjectRefKey: string } {
  if (process.env.SUBJECT_REF_KEY) return { subjectRefKey: process.env.SUBJECT_REF_KEY };
  const file = path.join(DATA_DIR, "secrets.json");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify({ subjectRefKey: randomBytes(32).toString("base64url") }, null, 2), {
      mode: 0o600,
    });
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as { subjectRefKey: string };
}

/**
 * The platform's database: DATABASE_URL as given, or the embedded server's `kgraph`
 * database (created on first run).
 */
export async function openPlatformDatabase(log: (line: string) => void): Promise<ResolvedDatabase> {
  const resolved = await resolveDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataRoot: DATA_DIR,
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    log,
  });
  if (!resolved.embedded) return resolved;
  const admin = new Client({ connectionString: resolved.url });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE "${DATABASE_NAME}"`);
  } finally {
    await admin.end();
  }
  return { ...resolved, url: withDatabase(resolved.url, DATABASE_NAME) };
}

/** Applies every subgraph's committed migrations; returns the names newly applied. */
export async function migrateAll(url: string): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const subgraph of loadSubgraphs()) {
    const db = subgraph.createDataSource(url);
    await db.initialize();
    try {
      applied[subgraph.name] = await migrate(db);
    } finally {
      await db.destroy();
    }
  }
  return applied;
}
