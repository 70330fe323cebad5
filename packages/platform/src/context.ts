import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AuditRecorder } from "./audit/recorder";
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
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The gateway's request id when it sent a well-formed one, a new one otherwise. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const value = headers["x-request-id"];
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && REQUEST_ID.test(candidate) ? candidate : randomUUID();
}
