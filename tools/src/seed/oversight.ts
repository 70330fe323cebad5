import type { DataSource } from "typeorm";
import { insertRows } from "./bulk";
import type { Random } from "./random";
import type { SeedWorld } from "./world";

/**
 * The oversight subgraph's synthetic data: the inter-agency task force (its members by agency,
 * its mandates), a year of monthly meetings up to the seed's "now" and the next one scheduled,
 * each with its agenda, decisions and action items in every status — some of them overdue, so
 * every agency's overdue ledger has something in each ageing band — and the obligations
 * catalogue. Procedural gaps found in joint case reviews reach the agenda as the
 * referReviewGap mutation would put them there; they name the seeded reviews by key when the
 * cases seed ran first in the same transaction (as in `npm run seed`), the reviewed cases
 * otherwise.
 */

const DAY = 86_400_000;
type Agency = "MIA" | "DHS" | "OMBUDSPERSON" | "FACILITY_OPERATOR" | "CIVIL_SOCIETY";
type Status = "OPEN" | "IN_PROGRESS" | "DONE" | "DROPPED";

interface Owner {
  agency: Agency;
  officialId: string | null;
  officialName: string;
  orgId: string | null;
}

export const OBLIGATIONS: readonly {
  kind: string;
  title: string;
  sourceText: string;
  deadlineHours: number | null;
  runsFrom: string;
  owingAgency: Agency;
}[] = [
  {
    kind: "RIGHTS_INFORMATION",
    title: "Inform the person of their rights, in a language they understand",
    sourceText: "Agreement art. 7(1); Law on Foreigners art. 108",
    deadlineHours: 24,
    runsFrom: "arrival in Kosovo (handover)",
    owingAgency: "MIA",
  },
  {
    kind: "COUNSEL_OFFER",
    title: "Offer free legal counsel",
    sourceText: "Agreement art. 7(2)",
    deadlineHours: 24,
    runsFrom: "arrival in Kosovo (handover)",
    owingAgency: "MIA",
  },
  {
    kind: "PROTECTION_SCREENING",
    title: "Screen for international protection needs and vulnerability",
    sourceText: "Agreement art. 8(1)",
    deadlineHours: 72,
    runsFrom: "arrival in Kosovo (handover)",
    owingAgency: "MIA",
  },
  {
    kind: "COMPLAINT_ACKNOWLEDGEMENT",
    title: "Acknowledge a complaint to the person who filed it",
    sourceText: "Law on the Ombudsperson art. 16(2)",
    deadlineHours: 72,
    runsFrom: "filing of the complaint",
    owingAgency: "OMBUDSPERSON",
  },
  {
    kind: "COMPLAINT_DECISION",
    title: "Decide a complaint and inform the complainant",
    sourceText: "Law on the Ombudsperson art. 16(4)",
    deadlineHours: 720,
    runsFrom: "filing of the complaint",
    owingAgency: "OMBUDSPERSON",
  },
  {
    kind: "RECOMMENDATION_RESPONSE",
    title: "Respond to a monitoring recommendation: accept with a plan, or reject with reasons",
    sourceText: "OPCAT art. 22; Agreement art. 11(3)",
    deadlineHours: 1440,
    runsFrom: "receipt of the visit report",
    owingAgency: "MIA",
  },
  {
    kind: "ACTION_ITEM",
    title: "Carry out a task-force action item",
    sourceText: "Task force rules of procedure r. 12",
    deadlineHours: null,
    runsFrom: "the task-force meeting that agreed it (its own due date)",
    owingAgency: "MIA",
  },
];

const MANDATES: readonly [decides: string, grantingText: string, source: string][] = [
  [
    "Which administrative problems between the agencies are settled at its level and which go to the ministers",
    "The Parties shall establish a dedicated inter-agency task force with a clear mandate to keep communication flowing and to settle administrative problems promptly.",
    "Agreement art. 9(1)",
  ],
  [
    "Action items for the agencies represented, with an owner and a due date",
    "The task force may agree actions to be taken by the authorities represented in it and shall follow up on their implementation.",
    "Agreement art. 9(2)",
  ],
  [
    "What follows from procedural gaps found in joint case reviews",
    "Procedural gaps identified in regular joint reviews shall be referred to the task force for remedy.",
    "Agreement art. 10(3)",
  ],
  [
    "The follow-up of monitoring recommendations and complaint patterns",
    "The task force shall review the implementation of recommendations of the monitoring bodies at least quarterly.",
    "Task force rules of procedure r. 4",
  ],
];

/** Agenda templates: title, origin, and which kind of record it concerns. */
const AGENDA: readonly [title: string, origin: string, concerns: "FACILITY" | "CASE" | null][] = [
  ["Occupancy against official capacity", "MONITORING", "FACILITY"],
  ["Interpreters for Pashto and Tigrinya", "MEMBER", null],
  ["Complaints about food and heating", "COMPLAINT", "FACILITY"],
  ["Counsel access at weekends", "MEMBER", null],
  ["Flight manifests shared late", "MEMBER", null],
  ["Unanswered monitoring recommendations", "MONITORING", "FACILITY"],
  ["Overdue action items", "OVERDUE_FOLLOW_UP", null],
  ["Complaints referred to the MIA this month", "COMPLAINT", null],
  ["Medical referrals after arrival", "MEMBER", "CASE"],
  ["Onward return planning with IOM", "MEMBER", null],
];

const ACTIONS: readonly [title: string, agency: Agency][] = [
  ["Move residents above capacity to the open centre", "MIA"],
  ["Contract interpreters for Pashto and Tigrinya", "MIA"],
  ["Share flight manifests 72 h before departure", "DHS"],
  ["Send case files with each transfer", "DHS"],
  ["Repair the heating in block C", "FACILITY_OPERATOR"],
  ["Publish the weekly menu in five languages", "FACILITY_OPERATOR"],
  ["Report on counsel access at weekends", "CIVIL_SOCIETY"],
  ["Train facility staff on complaint boxes", "CIVIL_SOCIETY"],
  ["Answer the open recommendations of the last visit", "MIA"],
  ["Publish the complaint statistics of the quarter", "OMBUDSPERSON"],
  ["Follow up the complaints referred to the MIA", "OMBUDSPERSON"],
  ["Agree a medical referral protocol with the health ministry", "MIA"],
];

const PEOPLE = {
  dhs: ["Synthetic Liaison Carter", "Synthetic Liaison Moreno"],
  ombudsperson: ["Synthetic Deputy Ombudsperson Berisha"],
  civilSociety: ["Synthetic Observer Hoti", "Synthetic Observer Kelmendi"],
};

interface Rows {
  taskForces: unknown[][];
  members: unknown[][];
  mandates: unknown[][];
  meetings: unknown[][];
  agenda: unknown[][];
  decisions: unknown[][];
  items: unknown[][];
  transitions: unknown[][];
  obligations: unknown[][];
  assessments: unknown[][];
  recommendations: unknown[][];
  /** The assessments the Ombudsperson has published, oldest first: see publish.ts. */
  toPublish: string[];
}

/** Writes the oversight subgraph's rows; returns the assessments to publish through the graph once it runs. */
export async function seedOversight(
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
): Promise<{ assessmentsToPublish: string[] }> {
  const reviewIds = await seededReviewIds(db);
  const rows = planOversight(world, reviewIds);
  const tables: [table: string, columns: string[], rows: unknown[][]][] = [
    [`oversight."task_force"`, ["id", "name", "mandate_text", "mandate_source", "established_at"], rows.taskForces],
    [
      `oversight."task_force_member"`,
      ["id", "task_force_id", "agency", "official_id", "official_name", "role_title", "org_id", "joined_at", "left_at"],
      rows.members,
    ],
    [`oversight."mandate"`, ["id", "task_force_id", "decides", "granting_text", "source"], rows.mandates],
    [
      `oversight."task_force_meeting"`,
      ["id", "task_force_id", "held_at", "location", "attendee_ids", "minutes_published_at", "created_at"],
      rows.meetings,
    ],
    [
      `oversight."agenda_item"`,
      ["id", "meeting_id", "position", "title", "origin", "concerns_kind", "concerns_id", "created_at"],
      rows.agenda,
    ],
    [`oversight."decision"`, ["id", "meeting_id", "agenda_item_id", "text", "recorded_at"], rows.decisions],
    [
      `oversight."action_item"`,
      [
        "id",
        "task_force_id",
        "meeting_id",
        "decision_id",
        "agenda_item_id",
        "title",
        "owner_agency",
        "owner_official_id",
        "owner_official_name",
        "owner_org_id",
        "due_at",
        "status",
        "concerns_kind",
        "concerns_id",
        "created_at",
        "updated_at",
      ],
      rows.items,
    ],
    [
      `oversight."action_item_transition"`,
      ["id", "action_item_id", "from_status", "to_status", "reason", "at", "actor_sub"],
      rows.transitions,
    ],
    [
      `oversight."impact_assessment"`,
      [
        "id",
        "task_force_id",
        "title",
        "quarter",
        "scope",
        "facility_id",
        "policy",
        "method",
        "findings",
        "status",
        "frozen_indicators",
        "created_at",
        "consultation_at",
        "published_at",
      ],
      rows.assessments,
    ],
    [
      `oversight."assessment_recommendation"`,
      [
        "id",
        "assessment_id",
        "position",
        "text",
        "addressee_agency",
        "addressee_org_id",
        "addressee_official_name",
        "due_at",
        "action_item_id",
      ],
      rows.recommendations,
    ],
    [
      `oversight."obligation"`,
      ["id", "kind", "title", "source_text", "deadline_hours", "runs_from", "owing_agency"],
      rows.obligations,
    ],
  ];
  const total = tables.reduce((sum, [, , list]) => sum + list.length, 0);
  let done = 0;
  progress(0, total);
  for (const [table, columns, list] of tables) {
    await insertRows(db, table, columns, list);
    done += list.length;
    progress(done, total);
  }
  return { assessmentsToPublish: rows.toPublish };
}

/** The joint case reviews the cases seed wrote in this transaction (none when it did not run). */
async function seededReviewIds(db: DataSource): Promise<string[]> {
  const [{ present }] = (await db.query(`SELECT to_regclass('cases.case_review') IS NOT NULL AS present`)) as {
    present: boolean;
  }[];
  if (!present) return [];
  const rows = (await db.query(`SELECT id FROM cases.case_review ORDER BY held_at, id LIMIT 40`)) as { id: string }[];
  return rows.map((row) => row.id);
}

export function planOversight(world: SeedWorld, reviewIds: readonly string[] = []): Rows {
  const r = world.random.fork("oversight");
  const now = world.now;
  const rows: Rows = {
    taskForces: [],
    members: [],
    mandates: [],
    meetings: [],
    agenda: [],
    decisions: [],
    items: [],
    transitions: [],
    obligations: [],
    assessments: [],
    recommendations: [],
    toPublish: [],
  };
  const established = new Date(Date.UTC(2025, 8, 1, 8, 0, 0));
  const taskForceId = r.uuid();
  rows.taskForces.push([
    taskForceId,
    "Joint Task Force on Reception and Onward Return",
    "Keep communication between the Kosovo and US authorities flowing, settle administrative problems promptly, and follow up the gaps found in joint reviews and by the monitoring bodies.",
    "Agreement art. 9(1)",
    established,
  ]);
  for (const [decides, grantingText, source] of MANDATES)
    rows.mandates.push([r.uuid(), taskForceId, decides, grantingText, source]);

  // Members: who sits for each agency.
  const miaOfficials = world.officials.filter((o) => o.agency === "MIA" && o.jobRole === "CASE_OFFICER").slice(0, 2);
  const managers = world.officials.filter((o) => o.jobRole === "FACILITY_MANAGER");
  const operatorSeats = world.facilities.slice(0, 3).map((facility) => {
    const manager = managers.find((m) => m.facilityId === facility.id);
    return { facility, manager };
  });
  const civilBodies = world.monitoringBodies.filter((b) => b.kind === "CIVIL_SOCIETY");
  const owners: Owner[] = [];
  const memberIds: string[] = [];
  const addMember = (owner: Owner, roleTitle: string, joinedAt: Date) => {
    const id = r.uuid();
    memberIds.push(id);
    owners.push(owner);
    rows.members.push([
      id,
      taskForceId,
      owner.agency,
      owner.officialId,
      owner.officialName,
      roleTitle,
      owner.orgId,
      joinedAt,
      null,
    ]);
  };
  miaOfficials.forEach((o, i) =>
    addMember(
      { agency: "MIA", officialId: o.id, officialName: `${o.givenNames} ${o.familyName}`, orgId: null },
      i === 0 ? "Head of the Department for Citizenship, Asylum and Migration (chair)" : "Case management lead",
      established,
    ),
  );
  PEOPLE.dhs.forEach((name, i) =>
    addMember(
      { agency: "DHS", officialId: null, officialName: name, orgId: null },
      i === 0 ? "DHS liaison" : "Deputy DHS liaison",
      established,
    ),
  );
  PEOPLE.ombudsperson.forEach((name) =>
    addMember(
      { agency: "OMBUDSPERSON", officialId: null, officialName: name, orgId: null },
      "National preventive mechanism",
      established,
    ),
  );
  for (const { facility, manager } of operatorSeats) {
    addMember(
      {
        agency: "FACILITY_OPERATOR",
        officialId: manager?.id ?? null,
        officialName: manager ? `${manager.givenNames} ${manager.familyName}` : `Manager, ${facility.name}`,
        orgId: facility.id,
      },
      `Manager, ${facility.name}`,
      new Date(established.getTime() + 30 * DAY),
    );
  }
  civilBodies.forEach((body, i) =>
    addMember(
      {
        agency: "CIVIL_SOCIETY",
        officialId: null,
        officialName: PEOPLE.civilSociety[i % PEOPLE.civilSociety.length],
        orgId: body.id,
      },
      `Observer, ${body.name}`,
      new Date(established.getTime() + 30 * DAY),
    ),
  );

  // Meetings: the first Tuesday of each month at 10:00, the twelve up to now and the next one.
  const firstTuesday = (year: number, month: number) => {
    const d = new Date(Date.UTC(year, month, 1, 10, 0, 0));
    while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  };
  const meetings: Date[] = [];
  for (let back = 11; back >= -1; back--) {
    meetings.push(firstTuesday(now.getUTCFullYear(), now.getUTCMonth() - back));
  }
  const reviewsLeft = [...reviewIds];
  const reviewedCases = world.cases.filter((c) => c.arrivedAt).map((c) => c.id);
  meetings.forEach((heldAt, index) => {
    const id = r.uuid();
    const held = heldAt.getTime() <= now.getTime();
    // Minutes are published about a week after a meeting; the last one's are still being drafted.
    const publishedAt = new Date(heldAt.getTime() + r.int(5, 9) * DAY);
    const published = held && publishedAt.getTime() <= now.getTime() && index < meetings.length - 2;
    const attendees = memberIds.filter(() => r.chance(0.8));
    rows.meetings.push([
      id,
      taskForceId,
      heldAt,
      r.pick([
        "Ministry of Internal Affairs, Prishtinë",
        "Reception Centre Prishtinë",
        "Ombudsperson Institution, Prishtinë",
      ]),
      attendees,
      published ? publishedAt : null,
      new Date(heldAt.getTime() - 14 * DAY),
    ]);

    // The agenda: three to five items, and a review gap or two referred from joint case reviews.
    const agendaIds: string[] = [];
    const addAgenda = (title: string, origin: string, kind: string | null, concernsId: string | null) => {
      const agendaId = r.uuid();
      agendaIds.push(agendaId);
      rows.agenda.push([
        agendaId,
        id,
        agendaIds.length,
        title,
        origin,
        kind,
        concernsId,
        new Date(heldAt.getTime() - r.int(2, 12) * DAY),
      ]);
      return agendaId;
    };
    for (const [title, origin, concerns] of shuffled(r, AGENDA).slice(0, r.int(3, 5))) {
      const concernsId =
        concerns === "FACILITY" ? r.pick(world.facilities).id : concerns === "CASE" ? r.pick(reviewedCases) : null;
      addAgenda(title, origin, concerns, concernsId);
    }
    const gaps = index === 0 ? 0 : r.int(0, 2);
    const gapAgenda: [string, string][] = [];
    for (let g = 0; g < gaps; g++) {
      const review = reviewsLeft.shift();
      const kind = review ? "CASE_REVIEW" : "CASE";
      const key = review ?? r.pick(reviewedCases);
      const gap = r.pick([
        "Counsel was offered more than 24 h after arrival",
        "Screening took longer than 72 h",
        "Handling instructions did not reach the facility",
        "No interpreter at the review",
      ]);
      gapAgenda.push([addAgenda(`Review gap: ${gap}`, "CASE_REVIEW_GAP", kind, key), `${kind}:${key}`]);
    }

    // Decisions on about half the items.
    const decisionIds: string[] = [];
    agendaIds.forEach((agendaId) => {
      if (!r.chance(0.5)) return;
      const decisionId = r.uuid();
      decisionIds.push(decisionId);
      rows.decisions.push([
        decisionId,
        id,
        agendaId,
        r.pick(DECISION_TEXTS),
        new Date(heldAt.getTime() + r.int(1, 3) * 3_600_000),
      ]);
    });

    // Action items: agreed at held meetings only.
    if (!held) return;
    const count = r.int(2, 4);
    for (let k = 0; k < count; k++) {
      const [title, agency] = r.pick(ACTIONS);
      const owner = r.pick(owners.filter((o) => o.agency === agency));
      const agendaId = r.pick(agendaIds);
      addItem(r, rows, now, {
        taskForceId,
        meetingId: id,
        decisionId: decisionIds.length && r.chance(0.6) ? r.pick(decisionIds) : null,
        agendaItemId: agendaId,
        title,
        owner,
        createdAt: new Date(heldAt.getTime() + 2 * 3_600_000),
        dueAt: new Date(heldAt.getTime() + r.pick([7, 14, 30, 45, 60, 90]) * DAY),
        concerns: null,
      });
    }
    for (const [agendaId, concern] of gapAgenda) {
      const [kind, key] = concern.split(":");
      addItem(r, rows, now, {
        taskForceId,
        meetingId: id,
        decisionId: null,
        agendaItemId: agendaId,
        title: r.pick([
          "Put counsel on call at weekends",
          "Schedule screenings within 72 h",
          "Send handling instructions with each placement",
          "Book interpreters for every review",
        ]),
        owner: r.pick(owners.filter((o) => o.agency === "MIA")),
        createdAt: new Date(heldAt.getTime() + 2 * 3_600_000),
        dueAt: new Date(heldAt.getTime() + r.pick([30, 45, 60]) * DAY),
        concerns: { kind, id: key },
      });
    }
  });

  for (const o of OBLIGATIONS) {
    rows.obligations.push([r.uuid(), o.kind, o.title, o.sourceText, o.deadlineHours, o.runsFrom, o.owingAgency]);
  }
  planAssessments(rows, r, world, taskForceId);
  return rows;
}

/** What the programme's assessment of each earlier quarter found and asked for (cycled through). */
const EARLIER_ASSESSMENTS: readonly {
  findings: string[];
  recommendations: [text: string, agency: string, official: string, dueInDays: number][];
}[] = [
  {
    findings: [
      "The first arrivals waited up to three days for counsel: no duty roster was in place yet.",
      "Screening interviews were held without interpreters for two of the languages spoken.",
    ],
    recommendations: [
      ["Set up a duty counsel roster that covers every arrival flight.", "MIA", "Head of the Reception Department", 90],
      [
        "Contract interpreters for every language on the manifests.",
        "MIA",
        "Head of the Asylum and Migration Department",
        120,
      ],
    ],
  },
  {
    findings: [
      "Counsel is now offered within 24 hours to most arrivals; screening within 72 hours to fewer.",
      "Decisions on complaints about conditions take longer than their deadline.",
    ],
    recommendations: [
      [
        "Add screening interview slots on the two days after each flight.",
        "MIA",
        "Head of the Asylum and Migration Department",
        90,
      ],
      [
        "Decide complaints about conditions within their 30 days, with a reason when late.",
        "OMBUDSPERSON",
        "Head of the complaints unit",
        120,
      ],
    ],
  },
  {
    findings: [
      "Occupancy of the open centre stayed close to its official capacity for most of the quarter.",
      "Manifests reached the reception team less than 48 hours before some flights.",
    ],
    recommendations: [
      ["Share flight manifests 72 hours ahead, with the languages spoken.", "DHS", "DHS liaison officer", 60],
      ["Plan moves to the second centre before occupancy passes 90 %.", "MIA", "Head of the Reception Department", 90],
    ],
  },
];

const METHOD =
  "The quarter's public figures from the graph; announced and unannounced visits by the Ombudsperson; interviews with residents, counsel and staff; written consultation with the monitoring bodies.";

/**
 * The Ombudsperson's impact assessments over the programme's year: one of the programme per
 * complete quarter since its first, those before the last put to consultation here and then
 * published through the graph (publish.ts) — a published assessment's indicators are the public
 * figures the graph gives at publication, which a seed that wrote them would invent; the last
 * complete quarter's in consultation, for the Ombudsperson to publish; one facility's in draft;
 * a policy assessment of the current quarter in draft.
 */
function planAssessments(rows: Rows, r: Random, world: SeedWorld, taskForceId: string): void {
  const now = world.now;
  const quarterOf = (at: Date) => at.getUTCFullYear() * 4 + Math.floor(at.getUTCMonth() / 3);
  const current = quarterOf(now);
  const label = (q: number) => `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
  const startOf = (q: number) => new Date(Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1));
  const later = (days: number) => new Date(now.getTime() + days * DAY);
  const facility = world.facilities[0];
  // The first quarter the programme ran from its first day.
  const termStart = new Date(`${world.agreement.termStart}T00:00:00Z`);
  const first = quarterOf(termStart) + (startOf(quarterOf(termStart)).getTime() < termStart.getTime() ? 1 : 0);
  const earlier = [];
  for (let q = first; q < current - 1; q++) {
    const { findings, recommendations } = EARLIER_ASSESSMENTS[(q - first) % EARLIER_ASSESSMENTS.length];
    const end = startOf(q + 1).getTime();
    earlier.push({
      title: `Human rights impact assessment of the programme, ${label(q)}`,
      quarter: label(q),
      scope: "PROGRAMME",
      facilityId: null,
      policy: null,
      status: "CONSULTATION",
      publish: true,
      createdAt: new Date(end + 12 * DAY),
      consultationAt: new Date(end + 26 * DAY) as Date | null,
      findings,
      // Due after the seed's today: the graph turns only recommendations still to come into action items.
      recommendations: recommendations.map(
        ([text, agency, official, days]) => [text, agency, official, later(days)] as const,
      ),
    });
  }
  const plans = [
    ...earlier,
    {
      title: `Human rights impact assessment of the programme, ${label(current - 1)}`,
      quarter: label(current - 1),
      scope: "PROGRAMME",
      facilityId: null,
      policy: null,
      status: "CONSULTATION",
      publish: false,
      createdAt: new Date(now.getTime() - 30 * DAY),
      consultationAt: new Date(now.getTime() - 20 * DAY) as Date | null,
      findings: [
        "Counsel is offered after the 24-hour limit to a share of arrivals on weekend flights.",
        "Protection screening is held within 72 hours for most, but interpreters for rarer languages are scarce.",
        "Complaints are acknowledged on time; decisions on conditions complaints take longest.",
      ],
      recommendations: [
        ["Roster duty counsel for weekend arrivals.", "MIA", "Head of the Reception Department", later(45)],
        ["Share flight manifests 72 hours ahead, with the languages spoken.", "DHS", "DHS liaison officer", later(30)],
      ] as const,
    },
    {
      title: `Conditions and treatment at ${facility?.name ?? "the reception centre"}, ${label(current - 1)}`,
      quarter: label(current - 1),
      scope: "FACILITY",
      facilityId: facility?.id ?? null,
      policy: null,
      status: "DRAFT",
      publish: false,
      createdAt: new Date(now.getTime() - 23 * DAY),
      consultationAt: null,
      findings: ["Occupancy close to the official capacity for most of the quarter."],
      recommendations: [
        ["Plan transfers before occupancy passes 90 %.", "MIA", "Head of the Reception Department", later(60)],
      ] as const,
    },
    {
      title: `Policy assessment: onward return planning, ${label(current)}`,
      quarter: label(current),
      scope: "POLICY",
      facilityId: null,
      policy: "Onward return planning and its social and economic effects on the receiving municipalities",
      status: "DRAFT",
      publish: false,
      createdAt: new Date(now.getTime() - 16 * DAY),
      consultationAt: null,
      findings: [] as string[],
      recommendations: [] as const,
    },
  ].filter((plan) => plan.scope !== "FACILITY" || plan.facilityId);
  for (const plan of plans) {
    const id = r.uuid();
    rows.assessments.push([
      id,
      taskForceId,
      plan.title,
      plan.quarter,
      plan.scope,
      plan.facilityId,
      plan.policy,
      METHOD,
      plan.findings,
      plan.status,
      null,
      plan.createdAt,
      plan.consultationAt,
      null,
    ]);
    for (const [position, [text, agency, official, dueAt]] of plan.recommendations.entries()) {
      rows.recommendations.push([r.uuid(), id, position + 1, text, agency, null, official, dueAt, null]);
    }
    if (plan.publish) rows.toPublish.push(id);
  }
}

/** A copy of `items` in an order drawn from `r` (Fisher–Yates). */
function shuffled<T>(r: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const DECISION_TEXTS = [
  "The MIA reports back at the next meeting.",
  "Agreed as proposed; the owners are named in the action items.",
  "Referred to the ministers with the task force's recommendation.",
  "Deferred to the next meeting pending the monitoring report.",
  "The facility operator sets out a plan within two weeks.",
];

/**
 * One action item and its history, its status as of `now`: an item past due is mostly DONE
 * (some DROPPED), a fifth still owed — overdue, in every ageing band; an item not yet due is
 * OPEN or under way.
 */
function addItem(
  r: Random,
  rows: Rows,
  now: Date,
  item: {
    taskForceId: string;
    meetingId: string;
    decisionId: string | null;
    agendaItemId: string;
    title: string;
    owner: Owner;
    createdAt: Date;
    dueAt: Date;
    concerns: { kind: string; id: string } | null;
  },
): void {
  const id = r.uuid();
  const pastDue = item.dueAt.getTime() < now.getTime();
  const status: Status = pastDue
    ? r.weighted([
        ["DONE", 12],
        ["DROPPED", 2],
        ["IN_PROGRESS", 3],
        ["OPEN", 2],
      ] as const)
    : r.weighted([
        ["OPEN", 3],
        ["IN_PROGRESS", 2],
        ["DONE", 1],
      ] as const);
  const steps: [from: Status | null, to: Status, reason: string][] = [[null, "OPEN", "Agreed at the meeting."]];
  if (status === "IN_PROGRESS" || status === "DONE" || (status === "DROPPED" && r.chance(0.5))) {
    steps.push(["OPEN", "IN_PROGRESS", r.pick(["Work started.", "Owner named a lead.", "Tender published."])]);
  }
  if (status === "DONE")
    steps.push([
      "IN_PROGRESS",
      "DONE",
      r.pick(["Done and reported to the task force.", "Completed; evidence shared."]),
    ]);
  if (status === "DROPPED") {
    steps.push([
      steps.at(-1)![1],
      "DROPPED",
      r.pick(["Overtaken by the new rules.", "Merged into a later action item."]),
    ]);
  }
  // Steps fall between agreement and now (a closed item closes by its due date or soon after).
  const end = Math.min(
    now.getTime(),
    Math.max(item.createdAt.getTime() + DAY, item.dueAt.getTime() + r.int(-10, 5) * DAY),
  );
  const times = steps.map((_step, i) =>
    i === 0
      ? item.createdAt
      : new Date(item.createdAt.getTime() + Math.floor(((end - item.createdAt.getTime()) * i) / steps.length)),
  );
  const updatedAt = times.at(-1)!;
  rows.items.push([
    id,
    item.taskForceId,
    item.meetingId,
    item.decisionId,
    item.agendaItemId,
    item.title,
    item.owner.agency,
    item.owner.officialId,
    item.owner.officialName,
    item.owner.orgId,
    item.dueAt,
    status,
    item.concerns?.kind ?? null,
    item.concerns?.id ?? null,
    item.createdAt,
    updatedAt,
  ]);
  steps.forEach(([from, to, reason], i) => rows.transitions.push([r.uuid(), id, from, to, reason, times[i], null]));
}
