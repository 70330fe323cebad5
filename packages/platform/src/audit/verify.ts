import type { DataSource } from "typeorm";
import { createDataSource } from "../database";
import { AuditEvent } from "./audit-event.entity";
import { GENESIS_HASH, KNOWN_HASH_VERSIONS, eventHash } from "./chain";

const BATCH = 5000;

/**
 * Walks a subgraph's audit chain from the first event and checks that every event's hash covers
 * its content and the hash before it, in the canonical form of the event's hash version (events
 * written before a version change keep the form they were written in). Returns the number of
 * events read and, when the chain is broken, which event breaks it first (edited, removed, or
 * inserted out of order).
 */
export async function verifyChain(url: string, schema: string): Promise<{ events: number; broken?: string }> {
  const db: DataSource = createDataSource({ url, schema, entities: [AuditEvent], migrations: [], poolSize: 1 });
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
        if (!KNOWN_HASH_VERSIONS.includes(row.hashVersion)) {
          return {
            events,
            broken: `event ${row.seq} (${row.id}) claims hash version ${row.hashVersion}, which no version of the platform wrote`,
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
