import { randomUUID } from "node:crypto";
import type { CallAs } from "@kgraph/platform";
import { TaskForceAgency } from "../src/agency";
import {
  type OversightHarness,
  createAgendaItemRow,
  createMeetingRow,
  createTaskForce,
  daysFromNow,
  errorsOf,
  ok,
  startOversightHarness,
  writeEvents,
} from "./harness";

/**
 * referReviewGap: a procedural gap a joint case review found becomes, in one mutation, an agenda
 * item on the next (or the named) meeting and an OPEN action item, both pointing at the review
 * by its federation key, in one transaction with one audit event naming both.
 */
let h: OversightHarness;
beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

const OMBUDS = { roles: ["ombudsperson"], sub: "00000000-0000-4000-8000-0000000000b1" };
const REFER = `mutation($input: ReferReviewGapInput!) { referReviewGap(input: $input) {
  agendaItem { id position title origin concerns { __typename ... on CaseReview { id } } meeting { id } }
  actionItem { id title status dueAt owner { agency officialName } concerns { __typename ... on CaseReview { id } }
    meeting { id } history { from to reason } }
} }`;

const referral = (caseReviewId: string, overrides: Record<string, unknown> = {}) => ({
  input: {
    caseReviewId,
    gap: "Counsel was offered 60 h after arrival, not within 24 h",
    action: "Put counsel on call at the reception centre at weekends",
    owner: { agency: "MIA", officialName: "Arben Gashi" },
    dueAt: daysFromNow(45).toISOString(),
    ...overrides,
  },
});

it("puts the gap on the task force's next meeting and opens an action item, both concerning the review", async () => {
  const taskForce = await createTaskForce(h.db);
  await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(-3) });
  const next = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(6) });
  await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(36) });
  await createAgendaItemRow(h.db, next.id);
  const reviewId = randomUUID();
  const dueAt = daysFromNow(45).toISOString();
  const result = ok(
    await h.gql(REFER, referral(reviewId, { taskForceId: taskForce.id, dueAt }), OMBUDS),
  ).referReviewGap;
  expect(result).toEqual({
    agendaItem: {
      id: expect.any(String),
      position: 2,
      title: "Review gap: Counsel was offered 60 h after arrival, not within 24 h",
      origin: "CASE_REVIEW_GAP",
      concerns: { __typename: "CaseReview", id: reviewId },
      meeting: { id: next.id },
    },
    actionItem: {
      id: expect.any(String),
      title: "Put counsel on call at the reception centre at weekends",
      status: "OPEN",
      dueAt,
      owner: { agency: "MIA", officialName: "Arben Gashi" },
      concerns: { __typename: "CaseReview", id: reviewId },
      meeting: { id: next.id },
      history: [
        {
          from: null,
          to: "OPEN",
          reason: `Referred from joint case review ${reviewId}: Counsel was offered 60 h after arrival, not within 24 h`,
        },
      ],
    },
  });
  const [row] = await h.db.query(`SELECT agenda_item_id FROM oversight.action_item WHERE id = $1`, [
    result.actionItem.id,
  ]);
  expect(row.agenda_item_id).toBe(result.agendaItem.id);
  const events = (await writeEvents(h.db, "referReviewGap")).filter((e) => e.record_ids.includes(reviewId));
  expect(events).toHaveLength(1);
  expect(events[0].record_ids).toEqual(expect.arrayContaining([result.agendaItem.id, result.actionItem.id, reviewId]));
});

it("takes a named meeting, and refuses one whose minutes are published", async () => {
  const taskForce = await createTaskForce(h.db);
  const named = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(20) });
  const reviewId = randomUUID();
  const result = ok(await h.gql(REFER, referral(reviewId, { meetingId: named.id }), OMBUDS)).referReviewGap;
  expect(result.agendaItem.meeting).toEqual({ id: named.id });
  const closed = await createMeetingRow(h.db, taskForce.id, {
    heldAt: daysFromNow(-10),
    minutesPublishedAt: daysFromNow(-9),
  });
  const res = await h.gql(REFER, referral(randomUUID(), { meetingId: closed.id }), OMBUDS);
  expect(errorsOf(res)).toEqual([
    {
      message: `The minutes of meeting ${closed.id} were published on ${closed.minutesPublishedAt!.toISOString()}; they are final.`,
      path: ["referReviewGap"],
      code: "BAD_USER_INPUT",
    },
  ]);
});

it("writes neither record when the action item is refused (one transaction)", async () => {
  const taskForce = await createTaskForce(h.db);
  const meeting = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(2) });
  const res = await h.gql(
    REFER,
    referral(randomUUID(), {
      meetingId: meeting.id,
      owner: { agency: "CIVIL_SOCIETY", officialName: "Blerta Krasniqi" },
    }),
    OMBUDS,
  );
  expect(errorsOf(res)).toEqual([
    {
      message: "input.owner.orgId is required for CIVIL_SOCIETY: the facility or monitoring body that owes it.",
      path: ["referReviewGap"],
      code: "BAD_USER_INPUT",
    },
  ]);
  expect(await h.db.query(`SELECT 1 FROM oversight.agenda_item WHERE meeting_id = $1`, [meeting.id])).toEqual([]);
});

it("says so when no meeting is scheduled, and refuses a task force other than the named meeting's", async () => {
  const taskForce = await createTaskForce(h.db);
  // Only other task forces' meetings may be scheduled: this one has none ahead.
  await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(-5) });
  expect(errorsOf(await h.gql(REFER, referral(randomUUID(), { taskForceId: taskForce.id }), OMBUDS))).toEqual([
    {
      message:
        "No task-force meeting is scheduled after now: schedule one (createMeeting) or name one in input.meetingId.",
      path: ["referReviewGap"],
      code: "BAD_USER_INPUT",
    },
  ]);
  const other = await createTaskForce(h.db);
  const meeting = await createMeetingRow(h.db, other.id, { heldAt: daysFromNow(3) });
  expect(
    errorsOf(await h.gql(REFER, referral(randomUUID(), { meetingId: meeting.id, taskForceId: taskForce.id }), OMBUDS)),
  ).toEqual([
    {
      message: "input.taskForceId is not the task force of input.meetingId.",
      path: ["referReviewGap"],
      code: "BAD_USER_INPUT",
    },
  ]);
});

it("is the MIA's and the Ombudsperson's: the DHS liaison and monitors are refused, even for items they would own", async () => {
  const taskForce = await createTaskForce(h.db);
  const meeting = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(4) });
  const body = randomUUID();
  const attempts: [CallAs, Record<string, unknown>][] = [
    [
      { roles: ["dhs_liaison"], sub: "dhs-gap" },
      { agency: TaskForceAgency.DHS, officialName: "Liaison" },
    ],
    [
      { roles: ["monitor"], sub: "monitor-gap", org_id: body },
      { agency: TaskForceAgency.CIVIL_SOCIETY, officialName: "Monitor", orgId: body },
    ],
  ];
  for (const [as, owner] of attempts) {
    const res = await h.gql(REFER, referral(randomUUID(), { meetingId: meeting.id, owner }), as);
    expect(errorsOf(res)).toEqual([
      {
        message:
          "Only the MIA and the Ombudsperson record task-force meetings, their agenda and decisions; monitors and the DHS liaison move on the action items they own.",
        path: ["referReviewGap"],
        code: "FORBIDDEN",
      },
    ]);
  }
  expect(await h.db.query(`SELECT 1 FROM oversight.agenda_item WHERE meeting_id = $1`, [meeting.id])).toEqual([]);
});
