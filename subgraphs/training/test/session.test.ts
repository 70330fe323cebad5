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

const SCHEDULE = `mutation($input: ScheduleSessionInput!) {
  scheduleSession(input: $input) { id startsAt endsAt location trainer capacity status availableSeats course { id } attendances { id } }
}`;
const CANCEL = `mutation($id: ID!, $reason: String) { cancelSession(sessionId: $id, reason: $reason) { id status cancelledAt cancellationReason } }`;

function sessionInput(courseId: string, overrides: Record<string, unknown> = {}) {
  const startsAt = new Date(Date.now() + 14 * DAY);
  return {
    courseId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 6 * 3_600_000).toISOString(),
    location: "MIA Training Centre, Prishtinë",
    trainer: "Ombudsperson Institution trainer",
    capacity: 12,
    ...overrides,
  };
}

describe("scheduleSession", () => {
  it("schedules a session of a course with all its seats free", async () => {
    const course = await createCourseRow(h.db);
    const input = sessionInput(course.id);
    const res = await h.gql(SCHEDULE, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data!.scheduleSession).toMatchObject({
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      location: input.location,
      trainer: input.trainer,
      capacity: 12,
      status: "SCHEDULED",
      availableSeats: 12,
      course: { id: course.id },
      attendances: [],
    });
  });

  it("refuses an end not after the start and a capacity below 1, writing nothing", async () => {
    const course = await createCourseRow(h.db);
    const before = await tableCounts(h.db);
    const input = sessionInput(course.id, { capacity: 0 });
    input.endsAt = input.startsAt;
    const res = await h.gql(SCHEDULE, { input });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: endsAt must be after startsAt; capacity must be at least 1.",
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it("refuses a session longer than 31 days", async () => {
    const course = await createCourseRow(h.db);
    const input = sessionInput(course.id);
    input.endsAt = new Date(Date.parse(input.startsAt) + 32 * DAY).toISOString();
    const res = await h.gql(SCHEDULE, { input });
    expect(res.errors?.[0]).toMatchObject({
      message: "Invalid input: endsAt must be at most 31 days after startsAt.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });

  it("answers NOT_FOUND for an unknown course", async () => {
    const res = await h.gql(SCHEDULE, { input: sessionInput(UNKNOWN_ID) });
    expect(res.errors?.[0]).toMatchObject({
      message: `Course ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("cancelSession", () => {
  it("cancels an upcoming session with the reason; registrations stay", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.now() + 7 * DAY) });
    const official = await createOfficialRow(h.db);
    await createAttendanceRow(h.db, session.id, official.id);
    const res = await h.gql(CANCEL, { id: session.id, reason: "Trainer unavailable" });
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelSession).toMatchObject({
      id: session.id,
      status: "CANCELLED",
      cancellationReason: "Trainer unavailable",
    });
    expect(Date.parse(res.data!.cancelSession.cancelledAt)).toBeGreaterThan(Date.now() - 60_000);
    const read = await h.gql(
      `query($id: ID!) { trainingSession(id: $id) { status attendances { official { id } } } }`,
      { id: session.id },
    );
    expect(read.data!.trainingSession).toEqual({
      status: "CANCELLED",
      attendances: [{ official: { id: official.id } }],
    });
  });

  it("refuses to cancel twice, or a session that has ended, and changes nothing", async () => {
    const course = await createCourseRow(h.db);
    const upcoming = await createSessionRow(h.db, course.id, { startsAt: new Date(Date.now() + 7 * DAY) });
    await h.gql(CANCEL, { id: upcoming.id });
    const twice = await h.gql(CANCEL, { id: upcoming.id, reason: "Again" });
    expect(twice.errors?.[0]).toMatchObject({
      message: `Training session ${upcoming.id} is already cancelled.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const [row] = await h.db.query(`SELECT cancellation_reason FROM training.training_session WHERE id = $1`, [
      upcoming.id,
    ]);
    expect(row.cancellation_reason).toBeNull();

    const held = await createSessionRow(h.db, course.id);
    const res = await h.gql(CANCEL, { id: held.id });
    expect(res.errors?.[0]).toMatchObject({
      message: `Training session ${held.id} ended at ${held.endsAt.toISOString()}; a session that has taken place cannot be cancelled.`,
      extensions: { code: "BAD_USER_INPUT" },
    });
    const [heldRow] = await h.db.query(`SELECT status FROM training.training_session WHERE id = $1`, [held.id]);
    expect(heldRow.status).toBe("SCHEDULED");
  });

  it("answers NOT_FOUND for an unknown session", async () => {
    const res = await h.gql(CANCEL, { id: UNKNOWN_ID });
    expect(res.errors?.[0]).toMatchObject({
      message: `Training session ${UNKNOWN_ID} does not exist.`,
      extensions: { code: "NOT_FOUND" },
    });
  });
});

describe("trainingSessions connection", () => {
  it("pages by start time without gaps or repeats, within a filter", async () => {
    const course = await createCourseRow(h.db);
    const base = Date.now() + 40 * DAY;
    const made = [];
    // Two share a start time, so the id breaks the tie.
    for (const offset of [3, 0, 2, 2, 5]) {
      made.push(await createSessionRow(h.db, course.id, { startsAt: new Date(base + offset * DAY) }));
    }
    await createSessionRow(h.db, (await createCourseRow(h.db)).id, { startsAt: new Date(base + DAY) });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await h.gql(
        `query($after: String, $c: ID) { trainingSessions(first: 2, after: $after, filter: { courseId: $c }) {
          edges { node { id startsAt } } pageInfo { hasNextPage endCursor } } }`,
        { after, c: course.id },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.trainingSessions.edges.map((e: any) => e.node.id));
      if (!res.data.trainingSessions.pageInfo.hasNextPage) break;
      after = res.data.trainingSessions.pageInfo.endCursor;
    }
    const tied = [made[2].id, made[3].id].sort();
    expect(seen).toEqual([made[1].id, ...tied, made[0].id, made[4].id]);
  });

  it("filters by time window and status", async () => {
    const course = await createCourseRow(h.db);
    const base = Date.now() + 100 * DAY;
    const inside = await createSessionRow(h.db, course.id, { startsAt: new Date(base + DAY) });
    await createSessionRow(h.db, course.id, { startsAt: new Date(base + 2 * DAY), status: "CANCELLED" as never });
    await createSessionRow(h.db, course.id, { startsAt: new Date(base + 10 * DAY) });
    const res = await h.gql(
      `query($c: ID, $from: DateTimeISO, $to: DateTimeISO) {
        trainingSessions(first: 10, filter: { courseId: $c, from: $from, to: $to, status: SCHEDULED }) { edges { node { id } } } }`,
      { c: course.id, from: new Date(base).toISOString(), to: new Date(base + 5 * DAY).toISOString() },
    );
    expect(res.data!.trainingSessions.edges).toEqual([{ node: { id: inside.id } }]);
  });

  it("counts free seats from registrations", async () => {
    const course = await createCourseRow(h.db);
    const session = await createSessionRow(h.db, course.id, { capacity: 3, startsAt: new Date(Date.now() + 3 * DAY) });
    for (let i = 0; i < 2; i++) await createAttendanceRow(h.db, session.id, (await createOfficialRow(h.db)).id);
    const res = await h.gql(`query($id: ID!) { trainingSession(id: $id) { capacity availableSeats } }`, {
      id: session.id,
    });
    expect(res.data!.trainingSession).toEqual({ capacity: 3, availableSeats: 1 });
  });

  it("rejects a forged cursor", async () => {
    const forged = Buffer.from(JSON.stringify(["yesterday", UNKNOWN_ID])).toString("base64url");
    const res = await h.gql(`query($a: String) { trainingSessions(first: 5, after: $a) { edges { cursor } } }`, {
      a: forged,
    });
    expect(res.errors?.[0]).toMatchObject({
      message: "The cursor given in `after` is not one this API issued.",
      extensions: { code: "BAD_USER_INPUT" },
    });
  });
});
