import { createLogger, shutdownSettings } from "@kgraph/platform/dist/edge";
import { startTracing } from "@kgraph/platform/dist/tracing/start";
import { gatewayAuthSettings, loadGatewayConfig, subgraphUrls } from "./config";
import { startGateway } from "./server";

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  // Before the logger: its lines carry trace ids only when tracing is on.
  const tracing = startTracing("gateway", { role: "gateway" });
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const server = await startGateway({
    supergraphPath: config.SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrls(config),
    host: config.GATEWAY_HOST,
    port: config.GATEWAY_PORT,
    logger,
    logLevel: config.LOG_LEVEL,
    auth: gatewayAuthSettings(config),
    production: config.NODE_ENV === "production",
    documentsDir: config.DOCUMENTS_DIR,
    limits: {
      requestsPerMinute: config.LIMIT_REQUESTS_PER_MINUTE,
      maxInFlightPerCaller: config.LIMIT_MAX_IN_FLIGHT_PER_CALLER,
      maxDepth: config.LIMIT_MAX_DEPTH,
      maxAliases: config.LIMIT_MAX_ALIASES,
      maxTokens: config.LIMIT_MAX_TOKENS,
      maxDirectives: config.LIMIT_MAX_DIRECTIVES,
      maxFields: config.LIMIT_MAX_FIELDS,
      maxCost: config.LIMIT_MAX_COST,
      maxCostPublic: config.LIMIT_MAX_COST_PUBLIC,
      assumedListSize: config.LIMIT_ASSUMED_LIST_SIZE,
      requestTimeoutMs: config.LIMIT_REQUEST_TIMEOUT_MS,
      upstreamTimeoutMs: config.LIMIT_UPSTREAM_TIMEOUT_MS,
      maxResponseBytes: config.LIMIT_MAX_RESPONSE_BYTES,
      maxBodyBytes: config.LIMIT_MAX_BODY_BYTES,
    },
    corsOrigins: config.CORS_ORIGINS,
    limitsOn: config.LIMITS === "on",
    trustedDocuments: { file: config.TRUSTED_DOCUMENTS_FILE, publicOnly: config.PUBLIC_TRUSTED_DOCUMENTS_ONLY },
    gatewaySignatureSecret: config.GATEWAY_HMAC_SECRET,
    redisUrl: config.REDIS_URL,
    redisKeyPrefix: config.REDIS_KEY_PREFIX,
    responseCache: { ttlMs: config.RESPONSE_CACHE_TTL_MS, keyPrefix: config.RESPONSE_CACHE_KEY_PREFIX },
    trustedProxies: config.TRUSTED_PROXIES,
    forwardedHeader: config.TRUSTED_PROXY_HEADER,
    readinessCacheMs: config.READINESS_CACHE_MS,
    metrics: { host: config.METRICS_HOST, port: config.METRICS_PORT ?? 9464 },
    tracing: tracing !== undefined,
  });
  if (!config.GATEWAY_HMAC_SECRET) {
    logger.warn(
      "GATEWAY_HMAC_SECRET is not set: subgraph requests go unsigned, so no subgraph records the gateway's request ids",
    );
  }
  // SIGTERM (the orchestrator): readiness fails for SHUTDOWN_DELAY_MS, then the listener closes and
  // requests in flight finish. SIGINT (a person at a terminal) skips the delay, not the drain.
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    const settings = shutdownSettings(config);
    server
      .shutdown(signal === "SIGINT" ? { ...settings, delayMs: 0 } : settings)
      // Then the spans still held are exported.
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
