import { createHash } from "node:crypto";
import { type DocumentNode, getOperationAST, parse } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import { userError } from "../errors";

/**
 * Idempotency keys: a client that retries a mutation after a timeout (did it act or not?) sends
 * the same `Idempotency-Key` header with the same request, and the mutation acts once. The
 * gateway passes the header on to the subgraphs inside its signature; each subgraph keeps the keys
 * of its own writes (table `idempotency_key`, one per subgraph schema):
 *
 * - the first request with a (caller, key) runs; the key is written inside the mutation's own
 *   transaction (see `auditedDataSource`), so it is there exactly when the change committed;
 * - a retry with the same key and the same request gets the stored answer, without acting;
 * - the same key with another request is refused (IDEMPOTENCY_KEY_REUSED, HTTP 422);
 * - a duplicate that arrives while the first is still running waits for its answer, or is told
 *   IDEMPOTENCY_KEY_IN_USE (HTTP 409) when none comes in time;
 * - a request that changed nothing (refused, failed) leaves no key: retrying it runs it again;
 * - a public caller's key is not kept: every public caller is one caller to the platform, and a
 *   stored answer (a complaint's receipt code) would go to whoever sent the same key and body.
 *
 * Keys expire after 24 hours. Queries ignore the header.
 */
export const IDEMPOTENCY_KEY_HEADER = "idempotency-key";
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;
/** How long a duplicate waits for the first request's answer before it is told IN_USE. */
const WAIT_FOR_ANSWER_MS = 5000;

/** A header value as a key: undefined when absent, an Error (the reason) when malformed. */
export function idempotencyKeyOf(value: string | string[] | undefined): string | Error | undefined {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (candidate === undefined || candidate === "") return undefined;
  if (!KEY.test(candidate)) {
    return new Error("The Idempotency-Key header must be 1 to 255 visible ASCII characters (a UUID, say).");
  }
  return candidate;
}

/** Whether a request's operation is a mutation (the only kind a key applies to). */
export function isMutationRequest(query: unknown, operationName: unknown): boolean {
  if (typeof query !== "string") return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false; // Apollo Server refuses it on its own terms.
  }
  const name = typeof operationName === "string" ? operationName : undefined;
  return getOperationAST(document, name)?.operation === "mutation";
}

/** Who a caller is to the access policy, besides their `sub`: what decides what they may do and see. */
export interface CallerView {
  roles: readonly string[];
  facilityId?: string;
  orgId?: string;
  officialId?: string;
}

/**
 * SHA-256 of what a key is bound to: the query, the operation name, the variables, and the
 * caller's roles and record-rule claims. Keys are kept per `sub`; a token with the same `sub` but
 * other roles or claims (a user whose role changed, a second token) is another caller to the
 * policy, and must not be handed an answer stored for the first (probe 2, F3: a monitor token with
 * an officer's `sub` got the officer's stored answer back): it is told IDEMPOTENCY_KEY_REUSED.
 */
export function requestFingerprint(
  query: unknown,
  operationName: unknown,
  variables: unknown,
  caller: CallerView,
): string {
  const view = {
    roles: [...caller.roles].sort(),
    facilityId: caller.facilityId ?? null,
    orgId: caller.orgId ?? null,
    officialId: caller.officialId ?? null,
  };
  return createHash("sha256")
    .update(canonicalJson([query ?? null, operationName ?? null, variables ?? null, view]))
    .digest("hex");
}

/** JSON with object keys sorted, so the same variables in another order are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What an earlier request with the same key means for this one. */
export type EarlierRequest =
  | { kind: "none" }
  | { kind: "answered"; status: number; body: string }
  | { kind: "running" }
  | { kind: "other-request" };

interface KeyRow {
  fingerprint: string;
  response_status: number | null;
  response_body: string | null;
}

/** One mutation request that carries a key, in one subgraph. */
export class IdempotentRequest {
  /** Set once a transaction of this request committed with the key in it. */
  private claimed = false;
  /** Set when a concurrent duplicate committed the key first. */
  lostRace = false;

  constructor(
    private readonly db: DataSource,
    readonly actorSub: string,
    readonly key: string,
    readonly fingerprint: string,
    private readonly requestId: string,
  ) {}

  /** The live (unexpired) request with this key, if any, as this request should see it. */
  async earlier(): Promise<EarlierRequest> {
    const [row] = (await this.db.query(
      `SELECT fingerprint, response_status, response_body FROM idempotency_key
        WHERE actor_sub = $1 AND key = $2 AND expires_at > now()`,
      [this.actorSub, this.key],
    )) as KeyRow[];
    if (!row) return { kind: "none" };
    if (row.fingerprint !== this.fingerprint) return { kind: "other-request" };
    if (row.response_status === null || row.response_body === null) return { kind: "running" };
    return { kind: "answered", status: row.response_status, body: row.response_body };
  }

  /** After losing the race: the winner's answer once it is stored, or `running` past the wait. */
  async awaitAnswer(): Promise<EarlierRequest> {
    const deadline = Date.now() + WAIT_FOR_ANSWER_MS;
    for (;;) {
      const earlier = await this.earlier();
      if (earlier.kind !== "running" || Date.now() > deadline) return earlier;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Inside a write's transaction: takes the key for this request. A concurrent duplicate's insert
   * waits on the first one's uncommitted row and, once that commits, finds the key taken: its
   * transaction is rolled back (IDEMPOTENCY_KEY_IN_USE), so only one of them acts. An expired key
   * is taken over.
   */
  async claim(tx: EntityManager): Promise<void> {
    if (this.claimed) return;
    const rows = (await tx.query(
      `INSERT INTO idempotency_key (actor_sub, key, fingerprint, request_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, now(), now() + make_interval(secs => $5))
       ON CONFLICT (actor_sub, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,
             response_status = NULL, response_body = NULL
         WHERE idempotency_key.expires_at <= now()
       RETURNING key`,
      [this.actorSub, this.key, this.fingerprint, this.requestId, IDEMPOTENCY_TTL_MS / 1000],
    )) as unknown[];
    if (!rows.length) {
      this.lostRace = true;
      throw inUse();
    }
  }

  /** The claiming transaction committed: later transactions of this request do not claim again. */
  committed(): void {
    this.claimed = true;
  }

  /** Whether this request acted (its key was committed with a change). */
  get acted(): boolean {
    return this.claimed;
  }

  /** Stores the answer sent for a request that acted, for its retries; and sweeps expired keys. */
  async storeAnswer(status: number, body: string): Promise<void> {
    if (!this.claimed) return;
    await this.db.query(
      `UPDATE idempotency_key SET response_status = $3, response_body = $4 WHERE actor_sub = $1 AND key = $2`,
      [this.actorSub, this.key, status, body],
    );
    await this.db.query(
      `DELETE FROM idempotency_key WHERE ctid IN
         (SELECT ctid FROM idempotency_key WHERE expires_at <= now() LIMIT 100)`,
    );
  }
}

export const inUse = () =>
  userError(
    "IDEMPOTENCY_KEY_IN_USE",
    "A request with this Idempotency-Key is still being handled (or its answer was lost); retry later with the same key.",
  );

export const keyReused = () =>
  userError(
    "IDEMPOTENCY_KEY_REUSED",
    "This Idempotency-Key was used for a different request (another operation, other variables, or a token with other roles or claims); use a new key for a new request.",
  );
