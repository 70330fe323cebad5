import "reflect-metadata";
import { createLogger } from "@kgraph/platform";
import { startTrainingSubgraph } from "./app";
import { loadTrainingConfig } from "./config";

async function main(): Promise<void> {
  const config = loadTrainingConfig();
  const logger = createLogger("training", config.LOG_LEVEL);
  const server = await startTrainingSubgraph({
    databaseUrl: config.DATABASE_URL,
    subjectRefKey: config.SUBJECT_REF_KEY,
    host: config.TRAINING_HOST,
    port: config.TRAINING_PORT,
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
  process.stderr.write(`training subgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
