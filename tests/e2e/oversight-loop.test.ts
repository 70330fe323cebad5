import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print } from "graphql";
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

/** The MyOverdue operation of documents/overdue.graphql, with the fragments it uses, as a frontend sends it. */
function documentOperation(name: string): string {
  const document = parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "documents", "overdue.graphql"), "utf8"));
  return print({
    ...document,
    definitions: document.definitions.filter(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION || (d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name),
    ),
  });
}

interface CaseFacts {
  id: string;
  caseNumber: string;
  arrivedAt: string | null;
  closedAt: string | null;
  screenings: { screenedAt: string }[];
  counselContacts: { requestedAt: string }[];
}

/** Every case's arrival, closing, screenings and counsel contacts, as an officer reads them through the graph. */
async function caseFacts(): Promise<CaseFacts[]> {
  const { cases } = ok(
    await platform.gql(
      `{ cases(first: ${CASES}) { edges { node { id caseNumber arrivedAt closedAt screenings { screenedAt } } } } }`,
      {},
      OFFICER,
    ),
  );
  const facts = (cases.edges as { node: Omit<CaseFacts, "counselContacts"> }[]).map((e) => e.node);
  expect(facts).toHaveLength(CASES);
  const contacts = new Map<string, { requestedAt: string }[]>();
  // Eight at a time: a case's counsel contacts are priced at their maximum (500) each.
  for (let i = 0; i < facts.length; i += 8) {
    const batch = facts.slice(i, i + 8);
    const data = ok(
      await platform.gql(
        `query { ${batch.map((c, j) => `c${j}: case(id: "${c.id}") { counselContacts { requestedAt } }`).join(" ")} }`,
        {},
        OFFICER,
      ),
    );
    batch.forEach((c, j) => contacts.set(c.id, data[`c${j}`].counselContacts));
  }
  return facts.map((c) => ({ ...c, counselContacts: contacts.get(c.id)! }));
}

/**
 * What the MIA owes at `asOf` by the obligations catalogue's rules, worked out from the facts the
 * graph serves: counsel contact within 24 h and a screening within 72 h of arrival, for open cases.
 */
function owedAt(facts: CaseFacts[], asOf: Date, hours: number, met: (c: CaseFacts) => string[]) {
  const at = asOf.getTime();
  return facts
    .filter((c) => c.arrivedAt && Date.parse(c.arrivedAt) + hours * 3_600_000 < at)
    .filter((c) => !c.closedAt || Date.parse(c.closedAt) > at)
    .filter((c) => !met(c).some((t) => Date.parse(t) <= at))
    .sort((a, b) => Date.parse(a.arrivedAt!) - Date.parse(b.arrivedAt!) || a.id.localeCompare(b.id))
    .map((c) => {
      const dueAt = Date.parse(c.arrivedAt!) + hours * 3_600_000;
      const days = Math.floor((at - dueAt) / 86_400_000);
      const band =
        days <= 7 ? "DAYS_0_TO_7" : days <= 30 ? "DAYS_8_TO_30" : days <= 90 ? "DAYS_31_TO_90" : "OVER_90_DAYS";
      return {
        kind: hours === 24 ? "COUNSEL_OFFER" : "PROTECTION_SCREENING",
        dueAt: new Date(dueAt).toISOString(),
        daysOverdue: days,
        band,
        case: { id: c.id, caseNumber: c.caseNumber },
      };
    });
}

it("gives an MIA officer, in one query through the gateway, the task force's action items and what cases owes the MIA", async () => {
  const facts = await caseFacts();
  const query = documentOperation("MyOverdue");
  const counsel = (c: CaseFacts) => c.counselContacts.map((x) => x.requestedAt);
  const screened = (c: CaseFacts) => c.screenings.map((x) => x.screenedAt);

  // At the seeded "now": the MIA's overdue action items (oversight) and counsel offers (cases).
  const now = world.now;
  const [mia] = ok(await platform.gql(query, { asOf: now.toISOString() }, OFFICER)).myOverdue;
  expect(mia.agency).toBe("MIA");
  expect(mia.actionItems.length).toBeGreaterThan(0);
  const offers = owedAt(facts, now, 24, counsel);
  expect(offers.length).toBeGreaterThan(0);
  expect(mia.counselOffers).toEqual(offers);
  expect(mia.protectionScreenings).toEqual(owedAt(facts, now, 72, screened));
  // The Ombudsperson's complaints are not the MIA's.
  expect(mia.complaints).toEqual([]);

  // Three days after the arrival of a case screened later than that, its screening is overdue.
  const late = facts.find(
    (c) =>
      c.arrivedAt &&
      c.screenings.length &&
      Date.parse(c.screenings[0].screenedAt) - Date.parse(c.arrivedAt) > 4 * 86_400_000,
  )!;
  expect(late).toBeDefined();
  const asOf = new Date(Date.parse(late.arrivedAt!) + 4 * 86_400_000);
  const [then] = ok(await platform.gql(query, { asOf: asOf.toISOString() }, OFFICER)).myOverdue;
  const screenings = owedAt(facts, asOf, 72, screened);
  expect(screenings.map((e) => e.case.id)).toContain(late.id);
  expect(then.protectionScreenings).toEqual(screenings);
  expect(then.counselOffers).toEqual(owedAt(facts, asOf, 24, counsel));
}, 60_000);
