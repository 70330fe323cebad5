import { type Logger, type RunningServer, startSubgraphServer } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createTrainingDataSource } from "./data-source";
import { buildTrainingSchema } from "./schema";

export interface TrainingSubgraphOptions {
  databaseUrl: string;
  subjectRefKey: string;
  host?: string;
  port: number;
  logger: Logger;
}

/** Connects to the database and serves the subgraph; `stop()` closes both. */
export async function startTrainingSubgraph(options: TrainingSubgraphOptions): Promise<RunningServer> {
  const db = createTrainingDataSource(options.databaseUrl, options.logger);
  await db.initialize();
  const { schema } = await buildTrainingSchema();
  const server = await startSubgraphServer({
    name: "training",
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
