/**
 * THE STAFF COMPLIANCE RULE, in SQL, shared by `Facility.staffCompliance` (judged now) and the
 * public quarterly `staff_training_compliance` (judged at a quarter's last instant), so the two
 * cannot drift apart: over the staff that `staff` selects (a query giving id, facility_id and
 * job_role), an official is compliant unless some course their job role requires
 * (`requirementInForce`, on the requirement `r`) lacks a certificate `certificateValid` (on the
 * certification `c`). Gives one row per facility: facility_id, staff_count, compliant_count.
 */
export function staffComplianceSql(parts: { staff: string; requirementInForce: string; certificateValid: string }) {
  return `
  WITH staff AS (${parts.staff}
  ), lacking AS (
    SELECT DISTINCT s.id
      FROM staff s
      JOIN course_requirement r ON r.job_role = s.job_role AND ${parts.requirementInForce}
     WHERE NOT EXISTS (
             SELECT 1 FROM certification c
              WHERE c.official_id = s.id AND c.course_id = r.course_id AND ${parts.certificateValid})
  )
  SELECT s.facility_id,
         count(*)::int AS staff_count,
         (count(*) FILTER (WHERE l.id IS NULL))::int AS compliant_count
    FROM staff s
    LEFT JOIN lacking l ON l.id = s.id
   GROUP BY s.facility_id`;
}

/** A row of staffComplianceSql. */
export interface StaffComplianceRow {
  facility_id: string;
  staff_count: number;
  compliant_count: number;
}
