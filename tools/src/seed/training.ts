import type { DataSource } from "typeorm";
import { insertRows } from "./bulk";
import type { Random } from "./random";
import type { SeedOfficial, SeedWorld } from "./world";

/**
 * The training subgraph's synthetic data: the world's officials, a catalogue of courses with
 * the courses each job role must hold, sessions from a few years back to the coming months,
 * attendances and the certificates that passing them issued. Each active official is planned
 * to be compliant or not (about three in four are), so the graph shows a realistic share of
 * compliant staff, with some certificates expired and some expiring within 90 days.
 */

interface CourseSpec {
  code: string;
  title: string;
  description: string;
  topics: string[];
  validityMonths: number;
  /** Two-day courses run 08:00 one day to 16:00 the next; the others 08:00–16:00. */
  days: 1 | 2;
}

const COURSES: CourseSpec[] = [
  {
    code: "HRD-101",
    title: "Human rights in immigration detention",
    description: "Safeguards for people deprived of liberty under immigration law: legal basis, conditions, oversight.",
    topics: ["Legal safeguards", "Conditions of detention", "Alternatives to detention", "Preventive monitoring"],
    validityMonths: 36,
    days: 2,
  },
  {
    code: "VUL-110",
    title: "Identifying and referring vulnerable persons",
    description:
      "Recognising vulnerability at reception and in facilities, recording it and referring to the right service.",
    topics: ["Vulnerability indicators", "Screening interviews", "Referral pathways", "Handling instructions"],
    validityMonths: 24,
    days: 1,
  },
  {
    code: "ATH-120",
    title: "Anti-trafficking: indicators, identification and referral",
    description: "Indicators of trafficking in human beings and the national referral mechanism.",
    topics: ["Trafficking indicators", "National referral mechanism", "Victim-centred interviewing"],
    validityMonths: 24,
    days: 1,
  },
  {
    code: "UOF-130",
    title: "Use of force, restraint and de-escalation",
    description: "Lawful, necessary and proportionate use of force; de-escalation first; recording and review.",
    topics: ["Proportionality", "De-escalation", "Restraint techniques", "Reporting use of force"],
    validityMonths: 12,
    days: 2,
  },
  {
    code: "DPR-140",
    title: "Data protection and confidentiality",
    description: "Handling personal and sensitive data of residents: purpose limitation, access, sharing and breaches.",
    topics: ["Lawful processing", "Sensitive data", "Need to know", "Breach reporting"],
    validityMonths: 24,
    days: 1,
  },
  {
    code: "INT-150",
    title: "Interpreting ethics and impartiality",
    description: "The interpreter's role, accuracy, impartiality and confidentiality in interviews and consultations.",
    topics: ["Impartiality", "Accuracy", "Confidentiality", "Trauma-aware interpreting"],
    validityMonths: 36,
    days: 1,
  },
  {
    code: "FAD-160",
    title: "First aid and medical emergencies",
    description: "Basic life support, first aid and calling for medical help in facilities and on transfers.",
    topics: ["Basic life support", "Defibrillator use", "Self-harm response", "Medical escalation"],
    validityMonths: 24,
    days: 1,
  },
  {
    code: "CHP-170",
    title: "Child protection and the best interests of the child",
    description: "Safeguarding children and unaccompanied minors; best-interests assessment and guardianship.",
    topics: ["Best interests assessment", "Age assessment safeguards", "Guardianship", "Safe spaces"],
    validityMonths: 24,
    days: 1,
  },
  {
    code: "IST-180",
    title: "Istanbul Protocol: documenting torture and ill-treatment",
    description: "Medical documentation of signs of torture and ill-treatment, and reporting obligations.",
    topics: ["Medical documentation", "Psychological evidence", "Reporting obligations"],
    validityMonths: 36,
    days: 2,
  },
  {
    code: "GBV-190",
    title: "Gender-based violence: safe disclosure and referral",
    description: "Responding to disclosures of gender-based violence and referring survivors safely.",
    topics: ["Survivor-centred approach", "Safe disclosure", "Referral", "Prevention in facilities"],
    validityMonths: 24,
    days: 1,
  },
];

const REQUIREMENTS: Record<SeedOfficial["jobRole"], string[]> = {
  CASE_OFFICER: ["HRD-101", "VUL-110", "ATH-120", "DPR-140"],
  BORDER_POLICE: ["HRD-101", "UOF-130", "ATH-120", "FAD-160"],
  FACILITY_STAFF: ["HRD-101", "VUL-110", "UOF-130", "FAD-160"],
  FACILITY_MANAGER: ["HRD-101", "VUL-110", "DPR-140", "CHP-170"],
  MEDICAL_STAFF: ["HRD-101", "IST-180", "DPR-140", "FAD-160"],
  SOCIAL_WORKER: ["VUL-110", "CHP-170", "ATH-120", "GBV-190"],
  INTERPRETER: ["INT-150", "DPR-140"],
};

const LOCATIONS = [
  "MIA Training Centre, Prishtinë",
  "Public Safety Academy, Vushtrri",
  "Reception Centre Prishtinë, training room",
  "Regional Police Directorate, Prizren",
  "Municipal Hall, Gjilan",
  "Online (video conference)",
];
const TRAINERS = [
  "Trainer Arben Synthetik",
  "Trainer Lena Exemplar",
  "Trainer Dren Placeholder",
  "Trainer Mira Fictus",
  "Trainer Visar Modeli",
  "Trainer Sara Specimen",
];

/** Share of active officials planned to hold every required certificate. */
const COMPLIANT_SHARE = 0.74;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Calendar months in UTC, clamped to the month's last day. The same rule as the training
 * subgraph's certificate expiry (and PostgreSQL's interval arithmetic), which the tools cannot
 * import: the subgraphs are loaded only as compiled packages.
 */
function addMonths(at: Date, months: number): Date {
  const monthIndex = at.getUTCMonth() + months;
  const year = at.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(year, month, Math.min(at.getUTCDate(), lastDay), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()),
  );
}

/** A shuffled copy (Fisher–Yates), drawn from the seed's stream. */
function shuffle<T>(r: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

interface PlannedSession {
  id: string;
  course: PlannedCourse;
  startsAt: Date;
  endsAt: Date;
  location: string;
  trainer: string;
  capacity: number;
  cancelledAt: Date | null;
  attendees: Set<string>;
}

interface PlannedCourse extends CourseSpec {
  id: string;
  createdAt: Date;
  sessions: PlannedSession[];
}

type AttendanceStatus = "REGISTERED" | "ATTENDED" | "PASSED" | "FAILED" | "NO_SHOW";

interface PlannedAttendance {
  id: string;
  session: PlannedSession;
  officialId: string;
  status: AttendanceStatus;
  registeredAt: Date;
  recordedAt: Date;
}

/** What happened to one official and one required course. */
type CourseState = "valid" | "expiring" | "expired" | "never" | "failed";

class TrainingPlanner {
  readonly attendances: PlannedAttendance[] = [];
  readonly certifications: unknown[][] = [];

  constructor(
    private readonly r: Random,
    private readonly now: Date,
  ) {}

  /**
   * A session of the course ending within [from, to] with a free seat that the official is not
   * already in; usually an existing one (sessions fill up), otherwise a new one in the window.
   */
  session(course: PlannedCourse, from: Date, to: Date, officialId: string): PlannedSession {
    const candidates = course.sessions.filter(
      (s) =>
        !s.cancelledAt &&
        s.endsAt >= from &&
        s.endsAt <= to &&
        s.attendees.size < s.capacity &&
        !s.attendees.has(officialId),
    );
    if (candidates.length && this.r.chance(0.97)) return this.r.pick(candidates);
    return this.newSession(course, from, to);
  }

  newSession(course: PlannedCourse, from: Date, to: Date, cancelled = false): PlannedSession {
    const duration = course.days === 2 ? 32 * HOUR : 8 * HOUR;
    const at = new Date(from.getTime() + Math.floor(this.r.next() * Math.max(0, to.getTime() - from.getTime())));
    // Sessions end at 16:00 UTC on their last day when that stays in the window.
    const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    let endsAt = new Date(day + 16 * HOUR);
    if (endsAt < from || endsAt > to) endsAt = new Date(Math.floor(at.getTime() / HOUR) * HOUR);
    if (endsAt < from) endsAt = from;
    const startsAt = new Date(endsAt.getTime() - duration);
    const session: PlannedSession = {
      id: this.r.uuid(),
      course,
      startsAt,
      endsAt,
      location: this.r.pick(LOCATIONS),
      trainer: this.r.pick(TRAINERS),
      capacity: this.r.int(12, 30),
      cancelledAt: cancelled
        ? new Date(Math.min(startsAt.getTime() - this.r.int(2, 20) * DAY, this.now.getTime()))
        : null,
      attendees: new Set(),
    };
    course.sessions.push(session);
    return session;
  }

  attend(session: PlannedSession, officialId: string, status: AttendanceStatus): PlannedAttendance {
    session.attendees.add(officialId);
    const registeredAt = new Date(
      Math.min(session.startsAt.getTime() - this.r.int(3, 40) * DAY, this.now.getTime() - this.r.int(1, 10) * DAY),
    );
    const recordedAt =
      status === "REGISTERED"
        ? registeredAt
        : new Date(Math.min(session.endsAt.getTime() + this.r.int(1, 72) * HOUR, this.now.getTime()));
    const attendance: PlannedAttendance = { id: this.r.uuid(), session, officialId, status, registeredAt, recordedAt };
    this.attendances.push(attendance);
    return attendance;
  }

  /** A PASSED attendance in a session ending within [from, to], and the certificate it issued. */
  pass(course: PlannedCourse, officialId: string, from: Date, to: Date): Date {
    const session = this.session(course, from, to, officialId);
    const attendance = this.attend(session, officialId, "PASSED");
    const expiresAt = addMonths(session.endsAt, course.validityMonths);
    this.certifications.push([this.r.uuid(), officialId, course.id, attendance.id, session.endsAt, expiresAt]);
    return session.endsAt;
  }

  /** Session-end window whose certificates expire within [expiryFrom, expiryTo]. */
  issueWindow(course: PlannedCourse, expiryFrom: Date, expiryTo: Date): [Date, Date] {
    return [addMonths(expiryFrom, -course.validityMonths), addMonths(expiryTo, -course.validityMonths)];
  }

  days(offset: number): Date {
    return new Date(this.now.getTime() + offset * DAY);
  }

  /** The official's record for one required (or optional) course, ending in `state`. */
  plan(course: PlannedCourse, officialId: string, state: CourseState, active: boolean): void {
    const months = course.validityMonths;
    let lastPass: Date | null = null;
    if (state === "valid") {
      const [from] = this.issueWindow(course, this.days(120), this.days(120));
      lastPass = this.pass(course, officialId, from, this.days(-7));
    } else if (state === "expiring") {
      const [from, to] = this.issueWindow(course, this.days(7), this.days(85));
      lastPass = this.pass(course, officialId, from, to);
    } else if (state === "expired") {
      const [from, to] = this.issueWindow(course, this.days(-400), this.days(-5));
      lastPass = this.pass(course, officialId, from, to);
    } else if (state === "failed") {
      const session = this.session(course, this.days(-300), this.days(-3), officialId);
      this.attend(session, officialId, "FAILED");
    }
    // Some renewed an earlier certificate: it shows as an expired one before the current.
    if (lastPass && state !== "expired" && this.r.chance(0.3)) {
      const previousTo = addMonths(new Date(lastPass.getTime() - 20 * DAY), -months);
      const previousFrom = new Date(previousTo.getTime() - 90 * DAY);
      this.pass(course, officialId, previousFrom, previousTo);
    }
    if (!active) return;
    // Some once missed a session of this course.
    if (this.r.chance(0.04)) {
      const session = this.session(course, this.days(-700), this.days(-10), officialId);
      this.attend(session, officialId, "NO_SHOW");
    }
    // Those lacking or about to lack the certificate are often booked on a coming session.
    const booked =
      state === "never" || state === "failed" || state === "expired" ? 0.45 : state === "expiring" ? 0.35 : 0;
    if (booked && this.r.chance(booked)) {
      const session = this.session(course, this.days(3), this.days(80), officialId);
      this.attend(session, officialId, "REGISTERED");
    } else if (state === "never" && this.r.chance(0.15)) {
      // Just attended; the assessment result is not recorded yet.
      const session = this.session(course, this.days(-10), this.days(-1), officialId);
      this.attend(session, officialId, "ATTENDED");
    }
  }
}

export async function seedTraining(
  db: DataSource,
  world: SeedWorld,
  progress: (done: number, total: number) => void,
): Promise<void> {
  const r = world.random.fork("training");
  const now = world.now;
  const planner = new TrainingPlanner(r, now);
  const catalogueDate = new Date(Date.UTC(2020, 0, 13, 9, 0, 0));

  const courses: PlannedCourse[] = COURSES.map((spec, i) => ({
    ...spec,
    id: r.uuid(),
    createdAt: new Date(catalogueDate.getTime() + i * DAY),
    sessions: [],
  }));
  const courseByCode = new Map(courses.map((c) => [c.code, c]));
  const requirementRows: unknown[][] = [];
  for (const [jobRole, codes] of Object.entries(REQUIREMENTS)) {
    for (const code of codes) {
      const course = courseByCode.get(code);
      if (!course) throw new Error(`Training seed: requirement names unknown course ${code}.`);
      requirementRows.push([r.uuid(), jobRole, course.id, new Date(catalogueDate.getTime() + 30 * DAY)]);
    }
  }

  const officialRows: unknown[][] = [];
  for (const official of world.officials) {
    const active = !r.chance(0.05);
    const required = REQUIREMENTS[official.jobRole].map((code) => courseByCode.get(code) as PlannedCourse);
    const states = new Map<PlannedCourse, CourseState>();
    for (const course of required) states.set(course, r.chance(0.07) ? "expiring" : "valid");
    if (!active) {
      // People who left: their certificates were current once and have mostly lapsed since.
      for (const course of required) states.set(course, r.chance(0.7) ? "expired" : "valid");
    } else if (!r.chance(COMPLIANT_SHARE)) {
      const lacking = Math.min(required.length, r.chance(0.7) ? 1 : 2);
      for (const course of shuffle(r, required).slice(0, lacking)) {
        states.set(
          course,
          r.weighted([
            ["expired", 45],
            ["never", 35],
            ["failed", 20],
          ] as const),
        );
      }
    }
    for (const [course, state] of states) planner.plan(course, official.id, state, active);
    // A few take an optional course.
    if (active && r.chance(0.08)) {
      const optional = courses.filter((c) => !required.includes(c));
      planner.plan(r.pick(optional), official.id, "valid", active);
    }
    officialRows.push([
      official.id,
      official.givenNames,
      official.familyName,
      official.agency,
      official.jobRole,
      official.facilityId,
      active,
      new Date(Date.UTC(2020, 1, 3) + r.int(0, 200) * DAY),
    ]);
  }

  // Each course also has a couple of sessions still open for registration, and a few called off.
  for (const course of courses) {
    for (let i = 0; i < 2; i++) planner.newSession(course, planner.days(14), planner.days(120));
    if (r.chance(0.6)) planner.newSession(course, planner.days(-500), planner.days(60), true);
  }

  // Registration dates cannot precede the official's registration in the registry.
  const firstActivity = new Map<string, number>();
  for (const a of planner.attendances) {
    const at = a.registeredAt.getTime();
    if (at < (firstActivity.get(a.officialId) ?? Infinity)) firstActivity.set(a.officialId, at);
  }
  for (const row of officialRows) {
    const first = firstActivity.get(row[0] as string);
    if (first !== undefined && first - 30 * DAY < (row[7] as Date).getTime()) row[7] = new Date(first - 30 * DAY);
  }

  const sessions = courses.flatMap((c) => c.sessions).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const sessionRows = sessions.map((s) => [
    s.id,
    s.course.id,
    s.startsAt,
    s.endsAt,
    s.location,
    s.trainer,
    s.capacity,
    s.cancelledAt ? "CANCELLED" : "SCHEDULED",
    s.cancelledAt,
    s.cancelledAt ? r.pick(["Trainer unavailable", "Too few registrations", "Venue unavailable"]) : null,
  ]);
  const attendanceRows = planner.attendances.map((a) => [
    a.id,
    a.session.id,
    a.officialId,
    a.status,
    a.registeredAt,
    a.recordedAt,
  ]);
  const courseRows = courses.map((c) => [
    c.id,
    c.code,
    c.title,
    c.description,
    c.topics,
    c.validityMonths,
    c.createdAt,
  ]);

  const tables: [string, string[], unknown[][]][] = [
    [
      `training."official"`,
      ["id", "given_names", "family_name", "agency", "job_role", "facility_id", "active", "registered_at"],
      officialRows,
    ],
    [
      `training."course"`,
      ["id", "code", "title", "description", "topics", "validity_months", "created_at"],
      courseRows,
    ],
    [`training."course_requirement"`, ["id", "job_role", "course_id", "created_at"], requirementRows],
    [
      `training."training_session"`,
      [
        "id",
        "course_id",
        "starts_at",
        "ends_at",
        "location",
        "trainer",
        "capacity",
        "status",
        "cancelled_at",
        "cancellation_reason",
      ],
      sessionRows,
    ],
    [
      `training."attendance"`,
      ["id", "session_id", "official_id", "status", "registered_at", "recorded_at"],
      attendanceRows,
    ],
    [
      `training."certification"`,
      ["id", "official_id", "course_id", "attendance_id", "issued_at", "expires_at"],
      planner.certifications,
    ],
  ];
  const total = tables.reduce((sum, [, , rows]) => sum + rows.length, 0);
  let done = 0;
  progress(0, total);
  for (const [table, columns, rows] of tables) {
    await insertRows(db, table, columns, rows, (n) => progress(done + n, total));
    done += rows.length;
  }
  progress(total, total);
}
