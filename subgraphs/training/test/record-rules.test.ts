import { randomUUID } from "node:crypto";
import { type CallAs, sqlStatements } from "@kgraph/platform";
import { describeRecordRuleRows } from "@kgraph/testkit";
import { AttendanceStatus } from "../src/modules/attendance/attendance-status";
import type { Attendance } from "../src/modules/attendance/attendance.entity";
import { Certification } from "../src/modules/certification/certification.entity";
import { certificateExpiry } from "../src/modules/certification/certification.policy";
import type { Course } from "../src/modules/course/course.entity";
import { JobRole } from "../src/modules/official/job-role";
import type { Official } from "../src/modules/official/official.entity";
import {
  AttendanceRecords,
  CertificationRecords,
  CourseRecords,
  CourseRequirementRecords,
  FacilityStaffRecords,
  OfficialRecords,
  SessionRecords,
} from "../src/modules/official/official.records";
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

/** The scenario's training records a caller reaches through one door, by kind of record (sorted ids). */
interface Reached {
  /** Officials whose record (compliance) comes back. */
  Official: string[];
  Attendance: string[];
  Certification: string[];
  /** Facilities whose staff compliance comes back. */
  FacilityStaff: string[];
}

const RECORD_SELECTION = `id compliance { compliant } attendances { id certification { id } } certifications { id }
  facility { id staffCompliance { staffCount } }`;

interface RecordNode {
  id: string;
  compliance: unknown;
  attendances: { id: string; certification: { id: string } | null }[];
  certifications: { id: string }[];
  facility: { id: string; staffCompliance: unknown } | null;
}

function reachedIn(nodes: (RecordNode | null)[], sessions: { attendances: { id: string }[] }[] = []): Reached {
  const present = nodes.filter((n): n is RecordNode => n !== null);
  const unique = (values: string[]) => [...new Set(values)].sort();
  return {
    Official: unique(present.filter((n) => n.compliance !== null).map((n) => n.id)),
    Attendance: unique([
      ...present.flatMap((n) => n.attendances.map((a) => a.id)),
      ...sessions.flatMap((s) => s.attendances.map((a) => a.id)),
    ]),
    Certification: unique([
      ...present.flatMap((n) => n.certifications.map((c) => c.id)),
      ...present.flatMap((n) => n.attendances.flatMap((a) => (a.certification ? [a.certification.id] : []))),
    ]),
    FacilityStaff: unique(present.flatMap((n) => (n.facility?.staffCompliance ? [n.facility.id] : []))),
  };
}

/** Through the lists: the officials connection and both sessions' attendances. */
async function throughLists(as: CallAs): Promise<Reached> {
  const res = await h.gql(
    `query($s1: ID!, $s2: ID!) {
      officials(first: 100) { edges { node { ${RECORD_SELECTION} } } }
      one: trainingSession(id: $s1) { attendances { id } }
      two: trainingSession(id: $s2) { attendances { id } }
    }`,
    { s1: s1.id, s2: s2.id },
    as,
  );
  expect(res.errors).toBeUndefined();
  return reachedIn(
    res.data!.officials.edges.map((e: { node: RecordNode }) => e.node),
    [res.data!.one, res.data!.two],
  );
}

/** Through official(id), each official of the scenario. */
async function throughLookups(as: CallAs): Promise<Reached> {
  const list = Object.values(officials);
  const res = await h.gql(
    `query { ${list.map((o, i) => `o${i}: official(id: "${o.id}") { ${RECORD_SELECTION} }`).join(" ")} }`,
    {},
    as,
  );
  expect(res.errors).toBeUndefined();
  return reachedIn(list.map((_o, i) => res.data![`o${i}`] as RecordNode));
}

/** Through _entities: every official of the scenario, and both facilities. */
async function throughEntities(as: CallAs): Promise<Reached> {
  const list = Object.values(officials);
  const res = await h.gql(
    `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Official { id compliance { compliant } attendances { id certification { id } } certifications { id } }
      ... on Facility { id staffCompliance { staffCount } }
    } }`,
    {
      r: [
        ...list.map((o) => ({ __typename: "Official", id: o.id })),
        { __typename: "Facility", id: F1 },
        { __typename: "Facility", id: F2 },
      ],
    },
    as,
  );
  expect(res.errors).toBeUndefined();
  const entities = res.data!._entities as (RecordNode & { staffCompliance?: unknown })[];
  const reached = reachedIn(entities.slice(0, list.length).map((e) => ({ ...e, facility: null })));
  const facilities = entities.slice(list.length).filter((f) => f.staffCompliance !== null);
  return { ...reached, FacilityStaff: facilities.map((f) => f.id).sort() };
}

/** The ground truth for a caller, from the tables (as the DESIGN words the rule). */
async function truthFor(truth: Truth, facilities: string[]): Promise<Reached> {
  const visible = await visibleOfficials(truth);
  return {
    Official: [...visible].sort(),
    Attendance: (await attendancesOf(visible)).map((a) => a.id).sort(),
    Certification: (await certificationsOf(visible)).map((c) => c.id).sort(),
    FacilityStaff: [...facilities].sort(),
  };
}

/** A row's check: each door gives exactly the ground truth's records of `kind`, and none other. */
async function reachesExactly(
  as: CallAs,
  expected: Reached,
  kind: keyof Reached,
  doors = ["lists", "lookups", "entities"],
) {
  const got: Record<string, string[]> = {};
  if (doors.includes("lists")) got.lists = (await throughLists(as))[kind];
  if (doors.includes("lookups")) got.lookups = (await throughLookups(as))[kind];
  if (doors.includes("entities")) got.entities = (await throughEntities(as))[kind];
  expect(got).toEqual(Object.fromEntries(doors.map((door) => [door, expected[kind]])));
}

const STAFF_F1: CallAs = { roles: ["facility_staff"], facility_id: F1 };
const STAFF_F2: CallAs = { roles: ["facility_staff"], facility_id: F2 };
const NO_CLAIM: CallAs = { roles: ["facility_staff"] };
const BAD_CLAIM: CallAs = { roles: ["facility_staff"], facility_id: `${F1}x` };

/** The four narrowed facility-staff rows differ in the kind checked; their callers are the same. */
function staffRow(kind: keyof Reached) {
  return async () => {
    await reachesExactly(STAFF_F1, await truthFor({ facilityId: F1 }, [F1]), kind);
    await reachesExactly(STAFF_F2, await truthFor({ facilityId: F2 }, [F2]), kind);
    for (const as of [NO_CLAIM, BAD_CLAIM]) await reachesExactly(as, await truthFor({}, []), kind);
  };
}

/**
 * The record-rule table of this subgraph on the shared kit: each role the policy narrows on a
 * kind of record (facility staff, `ownFacility`, on the records of training:records:read) has a
 * row showing exactly which records it reaches through the lists, official(id) and `_entities`,
 * and that the others stay out; the official's own record (`ownRecord`, a claim any role may
 * carry) has rows too. The catalogue kinds narrow no role today: the kit checks they implement
 * whatever the policy might grant.
 */
describeRecordRuleRows(
  "record rules of the training subgraph",
  [
    OfficialRecords,
    AttendanceRecords,
    CertificationRecords,
    FacilityStaffRecords,
    CourseRecords,
    CourseRequirementRecords,
    SessionRecords,
  ],
  [
    {
      role: "facility_staff",
      kind: "Official",
      shows: "the compliance of exactly their facility's officials, null for the others; no claim, no record",
      run: staffRow("Official"),
    },
    {
      role: "facility_staff",
      kind: "Attendance",
      shows: "exactly their facility's officials' attendances, in official and session lists alike",
      run: staffRow("Attendance"),
    },
    {
      role: "facility_staff",
      kind: "Certification",
      shows: "exactly their facility's officials' certificates, from the official and from the attendance",
      run: staffRow("Certification"),
    },
    {
      role: "facility_staff",
      kind: "FacilityStaff",
      shows: "the staff compliance of their own facility only, by Facility reference and through Official.facility",
      run: staffRow("FacilityStaff"),
    },
    {
      role: "monitor",
      kind: "Official",
      shows:
        "a token naming its own official record (official_id) reaches that record through every door, whatever the role, and no aggregate",
      run: async () => {
        const self: CallAs = { roles: ["monitor"], official_id: officials.c.id };
        const truth = await truthFor({ officialId: () => officials.c.id }, []);
        for (const kind of ["Official", "Attendance", "Certification", "FacilityStaff"] as const) {
          await reachesExactly(self, truth, kind);
        }
        // Without a role there is no training:read: only entity references reach the record.
        const bare: CallAs = { roles: [], official_id: officials.b.id };
        const own = await truthFor({ officialId: () => officials.b.id }, []);
        for (const kind of ["Official", "Attendance", "Certification", "FacilityStaff"] as const) {
          await reachesExactly(bare, own, kind, ["entities"]);
        }
      },
    },
    {
      role: "facility_staff",
      kind: "Official",
      shows: "staff of F1 who are official c too: F1's records and c's own, but only F1's aggregate (the union)",
      run: async () => {
        const both: CallAs = { roles: ["facility_staff"], facility_id: F1, official_id: officials.c.id };
        const truth = await truthFor({ facilityId: F1, officialId: () => officials.c.id }, [F1]);
        for (const kind of ["Official", "Attendance", "Certification", "FacilityStaff"] as const) {
          await reachesExactly(both, truth, kind);
        }
      },
    },
  ],
);
