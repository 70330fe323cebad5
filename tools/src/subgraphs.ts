import { buildCasesSchema, createCasesDataSource } from "@kgraph/cases";
import { buildFacilitiesSchema, createFacilitiesDataSource } from "@kgraph/facilities";
import { buildMonitoringSchema, createMonitoringDataSource } from "@kgraph/monitoring";
import { buildTrainingSchema, createTrainingDataSource } from "@kgraph/training";
import type { FederatedSchema, Logger } from "@kgraph/platform";
import type { DataSource } from "typeorm";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");

export interface SubgraphEntry {
  name: "cases" | "facilities" | "monitoring" | "training";
  port: number;
  buildSchema: () => Promise<FederatedSchema>;
  createDataSource: (url: string, logger?: Logger) => DataSource;
  /** The subgraph's source folder (for generated migrations). */
  dir: string;
}

/** The four subgraphs, in the order they start and compose. */
export const SUBGRAPHS: SubgraphEntry[] = [
  { name: "cases", port: 4001, buildSchema: buildCasesSchema, createDataSource: createCasesDataSource },
  { name: "facilities", port: 4002, buildSchema: buildFacilitiesSchema, createDataSource: createFacilitiesDataSource },
  { name: "monitoring", port: 4003, buildSchema: buildMonitoringSchema, createDataSource: createMonitoringDataSource },
  { name: "training", port: 4004, buildSchema: buildTrainingSchema, createDataSource: createTrainingDataSource },
].map((entry) => ({ ...entry, dir: path.join(ROOT, "subgraphs", entry.name) }) as SubgraphEntry);

export function subgraphNamed(name: string): SubgraphEntry {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`Unknown subgraph "${name}"; expected one of ${SUBGRAPHS.map((s) => s.name).join(", ")}.`);
  return entry;
}
