import { createHash } from "node:crypto";
import type { AuditEntry, AuditKind } from "./audit-event.entity";

export const GENESIS_HASH = "0".repeat(64);

/**
 * The canonical form new events are hashed in. 1: events written before the client's own claims
 * (its request id, its operation's name) were recorded apart; 2: those claims and the version
 * itself are covered too. The verifier knows every version, so older chains stay verifiable.
 */
export const CURRENT_HASH_VERSION = 2;
export const KNOWN_HASH_VERSIONS: readonly number[] = [1, 2];

export interface AuditContent {
  id: string;
  subgraph: string;
  at: Date;
  actorSub: string | null;
  actorRoles: string[];
  kind: AuditKind;
  operation: string;
  requestId: string | null;
  clientRequestId: string | null;
  clientOperationName: string | null;
  recordIds: string[];
  fields: string[];
  entries: AuditEntry[];
  hashVersion: number;
}

/** The hash of an event: SHA-256 over the previous hash and the event's content in its version's fixed order. */
export function eventHash(previousHash: string, event: AuditContent): string {
  return createHash("sha256").update(previousHash).update("\n").update(canonicalForm(event)).digest("hex");
}

function canonicalForm(event: AuditContent): string {
  const entries = event.entries.map((e) => [e.type, e.id, e.fields]);
  switch (event.hashVersion) {
    case 1:
      return JSON.stringify([
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
        entries,
      ]);
    case 2:
      return JSON.stringify([
        2,
        event.id,
        event.subgraph,
        event.at.toISOString(),
        event.actorSub,
        event.actorRoles,
        event.kind,
        event.operation,
        event.requestId,
        event.clientRequestId,
        event.clientOperationName,
        event.recordIds,
        event.fields,
        entries,
      ]);
    default:
      throw new Error(`audit event ${event.id} has hash version ${String(event.hashVersion)}, which is unknown`);
  }
}
