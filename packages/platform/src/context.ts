import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AuditRecorder, AuditRequest } from "./audit/recorder";
import type { IdempotentRequest } from "./idempotency/idempotent-request";
import type { Logger } from "./logger";

/**
 * Who is asking, from the verified bearer token. `public` is a caller without a token (the
 * gateway vouches for it with its own short-lived token): no roles, no scopes. Services take the
 * viewer as an argument and apply record rules where the data is read.
 */
export interface Viewer {
  sub?: string;
  roles: string[];
  /** Every scope the roles hold, from the access policy (@kgraph/policy). */
  scopes: string[];
  facilityId?: string;
  orgId?: string;
  officialId?: string;
  public: boolean;
  claims?: Record<string, unknown>;
}

/** What every subgraph's per-request context carries; subgraphs add their loaders. */
export interface BaseContext {
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  /** The caller's Authorization header, forwarded by the gateway. */
  authorization?: string;
  /** This request's audit trail: reads of audited fields, and writes (inside their transaction). */
  audit: AuditRecorder;
  /** A mutation sent with an Idempotency-Key: its writes take the key (see `auditedDataSource`). */
  idempotency?: IdempotentRequest;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** A request id as a caller sent it in a header, when it is well-formed; undefined otherwise. */
export function requestIdHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && REQUEST_ID.test(candidate) ? candidate : undefined;
}

/** An operation name as a caller sent it in a header, when it is a well-formed GraphQL name. */
export function operationNameHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && OPERATION_NAME.test(candidate) ? candidate : undefined;
}

/** A request's ids, and whose word each one is (see `AuditRequest`). */
export type RequestIds = AuditRequest & { clientRequestId: string | null };

/**
 * A request's ids. Only a request the gateway signed (see `signedByGateway`) may name the request
 * id: `x-request-id` is then the gateway's own and `x-client-request-id` the client's. From any
 * other caller, `x-request-id` is merely what that caller calls its request: it is kept as the
 * client's id, and the subgraph gives the request an id of its own.
 */
export function requestIdsFrom(headers: IncomingHttpHeaders, signed: boolean): RequestIds {
  if (signed) {
    return {
      requestId: requestIdHeader(headers, "x-request-id") ?? randomUUID(),
      clientRequestId: requestIdHeader(headers, "x-client-request-id") ?? null,
      clientOperationName: operationNameHeader(headers, "x-operation-name") ?? null,
    };
  }
  return { requestId: randomUUID(), clientRequestId: requestIdHeader(headers, "x-request-id") ?? null };
}
