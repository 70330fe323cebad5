import { createHash } from "node:crypto";
import type { AuditEntry, AuditKind } from "./audit-event.entity";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  id: string;
  subgraph: string;
  at: Date;
  actorSub: string | null;
  actorRoles: string[];
  kind: AuditKind;
  operation: string;
  requestId: string | null;
  recordIds: string[];
  fields: string[];
  entries: AuditEntry[];
}

/** The hash of an event: SHA-256 over the previous hash and the event's content in a fixed order. */
export function eventHash(previousHash: string, event: AuditContent): string {
  const canonical = JSON.stringify([
    event.id,
    event.subgraph,
    event.at.toISOString(),
    event.actorSub,
    event.actorRoles,
    event.kind,
    event.operation,
    event.requestId,
    event.recordIds,
    event.fields,
    event.entries.map((e) => [e.type, e.id, e.fields]),
  ]);
  return createHash("sha256").update(previousHash).update("\n").update(canonical).digest("hex");
}
