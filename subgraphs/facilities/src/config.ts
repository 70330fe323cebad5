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

/** The only place the facilities subgraph reads the environment. */
export function loadFacilitiesConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(
    z.object({
      ...commonConfigShape,
      ...authConfigShape,
      ...gatewaySignatureConfigShape,
      ...subgraphEdgeConfigShape,
      ...metricsConfigShape,
      DATABASE_URL: z.string({ required_error: "is required (the orchestrator passes it; see README)" }).url(),
      FACILITIES_HOST: z.string().default("127.0.0.1"),
      FACILITIES_PORT: portVar(4002),
      SUBJECT_REF_KEY: z.string({ required_error: "is required: the key for subject pseudonyms" }).min(16),
    }),
    env,
  );
}

export type FacilitiesConfig = ReturnType<typeof loadFacilitiesConfig>;
