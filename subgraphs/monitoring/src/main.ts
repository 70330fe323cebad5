import "reflect-metadata";
import { createLogger } from "@kgraph/platform";
import { startMonitoringSubgraph } from "./app";
import { loadMonitoringConfig } from "./config";

async function main(): Promise<void> {
  const config = loadMonitoringConfig();
  const logger = createLogger("monitoring", config.LOG_LEVEL);
  const server = await startMonitoringSubgraph({
    databaseUrl: config.DATABASE_URL,
    subjectRefKey: config.SUBJECT_REF_KEY,
    host: config.MONITORING_HOST,
    port: config.MONITORING_PORT,
    logger,
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    server.stop().then(
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
  process.stderr.write(`monitoring subgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
