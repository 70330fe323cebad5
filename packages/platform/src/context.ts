import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "./logger";

/**
 * Who is asking. Filled from the verified bearer token (authorization issue); empty — a
 * public caller — until then. Services take the viewer as an argument, so record rules can
 * be applied where the data is read.
 */
export interface Viewer {
  sub?: string;
  roles: string[];
  facilityId?: string;
  orgId?: string;
  officialId?: string;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ roles: [] }) as Viewer;

/** What every subgraph's per-request context carries; subgraphs add their loaders. */
export interface BaseContext {
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  /** The caller's Authorization header, forwarded by the gateway. */
  authorization?: string;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The gateway's request id when it sent a well-formed one, a new one otherwise. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const value = headers["x-request-id"];
  const candidate = Array.isArray(value) ? value[0] : value;
  return candidate && REQUEST_ID.test(candidate) ? candidate : randomUUID();
}
