import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { PUBLISHED_VIEWS, migrate, resolveDatabase, withDatabase, type ResolvedDatabase } from "@kgraph/platform";
import { ROOT, SUBGRAPH_NAMES, loadSubgraphs } from "./subgraphs";

export const DATA_DIR = path.join(ROOT, ".data");
const DATABASE_NAME = "kgraph";

/**
 * Development secrets, generated into .data/ on first run (git-ignored, mode 600). In
 * production they come from the environment instead.
 */
export interface DevelopmentSecrets {
  subjectRefKey: string;
  /** The key the gateway signs its subgraph requests with (GATEWAY_HMAC_SECRET). */
  gatewayHmacSecret: string;
  /** Passwords of the per-subgraph database roles (kgraph_cases, …). */
  databasePasswords: Record<string, string>;
}

export function developmentSecrets(): DevelopmentSecrets {
  const file = path.join(DATA_DIR, "secrets.json");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Partial<DevelopmentSecrets>) : {};
  const secrets: DevelopmentSecrets = {
    subjectRefKey: stored.subjectRefKey ?? randomBytes(32).toString("base64url"),
    gatewayHmacSecret: stored.gatewayHmacSecret ?? randomBytes(32).toString("base64url"),
    databasePasswords: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, stored.databasePasswords?.[name] ?? randomBytes(24).toString("base64url")]),
    ),
  };
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  if (process.env.SUBJECT_REF_KEY) secrets.subjectRefKey = process.env.SUBJECT_REF_KEY;
  if (process.env.GATEWAY_HMAC_SECRET) secrets.gatewayHmacSecret = process.env.GATEWAY_HMAC_SECRET;
  return secrets;
}

/**
 * The platform's database: DATABASE_URL as given, or the embedded server's `kgraph`
 * database (created on first run).
 */
export async function openPlatformDatabase(
  log: (line: string) => void,
  options: { shareRunning?: boolean } = { shareRunning: true },
): Promise<ResolvedDatabase> {
  // A running `npm start` owns the embedded server: the other commands use it as it is.
  const running = options.shareRunning ? runningPlatformDatabase() : undefined;
  if (!process.env.DATABASE_URL && running && (await answers(running))) {
    log("using the database of the running `npm start`");
    return { url: running };
  }
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

const RUNNING_FILE = path.join(DATA_DIR, "running.json");

/** `npm start` notes its embedded database here while it runs, so other commands can share it. */
export function noteRunningDatabase(url: string | undefined): void {
  if (url) fs.writeFileSync(RUNNING_FILE, JSON.stringify({ url, pid: process.pid }), { mode: 0o600 });
  else fs.rmSync(RUNNING_FILE, { force: true });
}

function runningPlatformDatabase(): string | undefined {
  try {
    const { url, pid } = JSON.parse(fs.readFileSync(RUNNING_FILE, "utf8")) as { url: string; pid: number };
    process.kill(pid, 0); // throws when that npm start is gone
    return url;
  } catch {
    return undefined;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
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

/**
 * One login role per subgraph (kgraph_cases, …), allowed into its own schema only, plus the
 * views published to it. The audit table is append-only for it: INSERT and SELECT, never
 * UPDATE, DELETE or TRUNCATE. Its sequences (the audit trail's positions, case numbers) are
 * nextval-only: without UPDATE it cannot setval a position back or forward. Run after every
 * migration (new tables need their grants); it also takes back what earlier versions granted.
 * Returns each subgraph's connection URL.
 */
export async function ensureServiceRoles(
  adminUrl: string,
  passwords: Record<string, string>,
): Promise<Record<string, string>> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const urls: Record<string, string> = {};
    for (const name of SUBGRAPH_NAMES) {
      const role = `kgraph_${name}`;
      const password = passwords[name];
      const exists = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
      const verb = exists.rowCount ? "ALTER" : "CREATE";
      await admin.query(`${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)}`);
      await admin.query(`GRANT USAGE ON SCHEMA ${name} TO ${role}`);
      await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${name} TO ${role}`);
      await admin.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${name} FROM ${role}, PUBLIC`);
      await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${name} TO ${role}`);
      await admin.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${name}.audit_event FROM ${role}, PUBLIC`);
      const url = new URL(adminUrl);
      url.username = role;
      url.password = password;
      urls[name] = url.toString();
    }
    for (const { owner, view, consumers } of PUBLISHED_VIEWS) {
      for (const consumer of consumers) {
        await admin.query(`GRANT USAGE ON SCHEMA ${owner} TO kgraph_${consumer}`);
        await admin.query(`GRANT SELECT ON ${owner}.${view} TO kgraph_${consumer}`);
      }
    }
    return urls;
  } finally {
    await admin.end();
  }
}

/** The variables that name each subgraph's own connection where roles are provisioned outside npm start. */
export const SUBGRAPH_DATABASE_URL_VARS = SUBGRAPH_NAMES.map((name) => `${name.toUpperCase()}_DATABASE_URL`);

/**
 * The connection each subgraph runs with: never DATABASE_URL's own role, which can change or
 * delete the audit trail. By default each subgraph gets its own role (`ensureServiceRoles`),
 * which needs a DATABASE_URL role allowed to create roles. Where roles are provisioned separately
 * (managed databases), <NAME>_DATABASE_URL for every subgraph names them instead; each is checked
 * to be unable to alter its audit trail. Anything else stops with what to do.
 */
export async function subgraphDatabaseUrls(
  adminUrl: string,
  passwords: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ urls: Record<string, string>; source: "created" | "environment" }> {
  const given = SUBGRAPH_DATABASE_URL_VARS.filter((variable) => env[variable]);
  if (given.length > 0) {
    const missing = SUBGRAPH_DATABASE_URL_VARS.filter((variable) => !env[variable]);
    if (missing.length) {
      throw new Error(
        `${given.join(", ")} ${given.length === 1 ? "is" : "are"} set but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not: ` +
          "with roles provisioned outside npm start, set every subgraph's own database URL (see README, Configuration).",
      );
    }
    const urls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name, i) => [name, env[SUBGRAPH_DATABASE_URL_VARS[i]] as string]),
    );
    for (const [i, name] of SUBGRAPH_NAMES.entries()) {
      const { role, powers } = await auditTrailPowers(urls[name], name);
      if (powers.length) {
        throw new Error(
          `${SUBGRAPH_DATABASE_URL_VARS[i]} connects as ${role}, which ${powers.join(" and ")}: the ${name} subgraph must not ` +
            `be able to alter its audit trail. Give it a role like the one \`node tools/dist/migrate.js --service-roles\` creates ` +
            `(INSERT and SELECT on ${name}.audit_event, USAGE on its sequences, nothing more).`,
        );
      }
    }
    return { urls, source: "environment" };
  }
  try {
    return { urls: await ensureServiceRoles(adminUrl, passwords), source: "created" };
  } catch (err) {
    const role = decodeURIComponent(new URL(adminUrl).username) || "(default user)";
    throw new Error(
      `could not create the subgraphs' own database roles (${SUBGRAPH_NAMES.map((n) => `kgraph_${n}`).join(", ")}): ` +
        `${err instanceof Error ? err.message : String(err)}.\n` +
        `The subgraphs will not run as DATABASE_URL's own role (${role}), which could change or delete the audit trail. Either\n` +
        "  - point DATABASE_URL at a role with CREATEROLE (e.g. the database owner given CREATEROLE, or a superuser), or\n" +
        "  - create the roles separately (`node tools/dist/migrate.js --service-roles` as an administrator, with " +
        `${SUBGRAPH_NAMES.map((n) => `${n.toUpperCase()}_DB_PASSWORD`).join(", ")}) and set ` +
        `${SUBGRAPH_DATABASE_URL_VARS.join(", ")} to their connection URLs (README, Configuration).`,
    );
  }
}

/** What a connection's role could do to a subgraph's audit trail beyond appending and reading it. */
export async function auditTrailPowers(url: string, schema: string): Promise<{ role: string; powers: string[] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const table = `${schema}.audit_event`;
    const { rows } = await client.query(
      `SELECT current_user AS role,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              pg_has_role(current_user, (SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = 'audit_event'), 'USAGE') AS owner,
              has_table_privilege($2, 'UPDATE') AS "update", has_table_privilege($2, 'DELETE') AS "delete",
              has_table_privilege($2, 'TRUNCATE') AS "truncate",
              has_sequence_privilege(pg_get_serial_sequence($2, 'seq'), 'UPDATE') AS "setval"`,
      [schema, table],
    );
    const found = rows[0] as Record<string, boolean | string>;
    const powers: string[] = [];
    if (found.superuser) powers.push("is a superuser");
    else if (found.owner) powers.push(`owns ${table}`);
    for (const privilege of ["update", "delete", "truncate"] as const) {
      if (found[privilege] && !found.superuser && !found.owner) powers.push(`may ${privilege.toUpperCase()} ${table}`);
    }
    if (found.setval && !found.superuser && !found.owner) powers.push("may setval its sequence");
    return { role: String(found.role), powers };
  } finally {
    await client.end();
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
