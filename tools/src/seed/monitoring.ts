import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";
import { insertRows } from "./bulk";
import type { Random } from "./random";
import { DEFAULT_CASES, type SeedCase, type SeedFacility, type SeedWorld } from "./world";

/**
 * The monitoring subgraph's synthetic data: the world's monitoring bodies, visits to every
 * facility over the term with findings and recommendations, complaints and incidents that
 * refer to the world's cases. Counts grow gently with the number of cases.
 */
export async function seedMonitoring(
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const plan = planMonitoring(world);
  const tables: [table: string, columns: string[], rows: unknown[][]][] = [
    [`monitoring."monitoring_body"`, ["id", "name", "kind"], plan.bodies],
    [
      `monitoring."visit"`,
      [
        "id",
        "body_id",
        "facility_id",
        "phases",
        "announced",
        "planned_for",
        "started_at",
        "ended_at",
        "status",
        "published_at",
        "report_summary",
        "created_at",
      ],
      plan.visits,
    ],
    [
      `monitoring."finding"`,
      ["id", "visit_id", "severity", "standard_ref", "description", "created_at"],
      plan.findings,
    ],
    [
      `monitoring."recommendation"`,
      [
        "id",
        "finding_id",
        "visit_id",
        "facility_id",
        "addressee",
        "text",
        "due_at",
        "status",
        "response_accepted",
        "response_text",
        "responded_at",
        "responded_by",
        "implemented_at",
        "created_at",
      ],
      plan.recommendations,
    ],
    [
      `monitoring."complaint"`,
      [
        "id",
        "receipt_code_hash",
        "receipt_code_last_group",
        "channel",
        "anonymous",
        "category",
        "text",
        "status",
        "received_at",
        "due_at",
        "updated_at",
        "complainant_name",
        "complainant_contact",
        "facility_id",
        "case_id",
        "decision_outcome",
        "decision_text",
        "decided_at",
      ],
      plan.complaints,
    ],
    [
      `monitoring."complaint_escalation"`,
      ["id", "complaint_id", "escalated_to", "escalated_at", "reason"],
      plan.escalations,
    ],
    [
      `monitoring."incident"`,
      ["id", "type", "at", "facility_id", "case_ids", "narrative", "status", "reported_at", "updated_at"],
      plan.incidents,
    ],
  ];
  const total = tables.reduce((sum, [, , rows]) => sum + rows.length, 0);
  let done = 0;
  progress(0, total);
  for (const [table, columns, rows] of tables) {
    const before = done;
    await insertRows(db, table, columns, rows, (inserted) => progress(before + inserted, total));
    done = before + rows.length;
  }
  progress(total, total);
}

// ---------------------------------------------------------------------------------------------
// Receipt codes: the same encoding and hashing as subgraphs/monitoring/src/modules/complaint/
// receipt-code.ts (tools never import a subgraph's source). Seeded codes come from their own
// forked stream, so `seedReceiptCodes` can give them again for demonstrations and tests; codes
// filed through the API come from crypto.randomBytes.

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RECEIPT_CODE_BYTES = 20;

function encodeReceiptCode(bytes: number[]): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)!.join("-");
}

function receiptCodeStream(world: SeedWorld): () => string {
  const stream = world.random.fork("monitoring:receipt-codes");
  return () => encodeReceiptCode(Array.from({ length: RECEIPT_CODE_BYTES }, () => stream.int(0, 255)));
}

/** The receipt codes of the first `count` seeded complaints, in the order they were seeded. */
export function seedReceiptCodes(world: SeedWorld, count: number): string[] {
  const next = receiptCodeStream(world);
  return Array.from({ length: count }, next);
}

const hashCode = (code: string) => createHash("sha256").update(code.replace(/-/g, ""), "utf8").digest("hex");

// ---------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const COMPLAINT_RESPONSE_DAYS = 30;
const HOUR = 3_600_000;
const MINUTE = 60_000;

const PHASES = [
  "INITIAL_MEETING",
  "FACILITY_TOUR",
  "PRIVATE_INTERVIEWS",
  "STAFF_INTERVIEWS",
  "DOCUMENT_REVIEW",
  "FINAL_DEBRIEF",
];

const FINDINGS: readonly (readonly [severity: string, standardRef: string, description: string])[] = [
  [
    "HIGH",
    "CPT/Inf(2017)3 §12",
    "Several rooms held more residents than their official capacity; beds were placed in corridors.",
  ],
  ["MEDIUM", "Nelson Mandela Rules, rule 13", "Rooms in the older wing lack adequate natural light and ventilation."],
  ["MEDIUM", "Nelson Mandela Rules, rule 23", "Residents have less than one hour of outdoor exercise a day."],
  ["HIGH", "CPT/Inf(2017)3 §19", "Residents were not informed of their rights in a language they understand."],
  [
    "CRITICAL",
    "CPT/Inf(2017)3 §42",
    "Use-of-force register incomplete; several entries lack a medical examination afterwards.",
  ],
  [
    "MEDIUM",
    "UNHCR Detention Guidelines, guideline 8",
    "No interpreter was available for medical consultations in the week before the visit.",
  ],
  ["LOW", "Nelson Mandela Rules, rule 18", "Hygiene items are distributed irregularly."],
  [
    "HIGH",
    "CPT/Inf(2017)3 §27",
    "Access to counsel depends on staff availability; several requests waited over a week.",
  ],
  [
    "MEDIUM",
    "UNHCR Detention Guidelines, guideline 9.2",
    "Vulnerability screening on arrival is not documented for all residents.",
  ],
  ["LOW", "Nelson Mandela Rules, rule 58", "Telephone access for family contact is limited to ten minutes a week."],
  ["HIGH", "OPCAT art. 14", "Monitors were not given access to the isolation room register until the second day."],
  ["MEDIUM", "CPT/Inf(2017)3 §55", "The complaints box is placed in view of staff offices and is rarely emptied."],
];

const ADDRESSEES = [
  "Ministry of Internal Affairs",
  "Facility management",
  "Department for Citizenship, Asylum and Migration",
  "Ministry of Health",
  "Kosovo Police",
];
const RECOMMENDATIONS = [
  "Bring occupancy within the official capacity and remove beds from corridors.",
  "Provide written information on rights in the main languages of the residents.",
  "Ensure a medical examination follows every use of force and record it in the register.",
  "Guarantee at least two hours of outdoor exercise every day.",
  "Arrange interpretation for every medical consultation, by telephone if needed.",
  "Give counsel access within 24 hours of a request and keep a register of requests.",
  "Document vulnerability screening for every resident within 48 hours of arrival.",
  "Move the complaints box out of staff view and empty it daily in the presence of a resident.",
];
const RESPONSES_ACCEPTED = [
  "Accepted. Instructions have been issued and progress will be reported to the monitoring body.",
  "Accepted; funds are allocated in the next budget period.",
  "Accepted. Staff have been reminded of the procedure and training is scheduled.",
];
const RESPONSES_REJECTED = [
  "Not accepted: the current arrangement meets the applicable national standard.",
  "Not accepted at this time because of the building's structural limits; alternatives are being studied.",
];

const COMPLAINT_TEXTS: Record<string, string[]> = {
  LIVING_CONDITIONS: [
    "There has been no hot water in our block for a week.",
    "Our room is overcrowded and the windows do not close.",
    "The food does not respect religious requirements.",
  ],
  TREATMENT_BY_STAFF: [
    "A guard shouted at residents and pushed one of them during the evening count.",
    "Staff refused to let a resident call his family as a punishment.",
  ],
  HEALTH_CARE: [
    "I asked to see a doctor three times and was not taken.",
    "Medication for a chronic illness was interrupted after arrival.",
  ],
  ACCESS_TO_LAWYER: [
    "I have not been able to speak to a lawyer since my arrival.",
    "Calls with counsel are held with staff listening.",
  ],
  FAMILY_CONTACT: [
    "Phone calls to family are limited to ten minutes a week.",
    "Family visits were cancelled without explanation.",
  ],
  PROCEDURE: [
    "Nobody has told me what will happen with my case or when.",
    "I received a decision in a language I do not understand.",
  ],
  DISCRIMINATION: [
    "Residents of one nationality get better rooms than others.",
    "I was refused a job in the kitchen because of my religion.",
  ],
  OTHER: ["My personal belongings were not returned after the room search.", "The complaints box is never emptied."],
};
const ESCALATION_TARGETS = [
  "Police Inspectorate",
  "State Prosecutor",
  "Ministry of Internal Affairs – Inspectorate",
  "Ministry of Health – Inspectorate",
];
const DECISIONS: Record<string, string> = {
  UPHELD: "The complaint is upheld; the authority has been asked to remedy the situation and report back.",
  PARTLY_UPHELD: "The complaint is upheld in part; recommendations were sent to the facility management.",
  NOT_UPHELD: "The examination found no breach; the reasons were explained to the complainant.",
  OUTSIDE_MANDATE: "The matter falls outside the mechanism's mandate; the complainant was told where to turn.",
};

const INCIDENT_NARRATIVES: Record<string, string[]> = {
  USE_OF_FORCE: [
    "Restraint used during a room transfer; medical check afterwards found minor bruising.",
    "Handcuffs used during an escort to hospital after the resident resisted.",
  ],
  SELF_HARM: [
    "Resident found with superficial cuts; treated on site and referred to the psychologist.",
    "Attempted self-harm during the night; resident placed under observation.",
  ],
  MEDICAL_EMERGENCY: [
    "Resident collapsed in the yard; ambulance called and resident admitted to hospital.",
    "Severe asthma attack; treated by the facility nurse and taken to hospital.",
  ],
  ASSAULT: [
    "Fight between two residents in the canteen; staff intervened, one resident injured.",
    "Resident struck a staff member during a dispute over telephone time.",
  ],
  ESCAPE: [
    "Resident did not return from an escorted hospital visit.",
    "Resident left the facility at night through the yard fence.",
  ],
  DEATH: ["Resident found unresponsive in the morning; death confirmed by the emergency doctor. Prosecutor notified."],
  OTHER: [
    "Fire alarm triggered in block C; building evacuated for an hour, no injuries.",
    "Hunger strike announced by a group of residents protesting delays.",
  ],
};

const GIVEN = [
  "Amina",
  "Omar",
  "Layla",
  "Yusuf",
  "Sara",
  "Karim",
  "Nadia",
  "Daniel",
  "Mariam",
  "Tariq",
  "Elena",
  "Juan",
];
const FAMILY = [
  "Testova",
  "Sampleson",
  "Exemplar",
  "Fictus",
  "Placeholder",
  "Modeli",
  "Demoyan",
  "Synthetik",
  "Lorem",
  "Specimen",
];

interface Plan {
  bodies: unknown[][];
  visits: unknown[][];
  findings: unknown[][];
  recommendations: unknown[][];
  complaints: unknown[][];
  escalations: unknown[][];
  incidents: unknown[][];
}

function planMonitoring(world: SeedWorld): Plan {
  const r = world.random.fork("monitoring");
  const nextReceiptCode = receiptCodeStream(world);
  const now = world.now.getTime();
  const termStart = Date.parse(`${world.agreement.termStart}T00:00:00Z`);
  const scale = Math.max(1, world.cases.length / DEFAULT_CASES);
  const plan: Plan = {
    bodies: [],
    visits: [],
    findings: [],
    recommendations: [],
    complaints: [],
    escalations: [],
    incidents: [],
  };
  const clampPast = (t: number) => Math.min(t, now - MINUTE);

  for (const body of world.monitoringBodies) plan.bodies.push([body.id, body.name, body.kind]);
  const bodyWeights = world.monitoringBodies.map(
    (b) => [b, b.kind === "NPM" ? 4 : b.kind === "CIVIL_SOCIETY" ? 2.5 : 1] as const,
  );

  const responders = new Map<string, string[]>();
  const ministry = world.officials.filter((o) => o.agency === "MIA").map((o) => o.id);
  for (const facility of world.facilities) {
    const staff = world.officials
      .filter((o) => o.facilityId === facility.id && o.jobRole === "FACILITY_MANAGER")
      .map((o) => o.id);
    responders.set(facility.id, staff.length ? staff : ministry);
  }

  // Visits: every facility, spread over the term and a little beyond "now" (planned ones).
  const visitsPerFacility = Math.ceil(8 * Math.sqrt(scale));
  const firstVisit = termStart + 20 * DAY;
  const lastVisit = now + 45 * DAY;
  for (const facility of world.facilities) {
    for (let k = 0; k < visitsPerFacility; k++) {
      const slot = firstVisit + ((k + r.next()) / visitsPerFacility) * (lastVisit - firstVisit);
      const plannedFor = Math.floor(slot / DAY) * DAY + 8 * HOUR + r.int(0, 4) * 30 * MINUTE;
      planVisit(r, plan, facility, plannedFor, bodyWeights, responders, now);
    }
  }

  // Complaints: about cases (then the case's facility) or a facility alone, or neither.
  const placed = world.cases.filter((c) => c.arrivedAt && c.placements.length > 0);
  const complaintCount = Math.max(60, Math.round(world.cases.length * 0.05));
  for (let i = 0; i < complaintCount; i++) {
    const code = nextReceiptCode();
    planComplaint(r, plan, world, placed, code, termStart, now, clampPast);
  }

  // Incidents: each happens to placed people during their stay (OTHER: to no one in particular).
  const byFacility = new Map<string, SeedCase[]>();
  for (const c of placed) {
    const list = byFacility.get(c.placements[0].facilityId) ?? [];
    list.push(c);
    byFacility.set(c.placements[0].facilityId, list);
  }
  const incidentCount = Math.max(30, Math.round(world.cases.length * 0.03));
  for (let i = 0; i < incidentCount && placed.length; i++) {
    planIncident(r, plan, placed, byFacility, now, clampPast);
  }
  return plan;
}

function planVisit(
  r: Random,
  plan: Plan,
  facility: SeedFacility,
  plannedFor: number,
  bodyWeights: (readonly [SeedWorld["monitoringBodies"][number], number])[],
  responders: Map<string, string[]>,
  now: number,
): void {
  const id = r.uuid();
  const body = r.weighted(bodyWeights);
  const phases = PHASES.filter((p) => (p !== "STAFF_INTERVIEWS" && p !== "DOCUMENT_REVIEW" ? true : r.chance(0.7)));
  const announced = body.kind === "NPM" ? r.chance(0.3) : r.chance(0.7);
  const createdAt = plannedFor - r.int(3, 30) * DAY;
  let startedAt: number | null = null;
  let endedAt: number | null = null;
  let publishedAt: number | null = null;
  let status = "PLANNED";
  if (plannedFor <= now) {
    startedAt = plannedFor + r.int(0, 60) * MINUTE;
    const end = startedAt + r.int(5, 10) * HOUR;
    if (end > now) {
      status = startedAt <= now ? "IN_PROGRESS" : "PLANNED";
      if (status === "PLANNED") startedAt = null;
    } else {
      endedAt = end;
      status = "COMPLETED";
      const publishAt = endedAt + r.int(30, 60) * DAY;
      if (publishAt <= now && r.chance(0.8)) {
        status = "REPORT_PUBLISHED";
        publishedAt = publishAt;
      }
    }
  }
  const summary = publishedAt
    ? `Visit to ${facility.name} by ${body.name}: ${r.pick(["overcrowding and access to counsel", "living conditions and health care", "information on rights and complaint handling", "use of force and its recording"])} were the main concerns.`
    : null;
  plan.visits.push([
    id,
    body.id,
    facility.id,
    phases,
    announced,
    new Date(plannedFor),
    startedAt === null ? null : new Date(startedAt),
    endedAt === null ? null : new Date(endedAt),
    status,
    publishedAt === null ? null : new Date(publishedAt),
    summary,
    new Date(Math.min(createdAt, plannedFor)),
  ]);
  if (startedAt === null) return;

  // Findings are written during the visit (in progress) or in the weeks after it.
  const findingCount = status === "IN_PROGRESS" ? r.int(0, 2) : r.int(1, 5);
  const reference = endedAt ?? startedAt;
  for (let f = 0; f < findingCount; f++) {
    const findingId = r.uuid();
    const [severity, standardRef, description] = r.pick(FINDINGS);
    const createdAt =
      status === "IN_PROGRESS" ? Math.min(startedAt + (f + 1) * HOUR, now - MINUTE) : reference + r.int(1, 20) * DAY;
    const findingAt =
      publishedAt !== null ? Math.min(createdAt, publishedAt - HOUR) : Math.min(createdAt, now - MINUTE);
    plan.findings.push([findingId, id, severity, standardRef, description, new Date(findingAt)]);
    const recommendationCount = r.int(0, 2);
    for (let k = 0; k < recommendationCount; k++) {
      const dueAt = reference + r.int(30, 180) * DAY;
      let recStatus = "OPEN";
      let accepted: boolean | null = null;
      let responseText: string | null = null;
      let respondedAt: number | null = null;
      let respondedBy: string | null = null;
      let implementedAt: number | null = null;
      const answerChance = status === "REPORT_PUBLISHED" ? 0.8 : status === "COMPLETED" ? 0.3 : 0;
      const respondAt = findingAt + r.int(7, 60) * DAY;
      if (respondAt < now && r.chance(answerChance)) {
        accepted = r.chance(0.75);
        recStatus = accepted ? "ACCEPTED" : "REJECTED";
        responseText = accepted ? r.pick(RESPONSES_ACCEPTED) : r.pick(RESPONSES_REJECTED);
        respondedAt = respondAt;
        respondedBy = r.pick(responders.get(facility.id) ?? []) ?? null;
        const implementAt = respondAt + r.int(10, 120) * DAY;
        if (accepted && implementAt < now && r.chance(0.6)) {
          recStatus = "IMPLEMENTED";
          implementedAt = implementAt;
        }
      }
      plan.recommendations.push([
        r.uuid(),
        findingId,
        id,
        facility.id,
        r.pick(ADDRESSEES),
        r.pick(RECOMMENDATIONS),
        new Date(dueAt),
        recStatus,
        accepted,
        responseText,
        respondedAt === null ? null : new Date(respondedAt),
        respondedBy,
        implementedAt === null ? null : new Date(implementedAt),
        new Date(findingAt + MINUTE),
      ]);
    }
  }
}

function planComplaint(
  r: Random,
  plan: Plan,
  world: SeedWorld,
  placed: SeedCase[],
  code: string,
  termStart: number,
  now: number,
  clampPast: (t: number) => number,
): void {
  const id = r.uuid();
  const aboutCase = placed.length > 0 && r.chance(0.6);
  let caseId: string | null = null;
  let facilityId: string | null = null;
  let receivedAt: number;
  if (aboutCase) {
    const c = r.pick(placed);
    caseId = c.id;
    facilityId = c.placements[0].facilityId;
    const from = (c.arrivedAt as Date).getTime() + DAY;
    const to = Math.min(c.closedAt ? c.closedAt.getTime() + 30 * DAY : now, now - HOUR);
    receivedAt = from + r.next() * Math.max(0, to - from);
  } else {
    facilityId = r.chance(0.9) ? r.pick(world.facilities).id : null;
    receivedAt = termStart + 30 * DAY + r.next() * (now - HOUR - termStart - 30 * DAY);
  }
  receivedAt = Math.floor(clampPast(receivedAt));
  const channel = r.weighted([
    ["WEB", 3],
    ["HOTLINE", 3],
    ["IN_PERSON", 2],
    ["LETTER", 1],
    ["MONITOR_REFERRAL", 1],
  ] as const);
  const category = r.weighted([
    ["LIVING_CONDITIONS", 5],
    ["TREATMENT_BY_STAFF", 3],
    ["HEALTH_CARE", 3],
    ["ACCESS_TO_LAWYER", 2],
    ["FAMILY_CONTACT", 2],
    ["PROCEDURE", 3],
    ["DISCRIMINATION", 1],
    ["OTHER", 1],
  ] as const);
  let anonymous = channel !== "MONITOR_REFERRAL" && r.chance(0.4);
  let name: string | null = null;
  let contact: string | null = null;
  if (channel === "MONITOR_REFERRAL") {
    name = r.pick(world.monitoringBodies).name;
    contact = "monitoring@example.org";
  } else if (!anonymous) {
    name = `${r.pick(GIVEN)} ${r.pick(FAMILY)}`;
    contact = r.chance(0.7) ? `complainant.${r.int(1000, 9999)}@example.org` : null;
  }
  if (!name) anonymous = true;

  // Progress by age: recent ones are still being handled, old ones decided and mostly closed.
  const age = now - receivedAt;
  let status = "RECEIVED";
  let updatedAt = receivedAt;
  let decidedAt: number | null = null;
  let outcome: string | null = null;
  const escalations: number[] = [];
  if (age > 3 * DAY) {
    status = "UNDER_REVIEW";
    const triagedAt = receivedAt + r.int(1, 3) * DAY;
    updatedAt = triagedAt;
    const decideAt = receivedAt + r.int(7, 40) * DAY;
    const decided = age > 20 * DAY && decideAt < now && r.chance(0.85);
    if (r.chance(0.2)) {
      const count = r.int(1, 2);
      for (let k = 0; k < count; k++) {
        const at = triagedAt + (k + 1) * r.int(1, 5) * DAY;
        if (at < (decided ? decideAt : now)) escalations.push(at);
      }
    }
    if (escalations.length) {
      status = "ESCALATED";
      updatedAt = escalations[escalations.length - 1];
    }
    if (decided) {
      status = "DECIDED";
      decidedAt = decideAt;
      updatedAt = decideAt;
      outcome = r.weighted([
        ["UPHELD", 2],
        ["PARTLY_UPHELD", 3],
        ["NOT_UPHELD", 4],
        ["OUTSIDE_MANDATE", 1],
      ] as const);
      const closeAt = decideAt + r.int(1, 14) * DAY;
      if (closeAt < now && r.chance(0.7)) {
        status = "CLOSED";
        updatedAt = closeAt;
      }
    }
  }
  // Due 30 days after receipt: COMPLAINT_RESPONSE_DAYS in the subgraph's complaint.policy.ts.
  plan.complaints.push([
    id,
    hashCode(code),
    code.slice(-4),
    channel,
    anonymous,
    category,
    r.pick(COMPLAINT_TEXTS[category]),
    status,
    new Date(receivedAt),
    new Date(receivedAt + COMPLAINT_RESPONSE_DAYS * DAY),
    new Date(updatedAt),
    anonymous ? null : name,
    anonymous ? null : contact,
    facilityId,
    caseId,
    outcome,
    outcome ? DECISIONS[outcome] : null,
    decidedAt === null ? null : new Date(decidedAt),
  ]);
  for (const at of escalations) {
    plan.escalations.push([
      r.uuid(),
      id,
      r.pick(ESCALATION_TARGETS),
      new Date(at),
      "Allegation falls within the competence of this authority.",
    ]);
  }
}

function planIncident(
  r: Random,
  plan: Plan,
  placed: SeedCase[],
  byFacility: Map<string, SeedCase[]>,
  now: number,
  clampPast: (t: number) => number,
): void {
  const c = r.pick(placed);
  const placement = c.placements[0];
  let type: string = r.weighted([
    ["USE_OF_FORCE", 3],
    ["SELF_HARM", 2],
    ["MEDICAL_EMERGENCY", 4],
    ["ASSAULT", 3],
    ["OTHER", 1],
  ] as const);
  const stayEnd = Math.min(placement.checkOutAt?.getTime() ?? now, now - HOUR);
  let at = placement.checkInAt.getTime() + r.next() * Math.max(0, stayEnd - placement.checkInAt.getTime());
  // The end of some stays is itself the incident: an escape, or (rarely) a death.
  if (c.status === "ABSCONDED" && c.closedAt && r.chance(0.5)) {
    type = "ESCAPE";
    at = c.closedAt.getTime() - r.int(1, 12) * HOUR;
  } else if (c.status === "CLOSED" && c.closedAt && r.chance(0.02)) {
    type = "DEATH";
    at = c.closedAt.getTime() - r.int(1, 12) * HOUR;
  }
  at = Math.floor(clampPast(Math.max(at, placement.checkInAt.getTime())));
  const caseIds = type === "OTHER" ? [] : [c.id];
  if (type === "ASSAULT" && r.chance(0.5)) {
    const other = r.pick(byFacility.get(placement.facilityId) ?? []);
    if (other && other.id !== c.id) caseIds.push(other.id);
  }
  const reportedAt = clampPast(at + r.int(10, 600) * MINUTE);
  const age = now - at;
  let status = "REPORTED";
  let updatedAt = reportedAt;
  if (type === "DEATH" || (age > 7 * DAY && r.chance(0.7))) {
    status = "UNDER_INVESTIGATION";
    updatedAt = clampPast(reportedAt + r.int(1, 5) * DAY);
    if (age > 60 * DAY && r.chance(0.8)) {
      status = "CLOSED";
      updatedAt = clampPast(reportedAt + r.int(20, 60) * DAY);
    }
  }
  plan.incidents.push([
    r.uuid(),
    type,
    new Date(at),
    placement.facilityId,
    caseIds,
    r.pick(INCIDENT_NARRATIVES[type]),
    status,
    new Date(reportedAt),
    new Date(updatedAt),
  ]);
}
