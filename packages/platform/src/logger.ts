import pino from "pino";
import { traceLogFields, tracingStarted } from "./tracing/state";

export type Logger = pino.Logger;

/**
 * JSON logs, one child per service. Headers that carry credentials and personal data are
 * redacted wherever they appear. With tracing on, each line written inside a traced request
 * carries its `traceId` and `spanId` beside the `requestId`; with it off, nothing is added.
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
    ...(tracingStarted() ? { mixin: traceLogFields } : {}),
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
