import { registerEnumType } from "type-graphql";

export enum VisitStatus {
  PLANNED = "PLANNED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
  REPORT_PUBLISHED = "REPORT_PUBLISHED",
}
registerEnumType(VisitStatus, {
  name: "VisitStatus",
  description: "Where a monitoring visit stands: planned, under way, done, and finally reported publicly.",
  valuesConfig: {
    PLANNED: { description: "Scheduled; not started yet." },
    IN_PROGRESS: { description: "The monitors are at the facility (or the visit has not been closed yet)." },
    COMPLETED: {
      description: "The visit has ended; findings and recommendations may still be added before publication.",
    },
    REPORT_PUBLISHED: { description: "The visit report is public; findings are final (final status)." },
  },
});

export enum VisitPhase {
  INITIAL_MEETING = "INITIAL_MEETING",
  FACILITY_TOUR = "FACILITY_TOUR",
  PRIVATE_INTERVIEWS = "PRIVATE_INTERVIEWS",
  STAFF_INTERVIEWS = "STAFF_INTERVIEWS",
  DOCUMENT_REVIEW = "DOCUMENT_REVIEW",
  FINAL_DEBRIEF = "FINAL_DEBRIEF",
}
registerEnumType(VisitPhase, {
  name: "VisitPhase",
  description: "A part of a preventive monitoring visit, in the order visits usually run.",
  valuesConfig: {
    INITIAL_MEETING: { description: "Opening talk with the facility's management." },
    FACILITY_TOUR: { description: "Inspection of the premises: rooms, sanitation, yards, isolation cells." },
    PRIVATE_INTERVIEWS: { description: "Interviews with residents in private, without staff present." },
    STAFF_INTERVIEWS: { description: "Interviews with staff, medical personnel and interpreters." },
    DOCUMENT_REVIEW: { description: "Review of registers: use of force, incidents, medical, complaints." },
    FINAL_DEBRIEF: { description: "Closing talk with the management on the first observations." },
  },
});
