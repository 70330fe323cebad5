import path from "node:path";
import {
  authConfigShape,
  commonConfigShape,
  jwksCacheFromConfig,
  gatewaySignatureConfigShape,
  loadConfig,
  metricsConfigShape,
  portVar,
  shutdownConfigShape,
  subgraphEnvPrefix,
} from "@kgraph/platform/dist/edge";
import { z } from "zod";
import { trustedProxies } from "./limits/client-address";
import { DEFAULT_LIMITS } from "./limits";
import { supergraphSubgraphs } from "./supergraph";

const url = z.string().url();

/** The only place the gateway reads the environment. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      LOG_LEVEL: commonConfigShape.LOG_LEVEL,
      NODE_ENV: commonConfigShape.NODE_ENV,
      ...shutdownConfigShape,
      ...authConfigShape,
      ...gatewaySignatureConfigShape,
      LIMIT_MAX_IN_FLIGHT_PER_CALLER: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxInFlightPerCaller),
      LIMIT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.requestsPerMinute),
      LIMIT_MAX_DEPTH: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxDepth),
      LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxAliases),
      LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).default(DEFAULT_LIMITS.maxTokens),
      LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.maxDirectives),
      /** Most fields one operation selects with its fragments expanded (what the planner walks). */
      LIMIT_MAX_FIELDS: z.coerce.number().int().min(100).default(DEFAULT_LIMITS.maxFields),
      /** Largest estimated cost (demand control) of one operation: signed in, and without a token. */
      LIMIT_MAX_COST: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxCost),
      LIMIT_MAX_COST_PUBLIC: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.maxCostPublic),
      /** The size demand control assumes for a list without `@listSize`. */
      LIMIT_ASSUMED_LIST_SIZE: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.assumedListSize),
      LIMIT_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_LIMITS.requestTimeoutMs),
      LIMIT_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULT_LIMITS.upstreamTimeoutMs),
      LIMIT_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxResponseBytes),
      /** off: no shape, cost, timeout or response-size limits; only `npm run bench` sets it, to measure them. */
      LIMITS: z.enum(["on", "off"]).default("on"),
      LIMIT_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxBodyBytes),
      /** Set: rate limits shared by every gateway on this Redis. Unset: counted in this process. */
      REDIS_URL: z.string().url().optional(),
      REDIS_KEY_PREFIX: z.string().min(1).default("kgraph:rate"),
      /**
       * The longest a public answer is served from the response cache, in ms (0: no cache). With
       * REDIS_URL one cache for every gateway on that Redis; unset, each gateway's own in memory.
       */
      RESPONSE_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
      RESPONSE_CACHE_KEY_PREFIX: z.string().min(1).default("kgraph:cache"),
      /** Peers (addresses or CIDR ranges, comma-separated) whose forwarded client address is believed. */
      TRUSTED_PROXIES: z
        .string()
        .default("")
        .transform((value) =>
          value
            .split(",")
            .map((entry) => entry.trim())
            .filter(Boolean),
        )
        .superRefine((entries, ctx) => {
          try {
            trustedProxies(entries);
          } catch (err) {
            ctx.addIssue({ code: "custom", message: (err as Error).message });
          }
        }),
      /** The header those proxies write the client's address into. */
      TRUSTED_PROXY_HEADER: z.enum(["x-forwarded-for", "forwarded", "x-real-ip"]).default("x-forwarded-for"),
      /** How long one readiness report answers /readyz, in ms. */
      READINESS_CACHE_MS: z.coerce.number().int().min(0).default(2000),
      /** GraphiQL's example operations: the generated client's documents. */
      DOCUMENTS_DIR: z.string().default(path.resolve(__dirname, "..", "..", "documents")),
      /** The trusted-documents manifest (hash → document) that codegen writes. */
      TRUSTED_DOCUMENTS_FILE: z
        .string()
        .default(
          path.resolve(__dirname, "..", "..", "packages", "client", "src", "generated", "persisted-documents.json"),
        ),
      /** true: a caller without a token may run only trusted documents (production); false: anything (development). */
      PUBLIC_TRUSTED_DOCUMENTS_ONLY: z
        .enum(["true", "false"])
        .default("false")
        .transform((v) => v === "true"),
      /** The gateway's private key as a JWK (JSON), in production. */
      GATEWAY_SIGNING_JWK: z.string().optional(),
      /**
       * Origins whose web pages may call the graph (CORS), comma-separated, each exactly
       * `scheme://host[:port]`. Empty (the default): same origin only.
       */
      CORS_ORIGINS: z
        .string()
        .default("")
        .transform((value, ctx) => {
          const origins = value
            .split(",")
            .map((origin) => origin.trim())
            .filter(Boolean);
          for (const origin of origins) {
            if (!isOrigin(origin)) {
              ctx.addIssue({
                code: "custom",
                message: `"${origin}" is not an origin (scheme://host[:port], no path, no wildcard)`,
              });
            }
          }
          return origins;
        }),
      ...metricsConfigShape,
      GATEWAY_HOST: z.string().default("127.0.0.1"),
      GATEWAY_PORT: portVar(4000),
      SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql")),
    }),
    env,
  );
}

function isOrigin(value: string): boolean {
  try {
    // URL parsing accepts "*" in a host name; an allow-list entry must not look like a pattern.
    return new URL(value).origin === value && !value.includes("*");
  } catch {
    return false;
  }
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

/**
 * Where the gateway finds each subgraph of the supergraph it serves: <NAME>_URL (CASES_URL, …),
 * else the URL composed into the supergraph (`http://127.0.0.1:<its port in
 * subgraphs/registry.json>/graphql`). The supergraph, not the registry, says which subgraphs
 * there are: it is what the gateway plans against.
 */
export function subgraphUrls(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const composed = supergraphSubgraphs(config.SUPERGRAPH_PATH);
  const urls = loadConfig(
    z.object(
      Object.fromEntries(composed.map(({ name, url: composedUrl }) => [urlVariable(name), url.default(composedUrl)])),
    ),
    env,
  ) as Record<string, string>;
  return Object.fromEntries(composed.map(({ name }) => [name, urls[urlVariable(name)]]));
}

const urlVariable = (subgraph: string) => `${subgraphEnvPrefix(subgraph)}_URL`;

export function gatewayAuthSettings(config: GatewayConfig) {
  if (!config.AUTH_JWKS_URL && config.NODE_ENV === "production") {
    throw new Error("In production set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE: development keys are refused.");
  }
  return {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    jwksCache: jwksCacheFromConfig(config),
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    gatewaySigningJwk: config.GATEWAY_SIGNING_JWK ? JSON.parse(config.GATEWAY_SIGNING_JWK) : undefined,
    devKeysFile: config.AUTH_DEV_KEYS,
  };
}
