import { type Logger, createDataSource } from "@kgraph/platform";
import { migrations } from "./migrations";

export const FACILITIES_SCHEMA = "facilities";
export const facilitiesEntities = [];

export function createFacilitiesDataSource(url: string, logger?: Logger) {
  return createDataSource({ url, schema: FACILITIES_SCHEMA, entities: facilitiesEntities, migrations, logger });
}
