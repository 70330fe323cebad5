import "reflect-metadata";

export { startFacilitiesSubgraph } from "./app";
export { FACILITIES_SCHEMA, facilitiesEntities, createFacilitiesDataSource } from "./data-source";
export { buildFacilitiesSchema } from "./schema";
