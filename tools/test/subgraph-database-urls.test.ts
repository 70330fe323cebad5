import { randomBytes } from "node:crypto";
import { createTestDatabase } from "@kgraph/platform";
import { Client } from "pg";
import { SUBGRAPH_DATABASE_URL_VARS, ensureServiceRoles, migrateAll, subgraphDatabaseUrls } from "../src/runtime";
import { SUBGRAPH_NAMES } from "../src/subgraphs";

/**
 * `npm start` never runs the subgraphs as DATABASE_URL's own role (which can alter the audit
 * trail): it creates each subgraph's role, or takes roles provisioned elsewhere from
 * <NAME>_DATABASE_URL after checking them, or stops and says what to do.
 */
const LOW_ROLE = `kgraph_test_nocreaterole_${randomBytes(4).toString("hex")}`;
const PASSWORD = randomBytes(12).toString("hex");
const passwords = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, randomBytes(12).toString("hex")]));
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let lowUrl: string;

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase("kgraph_roles");
  await migrateAll(database.url);
  await asAdmin(`CREATE ROLE ${LOW_ROLE} LOGIN NOSUPERUSER NOCREATEROLE PASSWORD '${PASSWORD}'`);
  const url = new URL(database.url);
  url.username = LOW_ROLE;
  url.password = PASSWORD;
  lowUrl = url.toString();
}, 60_000);
afterAll(async () => {
  await database?.drop();
  const client = new Client({ connectionString: process.env.KGRAPH_TEST_SERVER_URL ?? process.env.DATABASE_URL });
  await client.connect();
  await client.query(`DROP ROLE IF EXISTS ${LOW_ROLE}`).finally(() => client.end());
});

it("stops, saying why and what to do, when DATABASE_URL's role may not create the subgraphs' roles", async () => {
  const refused = subgraphDatabaseUrls(lowUrl, passwords, {});
  await expect(refused).rejects.toThrow(/could not create the subgraphs' own database roles/);
  await expect(refused).rejects.toThrow(`will not run as DATABASE_URL's own role (${LOW_ROLE})`);
  await expect(refused).rejects.toThrow(/a role with CREATEROLE/);
  await expect(refused).rejects.toThrow(SUBGRAPH_DATABASE_URL_VARS.join(", "));
});

it("takes every subgraph's own URL where roles are provisioned separately", async () => {
  const urls = await ensureServiceRoles(database.url, passwords);
  const env = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [SUBGRAPH_DATABASE_URL_VARS[i], urls[name]]));
  await expect(subgraphDatabaseUrls(lowUrl, passwords, env)).resolves.toEqual({ urls, source: "environment" });
});

it("refuses a provisioned role that could alter its audit trail, and an incomplete set", async () => {
  const urls = await ensureServiceRoles(database.url, passwords);
  const env = Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [SUBGRAPH_DATABASE_URL_VARS[i], urls[name]]));
  const superuser = new URL(database.url).username;
  await expect(subgraphDatabaseUrls(lowUrl, passwords, { ...env, CASES_DATABASE_URL: database.url })).rejects.toThrow(
    `CASES_DATABASE_URL connects as ${superuser}, which is a superuser`,
  );
  await asAdmin(`GRANT USAGE ON SCHEMA monitoring TO ${LOW_ROLE}`);
  await asAdmin(`GRANT SELECT, INSERT, UPDATE ON monitoring.audit_event TO ${LOW_ROLE}`);
  await asAdmin(`GRANT UPDATE ON SEQUENCE monitoring.audit_event_seq_seq TO ${LOW_ROLE}`);
  await expect(subgraphDatabaseUrls(lowUrl, passwords, { ...env, MONITORING_DATABASE_URL: lowUrl })).rejects.toThrow(
    `MONITORING_DATABASE_URL connects as ${LOW_ROLE}, which may UPDATE monitoring.audit_event and may setval its sequence`,
  );
  await expect(subgraphDatabaseUrls(lowUrl, passwords, { CASES_DATABASE_URL: urls.cases })).rejects.toThrow(
    `CASES_DATABASE_URL is set but ${SUBGRAPH_DATABASE_URL_VARS.filter((v) => v !== "CASES_DATABASE_URL").join(", ")} are not`,
  );
});
