import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Agreement } from "../src/modules/agreement/agreement.entity";
import type { Case } from "../src/modules/case/case.entity";
import { CaseStatus } from "../src/modules/case/case-status";
import { CounselContactEvent, LegalRepresentation, PrivilegedNote } from "../src/modules/counsel/counsel.entity";
import { Person } from "../src/modules/person/person.entity";
import { CaseReview, ReviewDecisionCode } from "../src/modules/review/review.entity";
import { ProtectionScreening, ScreeningOutcome } from "../src/modules/screening/screening.entity";
import { Transfer, TransferCase, TransferDirection, TransferStatus } from "../src/modules/transfer/transfer.entity";
import {
  VulnerabilityCode,
  VulnerabilityFlag,
  VulnerabilityFlagStatus,
  VulnerabilitySource,
} from "../src/modules/vulnerability/vulnerability.entity";
import { createAgreement, createCase } from "./harness";

/**
 * The facilities subgraph's published view `facilities.case_residence`, as a stand-in table in
 * this test database: the other subgraph's contract is the boundary, rows set up the scenario.
 */
export async function createResidenceStandIn(db: DataSource): Promise<void> {
  await db.query(`CREATE SCHEMA IF NOT EXISTS facilities`);
  await db.query(
    `CREATE TABLE IF NOT EXISTS facilities.case_residence (case_id uuid NOT NULL, facility_id uuid NOT NULL, current boolean NOT NULL)`,
  );
}

/** Places a case in a facility (now, or formerly when `current` is false), as the facilities view would show. */
export async function placeIn(db: DataSource, caseId: string, facilityId: string, current = true): Promise<void> {
  await db.query(`INSERT INTO facilities.case_residence (case_id, facility_id, current) VALUES ($1, $2, $3)`, [
    caseId,
    facilityId,
    current,
  ]);
}

/** Makes `counselId` counsel of record of a case from `from`, until `to` (current when null). */
export async function represent(
  db: DataSource,
  caseId: string,
  counselId: string,
  from = new Date("2026-01-16T09:00:00Z"),
  to: Date | null = null,
): Promise<string> {
  const id = randomUUID();
  await db
    .getRepository(LegalRepresentation)
    .insert({ id, caseId, counselId, organisation: "Legal Aid Kosovo (synthetic)", from, to });
  return id;
}

export interface Fixture {
  agreement: Agreement;
  counselId: string;
  facilityId: string;
  officialId: string;
  /** Arrived (handed over), placed in the facility, with counsel of record and one record of each kind. */
  t: Case;
  tPerson: Person;
  /** Accepted, not yet handed over; planned into the facility; same counsel. */
  p: Case;
  pPerson: Person;
  representationId: string;
  contactId: string;
  noteId: string;
  reviewId: string;
  screeningId: string;
  flagId: string;
  transfer: Transfer;
  /** Cases and a transfer only the mutation table uses (no counsel, no placement). */
  nominated: Case;
  accepted: Case;
  plannedTransferId: string;
}

export async function createFixture(db: DataSource): Promise<Fixture> {
  const agreement = await createAgreement(db);
  const counselId = randomUUID();
  const facilityId = randomUUID();
  const officialId = randomUUID();

  const transfer = db.getRepository(Transfer).create({
    id: randomUUID(),
    direction: TransferDirection.INBOUND,
    flightNumber: "SYN900",
    departureAt: new Date("2026-01-15T06:00:00Z"),
    arrivalAt: new Date("2026-01-15T09:00:00Z"),
    handoverAt: new Date("2026-01-15T09:00:00Z"),
    status: TransferStatus.HANDED_OVER,
    cancellationReason: null,
    recordedAt: new Date("2026-01-10T12:00:00Z"),
  });
  await db.getRepository(Transfer).insert(transfer);

  const t = await createCase(db, agreement.id, {
    status: CaseStatus.ACCOMMODATED,
    openedAt: new Date("2026-01-05T09:00:00Z"),
    transferId: transfer.id,
    assignedOfficerId: officialId,
  });
  await db.getRepository(TransferCase).insert({ transferId: transfer.id, caseId: t.id });
  const p = await createCase(db, agreement.id, {
    status: CaseStatus.ACCEPTED,
    openedAt: new Date("2026-02-01T09:00:00Z"),
  });
  await db.getRepository(Person).update(
    { caseId: p.id },
    {
      givenNames: "Mariam",
      familyName: "Synthetic-P",
      dateOfBirth: "1991-02-03",
      sex: "F",
      languages: ["ps", "en"],
      identityDocuments: [{ type: "PASSPORT", number: "P7654321", issuingCountry: "AF", expiresOn: "2030-05-31" }],
    },
  );
  const tPerson = await db.getRepository(Person).findOneByOrFail({ caseId: t.id });
  const pPerson = await db.getRepository(Person).findOneByOrFail({ caseId: p.id });

  const representationId = await represent(db, t.id, counselId);
  await represent(db, p.id, counselId, new Date("2026-02-02T09:00:00Z"));
  await placeIn(db, t.id, facilityId);
  await placeIn(db, p.id, facilityId);

  const contactId = randomUUID();
  await db.getRepository(CounselContactEvent).insert({
    id: contactId,
    caseId: t.id,
    counselId,
    requestedAt: new Date("2026-01-17T08:00:00Z"),
    grantedAt: new Date("2026-01-17T10:00:00Z"),
    heldAt: new Date("2026-01-18T10:00:00Z"),
    deniedReason: null,
    recordedAt: new Date("2026-01-18T11:00:00Z"),
  });
  const noteId = randomUUID();
  await db.getRepository(PrivilegedNote).insert({
    id: noteId,
    caseId: t.id,
    counselId,
    createdAt: new Date("2026-01-18T12:00:00Z"),
    text: "Client instructs to appeal the return decision.",
  });
  const reviewId = randomUUID();
  await db.getRepository(CaseReview).insert({
    id: reviewId,
    caseId: t.id,
    heldAt: new Date("2026-01-20T09:00:00Z"),
    panel: ["MIA case officer", "Centre for Social Work"],
    decisions: [
      { code: ReviewDecisionCode.MEDICAL_REFERRAL, text: "Refer to the regional hospital's diabetes clinic." },
    ],
    recordedAt: new Date("2026-01-20T12:00:00Z"),
  });
  const screeningId = randomUUID();
  await db.getRepository(ProtectionScreening).insert({
    id: screeningId,
    caseId: t.id,
    destinationCountry: "AF",
    outcome: ScreeningOutcome.RISK_IDENTIFIED,
    claimSummary: "Fears persecution as a former interpreter.",
    screenedAt: new Date("2026-01-21T09:00:00Z"),
    screenedById: officialId,
    recordedAt: new Date("2026-01-21T12:00:00Z"),
  });
  const flagId = randomUUID();
  await db.getRepository(VulnerabilityFlag).insert({
    id: flagId,
    caseId: t.id,
    code: VulnerabilityCode.MEDICAL,
    source: VulnerabilitySource.MEDICAL_ASSESSMENT,
    status: VulnerabilityFlagStatus.CONFIRMED,
    detail: "Type 1 diabetes.",
    handlingInstructions: "Insulin twice daily; keep refrigerated.",
    recordedAt: new Date("2026-01-16T12:00:00Z"),
    updatedAt: new Date("2026-01-19T12:00:00Z"),
    resolvedAt: null,
  });

  const nominated = await createCase(db, agreement.id, {
    status: CaseStatus.NOMINATED,
    openedAt: new Date("2026-03-01T09:00:00Z"),
  });
  const accepted = await createCase(db, agreement.id, {
    status: CaseStatus.ACCEPTED,
    openedAt: new Date("2026-03-02T09:00:00Z"),
  });
  const plannedTransferId = randomUUID();
  await db.getRepository(Transfer).insert({
    id: plannedTransferId,
    direction: TransferDirection.INBOUND,
    flightNumber: "SYN901",
    departureAt: new Date("2026-03-10T08:00:00Z"),
    arrivalAt: null,
    handoverAt: null,
    status: TransferStatus.PLANNED,
    cancellationReason: null,
    recordedAt: new Date("2026-03-03T12:00:00Z"),
  });

  return {
    agreement,
    counselId,
    facilityId,
    officialId,
    t,
    tPerson,
    p,
    pPerson,
    representationId,
    contactId,
    noteId,
    reviewId,
    screeningId,
    flagId,
    transfer,
    nominated,
    accepted,
    plannedTransferId,
  };
}

const TABLES = [
  "agreement",
  "case",
  "person",
  "transfer",
  "transfer_case",
  "legal_representation",
  "counsel_contact",
  "privileged_note",
  "case_review",
  "protection_screening",
  "vulnerability_flag",
];

/** A digest of every row of the cases schema: equal digests mean nothing was written. */
export async function databaseDigest(db: DataSource): Promise<string> {
  const parts: string[] = [];
  for (const table of TABLES) {
    const [{ d }] = (await db.query(
      `SELECT md5(coalesce(json_agg(t ORDER BY t::text)::text, '[]')) AS d FROM cases."${table}" t`,
    )) as { d: string }[];
    parts.push(`${table}:${d}`);
  }
  return parts.join(" ");
}
