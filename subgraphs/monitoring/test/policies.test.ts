import { DHS_AUTHORITY, MIA_AUTHORITY, namesAuthority } from "../src/authorities";
import { ComplaintStatus } from "../src/modules/complaint/complaint-enums";
import { canMoveComplaint, complaintDueAt, isDecided } from "../src/modules/complaint/complaint.policy";
import { IncidentStatus, IncidentType } from "../src/modules/incident/incident.entity";
import { canMoveIncident, requiresCases } from "../src/modules/incident/incident.policy";
import {
  RecommendationStatus,
  type StoredRecommendationStatus,
} from "../src/modules/recommendation/recommendation.entity";
import {
  canMarkImplemented,
  canRespond,
  isOverdue,
  visibleRecommendationStatus,
} from "../src/modules/recommendation/recommendation.policy";
import { VisitStatus } from "../src/modules/visit/visit-enums";
import { acceptsFindings, canMoveVisit, visitReference } from "../src/modules/visit/visit.policy";

/**
 * The monitoring subgraph's pure policies: the state machines and the authorities named in free
 * text. (Who reaches which records is the shared mechanism's, tested in packages/platform and,
 * against this subgraph's SQL, in record-rules.test.ts.)
 */

/** Every (from, to) pair of a state machine against the moves written out here. */
function transitions<S extends string>(statuses: readonly S[], allowed: readonly `${S} → ${S}`[]) {
  return statuses.flatMap((from) => statuses.map((to) => [from, to, allowed.includes(`${from} → ${to}`)] as const));
}

describe("the visit state machine", () => {
  const S = VisitStatus;
  it.each(
    transitions(Object.values(S), [
      `${S.PLANNED} → ${S.IN_PROGRESS}`,
      `${S.IN_PROGRESS} → ${S.COMPLETED}`,
      `${S.COMPLETED} → ${S.REPORT_PUBLISHED}`,
    ]),
  )("%s → %s: %s", (from, to, allowed) => {
    expect(canMoveVisit(from, to)).toBe(allowed);
  });

  it("takes findings only while the visit runs and until its report is published", () => {
    expect(Object.values(S).filter(acceptsFindings)).toEqual([S.IN_PROGRESS, S.COMPLETED]);
  });

  it("measures due dates from the end of the visit, or its start while it runs", () => {
    const startedAt = new Date("2026-03-01T08:00:00Z");
    const endedAt = new Date("2026-03-01T16:00:00Z");
    expect(visitReference({ startedAt, endedAt })).toEqual(endedAt);
    expect(visitReference({ startedAt, endedAt: null })).toEqual(startedAt);
    expect(visitReference({ startedAt: null, endedAt: null })).toBeNull();
  });
});

describe("the incident state machine", () => {
  const S = IncidentStatus;
  it.each(
    transitions(Object.values(S), [
      `${S.REPORTED} → ${S.UNDER_INVESTIGATION}`,
      `${S.REPORTED} → ${S.CLOSED}`,
      `${S.UNDER_INVESTIGATION} → ${S.CLOSED}`,
    ]),
  )("%s → %s: %s", (from, to, allowed) => {
    expect(canMoveIncident(from, to)).toBe(allowed);
  });

  it("requires the cases involved for every type but OTHER", () => {
    expect(Object.values(IncidentType).filter((type) => !requiresCases(type))).toEqual([IncidentType.OTHER]);
  });
});

describe("the complaint state machine", () => {
  const S = ComplaintStatus;
  it.each(
    transitions(Object.values(S), [
      `${S.RECEIVED} → ${S.UNDER_REVIEW}`,
      `${S.UNDER_REVIEW} → ${S.ESCALATED}`,
      `${S.UNDER_REVIEW} → ${S.DECIDED}`,
      `${S.ESCALATED} → ${S.ESCALATED}`,
      `${S.ESCALATED} → ${S.DECIDED}`,
      `${S.DECIDED} → ${S.CLOSED}`,
    ]),
  )("%s → %s: %s", (from, to, allowed) => {
    expect(canMoveComplaint(from, to)).toBe(allowed);
  });

  it("shows the holder of a receipt code a decision once there is one", () => {
    expect(Object.values(S).filter(isDecided)).toEqual([S.DECIDED, S.CLOSED]);
  });

  it("is due 30 days after receipt", () => {
    expect(complaintDueAt(new Date("2026-01-31T10:00:00Z"))).toEqual(new Date("2026-03-02T10:00:00Z"));
  });
});

describe("recommendations", () => {
  const now = new Date("2026-06-01T12:00:00Z");
  const past = new Date("2026-05-31T12:00:00Z");
  const future = new Date("2026-06-02T12:00:00Z");
  const S = RecommendationStatus;
  const stored: StoredRecommendationStatus[] = [S.OPEN, S.ACCEPTED, S.REJECTED, S.IMPLEMENTED];

  it.each([
    [S.OPEN, past, S.OVERDUE, true],
    [S.OPEN, future, S.OPEN, false],
    [S.ACCEPTED, past, S.ACCEPTED, true],
    [S.ACCEPTED, future, S.ACCEPTED, false],
    [S.REJECTED, past, S.REJECTED, false],
    [S.IMPLEMENTED, past, S.IMPLEMENTED, false],
  ] as const)("%s due %s: shown %s, overdue %s", (status, dueAt, shown, overdue) => {
    expect(visibleRecommendationStatus({ status, dueAt }, now)).toBe(shown);
    expect(isOverdue({ status, dueAt }, now)).toBe(overdue);
  });

  it("takes a response while unanswered and an implementation once accepted", () => {
    expect(stored.filter(canRespond)).toEqual([S.OPEN]);
    expect(stored.filter(canMarkImplemented)).toEqual([S.ACCEPTED]);
  });
});

describe("authorities named in free text", () => {
  it.each([
    ["MIA", "MIA", true],
    ["Ministry of Internal Affairs – Inspectorate", "MIA", true],
    ["ministry of internal affairs", "MIA", true],
    ["Inspectorate (MIA)", "MIA", true],
    ["Miami field office", "MIA", false],
    ["Police Inspectorate", "MIA", false],
    ["DHS", "DHS", true],
    ["US DHS / ICE", "DHS", true],
    ["U.S. Department of Homeland Security", "DHS", true],
    ["Department for Citizenship, Asylum and Migration", "DHS", false],
    ["Ministry of Internal Affairs", "DHS", false],
    ["DHSS regional office", "DHS", false],
  ])("%j names %s: %s", (text, authority, expected) => {
    expect(namesAuthority(text, authority === "MIA" ? MIA_AUTHORITY : DHS_AUTHORITY)).toBe(expected);
  });
});
