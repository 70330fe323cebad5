import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { defaultParamsSerializer } from "@graphql-mesh/hmac-upstream-signature";

/**
 * Signed upstream requests: how a subgraph knows a request comes from the gateway, and so may
 * take the request id (and the client's claims) the gateway passes on in headers.
 *
 * The gateway signs with `@graphql-mesh/hmac-upstream-signature` (HMAC-SHA256 with the shared
 * secret, base64 in the request's `extensions["hmac-signature"]`). By default that covers the
 * query and variables only, so a signed body replayed with other headers would still pass: here
 * the signed content is the library's serialised request followed by the ids the gateway
 * vouches for, so the signature covers exactly what the subgraph is asked to believe. Apollo
 * Server cannot mount the library's Yoga plugin, so the subgraph checks the same HMAC itself.
 *
 * A signature alone could be replayed: a signed `fileComplaint` or `placeCase` captured on the
 * network between gateway and subgraphs would act again each time it is resent. So each signed
 * request also carries a stamp (`extensions["kgraph-signed"]`: when it was signed and a nonce
 * never signed twice) inside the signed content; a subgraph takes a request as the gateway's only
 * while its stamp is fresh (SIGNATURE_MAX_AGE_MS) and its nonce unseen (ReplayGuard).
 */
export const SIGNATURE_EXTENSION = "hmac-signature";

/** What the gateway vouches for in a signed request, as it sends them in headers. */
export interface GatewayClaims {
  /** `x-request-id`: the gateway's own request id. */
  requestId: string | null;
  /** `x-client-request-id`: the id the client sent the gateway, if any. */
  clientRequestId: string | null;
  /** `x-operation-name`: the name the client gave its operation, if any. */
  clientOperationName: string | null;
  /** `idempotency-key`: the client's key for acting once however often it retries (see idempotency/). */
  idempotencyKey?: string | null;
}

/** Where the stamp travels, beside the signature. */
export const STAMP_EXTENSION = "kgraph-signed";

/** When the gateway signed a request, and a value it never signs twice. */
export interface SignatureStamp {
  at: number;
  nonce: string;
}

/** How far a stamp's time may be from the subgraph's clock, either way (clock skew included). */
export const SIGNATURE_MAX_AGE_MS = 60_000;

/** A stamp for a request being signed now. */
export function newStamp(now = Date.now()): SignatureStamp {
  return { at: now, nonce: randomUUID() };
}

/**
 * What else a subgraph acts on besides the query and variables, signed with them (probe 3, L3): a
 * body signed for one operation of a document ran another when `operationName` was changed, and a
 * signed body could be sent with any other caller's token.
 */
export interface SignedEnvelope {
  /** The request's `operationName`: which operation of the document runs. */
  operationName: string | null;
  /** The `Authorization` header the request carries: whose request it is. */
  authorization: string | null;
}

/**
 * The content a signature covers: the library's serialised request, then the claims, then the
 * stamp, then the envelope. The idempotency key is appended to the claims only when there is one.
 */
export function signedContent(
  serializedRequest: string,
  claims: GatewayClaims,
  stamp: SignatureStamp,
  envelope: SignedEnvelope,
): string {
  const signed = [claims.requestId, claims.clientRequestId, claims.clientOperationName];
  if (claims.idempotencyKey) signed.push(claims.idempotencyKey);
  return [
    serializedRequest,
    JSON.stringify(signed),
    JSON.stringify([stamp.at, stamp.nonce]),
    JSON.stringify([envelope.operationName, envelope.authorization]),
  ].join("\n");
}

/**
 * The signature the gateway puts in a subgraph request's `extensions["hmac-signature"]`: the
 * HMAC-SHA256 (base64) of `signedContent` over the request's query and variables (serialised as
 * `@graphql-mesh/hmac-upstream-signature` does), the claims, the stamp, the operation name and
 * the Authorization header. What a subgraph
 * recomputes to check one, and what any other signer (a test, the benchmark's baseline gateway)
 * calls to sign as the gateway does.
 */
export function gatewaySignature(
  secret: string,
  params: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  claims: GatewayClaims,
  stamp: SignatureStamp,
  authorization: string | null,
): string {
  const serialized = defaultParamsSerializer({ query: params.query, variables: params.variables ?? undefined }) ?? "";
  const envelope = { operationName: params.operationName ?? null, authorization };
  return createHmac("sha256", secret)
    .update(signedContent(serialized, claims, stamp, envelope))
    .digest("base64");
}

/**
 * The stamp of a request whose body carries the gateway's signature over its query, variables,
 * these claims and that stamp; null for anything else (no signature or stamp, no secret
 * configured, another key, another claim, another operation name or Authorization header than
 * signed). Whether the stamp is fresh is ReplayGuard's to say.
 */
export function gatewaySignatureOf(
  secret: string | undefined,
  body: unknown,
  claims: GatewayClaims,
  authorization: string | null,
): SignatureStamp | null {
  if (!secret || !body || typeof body !== "object") return null;
  const params = body as {
    query?: unknown;
    variables?: unknown;
    operationName?: unknown;
    extensions?: Record<string, unknown>;
  };
  const signature = params.extensions?.[SIGNATURE_EXTENSION];
  const stamp = stampOf(params.extensions?.[STAMP_EXTENSION]);
  if (typeof signature !== "string" || typeof params.query !== "string" || !stamp) return null;
  const variables =
    params.variables && typeof params.variables === "object"
      ? (params.variables as Record<string, unknown>)
      : undefined;
  if (params.operationName != null && typeof params.operationName !== "string") return null;
  const operationName = params.operationName ?? null;
  const expected = Buffer.from(
    gatewaySignature(secret, { query: params.query, variables, operationName }, claims, stamp, authorization),
    "base64",
  );
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? stamp : null;
}

function stampOf(value: unknown): SignatureStamp | null {
  if (!value || typeof value !== "object") return null;
  const { at, nonce } = value as Record<string, unknown>;
  if (typeof at !== "number" || !Number.isFinite(at)) return null;
  if (typeof nonce !== "string" || nonce.length < 16 || nonce.length > 64) return null;
  return { at, nonce };
}

/**
 * Whether a signed request may be taken as the gateway's: its stamp within SIGNATURE_MAX_AGE_MS
 * of now, and its nonce not seen before. Nonces are kept while their stamp could still be
 * accepted, so memory holds one entry per signed request of the last two minutes at most. One
 * guard per subgraph process: a replay to another replica of the same subgraph is refused only
 * once its stamp is stale.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxAgeMs = SIGNATURE_MAX_AGE_MS) {}

  check(stamp: SignatureStamp, now = Date.now()): "fresh" | "stale" | "replayed" {
    if (Math.abs(now - stamp.at) > this.maxAgeMs) return "stale";
    // Entries are kept in insertion order, which is about their expiry order: drop the expired head.
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(nonce);
    }
    if (this.seen.has(stamp.nonce)) return "replayed";
    this.seen.set(stamp.nonce, stamp.at + this.maxAgeMs);
    return "fresh";
  }

  /** Nonces held (for tests of the bound). */
  get size(): number {
    return this.seen.size;
  }
}
