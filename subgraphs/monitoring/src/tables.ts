/**
 * Schema-qualified table names for the subqueries of record rules (TypeORM's query builder
 * qualifies the main table itself). The schema is the one `data-source.ts` configures.
 */
export const MONITORING_SCHEMA = "monitoring";
export const VISIT_TABLE = `${MONITORING_SCHEMA}.visit`;
export const COMPLAINT_ESCALATION_TABLE = `${MONITORING_SCHEMA}.complaint_escalation`;

/** Published by the cases subgraph for other subgraphs' record rules: current counsel of record per case. */
export const CASES_COUNSEL_CLIENT_VIEW = "cases.counsel_client";
