import http from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import httpTransport from "@graphql-mesh/transport-http";
import type { Logger, RunningServer } from "@kgraph/platform";
import { type GatewayAuthSettings, authorizationOptions, createPublicTokenSource, createTokenPlugin } from "./auth";
import { useExactRemovedFieldPaths } from "./error-paths";
import { graphiqlOptions, renderGraphiQLWithRoles } from "./graphiql";
import { checkReadiness } from "./health";
import {
  DEFAULT_LIMITS,
  type Limits,
  useBodyLimit,
  useCostBudget,
  useOperationShapeLimits,
  useRateLimit,
  useResponseSizeLimit,
} from "./limits";
import { claimHeaders, gatewayClaims, signedRequestContent, useGatewayRequestIds } from "./request-ids";
import { type TrustedDocumentsOptions, trustedDocuments } from "./trusted-documents";
import { createIntrospectionFilter } from "./introspection";
import { loadSupergraph } from "./supergraph";

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
}

/**
 * The one public endpoint: Hive Gateway runtime serving the committed supergraph with the Rust
 * query planner, JWT verification and field authorization from the supergraph's
 * `@authenticated`/`@requiresScopes`, GraphiQL with every asset inlined (works offline), the
 * caller's Authorization header (or the gateway's public token) and the gateway's own request id
 * passed on to every subgraph in requests signed with GATEWAY_HMAC_SECRET, and health endpoints.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const supergraph = loadSupergraph(options.supergraphPath, options.subgraphUrls);
  const tokens = createTokenPlugin(options.auth, options.logger);
  // Development: the local issuer (no identity provider configured) and not a production build.
  const development = !options.auth.jwksUrl && options.production !== true;
  const publicToken = createPublicTokenSource(options.auth);
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const limitsOn = options.limitsOn !== false;
  const signedIn = (request: Request | undefined) => Boolean(tokens.claimsOf(request));
  const gateway = createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    transports: { http: httpTransport },
    graphqlEndpoint: "/graphql",
    healthCheckEndpoint: "/healthz",
    readinessCheckEndpoint: "/gateway-readiness",
    landingPage: false,
    graphiql: graphiqlOptions(development ? options.auth.devKeysFile : undefined, options.documentsDir) as never,
    renderGraphiQL: renderGraphiQLWithRoles(development),
    logging: gatewayLogLevel(options.logLevel),
    // The gateway's own request ids (the runtime's would take the client's x-request-id as the id).
    requestId: false,
    plugins: () => [
      useGatewayRequestIds() as never,
      // Tokens first: a caller is counted by their verified subject.
      tokens.plugin as never,
      useBodyLimit(limits) as never,
      useRateLimit(limits, (request) => callerKey(request, tokens.claimsOf)) as never,
      // Before useExactRemovedFieldPaths: the shape limits see the document as the caller wrote it.
      ...((limitsOn ? useOperationShapeLimits(limits) : []) as never[]),
      ...((limitsOn ? [useCostBudget(limits, signedIn), useResponseSizeLimit(limits)] : []) as never[]),
      createIntrospectionFilter(tokens.claimsOf) as never,
      useExactRemovedFieldPaths() as never,
    ],
    // Not the runtime's `demandControl`: it prices each subgraph request as it is sent (so after
    // earlier fetches have run, with one budget for everyone), and with the Rust planner it was
    // seen to refuse nothing (maxCost 5 let a 10-item list through). useCostBudget prices the
    // whole operation first, with the same rules and directives, per caller.
    // A subgraph that does not answer in time is an error at its fields, not a hanging request.
    upstreamTimeout: limitsOn ? limits.upstreamTimeoutMs : undefined,
    genericAuth: authorizationOptions(tokens.claimsOf) as never,
    propagateHeaders: {
      // The caller's token (already verified above), or the gateway's own for a public caller;
      // the gateway's request id, and the client's id and operation name as the client's claims.
      fromClientToSubgraphs: async ({ request, context }) => ({
        authorization: request.headers.get("authorization") ?? `Bearer ${await publicToken()}`,
        ...claimHeaders(gatewayClaims(context as never)),
      }),
    },
    // Signed with @graphql-mesh/hmac-upstream-signature over the query, variables and the claims above.
    hmacSignature: options.gatewaySignatureSecret
      ? { secret: options.gatewaySignatureSecret, serializeExecutionRequest: signedRequestContent }
      : undefined,
    maskedErrors: true,
    persistedDocuments: trustedDocuments(options.trustedDocuments) as never,
    // Batched requests (an array of operations) run each operation under the same rules.
    batching: { limit: 10 },
  });

  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/readyz") {
      void checkReadiness(options.subgraphUrls).then((report) => {
        res.statusCode = report.status === "ready" ? 200 : 503;
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.end(JSON.stringify(report));
      });
      return;
    }
    void gateway(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}/graphql`;
  options.logger.info({ url }, "gateway listening");
  return {
    url,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}

function gatewayLogLevel(level: string | undefined): "debug" | "info" | "warn" | "error" | false {
  switch (level) {
    case "debug":
    case "trace":
      return "debug";
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

/** Who a request counts against for the rate limit: the token's subject, else the address. */
function callerKey(request: Request, claimsOf: (request: Request) => Record<string, unknown> | undefined): string {
  const sub = claimsOf(request)?.sub;
  if (typeof sub === "string") return `sub:${sub}`;
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return `addr:${forwarded || request.headers.get("x-real-ip") || "local"}`;
}
