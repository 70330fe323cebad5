import type { ClassType, NonEmptyArray } from "type-graphql";
import type { DataSource } from "typeorm";
import type { AccessContext } from "./access/classified";
import { RecordAccess } from "./access/record-access";
import { auditedDataSource } from "./audit/audited-data-source";
import { AuditEvent } from "./audit/audit-event.entity";
import { AuditRecorder } from "./audit/recorder";
import { auditTrailModule } from "./audit/trail";
import type { TokenVerifier } from "./auth/verifier";
import type { SubgraphEdgeSettings } from "./config";
import type { BaseContext } from "./context";
import { createDataSource } from "./database";
import { type FederatedSchema, type ReferenceResolvers, buildFederatedSchema } from "./federation";
import { IdempotencyKey } from "./idempotency/idempotency-key.entity";
import { IdempotentRequest } from "./idempotency/idempotent-request";
import { userError } from "./errors";
import type { Logger } from "./logger";
import { type PublicGraph, publicGraph as createPublicGraph } from "./public-graph";
import { type MetricsListener, SubgraphMetrics, startMetricsListener } from "./metrics";
import type { ShutdownSettings } from "./shutdown";
import { type RunningServer, startSubgraphServer } from "./subgraph-server";

export interface StartSubgraphOptions {
  databaseUrl: string;
  subjectRefKey: string;
  host?: string;
  port: number;
  logger: Logger;
  /** Verifies every request's bearer token (the gateway is not the only wall). */
  verifier: TokenVerifier;
  /**
   * The secret the gateway signs its requests with (GATEWAY_HMAC_SECRET): the request ids of
   * signed requests are the gateway's. Without it, every request gets this subgraph's own id.
   */
  gatewaySignatureSecret?: string;
  /**
   * Who may call and what an operation may ask: in production only the gateway (signed
   * requests), no introspection; `subgraphEdgeSettings(config)` derives it from NODE_ENV.
   */
  edge: SubgraphEdgeSettings;
  /** PostgreSQL's statement_timeout for every connection (DB_STATEMENT_TIMEOUT_MS); 5 s unset. */
  statementTimeoutMs?: number;
  /**
   * Where `/metrics` listens (METRICS_HOST, METRICS_PORT; port 0: any free port). Unset: no
   * metrics listener (tools and tests that do not scrape).
   */
  metrics?: { host?: string; port: number };
  /**
   * The graph's public endpoint (GRAPH_URL: the gateway's /graphql), for a subgraph that reads
   * what other subgraphs publish through the graph. Unset: such reads fail SERVICE_UNAVAILABLE.
   */
  graphUrl?: string;
}

/** A served subgraph; `metricsUrl` when it has a metrics listener. */
export interface RunningSubgraph extends RunningServer {
  metricsUrl?: string;
}

/**
 * What each subgraph package exports as `definition` (made by `defineSubgraph`): the tools
 * (schema printing, migrations, seeding, `npm start`) and the tests treat every subgraph alike
 * through it. Its port is not here: that is deployment, in subgraphs/registry.json.
 */
export interface SubgraphDefinition {
  name: string;
  buildSchema(): Promise<FederatedSchema>;
  createDataSource(url: string, logger?: Logger, statementTimeoutMs?: number): DataSource;
  start(options: StartSubgraphOptions): Promise<RunningSubgraph>;
}

/** What every subgraph's resolvers get as context: the platform's part plus the subgraph's loaders. */
export interface SubgraphContext<TLoaders> extends AccessContext {
  /** The subgraph's database; its `transaction` commits a mutation's change with its audit event. */
  db: DataSource;
  loaders: TLoaders;
  subjectRefKey: string;
  /** When the request arrived: every time judgement in one response uses it. */
  now: Date;
  /** The graph as the public sees it (options.graphUrl): what other subgraphs publish. */
  publicGraph: PublicGraph;
}

/** What one subgraph declares; `defineSubgraph` adds everything the four have in common. */
export interface SubgraphDeclaration<TLoaders> {
  /** As in subgraphs/registry.json: also its Postgres schema and its service name. */
  name: string;
  /** Its TypeORM entities (the audit trail's and idempotency keys' are added). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  /** Its committed migrations, in order (`npm run migration:generate -- <name> <Name>` adds to them). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  /** Its type-graphql resolvers (the audit trail's are added after them). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: Function[];
  /** Types reachable only through `_entities` (the audit trail's entity type is added first). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type, through the same services and loaders as queries. */
  references?: ReferenceResolvers;
  /** Whether this subgraph serves `Query.auditTrail` (exactly one subgraph does). */
  auditTrailRoot?: boolean;
  /** The request's loaders, created fresh for each request (never shared between callers). */
  loaders(db: DataSource, access: RecordAccess, now: Date): TLoaders;
}

/**
 * One subgraph from its declaration: its Postgres schema (named after it) with its entities
 * plus the audit trail and idempotency keys, its federated schema plus its audit trail in the
 * graph, and its per-request context (record access, the audited database, loaders).
 */
export function defineSubgraph<TLoaders>(declaration: SubgraphDeclaration<TLoaders>): SubgraphDefinition {
  const entities = [...declaration.entities, AuditEvent, IdempotencyKey];
  const definition: SubgraphDefinition = {
    name: declaration.name,
    buildSchema() {
      const audit = auditTrailModule(declaration.name, { rootQuery: declaration.auditTrailRoot ?? false });
      return buildFederatedSchema(
        {
          resolvers: [...declaration.resolvers, ...audit.resolvers] as unknown as NonEmptyArray<ClassType>,
          orphanedTypes: [...audit.types, ...(declaration.orphanedTypes ?? [])],
        },
        { ...audit.reference, ...declaration.references },
      );
    },
    createDataSource(url, logger, statementTimeoutMs) {
      return createDataSource({
        url,
        schema: declaration.name,
        entities,
        migrations: declaration.migrations,
        logger,
        statementTimeoutMs,
      });
    },
    start: (options) => {
      const publicGraph: PublicGraph = options.graphUrl
        ? createPublicGraph(options.graphUrl)
        : {
            run: () =>
              Promise.reject(
                userError("SERVICE_UNAVAILABLE", "This subgraph has no GRAPH_URL: it cannot read the public graph."),
              ),
          };
      return serveSubgraph(
        definition,
        (db) =>
          (base: BaseContext): SubgraphContext<TLoaders> => {
            const now = new Date();
            const access = new RecordAccess(db, base.viewer);
            return {
              ...base,
              access,
              // Mutations commit their change and its audit event together (db.transaction).
              db: auditedDataSource(db, base.audit, base.idempotency),
              subjectRefKey: options.subjectRefKey,
              now,
              publicGraph,
              loaders: declaration.loaders(db, access, now),
            };
          },
        options,
      );
    },
  };
  return definition;
}

/** Connects to the database and serves a subgraph; `stop()` closes the server, then the pool. */
export async function serveSubgraph<TContext extends BaseContext>(
  definition: Pick<SubgraphDefinition, "name" | "buildSchema" | "createDataSource">,
  createContextFactory: (db: DataSource, options: StartSubgraphOptions) => (base: BaseContext) => TContext,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  if (!options.gatewaySignatureSecret) {
    options.logger.warn(
      "GATEWAY_HMAC_SECRET is not set: no request is taken as the gateway's, so the audit trail records this subgraph's own request ids only",
    );
  }
  const db = definition.createDataSource(options.databaseUrl, options.logger, options.statementTimeoutMs);
  await db.initialize();
  const metrics = options.metrics ? new SubgraphMetrics(definition.name, options.logger) : undefined;
  metrics?.observeDatabase(db);
  let listener: MetricsListener | undefined;
  try {
    if (metrics && options.metrics) {
      listener = await startMetricsListener({ registry: metrics.registry, ...options.metrics, logger: options.logger });
    }
    const { schema } = await definition.buildSchema();
    const server = await startSubgraphServer({
      name: definition.name,
      schema,
      logger: options.logger,
      host: options.host,
      port: options.port,
      createContext: createContextFactory(db, options),
      verifier: options.verifier,
      gatewaySignatureSecret: options.gatewaySignatureSecret,
      edge: options.edge,
      metrics,
      createAuditRecorder: (viewer, request) => new AuditRecorder(db, definition.name, viewer, request, metrics),
      createIdempotentRequest: (actorSub, key, fingerprint, requestId) =>
        new IdempotentRequest(db, actorSub, key, fingerprint, requestId),
      ready: async () => {
        await db.query("SELECT 1");
      },
    });
    return {
      ...server,
      metricsUrl: listener?.url,
      async stop() {
        await listener?.stop();
        await server.stop();
        await db.destroy();
      },
      async shutdown(settings) {
        await server.shutdown?.(settings);
        await listener?.stop();
        await db.destroy();
      },
    };
  } catch (err) {
    await listener?.stop();
    await db.destroy();
    throw err;
  }
}

/**
 * The body of every subgraph's main.ts: start, log, and stop cleanly on SIGTERM/SIGINT: readiness
 * fails for SHUTDOWN_DELAY_MS (SIGTERM only; SIGINT is a person at a terminal), then the listener
 * closes and requests in flight finish (SHUTDOWN_DRAIN_MS at most), then the pool closes, then the
 * tracing SDK exports the spans it still holds.
 */
export function runSubgraphMain(
  start: () => Promise<{ server: RunningServer; logger: Logger; shutdown?: ShutdownSettings }>,
  tracing?: { shutdown(): Promise<void> },
): void {
  start().then(
    ({ server, logger, shutdown: settings = { delayMs: 0, drainMs: 10_000 } }) => {
      const shutdown = (signal: string) => {
        logger.info({ signal }, "shutting down");
        const stopped = server.shutdown
          ? server.shutdown(signal === "SIGINT" ? { ...settings, delayMs: 0 } : settings)
          : server.stop();
        stopped
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
    },
    (err: unknown) => {
      process.stderr.write(`failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
