import { GraphQLError, type GraphQLFormattedError } from "graphql";

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "IDEMPOTENCY_KEY_IN_USE"
  | "IDEMPOTENCY_KEY_REUSED"
  | "SERVICE_UNAVAILABLE"
  | "INTERNAL_SERVER_ERROR";

/** Codes whose message is written for the caller and safe to pass on unchanged. */
const PUBLIC_CODES = new Set<string>([
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "IDEMPOTENCY_KEY_IN_USE",
  "IDEMPOTENCY_KEY_REUSED",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
  // Raised on purpose when a service this one reads through (the public graph) does not answer.
  "SERVICE_UNAVAILABLE",
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
  const own = ownCode(formatted, error);
  if (own) return { ...formatted, extensions: { ...formatted.extensions, code: own } };
  if (typeof code === "string" && PUBLIC_CODES.has(code)) return formatted;
  log({ err: unwrap(error), path: formatted.path });
  if (statementTimedOut(unwrap(error))) {
    return {
      message: `The database stopped this request's query at its time limit; ask for less (smaller pages, fewer nested lists) (request id ${requestId ?? "unknown"}).`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "QUERY_TIMEOUT", requestId },
    };
  }
  if (valueOutOfRange(unwrap(error))) {
    return {
      message: `A value given, or one worked out from it, is outside what the database can store or compute (a date too near year 1 or 9999, a number too large) (request id ${requestId ?? "unknown"}).`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "BAD_USER_INPUT", requestId },
    };
  }
  if (databaseUnavailable(unwrap(error))) {
    return {
      message: `The database is unavailable right now; the request may not have completed. Retry shortly (a mutation with the same Idempotency-Key acts at most once) (request id ${requestId ?? "unknown"}).`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "SERVICE_UNAVAILABLE", requestId },
    };
  }
  return {
    message: `Internal server error (request id ${requestId ?? "unknown"}).`,
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
  };
}

/**
 * Codes raised on purpose while a document is validated (a DateTimeISO literal out of range, a
 * limit of the subgraph's) that Apollo Server files under GRAPHQL_VALIDATION_FAILED: the error
 * keeps the code it was raised with, as the same value sent in a variable does.
 */
export const VALIDATION_CODES = new Set([
  "BAD_USER_INPUT",
  "QUERY_TOO_DEEP",
  "TOO_MANY_ALIASES",
  "TOO_MANY_DIRECTIVES",
]);

function ownCode(formatted: GraphQLFormattedError, error: unknown): string | undefined {
  if (formatted.extensions?.code !== "GRAPHQL_VALIDATION_FAILED") return undefined;
  const original = unwrap(error);
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  return typeof code === "string" && VALIDATION_CODES.has(code) ? code : undefined;
}

/** PostgreSQL ended the statement at statement_timeout (SQLSTATE 57014, query_canceled). */
export function statementTimedOut(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError;
  return (error as { code?: unknown } | null)?.code === "57014" || driverError?.code === "57014";
}

/**
 * PostgreSQL refused a value as out of range (SQLSTATE 22003 numeric_value_out_of_range, 22008
 * datetime_field_overflow, 22009 invalid_time_zone_displacement_value): the caller's value, or a
 * bound worked out from it (`asOf` less a 72-hour deadline, at year 1, is year 0, which PostgreSQL
 * has not), not a fault of the service. Other data exceptions stay internal errors: the
 * arguments are checked before any SQL, so they would be a bug here.
 */
export function valueOutOfRange(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown } } | null)?.driverError;
  const code = (error as { code?: unknown } | null)?.code ?? driverError?.code;
  return code === "22003" || code === "22008" || code === "22009";
}

/** SQLSTATE classes and codes of a database that went away: connection exceptions, shutdowns. */
/** What a caller is told when a step outside any resolver met the database down. */
export const DATABASE_UNAVAILABLE_ERROR = {
  message:
    "The database is unavailable right now; the request may not have completed. Retry shortly (a mutation with the same Idempotency-Key acts at most once).",
  extensions: { code: "SERVICE_UNAVAILABLE" },
};

const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03"]);
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"]);

/**
 * The database could not be reached or dropped the connection (restarting, failing over): the
 * caller may retry, unlike a bug. node-postgres reports a dropped connection by message only.
 */
export function databaseUnavailable(error: unknown): boolean {
  type Failure = { code?: unknown; message?: unknown; driverError?: Failure; thrownValue?: Failure } | null;
  const outer = error as Failure;
  // The pool's refused connection arrives as a plain object, which graphql-js wraps (thrownValue).
  for (const candidate of [outer, outer?.driverError, outer?.thrownValue]) {
    const code = typeof candidate?.code === "string" ? candidate.code : "";
    const message = typeof candidate?.message === "string" ? candidate.message : "";
    if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_ERRNOS.has(code)) return true;
    if (/Connection terminated|connect ECONNREFUSED|terminating connection/.test(message)) return true;
    // The connection died inside a transaction: TypeORM released its runner, so what the
    // transaction runs next (a query, the COMMIT) cannot run, and PostgreSQL rolled it back when
    // the connection went. TypeORM names both kinds `…AlreadyReleasedError`.
    const name = (candidate as { name?: unknown } | null)?.name;
    if (typeof name === "string" && /^QueryRunner(Provider)?AlreadyReleasedError$/.test(name)) return true;
  }
  return false;
}

function unwrap(error: unknown): unknown {
  if (error instanceof GraphQLError && error.originalError) return error.originalError;
  return error;
}
