import { randomUUID } from "node:crypto";
import { TaskForceAgency } from "../src/agency";
import {
  type OversightHarness,
  createActionItemRow,
  createDecisionRow,
  createMeetingRow,
  createTaskForce,
  startOversightHarness,
} from "./harness";

/**
 * A record the caller may not see reads as absent (docs/integrators.md), also where it hangs off
 * a record they may see: facility staff read their operator's action item agreed at a meeting
 * whose minutes are not published; the decision it carries out is null and nothing in the answer
 * tells them one was recorded (probe 2, F4: "Decision.id is withheld by a record rule" did).
 */
let h: OversightHarness;
beforeAll(async () => {
  h = await startOversightHarness();
});
afterAll(async () => {
  await h?.stop();
});

const READ = `query($id: ID!) { actionItem(id: $id) { id decision { id text } meeting { id } } }`;

it("answers an unreadable decision exactly as no decision, and the Ombudsperson reads it", async () => {
  const facilityId = randomUUID();
  const staff = { roles: ["facility_staff"], sub: randomUUID(), facility_id: facilityId };
  const taskForce = await createTaskForce(h.db);
  const meeting = await createMeetingRow(h.db, taskForce.id, { minutesPublishedAt: null });
  const decision = await createDecisionRow(h.db, meeting.id);
  const owned = { ownerAgency: TaskForceAgency.FACILITY_OPERATOR, ownerOrgId: facilityId, meetingId: meeting.id };
  const withDecision = await createActionItemRow(h.db, taskForce.id, { ...owned, decisionId: decision.id });
  const withoutDecision = await createActionItemRow(h.db, taskForce.id, owned);

  const answers = await Promise.all([withDecision, withoutDecision].map((item) => h.gql(READ, { id: item.id }, staff)));
  expect(answers).toEqual([
    { data: { actionItem: { id: withDecision.id, decision: null, meeting: null } }, status: 200 },
    { data: { actionItem: { id: withoutDecision.id, decision: null, meeting: null } }, status: 200 },
  ]);

  const ombuds = await h.gql(READ, { id: withDecision.id }, { roles: ["ombudsperson"], sub: randomUUID() });
  expect(ombuds).toEqual({
    status: 200,
    data: {
      actionItem: {
        id: withDecision.id,
        decision: { id: decision.id, text: decision.text },
        meeting: { id: meeting.id },
      },
    },
  });
});
