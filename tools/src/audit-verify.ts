import "reflect-metadata";
import { AuditEvent, GENESIS_HASH, createDataSource, eventHash } from "@kgraph/platform";
import { openPlatformDatabase } from "./runtime";
import { SUBGRAPH_NAMES } from "./subgraphs";

/**
 * `npm run audit:verify`: walks each subgraph's audit chain from the first event and checks
 * that every event's hash covers its content and the hash before it. Names the first broken
 * link (an event edited, removed or inserted out of order) and exits 1; exits 0 when every
 * chain is whole.
 */
const BATCH = 5000;

export async function verifyChain(url: string, schema: string): Promise<{ events: number; broken?: string }> {
  const db = createDataSource({ url, schema, entities: [AuditEvent], migrations: [], poolSize: 1 });
  await db.initialize();
  try {
    let previousHash = GENESIS_HASH;
    let lastSeq = "0";
    let events = 0;
    for (;;) {
      const rows = await db
        .getRepository(AuditEvent)
        .createQueryBuilder("e")
        .where("e.seq > :lastSeq", { lastSeq })
        .orderBy("e.seq", "ASC")
        .limit(BATCH)
        .getMany();
      for (const row of rows) {
        events += 1;
        if (row.previousHash !== previousHash) {
          return {
            events,
            broken: `event ${row.seq} (${row.id}) links to ${row.previousHash.slice(0, 12)}…, but the event before it has hash ${previousHash.slice(0, 12)}… — an event before it was removed or changed`,
          };
        }
        const computed = eventHash(previousHash, row);
        if (computed !== row.hash) {
          return {
            events,
            broken: `event ${row.seq} (${row.id}, ${row.operation}) does not match its hash — its content was changed after it was written`,
          };
        }
        previousHash = row.hash;
        lastSeq = row.seq;
      }
      if (rows.length < BATCH) return { events };
    }
  } finally {
    await db.destroy();
  }
}

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
