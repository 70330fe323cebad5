import { randomUUID } from "node:crypto";
import {
  DAY,
  UNKNOWN_ID,
  type TrainingHarness,
  createAttendanceRow,
  createCourseRow,
  createOfficialRow,
  createSessionRow,
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

const REGISTER = `mutation($s: ID!, $o: ID!) {
  registerAttendance(sessionId: $s, officialId: $o) { id status registeredAt recordedAt session { id availableSeats } official { id } certification { id } }
}`;
const RECORD = `mutation($a: ID!, $status: AttendanceStatus!) {
  recordAttendanceResult(attendanceId: $a, status: $status) {
    id status recordedAt
    certification { id issuedAt expiresAt valid course { id } official { id } attendance { id } }
  }
}`;

describe("registerAttendance", () => {
  it("registers an active official, taking a seat", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { capacity: 2, startsAt: new Date(Date.now() + 5 * DAY) });
    const official = await createOfficialRow(h.db);
    const res = await h.gql(REGISTER, { s: session.id, o: official.id });
    expect(res.errors).toBeUndefined();
    expect(res.data!.registerAttendance).toMatchObject({
      status: "REGISTERED",
      session: { id: session.id, availableSeats: 1 },
      official: { id: official.id },
      certification: null,
    });
    const read = await h.gql(`query($id: ID!) { official(id: $id) { attendances { id status session { id } } } }`, {
      id: official.id,
    });
    expect(read.data!.official.attendances).toEqual([
      { id: res.data!.registerAttendance.id, status: "REGISTERED", session: { id: session.id } },
    ]);
  });

  it("refuses a registration over capacity, and writes nothing", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, {
      capacity: 1,
      startsAt: new Date(Date.parse("2030-03-02T08:00:00Z")),
    });
    await createAttendanceRow(h.db, session.id, (await createOfficialRow(h.db)).id);
    const late = await createOfficialRow(h.db);
    const before = await tableCounts(h.db);
    const res = await h.gql(REGISTER, { s: session.id, o: late.id });
    expect(res.errors?.[0]).toMatchObject({
      message: `The ${course.code} session of 2030-03-02 (${session.id}) is full: all 1 seats are taken.`,
      extensions: { code: "BAD_USER_INPUT", capacity: 1, taken: 1 },
    });
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("lets only one of two concurrent registrations take the last seat", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { capacity: 1, startsAt: new Date(Date.now() + 5 * DAY) });
    const [a, b] = [await createOfficialRow(h.db), await createOfficialRow(h.db)];
    const results = await Promise.all([
      h.gql(REGISTER, { s: session.id, o: a.id }),
      h.gql(REGISTER, { s: session.id, o: b.id }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0].message).toContain("is full: all 1 seats are taken.");
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM training.attendance WHERE session_id = $1`, [
      session.id,
    ]);
    expect(n).toBe(1);
  });

  it("refuses a second registration of the same official with CONFLICT", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.parse("2030-04-01T08:00:00Z")) });
    const official = await createOfficialRow(h.db, { givenNames: "Luan" });
    expect((await h.gql(REGISTER, { s: session.id, o: official.id })).errors).toBeUndefined();
    const before = await tableCounts(h.db);
    const res = await h.gql(REGISTER, { s: session.id, o: official.id });
    expect(res.errors?.[0]).toMatchObject({
      message: `Luan ${official.familyName} is already registered for the ${course.code} session of 2030-04-01 (${session.id}).`,
      extensions: { code: "CONFLICT", officialId: official.id, sessionId: session.id },
    });
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("refuses an inactive official and a cancelled session", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.parse("2030-05-04T08:00:00Z")) });
    const retired = await createOfficialRow(h.db, { givenNames: "Ardit", active: false });
    const before = await tableCounts(h.db);
    const inactive = await h.gql(REGISTER, { s: session.id, o: retired.id });
    expect(inactive.errors?.[0]).toMatchObject({
      message: `Ardit ${retired.familyName} (${retired.id}) is not active; only active officials can register for training.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const cancelled = await createSessionRow(h.db, course.id, {
      startsAt: new Date(Date.parse("2030-05-05T08:00:00Z")),
      status: "CANCELLED" as never,
    });
    const res = await h.gql(REGISTER, { s: cancelled.id, o: (await createOfficialRow(h.db)).id });
    expect(res.errors?.[0]).toMatchObject({
      message: `The ${course.code} session of 2030-05-05 (${cancelled.id}) was cancelled; no one can register for it.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const after = await tableCounts(h.db);
    expect(after.attendances).toBe(before.attendances);
  });

  it("answers NOT_FOUND for an unknown session or official, and rejects malformed ids", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id);
    const official = await createOfficialRow(h.db);
    const noSession = await h.gql(REGISTER, { s: UNKNOWN_ID, o: official.id });
    expect(noSession.errors?.[0]).toMatchObject({
      message: `Training session ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    const noOfficial = await h.gql(REGISTER, { s: session.id, o: UNKNOWN_ID });
    expect(noOfficial.errors?.[0]).toMatchObject({
      message: `Official ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
    const malformed = await h.gql(REGISTER, { s: "session", o: "official" });
    expect(malformed.errors?.[0]).toMatchObject({
      message: "Invalid input: sessionId must be an id (a UUID); officialId must be an id (a UUID).",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});

describe("recordAttendanceResult", () => {
  it("PASSED issues a certificate dated at the session's end, expiring validityMonths later", async () => {
    const course = await createCourseRow(h.db, { validityMonths: 24 });
    const endsAt = new Date("2025-03-14T15:30:00.000Z");
    const session = await createSessionRow(h.db, course.id, { startsAt: new Date("2025-03-14T08:00:00.000Z"), endsAt });
    const official = await createOfficialRow(h.db);
    const attendance = await createAttendanceRow(h.db, session.id, official.id);
    const res = await h.gql(RECORD, { a: attendance.id, status: "PASSED" });
    expect(res.errors).toBeUndefined();
    const recorded = res.data!.recordAttendanceResult;
    expect(recorded.status).toBe("PASSED");
    expect(Date.parse(recorded.recordedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(recorded.certification).toMatchObject({
      issuedAt: "2025-03-14T15:30:00.000Z",
      expiresAt: "2027-03-14T15:30:00.000Z",
      valid: true,
      course: { id: course.id },
      official: { id: official.id },
      attendance: { id: attendance.id },
    });
    const read = await h.gql(`query($id: ID!) { official(id: $id) { certifications { id expiresAt } } }`, {
      id: official.id,
    });
    expect(read.data!.official.certifications).toEqual([
      { id: recorded.certification.id, expiresAt: "2027-03-14T15:30:00.000Z" },
    ]);
  });

  it("clamps the expiry to the end of a shorter month, and a lapsed certificate is not valid", async () => {
    const course = await createCourseRow(h.db, { validityMonths: 1 });
    const endsAt = new Date("2024-01-31T17:00:00.000Z");
    const session = await createSessionRow(h.db, course.id, { startsAt: new Date("2024-01-31T09:00:00.000Z"), endsAt });
    const attendance = await createAttendanceRow(h.db, session.id, (await createOfficialRow(h.db)).id);
    const res = await h.gql(RECORD, { a: attendance.id, status: "PASSED" });
    expect(res.data!.recordAttendanceResult.certification).toMatchObject({
      issuedAt: "2024-01-31T17:00:00.000Z",
      expiresAt: "2024-02-29T17:00:00.000Z",
      valid: false,
    });
    // PostgreSQL's own month arithmetic agrees.
    const [{ expected }] = await h.db.query(
      `SELECT to_char(('2024-01-31T17:00:00Z'::timestamptz + interval '1 month') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS expected`,
    );
    expect(expected).toBe("2024-02-29T17:00:00");
  });

  it("records ATTENDED, then FAILED, without a certificate", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id);
    const attendance = await createAttendanceRow(h.db, session.id, (await createOfficialRow(h.db)).id);
    const attended = await h.gql(RECORD, { a: attendance.id, status: "ATTENDED" });
    expect(attended.data!.recordAttendanceResult).toMatchObject({ status: "ATTENDED", certification: null });
    const failed = await h.gql(RECORD, { a: attendance.id, status: "FAILED" });
    expect(failed.data!.recordAttendanceResult).toMatchObject({ status: "FAILED", certification: null });
    const [{ n }] = await h.db.query(`SELECT count(*)::int AS n FROM training.certification WHERE attendance_id = $1`, [
      attendance.id,
    ]);
    expect(n).toBe(0);
  });

  it("refuses to change a final result, naming why, and changes nothing", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id);
    const attendance = await createAttendanceRow(h.db, session.id, (await createOfficialRow(h.db)).id);
    await h.gql(RECORD, { a: attendance.id, status: "PASSED" });
    const before = await tableCounts(h.db);
    const res = await h.gql(RECORD, { a: attendance.id, status: "FAILED" });
    expect(res.errors?.[0]).toMatchObject({
      message: `Attendance ${attendance.id} is PASSED and cannot become FAILED. PASSED is final.`,
      extensions: { code: "BAD_USER_INPUT", from: "PASSED", to: "FAILED", allowed: [] },
    });
    expect(await tableCounts(h.db)).toEqual(before);

    const attended = await createAttendanceRow(
      h.db,
      session.id,
      (await createOfficialRow(h.db)).id,
      "ATTENDED" as never,
    );
    const noShow = await h.gql(RECORD, { a: attended.id, status: "NO_SHOW" });
    expect(noShow.errors?.[0].message).toBe(
      `Attendance ${attended.id} is ATTENDED and cannot become NO_SHOW. Allowed next: PASSED, FAILED.`,
    );
  });

  it("rejects REGISTERED as a result", async () => {
    const res = await h.gql(RECORD, { a: randomUUID(), status: "REGISTERED" });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: status must be a result: ATTENDED, PASSED, FAILED, NO_SHOW.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("refuses a result before the session has ended, or for a cancelled session", async () => {
    const course = await createCourseRow(h.db);
    const upcoming = await createSessionRow(h.db, course.id, { startsAt: new Date("2031-06-10T08:00:00.000Z") });
    const early = await createAttendanceRow(h.db, upcoming.id, (await createOfficialRow(h.db)).id);
    const res = await h.gql(RECORD, { a: early.id, status: "PASSED" });
    expect(res.errors?.[0]).toMatchObject({
      message: `The ${course.code} session of 2031-06-10 (${upcoming.id}) ends at 2031-06-10T16:00:00.000Z; results can be recorded once it has ended.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const cancelled = await createSessionRow(h.db, course.id, {
      startsAt: new Date("2024-06-10T08:00:00.000Z"),
      status: "CANCELLED" as never,
    });
    const booked = await createAttendanceRow(h.db, cancelled.id, (await createOfficialRow(h.db)).id);
    const none = await h.gql(RECORD, { a: booked.id, status: "ATTENDED" });
    expect(none.errors?.[0].message).toBe(
      `The ${course.code} session of 2024-06-10 (${cancelled.id}) was cancelled; it has no results.`,
    );
    const rows = await h.db.query(`SELECT status FROM training.attendance WHERE id = ANY($1)`, [[early.id, booked.id]]);
    expect(rows).toEqual([{ status: "REGISTERED" }, { status: "REGISTERED" }]);
  });

  it("answers NOT_FOUND for an unknown attendance", async () => {
    const res = await h.gql(RECORD, { a: UNKNOWN_ID, status: "PASSED" });
    expect(res.errors?.[0]).toMatchObject({
      message: `Attendance ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });

  it("rolls the result back when the certificate cannot be issued: one transaction", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id);
    const official = await createOfficialRow(h.db);
    const attendance = await createAttendanceRow(h.db, session.id, official.id);
    // A certificate already bound to this attendance makes issuing a second one fail (unique index).
    await h.db.query(
      `INSERT INTO training.certification (id, official_id, course_id, attendance_id, issued_at, expires_at)
       VALUES ($1, $2, $3, $4, now() - interval '1 day', now() + interval '1 year')`,
      [randomUUID(), official.id, course.id, attendance.id],
    );
    const before = await tableCounts(h.db);
    const res = await h.gql(RECORD, { a: attendance.id, status: "PASSED" });
    expect(res.errors?.[0].extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    const [row] = await h.db.query(`SELECT status FROM training.attendance WHERE id = $1`, [attendance.id]);
    expect(row.status).toBe("REGISTERED");
    expect(await tableCounts(h.db)).toEqual(before);
  });
});
