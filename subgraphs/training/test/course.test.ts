import {
  UNKNOWN_ID,
  type TrainingHarness,
  createCourseRow,
  requireRow,
  startTrainingHarness,
  tableCounts,
} from "./harness";

let h: TrainingHarness;
beforeAll(async () => {
  h = await startTrainingHarness();
});
afterAll(async () => {
  await h?.stop();
});

let serial = 0;
/** A unique valid course code, e.g. T1A2B-7. */
function code(): string {
  serial += 1;
  return `T${process.pid.toString(36).toUpperCase()}-${Date.now().toString(36).toUpperCase()}-${serial}`;
}

const CREATE = `mutation($input: CreateCourseInput!) {
  createCourse(input: $input) { id code title description topics validityMonths requiredFor }
}`;
const UPDATE = `mutation($input: UpdateCourseInput!) {
  updateCourse(input: $input) { id code title description topics validityMonths }
}`;

describe("createCourse", () => {
  it("adds a course to the catalogue", async () => {
    const c = code();
    const res = await h.gql(CREATE, {
      input: {
        code: c,
        title: "Human rights in immigration detention",
        topics: ["CPT standards", "Safeguards"],
        validityMonths: 36,
      },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createCourse).toMatchObject({
      code: c,
      title: "Human rights in immigration detention",
      description: null,
      topics: ["CPT standards", "Safeguards"],
      validityMonths: 36,
      requiredFor: [],
    });
    const read = await h.gql(`query($id: ID!) { course(id: $id) { code } }`, { id: res.data!.createCourse.id });
    expect(read.data!.course).toEqual({ code: c });
  });

  it("refuses a code that is taken with CONFLICT, and writes nothing", async () => {
    const existing = await createCourseRow(h.db);
    const before = await tableCounts(h.db);
    const res = await h.gql(CREATE, { input: { code: existing.code, title: "Another course", validityMonths: 12 } });
    expect(res.errors?.[0]).toMatchObject({
      message: `A course with code ${existing.code} already exists; course codes must be unique.`,
      extensions: { code: "CONFLICT", argument: "input.code", courseId: existing.id },
    });
    expect(res.data).toBeNull();
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("rejects invalid input naming every wrong field", async () => {
    const before = await tableCounts(h.db);
    const res = await h.gql(CREATE, { input: { code: "hr 101", title: "HR", topics: [""], validityMonths: 0 } });
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toBe(
      "Invalid input: code must be 2 to 32 capital letters, digits and single hyphens, starting with a letter, e.g. HRD-101; " +
        "title must be 3 to 300 characters; topics must each be 1 to 100 characters; validityMonths must be between 1 and 120 months.",
    );
    expect(await tableCounts(h.db)).toEqual(before);
  });
});

describe("updateCourse", () => {
  it("changes the fields given and keeps the rest", async () => {
    const course = await createCourseRow(h.db, { topics: ["a"], validityMonths: 24, description: "Old" });
    const newCode = code();
    const res = await h.gql(UPDATE, {
      input: { courseId: course.id, code: newCode, validityMonths: 12, description: "" },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCourse).toEqual({
      id: course.id,
      code: newCode,
      title: course.title,
      description: null,
      topics: ["a"],
      validityMonths: 12,
    });
  });

  it("refuses another course's code with CONFLICT and changes nothing", async () => {
    const taken = await createCourseRow(h.db);
    const course = await createCourseRow(h.db);
    const res = await h.gql(UPDATE, { input: { courseId: course.id, code: taken.code, title: "Renamed" } });
    expect(res.errors?.[0]).toMatchObject({
      message: `A course with code ${taken.code} already exists; course codes must be unique.`,
      extensions: { code: "CONFLICT" },
    });
    const [row] = await h.db.query(`SELECT code, title FROM training.course WHERE id = $1`, [course.id]);
    expect(row).toEqual({ code: course.code, title: course.title });
  });

  it("keeps its own code without a conflict, and answers NOT_FOUND for an unknown course", async () => {
    const course = await createCourseRow(h.db);
    const same = await h.gql(UPDATE, { input: { courseId: course.id, code: course.code, title: "Same code" } });
    expect(same.errors).toBeUndefined();
    expect(same.data!.updateCourse.title).toBe("Same code");
    const missing = await h.gql(UPDATE, { input: { courseId: UNKNOWN_ID, title: "Nothing" } });
    expect(missing.errors?.[0]).toMatchObject({
      message: `Course ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("rejects an invalid validity", async () => {
    const course = await createCourseRow(h.db);
    const res = await h.gql(UPDATE, { input: { courseId: course.id, validityMonths: 121 } });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: validityMonths must be between 1 and 120 months.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("courses", () => {
  it("lists the catalogue by code", async () => {
    const later = await createCourseRow(h.db, { code: `ZZ-${code()}` });
    const earlier = await createCourseRow(h.db, { code: `AA-${code()}` });
    const res = await h.gql(`{ courses { id code } }`);
    const codes = res.data!.courses.map((c: { code: string }) => c.code);
    expect(codes.indexOf(earlier.code)).toBeLessThan(codes.indexOf(later.code));
  });

  it("answers null for course(id) with an unknown id", async () => {
    const res = await h.gql(`{ course(id: "${UNKNOWN_ID}") { id } }`);
    expect(res.data!.course).toBeNull();
  });
});

const REQUIRE = `mutation($role: JobRole!, $course: ID!) { requireCourse(jobRole: $role, courseId: $course) { id jobRole course { id code } } }`;
const DROP = `mutation($role: JobRole!, $course: ID!) { dropRequirement(jobRole: $role, courseId: $course) { id jobRole course { id } } }`;

describe("course requirements", () => {
  it("makes a course mandatory for a job role, visible from both sides", async () => {
    const course = await createCourseRow(h.db);
    const res = await h.gql(REQUIRE, { role: "INTERPRETER", course: course.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.requireCourse).toMatchObject({
      jobRole: "INTERPRETER",
      course: { id: course.id, code: course.code },
    });
    await h.gql(REQUIRE, { role: "CASE_OFFICER", course: course.id });

    const list = await h.gql(`{ courseRequirements(jobRole: INTERPRETER) { jobRole course { id } } }`);
    expect(list.data!.courseRequirements).toContainEqual({ jobRole: "INTERPRETER", course: { id: course.id } });
    expect(list.data!.courseRequirements.every((r: { jobRole: string }) => r.jobRole === "INTERPRETER")).toBe(true);

    const read = await h.gql(`query($id: ID!) { course(id: $id) { requiredFor } }`, { id: course.id });
    expect(read.data!.course.requiredFor).toEqual(["CASE_OFFICER", "INTERPRETER"]);
  });

  it("lists every job role's requirements by role, then course code", async () => {
    const b = await createCourseRow(h.db, { code: `RB-${code()}` });
    const a = await createCourseRow(h.db, { code: `RA-${code()}` });
    await requireRow(h.db, "SOCIAL_WORKER" as never, b.id);
    await requireRow(h.db, "SOCIAL_WORKER" as never, a.id);
    await requireRow(h.db, "BORDER_POLICE" as never, b.id);
    const res = await h.gql(`{ courseRequirements { jobRole course { id code } } }`);
    const mine = res.data!.courseRequirements.filter((r: { course: { id: string } }) =>
      [a.id, b.id].includes(r.course.id),
    );
    expect(mine.map((r: { jobRole: string; course: { id: string } }) => [r.jobRole, r.course.id])).toEqual([
      ["BORDER_POLICE", b.id],
      ["SOCIAL_WORKER", a.id],
      ["SOCIAL_WORKER", b.id],
    ]);
  });

  it("refuses a requirement that exists with CONFLICT, and an unknown course with NOT_FOUND", async () => {
    const course = await createCourseRow(h.db);
    await requireRow(h.db, "MEDICAL_STAFF" as never, course.id);
    const before = await tableCounts(h.db);
    const again = await h.gql(REQUIRE, { role: "MEDICAL_STAFF", course: course.id });
    expect(again.errors?.[0]).toMatchObject({
      message: `Course ${course.code} is already mandatory for MEDICAL_STAFF.`,
      extensions: { code: "CONFLICT" },
    });
    const unknown = await h.gql(REQUIRE, { role: "MEDICAL_STAFF", course: UNKNOWN_ID });
    expect(unknown.errors?.[0]).toMatchObject({
      message: `Course ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    const malformed = await h.gql(REQUIRE, { role: "MEDICAL_STAFF", course: "course-1" });
    expect(malformed.errors?.[0]).toMatchObject({
      message: "Invalid input: courseId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("drops a requirement, returning it; dropping one that does not exist is NOT_FOUND", async () => {
    const course = await createCourseRow(h.db);
    const created = await h.gql(REQUIRE, { role: "FACILITY_MANAGER", course: course.id });
    const dropped = await h.gql(DROP, { role: "FACILITY_MANAGER", course: course.id });
    expect(dropped.errors).toBeUndefined();
    expect(dropped.data!.dropRequirement).toEqual({
      id: created.data!.requireCourse.id,
      jobRole: "FACILITY_MANAGER",
      course: { id: course.id },
    });
    const read = await h.gql(`query($id: ID!) { course(id: $id) { requiredFor } }`, { id: course.id });
    expect(read.data!.course.requiredFor).toEqual([]);
    const again = await h.gql(DROP, { role: "FACILITY_MANAGER", course: course.id });
    expect(again.errors?.[0]).toMatchObject({
      message: `Course ${course.code} is not mandatory for FACILITY_MANAGER; there is no requirement to drop.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});
