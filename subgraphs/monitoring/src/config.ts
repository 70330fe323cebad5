import {
  authConfigShape,
  commonConfigShape,
  gatewaySignatureConfigShape,
  loadConfig,
  metricsConfigShape,
  portVar,
  subgraphEdgeConfigShape,
} from "@kgraph/platform";
import { z } from "zod";

/** The only place the monitoring subgraph reads the environment. */
export function loadMonitoringConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      ...commonConfigShape,
      ...authConfigShape,
      ...gatewaySignatureConfigShape,
      ...subgraphEdgeConfigShape,
      ...metricsConfigShape,
      DATABASE_URL: z.string({ required_error: "is required (the orchestrator passes it; see README)" }).url(),
      MONITORING_HOST: z.string().default("127.0.0.1"),
      MONITORING_PORT: portVar(4003),
      SUBJECT_REF_KEY: z.string({ required_error: "is required: the key for subject pseudonyms" }).min(16),
    }),
    env,
  );
}

export type MonitoringConfig = ReturnType<typeof loadMonitoringConfig>;
