import path from "node:path";
import type { SubgraphDefinition } from "@kgraph/platform";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SUBGRAPH_NAMES = ["cases", "facilities", "monitoring", "training"] as const;

/**
 * Loads a subgraph's compiled package by path, so the tools build without type-depending on
 * every subgraph (one subgraph with a type error does not stop the others' tools).
 */
export function loadSubgraph(name: string): SubgraphDefinition & { dir: string } {
  if (!(SUBGRAPH_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown subgraph "${name}"; expected one of ${SUBGRAPH_NAMES.join(", ")}.`);
  }
  const dir = path.join(ROOT, "subgraphs", name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(dir, "dist", "index.js")) as { definition: SubgraphDefinition };
  return { ...loaded.definition, dir };
}

export function loadSubgraphs() {
  return SUBGRAPH_NAMES.map(loadSubgraph);
}
