import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { Viewer } from "../context";
import { type AuditEntry, AuditEvent, AuditKind } from "./audit-event.entity";
import { type AuditContent, GENESIS_HASH, eventHash } from "./chain";

/**
 * Collects what one request must leave in the audit trail. Reads of audited fields are noted
 * as the resolvers run and written as ONE event when the request ends (so a list of 200 people
 * costs one insert, not 200); a write is appended inside the mutation's own transaction, so a
 * failed mutation leaves no event and a committed one always has its event.
 */
export class AuditRecorder {
  private readonly reads = new Map<string, AuditEntry>();
  private operation = "query";

  constructor(
    /** The subgraph's database, where its trail lives (also read by the audit trail query). */
    readonly db: DataSource,
    private readonly subgraph: string,
    private readonly viewer: Viewer,
    private readonly requestId: string,
  ) {}

  /** Names the operation reads belong to (the first resolver that reads sets it). */
  describeOperation(operation: string): void {
    if (this.reads.size === 0) this.operation = operation;
  }

  read(type: string, id: string | null, field: string): void {
    const key = `${type}\u0000${id ?? ""}`;
    const entry = this.reads.get(key) ?? { type, id, fields: [] };
    if (!entry.fields.includes(field)) entry.fields.push(field);
    this.reads.set(key, entry);
  }

  /** Appends a WRITE event in the caller's transaction. */
  async write(
    tx: EntityManager,
    operation: string,
    records: { type: string; id: string }[],
    fields: string[],
  ): Promise<void> {
    const entries = records.map((r) => ({ type: r.type, id: r.id, fields: [...fields].sort() }));
    await appendEvent(tx, this.content(AuditKind.WRITE, operation, entries));
  }

  /** Writes the request's READ event, if it read anything audited. */
  async flush(): Promise<void> {
    if (this.reads.size === 0) return;
    const entries = [...this.reads.values()].map((e) => ({ ...e, fields: [...e.fields].sort() }));
    this.reads.clear();
    await this.db.transaction((tx) => appendEvent(tx, this.content(AuditKind.READ, this.operation, entries)));
  }

  private content(kind: AuditKind, operation: string, entries: AuditEntry[]): AuditContent {
    return {
      id: randomUUID(),
      subgraph: this.subgraph,
      at: new Date(),
      actorSub: this.viewer.sub ?? null,
      actorRoles: [...this.viewer.roles].sort(),
      kind,
      operation: operation.slice(0, 300),
      requestId: this.requestId,
      recordIds: [...new Set(entries.map((e) => e.id).filter((id): id is string => id !== null))].sort(),
      fields: [...new Set(entries.flatMap((e) => e.fields.map((f) => `${e.type}.${f}`)))].sort(),
      entries,
    };
  }
}

/**
 * Appends one event to the chain. A transaction-scoped advisory lock serialises appenders of
 * this subgraph, so each event links to the one before it even under concurrent requests.
 */
async function appendEvent(tx: EntityManager, content: AuditContent): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kgraph-audit:${content.subgraph}`]);
  const last = (await tx.query(`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`)) as { hash: string }[];
  const previousHash = last[0]?.hash ?? GENESIS_HASH;
  await tx.insert(AuditEvent, { ...content, previousHash, hash: eventHash(previousHash, content) });
}
