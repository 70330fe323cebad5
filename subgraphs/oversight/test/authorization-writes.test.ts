import { randomUUID } from "node:crypto";
import type { CallAs } from "@kgraph/platform";
import { SCOPES } from "@kgraph/policy";
import { CALLERS, type Caller, callerHolds } from "@kgraph/testkit";
import { Kind, type ObjectTypeDefinitionNode, parse } from "graphql";
import { definition } from "../src";
import { TaskForceAgency } from "../src/agency";
import { ACTION_ITEM_WRITE_FORBIDDEN } from "../src/modules/action-item/action-item.policy";
import { ASSESSMENT_WRITE_FORBIDDEN } from "../src/modules/assessment/assessment.policy";
import { MEETING_WRITE_FORBIDDEN } from "../src/modules/meeting/meeting.policy";
import {
  type OversightHarness,
  createActionItemRow,
  createAssessmentRow,
  createMeetingRow,
  createMember,
  createTaskForce,
  daysFromNow,
  startOversightHarness,
} from "./harness";

/**
 * THE WRITE TABLE of the oversight subgraph: every mutation × every role and the public. The MIA
 * and the Ombudsperson write everything; the DHS liaison and monitors hold oversight:write only
 * for the action items they own (DHS's; their own body's), so they create and move those and
 * nothing else; everyone else lacks the scope. A refused write changes no row.
 */

jest.setTimeout(120_000);

const W = SCOPES.OVERSIGHT_WRITE;
let h: OversightHarness;
const body = randomUUID();

beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function callAs(caller: Caller): Promise<CallAs> {
  if (caller === "public") return { token: await h.auth.publicToken() };
  return {
    roles: [caller],
    sub: `writes-${caller}`,
    ...(caller === "monitor" ? { org_id: body } : {}),
    ...(caller === "facility_staff" ? { facility_id: randomUUID() } : {}),
  };
}

/** The owner a caller may give its own items. */
function ownOwner(caller: Caller) {
  if (caller === "dhs_liaison") return { agency: TaskForceAgency.DHS, officialName: "Liaison Officer" };
  if (caller === "monitor") return { agency: TaskForceAgency.CIVIL_SOCIETY, officialName: "Monitor", orgId: body };
  return { agency: TaskForceAgency.MIA, officialName: "Arben Gashi" };
}

async function snapshot(): Promise<Record<string, number>> {
  const tables = [
    "task_force",
    "task_force_member",
    "mandate",
    "task_force_meeting",
    "agenda_item",
    "decision",
    "action_item",
    "action_item_transition",
    "obligation",
    "impact_assessment",
    "assessment_recommendation",
    "public_report",
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = (await h.db.query(`SELECT count(*)::int AS n FROM oversight.${table}`))[0].n;
  }
  return counts;
}

const FULL: readonly Caller[] = ["mia_officer", "ombudsperson"];
const OWNERS: readonly Caller[] = ["mia_officer", "ombudsperson", "dhs_liaison", "monitor"];

interface Probe {
  name: string;
  field: string;
  query: string;
  prepare: (caller: Caller) => Promise<Record<string, unknown>>;
  /** Callers it succeeds for (the others holding the scope are refused with `refusal`). */
  writers: readonly Caller[];
  refusal: string;
  expected: (variables: Record<string, any>) => unknown;
  /** The scope the mutation needs (oversight:write unless said). */
  scope?: typeof W | typeof A;
}

const A = SCOPES.ASSESSMENT_WRITE;
const OMBUDSPERSON: readonly Caller[] = ["ombudsperson"];

const meeting = async (heldAt = daysFromNow(7)) => createMeetingRow(h.db, (await createTaskForce(h.db)).id, { heldAt });

const PROBES: Probe[] = [
  {
    name: "createMeeting",
    field: "createMeeting",
    query: `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { location } }`,
    prepare: async () => {
      const tf = await createTaskForce(h.db);
      const m = await createMember(h.db, tf.id);
      return { input: { taskForceId: tf.id, heldAt: daysFromNow(9), location: "Prishtinë", attendeeIds: [m.id] } };
    },
    writers: FULL,
    refusal: MEETING_WRITE_FORBIDDEN,
    expected: () => ({ location: "Prishtinë" }),
  },
  {
    name: "addAgendaItem",
    field: "addAgendaItem",
    query: `mutation($id: ID!) { addAgendaItem(input: { meetingId: $id, title: "Interpreters", origin: MEMBER }) { position } }`,
    prepare: async () => ({ id: (await meeting()).id }),
    writers: FULL,
    refusal: MEETING_WRITE_FORBIDDEN,
    expected: () => ({ position: 1 }),
  },
  {
    name: "recordDecision",
    field: "recordDecision",
    query: `mutation($id: ID!) { recordDecision(input: { meetingId: $id, text: "Decided." }) { text } }`,
    prepare: async () => ({ id: (await meeting()).id }),
    writers: FULL,
    refusal: MEETING_WRITE_FORBIDDEN,
    expected: () => ({ text: "Decided." }),
  },
  {
    name: "publishMeetingMinutes",
    field: "publishMeetingMinutes",
    query: `mutation($id: ID!) { publishMeetingMinutes(meetingId: $id) { id } }`,
    prepare: async () => ({ id: (await meeting(daysFromNow(-1))).id }),
    writers: FULL,
    refusal: MEETING_WRITE_FORBIDDEN,
    expected: (v) => ({ id: v.id }),
  },
  {
    name: "referReviewGap (an item the caller would own)",
    field: "referReviewGap",
    query: `mutation($input: ReferReviewGapInput!) { referReviewGap(input: $input) { actionItem { status } } }`,
    prepare: async (caller) => ({
      input: {
        caseReviewId: randomUUID(),
        gap: "Screening was late",
        meetingId: (await meeting()).id,
        action: "Schedule screenings within 72 h",
        owner: ownOwner(caller),
        dueAt: daysFromNow(30),
      },
    }),
    writers: FULL,
    refusal: MEETING_WRITE_FORBIDDEN,
    expected: () => ({ actionItem: { status: "OPEN" } }),
  },
  {
    name: "createActionItem (owned by the caller)",
    field: "createActionItem",
    query: `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { status owner { agency } } }`,
    prepare: async (caller) => ({
      input: {
        taskForceId: (await createTaskForce(h.db)).id,
        title: "Own item",
        owner: ownOwner(caller),
        dueAt: daysFromNow(20),
      },
    }),
    writers: OWNERS,
    refusal: ACTION_ITEM_WRITE_FORBIDDEN,
    expected: (v) => ({ status: "OPEN", owner: { agency: v.input.owner.agency } }),
  },
  {
    name: "createActionItem (owned by the MIA)",
    field: "createActionItem",
    query: `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { status } }`,
    prepare: async () => ({
      input: {
        taskForceId: (await createTaskForce(h.db)).id,
        title: "The MIA's item",
        owner: { agency: "MIA", officialName: "Arben Gashi" },
        dueAt: daysFromNow(20),
      },
    }),
    writers: FULL,
    refusal: ACTION_ITEM_WRITE_FORBIDDEN,
    expected: () => ({ status: "OPEN" }),
  },
  {
    name: "moveActionItem (owned by the caller)",
    field: "moveActionItem",
    query: `mutation($id: ID!) { moveActionItem(id: $id, status: IN_PROGRESS, reason: "Started.") { status } }`,
    prepare: async (caller) => {
      const owner = ownOwner(caller);
      const item = await createActionItemRow(h.db, (await createTaskForce(h.db)).id, {
        ownerAgency: owner.agency,
        ownerOrgId: "orgId" in owner ? owner.orgId : null,
      });
      return { id: item.id };
    },
    writers: OWNERS,
    refusal: ACTION_ITEM_WRITE_FORBIDDEN,
    expected: () => ({ status: "IN_PROGRESS" }),
  },
  {
    name: "moveActionItem (owned by the MIA)",
    field: "moveActionItem",
    query: `mutation($id: ID!) { moveActionItem(id: $id, status: IN_PROGRESS, reason: "Started.") { status } }`,
    prepare: async () => ({ id: (await createActionItemRow(h.db, (await createTaskForce(h.db)).id)).id }),
    writers: FULL,
    refusal: ACTION_ITEM_WRITE_FORBIDDEN,
    expected: () => ({ status: "IN_PROGRESS" }),
  },
  {
    name: "createImpactAssessment",
    field: "createImpactAssessment",
    query: `mutation($input: CreateImpactAssessmentInput!) { createImpactAssessment(input: $input) { status } }`,
    prepare: async () => ({
      input: {
        taskForceId: (await createTaskForce(h.db)).id,
        title: "Assessment of the quarter",
        quarter: "2025-Q4",
        scope: "PROGRAMME",
        method: "Public figures.",
        findings: [],
        recommendations: [],
      },
    }),
    writers: OMBUDSPERSON,
    refusal: ASSESSMENT_WRITE_FORBIDDEN,
    expected: () => ({ status: "DRAFT" }),
    scope: A,
  },
  {
    name: "reviseImpactAssessment",
    field: "reviseImpactAssessment",
    query: `mutation($id: ID!) { reviseImpactAssessment(id: $id, input: { findings: ["Revised."] }) { findings } }`,
    prepare: async () => ({ id: (await createAssessmentRow(h.db, (await createTaskForce(h.db)).id)).id }),
    writers: OMBUDSPERSON,
    refusal: ASSESSMENT_WRITE_FORBIDDEN,
    expected: () => ({ findings: ["Revised."] }),
    scope: A,
  },
  {
    name: "moveImpactAssessment",
    field: "moveImpactAssessment",
    query: `mutation($id: ID!) { moveImpactAssessment(id: $id, status: CONSULTATION) { status } }`,
    prepare: async () => ({ id: (await createAssessmentRow(h.db, (await createTaskForce(h.db)).id)).id }),
    writers: OMBUDSPERSON,
    refusal: ASSESSMENT_WRITE_FORBIDDEN,
    expected: () => ({ status: "CONSULTATION" }),
    scope: A,
  },
];

it("has a probe for every mutation of the subgraph", async () => {
  const mutation = parse((await definition.buildSchema()).sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Mutation",
  );
  const declared = (mutation?.fields ?? []).map((f) => f.name.value).sort();
  expect([...new Set(PROBES.map((p) => p.field))].sort()).toEqual(declared);
});

it.each(PROBES.flatMap((probe) => CALLERS.map((caller) => [probe.name, caller] as const)))(
  "%s as %s",
  async (name, caller) => {
    const probe = PROBES.find((p) => p.name === name)!;
    const variables = await probe.prepare(caller);
    const before = await snapshot();
    const res = await h.gql(probe.query, variables, await callAs(caller));
    if (probe.writers.includes(caller)) {
      expect(res).toEqual({ status: 200, data: { [probe.field]: probe.expected(variables) } });
      return;
    }
    expect(res.status).toBe(200);
    expect(res.data).toBeNull();
    const scope = probe.scope ?? W;
    const holds = callerHolds(caller, [scope]);
    expect(res.errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }))).toEqual([
      {
        message: holds ? probe.refusal : `Mutation.${probe.field} needs ${scope}.`,
        path: [probe.field],
        code: "FORBIDDEN",
      },
    ]);
    expect(await snapshot()).toEqual(before);
  },
);
