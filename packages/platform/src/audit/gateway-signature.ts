import { createHmac, timingSafeEqual } from "node:crypto";
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

/**
 * The content a signature covers: the library's serialised request, then the claims. The
 * idempotency key is appended only when there is one, so requests without it sign as before.
 */
export function signedContent(serializedRequest: string, claims: GatewayClaims): string {
  const signed = [claims.requestId, claims.clientRequestId, claims.clientOperationName];
  if (claims.idempotencyKey) signed.push(claims.idempotencyKey);
  return `${serializedRequest}\n${JSON.stringify(signed)}`;
}

/**
 * True when the request body carries the gateway's signature over its query, variables and these
 * claims. Anything else (no signature, no secret configured, another key, another claim) is false.
 */
export function signedByGateway(secret: string | undefined, body: unknown, claims: GatewayClaims): boolean {
  if (!secret || !body || typeof body !== "object") return false;
  const params = body as { query?: unknown; variables?: unknown; extensions?: Record<string, unknown> };
  const signature = params.extensions?.[SIGNATURE_EXTENSION];
  if (typeof signature !== "string" || typeof params.query !== "string") return false;
  const serialized = defaultParamsSerializer({
    query: params.query,
    variables:
      params.variables && typeof params.variables === "object"
        ? (params.variables as Record<string, unknown>)
        : undefined,
  });
  if (serialized === undefined) return false;
  const expected = createHmac("sha256", secret).update(signedContent(serialized, claims)).digest();
  const given = Buffer.from(signature, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
