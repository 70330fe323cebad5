import { type Logger, type RunningServer, startSubgraphServer } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createFacilitiesDataSource } from "./data-source";
import { buildFacilitiesSchema } from "./schema";

export interface FacilitiesSubgraphOptions {
  databaseUrl: string;
  subjectRefKey: string;
  host?: string;
  port: number;
  logger: Logger;
}

/** Connects to the database and serves the subgraph; `stop()` closes both. */
export async function startFacilitiesSubgraph(options: FacilitiesSubgraphOptions): Promise<RunningServer> {
  const db = createFacilitiesDataSource(options.databaseUrl, options.logger);
  await db.initialize();
  const { schema } = await buildFacilitiesSchema();
  const server = await startSubgraphServer({
    name: "facilities",
    schema,
    logger: options.logger,
    host: options.host,
    port: options.port,
    createContext: createContextFactory(db, options.subjectRefKey),
    ready: async () => {
      await db.query("SELECT 1");
    },
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await db.destroy();
    },
  };
}
