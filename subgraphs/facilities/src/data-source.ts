import { AuditEvent, IdempotencyKey, type Logger, createDataSource } from "@kgraph/platform";
import { Facility } from "./modules/facility/facility.entity";
import { Placement } from "./modules/placement/placement.entity";
import { migrations } from "./migrations";

export const FACILITIES_SCHEMA = "facilities";
export const facilitiesEntities = [Facility, Placement, AuditEvent, IdempotencyKey];

export function createFacilitiesDataSource(url: string, logger?: Logger, statementTimeoutMs?: number) {
  return createDataSource({
    url,
    schema: FACILITIES_SCHEMA,
    entities: facilitiesEntities,
    migrations,
    logger,
    statementTimeoutMs,
  });
}
