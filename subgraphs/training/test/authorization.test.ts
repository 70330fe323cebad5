import { randomUUID } from "node:crypto";
import {
  type CallAs,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  type GraphQLResponse,
  generateKeyPairJwk,
  graphqlRequest,
  signToken,
} from "@kgraph/platform";
import { ROLES, SCOPES, type Scope } from "@kgraph/policy";
import { Kind, parse, valueFromASTUntyped } from "graphql";
import { buildTrainingSchema } from "../src";
import { AttendanceStatus } from "../src/modules/attendance/attendance-status";
import { Attendance } from "../src/modules/attendance/attendance.entity";
import { Certification } from "../src/modules/certification/certification.entity";
import type { Course } from "../src/modules/course/course.entity";
import { Agency, JobRole } from "../src/modules/official/job-role";
import type { Official } from "../src/modules/official/official.entity";
import { CourseRequirement } from "../src/modules/requirement/requirement.entity";
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
 * Field authorization of the training subgraph, called directly (no gateway): the token wall,
 * and the scope table as a test table, every caller × every protected field.
 */

const R = SCOPES.TRAINING_READ;
const RR = SCOPES.TRAINING_RECORDS_READ;
const W = SCOPES.TRAINING_WRITE;

/**
 * THE SCOPE TABLE of this subgraph (issue 3): every field of every object type and the scope it
 * needs; `null` = no decorator (entity ids federation needs, and the platform's page wrappers
 * reached only through protected queries).
 */
const FIELD_SCOPES: Record<string, Scope | null> = {
  "Query.courses": R,
  "Query.course": R,
  "Query.courseRequirements": R,
  "Query.trainingSessions": R,
  "Query.trainingSession": R,
  "Query.officials": R,
  "Query.official": R,
  "Mutation.registerOfficial": W,
  "Mutation.updateOfficial": W,
  "Mutation.createCourse": W,
  "Mutation.updateCourse": W,
  "Mutation.requireCourse": W,
  "Mutation.dropRequirement": W,
  "Mutation.scheduleSession": W,
  "Mutation.cancelSession": W,
  "Mutation.registerAttendance": W,
  "Mutation.recordAttendanceResult": W,
  "Official.id": null,
  "Official.givenNames": R,
  "Official.familyName": R,
  "Official.name": R,
  "Official.agency": R,
  "Official.jobRole": R,
  "Official.active": R,
  "Official.facility": R,
  "Official.registeredAt": R,
  "Official.certifications": RR,
  "Official.attendances": RR,
  "Official.compliance": RR,
  "Facility.id": null,
  "Facility.staffCompliance": RR,
  "StaffCompliance.staffCount": RR,
  "StaffCompliance.compliantCount": RR,
  "StaffCompliance.share": RR,
  "Course.id": R,
  "Course.code": R,
  "Course.title": R,
  "Course.description": R,
  "Course.topics": R,
  "Course.validityMonths": R,
  "Course.createdAt": R,
  "Course.requiredFor": R,
  "CourseRequirement.id": R,
  "CourseRequirement.jobRole": R,
  "CourseRequirement.createdAt": R,
  "CourseRequirement.course": R,
  "TrainingSession.id": R,
  "TrainingSession.startsAt": R,
  "TrainingSession.endsAt": R,
  "TrainingSession.location": R,
  "TrainingSession.trainer": R,
  "TrainingSession.capacity": R,
  "TrainingSession.status": R,
  "TrainingSession.cancelledAt": R,
  "TrainingSession.cancellationReason": R,
  "TrainingSession.course": R,
  "TrainingSession.attendances": RR,
  "TrainingSession.availableSeats": R,
  "Attendance.id": RR,
  "Attendance.status": RR,
  "Attendance.registeredAt": RR,
  "Attendance.recordedAt": RR,
  "Attendance.session": RR,
  "Attendance.official": RR,
  "Attendance.certification": RR,
  "Certification.id": RR,
  "Certification.issuedAt": RR,
  "Certification.expiresAt": RR,
  "Certification.official": RR,
  "Certification.course": RR,
  "Certification.attendance": RR,
  "Certification.valid": RR,
  "OfficialCompliance.compliant": RR,
  "OfficialCompliance.required": RR,
  "OfficialCompliance.missing": RR,
  "OfficialCompliance.expiringWithin90Days": RR,
  "OfficialConnection.edges": null,
  "OfficialConnection.pageInfo": null,
  "OfficialEdge.node": null,
  "OfficialEdge.cursor": null,
  "TrainingSessionConnection.edges": null,
  "TrainingSessionConnection.pageInfo": null,
  "TrainingSessionEdge.node": null,
  "TrainingSessionEdge.cursor": null,
  "PageInfo.hasNextPage": null,
  "PageInfo.endCursor": null,
};

/** Which of this subgraph's scopes each role holds (DESIGN §3, "Scopes per role"). */
const ROLE_HOLDS: Record<(typeof ROLES)[number], Scope[]> = {
  mia_officer: [R, RR],
  dhs_liaison: [R],
  facility_staff: [R, RR],
  legal_counsel: [R],
  monitor: [R],
  ombudsperson: [R, RR],
  auditor: [R, RR],
  training_admin: [R, RR, W],
};

let h: TrainingHarness;
const facilityId = randomUUID();
let course: Course;
let official: Official;
let session: TrainingSession;
let attendance: Attendance;
let certification: Certification;
let requirementId: string;

const STARTS = new Date("2025-03-03T08:00:00.000Z");
const ENDS = new Date("2025-03-03T16:00:00.000Z");
const EXPIRES = "2030-03-03T16:00:00.000Z"; // 60 months after ENDS
const REGISTERED = new Date("2025-02-01T09:00:00.000Z");
const RECORDED = new Date("2025-03-03T17:00:00.000Z");

beforeAll(async () => {
  h = await startTrainingHarness();
  course = await createCourseRow(h.db, {
    code: "AUTH-101",
    title: "Rights of people in reception",
    description: "For everyone working with residents.",
    topics: ["rights", "dignity"],
    validityMonths: 60,
    createdAt: new Date("2024-01-15T10:00:00.000Z"),
  });
  requirementId = randomUUID();
  await h.db.getRepository(CourseRequirement).insert({
    id: requirementId,
    jobRole: JobRole.FACILITY_STAFF,
    courseId: course.id,
    createdAt: new Date("2024-02-01T10:00:00.000Z"),
  });
  official = await createOfficialRow(h.db, {
    givenNames: "Vjosa",
    familyName: "Krasniqi",
    agency: Agency.FACILITY_OPERATOR,
    jobRole: JobRole.FACILITY_STAFF,
    facilityId,
    registeredAt: new Date("2024-03-01T08:30:00.000Z"),
  });
  session = await createSessionRow(h.db, course.id, {
    startsAt: STARTS,
    endsAt: ENDS,
    location: "Training Centre Prishtinë",
    trainer: "Arta Berisha",
    capacity: 20,
  });
  attendance = h.db.getRepository(Attendance).create({
    id: randomUUID(),
    sessionId: session.id,
    officialId: official.id,
    status: AttendanceStatus.PASSED,
    registeredAt: REGISTERED,
    recordedAt: RECORDED,
  });
  await h.db.getRepository(Attendance).insert(attendance);
  certification = h.db.getRepository(Certification).create({
    id: randomUUID(),
    officialId: official.id,
    courseId: course.id,
    attendanceId: attendance.id,
    issuedAt: ENDS,
    expiresAt: new Date(EXPIRES),
  });
  await h.db.getRepository(Certification).insert(certification);
});
afterAll(async () => {
  await h?.stop();
});

describe("the token wall", () => {
  const QUERY = `{ courses { code } }`;
  const refused = (res: GraphQLResponse, message: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: "UNAUTHENTICATED" } }]);
  };
  const claims = { sub: "someone", roles: ["training_admin"] };

  it("refuses a request without a token: 401, UNAUTHENTICATED", async () => {
    refused(await h.gql(QUERY, {}, null), /bearer token/);
  });

  it("refuses a token signed by another key", async () => {
    const rogue = await generateKeyPairJwk("test-issuer"); // same key id, different key
    const token = await signToken(rogue.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    refused(await h.gql(QUERY, {}, { token }), /signature/);
  });

  it("refuses an unsigned token (alg: none)", async () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const token = `${part({ alg: "none", typ: "JWT" })}.${part({
      ...claims,
      iss: DEV_ISSUER,
      aud: DEFAULT_AUDIENCE,
      iat: now,
      exp: now + 600,
    })}.`;
    refused(await h.gql(QUERY, {}, { token }), /algorithm|not valid/);
  });

  it("refuses an expired token", async () => {
    const token = await signToken(h.auth.keys.issuer.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: -60,
    });
    refused(await h.gql(QUERY, {}, { token }), /expired/);
  });

  it("refuses a malformed Authorization header", async () => {
    const res = await graphqlRequest(h.url, QUERY, {}, { authorization: "Bearer not-a-jwt" });
    refused(res, /not a bearer JWT/);
  });

  it("serves a valid token", async () => {
    const res = await h.gql(QUERY, {}, "dhs_liaison");
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });
});

describe("the subgraph SDL declares the scope table", () => {
  it("marks every field with exactly its scope, and nothing else", async () => {
    // The SDL composition and the gateway read, not the executable schema.
    const { sdl } = await buildTrainingSchema();
    const declared: Record<string, string[][] | null> = {};
    for (const definition of parse(sdl).definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      // The platform's audit types are reached only through AuditTrail.training (below).
      if (definition.name.value.startsWith("AuditE")) continue;
      for (const field of definition.fields ?? []) {
        const directive = field.directives?.find((d) => d.name.value === "requiresScopes");
        const argument = directive?.arguments?.find((a) => a.name.value === "scopes")?.value;
        declared[`${definition.name.value}.${field.name.value}`] = argument
          ? (valueFromASTUntyped(argument) as string[][])
          : null;
      }
    }
    const expected = Object.fromEntries(
      Object.entries({ ...FIELD_SCOPES, "AuditTrail.id": null, "AuditTrail.training": SCOPES.AUDIT_READ }).map(
        ([field, scope]) => [field, scope ? [[scope]] : null],
      ),
    );
    expect(declared).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// THE TABLE: every caller × every protected field.

interface Caller {
  name: string;
  as: () => Promise<CallAs>;
  holds: Scope[];
  /** Reads this official's records but not the staff compliance of their facility. */
  ownRecordOnly?: boolean;
}

const CALLERS: Caller[] = [
  { name: "public", as: async () => ({ token: await h.auth.publicToken() }), holds: [] },
  ...ROLES.map((role) => ({
    name: role,
    // Facility staff of the official's facility, so the records they may read are there to see.
    as: async () => ({
      roles: [role],
      sub: `table-${role}`,
      ...(role === "facility_staff" ? { facility_id: facilityId } : {}),
    }),
    holds: ROLE_HOLDS[role],
  })),
  {
    name: "the official themself (no role)",
    as: async () => ({ roles: [], sub: "table-self", official_id: official.id }),
    holds: [RR],
    ownRecordOnly: true,
  },
  {
    name: "the official themself (a monitor)",
    as: async () => ({ roles: ["monitor"], sub: "table-self-monitor", official_id: official.id }),
    holds: [R, RR],
    ownRecordOnly: true,
  },
];

type Path = (string | number)[];

interface Probe {
  field: string;
  query: string;
  variables: () => Record<string, unknown>;
  /** The protected fields on the way to the probed one, outermost first; the last is the probe. */
  steps: { path: Path; field: string }[];
  expected: (caller: Caller) => unknown;
}

const OFFICIAL_REF = () => ({ r: [{ __typename: "Official", id: official.id }] });
const FACILITY_REF = () => ({ r: [{ __typename: "Facility", id: facilityId }] });

/** A root the probed fields hang from: how to select below it, and the protected fields on the way. */
interface Root {
  wrap: (selection: string) => string;
  variables: () => Record<string, unknown>;
  path: Path;
  steps: { path: Path; field: string }[];
}
const roots = {
  course: {
    wrap: (s: string) => `query($id: ID!) { course(id: $id) { ${s} } }`,
    variables: () => ({ id: course.id }),
    path: ["course"],
    steps: [{ path: ["course"], field: "Query.course" }],
  },
  requirement: {
    wrap: (s: string) => `{ courseRequirements(jobRole: FACILITY_STAFF) { ${s} } }`,
    variables: () => ({}),
    path: ["courseRequirements", 0],
    steps: [{ path: ["courseRequirements"], field: "Query.courseRequirements" }],
  },
  session: {
    wrap: (s: string) => `query($id: ID!) { trainingSession(id: $id) { ${s} } }`,
    variables: () => ({ id: session.id }),
    path: ["trainingSession"],
    steps: [{ path: ["trainingSession"], field: "Query.trainingSession" }],
  },
  official: {
    wrap: (s: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { ${s} } } }`,
    variables: OFFICIAL_REF,
    path: ["_entities", 0],
    steps: [],
  },
  attendance: {
    wrap: (s: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { attendances { ${s} } } } }`,
    variables: OFFICIAL_REF,
    path: ["_entities", 0, "attendances", 0],
    steps: [{ path: ["_entities", 0, "attendances"], field: "Official.attendances" }],
  },
  certification: {
    wrap: (s: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { certifications { ${s} } } } }`,
    variables: OFFICIAL_REF,
    path: ["_entities", 0, "certifications", 0],
    steps: [{ path: ["_entities", 0, "certifications"], field: "Official.certifications" }],
  },
  compliance: {
    wrap: (s: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { compliance { ${s} } } } }`,
    variables: OFFICIAL_REF,
    path: ["_entities", 0, "compliance"],
    steps: [{ path: ["_entities", 0, "compliance"], field: "Official.compliance" }],
  },
  facility: {
    wrap: (s: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { ${s} } } }`,
    variables: FACILITY_REF,
    path: ["_entities", 0],
    steps: [],
  },
  staffCompliance: {
    wrap: (s: string) =>
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Facility { staffCompliance { ${s} } } } }`,
    variables: FACILITY_REF,
    path: ["_entities", 0, "staffCompliance"],
    steps: [{ path: ["_entities", 0, "staffCompliance"], field: "Facility.staffCompliance" }],
  },
} satisfies Record<string, Root>;

/** A probe of `Type.field` below a root; `selection` defaults to the field name. */
function probe(
  root: Root,
  field: string,
  expected: unknown | ((caller: Caller) => unknown),
  selection?: string,
): Probe {
  const name = field.split(".")[1];
  return {
    field,
    query: root.wrap(selection ?? name),
    variables: root.variables,
    steps: [...root.steps, { path: [...root.path, name], field }],
    expected: typeof expected === "function" ? (expected as (caller: Caller) => unknown) : () => expected,
  };
}

/** A root query field, probed on its own. */
function rootProbe(field: string, query: string, variables: () => Record<string, unknown>, expected: unknown): Probe {
  const name = field.split(".")[1];
  return { field, query, variables, steps: [{ path: [name], field }], expected: () => expected };
}

const iso = (date: Date) => date.toISOString();
/** Only callers with every record read the facility's staff compliance; the official themself reads null. */
const staffOnly = (value: unknown) => (caller: Caller) => (caller.ownRecordOnly ? null : value);

const READ_PROBES: () => Probe[] = () => [
  rootProbe("Query.courses", `{ courses { code } }`, () => ({}), [{ code: "AUTH-101" }]),
  rootProbe("Query.course", `query($id: ID!) { course(id: $id) { code } }`, () => ({ id: course.id }), {
    code: "AUTH-101",
  }),
  rootProbe("Query.courseRequirements", `{ courseRequirements(jobRole: FACILITY_STAFF) { jobRole } }`, () => ({}), [
    { jobRole: "FACILITY_STAFF" },
  ]),
  rootProbe("Query.trainingSessions", `{ trainingSessions(first: 10) { edges { node { location } } } }`, () => ({}), {
    edges: [{ node: { location: "Training Centre Prishtinë" } }],
  }),
  rootProbe(
    "Query.trainingSession",
    `query($id: ID!) { trainingSession(id: $id) { trainer } }`,
    () => ({ id: session.id }),
    { trainer: "Arta Berisha" },
  ),
  rootProbe("Query.officials", `{ officials(first: 10) { edges { node { id } } } }`, () => ({}), {
    edges: [{ node: { id: official.id } }],
  }),
  rootProbe("Query.official", `query($id: ID!) { official(id: $id) { id } }`, () => ({ id: official.id }), {
    id: official.id,
  }),

  probe(roots.official, "Official.givenNames", "Vjosa"),
  probe(roots.official, "Official.familyName", "Krasniqi"),
  probe(roots.official, "Official.name", "Vjosa Krasniqi"),
  probe(roots.official, "Official.agency", "FACILITY_OPERATOR"),
  probe(roots.official, "Official.jobRole", "FACILITY_STAFF"),
  probe(roots.official, "Official.active", true),
  probe(roots.official, "Official.registeredAt", "2024-03-01T08:30:00.000Z"),
  probe(roots.official, "Official.facility", { id: facilityId }, "facility { id }"),
  probe(roots.official, "Official.certifications", [{ id: certification.id }], "certifications { id }"),
  probe(roots.official, "Official.attendances", [{ id: attendance.id }], "attendances { id }"),
  probe(roots.official, "Official.compliance", { compliant: true }, "compliance { compliant }"),

  probe(
    roots.facility,
    "Facility.staffCompliance",
    staffOnly({ staffCount: 1, compliantCount: 1, share: 1 }),
    "staffCompliance { staffCount compliantCount share }",
  ),
  probe(roots.staffCompliance, "StaffCompliance.staffCount", staffOnly(1)),
  probe(roots.staffCompliance, "StaffCompliance.compliantCount", staffOnly(1)),
  probe(roots.staffCompliance, "StaffCompliance.share", staffOnly(1)),

  probe(roots.course, "Course.id", course.id),
  probe(roots.course, "Course.code", "AUTH-101"),
  probe(roots.course, "Course.title", "Rights of people in reception"),
  probe(roots.course, "Course.description", "For everyone working with residents."),
  probe(roots.course, "Course.topics", ["rights", "dignity"]),
  probe(roots.course, "Course.validityMonths", 60),
  probe(roots.course, "Course.createdAt", "2024-01-15T10:00:00.000Z"),
  probe(roots.course, "Course.requiredFor", ["FACILITY_STAFF"]),

  probe(roots.requirement, "CourseRequirement.id", requirementId),
  probe(roots.requirement, "CourseRequirement.jobRole", "FACILITY_STAFF"),
  probe(roots.requirement, "CourseRequirement.createdAt", "2024-02-01T10:00:00.000Z"),
  probe(roots.requirement, "CourseRequirement.course", { code: "AUTH-101" }, "course { code }"),

  probe(roots.session, "TrainingSession.id", session.id),
  probe(roots.session, "TrainingSession.startsAt", iso(STARTS)),
  probe(roots.session, "TrainingSession.endsAt", iso(ENDS)),
  probe(roots.session, "TrainingSession.location", "Training Centre Prishtinë"),
  probe(roots.session, "TrainingSession.trainer", "Arta Berisha"),
  probe(roots.session, "TrainingSession.capacity", 20),
  probe(roots.session, "TrainingSession.status", "SCHEDULED"),
  probe(roots.session, "TrainingSession.cancelledAt", null),
  probe(roots.session, "TrainingSession.cancellationReason", null),
  probe(roots.session, "TrainingSession.course", { code: "AUTH-101" }, "course { code }"),
  probe(roots.session, "TrainingSession.attendances", [{ id: attendance.id }], "attendances { id }"),
  probe(roots.session, "TrainingSession.availableSeats", 19),

  probe(roots.attendance, "Attendance.id", attendance.id),
  probe(roots.attendance, "Attendance.status", "PASSED"),
  probe(roots.attendance, "Attendance.registeredAt", iso(REGISTERED)),
  probe(roots.attendance, "Attendance.recordedAt", iso(RECORDED)),
  probe(roots.attendance, "Attendance.session", { __typename: "TrainingSession" }, "session { __typename }"),
  probe(roots.attendance, "Attendance.official", { id: official.id }, "official { id }"),
  probe(roots.attendance, "Attendance.certification", { id: certification.id }, "certification { id }"),

  probe(roots.certification, "Certification.id", certification.id),
  probe(roots.certification, "Certification.issuedAt", iso(ENDS)),
  probe(roots.certification, "Certification.expiresAt", EXPIRES),
  probe(roots.certification, "Certification.official", { id: official.id }, "official { id }"),
  probe(roots.certification, "Certification.course", { __typename: "Course" }, "course { __typename }"),
  probe(roots.certification, "Certification.attendance", { id: attendance.id }, "attendance { id }"),
  probe(roots.certification, "Certification.valid", true),

  probe(roots.compliance, "OfficialCompliance.compliant", true),
  probe(roots.compliance, "OfficialCompliance.required", [{ __typename: "Course" }], "required { __typename }"),
  probe(roots.compliance, "OfficialCompliance.missing", [], "missing { __typename }"),
  probe(roots.compliance, "OfficialCompliance.expiringWithin90Days", [], "expiringWithin90Days { __typename }"),
];

/** The value at a path of the response data; null when the path runs through a null. */
function at(data: unknown, path: Path): unknown {
  let value: any = data;
  for (const key of path) {
    if (value === null || value === undefined) return null;
    value = value[key];
  }
  return value;
}

/** The outcome the table gives: the data, or FORBIDDEN at the first protected field the caller lacks. */
function outcome(probe: Probe, caller: Caller): { denied: Path } | { value: unknown } {
  for (const step of probe.steps) {
    const scope = FIELD_SCOPES[step.field];
    if (scope && !caller.holds.includes(scope)) return { denied: step.path };
  }
  return { value: probe.expected(caller) };
}

function expectOutcome(res: GraphQLResponse, probe: Probe, caller: Caller, path: Path) {
  const expected = outcome(probe, caller);
  expect(res.status).toBe(200);
  if ("denied" in expected) {
    expect(res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([
      { path: expected.denied, code: "FORBIDDEN" },
    ]);
    expect(at(res.data, expected.denied)).toBeNull();
  } else {
    expect(res.errors).toBeUndefined();
    expect(at(res.data, path)).toEqual(expected.value);
  }
}

describe("the scope table: reads", () => {
  const FIELDS = Object.entries(FIELD_SCOPES)
    .filter(([field, scope]) => scope !== null && !field.startsWith("Mutation."))
    .map(([field]) => field);

  it("has a probe for every protected field that is read", () => {
    expect(
      READ_PROBES()
        .map((p) => p.field)
        .sort(),
    ).toEqual([...FIELDS].sort());
  });

  it.each(FIELDS.flatMap((field) => CALLERS.map((caller) => [field, caller.name])))("%s as %s", async (field, name) => {
    const probe = READ_PROBES().find((p) => p.field === field)!;
    const caller = CALLERS.find((c) => c.name === name)!;
    const res = await h.gql(probe.query, probe.variables(), await caller.as());
    expectOutcome(res, probe, caller, probe.steps[probe.steps.length - 1].path);
  });
});

/** Every row of every table, to show that a refused mutation changed nothing. */
async function snapshot(): Promise<Record<string, unknown>> {
  const tables = ["official", "course", "course_requirement", "training_session", "attendance", "certification"];
  const rows: Record<string, unknown> = {};
  for (const table of tables) {
    const [row] = (await h.db.query(
      `SELECT coalesce(json_agg(t ORDER BY t.id), '[]'::json) AS rows FROM training.${table} t`,
    )) as { rows: unknown }[];
    rows[table] = row.rows;
  }
  return rows;
}

interface MutationProbe {
  field: string;
  query: string;
  prepare: () => Promise<Record<string, any>>;
  expected: (variables: Record<string, any>) => unknown;
}

const futureSession = async () =>
  createSessionRow(h.db, (await createCourseRow(h.db)).id, { startsAt: new Date(Date.now() + 10 * DAY) });

const MUTATIONS: MutationProbe[] = [
  {
    field: "Mutation.registerOfficial",
    query: `mutation($input: RegisterOfficialInput!) { registerOfficial(input: $input) { familyName active } }`,
    prepare: async () => ({
      input: {
        givenNames: "Driton",
        familyName: `Hoxha${randomUUID().slice(0, 6)}`,
        agency: "MIA",
        jobRole: "CASE_OFFICER",
      },
    }),
    expected: (v) => ({ familyName: v.input.familyName, active: true }),
  },
  {
    field: "Mutation.updateOfficial",
    query: `mutation($input: UpdateOfficialInput!) { updateOfficial(input: $input) { familyName } }`,
    prepare: async () => ({ input: { officialId: (await createOfficialRow(h.db)).id, familyName: "Renamed" } }),
    expected: () => ({ familyName: "Renamed" }),
  },
  {
    field: "Mutation.createCourse",
    query: `mutation($input: CreateCourseInput!) { createCourse(input: $input) { code validityMonths } }`,
    prepare: async () => ({
      input: { code: `NEW-${randomUUID().slice(0, 8).toUpperCase()}`, title: "A new course", validityMonths: 12 },
    }),
    expected: (v) => ({ code: v.input.code, validityMonths: 12 }),
  },
  {
    field: "Mutation.updateCourse",
    query: `mutation($input: UpdateCourseInput!) { updateCourse(input: $input) { title } }`,
    prepare: async () => ({ input: { courseId: (await createCourseRow(h.db)).id, title: "Retitled course" } }),
    expected: () => ({ title: "Retitled course" }),
  },
  {
    field: "Mutation.requireCourse",
    query: `mutation($c: ID!) { requireCourse(jobRole: INTERPRETER, courseId: $c) { jobRole } }`,
    prepare: async () => ({ c: (await createCourseRow(h.db)).id }),
    expected: () => ({ jobRole: "INTERPRETER" }),
  },
  {
    field: "Mutation.dropRequirement",
    query: `mutation($c: ID!) { dropRequirement(jobRole: INTERPRETER, courseId: $c) { jobRole } }`,
    prepare: async () => {
      const dropped = await createCourseRow(h.db);
      await requireRow(h.db, JobRole.INTERPRETER, dropped.id);
      return { c: dropped.id };
    },
    expected: () => ({ jobRole: "INTERPRETER" }),
  },
  {
    field: "Mutation.scheduleSession",
    query: `mutation($input: ScheduleSessionInput!) { scheduleSession(input: $input) { location capacity } }`,
    prepare: async () => ({
      input: {
        courseId: (await createCourseRow(h.db)).id,
        startsAt: "2031-05-05T08:00:00.000Z",
        endsAt: "2031-05-05T16:00:00.000Z",
        location: "Ferizaj",
        trainer: "Trainer Table",
        capacity: 5,
      },
    }),
    expected: () => ({ location: "Ferizaj", capacity: 5 }),
  },
  {
    field: "Mutation.cancelSession",
    query: `mutation($s: ID!) { cancelSession(sessionId: $s, reason: "Trainer ill") { status cancellationReason } }`,
    prepare: async () => ({ s: (await futureSession()).id }),
    expected: () => ({ status: "CANCELLED", cancellationReason: "Trainer ill" }),
  },
  {
    field: "Mutation.registerAttendance",
    query: `mutation($s: ID!, $o: ID!) { registerAttendance(sessionId: $s, officialId: $o) { status official { id } } }`,
    prepare: async () => ({ s: (await futureSession()).id, o: (await createOfficialRow(h.db)).id }),
    expected: (v) => ({ status: "REGISTERED", official: { id: v.o } }),
  },
  {
    field: "Mutation.recordAttendanceResult",
    query: `mutation($a: ID!) { recordAttendanceResult(attendanceId: $a, status: FAILED) { status certification { id } } }`,
    prepare: async () => {
      const ended = await createSessionRow(h.db, (await createCourseRow(h.db)).id);
      return { a: (await createAttendanceRow(h.db, ended.id, (await createOfficialRow(h.db)).id)).id };
    },
    expected: () => ({ status: "FAILED", certification: null }),
  },
];

describe("the scope table: writes", () => {
  it("has a probe for every mutation", () => {
    expect(MUTATIONS.map((m) => m.field).sort()).toEqual(
      Object.keys(FIELD_SCOPES)
        .filter((field) => field.startsWith("Mutation."))
        .sort(),
    );
  });

  it.each(MUTATIONS.flatMap((m) => CALLERS.map((caller) => [m.field, caller.name])))(
    "%s as %s",
    async (field, name) => {
      const mutation = MUTATIONS.find((m) => m.field === field)!;
      const caller = CALLERS.find((c) => c.name === name)!;
      const variables = await mutation.prepare();
      const before = await snapshot();
      const res = await h.gql(mutation.query, variables, await caller.as());
      const path = [field.split(".")[1]];
      expect(res.status).toBe(200);
      if (caller.holds.includes(W)) {
        expect(res.errors).toBeUndefined();
        expect(at(res.data, path)).toEqual(mutation.expected(variables));
      } else {
        expect(res.errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([
          { path, code: "FORBIDDEN" },
        ]);
        expect(res.data).toBeNull();
        expect(await snapshot()).toEqual(before);
      }
    },
  );
});

describe("aliases, fragments and inline fragments meet the same wall", () => {
  const QUERY = `query($r: [_Any!]!, $id: ID!) {
    who: _entities(representations: $r) { ... on Official { id ...Record } }
    again: _entities(representations: $r) { ... on Official { certs: certifications { id } } }
    s: trainingSession(id: $id) { ... on TrainingSession { seated: attendances { ...Seat } } }
  }
  fragment Record on Official { atts: attendances { id } }
  fragment Seat on Attendance { official { id } }`;
  const variables = () => ({ ...OFFICIAL_REF(), id: session.id });
  const errorsOf = (res: GraphQLResponse) =>
    res.errors
      ?.map((e) => ({ path: e.path, code: e.extensions?.code }))
      .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));

  it("denies each aliased record field at its alias path for a caller without training records", async () => {
    const res = await h.gql(QUERY, variables(), "dhs_liaison");
    expect(errorsOf(res)).toEqual([
      { path: ["again", 0, "certs"], code: "FORBIDDEN" },
      { path: ["s", "seated"], code: "FORBIDDEN" },
      { path: ["who", 0, "atts"], code: "FORBIDDEN" },
    ]);
    expect(res.data).toEqual({ who: [null], again: [null], s: null });
  });

  it("denies them to the public caller too, and the session itself", async () => {
    const res = await h.gql(QUERY, variables(), { token: await h.auth.publicToken() });
    expect(errorsOf(res)).toEqual([
      { path: ["again", 0, "certs"], code: "FORBIDDEN" },
      { path: ["s"], code: "FORBIDDEN" },
      { path: ["who", 0, "atts"], code: "FORBIDDEN" },
    ]);
    expect(res.data).toEqual({ who: [null], again: [null], s: null });
  });

  it("answers the official themself with their own records under the aliases", async () => {
    const res = await h.gql(QUERY, variables(), { roles: ["monitor"], official_id: official.id });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      who: [{ id: official.id, atts: [{ id: attendance.id }] }],
      again: [{ certs: [{ id: certification.id }] }],
      s: { seated: [{ official: { id: official.id } }] },
    });
  });
});
