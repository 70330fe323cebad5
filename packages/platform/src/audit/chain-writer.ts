import type { DataSource, EntityManager } from "typeorm";
import { databaseUnavailable } from "../errors";
import { AuditEvent } from "./audit-event.entity";
import { type AuditContent, GENESIS_HASH, eventHash } from "./chain";

/** Rows one flush inserts, in one statement (about 16 parameters a row, far below PostgreSQL's 65,535). */
export const MAX_EVENTS_PER_FLUSH = 200;

interface Waiting {
  content: AuditContent;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Takes the chain's lock and reads its head: every appender of a subgraph's chain, in any process,
 * takes the same transaction-scoped advisory lock first, so each event links to the one committed
 * before it. Reading the head after the lock (a statement of its own) sees every event committed
 * by the appender that held it before.
 */
async function lockedHead(tx: EntityManager, subgraph: string): Promise<string> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kgraph-audit:${subgraph}`]);
  const last = (await tx.query(`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`)) as { hash: string }[];
  return last[0]?.hash ?? GENESIS_HASH;
}

/** The events linked, in order, to the chain's head: each one's hash covers the one before. */
function linked(head: string, events: AuditContent[]): (AuditContent & { previousHash: string; hash: string })[] {
  let previousHash = head;
  return events.map((content) => {
    const hash = eventHash(previousHash, content);
    const row = { ...content, previousHash, hash };
    previousHash = hash;
    return row;
  });
}

/**
 * Appends events to the chain inside the caller's transaction: a mutation's WRITE event commits
 * with its change, or not at all. It takes the chain's lock like a batched flush does, so writes
 * and batches of reads interleave on one chain.
 */
export async function appendInTransaction(tx: EntityManager, ...events: AuditContent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await lockedHead(tx, events[0].subgraph);
  // One multi-row INSERT: the rows take their sequence numbers in this order, under the lock.
  await tx.insert(AuditEvent, linked(head, events));
}

/**
 * The group-commit writer of one subgraph's chain in one process (one per DataSource): requests'
 * READ events queue here, and one flush appends every event waiting — the chain's lock taken once,
 * its head read once, the hashes computed in order, one multi-row INSERT, one transaction. Each
 * `append` resolves only once its event is committed, so nothing is answered whose event is not
 * durable. While a flush runs, new events wait for the next one: under load, batches form by
 * themselves, with no timer; alone, an event is written at once.
 *
 * A flush that fails because the database is away fails every event in it with that error (the
 * transaction left nothing: no partial batch). A flush that fails otherwise (one event the table
 * refuses) is retried one event at a time, so only the refused event's request fails.
 */
export class AuditChainWriter {
  private readonly waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly db: DataSource,
    private readonly subgraph: string,
    private readonly maxEventsPerFlush = MAX_EVENTS_PER_FLUSH,
  ) {}

  /** Queues an event; resolves when it is committed, rejects with the error that kept it out. */
  append(content: AuditContent): Promise<void> {
    if (content.subgraph !== this.subgraph) {
      return Promise.reject(new Error(`an event of ${content.subgraph} sent to ${this.subgraph}'s chain`));
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ content, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      // Events queued in the same turn of the event loop join the first flush.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxEventsPerFlush);
        try {
          await this.db.transaction((tx) => appendInTransaction(tx, ...batch.map((w) => w.content)));
          for (const w of batch) w.resolve();
        } catch (err) {
          if (batch.length === 1 || databaseUnavailable(err)) {
            for (const w of batch) w.reject(err);
          } else {
            await this.oneByOne(batch);
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /** Each event in its own transaction: one the table refuses fails alone. */
  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const [i, w] of batch.entries()) {
      try {
        await this.db.transaction((tx) => appendInTransaction(tx, w.content));
        w.resolve();
      } catch (err) {
        if (!databaseUnavailable(err)) {
          w.reject(err);
          continue;
        }
        // The database went away meanwhile: no use trying the rest.
        for (const rest of batch.slice(i)) rest.reject(err);
        return;
      }
    }
  }
}

const writers = new WeakMap<DataSource, Map<string, AuditChainWriter>>();

/** The one writer of `subgraph`'s chain through this DataSource (its pool), made on first use. */
export function chainWriter(db: DataSource, subgraph: string): AuditChainWriter {
  let bySubgraph = writers.get(db);
  if (!bySubgraph) {
    bySubgraph = new Map();
    writers.set(db, bySubgraph);
  }
  let writer = bySubgraph.get(subgraph);
  if (!writer) {
    writer = new AuditChainWriter(db, subgraph);
    bySubgraph.set(subgraph, writer);
  }
  return writer;
}
