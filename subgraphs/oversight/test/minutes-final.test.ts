import { randomUUID } from "node:crypto";
import {
  type OversightHarness,
  createMeetingRow,
  createTaskForce,
  daysFromNow,
  startOversightHarness,
} from "./harness";

/**
 * Published minutes are final: no write adds to them, whichever part of the minutes it would
 * add (probe 2, F2: action items were still added to minutes published weeks before, and every
 * monitor saw them among the items agreed there). Each write that attaches to a meeting is tried
 * on a meeting with published minutes (refused, nothing written) and on one without (done).
 */
let h: OversightHarness;
beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

const OFFICER = { roles: ["mia_officer"], sub: randomUUID() };

const WRITES: {
  name: string;
  document: string;
  input: (meetingId: string) => Record<string, unknown>;
  table: string;
}[] = [
  {
    name: "addAgendaItem",
    document: `mutation($input: AddAgendaItemInput!) { addAgendaItem(input: $input) { id } }`,
    input: (meetingId) => ({ meetingId, title: "Late item", origin: "MEMBER" }),
    table: "oversight.agenda_item",
  },
  {
    name: "recordDecision",
    document: `mutation($input: RecordDecisionInput!) { recordDecision(input: $input) { id } }`,
    input: (meetingId) => ({ meetingId, text: "Late decision" }),
    table: "oversight.decision",
  },
  {
    name: "createActionItem",
    document: `mutation($input: CreateActionItemInput!) { createActionItem(input: $input) { id } }`,
    input: (meetingId) => ({
      meetingId,
      title: "Late action",
      owner: { agency: "MIA", officialName: "Arben Gashi" },
      dueAt: daysFromNow(30).toISOString(),
    }),
    table: "oversight.action_item",
  },
];

const rowsOf = async (table: string, meetingId: string) =>
  Number((await h.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE meeting_id = $1`, [meetingId]))[0].n);

it.each(WRITES.map((write) => [write.name, write] as const))(
  "%s: refused on published minutes, nothing written; done on open ones",
  async (_name, write) => {
    const taskForce = await createTaskForce(h.db);
    const published = await createMeetingRow(h.db, taskForce.id, {
      heldAt: daysFromNow(-20),
      minutesPublishedAt: daysFromNow(-10),
    });
    const open = await createMeetingRow(h.db, taskForce.id, { heldAt: daysFromNow(-2) });

    const refused = await h.gql(write.document, { input: write.input(published.id) }, OFFICER);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`The minutes of meeting ${published.id} were published on`),
      extensions: { code: "BAD_USER_INPUT", argument: "input.meetingId" },
    });
    expect(await rowsOf(write.table, published.id)).toBe(0);

    const done = await h.gql(write.document, { input: write.input(open.id) }, OFFICER);
    expect(done.errors).toBeUndefined();
    expect(await rowsOf(write.table, open.id)).toBe(1);
  },
);
