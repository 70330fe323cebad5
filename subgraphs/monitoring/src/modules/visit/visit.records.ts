import { type RuleSql, defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { VisitStatus } from "./visit-enums";

/**
 * RECORD RULES for monitoring visits, in SQL (who gets which rule: @kgraph/policy).
 *
 * - disclosed: a visit that was announced, or has started. An unannounced visit is seen before it
 *   starts only by the visiting body and the Ombudsperson (OPCAT: the inspected must not learn
 *   the date of a surprise inspection).
 * - published: the report is published (everyone, the public included).
 * - ownBody: the caller's monitoring body (`org_id`) visits.
 * - ownFacility: the caller's facility (`facility_id`) is visited.
 */
const VISIT_RULES = {
  disclosed: (v: string) => `(${v}.announced OR ${v}.started_at IS NOT NULL)`,
  published: (v: string, _value: string | null, param: (value: unknown) => string) =>
    `${v}.status = ${param(VisitStatus.REPORT_PUBLISHED)}`,
  ownBody: (v: string, bodyId: string | null, param: (value: unknown) => string) => `${v}.body_id = ${param(bodyId)}`,
  ownFacility: (v: string, facilityId: string | null, param: (value: unknown) => string) =>
    `${v}.facility_id = ${param(facilityId)}`,
} satisfies Record<string, RuleSql>;

export const VisitRecords = defineRecordKind({
  name: "MonitoringVisit",
  table: "monitoring.visit",
  scopes: [SCOPES.MONITORING_READ, SCOPES.MONITORING_WRITE],
  columns: { id: "uuid", body_id: "uuid", facility_id: "uuid" },
  rules: VISIT_RULES,
});

/**
 * A record that belongs to a visit (a finding, a recommendation) meets a visit rule when its
 * visit does: the rule applied to the visit, in one subquery.
 */
export function throughVisit(rule: RuleSql): RuleSql {
  return (alias, value, param) =>
    `EXISTS (SELECT 1 FROM monitoring.visit rv WHERE rv.id = ${alias}.visit_id AND ${rule("rv", value, param)})`;
}

/** The visit rules, applied to the records of a visit through their `visit_id`. */
export const THROUGH_VISIT = {
  disclosed: throughVisit(VISIT_RULES.disclosed),
  published: throughVisit(VISIT_RULES.published),
  ownBody: throughVisit(VISIT_RULES.ownBody),
  ownFacility: throughVisit(VISIT_RULES.ownFacility),
};
