import path from "node:path";
import { type SubgraphDefinition, registeredSubgraph, subgraphRegistry } from "@kgraph/platform";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Every subgraph in subgraphs/registry.json, in its order. */
export const SUBGRAPHS = subgraphRegistry();
export const SUBGRAPH_NAMES: readonly string[] = SUBGRAPHS.map((subgraph) => subgraph.name);

/**
 * Loads a registered subgraph's compiled package by path, so the tools build without
 * type-depending on every subgraph (one subgraph with a type error does not stop the others' tools).
 */
export function loadSubgraph(name: string): SubgraphDefinition & { dir: string; port: number } {
  const { port } = registeredSubgraph(name);
  const dir = path.join(ROOT, "subgraphs", name);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(dir, "dist", "index.js")) as { definition: SubgraphDefinition };
  if (loaded.definition.name !== name) {
    throw new Error(`subgraphs/${name} defines a subgraph named "${loaded.definition.name}"`);
  }
  return { ...loaded.definition, dir, port };
}

export function loadSubgraphs() {
  return SUBGRAPH_NAMES.map(loadSubgraph);
}
