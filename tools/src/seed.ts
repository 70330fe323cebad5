import "reflect-metadata";
import { migrateAll, openPlatformDatabase } from "./runtime";
import { isSeeded, runSeed } from "./seed/run";
import { DEFAULT_CASES } from "./seed/world";

/**
 * `npm run seed -- [--cases N] [--reset]`: fills the platform's database with a synthetic,
 * deterministic programme. Refuses to add to a seeded database unless --reset is given.
 */
async function main(argv: string[]): Promise<number> {
  let cases = DEFAULT_CASES;
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--reset") reset = true;
    else if (arg === "--cases") {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
        process.stderr.write(`--cases needs a whole number from 1 to 1000000; got ${argv[i] ?? "nothing"}\n`);
        return 2;
      }
      cases = value;
    } else {
      process.stderr.write(`unknown argument ${arg}\nusage: npm run seed -- [--cases N] [--reset]\n`);
      return 2;
    }
  }
  const say = (line: string) => process.stdout.write(`[seed] ${line}\n`);
  const database = await openPlatformDatabase(say);
  try {
    await migrateAll(database.url);
    if (!reset && (await isSeeded(database.url))) {
      process.stderr.write("[seed] the database already holds a programme; add --reset to replace it\n");
      return 1;
    }
    await runSeed(database.url, { cases, reset: true, progress: say });
    return 0;
  } finally {
    await database.embedded?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`[seed] failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
