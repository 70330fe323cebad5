import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * RECORD RULES of the cases subgraph, in SQL (the rules themselves, and who gets which, are in
 * @kgraph/policy). Every read and write of a case, or of anything that belongs to a case
 * (person, flags, counsel, screenings, reviews), goes through `CaseRecords`; lists, lookups,
 * entity references and single fields alike.
 *
 * Two read-only views are the only SQL that crosses a subgraph's schema, published for these
 * rules: `cases.counsel_client` (this subgraph's: current counsel of record) and
 * `facilities.case_residence` (placements an MIA officer planned or confirmed).
 */
export const COUNSEL_CLIENT_VIEW = "cases.counsel_client";
export const CASE_RESIDENCE_VIEW = "facilities.case_residence";

const counselOfRecord = (caseId: string, param: (v: unknown) => string, counselId: string | null) =>
  `EXISTS (SELECT 1 FROM ${COUNSEL_CLIENT_VIEW} cc WHERE cc.case_id = ${caseId} AND cc.counsel_id = ${param(counselId)})`;
const residentOf = (caseId: string, param: (v: unknown) => string, facilityId: string | null) =>
  `EXISTS (SELECT 1 FROM ${CASE_RESIDENCE_VIEW} cr WHERE cr.case_id = ${caseId} AND cr.facility_id = ${param(facilityId)})`;

export const CaseRecords = defineRecordKind({
  name: "Case",
  table: "cases.case",
  scopes: [
    SCOPES.CASE_READ,
    SCOPES.PERSON_READ,
    SCOPES.PERSON_DOCUMENTS_READ,
    SCOPES.CASE_SENSITIVE_READ,
    SCOPES.CASE_PRIVILEGED,
    SCOPES.COUNSEL_WRITE,
  ],
  rules: {
    counselOfRecord: (c, counselId, param) => counselOfRecord(`${c}.id`, param, counselId),
    residentOfOwnFacility: (c, facilityId, param) => residentOf(`${c}.id`, param, facilityId),
    beforeHandover: (c) => `${c}.arrived_at IS NULL`,
  },
});

/**
 * A transfer is a flight: its details name no one, but who flew when is part of each passenger's
 * case, so a restricted reader sees only the transfers that carry a case they may read.
 */
export const TransferRecords = defineRecordKind({
  name: "Transfer",
  table: "cases.transfer",
  scopes: [SCOPES.CASE_READ],
  rules: {
    counselOfRecord: (t, counselId, param) =>
      `EXISTS (SELECT 1 FROM cases.transfer_case tc WHERE tc.transfer_id = ${t}.id AND ${counselOfRecord("tc.case_id", param, counselId)})`,
    residentOfOwnFacility: (t, facilityId, param) =>
      `EXISTS (SELECT 1 FROM cases.transfer_case tc WHERE tc.transfer_id = ${t}.id AND ${residentOf("tc.case_id", param, facilityId)})`,
  },
});

/** A privileged note: its text only for the counsel who wrote it, while counsel of record. */
export const PrivilegedNoteRecords = defineRecordKind({
  name: "PrivilegedNote",
  table: "cases.privileged_note",
  scopes: [SCOPES.CASE_PRIVILEGED],
  rules: {
    counselOfRecord: (n, counselId, param) => counselOfRecord(`${n}.case_id`, param, counselId),
    author: (n, counselId, param) => `${n}.counsel_id = ${param(counselId)}`,
  },
});
