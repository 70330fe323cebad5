import { describeEdgeInputs, describeTokenWall, entityDoor, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { definition } from "../src";
import { type CasesHarness, startCasesHarness } from "./harness";

/**
 * Issue 8, findings 8 and 9: every list's cursor, every id argument and every time argument of
 * the cases subgraph, malformed, is the caller's error (BAD_USER_INPUT naming it), never a database
 * error, and writes nothing. The cases come from the schema (see the kit).
 */
let h: CasesHarness;

beforeAll(async () => {
  h = await startCasesHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describeEdgeInputs("cases subgraph", () => ({
  schemas: async () => [(await definition.buildSchema()).schema],
  send: (query, variables) => h.gql(query, variables),
  door: async (type) =>
    type === "AuditTrail"
      ? entityDoor({ __typename: "AuditTrail", id: "audit" })
      : type === "OverdueLedger"
        ? entityDoor({ __typename: "OverdueLedger", agency: "MIA" })
        : undefined,
  rowCounts: () => rowCountsOf((sql, params) => h.db.query(sql, params), ["cases"]),
}));

describeTokenWall(
  "cases subgraph",
  () => h.url,
  () => h.auth,
);
