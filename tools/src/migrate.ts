import "reflect-metadata";
import { ensureServiceRoles, migrateAll, openPlatformDatabase } from "./runtime";
import { SUBGRAPH_NAMES } from "./subgraphs";
import { isSeeded, runSeed } from "./seed/run";

/**
 * `node tools/dist/migrate.js [--service-roles] [--seed-if-empty]`: applies every subgraph's
 * migrations (the one-shot job in docker-compose.yml). --service-roles then creates or updates
 * each subgraph's login role (kgraph_<name>, password from <NAME>_DB_PASSWORD) and its grants;
 * --seed-if-empty seeds the default synthetic programme into an empty database (demonstration
 * deployments only).
 */
async function main(argv: string[]): Promise<void> {
  const say = (line: string) => process.stdout.write(`[migrate] ${line}\n`);
  const database = await openPlatformDatabase(say);
  try {
    const applied = await migrateAll(database.url);
    for (const [name, migrations] of Object.entries(applied)) {
      say(`${name}: ${migrations.length ? `applied ${migrations.join(", ")}` : "up to date"}`);
    }
    if (argv.includes("--service-roles")) {
      const passwords = Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => {
          const password = process.env[`${name.toUpperCase()}_DB_PASSWORD`];
          if (!password) throw new Error(`${name.toUpperCase()}_DB_PASSWORD is required with --service-roles`);
          return [name, password];
        }),
      );
      await ensureServiceRoles(database.url, passwords);
      say(`login roles ${SUBGRAPH_NAMES.map((n) => `kgraph_${n}`).join(", ")} and their grants are in place`);
    }
    if (argv.includes("--seed-if-empty") && !(await isSeeded(database.url))) {
      const { assessmentsToPublish } = await runSeed(database.url, { progress: say });
      // Publishing takes the running graph and the Ombudsperson's sign-in (compose: Keycloak).
      if (assessmentsToPublish.length) {
        say(
          `${assessmentsToPublish.length} earlier impact assessments wait in consultation for the Ombudsperson to publish through the graph`,
        );
      }
    }
  } finally {
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`[migrate] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
