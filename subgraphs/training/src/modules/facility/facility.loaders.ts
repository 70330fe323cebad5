import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { wellFormedIds } from "@kgraph/platform";
import { type TrainingRecordScope, canReadStaffComplianceOf } from "../official/official.policy";
import type { StaffCompliance } from "./facility.entity";

/**
 * Staff compliance of many facilities in one statement: each active official working there is
 * compliant unless some course their job role requires lacks a certificate valid at `now`.
 */
const STAFF_COMPLIANCE_SQL = `
  WITH staff AS (
    SELECT o.id, o.facility_id, o.job_role
      FROM official o
     WHERE o.active AND o.facility_id = ANY($1::uuid[])
  ), lacking AS (
    SELECT DISTINCT s.id
      FROM staff s
      JOIN course_requirement r ON r.job_role = s.job_role
     WHERE NOT EXISTS (
             SELECT 1 FROM certification c
              WHERE c.official_id = s.id AND c.course_id = r.course_id AND c.expires_at > $2)
  )
  SELECT s.facility_id,
         count(*)::int AS staff_count,
         (count(*) FILTER (WHERE l.id IS NULL))::int AS compliant_count
    FROM staff s
    LEFT JOIN lacking l ON l.id = s.id
   GROUP BY s.facility_id`;

/**
 * Staff compliance aggregates the records of a facility's staff: a caller reads it for the
 * facilities their record rule allows (all, or facility staff their own) and gets null for the
 * others, which are never queried.
 */
export function createFacilityLoaders(db: DataSource, now: Date, records: TrainingRecordScope) {
  return {
    staffComplianceByFacilityId: new DataLoader<string, StaffCompliance | null>(async (facilityIds) => {
      const allowed = new Set(facilityIds.filter((id) => canReadStaffComplianceOf(records, id)));
      const valid = wellFormedIds([...allowed]);
      const rows = valid.length
        ? ((await db.query(STAFF_COMPLIANCE_SQL, [valid, now])) as {
            facility_id: string;
            staff_count: number;
            compliant_count: number;
          }[])
        : [];
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
