import { describeEdgeInputs, describeTokenWall, entityDoor, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { definition } from "../src";
import { type OversightHarness, startOversightHarness } from "./harness";

/**
 * Every list's cursor, every id argument and every time argument of the oversight subgraph,
 * malformed, is the caller's error (BAD_USER_INPUT naming it), never a database error, and
 * writes nothing; and its token wall refuses every bad token. The cases come from the schema.
 */
let h: OversightHarness;

beforeAll(async () => {
  h = await startOversightHarness();
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describeEdgeInputs("oversight subgraph", () => ({
  schemas: async () => [(await definition.buildSchema()).schema],
  send: (query, variables) => h.gql(query, variables),
  door: async (type) =>
    type === "AuditTrail"
      ? entityDoor({ __typename: "AuditTrail", id: "audit" })
      : type === "OverdueLedger"
        ? entityDoor({ __typename: "OverdueLedger", agency: "MIA" })
        : undefined,
  rowCounts: () => rowCountsOf((sql, params) => h.db.query(sql, params), ["oversight"]),
}));

describeTokenWall(
  "oversight subgraph",
  () => h.url,
  () => h.auth,
);
