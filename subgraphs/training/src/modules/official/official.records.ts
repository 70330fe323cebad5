import { type RuleSql, defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES of the training subgraph, in SQL (who gets which rule: @kgraph/policy).
 *
 * An official's training record (attendances, certificates, compliance) is read under
 * training:records:read: for facility staff, the officials working at their facility
 * (`ownFacility`); for anyone whose token names their own official record, that record
 * (`ownRecord`). The catalogue (courses, requirements, sessions) is training:read, which every
 * holder holds for all of it today; its kinds are declared so that a rule the policy might add
 * later is refused until written here.
 */
const OFFICIAL_RULES = {
  ownFacility: (o: string, facilityId: string | null, param: (v: unknown) => string) =>
    `${o}.facility_id = ${param(facilityId)}`,
  ownRecord: (o: string, officialId: string | null, param: (v: unknown) => string) => `${o}.id = ${param(officialId)}`,
} satisfies Record<string, RuleSql>;

export const OfficialRecords = defineRecordKind({
  name: "Official",
  table: "training.official",
  scopes: [SCOPES.TRAINING_READ, SCOPES.TRAINING_RECORDS_READ],
  rules: OFFICIAL_RULES,
});

/** A record that belongs to an official (through `official_id`) meets a rule when its official does. */
function throughOfficial(rule: RuleSql): RuleSql {
  return (alias, value, param) =>
    `EXISTS (SELECT 1 FROM training.official ro WHERE ro.id = ${alias}.official_id AND ${rule("ro", value, param)})`;
}

export const AttendanceRecords = defineRecordKind({
  name: "Attendance",
  table: "training.attendance",
  scopes: [SCOPES.TRAINING_RECORDS_READ],
  rules: {
    ownFacility: throughOfficial(OFFICIAL_RULES.ownFacility),
    ownRecord: throughOfficial(OFFICIAL_RULES.ownRecord),
  },
});

export const CertificationRecords = defineRecordKind({
  name: "Certification",
  table: "training.certification",
  scopes: [SCOPES.TRAINING_RECORDS_READ],
  rules: {
    ownFacility: throughOfficial(OFFICIAL_RULES.ownFacility),
    ownRecord: throughOfficial(OFFICIAL_RULES.ownRecord),
  },
});

/**
 * A facility's staff compliance aggregates its staff's records: facility staff read their own
 * facility's; an official's own record does not open their colleagues' aggregate. A condition on
 * a `facility_id` column (the facility the aggregate is about).
 */
export const FacilityStaffRecords = defineRecordKind({
  name: "FacilityStaff",
  scopes: [SCOPES.TRAINING_RECORDS_READ],
  rules: { ownFacility: (f, facilityId, param) => `${f}.facility_id = ${param(facilityId)}`, ownRecord: false },
});

export const CourseRecords = defineRecordKind({
  name: "Course",
  table: "training.course",
  scopes: [SCOPES.TRAINING_READ],
  rules: {},
});

export const CourseRequirementRecords = defineRecordKind({
  name: "CourseRequirement",
  table: "training.course_requirement",
  scopes: [SCOPES.TRAINING_READ],
  rules: {},
});

export const SessionRecords = defineRecordKind({
  name: "TrainingSession",
  table: "training.training_session",
  scopes: [SCOPES.TRAINING_READ],
  rules: {},
});
