import "reflect-metadata";
import { createLogger } from "@kgraph/platform";
import { startCasesSubgraph } from "./app";
import { loadCasesConfig } from "./config";

async function main(): Promise<void> {
  const config = loadCasesConfig();
  const logger = createLogger("cases", config.LOG_LEVEL);
  const server = await startCasesSubgraph({
    databaseUrl: config.DATABASE_URL,
    subjectRefKey: config.SUBJECT_REF_KEY,
    host: config.CASES_HOST,
    port: config.CASES_PORT,
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
  process.stderr.write(`cases subgraph failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
