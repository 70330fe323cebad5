import { describeEdgeInputs, describeTokenWall, entityDoor, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { definition } from "../src";
import { type FacilitiesHarness, createFacility, startFacilitiesHarness } from "./harness";

/**
 * Issue 8, findings 8 and 9: every list's cursor, every id argument and every time argument of
 * the facilities subgraph, malformed, is the caller's error (BAD_USER_INPUT naming it), never a database
 * error, and writes nothing. The cases come from the schema (see the kit).
 */
let h: FacilitiesHarness;
let facilityId: string;
beforeAll(async () => {
  h = await startFacilitiesHarness();
  facilityId = (await createFacility(h.db)).id;
}, 60_000);
afterAll(async () => {
  await h?.stop();
});

describeEdgeInputs("facilities subgraph", () => ({
  schemas: async () => [(await definition.buildSchema()).schema],
  send: (query, variables) => h.gql(query, variables),
  door: async (type) =>
    type === "AuditTrail"
      ? entityDoor({ __typename: "AuditTrail", id: "audit" })
      : type === "Facility"
        ? entityDoor({ __typename: "Facility", id: facilityId })
        : undefined,
  rowCounts: () => rowCountsOf((sql, params) => h.db.query(sql, params), ["facilities"]),
}));

describeTokenWall(
  "facilities subgraph",
  () => h.url,
  () => h.auth,
);
