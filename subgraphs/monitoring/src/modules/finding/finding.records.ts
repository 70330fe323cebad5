import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { THROUGH_VISIT } from "../visit/visit.records";

/** A finding is read and written under its visit's rules (visit.records.ts). */
export const FindingRecords = defineRecordKind({
  name: "Finding",
  table: "monitoring.finding",
  scopes: [SCOPES.MONITORING_READ, SCOPES.MONITORING_WRITE],
  rules: THROUGH_VISIT,
});
