import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type RecordAccess, positional, wellFormedIds } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { type StaffComplianceRow, staffComplianceSql } from "../compliance/staff-compliance.sql";
import { FacilityStaffRecords } from "../official/official.records";
import type { StaffCompliance } from "./facility.entity";

/**
 * Staff compliance of many facilities in one statement: each active official working there is
 * compliant unless some course their job role requires lacks a certificate valid at `now`.
 */
const STAFF_COMPLIANCE_SQL = staffComplianceSql({
  staff: `SELECT o.id, o.facility_id, o.job_role
            FROM official o
           WHERE o.active AND o.facility_id = ANY($1::uuid[])`,
  requirementInForce: "TRUE",
  certificateValid: "c.expires_at > $2",
});

/**
 * Staff compliance aggregates the records of a facility's staff: a caller reads it for the
 * facilities their record rule allows (all, or facility staff their own) and gets null for the
 * others, which are never queried.
 */
export function createFacilityLoaders(db: DataSource, now: Date, access: RecordAccess) {
  return {
    staffComplianceByFacilityId: new DataLoader<string, StaffCompliance | null>(async (facilityIds) => {
      const allowed = await permittedFacilities(db, access, wellFormedIds(facilityIds));
      const valid = [...allowed];
      const rows = valid.length ? ((await db.query(STAFF_COMPLIANCE_SQL, [valid, now])) as StaffComplianceRow[]) : [];
      const byFacility = new Map(rows.map((row) => [row.facility_id, row]));
      return facilityIds.map((id) => {
        if (!allowed.has(id)) return null;
        const row = byFacility.get(id);
        const staffCount = row?.staff_count ?? 0;
        const compliantCount = row?.compliant_count ?? 0;
        return { staffCount, compliantCount, share: staffCount ? compliantCount / staffCount : null };
      });
    }),
  };
}

/** Which of these facilities' staff compliance the caller may read: the record rule, in SQL, on each. */
async function permittedFacilities(db: DataSource, access: RecordAccess, facilityIds: string[]): Promise<Set<string>> {
  const granted = access.scope(SCOPES.TRAINING_RECORDS_READ);
  if (granted.kind === "all") return new Set(facilityIds);
  if (granted.kind === "none" || !facilityIds.length) return new Set();
  const rule = positional(FacilityStaffRecords.condition(granted, "f"), 1);
  const rows = (await db.query(`SELECT f.facility_id FROM unnest($1::uuid[]) AS f(facility_id) WHERE ${rule.sql}`, [
    facilityIds,
    ...rule.values,
  ])) as { facility_id: string }[];
  return new Set(rows.map((row) => row.facility_id));
}
