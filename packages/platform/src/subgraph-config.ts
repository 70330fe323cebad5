import { z } from "zod";
import { authConfigShape } from "./auth/config";
import {
  commonConfigShape,
  gatewaySignatureConfigShape,
  loadConfig,
  metricsConfigShape,
  subgraphEdgeConfigShape,
} from "./config";
import { subgraphEnvPrefix } from "./subgraph-registry";

/**
 * The only place a subgraph process reads the environment, the same for every subgraph (zod:
 * every problem reported at once). Generic names: HOST and PORT (unset: its port in
 * subgraphs/registry.json), DATABASE_URL (its own role's connection), SUBJECT_REF_KEY, and the
 * shared settings. `npm start` sets HOST and PORT for each subgraph from <NAME>_HOST/<NAME>_PORT.
 */
export function loadSubgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env) {
  // <NAME>_PORT and <NAME>_HOST are npm start's, which passes them on as PORT and HOST. Given to a
  // subgraph process alone they would be ignored and it would listen elsewhere: say so instead.
  const misplaced = (["PORT", "HOST"] as const)
    .map((variable) => ({ variable, own: `${subgraphEnvPrefix(name)}_${variable}` }))
    .filter(({ variable, own }) => env[own] !== undefined && env[variable] === undefined);
  if (misplaced.length) {
    throw new Error(
      `Invalid configuration:\n${misplaced
        .map(({ variable, own }) => `  - ${own}: a subgraph process reads ${variable} (${own} is for npm start)`)
        .join("\n")}`,
    );
  }
  return loadConfig(
    z.object({
      ...commonConfigShape,
      ...authConfigShape,
      ...gatewaySignatureConfigShape,
      ...subgraphEdgeConfigShape,
      ...metricsConfigShape,
      DATABASE_URL: z
        .string({
          required_error: `is required: the ${name} subgraph's own connection (npm start passes it; see README)`,
        })
        .url(),
      HOST: z.string().default("127.0.0.1"),
      /** Unset: the subgraph's port in subgraphs/registry.json (read only then). */
      PORT: z.coerce.number().int().min(0).max(65535).optional(),
      /** The graph's public endpoint, for reading what other subgraphs publish (the oversight subgraph's assessments). */
      GRAPH_URL: z.string().url().default("http://127.0.0.1:4000/graphql"),
      SUBJECT_REF_KEY: z.string({ required_error: "is required: the key for subject pseudonyms" }).min(16),
    }),
    env,
  );
}

export type SubgraphConfig = ReturnType<typeof loadSubgraphConfig>;
