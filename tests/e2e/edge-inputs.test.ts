import { type Door, describeEdgeInputs, rowCountsOf } from "@kgraph/testkit/edge-inputs";
import { Client } from "pg";
import { runSeed } from "../../tools/src/seed/run";
import { SUBGRAPHS, type Platform, startPlatform } from "../support/platform";

/**
 * Issue 8, finding 8, through the gateway: every list's cursor, every id argument and every time
 * argument of the whole graph, malformed, is BAD_USER_INPUT naming it, never an internal error,
 * and writes nothing. The cases come from the four subgraphs' schemas (see the kit); fields of
 * other types are reached as a client reaches them.
 */
let platform: Platform;
let db: Client;
let facilityId: string;
beforeAll(async () => {
  platform = await startPlatform({
    seed: (url) => runSeed(url, { cases: 20, progress: () => undefined }),
    // Several hundred requests from one caller: above the rate a client is allowed.
    gatewayEnv: { LIMIT_REQUESTS_PER_MINUTE: "100000" },
  });
  db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  [{ id: facilityId }] = (await db.query("SELECT id FROM facilities.facility ORDER BY name LIMIT 1")).rows as {
    id: string;
  }[];
}, 180_000);
afterAll(async () => {
  await db?.end();
  await platform?.stop();
});

describeEdgeInputs("the gateway", () => ({
  schemas: () => Promise.all(SUBGRAPHS.map(async (subgraph) => (await subgraph.buildSchema()).schema)),
  send: (query, variables) => platform.gql(query, variables),
  door: async (type): Promise<Door | undefined> => {
    if (type === "AuditTrail") return { wrap: (selection) => `auditTrail { ${selection} }`, variables: {} };
    // The caller's own ledger: every role in platform.gql's token includes the MIA's.
    if (type === "OverdueLedger") return { wrap: (selection) => `myOverdue { ${selection} }`, variables: {} };
    if (type === "Facility") {
      return {
        wrap: (selection) => `facility(id: $edgeFacility) { ${selection} }`,
        variables: { edgeFacility: { type: "ID!", value: facilityId } },
      };
    }
    return undefined;
  },
  rowCounts: () =>
    rowCountsOf(
      async (sql, params) => (await db.query(sql, params)).rows,
      SUBGRAPHS.map((subgraph) => subgraph.name),
    ),
}));
