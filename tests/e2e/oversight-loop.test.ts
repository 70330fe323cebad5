import { runSeed } from "../../tools/src/seed/run";
import { buildWorld } from "../../tools/src/seed/world";
import { type Platform, startPlatform } from "../support/platform";

/**
 * THE ACCOUNTABILITY LOOP through the gateway (issue 9): a joint case review of an arrived case
 * (cases) finds a procedural gap; an MIA officer refers it to the task force (oversight), which
 * puts it on a meeting's agenda and opens an action item pointing at the review by its key; the
 * graph resolves that key back into the review and its case (cases), each subgraph serving its
 * own facts under its own rules; the item moves IN_PROGRESS, then DONE; the audit trail, read
 * through the graph by an auditor, shows every step — the review in cases', the referral and
 * both moves in oversight's, by the same actor, in order.
 */
const CASES = 120;
const world = buildWorld({ cases: CASES });
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ seed: (url) => runSeed(url, { cases: CASES, progress: () => undefined }) });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

const OFFICER = { roles: ["mia_officer"], sub: "00000000-0000-4000-8000-00000000100a" };
const ok = <T = any>(res: { data?: unknown; errors?: unknown }): T => {
  expect(res.errors).toBeUndefined();
  return res.data as T;
};

it("walks a gap from a joint case review to an action item and its closure, with the audit trail showing each step", async () => {
  const arrived = world.cases.find((c) => c.arrivedAt && c.status === "ACCOMMODATED")!;
  expect(arrived).toBeDefined();

  // 1. The joint review (cases).
  const review = ok(
    await platform.gql(
      `mutation($input: RecordCaseReviewInput!) { recordCaseReview(input: $input) { id heldAt case { id } } }`,
      {
        input: {
          caseId: arrived.id,
          panel: ["MIA case officer", "Centre for Social Work", "Ombudsperson observer"],
          decisions: [{ code: "LEGAL_AID_REFERRAL", text: "Counsel to see the person this week." }],
        },
      },
      OFFICER,
    ),
  ).recordCaseReview as { id: string; heldAt: string; case: { id: string } };
  expect(review.case).toEqual({ id: arrived.id });

  // 2. A meeting to take it (the seeded task force's), and the referral in one mutation (oversight).
  const { taskForces } = ok(await platform.gql(`{ taskForces { id name } }`, {}, OFFICER));
  expect(taskForces).toEqual([{ id: expect.any(String), name: "Joint Task Force on Reception and Onward Return" }]);
  const meeting = ok(
    await platform.gql(
      `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }`,
      {
        input: {
          taskForceId: taskForces[0].id,
          heldAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          location: "Ministry of Internal Affairs, Prishtinë",
          attendeeIds: [],
        },
      },
      OFFICER,
    ),
  ).createMeeting as { id: string };
  const referral = ok(
    await platform.gql(
      `mutation($input: ReferReviewGapInput!) { referReviewGap(input: $input) {
        agendaItem { id origin meeting { id } }
        actionItem { id status }
      } }`,
      {
        input: {
          caseReviewId: review.id,
          gap: "Counsel was offered 60 h after arrival, not within 24 h",
          meetingId: meeting.id,
          action: "Put counsel on call at the reception centre at weekends",
          owner: { agency: "MIA", officialName: "Head of Case Management" },
          dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      },
      OFFICER,
    ),
  ).referReviewGap as { agendaItem: { id: string }; actionItem: { id: string; status: string } };
  expect(referral.actionItem.status).toBe("OPEN");

  // 3. The graph resolves the review's key in cases: oversight holds only the key.
  const item = ok(
    await platform.gql(
      `query($id: ID!) { actionItem(id: $id) { title status
        concerns { __typename ... on CaseReview { id heldAt panel case { id caseNumber } } } } }`,
      { id: referral.actionItem.id },
      OFFICER,
    ),
  ).actionItem;
  expect(item).toEqual({
    title: "Put counsel on call at the reception centre at weekends",
    status: "OPEN",
    concerns: {
      __typename: "CaseReview",
      id: review.id,
      heldAt: review.heldAt,
      panel: ["MIA case officer", "Centre for Social Work", "Ombudsperson observer"],
      case: { id: arrived.id, caseNumber: arrived.caseNumber },
    },
  });

  // The DHS liaison reads it but may not move the MIA's item; a monitor does not see it
  // (its meeting's minutes are unpublished and it is not their body's).
  const dhsMove = await platform.gql(
    `mutation($id: ID!) { moveActionItem(id: $id, status: IN_PROGRESS, reason: "DHS starts it.") { status } }`,
    { id: referral.actionItem.id },
    "dhs_liaison",
  );
  expect(dhsMove.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  const monitorView = await platform.gql(
    `query($id: ID!) { actionItem(id: $id) { title } }`,
    { id: referral.actionItem.id },
    { roles: ["monitor"], org_id: world.monitoringBodies[1].id },
  );
  expect(monitorView.errors).toBeUndefined();
  expect(monitorView.data).toEqual({ actionItem: null });

  // 4. IN_PROGRESS, then DONE, each with its reason.
  for (const [status, reason] of [
    ["IN_PROGRESS", "Rota drafted with the bar association."],
    ["DONE", "Counsel on call every weekend since the 1st."],
  ]) {
    const moved = ok(
      await platform.gql(
        `mutation($id: ID!, $status: ActionItemStatus!, $reason: String!) {
          moveActionItem(id: $id, status: $status, reason: $reason) { status } }`,
        { id: referral.actionItem.id, status, reason },
        OFFICER,
      ),
    );
    expect(moved.moveActionItem.status).toBe(status);
  }
  const history = ok(
    await platform.gql(
      `query($id: ID!) { actionItem(id: $id) { status history { from to reason by } } }`,
      { id: referral.actionItem.id },
      "ombudsperson",
    ),
  ).actionItem;
  expect(history).toEqual({
    status: "DONE",
    history: [
      {
        from: null,
        to: "OPEN",
        reason: `Referred from joint case review ${review.id}: Counsel was offered 60 h after arrival, not within 24 h`,
        by: OFFICER.sub,
      },
      { from: "OPEN", to: "IN_PROGRESS", reason: "Rota drafted with the bar association.", by: OFFICER.sub },
      { from: "IN_PROGRESS", to: "DONE", reason: "Counsel on call every weekend since the 1st.", by: OFFICER.sub },
    ],
  });

  // 5. The audit trail through the graph, as an auditor: every step, by the officer, in order.
  const trail = ok(
    await platform.gql(
      `query($review: ID!, $item: ID!) { auditTrail {
        cases(first: 20, filter: { recordId: $review }) { edges { node { kind operation actorSub recordIds } } }
        oversight(first: 20, filter: { recordId: $review }) { edges { node { kind operation actorSub recordIds } } }
        item: oversight(first: 20, filter: { recordId: $item }) { edges { node { kind operation actorSub } } }
      } }`,
      { review: review.id, item: referral.actionItem.id },
      "auditor",
    ),
  ).auditTrail;
  const nodes = (list: { edges: { node: any }[] }) => list.edges.map((e) => e.node);
  expect(nodes(trail.cases).filter((e) => e.kind === "WRITE")).toEqual([
    expect.objectContaining({ operation: "mutation recordCaseReview", actorSub: OFFICER.sub }),
  ]);
  expect(nodes(trail.oversight)).toEqual([
    {
      kind: "WRITE",
      operation: "mutation referReviewGap",
      actorSub: OFFICER.sub,
      recordIds: expect.arrayContaining([review.id, referral.agendaItem.id, referral.actionItem.id, meeting.id]),
    },
  ]);
  const itemSteps = nodes(trail.item).map((e) => `${e.kind} ${e.operation} ${e.actorSub}`);
  // The trail lists newest first or oldest first; either way these three, and only these.
  expect([...itemSteps].sort()).toEqual(
    [
      `WRITE mutation referReviewGap ${OFFICER.sub}`,
      `WRITE mutation moveActionItem ${OFFICER.sub}`,
      `WRITE mutation moveActionItem ${OFFICER.sub}`,
    ].sort(),
  );
  // The refused DHS move left no event.
  expect(itemSteps.filter((step) => step.includes("dhs"))).toEqual([]);
}, 60_000);

it("shows the task force every agency's overdue ledger from the seeded year, and each role its own", async () => {
  const asOf = world.now.toISOString();
  const ledgers = ok(
    await platform.gql(
      `query($asOf: DateTimeISO!) { overdueByAgency(asOf: $asOf) { agency ageing { band count } } }`,
      { asOf },
      "ombudsperson",
    ),
  ).overdueByAgency as { agency: string; ageing: { count: number }[] }[];
  expect(ledgers.map((l) => l.agency)).toEqual(["MIA", "DHS", "OMBUDSPERSON", "FACILITY_OPERATOR", "CIVIL_SOCIETY"]);
  const total = ledgers.flatMap((l) => l.ageing).reduce((n, b) => n + b.count, 0);
  expect(total).toBeGreaterThan(0);

  const refused = await platform.gql(`{ overdueByAgency { agency } }`, {}, "dhs_liaison");
  expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHORIZED_FIELD_OR_TYPE"]);
  const own = ok(
    await platform.gql(
      `query($asOf: DateTimeISO!) { myOverdue(asOf: $asOf) { agency actionItems { daysOverdue band actionItem { owner { agency } } } } }`,
      { asOf },
      "dhs_liaison",
    ),
  ).myOverdue as { agency: string; actionItems: { actionItem: { owner: { agency: string } } }[] }[];
  expect(own.map((l) => l.agency)).toEqual(["DHS"]);
  expect(own[0].actionItems.every((i) => i.actionItem.owner.agency === "DHS")).toBe(true);
});
