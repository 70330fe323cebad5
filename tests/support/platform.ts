import path from "node:path";
import { definition as cases } from "@kgraph/cases";
import { definition as facilities } from "@kgraph/facilities";
import { startGateway } from "@kgraph/gateway";
import { definition as monitoring } from "@kgraph/monitoring";
import { definition as training } from "@kgraph/training";
import {
  type GraphQLResponse,
  type RunningServer,
  type SubgraphDefinition,
  createLogger,
  createTestDatabase,
  graphqlRequest,
  migrate,
} from "@kgraph/platform";

export const SUBGRAPHS: SubgraphDefinition[] = [cases, facilities, monitoring, training];
export const TEST_SUBJECT_REF_KEY = "e2e-subject-ref-key-not-a-secret";

export interface Platform {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<string, string>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * The whole platform for an end-to-end test: a fresh database, every subgraph's migrations,
 * an optional seed, the four subgraphs and the gateway on free ports over real HTTP, the
 * gateway serving the committed supergraph.
 */
export async function startPlatform(options: { seed?: (databaseUrl: string) => Promise<void> } = {}): Promise<Platform> {
  const database = await createTestDatabase("kgraph_e2e");
  const logger = createLogger("e2e", "silent");
  for (const subgraph of SUBGRAPHS) {
    const db = subgraph.createDataSource(database.url);
    await db.initialize();
    await migrate(db);
    await db.destroy();
  }
  await options.seed?.(database.url);
  const servers: RunningServer[] = [];
  const subgraphUrls: Record<string, string> = {};
  try {
    for (const subgraph of SUBGRAPHS) {
      const server = await subgraph.start({ databaseUrl: database.url, subjectRefKey: TEST_SUBJECT_REF_KEY, port: 0, logger });
      servers.push(server);
      subgraphUrls[subgraph.name] = server.url;
    }
    const gateway = await startGateway({
      supergraphPath: path.resolve(__dirname, "..", "..", "schema", "supergraph.graphql"),
      subgraphUrls,
      port: 0,
      logger,
    });
    servers.push(gateway);
    return {
      gatewayUrl: gateway.url,
      databaseUrl: database.url,
      subgraphUrls,
      gql: (query, variables, headers) => graphqlRequest(gateway.url, query, variables, headers),
      async stop() {
        for (const server of servers.reverse()) await server.stop();
        await database.drop();
      },
    };
  } catch (err) {
    for (const server of servers.reverse()) await server.stop();
    await database.drop();
    throw err;
  }
}
