import { registerEnumType } from "type-graphql";

export enum ComplaintChannel {
  WEB = "WEB",
  HOTLINE = "HOTLINE",
  IN_PERSON = "IN_PERSON",
  LETTER = "LETTER",
  MONITOR_REFERRAL = "MONITOR_REFERRAL",
}
registerEnumType(ComplaintChannel, {
  name: "ComplaintChannel",
  description: "How a complaint reached the complaints mechanism.",
  valuesConfig: {
    WEB: { description: "Filed through the web form." },
    HOTLINE: { description: "Taken by telephone on the hotline." },
    IN_PERSON: { description: "Made in person, e.g. to a visiting monitor or at an office." },
    LETTER: { description: "Sent by letter or dropped in a complaints box." },
    MONITOR_REFERRAL: { description: "Referred by a monitoring body after a visit." },
  },
});

export enum ComplaintCategory {
  LIVING_CONDITIONS = "LIVING_CONDITIONS",
  TREATMENT_BY_STAFF = "TREATMENT_BY_STAFF",
  HEALTH_CARE = "HEALTH_CARE",
  ACCESS_TO_LAWYER = "ACCESS_TO_LAWYER",
  FAMILY_CONTACT = "FAMILY_CONTACT",
  PROCEDURE = "PROCEDURE",
  DISCRIMINATION = "DISCRIMINATION",
  OTHER = "OTHER",
}
registerEnumType(ComplaintCategory, {
  name: "ComplaintCategory",
  description: "What a complaint is about.",
  valuesConfig: {
    LIVING_CONDITIONS: { description: "Accommodation, food, hygiene, overcrowding." },
    TREATMENT_BY_STAFF: { description: "Conduct of staff, use of force, ill-treatment." },
    HEALTH_CARE: { description: "Access to medical or psychological care." },
    ACCESS_TO_LAWYER: { description: "Access to legal counsel or legal information." },
    FAMILY_CONTACT: { description: "Contact with family, telephone, visits." },
    PROCEDURE: { description: "The handling of the person's case, decisions, information given." },
    DISCRIMINATION: { description: "Unequal treatment on any ground." },
    OTHER: { description: "Anything else." },
  },
});

export enum ComplaintStatus {
  RECEIVED = "RECEIVED",
  UNDER_REVIEW = "UNDER_REVIEW",
  ESCALATED = "ESCALATED",
  DECIDED = "DECIDED",
  CLOSED = "CLOSED",
}
registerEnumType(ComplaintStatus, {
  name: "ComplaintStatus",
  description: "Where a complaint stands in its handling.",
  valuesConfig: {
    RECEIVED: { description: "Filed; not yet triaged." },
    UNDER_REVIEW: { description: "Triaged and being examined." },
    ESCALATED: { description: "Referred to another authority (see `escalations`)." },
    DECIDED: { description: "A decision has been made (see `decision`)." },
    CLOSED: { description: "Handling has ended (final)." },
  },
});

export enum ComplaintOutcome {
  UPHELD = "UPHELD",
  PARTLY_UPHELD = "PARTLY_UPHELD",
  NOT_UPHELD = "NOT_UPHELD",
  OUTSIDE_MANDATE = "OUTSIDE_MANDATE",
}
registerEnumType(ComplaintOutcome, {
  name: "ComplaintOutcome",
  description: "The outcome of a decided complaint.",
  valuesConfig: {
    UPHELD: { description: "The complaint was found justified." },
    PARTLY_UPHELD: { description: "The complaint was found justified in part." },
    NOT_UPHELD: { description: "The complaint was not found justified." },
    OUTSIDE_MANDATE: {
      description: "The complaint falls outside the mechanism's mandate; the complainant is told where to turn.",
    },
  },
});
