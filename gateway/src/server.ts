import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { Logger as HiveLogger } from "@graphql-hive/logger";
import { PinoLogWriter } from "@graphql-hive/logger/writers/pino";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import {
  type Logger,
  type MetricsListener,
  type RunningServer,
  type ShutdownSettings,
  drainable,
  refusedRepeatedHeader,
  startMetricsListener,
} from "@kgraph/platform/dist/edge";
import { type GatewayAuthSettings, authorizationOptions, createPublicTokenSource, createTokenPlugin } from "./auth";
import { useExactRemovedFieldPaths } from "./error-paths";
import { createGraphiQL } from "./graphiql";
import { createResponseCache } from "./cache";
import { cachedReadiness, checkReadiness } from "./health";
import {
  DEFAULT_LIMITS,
  type ForwardedHeader,
  type Limits,
  addressBucket,
  clientAddress,
  createRateLimiter,
  trustedProxies,
  UNOBSERVED,
  useConcurrencyLimit,
  useCostBudget,
  useOperationShapeLimits,
  useRateLimit,
  useResponseSizeLimit,
  withBodyLimit,
} from "./limits";
import { useSubgraphUnavailable } from "./subgraph-unavailable";
import {
  claimHeaders,
  gatewayClaims,
  signedRequestContent,
  upstreamAuthorization,
  useGatewayRequestIds,
} from "./request-ids";
import { createGatewayMetrics } from "./metrics";
import { type TrustedDocumentsOptions, trustedDocuments, trustedOperationNames } from "./trusted-documents";
import { createIntrospectionFilter } from "./introspection";
import { useNoSubscriptions } from "./no-subscriptions";
import { loadSupergraph } from "./supergraph";
import { useRequestShape } from "./request-shape";
import { useTracing } from "./tracing";
import { useFailureLog } from "./failure-log";
import { useStablePlanDocuments } from "./plan-documents";
import { signingCrypto } from "./signing-crypto";
import { usePrivateAnswers } from "./private-answers";
import { REPORT_PATH, reportDocumentId, servePublicReport } from "./public-reports";

export interface GatewayOptions {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  host?: string;
  port: number;
  logger: Logger;
  logLevel?: string;
  auth: GatewayAuthSettings;
  /** NODE_ENV=production: never mint development tokens. */
  production?: boolean;
  trustedDocuments?: TrustedDocumentsOptions;
  /** Where GraphiQL's example operations are (documents/). */
  documentsDir: string;
  limits?: Partial<Limits>;
  /** Origins other web pages may call the graph from (CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[];
  /**
   * false (LIMITS=off): no operation-shape, cost, timeout or response-size limits. Only for
   * `npm run bench`, which measures what the limits cost against a gateway without them.
   */
  limitsOn?: boolean;
  /**
   * The secret the gateway signs its subgraph requests with (GATEWAY_HMAC_SECRET), so subgraphs
   * can take its request ids as its own. Without it, requests go unsigned and every subgraph
   * records request ids of its own.
   */
  gatewaySignatureSecret?: string;
  /** REDIS_URL: rate limits shared by every gateway on this Redis; unset, counted in memory. */
  redisUrl?: string;
  /** Prefix of the gateway's Redis keys (REDIS_KEY_PREFIX). */
  redisKeyPrefix?: string;
  /**
   * The public callers' response cache (RESPONSE_CACHE_TTL_MS, RESPONSE_CACHE_KEY_PREFIX), on
   * `redisUrl` when set. Unset or a TTL of 0: no cache.
   */
  responseCache?: { ttlMs: number; keyPrefix?: string };
  /** TRUSTED_PROXIES: peers whose forwarded-address header is believed; default none. */
  trustedProxies?: string[];
  /** The header those proxies write the client's address into (default X-Forwarded-For). */
  forwardedHeader?: ForwardedHeader;
  /** How long one readiness report answers /readyz (READINESS_CACHE_MS). */
  readinessCacheMs?: number;
  /**
   * Where `/metrics` listens (METRICS_HOST, METRICS_PORT; port 0: any free port), apart from the
   * public port. Unset: no metrics are kept (tests that build a gateway in-process).
   */
  metrics?: { host?: string; port: number };
  /**
   * true when main.ts started the OpenTelemetry SDK (OTEL_EXPORTER_OTLP_ENDPOINT set): the
   * runtime's tracing plugin is added. false/unset: no plugin, no per-request cost.
   */
  tracing?: boolean;
}

export interface RunningGateway extends RunningServer {
  /** `http://host:port/metrics` when the gateway has a metrics listener. */
  metricsUrl?: string;
  /** Graceful stop (SIGTERM): readiness fails first, then requests in flight finish (see `drainable`). */
  shutdown(settings: ShutdownSettings): Promise<void>;
}

/**
 * The one public endpoint: Hive Gateway runtime serving the committed supergraph with the Rust
 * query planner, JWT verification and field authorization from the supergraph's
 * `@authenticated`/`@requiresScopes`, GraphiQL with every asset inlined (works offline), the
 * caller's Authorization header (or the gateway's public token) and the gateway's own request id
 * passed on to every subgraph in requests signed with GATEWAY_HMAC_SECRET, and health endpoints.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraph = loadSupergraph(options.supergraphPath, options.subgraphUrls);
  const tokens = createTokenPlugin(options.auth, options.logger);
  // Development: the local issuer (no identity provider configured) and not a production build.
  const development = !options.auth.jwksUrl && options.production !== true;
  const publicToken = createPublicTokenSource(options.auth);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const metrics = options.metrics
    ? createGatewayMetrics({ knownOperations: trustedOperationNames(options.trustedDocuments?.file) })
    : undefined;
  const observer = metrics?.limits ?? UNOBSERVED;
  const rateLimiter = createRateLimiter({
    requestsPerMinute: limits.requestsPerMinute,
    redisUrl: options.redisUrl,
    keyPrefix: options.redisKeyPrefix ?? "kgraph:rate",
    logger: options.logger,
  });
  const responseCache = options.responseCache?.ttlMs
    ? createResponseCache({
        ttlMs: options.responseCache.ttlMs,
        redisUrl: options.redisUrl,
        keyPrefix: options.responseCache.keyPrefix ?? "kgraph:cache",
        supergraph,
        logger: options.logger,
        observer: metrics?.responseCache,
      })
    : undefined;
  const proxies = trustedProxies(options.trustedProxies ?? []);
  const forwardedHeader = options.forwardedHeader ?? "x-forwarded-for";
  // A flood of /readyz makes at most one round of subgraph and database checks per interval.
  const readiness = cachedReadiness(() => checkReadiness(options.subgraphUrls), options.readinessCacheMs ?? 2000);
  const graphiql = createGraphiQL({
    devKeysFile: options.auth.devKeysFile,
    documentsDir: options.documentsDir,
    development,
  });
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const limitsOn = options.limitsOn !== false;
  const signedIn = (request: Request | undefined) => Boolean(tokens.claimsOf(request));
  // Who a request counts against in the rate and concurrency limits: the token's subject, or the
  // client's address (the TCP peer of `gateway(req, res)` below, or the client a trusted proxy names).
  const callerOf = (request: Request, serverContext: unknown) => {
    const sub = tokens.claimsOf(request)?.sub;
    if (typeof sub === "string") return `sub:${sub}`;
    const peer = (serverContext as { req?: http.IncomingMessage }).req?.socket.remoteAddress;
    return `addr:${addressBucket(clientAddress(peer, request.headers, proxies, forwardedHeader))}`;
  };
  const gateway = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    transports: { http: httpTransport },
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/healthz",
    readinessCheckEndpoint: "/gateway-readiness",
    landingPage: false,
    graphiql: graphiql.options as never,
    renderGraphiQL: graphiql.render as never,
    // Only the listed origins get CORS headers, and never Allow-Credentials (tokens travel in a
    // header, not a cookie); any other origin gets none, so its pages cannot read an answer.
    cors: (request: Request) => {
      const origin = request.headers.get("origin");
      if (origin === null || !corsOrigins.has(origin)) return false;
      return {
        origin: [origin],
        credentials: false,
        methods: ["GET", "POST"],
        exposedHeaders: ["x-request-id", "retry-after"],
        maxAge: 600,
      };
    },
    // The runtime's own lines go through the gateway's pino logger: JSON, redacted, and with
    // tracing on each line written inside a request names its trace (the logger's mixin).
    logging: new HiveLogger({ level: gatewayLogLevel(options.logLevel), writers: [new PinoLogWriter(options.logger)] }),
    // The gateway's own request ids (the runtime's would take the client's x-request-id as the id).
    requestId: false,
    plugins: (context) => [
      // First of all: the request's span is the parent of everything else, refusals included.
      ...((options.tracing ? useTracing(context) : []) as never[]),
      // First: its HTTP timing starts when the request arrives, before any limit.
      ...((metrics ? [metrics.plugin(context.log)] : []) as never[]),
      useGatewayRequestIds(publicToken) as never,
      usePrivateAnswers() as never,
      useRequestShape() as never,
      // Tokens first: a caller is counted by their verified subject.
      tokens.plugin as never,
      useRateLimit(rateLimiter.limiter, limits, callerOf, observer) as never,
      // After the rate limit: a request refused by it never takes a place.
      useConcurrencyLimit(limits, callerOf, observer) as never,
      // Before useExactRemovedFieldPaths: the shape limits see the document as the caller wrote it.
      ...((limitsOn ? useOperationShapeLimits(limits, observer) : []) as never[]),
      ...((limitsOn
        ? [useCostBudget(limits, signedIn, observer), useResponseSizeLimit(limits, observer)]
        : []) as never[]),
      // After the limits: a refused request neither reads nor fills it. After the cost budget: an
      // answer is stored with its `extensions.cost`, the same for every public caller of the same
      // operation and variables (the same document, the same answer, the public budget).
      // Around useExactRemovedFieldPaths, whose work on each operation's answer is done when that
      // operation's execution is (hooks run in this order): a mutation's answer is read for the
      // entities it names before its hidden typenames go, and an answer is stored as it is sent.
      // Before the introspection filter, which answers without the planner: its answer too.
      ...((responseCache ? [responseCache.decide] : []) as never[]),
      useExactRemovedFieldPaths() as never,
      ...((responseCache ? [responseCache.store] : []) as never[]),
      useNoSubscriptions() as never,
      useSubgraphUnavailable() as never,
      useFailureLog() as never,
      createIntrospectionFilter(tokens.claimsOf) as never,
      graphiql.plugin as never,
      // Last: it wraps execution itself, which starts after every hook above has had the document.
      useStablePlanDocuments() as never,
    ],
    // Not the runtime's `demandControl` (gateway-runtime 2.12.1's useDemandControl), tried here on
    // `npm start`'s data with the Rust planner:
    // - it prices each subgraph request in onSubgraphExecute as the plan sends it, so the fetches
    //   before the one that crosses the budget have run: with maxCost 25, `{ facilities { name
    //   visits { status } } }` ran the facilities fetch and answered its data beside the refusal,
    //   so "checked before any subgraph is called" cannot hold;
    // - it prices an entity fetch as one item, not one per parent: `{ facilities { visits(first:
    //   100) { facility { visits(first: 100) { status } } } } }` was priced 10,221 and ran (12 KB
    //   here, up to 20 × 100 × 100 visits by its own rules); useCostBudget prices it past 5,000;
    // - it has one maxCost for every caller (the public needs a lower one), and it prices a
    //   fragment where it is defined, outside the lists it is spread in.
    // useCostBudget prices the whole operation first, by the same IBM cost rules and the same
    // @cost/@listSize directives the subgraphs declare, per caller.
    genericAuth: authorizationOptions(tokens.claimsOf) as never,
    propagateHeaders: {
      // The caller's token (already verified above), or the gateway's own for a public caller, as signed;
      // the gateway's request id, and the client's id and operation name as the client's claims.
      fromClientToSubgraphs: async ({ context }) => ({
        authorization: await upstreamAuthorization(context as never, publicToken),
        ...claimHeaders(gatewayClaims(context as never)),
      }),
    },
    // Signed with @graphql-mesh/hmac-upstream-signature over the query, variables and the claims above.
    hmacSignature: options.gatewaySignatureSecret
      ? { secret: options.gatewaySignatureSecret, serializeExecutionRequest: signedRequestContent }
      : undefined,
    // The Web Crypto that signing goes through: HMAC-SHA256 by node:crypto (see signing-crypto.ts).
    fetchAPI: { crypto: signingCrypto },
    // No in-flight deduplication, in or out: every answered request that reads an audited field
    // must reach the subgraph that records it, so each leaves its own audit event. The HTTP
    // transport merges identical concurrent subgraph requests by default; the signed per-request
    // id keeps separate client requests apart, but the operations of one batch share that id and
    // were merged (4 identical operations in a batch left 1 event). Inbound deduplication is off
    // by default; it is set here so that stays a decision, not a default.
    //
    // A subgraph that does not answer in time is an error at its fields (GATEWAY_TIMEOUT, from
    // useSubgraphUnavailable), not a hanging request: the HTTP executor's own `timeout` adds one
    // AbortSignal to the fetch it makes anyway. The runtime's `upstreamTimeout` plugin did the same
    // around it with a second signal, a race and a listener per subgraph request.
    transportEntries: {
      "*.http": {
        options: {
          deduplicateInflightRequests: false,
          ...(limitsOn ? { timeout: limits.upstreamTimeoutMs } : {}),
        },
      },
    },
    inboundInflightRequestDeduplication: false,
    maskedErrors: true,
    persistedDocuments: trustedDocuments(options.trustedDocuments, tokens.claimsOf) as never,
    // Batched requests (an array of operations) run each operation under the same rules.
    batching: { limit: 10 },
  });

  takeBackTerminateSignals(gateway);
  const reportDocument = reportDocumentId(options.trustedDocuments?.file);

  const handle: http.RequestListener = (req, res) => {
    if (refusedRepeatedHeader(req, res)) return;
    const path = (req.url ?? "/").split("?")[0];
    const report = req.method === "GET" ? REPORT_PATH.exec(path) : null;
    if (report) {
      // The report's trusted document through this gateway, as the request's anonymous caller.
      const run = async (body: string) => {
        const response = await gateway.fetch(
          `http://${req.headers.host ?? "localhost"}/graphql`,
          { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body },
          { req, res },
        );
        return { status: response.status, json: await response.json().catch(() => null) };
      };
      void servePublicReport(report[1], reportDocument, run, res).catch((err) => {
        options.logger.error({ err }, "public report page failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (path === "/readyz") {
      // Shutting down: out of the balancer first, while what is in flight still finishes.
      if (drain.draining) {
        res.statusCode = 503;
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify({ status: "shutting down" }));
        return;
      }
      void readiness().then((report) => {
        res.statusCode = report.status === "ready" ? 200 : 503;
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify(report));
      });
      return;
    }
    // `req` reaches the runtime's server context (GraphiQL reads the socket's address from it).
    void gateway(req, res);
  };
  // The runtime's own body limit is 25 MB and not configurable through it: counted here instead.
  // A client that sends its request slowly (a trickled body, headers never finished) holds a
  // connection and the request's memory: Node answers 408 and closes it past the request timeout
  // (10 s at most for the headers), checked every second rather than Node's default 30 s.
  const server = http.createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.requestTimeoutMs, 10_000),
      connectionsCheckingInterval: 1000,
    },
    withBodyLimit(limits.maxBodyBytes, handle, observer),
  );
  const drain = drainable(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}/graphql`;
  options.logger.info({ url }, "gateway listening");
  let metricsListener: MetricsListener | undefined;
  if (metrics && options.metrics) {
    try {
      metricsListener = await startMetricsListener({
        registry: metrics.registry,
        ...options.metrics,
        logger: options.logger,
      });
    } catch (err) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
      await rateLimiter.close();
      await responseCache?.close();
      throw err;
    }
  }
  return {
    url,
    port,
    metricsUrl: metricsListener?.url,
    async stop() {
      await metricsListener?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
      await rateLimiter.close();
      await responseCache?.close();
    },
    async shutdown(settings) {
      await drain.drain(settings);
      await metricsListener?.stop();
      await gateway.dispose();
      await rateLimiter.close();
    },
  };
}

/**
 * gateway-runtime 2.12.1 creates its server with `disposeOnProcessTerminate: true` (not an
 * option): on SIGTERM or SIGINT it disposes itself at once, and every request in flight is
 * aborted (SHUTTING_DOWN). Shutting down is main.ts's job (readiness first, then drain, then
 * dispose), so the library's process-wide signal handlers (@whatwg-node/server registers them
 * once, named `terminateHandler`, when the runtime's disposable stack is created) are removed.
 */
function takeBackTerminateSignals(gateway: { disposableStack: unknown }): void {
  void gateway.disposableStack; // creates the stack, and with it the handlers, now rather than later
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    for (const listener of process.listeners(signal)) {
      if (listener.name === "terminateHandler") process.removeListener(signal, listener);
    }
  }
}

/**
 * The runtime's own log level, at most `info` whatever LOG_LEVEL says: at `debug` the runtime
 * logs every subgraph request's headers and body and every answer (useFetchDebug and friends):
 * bearer tokens and the personal data of the people in the graph. Nothing at any level may log
 * those (tests/e2e/log-privacy.test.ts); the gateway's own debug lines carry neither.
 */
function gatewayLogLevel(level: string | undefined): "info" | "warn" | "error" | false {
  switch (level) {
    case "debug":
    case "trace":
    case "info":
      return "info";
    case "warn":
      return "warn";
    case "error":
    case "fatal":
      return "error";
    default:
      return false;
  }
}
