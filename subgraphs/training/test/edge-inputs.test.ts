import { describeEdgeInputs, describeTokenWall, entityDoor, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { definition } from "../src";
import { type TrainingHarness, startTrainingHarness } from "./harness";

/**
 * Issue 8, findings 8 and 9: every list's cursor, every id argument and every time argument of
 * the training subgraph, malformed, is the caller's error (BAD_USER_INPUT naming it), never a database
 * error, and writes nothing. The cases come from the schema (see the kit).
 */
let h: TrainingHarness;

beforeAll(async () => {
  h = await startTrainingHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describeEdgeInputs("training subgraph", () => ({
  schemas: async () => [(await definition.buildSchema()).schema],
  send: (query, variables) => h.gql(query, variables),
  door: async (type) => (type === "AuditTrail" ? entityDoor({ __typename: "AuditTrail", id: "audit" }) : undefined),
  rowCounts: () => rowCountsOf((sql, params) => h.db.query(sql, params), ["training"]),
}));

describeTokenWall(
  "training subgraph",
  () => h.url,
  () => h.auth,
);
