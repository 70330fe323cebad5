import { AsyncLocalStorage } from "node:async_hooks";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type GraphQLSchema, type ValidationContext } from "graphql";
import { ReplayGuard, SIGNATURE_EXTENSION, gatewaySignatureOf } from "./audit/gateway-signature";
import { executedOperation } from "./audit/operation";
import type { AuditRecorder, AuditRequest } from "./audit/recorder";
import type { SubgraphEdgeSettings } from "./config";
import { AuthError, INVALID_TOKEN_RESPONSE, type TokenVerifier } from "./auth/verifier";
import { type BaseContext, type Viewer, operationNameHeader, requestIdHeader, requestIdsFrom } from "./context";
import { listTruncationPlugin } from "./bounded-list";
import { recordsReadAsAbsent } from "./access/classified";
import { type ShutdownSettings, drainable } from "./shutdown";
import { DATABASE_UNAVAILABLE_ERROR, databaseUnavailable, maskError } from "./errors";
import {
  type EarlierRequest,
  IDEMPOTENCY_KEY_HEADER,
  type IdempotentRequest,
  idempotencyKeyOf,
  inUse,
  isMutationRequest,
  keyReused,
  requestFingerprint,
} from "./idempotency/idempotent-request";
import { MAX_JSON_NESTING, jsonNesting, jsonTextNesting } from "./json-nesting";
import { refusedRepeatedHeader } from "./repeated-headers";
import type { Logger } from "./logger";
import type { SubgraphMetrics } from "./metrics/subgraph-metrics";
import { tagRequestSpan } from "./tracing/state";

const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** What a caller other than the gateway is told in production. */
export const NOT_FROM_GATEWAY_MESSAGE = "This service answers the gateway only.";

/**
 * graphql-armor's depth, alias and directive limits as validation rules, each refusal coded
 * (QUERY_TOO_DEEP, TOO_MANY_ALIASES, TOO_MANY_DIRECTIVES, as at the gateway); field suggestions
 * ("Did you mean …") are masked where introspection is off. Cost is priced at the gateway
 * (demand control) and tokens by Apollo's parser.
 */
function subgraphArmor(edge: SubgraphEdgeSettings) {
  const reject = (code: string) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message, { extensions: { code } })),
    ],
  });
  return new ApolloArmor({
    maxDepth: { n: edge.limits.maxDepth, ...reject("QUERY_TOO_DEEP") },
    maxAliases: { n: edge.limits.maxAliases, ...reject("TOO_MANY_ALIASES") },
    maxDirectives: { n: edge.limits.maxDirectives, ...reject("TOO_MANY_DIRECTIVES") },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !edge.introspection },
  }).protect();
}

/** Lets error masking name the request it happened in. */
const currentRequest = new AsyncLocalStorage<{ requestId: string; logger: Logger }>();

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  host?: string;
  port: number;
  /** Adds the subgraph's per-request parts (loaders) to the base context. */
  createContext: (base: BaseContext) => TContext;
  /** Readiness probe: resolves when the subgraph can serve (its database answers). */
  ready: () => Promise<void>;
  /** Verifies the bearer token of every GraphQL request: none or an invalid one is HTTP 401. */
  verifier: TokenVerifier;
  /** A fresh audit recorder for each request. */
  createAuditRecorder: (viewer: Viewer, request: AuditRequest) => AuditRecorder;
  /**
   * The secret the gateway signs its requests with (GATEWAY_HMAC_SECRET). Only a request signed
   * with it may set the request id; without it, every request gets this subgraph's own id.
   */
  gatewaySignatureSecret?: string;
  /** Whether only the gateway may call (signed requests), introspection, and per-operation limits. */
  edge: SubgraphEdgeSettings;
  /** Counts operations, latency and errors; served on the metrics listener, not here. */
  metrics?: SubgraphMetrics;
  /** A mutation sent with an Idempotency-Key, kept in this subgraph's `idempotency_key` table. */
  createIdempotentRequest?: (
    actorSub: string,
    key: string,
    fingerprint: string,
    requestId: string,
  ) => IdempotentRequest;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Graceful stop (SIGTERM): readiness fails first, then requests in flight finish (see `drainable`). */
  shutdown?(settings: ShutdownSettings): Promise<void>;
}

/**
 * A subgraph's HTTP boundary: `POST/GET /graphql`, `/healthz` (the process is up) and
 * `/readyz` (it can reach its database). The request id is the gateway's `x-request-id` when the
 * gateway signed the request, this subgraph's own otherwise (the caller's id is kept beside it).
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningServer> {
  const { edge } = options;
  if (edge.requireGatewaySignature && !options.gatewaySignatureSecret) {
    throw new Error("A subgraph that answers only the gateway needs GATEWAY_HMAC_SECRET.");
  }
  const httpServer = http.createServer();
  const drain = drainable(httpServer);
  const armor = subgraphArmor(edge);
  const replays = new ReplayGuard();
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    introspection: edge.introspection,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // Apollo would stop itself on SIGTERM/SIGINT and re-raise the signal (the process dies with
    // requests in flight); shutting down is runSubgraphMain's: readiness first, then drain.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    // Apollo's parser stops at the token limit (GRAPHQL_PARSE_FAILED) before any work is done.
    parseOptions: { maxTokens: edge.limits.maxTokens },
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No field declares @cacheControl and no subgraph answer is cached by its headers (the
      // gateway's response cache keeps public answers by its own rules). Apollo Server installs
      // its cache-control plugin unless told not to, and that plugin's willResolveField makes it
      // wrap every resolver of the schema and compute a cache policy per field of every request.
      ApolloServerPluginCacheControlDisabled(),
      // Lists cut at their stated maximum (BoundedList) are reported beside the data.
      listTruncationPlugin<TContext>(),
      recordsReadAsAbsent(),
      ...(options.metrics ? [options.metrics.apolloPlugin()] : []),
      {
        // The audit trail names what executes, from the parsed operation, before any resolver runs.
        async requestDidStart() {
          return {
            async didResolveOperation({ document, operation, contextValue }) {
              if (operation) {
                contextValue.audit.executing(executedOperation(document, operation), operation.name?.value ?? null);
              }
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      const request = currentRequest.getStore();
      return maskError(formatted, error, request?.requestId, (detail) =>
        (request?.logger ?? options.logger).error(detail, "unexpected error in a resolver"),
      );
    },
  });
  await apollo.start();

  httpServer.on("request", (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      options.logger.error({ err }, "request failed");
      if (res.headersSent) return;
      // Whatever step met the database down (idempotency, token, audit), the caller may retry.
      if (databaseUnavailable(err)) return send(res, 503, { errors: [DATABASE_UNAVAILABLE_ERROR] });
      send(res, 500, {
        errors: [{ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } }],
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (refusedRepeatedHeader(req, res)) return;
    const url = new URL(req.url ?? "/", "http://subgraph");
    if (url.pathname === "/healthz") return send(res, 200, { status: "ok", service: options.name });
    if (url.pathname === "/readyz") {
      // Shutting down: out of the balancer first, while what is in flight still finishes.
      if (drain.draining) return send(res, 503, { status: "shutting down", service: options.name });
      try {
        await options.ready();
        return send(res, 200, { status: "ready", service: options.name });
      } catch (err) {
        options.logger.warn({ err }, "not ready");
        return send(res, 503, { status: "not ready", service: options.name });
      }
    }
    if (url.pathname !== "/graphql") return send(res, 404, { error: "not found" });

    let body: unknown;
    if (req.method === "POST") {
      const raw = await readBody(req);
      if (raw === undefined) return send(res, 413, { error: `request body over ${MAX_BODY_BYTES} bytes` });
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return send(res, 400, {
          errors: [{ message: "Request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }],
        });
      }
    }
    const tooDeep = tooDeeplyNested(body, url.searchParams);
    if (tooDeep) {
      return send(res, 400, {
        errors: [
          {
            message: `"${tooDeep}" nests deeper than ${MAX_JSON_NESTING} levels.`,
            extensions: { code: "BAD_REQUEST" },
          },
        ],
      });
    }
    const idempotencyKey = idempotencyKeyOf(req.headers[IDEMPOTENCY_KEY_HEADER]);
    if (idempotencyKey instanceof Error) {
      return send(res, 400, { errors: [{ message: idempotencyKey.message, extensions: { code: "BAD_REQUEST" } }] });
    }
    // The ids the gateway vouches for count only when its signature covers them; else they are the caller's claims.
    const stamp = gatewaySignatureOf(
      options.gatewaySignatureSecret,
      body,
      {
        requestId: requestIdHeader(req.headers, "x-request-id") ?? null,
        clientRequestId: requestIdHeader(req.headers, "x-client-request-id") ?? null,
        clientOperationName: operationNameHeader(req.headers, "x-operation-name") ?? null,
        idempotencyKey: idempotencyKey ?? null,
      },
      req.headers.authorization ?? null,
    );
    // A signed request counts once, and only while its stamp is fresh: a captured one resent is not the gateway's.
    const verdict = stamp ? replays.check(stamp) : "unsigned";
    const signed = verdict === "fresh";
    const ids = requestIdsFrom(req.headers, signed);
    const { requestId } = ids;
    tagRequestSpan(requestId);
    const logger = options.logger.child({ requestId, clientRequestId: ids.clientRequestId, viaGateway: signed });
    if (edge.requireGatewaySignature && !signed) {
      // Production: the gateway is the only caller. Anyone else, whatever token they hold, meets
      // one answer; whether the signature was missing or wrong is for the log.
      const hasSignature =
        typeof (body as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[SIGNATURE_EXTENSION] ===
        "string";
      const reason =
        verdict === "stale"
          ? "signature stamp too old (or ahead of this clock)"
          : verdict === "replayed"
            ? "signed request replayed"
            : hasSignature
              ? "signature does not match"
              : "no signature";
      logger.warn({ reason }, "request not from the gateway refused");
      res.setHeader("x-request-id", requestId);
      options.metrics?.error("FORBIDDEN");
      return send(res, 403, { errors: [{ message: NOT_FROM_GATEWAY_MESSAGE, extensions: { code: "FORBIDDEN" } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const authorization = req.headers.authorization;
    let viewer: Viewer;
    try {
      viewer = await options.verifier.verify(authorization, logger);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      // One answer for every refused token; the verifier has logged the reason.
      options.metrics?.error("UNAUTHENTICATED");
      res.writeHead(INVALID_TOKEN_RESPONSE.status, { ...INVALID_TOKEN_RESPONSE.headers, "x-request-id": requestId });
      res.end(INVALID_TOKEN_RESPONSE.body);
      return;
    }
    // A mutation with a key runs once per caller and key: a retry gets the first answer back. Not
    // for public callers, who are all one caller here (idempotent-request.ts).
    const params = (body ?? {}) as { query?: unknown; operationName?: unknown; variables?: unknown };
    const idempotency =
      idempotencyKey &&
      !viewer.public &&
      viewer.sub &&
      options.createIdempotentRequest &&
      isMutationRequest(params.query, params.operationName)
        ? options.createIdempotentRequest(
            viewer.sub,
            idempotencyKey,
            requestFingerprint(params.query, params.operationName, params.variables, viewer),
            requestId,
          )
        : undefined;
    if (idempotency && answeredBefore(res, requestId, await idempotency.earlier())) return;
    const audit = options.createAuditRecorder(viewer, ids);
    const response = await currentRequest.run({ requestId, logger }, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
        context: async () =>
          options.createContext({
            viewer,
            requestId,
            logger: logger.child({ sub: viewer.sub }),
            authorization,
            audit,
            idempotency,
          }),
      }),
    );
    // The request's audited reads are written before anything leaves: no audit event, no data.
    try {
      await audit.flush();
    } catch (err) {
      logger.error({ err }, "audit trail write failed; response withheld");
      options.metrics?.error("AUDIT_WRITE_FAILED");
      // The database went away between the answer and its audit event: no data, and a retry may work.
      if (databaseUnavailable(err)) {
        return send(res, 503, {
          errors: [{ ...DATABASE_UNAVAILABLE_ERROR, extensions: { code: "SERVICE_UNAVAILABLE", requestId } }],
        });
      }
      return send(res, 500, {
        errors: [
          {
            message: `The audit trail could not be written, so the data is withheld (request id ${requestId}).`,
            extensions: { code: "INTERNAL_SERVER_ERROR", requestId },
          },
        ],
      });
    }
    // A duplicate that lost the race for its key answers what the first request answered.
    if (idempotency?.lostRace && answeredBefore(res, requestId, await idempotency.awaitAnswer())) return;
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader("x-request-id", requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      if (idempotency?.acted) {
        try {
          await idempotency.storeAnswer(res.statusCode, response.body.string);
        } catch (err) {
          // The change is committed; a retry will be told IDEMPOTENCY_KEY_IN_USE, never act twice.
          logger.error({ err }, "the answer of an idempotent request could not be stored");
        }
      }
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}/graphql`;
  options.logger.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    port,
    async stop() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
    async shutdown(settings) {
      await drain.drain(settings);
      await apollo.stop();
    },
  };
}

/**
 * Answers a request from what an earlier one with the same idempotency key left: its stored answer,
 * IDEMPOTENCY_KEY_REUSED (422) for another request under the key, IDEMPOTENCY_KEY_IN_USE (409)
 * while it has no answer yet. False when there is nothing earlier: the request runs.
 */
function answeredBefore(res: http.ServerResponse, requestId: string, earlier: EarlierRequest): boolean {
  if (earlier.kind === "none") return false;
  res.setHeader("x-request-id", requestId);
  if (earlier.kind === "answered") {
    res.statusCode = earlier.status;
    res.setHeader("content-type", "application/json; charset=utf-8");
    res.setHeader("idempotent-replayed", "true");
    res.end(earlier.body);
    return true;
  }
  const error = earlier.kind === "other-request" ? keyReused() : inUse();
  send(res, earlier.kind === "other-request" ? 422 : 409, {
    errors: [{ message: error.message, extensions: error.extensions }],
  });
  return true;
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.end(JSON.stringify(payload));
}

/** The request parameter (POST body or GET query) that nests deeper than MAX_JSON_NESTING, if any. */
function tooDeeplyNested(body: unknown, search: URLSearchParams): string | undefined {
  for (const key of ["variables", "extensions"]) {
    const posted = body !== null && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
    if (jsonNesting(posted) > MAX_JSON_NESTING) return key;
    const query = search.get(key);
    if (query && jsonTextNesting(query) > MAX_JSON_NESTING) return key;
  }
  return undefined;
}
