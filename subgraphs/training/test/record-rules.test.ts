import { randomUUID } from "node:crypto";
import { type CallAs, sqlStatements } from "@kgraph/platform";
import { AttendanceStatus } from "../src/modules/attendance/attendance-status";
import type { Attendance } from "../src/modules/attendance/attendance.entity";
import { Certification } from "../src/modules/certification/certification.entity";
import { certificateExpiry } from "../src/modules/certification/certification.policy";
import type { Course } from "../src/modules/course/course.entity";
import { JobRole } from "../src/modules/official/job-role";
import type { Official } from "../src/modules/official/official.entity";
import type { TrainingSession } from "../src/modules/session/session.entity";
import {
  DAY,
  type TrainingHarness,
  createAttendanceRow,
  createCourseRow,
  createOfficialRow,
  createSessionRow,
  requireRow,
  startTrainingHarness,
} from "./harness";

/**
 * The record rule of training:records:read (DESIGN §3): facility staff read the records of their
 * own facility's officials, an official their own record, the union when both; the
 * programme-wide roles read all. Checked through lists, lookups by id and `_entities` against a
 * ground truth computed here in SQL, independently of the subgraph's code.
 */

let h: TrainingHarness;
const F1 = randomUUID();
const F2 = randomUUID();
let course: Course;
let officials: Record<"a1" | "a2" | "gone" | "b" | "c", Official>;
let s1: TrainingSession;
let s2: TrainingSession;
const CAPACITY = 30;

async function pass(attendance: Attendance, session: TrainingSession): Promise<void> {
  await h.db.getRepository(Certification).insert({
    id: randomUUID(),
    officialId: attendance.officialId,
    courseId: course.id,
    attendanceId: attendance.id,
    issuedAt: session.endsAt,
    expiresAt: certificateExpiry(session.endsAt, course.validityMonths),
  });
}

beforeAll(async () => {
  h = await startTrainingHarness();
  course = await createCourseRow(h.db, { validityMonths: 24 });
  await requireRow(h.db, JobRole.FACILITY_STAFF, course.id);
  officials = {
    // Names fix the order of the officials list.
    a1: await createOfficialRow(h.db, { familyName: "Rule1", facilityId: F1 }),
    a2: await createOfficialRow(h.db, { familyName: "Rule2", facilityId: F1 }),
    gone: await createOfficialRow(h.db, { familyName: "Rule3", facilityId: F1, active: false }),
    b: await createOfficialRow(h.db, { familyName: "Rule4", facilityId: F2 }),
    c: await createOfficialRow(h.db, { familyName: "Rule5", facilityId: null, jobRole: JobRole.CASE_OFFICER }),
  };
  s1 = await createSessionRow(h.db, course.id, { capacity: CAPACITY, startsAt: new Date(Date.now() - 60 * DAY) });
  s2 = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.now() - 20 * DAY) });
  const { a1, a2, gone, b, c } = officials;
  await pass(await createAttendanceRow(h.db, s1.id, a1.id, AttendanceStatus.PASSED), s1);
  await createAttendanceRow(h.db, s1.id, a2.id, AttendanceStatus.FAILED);
  await pass(await createAttendanceRow(h.db, s1.id, gone.id, AttendanceStatus.PASSED), s1);
  await pass(await createAttendanceRow(h.db, s1.id, b.id, AttendanceStatus.PASSED), s1);
  await createAttendanceRow(h.db, s1.id, c.id, AttendanceStatus.REGISTERED);
  await pass(await createAttendanceRow(h.db, s2.id, a2.id, AttendanceStatus.PASSED), s2);
  await pass(await createAttendanceRow(h.db, s2.id, c.id, AttendanceStatus.PASSED), s2);
});
afterAll(async () => {
  await h?.stop();
});

/** Whose records a caller should see, as the DESIGN words it: all, a facility's staff, one official. */
interface Truth {
  all?: boolean;
  facilityId?: string;
  officialId?: () => string;
}

interface Caller {
  name: string;
  as: () => CallAs;
  truth: Truth;
  /** Facilities whose staff compliance the caller reads (null for the others). */
  staffCompliance: () => string[];
  /** Holds training:records:read but not training:read: no root query, only entity references. */
  entitiesOnly?: boolean;
}

const CALLERS: Caller[] = [
  ...(["training_admin", "mia_officer", "ombudsperson", "auditor"] as const).map((role) => ({
    name: role,
    as: () => role,
    truth: { all: true },
    staffCompliance: () => [F1, F2],
  })),
  {
    name: "facility_staff of F1",
    as: () => ({ roles: ["facility_staff"], facility_id: F1 }),
    truth: { facilityId: F1 },
    staffCompliance: () => [F1],
  },
  {
    name: "facility_staff of F2",
    as: () => ({ roles: ["facility_staff"], facility_id: F2 }),
    truth: { facilityId: F2 },
    staffCompliance: () => [F2],
  },
  {
    name: "official c themself (a monitor)",
    as: () => ({ roles: ["monitor"], official_id: officials.c.id }),
    truth: { officialId: () => officials.c.id },
    staffCompliance: () => [],
  },
  {
    name: "official b themself (facility_staff without a facility claim)",
    as: () => ({ roles: ["facility_staff"], official_id: officials.b.id }),
    truth: { officialId: () => officials.b.id },
    staffCompliance: () => [],
  },
  {
    name: "official b themself (no role)",
    as: () => ({ roles: [], official_id: officials.b.id }),
    truth: { officialId: () => officials.b.id },
    staffCompliance: () => [],
    entitiesOnly: true,
  },
  {
    name: "facility_staff of F1 who is official c (the union)",
    as: () => ({ roles: ["facility_staff"], facility_id: F1, official_id: officials.c.id }),
    truth: { facilityId: F1, officialId: () => officials.c.id },
    staffCompliance: () => [F1],
  },
  {
    name: "facility_staff without a facility claim",
    as: () => ({ roles: ["facility_staff"] }),
    truth: {},
    staffCompliance: () => [],
  },
  {
    name: "facility_staff with a malformed facility claim",
    as: () => ({ roles: ["facility_staff"], facility_id: `${F1}x` }),
    truth: {},
    staffCompliance: () => [],
  },
  {
    name: "mia_officer who is official c (all wins)",
    as: () => ({ roles: ["mia_officer"], official_id: officials.c.id }),
    truth: { all: true },
    staffCompliance: () => [F1, F2],
  },
];

/** The ground truth, straight from the tables: the ids of the officials whose records the caller reads. */
async function visibleOfficials(truth: Truth): Promise<Set<string>> {
  const rows = (await h.db.query(
    `SELECT id FROM training.official
      WHERE $1::boolean OR facility_id = $2::uuid OR id = $3::uuid`,
    [truth.all === true, truth.facilityId ?? null, truth.officialId?.() ?? null],
  )) as { id: string }[];
  return new Set(rows.map((row) => row.id));
}

async function attendancesOf(visible: Set<string>) {
  const rows = (await h.db.query(`SELECT id, official_id, session_id FROM training.attendance`)) as {
    id: string;
    official_id: string;
    session_id: string;
  }[];
  return rows.filter((row) => visible.has(row.official_id));
}

async function certificationsOf(visible: Set<string>) {
  const rows = (await h.db.query(`SELECT id, official_id FROM training.certification`)) as {
    id: string;
    official_id: string;
  }[];
  return rows.filter((row) => visible.has(row.official_id));
}

const sorted = (ids: string[]) => [...ids].sort();
const RECORDS = `id attendances { id } certifications { id } compliance { compliant }`;

/** What the caller should get for each official's record fields. */
async function expectedRecords(truth: Truth) {
  const visible = await visibleOfficials(truth);
  const attendances = await attendancesOf(visible);
  const certifications = await certificationsOf(visible);
  const byOfficial = (id: string) => ({
    attendances: sorted(attendances.filter((a) => a.official_id === id).map((a) => a.id)),
    certifications: sorted(certifications.filter((c) => c.official_id === id).map((c) => c.id)),
    compliance: visible.has(id) ? "present" : null,
  });
  return { visible, attendances, certifications, byOfficial };
}

const shape = (node: any) => ({
  attendances: sorted(node.attendances.map((a: any) => a.id)),
  certifications: sorted(node.certifications.map((c: any) => c.id)),
  compliance: node.compliance === null ? null : "present",
});

describe.each(CALLERS.map((caller) => [caller.name, caller] as const))("%s", (_name, caller) => {
  // Root queries need training:read; a caller without it is checked through _entities only.
  const queries = (title: string, test: () => Promise<void>) => {
    if (!caller.entitiesOnly) it(title, test);
  };
  queries("lists exactly the records the rule allows (officials list, and their counts)", async () => {
    const truth = await expectedRecords(caller.truth);
    const res = await h.gql(`{ officials(first: 100) { edges { node { ${RECORDS} } } } }`, {}, caller.as());
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.officials.edges.map((e: any) => e.node);
    // Officials themselves are training:read data: every one of them is listed.
    expect(nodes).toHaveLength(Object.keys(officials).length);
    for (const node of nodes) expect(shape(node)).toEqual(truth.byOfficial(node.id));
    const seen = nodes.flatMap((n: any) => n.attendances.map((a: any) => a.id));
    expect(seen).toHaveLength(truth.attendances.length);
    const certified = nodes.flatMap((n: any) => n.certifications.map((c: any) => c.id));
    expect(certified).toHaveLength(truth.certifications.length);
  });

  queries("lists a session's attendances of visible officials only, while every seat still counts", async () => {
    const truth = await expectedRecords(caller.truth);
    const res = await h.gql(
      `query($id: ID!) { trainingSession(id: $id) { availableSeats attendances { id official { id } } } }`,
      { id: s1.id },
      caller.as(),
    );
    expect(res.errors).toBeUndefined();
    const session = res.data!.trainingSession;
    const [{ taken }] = (await h.db.query(
      `SELECT count(*)::int AS taken FROM training.attendance WHERE session_id = $1`,
      [s1.id],
    )) as { taken: number }[];
    expect(session.availableSeats).toBe(CAPACITY - taken);
    const expected = truth.attendances.filter((a) => a.session_id === s1.id).map((a) => a.id);
    expect(sorted(session.attendances.map((a: any) => a.id))).toEqual(sorted(expected));
    expect(session.attendances.every((a: any) => truth.visible.has(a.official.id))).toBe(true);
  });

  queries("gives the same answer by id as in the list", async () => {
    const truth = await expectedRecords(caller.truth);
    for (const official of Object.values(officials)) {
      const res = await h.gql(`query($id: ID!) { official(id: $id) { ${RECORDS} } }`, { id: official.id }, caller.as());
      expect(res.errors).toBeUndefined();
      expect(shape(res.data!.official)).toEqual(truth.byOfficial(official.id));
    }
  });

  it("gives the same answer through _entities, and staff compliance only for the facilities the rule allows", async () => {
    const truth = await expectedRecords(caller.truth);
    const list = Object.values(officials);
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) {
        ... on Official { ${RECORDS} }
        ... on Facility { id staffCompliance { staffCount } }
      } }`,
      {
        r: [
          ...list.map((o) => ({ __typename: "Official", id: o.id })),
          { __typename: "Facility", id: F1 },
          { __typename: "Facility", id: F2 },
        ],
      },
      caller.as(),
    );
    expect(res.errors).toBeUndefined();
    const entities = res.data!._entities;
    list.forEach((official, i) => expect(shape(entities[i])).toEqual(truth.byOfficial(official.id)));
    const allowed = caller.staffCompliance();
    expect(entities.slice(list.length)).toEqual([
      { id: F1, staffCompliance: allowed.includes(F1) ? { staffCount: 2 } : null },
      { id: F2, staffCompliance: allowed.includes(F2) ? { staffCount: 1 } : null },
    ]);
  });

  queries("links a visible certificate and its attendance both ways", async () => {
    const truth = await expectedRecords(caller.truth);
    const res = await h.gql(
      `{ officials(first: 100) { edges { node { certifications { id attendance { id certification { id } } } } } } }`,
      {},
      caller.as(),
    );
    expect(res.errors).toBeUndefined();
    const certs = res.data!.officials.edges.flatMap((e: any) => e.node.certifications);
    expect(certs).toHaveLength(truth.certifications.length);
    for (const cert of certs) expect(cert.attendance.certification).toEqual({ id: cert.id });
  });
});

describe("writes by callers with a record rule", () => {
  const RECORD = `mutation($a: ID!) { recordAttendanceResult(attendanceId: $a, status: PASSED) { id status } }`;
  const REGISTER = `mutation($s: ID!, $o: ID!) { registerAttendance(sessionId: $s, officialId: $o) { id } }`;
  async function snapshot() {
    return h.db.query(`SELECT
      (SELECT coalesce(json_agg(a ORDER BY a.id), '[]'::json) FROM training.attendance a) AS attendances,
      (SELECT coalesce(json_agg(c ORDER BY c.id), '[]'::json) FROM training.certification c) AS certifications`);
  }

  it.each([
    ["facility staff, for their own facility's official", () => ({ roles: ["facility_staff"], facility_id: F1 })],
    ["the official themself, for their own record", () => ({ roles: ["monitor"], official_id: officials.c.id })],
  ])("are FORBIDDEN for %s, and change nothing", async (_name, as) => {
    const registered = (await h.db.query(
      `SELECT id FROM training.attendance WHERE official_id = $1 AND status = 'REGISTERED'`,
      [officials.c.id],
    )) as { id: string }[];
    const future = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.now() + 10 * DAY) });
    const before = await snapshot();
    const record = await h.gql(RECORD, { a: registered[0].id }, as());
    const register = await h.gql(REGISTER, { s: future.id, o: officials.a1.id }, as());
    for (const [res, name] of [
      [record, "recordAttendanceResult"],
      [register, "registerAttendance"],
    ] as const) {
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([
        { path: [name], code: "FORBIDDEN" },
      ]);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("cost of the record rule", () => {
  it("a restricted caller's officials list costs the same statements for a page of 2 and of 5", async () => {
    const as = { roles: ["facility_staff"], facility_id: F1, official_id: officials.c.id };
    const query = `query($n: Int!) { officials(first: $n) { edges { node {
      ${RECORDS} facility { id staffCompliance { share } }
      attendances { certification { id } session { id } }
    } } } }`;
    await h.gql(query, { n: 1 }, as); // warm-up
    const count = async (n: number) => {
      const start = sqlStatements.count;
      const res = await h.gql(query, { n }, as);
      expect(res.errors).toBeUndefined();
      expect(res.data!.officials.edges).toHaveLength(n);
      return sqlStatements.count - start;
    };
    expect(await count(5)).toBe(await count(2));
  });
});
