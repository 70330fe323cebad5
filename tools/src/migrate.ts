import "reflect-metadata";
import { migrateAll, openPlatformDatabase } from "./runtime";
import { isSeeded, runSeed } from "./seed/run";

/**
 * `node tools/dist/migrate.js [--seed-if-empty]`: applies every subgraph's migrations (the
 * one-shot job in docker-compose.yml); with --seed-if-empty, seeds the default synthetic
 * programme into an empty database (demonstration deployments only).
 */
async function main(argv: string[]): Promise<void> {
  const say = (line: string) => process.stdout.write(`[migrate] ${line}\n`);
  const database = await openPlatformDatabase(say);
  try {
    const applied = await migrateAll(database.url);
    for (const [name, migrations] of Object.entries(applied)) {
      say(`${name}: ${migrations.length ? `applied ${migrations.join(", ")}` : "up to date"}`);
    }
    if (argv.includes("--seed-if-empty") && !(await isSeeded(database.url))) {
      await runSeed(database.url, { progress: say });
    }
  } finally {
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`[migrate] failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
