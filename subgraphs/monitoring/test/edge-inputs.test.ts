import { describeEdgeInputs, describeTokenWall, entityDoor, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { definition } from "../src";
import { type MonitoringHarness, startMonitoringHarness } from "./harness";

/**
 * Issue 8, findings 8 and 9: every list's cursor, every id argument and every time argument of
 * the monitoring subgraph, malformed, is the caller's error (BAD_USER_INPUT naming it), never a database
 * error, and writes nothing. The cases come from the schema (see the kit).
 */
let h: MonitoringHarness;

beforeAll(async () => {
  h = await startMonitoringHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describeEdgeInputs("monitoring subgraph", () => ({
  schemas: async () => [(await definition.buildSchema()).schema],
  send: (query, variables) => h.gql(query, variables),
  door: async (type) =>
    type === "AuditTrail"
      ? entityDoor({ __typename: "AuditTrail", id: "audit" })
      : type === "OverdueLedger"
        ? entityDoor({ __typename: "OverdueLedger", agency: "MIA" })
        : undefined,
  rowCounts: () => rowCountsOf((sql, params) => h.db.query(sql, params), ["monitoring"]),
}));

describeTokenWall(
  "monitoring subgraph",
  () => h.url,
  () => h.auth,
);
