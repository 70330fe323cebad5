import "reflect-metadata";
import { verifyChain } from "@kgraph/platform";
import { openPlatformDatabase } from "./runtime";
import { SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm run audit:verify`: checks every subgraph's audit chain; names the first broken link and
 * exits 1, or exits 0 when every chain is whole.
 */
async function main(): Promise<number> {
  const say = (line: string) => process.stdout.write(`[audit:verify] ${line}\n`);
  const database = await openPlatformDatabase(say);
  let failures = 0;
  try {
    for (const schema of SUBGRAPH_NAMES) {
      const result = await verifyChain(database.url, schema);
      if (result.broken) {
        failures += 1;
        say(`${schema}: BROKEN at ${result.broken}`);
      } else {
        say(`${schema}: ${result.events} events, chain intact`);
      }
    }
  } finally {
    await database.embedded?.stop();
  }
  return failures ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`[audit:verify] failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
