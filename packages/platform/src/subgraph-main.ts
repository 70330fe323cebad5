// Imported by every subgraph's main.ts on its own (`@kgraph/platform/dist/subgraph-main`), never
// through the package's index: the tracing SDK must be running before `http` and `pg` load, so
// its instrumentations can patch them. Only the tracing module is loaded at the top.
import path from "node:path";
import type { SubgraphDefinition } from "./subgraph-definition";
import { startTracing } from "./tracing/start";

/**
 * The whole of a subgraph process: tracing (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set), then
 * the generic configuration (HOST, PORT, DATABASE_URL, …: `loadSubgraphConfig`), the server, and
 * a clean stop on SIGTERM/SIGINT (`runSubgraphMain`). `dir` is the compiled subgraph's folder
 * (main.ts's `__dirname`), whose index exports its `definition`.
 */
export function runSubgraph(name: string, dir: string): void {
  const tracing = startTracing(name, { role: "subgraph" });
  // Only now what loads http and pg: the platform, then the subgraph itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const platform = require("./index") as typeof import("./index");
  platform.runSubgraphMain(async () => {
    const config = platform.loadSubgraphConfig(name);
    const logger = platform.createLogger(name, config.LOG_LEVEL);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { definition } = require(path.join(dir, "index")) as { definition: SubgraphDefinition };
    if (definition.name !== name) {
      throw new Error(`main.ts starts "${name}" but its index defines "${definition.name}"`);
    }
    const port = config.PORT ?? platform.registeredSubgraph(name).port;
    const server = await definition.start({
      databaseUrl: config.DATABASE_URL,
      subjectRefKey: config.SUBJECT_REF_KEY,
      host: config.HOST,
      port,
      logger,
      verifier: platform.verifierFromConfig(config),
      gatewaySignatureSecret: config.GATEWAY_HMAC_SECRET,
      edge: platform.subgraphEdgeSettings(config),
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      metrics: platform.subgraphMetricsSettings(config, port),
      graphUrl: config.GRAPH_URL,
    });
    return { server, logger, shutdown: platform.shutdownSettings(config) };
  }, tracing);
}
