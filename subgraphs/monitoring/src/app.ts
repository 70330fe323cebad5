import { type Logger, type RunningServer, startSubgraphServer } from "@kgraph/platform";
import { createContextFactory } from "./context";
import { createMonitoringDataSource } from "./data-source";
import { buildMonitoringSchema } from "./schema";

export interface MonitoringSubgraphOptions {
  databaseUrl: string;
  subjectRefKey: string;
  host?: string;
  port: number;
  logger: Logger;
}

/** Connects to the database and serves the subgraph; `stop()` closes both. */
export async function startMonitoringSubgraph(options: MonitoringSubgraphOptions): Promise<RunningServer> {
  const db = createMonitoringDataSource(options.databaseUrl, options.logger);
  await db.initialize();
  const { schema } = await buildMonitoringSchema();
  const server = await startSubgraphServer({
    name: "monitoring",
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
