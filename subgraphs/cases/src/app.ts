import { type Logger, type RunningServer, startSubgraphServer } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createCasesDataSource } from "./data-source";
import { buildCasesSchema } from "./schema";

export interface CasesSubgraphOptions {
  databaseUrl: string;
  subjectRefKey: string;
  host?: string;
  port: number;
  logger: Logger;
}

/** Connects to the database and serves the subgraph; `stop()` closes both. */
export async function startCasesSubgraph(options: CasesSubgraphOptions): Promise<RunningServer> {
  const db = createCasesDataSource(options.databaseUrl, options.logger);
  await db.initialize();
  const { schema } = await buildCasesSchema();
  const server = await startSubgraphServer({
    name: "cases",
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
