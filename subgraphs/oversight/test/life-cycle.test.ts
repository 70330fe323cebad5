import { randomUUID } from "node:crypto";
import { graphqlRequest } from "@kgraph/platform";
import { TaskForceAgency } from "../src/agency";
import {
  type OversightHarness,
  UNKNOWN_ID,
  createMember,
  createMeetingRow,
  createTaskForce,
  daysFromNow,
  errorsOf,
  ok,
  startOversightHarness,
  writeEvents,
} from "./harness";

/**
 * The task force's business end to end on the subgraph: a meeting, its agenda and decisions, an
 * action item agreed there and moved along its life (illegal moves refused, every step kept with
 * its reason), each write with its audit event, and a repeated Idempotency-Key acting once.
 */
let h: OversightHarness;
beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

const OFFICER = { roles: ["mia_officer"], sub: "00000000-0000-4000-8000-0000000000a1" };
const ITEM_FIELDS = `id title status dueAt owner { agency officialId officialName orgId }
  concerns { __typename ... on Case { id } ... on Facility { id } ... on Complaint { id } ... on CaseReview { id }
    ... on Finding { id } ... on Recommendation { id } }
  meeting { id } decision { id } history { from to reason by }`;

const CREATE_MEETING = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) {
  id heldAt location minutesPublishedAt attendees { id agency } taskForce { id } } }`;
const ADD_AGENDA = `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) {
  id position title origin concerns { __typename ... on Facility { id } } meeting { id } } }`;
const DECIDE = `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id text agendaItem { id } meeting { id } } }`;
const CREATE_ITEM = `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { ${ITEM_FIELDS} } }`;
const MOVE = `mutation($id: ID!, $status: ActionItemStatus!, $reason: String!) {
  moveActionItem(id: $id, status: $status, reason: $reason) { ${ITEM_FIELDS} } }`;

async function meetingSetUp() {
  const taskForce = await createTaskForce(h.db);
  const mia = await createMember(h.db, taskForce.id, { agency: TaskForceAgency.MIA });
  const dhs = await createMember(h.db, taskForce.id, { agency: TaskForceAgency.DHS });
  return { taskForce, mia, dhs };
}

describe("a meeting, its agenda and decisions", () => {
  it("records a meeting with its attendees, an agenda in order, and decisions on it", async () => {
    const { taskForce, mia, dhs } = await meetingSetUp();
    const heldAt = daysFromNow(10).toISOString();
    const meeting = ok(
      await h.gql(
        CREATE_MEETING,
        { input: { taskForceId: taskForce.id, heldAt, location: " MIA, Prishtinë ", attendeeIds: [dhs.id, mia.id] } },
        OFFICER,
      ),
    ).createMeeting;
    expect(meeting).toEqual({
      id: expect.any(String),
      heldAt,
      location: "MIA, Prishtinë",
      minutesPublishedAt: null,
      attendees: [
        { id: dhs.id, agency: "DHS" },
        { id: mia.id, agency: "MIA" },
      ],
      taskForce: { id: taskForce.id },
    });
    const facilityId = randomUUID();
    const first = ok(
      await h.gql(
        ADD_AGENDA,
        {
          input: {
            meetingId: meeting.id,
            title: "Occupancy above capacity",
            origin: "MONITORING",
            concerns: { kind: "FACILITY", id: facilityId },
          },
        },
        OFFICER,
      ),
    ).addAgendaItem;
    const second = ok(
      await h.gql(ADD_AGENDA, { input: { meetingId: meeting.id, title: "Interpreters", origin: "MEMBER" } }, OFFICER),
    ).addAgendaItem;
    expect([first, second]).toEqual([
      {
        id: expect.any(String),
        position: 1,
        title: "Occupancy above capacity",
        origin: "MONITORING",
        concerns: { __typename: "Facility", id: facilityId },
        meeting: { id: meeting.id },
      },
      {
        id: expect.any(String),
        position: 2,
        title: "Interpreters",
        origin: "MEMBER",
        concerns: null,
        meeting: { id: meeting.id },
      },
    ]);
    const decision = ok(
      await h.gql(
        DECIDE,
        { input: { meetingId: meeting.id, agendaItemId: first.id, text: "The MIA moves ten residents by June." } },
        OFFICER,
      ),
    ).recordDecision;
    expect(decision).toEqual({
      id: expect.any(String),
      text: "The MIA moves ten residents by June.",
      agendaItem: { id: first.id },
      meeting: { id: meeting.id },
    });
    const read = ok(
      await h.gql(
        `query($id: ID!) { taskForceMeeting(id: $id) { agendaItems { position } decisions { id } } }`,
        { id: meeting.id },
        OFFICER,
      ),
    );
    expect(read.taskForceMeeting).toEqual({
      agendaItems: [{ position: 1 }, { position: 2 }],
      decisions: [{ id: decision.id }],
    });
  });

  it("refuses attendees who are not members of that task force, an unknown task force, and writes nothing", async () => {
    const { taskForce } = await meetingSetUp();
    const other = await createTaskForce(h.db);
    const stranger = await createMember(h.db, other.id);
    const before = (await h.db.query(`SELECT count(*)::int AS n FROM oversight.task_force_meeting`))[0].n;
    const res = await h.gql(
      CREATE_MEETING,
      {
        input: { taskForceId: taskForce.id, heldAt: daysFromNow(3), location: "Prishtinë", attendeeIds: [stranger.id] },
      },
      OFFICER,
    );
    expect(errorsOf(res)).toEqual([
      {
        message: `input.attendeeIds names people who are not members of this task force: ${stranger.id}.`,
        path: ["createMeeting"],
        code: "BAD_USER_INPUT",
      },
    ]);
    const unknown = await h.gql(
      CREATE_MEETING,
      { input: { taskForceId: UNKNOWN_ID, heldAt: daysFromNow(3), location: "Prishtinë", attendeeIds: [] } },
      OFFICER,
    );
    expect(errorsOf(unknown)).toEqual([
      { message: `TaskForce ${UNKNOWN_ID} does not exist.`, path: ["createMeeting"], code: "NOT_FOUND" },
    ]);
    expect((await h.db.query(`SELECT count(*)::int AS n FROM oversight.task_force_meeting`))[0].n).toBe(before);
  });

  it("refuses a decision on another meeting's agenda item", async () => {
    const { taskForce } = await meetingSetUp();
    const a = await createMeetingRow(h.db, taskForce.id);
    const b = await createMeetingRow(h.db, taskForce.id);
    const item = ok(
      await h.gql(ADD_AGENDA, { input: { meetingId: a.id, title: "Item of A", origin: "MEMBER" } }, OFFICER),
    ).addAgendaItem;
    const res = await h.gql(DECIDE, { input: { meetingId: b.id, agendaItemId: item.id, text: "Decided." } }, OFFICER);
    expect(errorsOf(res)).toEqual([
      {
        message: `Agenda item ${item.id} is not on the agenda of meeting ${b.id}.`,
        path: ["recordDecision"],
        code: "BAD_USER_INPUT",
      },
    ]);
  });

  it("publishes minutes once, after the meeting; published minutes are final", async () => {
    const { taskForce } = await meetingSetUp();
    const future = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(5) });
    const PUBLISH = `mutation($id: ID!) { publishMeetingMinutes(meetingId: $id) { id minutesPublishedAt } }`;
    expect(errorsOf(await h.gql(PUBLISH, { id: future.id }, OFFICER))).toEqual([
      {
        message: `Meeting ${future.id} is held on ${future.heldAt.toISOString()}; its minutes are published after it.`,
        path: ["publishMeetingMinutes"],
        code: "BAD_USER_INPUT",
      },
    ]);
    const held = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(-2) });
    const published = ok(await h.gql(PUBLISH, { id: held.id }, OFFICER)).publishMeetingMinutes;
    expect(published).toEqual({ id: held.id, minutesPublishedAt: expect.any(String) });
    expect(errorsOf(await h.gql(PUBLISH, { id: held.id }, OFFICER))).toEqual([
      {
        message: `The minutes of meeting ${held.id} are already published.`,
        path: ["publishMeetingMinutes"],
        code: "BAD_USER_INPUT",
      },
    ]);
    const late = await h.gql(
      ADD_AGENDA,
      { input: { meetingId: held.id, title: "Too late", origin: "MEMBER" } },
      OFFICER,
    );
    expect(errorsOf(late)).toEqual([
      {
        message: `The minutes of meeting ${held.id} were published on ${published.minutesPublishedAt}; they are final.`,
        path: ["addAgendaItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
  });
});

describe("an action item's life", () => {
  async function agreed() {
    const { taskForce } = await meetingSetUp();
    const meeting = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(-1) });
    const decision = ok(
      await h.gql(DECIDE, { input: { meetingId: meeting.id, text: "Interpreters on call." } }, OFFICER),
    ).recordDecision;
    const complaintId = randomUUID();
    const dueAt = daysFromNow(30).toISOString();
    const item = ok(
      await h.gql(
        CREATE_ITEM,
        {
          input: {
            meetingId: meeting.id,
            decisionId: decision.id,
            title: "Contract interpreters for Albanian–Arabic",
            owner: { agency: "MIA", officialName: "Arben Gashi" },
            dueAt,
            concerns: { kind: "COMPLAINT", id: complaintId },
          },
        },
        OFFICER,
      ),
    ).createActionItem;
    return { taskForce, meeting, decision, complaintId, dueAt, item };
  }

  it("starts OPEN with the first step of its history, and concerns a complaint by key", async () => {
    const { meeting, decision, complaintId, dueAt, item } = await agreed();
    expect(item).toEqual({
      id: expect.any(String),
      title: "Contract interpreters for Albanian–Arabic",
      status: "OPEN",
      dueAt,
      owner: { agency: "MIA", officialId: null, officialName: "Arben Gashi", orgId: null },
      concerns: { __typename: "Complaint", id: complaintId },
      meeting: { id: meeting.id },
      decision: { id: decision.id },
      history: [{ from: null, to: "OPEN", reason: "Agreed.", by: OFFICER.sub }],
    });
  });

  it("moves OPEN → IN_PROGRESS → DONE, keeping each step with its reason and time", async () => {
    const { item } = await agreed();
    ok(await h.gql(MOVE, { id: item.id, status: "IN_PROGRESS", reason: "Tender published." }, OFFICER));
    const done = ok(
      await h.gql(MOVE, { id: item.id, status: "DONE", reason: " Two interpreters hired. " }, OFFICER),
    ).moveActionItem;
    expect(done.status).toBe("DONE");
    expect(done.history).toEqual([
      { from: null, to: "OPEN", reason: "Agreed.", by: OFFICER.sub },
      { from: "OPEN", to: "IN_PROGRESS", reason: "Tender published.", by: OFFICER.sub },
      { from: "IN_PROGRESS", to: "DONE", reason: "Two interpreters hired.", by: OFFICER.sub },
    ]);
    const times = (await h.db.query(
      `SELECT at FROM oversight.action_item_transition WHERE action_item_id = $1 ORDER BY at`,
      [item.id],
    )) as { at: Date }[];
    expect(times).toHaveLength(3);
    expect(times[2].at.getTime()).toBeGreaterThanOrEqual(times[1].at.getTime());
  });

  it.each([
    ["OPEN", "DONE", "IN_PROGRESS or DROPPED"],
    ["OPEN", "OPEN", "IN_PROGRESS or DROPPED"],
  ])("refuses %s → %s with BAD_USER_INPUT, changing nothing", async (from, to, allowed) => {
    const { item } = await agreed();
    const res = await h.gql(MOVE, { id: item.id, status: to, reason: "Skipping ahead." }, OFFICER);
    expect(errorsOf(res)).toEqual([
      {
        message: `Action item ${item.id} is ${from}; it can move to ${allowed}, not ${to}.`,
        path: ["moveActionItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
    const history = await h.db.query(`SELECT 1 FROM oversight.action_item_transition WHERE action_item_id = $1`, [
      item.id,
    ]);
    expect(history).toHaveLength(1);
  });

  it.each(["DONE", "DROPPED"])("treats %s as final", async (final) => {
    const { item } = await agreed();
    ok(await h.gql(MOVE, { id: item.id, status: "IN_PROGRESS", reason: "Started." }, OFFICER));
    ok(await h.gql(MOVE, { id: item.id, status: final, reason: "Closed." }, OFFICER));
    for (const to of ["OPEN", "IN_PROGRESS", "DONE", "DROPPED"]) {
      const res = await h.gql(MOVE, { id: item.id, status: to, reason: "Reopen it." }, OFFICER);
      expect(errorsOf(res)).toEqual([
        {
          message: `Action item ${item.id} is ${final}; it can move to nothing (final), not ${to}.`,
          path: ["moveActionItem"],
          code: "BAD_USER_INPUT",
        },
      ]);
    }
  });

  it("drops an OPEN item with its reason", async () => {
    const { item } = await agreed();
    const dropped = ok(
      await h.gql(MOVE, { id: item.id, status: "DROPPED", reason: "Overtaken by the new law." }, OFFICER),
    ).moveActionItem;
    expect(dropped.status).toBe("DROPPED");
    expect(dropped.history.at(-1)).toEqual({
      from: "OPEN",
      to: "DROPPED",
      reason: "Overtaken by the new law.",
      by: OFFICER.sub,
    });
  });

  it("needs a reason, and names an unknown item NOT_FOUND", async () => {
    const { item } = await agreed();
    expect(errorsOf(await h.gql(MOVE, { id: item.id, status: "IN_PROGRESS", reason: "  " }, OFFICER))).toEqual([
      {
        message: "reason must be between 3 and 2000 characters (not counting surrounding spaces).",
        path: ["moveActionItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
    expect(errorsOf(await h.gql(MOVE, { id: UNKNOWN_ID, status: "IN_PROGRESS", reason: "Started." }, OFFICER))).toEqual(
      [{ message: `ActionItem ${UNKNOWN_ID} does not exist.`, path: ["moveActionItem"], code: "NOT_FOUND" }],
    );
  });

  it.each([
    ["CASE", "Case"],
    ["FACILITY", "Facility"],
    ["COMPLAINT", "Complaint"],
    ["CASE_REVIEW", "CaseReview"],
    ["FINDING", "Finding"],
    ["RECOMMENDATION", "Recommendation"],
  ])("concerns a %s by its key, as the owner's entity %s", async (kind, typename) => {
    const taskForce = await createTaskForce(h.db);
    const id = randomUUID();
    const item = ok(
      await h.gql(
        CREATE_ITEM,
        {
          input: {
            taskForceId: taskForce.id,
            title: "Follow it up",
            owner: { agency: "MIA", officialName: "Arben Gashi" },
            dueAt: daysFromNow(10),
            concerns: { kind, id },
          },
        },
        OFFICER,
      ),
    ).createActionItem;
    expect(item.concerns).toEqual({ __typename: typename, id });
  });

  it("checks the owner's organisation and the due date", async () => {
    const taskForce = await createTaskForce(h.db);
    const input = (owner: Record<string, unknown>, dueAt = daysFromNow(5)) => ({
      input: {
        taskForceId: taskForce.id,
        title: "Fix the heating",
        owner: { officialName: "Driton Hoxha", ...owner },
        dueAt,
      },
    });
    expect(errorsOf(await h.gql(CREATE_ITEM, input({ agency: "FACILITY_OPERATOR" }), OFFICER))).toEqual([
      {
        message: "input.owner.orgId is required for FACILITY_OPERATOR: the facility or monitoring body that owes it.",
        path: ["createActionItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
    expect(errorsOf(await h.gql(CREATE_ITEM, input({ agency: "DHS", orgId: randomUUID() }), OFFICER))).toEqual([
      {
        message: "input.owner.orgId names an organisation, which DHS does not have.",
        path: ["createActionItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
    const past = daysFromNow(-1);
    expect(errorsOf(await h.gql(CREATE_ITEM, input({ agency: "MIA" }, past), OFFICER))).toEqual([
      {
        message: `input.dueAt must be in the future; got ${past.toISOString()}.`,
        path: ["createActionItem"],
        code: "BAD_USER_INPUT",
      },
    ]);
  });
});

describe("every write leaves one audit event in its transaction", () => {
  it("names the records each mutation wrote, with the caller", async () => {
    const { taskForce, mia } = await meetingSetUp();
    const meeting = ok(
      await h.gql(
        CREATE_MEETING,
        {
          input: {
            taskForceId: taskForce.id,
            heldAt: daysFromNow(-1).toISOString(),
            location: "Prishtinë",
            attendeeIds: [mia.id],
          },
        },
        OFFICER,
      ),
    ).createMeeting;
    const item = ok(
      await h.gql(ADD_AGENDA, { input: { meetingId: meeting.id, title: "Audit me", origin: "MEMBER" } }, OFFICER),
    ).addAgendaItem;
    const decision = ok(
      await h.gql(DECIDE, { input: { meetingId: meeting.id, text: "Decided for the audit." } }, OFFICER),
    ).recordDecision;
    const action = ok(
      await h.gql(
        CREATE_ITEM,
        {
          input: {
            meetingId: meeting.id,
            title: "Audited item",
            owner: { agency: "MIA", officialName: "Arben Gashi" },
            dueAt: daysFromNow(9),
          },
        },
        OFFICER,
      ),
    ).createActionItem;
    ok(await h.gql(MOVE, { id: action.id, status: "IN_PROGRESS", reason: "Started." }, OFFICER));
    ok(await h.gql(`mutation($id: ID!) { publishMeetingMinutes(meetingId: $id) { id } }`, { id: meeting.id }, OFFICER));
    const expectOne = async (operation: string, ids: string[]) => {
      const events = (await writeEvents(h.db, operation)).filter((e) => ids.every((id) => e.record_ids.includes(id)));
      expect(events).toHaveLength(1);
      expect(events[0].actor_sub).toBe(OFFICER.sub);
    };
    await expectOne("createMeeting", [meeting.id, taskForce.id, mia.id]);
    await expectOne("addAgendaItem", [item.id, meeting.id]);
    await expectOne("recordDecision", [decision.id, meeting.id]);
    await expectOne("createActionItem", [action.id, meeting.id]);
    await expectOne("moveActionItem", [action.id]);
    await expectOne("publishMeetingMinutes", [meeting.id]);
  });

  it("writes no event for a refused write", async () => {
    const { taskForce } = await meetingSetUp();
    const before = (await h.db.query(`SELECT count(*)::int AS n FROM oversight.audit_event WHERE kind = 'WRITE'`))[0].n;
    await h.gql(
      CREATE_MEETING,
      { input: { taskForceId: taskForce.id, heldAt: daysFromNow(1), location: "X", attendeeIds: [] } },
      OFFICER,
    );
    expect((await h.db.query(`SELECT count(*)::int AS n FROM oversight.audit_event WHERE kind = 'WRITE'`))[0].n).toBe(
      before,
    );
  });
});

describe("the Idempotency-Key", () => {
  it("acts once for a repeated key and answers the repeat with the first answer", async () => {
    const taskForce = await createTaskForce(h.db);
    const key = `oversight-${randomUUID()}`;
    const authorization = (await h.auth.authorization(OFFICER))!;
    const variables = {
      input: {
        taskForceId: taskForce.id,
        title: "Once only",
        owner: { agency: "MIA", officialName: "Arben Gashi" },
        dueAt: daysFromNow(4),
      },
    };
    const send = () => graphqlRequest(h.url, CREATE_ITEM, variables, { authorization, "idempotency-key": key });
    const first = await send();
    const again = await send();
    expect(first.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    const rows = await h.db.query(`SELECT id FROM oversight.action_item WHERE task_force_id = $1`, [taskForce.id]);
    expect(rows).toHaveLength(1);
    expect(
      await writeEvents(h.db, "createActionItem").then((e) => e.filter((x) => x.record_ids.includes(rows[0].id))),
    ).toHaveLength(1);
  });
});
