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
import { type DataClassName, ROLES, type Role, SCOPES, type Scope } from "@kgraph/policy";
import { CALLERS, type Caller, type Cell, type Step, callerHolds, describeRoleTable } from "@kgraph/testkit";
import { Kind, parse, valueFromASTUntyped } from "graphql";
import { definition } from "../src";
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
 * and the scope table on the shared role-table kit, every role and the public × every protected
 * field through each door (a query, a list, an entity reference with its inline fragment).
 *
 * The scope of every field is transcribed here (FIELD_SCOPES, DESIGN §3), never read from the
 * decorators under test; the SDL and the data classes the subgraph declares are checked against
 * it. Facility staff sign in as staff of the facility F where the official Vjosa Krasniqi works;
 * a second official, Besnik Morina, works at another facility G: his records are outside their
 * rule (training:records:read is `ownFacility` for them), so they read none of them.
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
  // Public quarter statistics: shares over at least five officials, open to everyone.
  "StatisticsQuarter.quarter": null,
  "StatisticsQuarter.trainingFigures": null,
  "PublicFigure.indicator": null,
  "PublicFigure.label": null,
  "PublicFigure.dimension": null,
  "PublicFigure.dimensionLabel": null,
  "PublicFigure.unit": null,
  "PublicFigure.value": null,
  "PublicFigure.suppressed": null,
};

/** Which of this subgraph's scopes each role holds (DESIGN §3, "Scopes per role"). */
const ROLE_HOLDS: Record<Role, Scope[]> = {
  mia_officer: [R, RR],
  dhs_liaison: [R],
  facility_staff: [R, RR],
  legal_counsel: [R],
  monitor: [R],
  ombudsperson: [R, RR],
  auditor: [R, RR],
  training_admin: [R, RR, W],
};

/** The data class of every classified field, as the scope table implies it (catalogue: training; records: trainingRecord). */
const FIELD_CLASSES: Record<string, DataClassName> = Object.fromEntries(
  Object.entries(FIELD_SCOPES)
    .filter(([field, scope]) => scope !== null && !/^(Query|Mutation)\./.test(field))
    .map(([field, scope]) => [field, scope === RR ? "trainingRecord" : "training"]),
);

let h: TrainingHarness;
const facilityId = randomUUID();
const otherFacilityId = randomUUID();
let course: Course;
let official: Official;
let other: Official;
let session: TrainingSession;
let attendance: Attendance;
let certification: Certification;
let otherAttendance: Attendance;
let otherCertification: Certification;
let requirementId: string;

const STARTS = new Date("2025-03-03T08:00:00.000Z");
const ENDS = new Date("2025-03-03T16:00:00.000Z");
const EXPIRES = "2030-03-03T16:00:00.000Z"; // 60 months after ENDS
const REGISTERED = new Date("2025-02-01T09:00:00.000Z");
const OTHER_REGISTERED = new Date("2025-02-02T09:00:00.000Z");
const RECORDED = new Date("2025-03-03T17:00:00.000Z");

/** A PASSED attendance of the session and its certificate, as recording the result would issue them. */
async function passed(who: Official, registeredAt: Date): Promise<[Attendance, Certification]> {
  const passedAttendance = h.db.getRepository(Attendance).create({
    id: randomUUID(),
    sessionId: session.id,
    officialId: who.id,
    status: AttendanceStatus.PASSED,
    registeredAt,
    recordedAt: RECORDED,
  });
  await h.db.getRepository(Attendance).insert(passedAttendance);
  const issued = h.db.getRepository(Certification).create({
    id: randomUUID(),
    officialId: who.id,
    courseId: course.id,
    attendanceId: passedAttendance.id,
    issuedAt: ENDS,
    expiresAt: new Date(EXPIRES),
  });
  await h.db.getRepository(Certification).insert(issued);
  return [passedAttendance, issued];
}

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
  other = await createOfficialRow(h.db, {
    givenNames: "Besnik",
    familyName: "Morina",
    agency: Agency.FACILITY_OPERATOR,
    jobRole: JobRole.FACILITY_STAFF,
    facilityId: otherFacilityId,
    registeredAt: new Date("2024-04-01T08:30:00.000Z"),
  });
  session = await createSessionRow(h.db, course.id, {
    startsAt: STARTS,
    endsAt: ENDS,
    location: "Training Centre Prishtinë",
    trainer: "Arta Berisha",
    capacity: 20,
  });
  [attendance, certification] = await passed(official, REGISTERED);
  [otherAttendance, otherCertification] = await passed(other, OTHER_REGISTERED);
});
afterAll(async () => {
  await h?.stop();
});

/** How each caller signs in: facility staff of F, where the official works; anyone else with a plain subject. */
async function callAs(caller: Caller): Promise<CallAs> {
  if (caller === "public") return { token: await h.auth.publicToken() };
  return {
    roles: [caller],
    sub: `table-${caller}`,
    ...(caller === "facility_staff" ? { facility_id: facilityId } : {}),
  };
}

/** Whether a caller's training:records:read rule reaches Morina's records (at G): every caller with ALL, not F's staff. */
const reachesOther = (caller: Caller) => caller !== "facility_staff";

describe("the token wall", () => {
  const QUERY = `{ courses { code } }`;
  // Every refusal says the same, whatever the reason (the platform's verifier tests read the log).
  const refused = (res: GraphQLResponse) => {
    expect(res.status).toBe(401);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }]);
  };
  const claims = { sub: "someone", roles: ["training_admin"] };

  it("refuses a request without a token: 401, UNAUTHENTICATED", async () => {
    refused(await h.gql(QUERY, {}, null));
  });

  it("refuses a token signed by another key", async () => {
    const rogue = await generateKeyPairJwk("test-issuer"); // same key id, different key
    const token = await signToken(rogue.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: 600,
    });
    refused(await h.gql(QUERY, {}, { token }));
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
    refused(await h.gql(QUERY, {}, { token }));
  });

  it("refuses an expired token", async () => {
    const token = await signToken(h.auth.keys.issuer.privateJwk, claims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: -60,
    });
    refused(await h.gql(QUERY, {}, { token }));
  });

  it("refuses a malformed Authorization header", async () => {
    const res = await graphqlRequest(h.url, QUERY, {}, { authorization: "Bearer not-a-jwt" });
    refused(res);
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
    const { sdl } = await definition.buildSchema();
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

/** The scopes of a field, as FIELD_SCOPES transcribes them. */
function need(field: string): Scope[] {
  const scope = FIELD_SCOPES[field];
  if (scope === undefined) throw new Error(`${field} is not in FIELD_SCOPES`);
  return scope ? [scope] : [];
}
/** A step into `Type.field`, needing what the table says. */
const into = (type: string, field: string, extra: Partial<Step> = {}): Step => ({
  field,
  scopes: need(`${type}.${field}`),
  ...extra,
});
const entity = (variable: string, type: string): Step => ({
  field: "_entities",
  args: `(representations: $${variable})`,
  list: true,
  on: type,
});

// Doors.
const courseQ = into("Query", "course", { args: "(id: $course)" });
const requirementsQ = into("Query", "courseRequirements", { args: "(jobRole: FACILITY_STAFF)", list: true });
const sessionQ = into("Query", "trainingSession", { args: "(id: $session)" });
const officialQ = (variable: string) => into("Query", "official", { args: `(id: $${variable})` });
const officialsQ = into("Query", "officials", { args: "(first: 10)" });
const officialE = entity("officialRefs", "Official");
const otherE = entity("otherRefs", "Official");
const facilityE = entity("facilityRefs", "Facility");
const otherFacilityE = entity("otherFacilityRefs", "Facility");
const attendancesOf = into("Official", "attendances", { list: true });
const certificationsOf = into("Official", "certifications", { list: true });
const complianceOf = into("Official", "compliance");
const staffComplianceOf = into("Facility", "staffCompliance");

/** A cell for `Type.field` below `door`; `leaf` selects inside an object. */
const cell = (
  door: Step[],
  type: string,
  field: string,
  expected: (caller: Caller) => unknown,
  leaf?: string,
  note?: string,
): Cell => ({
  name: `${type}.${field}${note ? ` (${note})` : ""}`,
  steps: [...door, into(type, field)],
  leaf,
  expected,
});
const always = (value: unknown) => () => value;
const iso = (date: Date) => date.toISOString();
const COMPLIANT = { staffCount: 1, compliantCount: 1, share: 1 };

const CELLS = (): Cell[] => [
  // The catalogue: training:read, every record of it for every holder.
  {
    name: "Query.courses",
    steps: [into("Query", "courses", { list: true }), into("Course", "code")],
    expected: always("AUTH-101"),
  },
  { name: "Query.course", steps: [courseQ], leaf: "{ code }", expected: always({ code: "AUTH-101" }) },
  {
    name: "Query.courseRequirements",
    steps: [requirementsQ, into("CourseRequirement", "jobRole")],
    expected: always("FACILITY_STAFF"),
  },
  {
    name: "Query.trainingSessions",
    steps: [into("Query", "trainingSessions", { args: "(first: 10)" })],
    leaf: "{ edges { node { location } } }",
    expected: always({ edges: [{ node: { location: "Training Centre Prishtinë" } }] }),
  },
  {
    name: "Query.trainingSession",
    steps: [sessionQ],
    leaf: "{ trainer }",
    expected: always({ trainer: "Arta Berisha" }),
  },
  // Officials themselves are catalogue data (training:read): every one is listed, Krasniqi then Morina.
  {
    name: "Query.officials",
    steps: [officialsQ],
    leaf: "{ edges { node { id } } }",
    expected: () => ({ edges: [{ node: { id: official.id } }, { node: { id: other.id } }] }),
  },
  { name: "Query.official", steps: [officialQ("official")], leaf: "{ id }", expected: () => ({ id: official.id }) },

  cell([courseQ], "Course", "id", () => course.id),
  cell([courseQ], "Course", "code", always("AUTH-101")),
  cell([courseQ], "Course", "title", always("Rights of people in reception")),
  cell([courseQ], "Course", "description", always("For everyone working with residents.")),
  cell([courseQ], "Course", "topics", always(["rights", "dignity"])),
  cell([courseQ], "Course", "validityMonths", always(60)),
  cell([courseQ], "Course", "createdAt", always("2024-01-15T10:00:00.000Z")),
  cell([courseQ], "Course", "requiredFor", always(["FACILITY_STAFF"])),

  cell([requirementsQ], "CourseRequirement", "id", () => requirementId),
  cell([requirementsQ], "CourseRequirement", "jobRole", always("FACILITY_STAFF")),
  cell([requirementsQ], "CourseRequirement", "createdAt", always("2024-02-01T10:00:00.000Z")),
  cell([requirementsQ], "CourseRequirement", "course", always({ code: "AUTH-101" }), "{ code }"),

  cell([sessionQ], "TrainingSession", "id", () => session.id),
  cell([sessionQ], "TrainingSession", "startsAt", always(iso(STARTS))),
  cell([sessionQ], "TrainingSession", "endsAt", always(iso(ENDS))),
  cell([sessionQ], "TrainingSession", "location", always("Training Centre Prishtinë")),
  cell([sessionQ], "TrainingSession", "trainer", always("Arta Berisha")),
  cell([sessionQ], "TrainingSession", "capacity", always(20)),
  cell([sessionQ], "TrainingSession", "status", always("SCHEDULED")),
  cell([sessionQ], "TrainingSession", "cancelledAt", always(null)),
  cell([sessionQ], "TrainingSession", "cancellationReason", always(null)),
  cell([sessionQ], "TrainingSession", "course", always({ code: "AUTH-101" }), "{ code }"),
  // Every registration takes a seat, whoever may read it.
  cell([sessionQ], "TrainingSession", "availableSeats", always(18)),
  // In order of registration; F's staff only their own facility's official.
  cell(
    [sessionQ],
    "TrainingSession",
    "attendances",
    (caller) => [{ id: attendance.id }, ...(reachesOther(caller) ? [{ id: otherAttendance.id }] : [])],
    "{ id }",
  ),

  // Official: catalogue fields (training:read) through an entity reference.
  cell([officialE], "Official", "givenNames", always("Vjosa")),
  cell([officialE], "Official", "familyName", always("Krasniqi")),
  cell([officialE], "Official", "name", always("Vjosa Krasniqi")),
  cell([officialE], "Official", "agency", always("FACILITY_OPERATOR")),
  cell([officialE], "Official", "jobRole", always("FACILITY_STAFF")),
  cell([officialE], "Official", "active", always(true)),
  cell([officialE], "Official", "registeredAt", always("2024-03-01T08:30:00.000Z")),
  cell([officialE], "Official", "facility", () => ({ id: facilityId }), "{ id }"),
  // Official: the training record (training:records:read, under its record rule).
  cell([officialE], "Official", "certifications", () => [{ id: certification.id }], "{ id }"),
  cell([officialE], "Official", "attendances", () => [{ id: attendance.id }], "{ id }"),
  cell([officialE], "Official", "compliance", always({ compliant: true }), "{ compliant }"),
  cell(
    [otherE],
    "Official",
    "certifications",
    (caller) => (reachesOther(caller) ? [{ id: otherCertification.id }] : []),
    "{ id }",
    "an official of another facility",
  ),
  cell(
    [otherE],
    "Official",
    "attendances",
    (caller) => (reachesOther(caller) ? [{ id: otherAttendance.id }] : []),
    "{ id }",
    "an official of another facility",
  ),
  cell(
    [officialQ("other")],
    "Official",
    "compliance",
    (caller) => (reachesOther(caller) ? { compliant: true } : null),
    "{ compliant }",
    "official(id) of another facility",
  ),
  cell(
    [officialsQ, { field: "edges", list: true }, { field: "node" }],
    "Official",
    "attendances",
    () => [{ id: attendance.id }],
    "{ id }",
    "officials list",
  ),

  // Facility: the staff compliance of a facility (all-record roles, and its own staff).
  cell([facilityE], "Facility", "staffCompliance", always(COMPLIANT), "{ staffCount compliantCount share }"),
  cell(
    [otherFacilityE],
    "Facility",
    "staffCompliance",
    (caller) => (reachesOther(caller) ? COMPLIANT : null),
    "{ staffCount compliantCount share }",
    "another facility",
  ),
  cell(
    [officialQ("official"), into("Official", "facility")],
    "Facility",
    "staffCompliance",
    always({ share: 1 }),
    "{ share }",
    "through Official.facility",
  ),
  cell([facilityE, staffComplianceOf], "StaffCompliance", "staffCount", always(1)),
  cell([facilityE, staffComplianceOf], "StaffCompliance", "compliantCount", always(1)),
  cell([facilityE, staffComplianceOf], "StaffCompliance", "share", always(1)),

  cell([officialE, attendancesOf], "Attendance", "id", () => attendance.id),
  cell([officialE, attendancesOf], "Attendance", "status", always("PASSED")),
  cell([officialE, attendancesOf], "Attendance", "registeredAt", always(iso(REGISTERED))),
  cell([officialE, attendancesOf], "Attendance", "recordedAt", always(iso(RECORDED))),
  cell([officialE, attendancesOf], "Attendance", "session", () => ({ id: session.id }), "{ id }"),
  cell([officialE, attendancesOf], "Attendance", "official", () => ({ id: official.id }), "{ id }"),
  cell([officialE, attendancesOf], "Attendance", "certification", () => ({ id: certification.id }), "{ id }"),
  cell(
    [sessionQ, into("TrainingSession", "attendances", { list: true })],
    "Attendance",
    "official",
    () => ({ id: official.id, name: "Vjosa Krasniqi" }),
    "{ id name }",
    "through a session's attendances",
  ),

  cell([officialE, certificationsOf], "Certification", "id", () => certification.id),
  cell([officialE, certificationsOf], "Certification", "issuedAt", always(iso(ENDS))),
  cell([officialE, certificationsOf], "Certification", "expiresAt", always(EXPIRES)),
  cell([officialE, certificationsOf], "Certification", "official", () => ({ id: official.id }), "{ id }"),
  cell([officialE, certificationsOf], "Certification", "course", always({ code: "AUTH-101" }), "{ code }"),
  cell([officialE, certificationsOf], "Certification", "attendance", () => ({ id: attendance.id }), "{ id }"),
  cell([officialE, certificationsOf], "Certification", "valid", always(true)),

  cell([officialE, complianceOf], "OfficialCompliance", "compliant", always(true)),
  cell([officialE, complianceOf], "OfficialCompliance", "required", always([{ code: "AUTH-101" }]), "{ code }"),
  cell([officialE, complianceOf], "OfficialCompliance", "missing", always([]), "{ code }"),
  cell([officialE, complianceOf], "OfficialCompliance", "expiringWithin90Days", always([]), "{ code }"),

  // A quarter when F and G had one official each: every share withheld, alike for every caller.
  {
    name: "StatisticsQuarter.trainingFigures (_entities)",
    steps: [entity("quarterRefs", "StatisticsQuarter"), into("StatisticsQuarter", "trainingFigures")],
    leaf: "{ indicator dimension value suppressed }",
    expected: () =>
      [null, ...[facilityId, otherFacilityId].sort()].map((dimension) => ({
        indicator: "staff_training_compliance",
        dimension,
        value: null,
        suppressed: true,
      })),
  },

  // The audit trail: a reference anyone may name, its events only for audit:read.
  {
    name: "AuditTrail.training",
    steps: [
      entity("auditRefs", "AuditTrail"),
      { field: "training", args: "(first: 5, filter: { recordId: $unknown })", scopes: [SCOPES.AUDIT_READ] },
    ],
    leaf: "{ edges { cursor } }",
    expected: always({ edges: [] }),
  },
];

/** The variables the cells use. */
function variables(): Record<string, { type: string; value: unknown }> {
  const id = (value: string) => ({ type: "ID!", value });
  const refs = (__typename: string, value: string) => ({ type: "[_Any!]!", value: [{ __typename, id: value }] });
  return {
    course: id(course.id),
    session: id(session.id),
    official: id(official.id),
    other: id(other.id),
    unknown: id(randomUUID()),
    officialRefs: refs("Official", official.id),
    otherRefs: refs("Official", other.id),
    facilityRefs: refs("Facility", facilityId),
    otherFacilityRefs: refs("Facility", otherFacilityId),
    auditRefs: refs("AuditTrail", "audit"),
    quarterRefs: { type: "[_Any!]!", value: [{ __typename: "StatisticsQuarter", quarter: "2024-Q3" }] },
  };
}

describeRoleTable("the scope table: every protected field for every role and the public", () => ({
  cells: CELLS(),
  variables,
  callAs,
  send: (query, values, as) => h.gql(query, values, as),
  schema: () => definition.buildSchema(),
}));

describe("the callers of the table", () => {
  it("hold this subgraph's scopes as DESIGN §3 says (the kit reads them from the policy)", () => {
    for (const role of ROLES)
      expect([R, RR, W].filter((scope) => callerHolds(role, [scope]))).toEqual(ROLE_HOLDS[role]);
    expect([R, RR, W].filter((scope) => callerHolds("public", [scope]))).toEqual([]);
  });
});

describe("the data classes", () => {
  it("are declared on exactly the fields the scope table protects, each with its class", async () => {
    expect((await definition.buildSchema()).dataClasses).toEqual(FIELD_CLASSES);
  });
});

describe("the official themself (official_id), whatever their role", () => {
  // An official's own training record is theirs to read (CLAIM_ACCESS: ownRecord); it opens no
  // one else's record, and not the staff compliance of their own facility either.
  const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Official { id attendances { id } certifications { id } compliance { compliant } }
    ... on Facility { id staffCompliance { share } }
  } }`;
  const refs = () => ({
    r: [
      { __typename: "Official", id: official.id },
      { __typename: "Official", id: other.id },
      { __typename: "Facility", id: facilityId },
    ],
  });
  const OWN_ONLY = () => ({
    _entities: [
      {
        id: official.id,
        attendances: [{ id: attendance.id }],
        certifications: [{ id: certification.id }],
        compliance: { compliant: true },
      },
      { id: other.id, attendances: [], certifications: [], compliance: null },
      { id: facilityId, staffCompliance: null },
    ],
  });

  it.each([
    ["no role", []],
    ["a monitor", ["monitor"]],
    ["a DHS liaison", ["dhs_liaison"]],
    ["legal counsel", ["legal_counsel"]],
  ])("as %s: their own record, nobody else's, no aggregate", async (_name, roles) => {
    const res = await h.gql(QUERY, refs(), { roles, sub: "table-self", official_id: official.id });
    expect(res).toEqual({ status: 200, data: OWN_ONLY() });
  });

  it("without a role the catalogue stays closed (no training:read)", async () => {
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Official { givenNames } } }`,
      { r: [{ __typename: "Official", id: official.id }] },
      { roles: [], sub: "table-self", official_id: official.id },
    );
    expect(res.data).toEqual({ _entities: [null] });
    expect(res.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }))).toEqual([
      { message: "Official.givenNames needs training:read.", path: ["_entities", 0, "givenNames"], code: "FORBIDDEN" },
    ]);
  });

  it("a session's attendances show them theirs only", async () => {
    const res = await h.gql(
      `query($id: ID!) { trainingSession(id: $id) { attendances { id official { id } } } }`,
      { id: session.id },
      { roles: ["monitor"], sub: "table-self", official_id: official.id },
    );
    expect(res).toEqual({
      status: 200,
      data: { trainingSession: { attendances: [{ id: attendance.id, official: { id: official.id } }] } },
    });
  });

  it("a malformed official_id opens nothing", async () => {
    const res = await h.gql(QUERY, refs(), { roles: ["monitor"], sub: "table-self", official_id: "me" });
    expect(res).toEqual({
      status: 200,
      data: {
        _entities: [
          { id: official.id, attendances: [], certifications: [], compliance: null },
          { id: other.id, attendances: [], certifications: [], compliance: null },
          { id: facilityId, staffCompliance: null },
        ],
      },
    });
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

/** Who tries the writes: every role and the public, and officials naming their own record. */
const WRITERS: { name: string; as: () => Promise<CallAs>; writes: boolean }[] = [
  ...CALLERS.map((caller) => ({ name: caller, as: () => callAs(caller), writes: callerHolds(caller, [W]) })),
  {
    name: "the official themself (no role)",
    as: async () => ({ roles: [], sub: "table-self", official_id: official.id }),
    writes: false,
  },
  {
    name: "the official themself (facility staff of F)",
    as: async () => ({
      roles: ["facility_staff"],
      sub: "table-self",
      facility_id: facilityId,
      official_id: official.id,
    }),
    writes: false,
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

  it.each(MUTATIONS.flatMap((m) => WRITERS.map((writer) => [m.field, writer.name] as const)))(
    "%s as %s",
    async (field, name) => {
      const mutation = MUTATIONS.find((m) => m.field === field)!;
      const writer = WRITERS.find((c) => c.name === name)!;
      const variables = await mutation.prepare();
      const before = await snapshot();
      const res = await h.gql(mutation.query, variables, await writer.as());
      const operation = field.split(".")[1];
      if (writer.writes) {
        expect(res).toEqual({ status: 200, data: { [operation]: mutation.expected(variables) } });
      } else {
        expect(res.status).toBe(200);
        expect(res.data).toBeNull();
        expect(res.errors?.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions }))).toEqual([
          {
            message: `${field} needs ${W}.`,
            path: [operation],
            extensions: { code: "FORBIDDEN", requiredScopes: [W] },
          },
        ]);
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
  const variables = () => ({ r: [{ __typename: "Official", id: official.id }], id: session.id });
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

  it("answers facility staff of F with their facility's records only under the aliases", async () => {
    const res = await h.gql(QUERY, variables(), await callAs("facility_staff"));
    expect(res).toEqual({
      status: 200,
      data: {
        who: [{ id: official.id, atts: [{ id: attendance.id }] }],
        again: [{ certs: [{ id: certification.id }] }],
        // Morina (facility G) registered too: not one of theirs.
        s: { seated: [{ official: { id: official.id } }] },
      },
    });
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
