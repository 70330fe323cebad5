import { z } from "zod";

/**
 * Parses the environment against a zod schema and reports every problem at once, so a
 * misconfigured service says everything that is wrong in one start-up instead of one per try.
 */
export function loadConfig<T extends z.ZodTypeAny>(schema: T, env: NodeJS.ProcessEnv = process.env): z.infer<T> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** A TCP port from an environment variable, with a default. */
export const portVar = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Shared settings every service reads. */
export const commonConfigShape = {
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
};

/**
 * The secret the gateway signs its subgraph requests with, shared by the gateway and every
 * subgraph (`npm start` generates one into .data/; production sets it). A subgraph takes the
 * request id the gateway passes on only from a request signed with it.
 */
export const gatewaySignatureConfigShape = {
  GATEWAY_HMAC_SECRET: z.string().min(32, "must be at least 32 characters (e.g. 32 random bytes, base64)").optional(),
};
