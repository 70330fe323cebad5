import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { DHS_AUTHORITY } from "../../authorities";
import { THROUGH_VISIT } from "../visit/visit.records";

/**
 * A recommendation is read and written under its visit's rules (visit.records.ts); the
 * authority's response (recommendation:respond) is narrowed for facility staff to their facility
 * and for the DHS liaison to recommendations addressed to DHS (the addressee is free text, matched
 * as a whole word or phrase: authorities.ts).
 */
export const RecommendationRecords = defineRecordKind({
  name: "Recommendation",
  table: "monitoring.recommendation",
  scopes: [SCOPES.MONITORING_READ, SCOPES.MONITORING_WRITE, SCOPES.RECOMMENDATION_RESPOND],
  rules: {
    ...THROUGH_VISIT,
    addressedToDhs: (r, _value, param) => `${r}.addressee ~* ${param(DHS_AUTHORITY)}`,
  },
});
