import { GraphQLError, type GraphQLFormattedError } from "graphql";

export type ErrorCode =
  "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "INTERNAL_SERVER_ERROR";

/** Codes whose message is written for the caller and safe to pass on unchanged. */
const PUBLIC_CODES = new Set<string>([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
]);

export function userError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  userError("BAD_USER_INPUT", message, extensions);
export const notFound = (what: string, id: string) => userError("NOT_FOUND", `${what} ${id} does not exist.`, { id });
export const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  userError("CONFLICT", message, extensions);

/**
 * Masks anything unexpected: the caller gets INTERNAL_SERVER_ERROR and the request id, the log
 * gets the detail. Errors the code raised on purpose (with a public code) pass through.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  error: unknown,
  requestId: string | undefined,
  log: (detail: { err: unknown; path?: readonly (string | number)[] }) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === "string" && PUBLIC_CODES.has(code)) return formatted;
  log({ err: unwrap(error), path: formatted.path });
  return {
    message: `Internal server error (request id ${requestId ?? "unknown"}).`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}

function unwrap(error: unknown): unknown {
  if (error instanceof GraphQLError && error.originalError) return error.originalError;
  return error;
}
