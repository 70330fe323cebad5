import type { DataSource } from "typeorm";
import { insertRows } from "./bulk";
import type { Random } from "./random";
import type { SeedCase, SeedWorld } from "./world";

const DAY = 86_400_000;
const HOUR = 3_600_000;

const CASE_COLUMNS = [
  "id",
  "case_number",
  "status",
  "agreement_id",
  "nationality",
  "age_band",
  "opened_at",
  "arrived_at",
  "closed_at",
  "status_reason",
  "transfer_id",
  "assigned_officer_id",
];
const PERSON_COLUMNS = [
  "case_id",
  "given_names",
  "family_name",
  "date_of_birth",
  "sex",
  "languages",
  "identity_documents",
];
const TRANSFER_COLUMNS = [
  "id",
  "direction",
  "flight_number",
  "departure_at",
  "arrival_at",
  "handover_at",
  "status",
  "cancellation_reason",
  "recorded_at",
];
const FLAG_COLUMNS = [
  "id",
  "case_id",
  "code",
  "source",
  "status",
  "detail",
  "handling_instructions",
  "recorded_at",
  "updated_at",
  "resolved_at",
];
const REPRESENTATION_COLUMNS = ["id", "case_id", "counsel_id", "organisation", "valid_from", "valid_to"];
const CONTACT_COLUMNS = [
  "id",
  "case_id",
  "counsel_id",
  "requested_at",
  "granted_at",
  "held_at",
  "denied_reason",
  "recorded_at",
];
const NOTE_COLUMNS = ["id", "case_id", "counsel_id", "created_at", "text"];
const SCREENING_COLUMNS = [
  "id",
  "case_id",
  "destination_country",
  "outcome",
  "claim_summary",
  "screened_at",
  "screened_by_id",
  "recorded_at",
];
const REVIEW_COLUMNS = ["id", "case_id", "held_at", "panel", "decisions", "recorded_at"];

const CLOSE_REASONS = [
  "Person died (synthetic)",
  "Removed from the programme by joint decision",
  "Voluntary departure to a third country arranged outside the programme",
  "Case merged with a family member's case",
];
const ORGANISATIONS = [
  "Legal Aid Office Prishtinë (synthetic)",
  "Civil Rights Program Kosovo (synthetic)",
  "Refugee Law Clinic (synthetic)",
  "Bar Association pro bono panel (synthetic)",
];
const FLAG_TEXT: Record<string, [detail: string, handling: string]> = {
  MINOR: [
    "Declared age under 18; age assessment requested.",
    "Accommodate apart from unrelated adults; guardian to be present at interviews.",
  ],
  UNACCOMPANIED_MINOR: [
    "Arrived without a parent or guardian.",
    "Appoint a guardian; place in the shelter; notify the Centre for Social Work.",
  ],
  MEDICAL: [
    "Chronic condition needing regular medication.",
    "Ensure medication continuity; medical check within 48 hours.",
  ],
  MENTAL_HEALTH: ["Signs of acute distress reported.", "Refer to psychologist; avoid isolation."],
  TORTURE_SURVIVOR: [
    "Reports ill-treatment in detention before departure.",
    "No questioning by uniformed staff; refer for documentation under the Istanbul Protocol.",
  ],
  TRAFFICKING: [
    "Indicators of trafficking noted at nomination.",
    "Refer to the national anti-trafficking coordinator; do not share location.",
  ],
  PREGNANCY: ["Pregnant, second trimester.", "Prenatal care appointments; no detention regime."],
  DISABILITY: ["Reduced mobility.", "Ground-floor room; accessible transport."],
  LGBTI: ["At risk of harassment from other residents.", "Single room on request; staff briefed on confidentiality."],
  ELDERLY: ["Over 70.", "Daily welfare check."],
  OTHER: ["Cannot read; needs documents explained orally.", "Read every document aloud with an interpreter."],
};
const PANEL = [
  "MIA case officer",
  "Centre for Social Work",
  "Facility manager",
  "Ministry of Health liaison",
  "Legal aid representative",
  "Ombudsperson observer",
];
const DENIAL_REASONS = [
  "No interpreter available",
  "Counsel arrived outside visiting hours",
  "Facility lockdown after an incident",
];

interface Rows {
  cases: unknown[][];
  persons: unknown[][];
  transfers: unknown[][];
  transferCases: unknown[][];
  flags: unknown[][];
  representations: unknown[][];
  contacts: unknown[][];
  notes: unknown[][];
  screenings: unknown[][];
  reviews: unknown[][];
}

/**
 * The cases subgraph's share of the world: the agreement, every case with its person, the
 * transfers with their bookings, vulnerability flags, counsel of record with some contact
 * events and notes, a screening per arrived case, and joint reviews for some. Everything is
 * bulk-inserted; the case number sequence then continues after the seeded cases.
 */
export async function seedCases(
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const r = world.random.fork("cases");
  const rows = buildRows(world, r);
  const agreement = world.agreement;
  const plan: [table: string, columns: string[], rows: unknown[][]][] = [
    [
      `cases."agreement"`,
      ["id", "title", "parties", "term_start", "term_end", "monthly_cap", "total_cap", "status"],
      [
        [
          agreement.id,
          agreement.title,
          agreement.parties,
          agreement.termStart,
          agreement.termEnd,
          agreement.monthlyCap,
          agreement.totalCap,
          "ACTIVE",
        ],
      ],
    ],
    [`cases."case"`, CASE_COLUMNS, rows.cases],
    [`cases."person"`, PERSON_COLUMNS, rows.persons],
    [`cases."transfer"`, TRANSFER_COLUMNS, rows.transfers],
    [`cases."transfer_case"`, ["transfer_id", "case_id"], rows.transferCases],
    [`cases."vulnerability_flag"`, FLAG_COLUMNS, rows.flags],
    [`cases."legal_representation"`, REPRESENTATION_COLUMNS, rows.representations],
    [`cases."counsel_contact"`, CONTACT_COLUMNS, rows.contacts],
    [`cases."privileged_note"`, NOTE_COLUMNS, rows.notes],
    [`cases."protection_screening"`, SCREENING_COLUMNS, rows.screenings],
    [`cases."case_review"`, REVIEW_COLUMNS, rows.reviews],
  ];
  const total = plan.reduce((sum, [, , tableRows]) => sum + tableRows.length, 0);
  let done = 0;
  for (const [table, columns, tableRows] of plan) {
    const before = done;
    await insertRows(db, table, columns, tableRows, (inserted) => progress(before + inserted, total));
    done += tableRows.length;
  }
  // New nominations continue the numbering after the seeded cases.
  const count = world.cases.length;
  await db.query(`SELECT setval('cases.case_number_seq', $1, $2)`, [Math.max(count, 1), count > 0]);
  progress(total, total);
}

function buildRows(world: SeedWorld, r: Random): Rows {
  const rows: Rows = {
    cases: [],
    persons: [],
    transfers: [],
    transferCases: [],
    flags: [],
    representations: [],
    contacts: [],
    notes: [],
    screenings: [],
    reviews: [],
  };
  const now = world.now;

  for (const c of world.cases) {
    const reason =
      c.status === "DECLINED"
        ? "Outside the selection criteria (synthetic)"
        : c.status === "CLOSED"
          ? r.pick(CLOSE_REASONS)
          : null;
    rows.cases.push([
      c.id,
      c.caseNumber,
      c.status,
      world.agreement.id,
      c.nationality,
      c.ageBand,
      c.openedAt,
      c.arrivedAt,
      c.closedAt,
      reason,
      c.transferId,
      c.assignedOfficerId,
    ]);
    const document = {
      type: r.chance(0.85) ? "PASSPORT" : "TRAVEL_DOCUMENT",
      number: `${c.nationality}${r.int(1_000_000, 9_999_999)}`,
      issuingCountry: c.nationality,
      expiresOn: `${r.int(2027, 2034)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
    };
    rows.persons.push([
      c.id,
      c.givenNames,
      c.familyName,
      c.dateOfBirth,
      c.sex,
      c.languages,
      JSON.stringify([document]),
    ]);
    // Everything after the arrival happens before the case ended (or before "now" while open).
    const until = c.closedAt ?? now;
    addFlags(rows, c, r, until);
    if (c.arrivedAt) {
      addCounsel(rows, c, r, world, until);
      addScreening(rows, c, r, until);
      if (r.chance(0.3)) addReview(rows, c, r, until);
    }
  }

  for (const t of world.transfers) {
    // The world plans PLANNED or HANDED_OVER; a planned one that has left is IN_FLIGHT or ARRIVED by "now".
    const status =
      t.status === "HANDED_OVER"
        ? "HANDED_OVER"
        : t.departureAt > now
          ? "PLANNED"
          : t.arrivalAt > now
            ? "IN_FLIGHT"
            : "ARRIVED";
    rows.transfers.push([
      t.id,
      "INBOUND",
      t.flightNumber,
      t.departureAt,
      t.arrivalAt,
      t.handoverAt,
      status,
      null,
      new Date(t.departureAt.getTime() - 3 * DAY),
    ]);
    for (const caseId of t.caseIds) rows.transferCases.push([t.id, caseId]);
  }
  return rows;
}

function addFlags(rows: Rows, c: SeedCase, r: Random, until: Date): void {
  for (const code of c.vulnerabilities) {
    const recordedAt = c.arrivedAt ?? c.openedAt;
    const ended = c.closedAt !== null;
    const status = ended
      ? r.weighted([
          ["RESOLVED", 3],
          ["CONFIRMED", 2],
        ] as const)
      : r.weighted([
          ["OPEN", 1],
          ["CONFIRMED", 3],
        ] as const);
    const updatedAt = between(r, recordedAt, until);
    const [detail, handling] = FLAG_TEXT[code] ?? FLAG_TEXT.OTHER;
    rows.flags.push([
      r.uuid(),
      c.id,
      code,
      r.pick(["SENDING_STATE", "SELF_DECLARED", "CASE_OFFICER", "MEDICAL_ASSESSMENT"]),
      status,
      detail,
      handling,
      recordedAt,
      updatedAt,
      status === "RESOLVED" ? updatedAt : null,
    ]);
  }
}

/** The counsel of record (sometimes after an earlier one), a few contact requests, and some notes. */
function addCounsel(rows: Rows, c: SeedCase, r: Random, world: SeedWorld, until: Date): void {
  if (!c.counselId || !c.arrivedAt) return;
  const organisationOf = (counselId: string) =>
    ORGANISATIONS[world.counselIds.indexOf(counselId) % ORGANISATIONS.length];
  const start = new Date(Math.min(c.arrivedAt.getTime() + r.int(1, 5) * DAY, until.getTime()));
  // Representations of a case never overlap: an earlier counsel, when there was one, ended when this one began.
  const periods: { counselId: string; from: Date; to: Date | null }[] = [];
  if (r.chance(0.1) && world.counselIds.length > 1) {
    const earlier = world.counselIds.find((id) => id !== c.counselId) as string;
    periods.push({ counselId: earlier, from: new Date(c.arrivedAt.getTime() + HOUR), to: start });
  }
  periods.push({ counselId: c.counselId, from: start, to: c.closedAt });
  for (const p of periods) {
    rows.representations.push([r.uuid(), c.id, p.counselId, organisationOf(p.counselId), p.from, p.to]);
  }
  const counselAt = (at: Date) => periods.find((p) => p.from <= at && (!p.to || p.to > at))?.counselId ?? null;

  const contacts = r.int(0, 2);
  for (let i = 0; i < contacts; i++) {
    const requestedAt = between(r, c.arrivedAt, until);
    const denied = r.chance(0.1);
    const grantedAt = denied ? null : new Date(Math.min(requestedAt.getTime() + r.int(1, 24) * HOUR, until.getTime()));
    const heldAt =
      grantedAt && r.chance(0.8)
        ? new Date(Math.min(grantedAt.getTime() + r.int(2, 72) * HOUR, until.getTime()))
        : null;
    rows.contacts.push([
      r.uuid(),
      c.id,
      counselAt(requestedAt),
      requestedAt,
      grantedAt,
      heldAt,
      denied ? r.pick(DENIAL_REASONS) : null,
      heldAt ?? grantedAt ?? requestedAt,
    ]);
  }
  if (r.chance(0.3)) {
    const createdAt = between(r, start, until);
    rows.notes.push([
      r.uuid(),
      c.id,
      c.counselId,
      createdAt,
      "Synthetic privileged note: client interview held with an interpreter; instructions taken on the onward return plan.",
    ]);
  }
}

/** One protection screening per arrived case, its outcome in line with how the case went on. */
function addScreening(rows: Rows, c: SeedCase, r: Random, until: Date): void {
  if (!c.arrivedAt) return;
  const screenedAt = new Date(Math.min(c.arrivedAt.getTime() + r.int(2, 14) * DAY, until.getTime()));
  const outcome =
    c.status === "TRANSFERRED"
      ? r.weighted([
          ["REFERRED_FOR_ASYLUM", 3],
          ["RISK_IDENTIFIED", 1],
        ] as const)
      : c.status === "ACCOMMODATED"
        ? r.weighted([
            ["PENDING", 4],
            ["NO_RISK_IDENTIFIED", 5],
            ["RISK_IDENTIFIED", 1],
          ] as const)
        : c.status === "RECEIVED"
          ? "PENDING"
          : "NO_RISK_IDENTIFIED";
  const claim =
    outcome === "RISK_IDENTIFIED" || outcome === "REFERRED_FOR_ASYLUM"
      ? "Synthetic claim: fears serious harm on return because of a political opinion attributed to the person."
      : null;
  rows.screenings.push([r.uuid(), c.id, c.nationality, outcome, claim, screenedAt, c.assignedOfficerId, screenedAt]);
}

function addReview(rows: Rows, c: SeedCase, r: Random, until: Date): void {
  if (!c.arrivedAt) return;
  const heldAt = new Date(Math.min(c.arrivedAt.getTime() + r.int(7, 30) * DAY, until.getTime()));
  const panel = [PANEL[0], ...PANEL.slice(1).filter(() => r.chance(0.4))];
  const decisions = [
    c.status === "ACCOMMODATED"
      ? { code: "CONTINUE_PLACEMENT", text: "Continue the current placement until the next review." }
      : { code: "PLAN_ONWARD_RETURN", text: "Start onward return planning with the person and counsel." },
  ];
  if (c.vulnerabilities.length) {
    decisions.push({ code: "MEDICAL_REFERRAL", text: "Refer for assessment in line with the recorded vulnerability." });
  }
  if (r.chance(0.2)) decisions.push({ code: "FAMILY_TRACING", text: "Ask the Red Cross to trace family members." });
  rows.reviews.push([r.uuid(), c.id, heldAt, panel, JSON.stringify(decisions), heldAt]);
}

/** A moment between `from` and `to` (at `from` when they are out of order). */
function between(r: Random, from: Date, to: Date): Date {
  const span = to.getTime() - from.getTime();
  return span > 0 ? new Date(from.getTime() + Math.floor(r.next() * span)) : from;
}
