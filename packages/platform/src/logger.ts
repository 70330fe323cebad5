import pino from "pino";
import { traceLogFields, tracingStarted } from "./tracing/state";

export type Logger = pino.Logger;

/**
 * JSON logs, one child per service. Headers that carry credentials and personal data are
 * redacted wherever they appear, and an error is logged through `loggedError`, which keeps what
 * explains it and never the values it was about. With tracing on, each line written inside a
 * traced request carries its `traceId` and `spanId` beside the `requestId`; with it off, nothing
 * is added.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? "info",
  /** Where the lines go (standard output unless given: a test collects them). */
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    serializers: { err: loggedError, error: loggedError },
    ...(tracingStarted() ? { mixin: traceLogFields } : {}),
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** What identifies a database error without quoting data: SQLSTATE, where it arose, which object. */
const DATABASE_ERROR_FIELDS = ["code", "severity", "routine", "schema", "table", "column", "constraint", "dataType"];

/**
 * An error as the logs may keep it. pino's own serializer writes every property of an error, and
 * a failed statement carries the data it was writing: TypeORM's QueryFailedError holds the
 * statement's `parameters` and the driver's error, and PostgreSQL's own `message` and `detail`
 * quote values ("invalid input syntax for type uuid: "…"", "Failing row contains (…)"). A
 * complainant's name reached the log that way. So a database error keeps only its type, SQLSTATE
 * and the names of what failed (table, column, constraint), the statement's text (placeholders,
 * no values) and its stack frames; any other error keeps its type, message, code and stack. The
 * error's cause is kept by the same rules.
 */
export function loggedError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return value;
  const error = value as Error & Record<string, unknown>;
  const driver = error.driverError as Record<string, unknown> | undefined;
  const database = driver !== undefined || (typeof error.severity === "string" && typeof error.routine === "string");
  const logged: Record<string, unknown> = { type: error.constructor?.name ?? error.name };
  if (database) {
    const source = driver ?? error;
    for (const field of DATABASE_ERROR_FIELDS) {
      if (typeof source[field] === "string") logged[field] = source[field];
    }
    if (typeof error.query === "string") logged.query = error.query;
    logged.message = `database error${typeof logged.code === "string" ? ` ${logged.code}` : ""} (its text may quote data: not logged)`;
    logged.stack = error.stack
      ?.split("\n")
      .filter((line) => /^\s+at /.test(line))
      .join("\n");
  } else {
    logged.message = error.message;
    if (typeof error.code === "string" || typeof error.code === "number") logged.code = error.code;
    logged.stack = error.stack;
  }
  if (error.cause !== undefined && depth < 3) logged.cause = loggedError(error.cause, depth + 1);
  return logged;
}
