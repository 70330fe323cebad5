/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who is to own an action item. */
export type ActionItemOwnerInput = {
  /** The agency that owes it. */
  agency: TaskForceAgency;
  /** The official's id in the training subgraph, if registered there. */
  officialId?: string | null | undefined;
  /** The official responsible. */
  officialName: string;
  /** The facility (FACILITY_OPERATOR) or the monitoring body (CIVIL_SOCIETY): required for those, refused otherwise. */
  orgId?: string | null | undefined;
};

/** Where an action item stands: OPEN → IN_PROGRESS → DONE, or DROPPED (from OPEN or IN_PROGRESS). */
export type ActionItemStatus =
  /** Done (final). */
  | 'DONE'
  /** No longer pursued, with the reason why (final). */
  | 'DROPPED'
  /** Its owner is working on it. */
  | 'IN_PROGRESS'
  /** Agreed, not started. */
  | 'OPEN';

/** Age at nomination, in bands (the date of birth is identity data). */
export type AgeBand =
  /** 18 to 25. */
  | 'AGE_18_25'
  /** 26 to 35. */
  | 'AGE_26_35'
  /** 36 to 50. */
  | 'AGE_36_50'
  /** Over 50. */
  | 'OVER_50'
  /** Under 18: a minor. */
  | 'UNDER_18';

/** How long something has been overdue. */
export type AgeingBand =
  /** 0 to 7 whole days past due. */
  | 'DAYS_0_TO_7'
  /** 8 to 30 days. */
  | 'DAYS_8_TO_30'
  /** 31 to 90 days. */
  | 'DAYS_31_TO_90'
  /** More than 90 days. */
  | 'OVER_90_DAYS';

/** Where an agenda item came from. */
export type AgendaOrigin =
  /** A procedural gap found in a joint case review (referReviewGap). */
  | 'CASE_REVIEW_GAP'
  /** A complaint or a pattern of complaints. */
  | 'COMPLAINT'
  /** Raised by a member. */
  | 'MEMBER'
  /** A monitoring finding or recommendation. */
  | 'MONITORING'
  /** An overdue obligation or action item followed up. */
  | 'OVERDUE_FOLLOW_UP';

/** Which assessments to list; every given condition must hold. */
export type AssessmentFilterInput = {
  /** Only this quarter's (YYYY-Qn). */
  quarter?: string | null | undefined;
  /** Only assessments in this status. */
  status?: AssessmentStatus | null | undefined;
};

/** A recommendation of an impact assessment. */
export type AssessmentRecommendationInput = {
  /** The agency it is addressed to. */
  addressee: TaskForceAgency;
  /** The official who answers for it (owner of the follow-up action item). */
  addresseeOfficialName: string;
  /** The facility (FACILITY_OPERATOR) or the monitoring body (CIVIL_SOCIETY): required for those, refused otherwise. */
  addresseeOrgId?: string | null | undefined;
  /** When the addressee is to have acted on it; in the future when the assessment is published. */
  dueAt: string;
  /** What is recommended. */
  text: string;
};

/** What an impact assessment covers. */
export type AssessmentScope =
  /** One facility: its indicators are that facility's cells. */
  | 'FACILITY'
  /** One policy of the programme (named in `policy`). */
  | 'POLICY'
  /** The whole programme; its publication publishes the quarter's public report. */
  | 'PROGRAMME';

/** Where an impact assessment stands: DRAFT → CONSULTATION → PUBLISHED. */
export type AssessmentStatus =
  /** Put to consultation: monitoring bodies (civil society) read it too. */
  | 'CONSULTATION'
  /** Being written by the Ombudsperson; read by the task force's agencies. */
  | 'DRAFT'
  /** Published (final): everyone reads it; its indicators are frozen. */
  | 'PUBLISHED';

/** Whether an audit event records a read of protected data or a write. */
export type AuditKind =
  /** Identity, sensitive, privileged or complainant data was read. */
  | 'READ'
  /** Data was changed. */
  | 'WRITE';

/** Filters for the case list; all given filters must match. */
export type CaseFilter = {
  /** Only cases under this agreement. */
  agreementId?: string | null | undefined;
  /** Only cases of this nationality (ISO 3166-1 alpha-2). */
  nationality?: string | null | undefined;
  /** Only cases in one of these statuses. */
  status?: Array<CaseStatus> | null | undefined;
  /** Only cases booked on this transfer. */
  transferId?: string | null | undefined;
};

/** Where a case stands in the programme. */
export type CaseStatus =
  /** Left without notice (final). */
  | 'ABSCONDED'
  /** Accepted by Kosovo; awaiting transfer. */
  | 'ACCEPTED'
  /** Placed in a facility. */
  | 'ACCOMMODATED'
  /** Closed for another reason (final). */
  | 'CLOSED'
  /** Declined by Kosovo (final). */
  | 'DECLINED'
  /** On a transfer to Kosovo. */
  | 'IN_TRANSIT'
  /** Proposed by the sending state; not yet accepted by Kosovo. */
  | 'NOMINATED'
  /** Return to a country of origin or a third country is being arranged. */
  | 'ONWARD_RETURN_PLANNED'
  /** Arrived and handed over to Kosovo's authorities. */
  | 'RECEIVED'
  /** Returned onward (final). */
  | 'RETURNED'
  /** Transferred to another procedure or state (final). */
  | 'TRANSFERRED';

/** What a complaint is about. */
export type ComplaintCategory =
  /** Access to legal counsel or legal information. */
  | 'ACCESS_TO_LAWYER'
  /** Unequal treatment on any ground. */
  | 'DISCRIMINATION'
  /** Contact with family, telephone, visits. */
  | 'FAMILY_CONTACT'
  /** Access to medical or psychological care. */
  | 'HEALTH_CARE'
  /** Accommodation, food, hygiene, overcrowding. */
  | 'LIVING_CONDITIONS'
  /** Anything else. */
  | 'OTHER'
  /** The handling of the person's case, decisions, information given. */
  | 'PROCEDURE'
  /** Conduct of staff, use of force, ill-treatment. */
  | 'TREATMENT_BY_STAFF';

/** How a complaint reached the complaints mechanism. */
export type ComplaintChannel =
  /** Taken by telephone on the hotline. */
  | 'HOTLINE'
  /** Made in person, e.g. to a visiting monitor or at an office. */
  | 'IN_PERSON'
  /** Sent by letter or dropped in a complaints box. */
  | 'LETTER'
  /** Referred by a monitoring body after a visit. */
  | 'MONITOR_REFERRAL'
  /** Filed through the web form. */
  | 'WEB';

/** The outcome of a decided complaint. */
export type ComplaintOutcome =
  /** The complaint was not found justified. */
  | 'NOT_UPHELD'
  /** The complaint falls outside the mechanism's mandate; the complainant is told where to turn. */
  | 'OUTSIDE_MANDATE'
  /** The complaint was found justified in part. */
  | 'PARTLY_UPHELD'
  /** The complaint was found justified. */
  | 'UPHELD';

/** Where a complaint stands in its handling. */
export type ComplaintStatus =
  /** Handling has ended (final). */
  | 'CLOSED'
  /** A decision has been made (see `decision`). */
  | 'DECIDED'
  /** Referred to another authority (see `escalations`). */
  | 'ESCALATED'
  /** Filed; not yet triaged. */
  | 'RECEIVED'
  /** Triaged and being examined. */
  | 'UNDER_REVIEW';

/** A new impact assessment (a DRAFT). */
export type CreateImpactAssessmentInput = {
  /** The facility assessed: required for FACILITY scope, refused otherwise. */
  facilityId?: string | null | undefined;
  /** What it found, in order. At most 50. */
  findings: Array<string>;
  /** How it is made: sources, consultation, limits. */
  method: string;
  /** The policy assessed: required for POLICY scope, refused otherwise. */
  policy?: string | null | undefined;
  /** The quarter assessed, as YYYY-Qn (for example 2026-Q3). */
  quarter: string;
  /** Its recommendations, in order. At most 50. */
  recommendations: Array<AssessmentRecommendationInput>;
  /** What it covers. */
  scope: AssessmentScope;
  /** The task force that will follow up its recommendations. */
  taskForceId: string;
  /** Its title. */
  title: string;
};

/** What kind of facility it is; the kind decides which placement regimes it may hold. */
export type FacilityType =
  /** Closed centre; the only kind that may hold DETAINED placements. */
  | 'DETENTION_CENTRE'
  /** Open accommodation; residents come and go. */
  | 'OPEN_CENTRE'
  /** First reception after arrival: registration, health check, first accommodation. */
  | 'RECEPTION_CENTRE'
  /** Protected accommodation for vulnerable persons. */
  | 'SHELTER'
  /** Short stays before an onward movement. */
  | 'TRANSIT_CENTRE';

/** What a published figure's value measures. */
export type FigureUnit =
  /** A count. */
  | 'COUNT'
  /** A duration in days (a median). */
  | 'DAYS'
  /** A duration in hours (a median). */
  | 'HOURS'
  /** Events per 1,000 of the base the indicator names. */
  | 'PER_THOUSAND'
  /** A share from 0 to 1 (0.875 = 87.5 %). */
  | 'RATE';

/** A complaint to file. Anyone may file one, without a token. */
export type FileComplaintInput = {
  /** True to complain without giving an identity; then no name or contact may be given. */
  anonymous: boolean;
  /** The case the complaint concerns, when it concerns one. */
  caseId?: string | null | undefined;
  /** What the complaint is about. */
  category: ComplaintCategory;
  /** How the complaint was received. */
  channel: ComplaintChannel;
  /** How to reach the complainant (telephone, e-mail, address); only when not anonymous. */
  complainantContact?: string | null | undefined;
  /** Who complains; required unless anonymous. */
  complainantName?: string | null | undefined;
  /** The facility the complaint concerns, when it concerns one. */
  facilityId?: string | null | undefined;
  /** The complaint in the complainant's words. */
  text: string;
};

/** How serious a finding is for the people concerned. */
export type FindingSeverity =
  /** A risk of ill-treatment or to life or health needing immediate action. */
  | 'CRITICAL'
  /** A serious shortcoming needing prompt correction. */
  | 'HIGH'
  /** A shortcoming with little effect on people's rights or wellbeing. */
  | 'LOW'
  /** A shortcoming that affects people's rights or wellbeing and needs correcting. */
  | 'MEDIUM';

/** What an official does in the programme; mandatory training is set per job role. */
export type JobRole =
  /** Police officer at the border and on transfers. */
  | 'BORDER_POLICE'
  /** Ministry of Internal Affairs officer who runs cases. */
  | 'CASE_OFFICER'
  /** Manager responsible for a facility. */
  | 'FACILITY_MANAGER'
  /** Staff working with residents in a facility. */
  | 'FACILITY_STAFF'
  /** Interpreter working with residents and officials. */
  | 'INTERPRETER'
  /** Doctor, nurse or other health worker. */
  | 'MEDICAL_STAFF'
  /** Social worker supporting residents. */
  | 'SOCIAL_WORKER';

/** A time limit the programme lives by. */
export type ObligationKind =
  /** A task-force action item, by the due date the task force set. */
  | 'ACTION_ITEM'
  /** Acknowledging a complaint after it is filed. */
  | 'COMPLAINT_ACKNOWLEDGEMENT'
  /** Deciding a complaint after it is filed. */
  | 'COMPLAINT_DECISION'
  /** An offer of legal counsel after arrival. */
  | 'COUNSEL_OFFER'
  /** Protection screening after arrival. */
  | 'PROTECTION_SCREENING'
  /** The authority's response to a monitoring recommendation. */
  | 'RECOMMENDATION_RESPONSE'
  /** Information on rights, in a language the person understands, after arrival. */
  | 'RIGHTS_INFORMATION';

/** How much of a facility's official capacity is in use (residents checked in), as a band. */
export type OccupancyBand =
  /** 50 % to under 75 %. */
  | 'HALF_TO_THREE_QUARTERS'
  /** 90 % to 100 %: full or nearly. */
  | 'NINETY_TO_FULL'
  /** More residents than official places. */
  | 'OVER_CAPACITY'
  /** 75 % to under 90 %. */
  | 'THREE_QUARTERS_TO_NINETY'
  /** Under 50 % of the official capacity (empty included). */
  | 'UNDER_HALF';

/** Whether the person may leave the facility. */
export type PlacementRegime =
  /** Deprived of liberty; only in a DETENTION_CENTRE. */
  | 'DETAINED'
  /** Free to come and go. */
  | 'OPEN';

/** Where a placement stands: PLANNED → CHECKED_IN → CHECKED_OUT, or PLANNED → CANCELLED. */
export type PlacementStatus =
  /** Cancelled before check-in (final). */
  | 'CANCELLED'
  /** The person lives in the facility. Counts against capacity and as occupancy. */
  | 'CHECKED_IN'
  /** The person has left (final). */
  | 'CHECKED_OUT'
  /** A place is reserved; the person has not arrived. Counts against capacity. */
  | 'PLANNED';

/** Where a recommendation stands with the authority it is addressed to. */
export type RecommendationStatus =
  /** The authority accepted it and is to implement it. */
  | 'ACCEPTED'
  /** Accepted and implemented (final). */
  | 'IMPLEMENTED'
  /** Awaiting the authority's response; the due date has not passed. */
  | 'OPEN'
  /** Still awaiting the authority's response after its due date (derived: stored as OPEN). */
  | 'OVERDUE'
  /** The authority rejected it, with its reasons (final). */
  | 'REJECTED';

/** A procedural gap a joint case review found, to refer to the task force. */
export type ReferReviewGapInput = {
  /** What is to be done about it (the action item's title). */
  action: string;
  /** The joint case review that found the gap (its id in the cases subgraph). */
  caseReviewId: string;
  /** By when (in the future). */
  dueAt: string;
  /** The gap, in a sentence, e.g. "Counsel was offered 60 h after arrival, not within 24 h". */
  gap: string;
  /** The meeting to put it on; by default the next meeting scheduled after now (of the task force, if named). */
  meetingId?: string | null | undefined;
  /** Who is to act on it. */
  owner: ActionItemOwnerInput;
  /** The task force whose next meeting takes it (when no meeting is named). */
  taskForceId?: string | null | undefined;
};

/** What to change in an assessment not yet published; what is left out stays. */
export type ReviseImpactAssessmentInput = {
  /** The findings, all of them, in order. At most 50. */
  findings?: Array<string> | null | undefined;
  /** A new method. */
  method?: string | null | undefined;
  /** The recommendations, all of them, in order (they replace the earlier ones). At most 50. */
  recommendations?: Array<AssessmentRecommendationInput> | null | undefined;
  /** A new title. */
  title?: string | null | undefined;
};

/** An agency of the inter-agency task force. */
export type TaskForceAgency =
  /** A civil-society monitoring body (its id is its organisation id). */
  | 'CIVIL_SOCIETY'
  /** US Department of Homeland Security (its liaison). */
  | 'DHS'
  /** The operator of a facility (the facility's id is its organisation id). */
  | 'FACILITY_OPERATOR'
  /** Kosovo Ministry of Internal Affairs. */
  | 'MIA'
  /** The Ombudsperson Institution (national preventive mechanism). */
  | 'OMBUDSPERSON';

/** Where a transfer stands. */
export type TransferStatus =
  /** Landed; the people on it are not yet handed over. */
  | 'ARRIVED'
  /** Called off before departure (final). */
  | 'CANCELLED'
  /** The people on it were handed over to the receiving authorities (final). */
  | 'HANDED_OVER'
  /** Departed; not yet arrived. */
  | 'IN_FLIGHT'
  /** Booked; not yet departed. */
  | 'PLANNED';

/** Where a monitoring visit stands: planned, under way, done, and finally reported publicly. */
export type VisitStatus =
  /** The visit has ended; findings and recommendations may still be added before publication. */
  | 'COMPLETED'
  /** The monitors are at the facility (or the visit has not been closed yet). */
  | 'IN_PROGRESS'
  /** Scheduled; not started yet. */
  | 'PLANNED'
  /** The visit report is public; findings are final (final status). */
  | 'REPORT_PUBLISHED';

/** The kind of vulnerability a flag records. */
export type VulnerabilityCode =
  /** A disability affecting accommodation or procedure. */
  | 'DISABILITY'
  /** Of advanced age. */
  | 'ELDERLY'
  /** At risk because of sexual orientation or gender identity. */
  | 'LGBTI'
  /** A physical health condition needing care. */
  | 'MEDICAL'
  /** A mental health condition needing care. */
  | 'MENTAL_HEALTH'
  /** Under 18. */
  | 'MINOR'
  /** Another vulnerability; the detail says which. */
  | 'OTHER'
  /** Pregnant or recently given birth. */
  | 'PREGNANCY'
  /** Survivor of torture or serious violence. */
  | 'TORTURE_SURVIVOR'
  /** Victim, or presumed victim, of human trafficking. */
  | 'TRAFFICKING'
  /** Under 18 and without a parent or legal guardian. */
  | 'UNACCOMPANIED_MINOR';

/** Where a vulnerability flag stands. */
export type VulnerabilityFlagStatus =
  /** Confirmed by an assessment. */
  | 'CONFIRMED'
  /** Raised; not yet confirmed. Handle as if confirmed until it is resolved. */
  | 'OPEN'
  /** No longer applies, or was not borne out (final: raise a new flag if it recurs). */
  | 'RESOLVED';

export type ActionItemQueryVariables = Exact<{
  id: string;
}>;


export type ActionItemQuery = { actionItem: { id: string, title: string, status: ActionItemStatus, dueAt: string, owner: { agency: TaskForceAgency, officialName: string, orgId: string | null }, concerns:
      | { __typename: 'Case' }
      | { __typename: 'CaseReview', id: string, heldAt: string, case: { id: string, caseNumber: string } | null }
      | { __typename: 'Complaint', id: string }
      | { __typename: 'Facility', id: string, name: string }
      | { __typename: 'Finding' }
      | { __typename: 'Recommendation' }
     | null, meeting: { id: string, heldAt: string } | null, history: Array<{ from: ActionItemStatus | null, to: ActionItemStatus, reason: string, at: string }> } | null };

export type ReferReviewGapMutationVariables = Exact<{
  input: ReferReviewGapInput;
}>;


export type ReferReviewGapMutation = { referReviewGap: { agendaItem: { id: string, position: number, meeting: { id: string, heldAt: string } | null }, actionItem: { id: string, status: ActionItemStatus, dueAt: string } } };

export type MoveActionItemMutationVariables = Exact<{
  id: string;
  status: ActionItemStatus;
  reason: string;
}>;


export type MoveActionItemMutation = { moveActionItem: { id: string, status: ActionItemStatus, history: Array<{ from: ActionItemStatus | null, to: ActionItemStatus, reason: string, at: string }> } };

export type AuditTrailQueryVariables = Exact<{
  recordId?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type AuditTrailQuery = { auditTrail: { cases: { edges: Array<{ node: { at: string, kind: AuditKind, actorSub: string | null, actorRoles: Array<string>, operation: string, recordIds: Array<string>, fields: Array<string> } }> }, monitoring: { edges: Array<{ node: { at: string, kind: AuditKind, actorSub: string | null, operation: string, fields: Array<string> } }> } } };

export type CaseDashboardQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: CaseFilter | null | undefined;
}>;


export type CaseDashboardQuery = { cases: { edges: Array<{ node: { id: string, caseNumber: string, status: CaseStatus, nationality: string, ageBand: AgeBand, openedAt: string, arrivedAt: string | null, person: { givenNames: string, familyName: string } | null, currentPlacement: { status: PlacementStatus, facility: { id: string, name: string } } | null, assignedOfficer: { id: string, name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type CaseFileQueryVariables = Exact<{
  id: string;
}>;


export type CaseFileQuery = { case: { id: string, caseNumber: string, status: CaseStatus, subjectRef: string, openedAt: string, arrivedAt: string | null, closedAt: string | null, agreement: { title: string }, person: { givenNames: string, familyName: string, dateOfBirth: string | null, sex: string, languages: Array<string> } | null, vulnerabilityFlags: Array<{ code: VulnerabilityCode, status: VulnerabilityFlagStatus, handlingInstructions: string | null }>, representation: { counselId: string, organisation: string, from: string } | null, screenings: Array<{ destinationCountry: string, screenedAt: string }>, reviews: Array<{ heldAt: string, panel: Array<string> }>, placements: Array<{ regime: PlacementRegime, status: PlacementStatus, checkInAt: string | null, checkOutAt: string | null, facility: { name: string } }>, transfer: { flightNumber: string, status: TransferStatus, handoverAt: string | null } | null } | null };

export type FacilityConditionsQueryVariables = Exact<{ [key: string]: never; }>;


export type FacilityConditionsQuery = { facilities: Array<{ id: string, name: string, type: FacilityType, municipality: string, officialCapacity: number, occupancyBand: OccupancyBand | null, visits: Array<{ id: string, startedAt: string | null, status: VisitStatus, reportSummary: string | null, body: { name: string } }>, openRecommendations: Array<{ id: string, text: string, dueAt: string, overdue: boolean }> }> };

export type FileComplaintMutationVariables = Exact<{
  input: FileComplaintInput;
}>;


export type FileComplaintMutation = { fileComplaint: { receiptCode: string, status: ComplaintStatus, dueAt: string } };

export type ComplaintStatusQueryVariables = Exact<{
  receiptCode: string;
}>;


export type ComplaintStatusQuery = { complaintStatus: { status: ComplaintStatus, dueAt: string, updatedAt: string, decisionOutcome: ComplaintOutcome | null } };

export type CreateImpactAssessmentMutationVariables = Exact<{
  input: CreateImpactAssessmentInput;
}>;


export type CreateImpactAssessmentMutation = { createImpactAssessment: { id: string, status: AssessmentStatus, quarter: string, scope: AssessmentScope } };

export type ReviseImpactAssessmentMutationVariables = Exact<{
  id: string;
  input: ReviseImpactAssessmentInput;
}>;


export type ReviseImpactAssessmentMutation = { reviseImpactAssessment: { id: string, status: AssessmentStatus, findings: Array<string>, recommendations: Array<{ position: number, text: string, addressee: TaskForceAgency, dueAt: string }> } };

export type MoveImpactAssessmentMutationVariables = Exact<{
  id: string;
  status: AssessmentStatus;
}>;


export type MoveImpactAssessmentMutation = { moveImpactAssessment: { id: string, status: AssessmentStatus, publishedAt: string | null, indicatorsFrozen: boolean, recommendations: Array<{ position: number, status: ActionItemStatus | null, followUp: { id: string, dueAt: string, owner: { agency: TaskForceAgency } } | null }> } };

export type ImpactAssessmentQueryVariables = Exact<{
  id: string;
}>;


export type ImpactAssessmentQuery = { impactAssessment: { id: string, title: string, quarter: string, scope: AssessmentScope, policy: string | null, method: string, status: AssessmentStatus, publishedAt: string | null, findings: Array<string>, indicatorsFrozen: boolean, facility: { id: string, name: string } | null, indicators: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, recommendations: Array<{ position: number, text: string, addressee: TaskForceAgency, dueAt: string, status: ActionItemStatus | null }> } | null };

export type ImpactAssessmentsQueryVariables = Exact<{
  filter?: AssessmentFilterInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ImpactAssessmentsQuery = { impactAssessments: { edges: Array<{ node: { id: string, title: string, quarter: string, scope: AssessmentScope, status: AssessmentStatus, publishedAt: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type VisitReportQueryVariables = Exact<{
  id: string;
}>;


export type VisitReportQuery = { visit: { id: string, status: VisitStatus, announced: boolean, startedAt: string | null, endedAt: string | null, published: boolean, reportSummary: string | null, body: { name: string }, facility: { name: string }, findings: Array<{ severity: FindingSeverity, standardRef: string, description: string, recommendations: Array<{ addressee: string, text: string, dueAt: string, status: RecommendationStatus, response: { accepted: boolean, text: string, respondedAt: string } | null }> }> } | null };

export type MyOverdueQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type MyOverdueQuery = { myOverdue: Array<{ agency: TaskForceAgency, counselOffersCount: number, protectionScreeningsCount: number, ageing: Array<{ band: AgeingBand, count: number }>, actionItems: Array<{ daysOverdue: number, band: AgeingBand, actionItem: { id: string, title: string, status: ActionItemStatus, dueAt: string, owner: { officialName: string, orgId: string | null } } }>, counselOffers: Array<{ kind: ObligationKind, dueAt: string, daysOverdue: number, band: AgeingBand, case: { id: string, caseNumber: string } }>, protectionScreenings: Array<{ kind: ObligationKind, dueAt: string, daysOverdue: number, band: AgeingBand, case: { id: string, caseNumber: string } }>, complaints: Array<{ kind: ObligationKind, dueAt: string, daysOverdue: number, band: AgeingBand, complaint: { id: string, status: ComplaintStatus } }>, recommendationResponses: Array<{ kind: ObligationKind, dueAt: string, daysOverdue: number, band: AgeingBand, recommendation: { id: string, addressee: string } }> }> };

export type OverdueCaseFragment = { kind: ObligationKind, dueAt: string, daysOverdue: number, band: AgeingBand, case: { id: string, caseNumber: string } };

export type OverdueByAgencyQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type OverdueByAgencyQuery = { overdueByAgency: Array<{ agency: TaskForceAgency, counselOffersCount: number, protectionScreeningsCount: number, ageing: Array<{ band: AgeingBand, count: number }>, counselOffers: Array<{ daysOverdue: number, band: AgeingBand }>, protectionScreenings: Array<{ daysOverdue: number, band: AgeingBand }>, complaints: Array<{ kind: ObligationKind, daysOverdue: number, band: AgeingBand }>, recommendationResponses: Array<{ daysOverdue: number, band: AgeingBand }> }> };

export type ProgrammeStatisticsQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ProgrammeStatisticsQuery = { programmeStatistics: { suppressionThreshold: number, lastCompleteMonth: string, totalArrivals: number | null, totalSuppressed: boolean, arrivalsByMonth: Array<{ month: string, complete: boolean, arrivals: number | null, suppressed: boolean, monthlyCap: number | null }>, arrivalsByQuarter: Array<{ quarter: string, firstMonth: string, lastMonth: string, complete: boolean, nationalitiesWithheld: boolean, nationalities: Array<{ nationality: string, arrivals: number }> }> } };

export type PublicReportQuarterQueryVariables = Exact<{
  quarter: string;
}>;


export type PublicReportQuarterQuery = { statisticsQuarter: { quarter: string, complete: boolean, caseFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, facilityFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, monitoringFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, trainingFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }> } };

export type PublicReportFigureFragment = { indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean };

export type PublicReportPageQueryVariables = Exact<{
  quarter: string;
}>;


export type PublicReportPageQuery = { publicReport: { html: string } | null };

export type PublicReportsQueryVariables = Exact<{ [key: string]: never; }>;


export type PublicReportsQuery = { publicReports: Array<{ quarter: string, publishedAt: string, assessment: { id: string, title: string } }> };

export type QuarterFiguresQueryVariables = Exact<{
  quarter: string;
}>;


export type QuarterFiguresQuery = { statisticsQuarter: { quarter: string, complete: boolean, caseFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, facilityFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, monitoringFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }>, trainingFigures: Array<{ indicator: string, label: string, dimension: string | null, dimensionLabel: string | null, unit: FigureUnit, value: number | null, suppressed: boolean }> } };

export type StaffComplianceQueryVariables = Exact<{
  facilityId: string;
  first?: number | null | undefined;
}>;


export type StaffComplianceQuery = { facility: { name: string, staffCompliance: { staffCount: number, compliantCount: number, share: number | null } | null } | null, officials: { edges: Array<{ node: { id: string, name: string, jobRole: JobRole, compliance: { compliant: boolean, missing: Array<{ code: string, title: string }>, expiringWithin90Days: Array<{ code: string }> } | null } }> } };

export type TaskForceMeetingsQueryVariables = Exact<{
  from?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type TaskForceMeetingsQuery = { taskForceMeetings: { edges: Array<{ node: { id: string, heldAt: string, location: string, minutesPublishedAt: string | null, attendees: Array<{ agency: TaskForceAgency, officialName: string }>, agendaItems: Array<{ position: number, title: string, origin: AgendaOrigin, concerns:
            | { __typename: 'Case' }
            | { __typename: 'CaseReview', id: string, heldAt: string }
            | { __typename: 'Complaint' }
            | { __typename: 'Facility', id: string, name: string }
            | { __typename: 'Finding' }
            | { __typename: 'Recommendation' }
           | null }>, decisions: Array<{ text: string, agendaItem: { position: number } | null }>, actionItems: Array<{ id: string, title: string, status: ActionItemStatus, dueAt: string, owner: { agency: TaskForceAgency, officialName: string } }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export const OverdueCaseFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OverdueCase"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OverdueCaseObligation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}}]} as unknown as DocumentNode<OverdueCaseFragment, unknown>;
export const PublicReportFigureFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublicReportFigure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PublicFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<PublicReportFigureFragment, unknown>;
export const ActionItemDocument = {"__meta__":{"hash":"sha256:cfb9307dfbfb81c0fb628fa57379d23c61d9d1cd57653fe6a567aa21ac10532c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActionItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}},{"kind":"Field","name":{"kind":"Name","value":"orgId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concerns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseReview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Facility"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Complaint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]} as unknown as DocumentNode<ActionItemQuery, ActionItemQueryVariables>;
export const ReferReviewGapDocument = {"__meta__":{"hash":"sha256:f8f1d663e7d39a634b86912e65ce6c71a3a72c50e06ecc8ed1614550909772cd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReferReviewGap"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReferReviewGapInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"referReviewGap"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agendaItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReferReviewGapMutation, ReferReviewGapMutationVariables>;
export const MoveActionItemDocument = {"__meta__":{"hash":"sha256:5bc1aacfc980c89a9fce4b5c7f152ea40f065b2f8eac22f477208e8cbf7157e4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveActionItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActionItemStatus"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveActionItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]}}]} as unknown as DocumentNode<MoveActionItemMutation, MoveActionItemMutationVariables>;
export const AuditTrailDocument = {"__meta__":{"hash":"sha256:780abc960a21f350e6f90b7837af55781f1825d2c735ed5ab35bb59206c71f74"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditTrail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recordId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditTrail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"recordId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actorSub"}},{"kind":"Field","name":{"kind":"Name","value":"actorRoles"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"recordIds"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"monitoring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"recordId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recordId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"actorSub"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditTrailQuery, AuditTrailQueryVariables>;
export const CaseDashboardDocument = {"__meta__":{"hash":"sha256:d96ab1dd1ab56717031394f518811a54fb7023e40379e5f64e25c6191c975bda"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CaseFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nationality"}},{"kind":"Field","name":{"kind":"Name","value":"ageBand"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"arrivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenNames"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPlacement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"facility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignedOfficer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CaseDashboardQuery, CaseDashboardQueryVariables>;
export const CaseFileDocument = {"__meta__":{"hash":"sha256:d8ea9c70b73bb2961c5a465d6b3dacbaf7b1047519ec6cc2ebbb8e34e11c9fc3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CaseFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"case"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"subjectRef"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"arrivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"closedAt"}},{"kind":"Field","name":{"kind":"Name","value":"agreement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"givenNames"}},{"kind":"Field","name":{"kind":"Name","value":"familyName"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"sex"}},{"kind":"Field","name":{"kind":"Name","value":"languages"}}]}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityFlags"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handlingInstructions"}}]}},{"kind":"Field","name":{"kind":"Name","value":"representation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"counselId"}},{"kind":"Field","name":{"kind":"Name","value":"organisation"}},{"kind":"Field","name":{"kind":"Name","value":"from"}}]}},{"kind":"Field","name":{"kind":"Name","value":"screenings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"destinationCountry"}},{"kind":"Field","name":{"kind":"Name","value":"screenedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"heldAt"}},{"kind":"Field","name":{"kind":"Name","value":"panel"}}]}},{"kind":"Field","name":{"kind":"Name","value":"placements"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regime"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"checkInAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkOutAt"}},{"kind":"Field","name":{"kind":"Name","value":"facility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flightNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"handoverAt"}}]}}]}}]}}]} as unknown as DocumentNode<CaseFileQuery, CaseFileQueryVariables>;
export const FacilityConditionsDocument = {"__meta__":{"hash":"sha256:d0db25dd9f1418b870e8a848e4b8158a61c65dd3f462fd3f353dd9b3e00baaf5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FacilityConditions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facilities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"municipality"}},{"kind":"Field","name":{"kind":"Name","value":"officialCapacity"}},{"kind":"Field","name":{"kind":"Name","value":"occupancyBand"}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"openRecommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}}]}}]}}]}}]} as unknown as DocumentNode<FacilityConditionsQuery, FacilityConditionsQueryVariables>;
export const FileComplaintDocument = {"__meta__":{"hash":"sha256:9eacfab4af1aeaac7568c6f664821c51a2d1b2fdfc8dc575f7a72be54452d2d5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FileComplaint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FileComplaintInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileComplaint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiptCode"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]} as unknown as DocumentNode<FileComplaintMutation, FileComplaintMutationVariables>;
export const ComplaintStatusDocument = {"__meta__":{"hash":"sha256:d54f6cef306317b3cceda03006cdec26bb027964bd496be7a6041b61628c5817"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComplaintStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"receiptCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"complaintStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"receiptCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"receiptCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionOutcome"}}]}}]}}]} as unknown as DocumentNode<ComplaintStatusQuery, ComplaintStatusQueryVariables>;
export const CreateImpactAssessmentDocument = {"__meta__":{"hash":"sha256:25552440e25c69c8ccead734c7c570e4962034f0567ba3d4d645e5b7ed973b5f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateImpactAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateImpactAssessmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createImpactAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}}]}}]}}]} as unknown as DocumentNode<CreateImpactAssessmentMutation, CreateImpactAssessmentMutationVariables>;
export const ReviseImpactAssessmentDocument = {"__meta__":{"hash":"sha256:977b2e9dcf4f41a33a66b2f91bcefdc7bddb4fa7d394a0158b730e4f3e1eee9f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviseImpactAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviseImpactAssessmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviseImpactAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"findings"}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"addressee"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}}]}}]}}]}}]} as unknown as DocumentNode<ReviseImpactAssessmentMutation, ReviseImpactAssessmentMutationVariables>;
export const MoveImpactAssessmentDocument = {"__meta__":{"hash":"sha256:49e4560da8b0c9c54f3283f97ece659dd98a15326dfd35abe53c4d9ce8cdc9db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveImpactAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveImpactAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorsFrozen"}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"followUp"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MoveImpactAssessmentMutation, MoveImpactAssessmentMutationVariables>;
export const ImpactAssessmentDocument = {"__meta__":{"hash":"sha256:baf948976dca733a9187a8cbb597275bdb657cd41b91b9800431353d4432937e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImpactAssessment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impactAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"facility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policy"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"findings"}},{"kind":"Field","name":{"kind":"Name","value":"indicatorsFrozen"}},{"kind":"Field","name":{"kind":"Name","value":"indicators"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"addressee"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<ImpactAssessmentQuery, ImpactAssessmentQueryVariables>;
export const ImpactAssessmentsDocument = {"__meta__":{"hash":"sha256:ed7e169a7ddbfb02e273191145f4e47cfa1c40da16231bde95feeb0b7452c411"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ImpactAssessments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AssessmentFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"impactAssessments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"scope"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ImpactAssessmentsQuery, ImpactAssessmentsQueryVariables>;
export const VisitReportDocument = {"__meta__":{"hash":"sha256:28bc3a9c9c38e70b43d52259efa6761946f9e0098f97d16341a54ea3ccaf5b55"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VisitReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"announced"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"endedAt"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"reportSummary"}},{"kind":"Field","name":{"kind":"Name","value":"body"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facility"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"findings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"standardRef"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addressee"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"response"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"respondedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VisitReportQuery, VisitReportQueryVariables>;
export const MyOverdueDocument = {"__meta__":{"hash":"sha256:ea4b8fda848fdd8335b9854f46937aaca467ac0bb6a637abca3185eaaf961ce2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyOverdue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myOverdue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"ageing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"actionItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"officialName"}},{"kind":"Field","name":{"kind":"Name","value":"orgId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"counselOffersCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}]},{"kind":"Field","name":{"kind":"Name","value":"protectionScreeningsCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}]},{"kind":"Field","name":{"kind":"Name","value":"counselOffers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OverdueCase"}}]}},{"kind":"Field","name":{"kind":"Name","value":"protectionScreenings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"OverdueCase"}}]}},{"kind":"Field","name":{"kind":"Name","value":"complaints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"complaint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendationResponses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"recommendation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"addressee"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"OverdueCase"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"OverdueCaseObligation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"case"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"caseNumber"}}]}}]}}]} as unknown as DocumentNode<MyOverdueQuery, MyOverdueQueryVariables>;
export const OverdueByAgencyDocument = {"__meta__":{"hash":"sha256:e907c9f7caf35eaad0c4cf3592b39b7b90abc7493fa97c1d5c303100e4fdadf5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OverdueByAgency"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"overdueByAgency"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"ageing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"band"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"counselOffersCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}]},{"kind":"Field","name":{"kind":"Name","value":"protectionScreeningsCount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}]},{"kind":"Field","name":{"kind":"Name","value":"counselOffers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}},{"kind":"Field","name":{"kind":"Name","value":"protectionScreenings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}},{"kind":"Field","name":{"kind":"Name","value":"complaints"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendationResponses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"daysOverdue"}},{"kind":"Field","name":{"kind":"Name","value":"band"}}]}}]}}]}}]} as unknown as DocumentNode<OverdueByAgencyQuery, OverdueByAgencyQueryVariables>;
export const ProgrammeStatisticsDocument = {"__meta__":{"hash":"sha256:611e2884d2ce84d9abf0606c754e4df8f45579623d99aa90d237ee3d3ce427fa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProgrammeStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"programmeStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppressionThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"lastCompleteMonth"}},{"kind":"Field","name":{"kind":"Name","value":"totalArrivals"}},{"kind":"Field","name":{"kind":"Name","value":"totalSuppressed"}},{"kind":"Field","name":{"kind":"Name","value":"arrivalsByMonth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"arrivals"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyCap"}}]}},{"kind":"Field","name":{"kind":"Name","value":"arrivalsByQuarter"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"firstMonth"}},{"kind":"Field","name":{"kind":"Name","value":"lastMonth"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"nationalities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nationality"}},{"kind":"Field","name":{"kind":"Name","value":"arrivals"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nationalitiesWithheld"}}]}}]}}]}}]} as unknown as DocumentNode<ProgrammeStatisticsQuery, ProgrammeStatisticsQueryVariables>;
export const PublicReportQuarterDocument = {"__meta__":{"hash":"sha256:635283095ce385e90d1fde01ce9a1a47393e472e2f3ebb02b0f20773398ccba3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublicReportQuarter"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statisticsQuarter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"caseFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublicReportFigure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facilityFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublicReportFigure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"monitoringFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublicReportFigure"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PublicReportFigure"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PublicReportFigure"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PublicFigure"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]} as unknown as DocumentNode<PublicReportQuarterQuery, PublicReportQuarterQueryVariables>;
export const PublicReportPageDocument = {"__meta__":{"hash":"sha256:a10e7ff5cf53f85fbf867271723744697a22c74c0bbdfde310085a00e75f3b61"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublicReportPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"html"}}]}}]}}]} as unknown as DocumentNode<PublicReportPageQuery, PublicReportPageQueryVariables>;
export const PublicReportsDocument = {"__meta__":{"hash":"sha256:3288dc84397452956dd1e08b463a9b75f84f1d02e3e756bb39e8e85bb0259c5c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PublicReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publicReports"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"assessment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<PublicReportsQuery, PublicReportsQueryVariables>;
export const QuarterFiguresDocument = {"__meta__":{"hash":"sha256:00a540727c77061f43ad7ef4a4506a233c7d824d28505016b9fd38ad5df50dc6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QuarterFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statisticsQuarter"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"complete"}},{"kind":"Field","name":{"kind":"Name","value":"caseFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facilityFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"monitoringFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"trainingFigures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"indicator"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"dimension"}},{"kind":"Field","name":{"kind":"Name","value":"dimensionLabel"}},{"kind":"Field","name":{"kind":"Name","value":"unit"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}}]}}]} as unknown as DocumentNode<QuarterFiguresQuery, QuarterFiguresQueryVariables>;
export const StaffComplianceDocument = {"__meta__":{"hash":"sha256:c430754853ecf3bf2156ff91efb4b67002eb25536329774f8250c1e7a8208a9b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StaffCompliance"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"facilityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"facility"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facilityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"staffCompliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staffCount"}},{"kind":"Field","name":{"kind":"Name","value":"compliantCount"}},{"kind":"Field","name":{"kind":"Name","value":"share"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"officials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"facilityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"facilityId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"jobRole"}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"missing"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiringWithin90Days"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StaffComplianceQuery, StaffComplianceQueryVariables>;
export const TaskForceMeetingsDocument = {"__meta__":{"hash":"sha256:ce0cf52671fe0c4f5c9a7998b301e5990b8259daa28ec55760f81454007df8b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskForceMeetings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskForceMeetings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"minutesPublishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"attendees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agendaItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"origin"}},{"kind":"Field","name":{"kind":"Name","value":"concerns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Facility"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CaseReview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"heldAt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"decisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"agendaItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"actionItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueAt"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"agency"}},{"kind":"Field","name":{"kind":"Name","value":"officialName"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TaskForceMeetingsQuery, TaskForceMeetingsQueryVariables>;