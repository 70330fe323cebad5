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

/** The only place the training subgraph reads the environment. */
export function loadTrainingConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      ...commonConfigShape,
      ...authConfigShape,
      ...gatewaySignatureConfigShape,
      ...subgraphEdgeConfigShape,
      ...metricsConfigShape,
      DATABASE_URL: z.string({ required_error: "is required (the orchestrator passes it; see README)" }).url(),
      TRAINING_HOST: z.string().default("127.0.0.1"),
      TRAINING_PORT: portVar(4004),
      SUBJECT_REF_KEY: z.string({ required_error: "is required: the key for subject pseudonyms" }).min(16),
    }),
    env,
  );
}

export type TrainingConfig = ReturnType<typeof loadTrainingConfig>;
