import "reflect-metadata";

export { startCasesSubgraph } from "./app";
export { CASES_SCHEMA, casesEntities, createCasesDataSource } from "./data-source";
export { buildCasesSchema } from "./schema";
