import "reflect-metadata";
import { tracing } from "./tracing";
import {
  createLogger,
  runSubgraphMain,
  shutdownSettings,
  subgraphEdgeSettings,
  subgraphMetricsSettings,
  verifierFromConfig,
} from "@kgraph/platform";
import { loadTrainingConfig } from "./config";
import { definition } from "./index";

runSubgraphMain(async () => {
  const config = loadTrainingConfig();
  const logger = createLogger("training", config.LOG_LEVEL);
  const server = await definition.start({
    databaseUrl: config.DATABASE_URL,
    subjectRefKey: config.SUBJECT_REF_KEY,
    host: config.TRAINING_HOST,
    port: config.TRAINING_PORT,
    logger,
    verifier: verifierFromConfig(config),
    gatewaySignatureSecret: config.GATEWAY_HMAC_SECRET,
    edge: subgraphEdgeSettings(config),
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    metrics: subgraphMetricsSettings(config, config.TRAINING_PORT),
  });
  return { server, logger, shutdown: shutdownSettings(config) };
}, tracing);
