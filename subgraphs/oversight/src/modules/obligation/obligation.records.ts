import { defineRecordKind } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";

/**
 * The obligations catalogue is public record of the programme (`minutesPublished` reaches all of
 * it); no entry is a body's or a facility's own.
 */
export const ObligationRecords = defineRecordKind({
  name: "Obligation",
  table: "oversight.obligation",
  scopes: [SCOPES.OVERSIGHT_READ],
  rules: {
    minutesPublished: true,
    ownBody: false,
    ownFacility: false,
    // Impact assessments only.
    published: false,
    openForConsultation: false,
  },
});
