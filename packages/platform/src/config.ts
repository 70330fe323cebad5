import { z } from "zod";
import { shutdownConfigShape } from "./shutdown";

/** PostgreSQL ends a statement running longer than this (DB_STATEMENT_TIMEOUT_MS); see database.ts. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;

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
  ...shutdownConfigShape,
  DATABASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL's statement_timeout on every connection of a subgraph, in milliseconds. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_STATEMENT_TIMEOUT_MS),
};

/**
 * Where a service serves `/metrics` (Prometheus): a listener of its own, loopback by default,
 * never the public port. METRICS_PORT is per process; unset, the gateway uses 9464 and a
 * subgraph its own port + 1000 (cases 5001 … training 5004).
 */
export const metricsConfigShape = {
  METRICS_HOST: z.string().default("127.0.0.1"),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
};

/** A subgraph's metrics listener: METRICS_PORT, else its GraphQL port + 1000 (any free port when that is 0). */
export function subgraphMetricsSettings(
  config: { METRICS_HOST: string; METRICS_PORT?: number },
  graphqlPort: number,
): { host: string; port: number } {
  return { host: config.METRICS_HOST, port: config.METRICS_PORT ?? (graphqlPort === 0 ? 0 : graphqlPort + 1000) };
}

/**
 * The secret the gateway signs its subgraph requests with, shared by the gateway and every
 * subgraph (`npm start` generates one into .data/; production sets it). A subgraph takes the
 * request id the gateway passes on only from a request signed with it.
 */
export const gatewaySignatureConfigShape = {
  GATEWAY_HMAC_SECRET: z.string().min(32, "must be at least 32 characters (e.g. 32 random bytes, base64)").optional(),
};

/** Limits on what one operation may ask of a subgraph (graphql-armor and Apollo's parser). */
export interface SubgraphLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/**
 * Generous on purpose: every operation the gateway plans must pass. The gateway takes client
 * operations up to 12 levels deep and 30 aliases (its LIMIT_* settings); what it sends a subgraph
 * adds `_entities` around a selection and aliases of the planner's own. Keep these above the
 * gateway's limits.
 */
export const DEFAULT_SUBGRAPH_LIMITS: SubgraphLimits = {
  maxDepth: 24,
  maxAliases: 150,
  maxDirectives: 150,
  maxTokens: 50_000,
};

/** How a subgraph treats callers: the gateway alone in production, anyone with a token in development. */
export interface SubgraphEdgeSettings {
  /** Refuse every GraphQL request the gateway did not sign with GATEWAY_HMAC_SECRET. */
  requireGatewaySignature: boolean;
  /** Answer `__schema`/`__type` introspection. */
  introspection: boolean;
  limits: SubgraphLimits;
}

const flag = z.enum(["true", "false"]).optional();

/**
 * Subgraph edge settings. Unset, the production defaults follow NODE_ENV: with
 * NODE_ENV=production a subgraph answers only requests the gateway signed and no introspection;
 * otherwise (development, tests) it answers any caller with a valid token, as the subgraph test
 * harnesses need.
 */
export const subgraphEdgeConfigShape = {
  REQUIRE_GATEWAY_SIGNATURE: flag,
  SUBGRAPH_INTROSPECTION: flag,
  SUBGRAPH_MAX_DEPTH: z.coerce.number().int().min(1).default(DEFAULT_SUBGRAPH_LIMITS.maxDepth),
  SUBGRAPH_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_SUBGRAPH_LIMITS.maxAliases),
  SUBGRAPH_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(DEFAULT_SUBGRAPH_LIMITS.maxDirectives),
  SUBGRAPH_MAX_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_SUBGRAPH_LIMITS.maxTokens),
};

export function subgraphEdgeSettings(config: {
  NODE_ENV: string;
  GATEWAY_HMAC_SECRET?: string;
  REQUIRE_GATEWAY_SIGNATURE?: "true" | "false";
  SUBGRAPH_INTROSPECTION?: "true" | "false";
  SUBGRAPH_MAX_DEPTH: number;
  SUBGRAPH_MAX_ALIASES: number;
  SUBGRAPH_MAX_DIRECTIVES: number;
  SUBGRAPH_MAX_TOKENS: number;
}): SubgraphEdgeSettings {
  const production = config.NODE_ENV === "production";
  const requireGatewaySignature = config.REQUIRE_GATEWAY_SIGNATURE
    ? config.REQUIRE_GATEWAY_SIGNATURE === "true"
    : production;
  if (requireGatewaySignature && !config.GATEWAY_HMAC_SECRET) {
    throw new Error(
      "Invalid configuration:\n  - GATEWAY_HMAC_SECRET: is required when the subgraph answers only the gateway " +
        "(NODE_ENV=production or REQUIRE_GATEWAY_SIGNATURE=true)",
    );
  }
  return {
    requireGatewaySignature,
    introspection: config.SUBGRAPH_INTROSPECTION ? config.SUBGRAPH_INTROSPECTION === "true" : !production,
    limits: {
      maxDepth: config.SUBGRAPH_MAX_DEPTH,
      maxAliases: config.SUBGRAPH_MAX_ALIASES,
      maxDirectives: config.SUBGRAPH_MAX_DIRECTIVES,
      maxTokens: config.SUBGRAPH_MAX_TOKENS,
    },
  };
}

/** Production's settings (NODE_ENV=production, nothing overridden): the gateway only, no introspection. */
export const PRODUCTION_EDGE: SubgraphEdgeSettings = {
  requireGatewaySignature: true,
  introspection: false,
  limits: DEFAULT_SUBGRAPH_LIMITS,
};

/** Development's settings (what the subgraph test harnesses use): any caller with a valid token. */
export const DEVELOPMENT_EDGE: SubgraphEdgeSettings = {
  requireGatewaySignature: false,
  introspection: true,
  limits: DEFAULT_SUBGRAPH_LIMITS,
};
