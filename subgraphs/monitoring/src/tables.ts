/** The PostgreSQL schema this subgraph owns (`data-source.ts` configures it). */
export const MONITORING_SCHEMA = "monitoring";
