import "reflect-metadata";
import { createLogger } from "@kgraph/platform";
import { startFacilitiesSubgraph } from "./app";
import { loadFacilitiesConfig } from "./config";

async function main(): Promise<void> {
  const config = loadFacilitiesConfig();
  const logger = createLogger("facilities", config.LOG_LEVEL);
  const server = await startFacilitiesSubgraph({
    databaseUrl: config.DATABASE_URL,
    subjectRefKey: config.SUBJECT_REF_KEY,
    host: config.FACILITIES_HOST,
    port: config.FACILITIES_PORT,
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
  process.stderr.write(`facilities subgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
