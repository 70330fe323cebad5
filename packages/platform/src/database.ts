import path from "node:path";
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type QueryRunner } from "typeorm";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import type { Logger } from "./logger";
import { DEFAULT_STATEMENT_TIMEOUT_MS } from "./config";

/**
 * Counts SQL statements sent by this process. Tests read it to prove that the number of
 * statements per request does not grow with the page size (no N+1); while `recorded` is set
 * (`recordStatements`), each statement is kept too, so a test can see what it asked for.
 */
export const sqlStatements: { count: number; recorded?: { query: string; parameters: unknown[] }[] } = { count: 0 };

class CountingLogger implements TypeOrmLogger {
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string, parameters?: unknown[]): void {
    sqlStatements.count += 1;
    sqlStatements.recorded?.push({ query, parameters: parameters ?? [] });
    if (process.env.DEBUG_SQL) process.stderr.write(`SQL ${query.slice(0, 160)}\n`);
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger?.warn({ err: error, query: query.slice(0, 500) }, "query failed");
  }
  logQuerySlow(time: number, query: string): void {
    this.logger?.warn({ time, query: query.slice(0, 500) }, "slow query");
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger?.info(message);
  }
  log(level: "log" | "info" | "warn", message: unknown, _queryRunner?: QueryRunner): void {
    if (level === "warn") this.logger?.warn({ message }, "typeorm");
  }
}

export interface SubgraphDataSourceOptions {
  url: string;
  /** The Postgres schema this subgraph owns. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  logger?: Logger;
  poolSize?: number;
  /**
   * PostgreSQL ends any statement running longer (DB_STATEMENT_TIMEOUT_MS), so one expensive
   * query cannot hold a connection, or the request waiting on it, for long.
   */
  statementTimeoutMs?: number;
}

/** One DataSource per subgraph, confined to its own Postgres schema. `synchronize` is never on. */
export function createDataSource(options: SubgraphDataSourceOptions): DataSource {
  return new DataSource({
    type: "postgres",
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: "migrations",
    migrationsTransactionMode: "each",
    synchronize: false,
    logging: ["query", "error", "warn", "migration"],
    logger: new CountingLogger(options.logger),
    maxQueryExecutionTime: 1000,
    extra: {
      max: options.poolSize ?? 10,
      application_name: `kgraph-${options.schema}`,
      // Raw SQL in services names tables without their schema; times are computed in UTC.
      options: `-c search_path=${options.schema} -c TimeZone=UTC`,
      // Set on every connection of the pool (node-postgres sends it at connect).
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    },
  });
}

/** Creates the subgraph's schema if needed and applies its committed migrations. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const schema = (dataSource.options as { schema?: string }).schema ?? "public";
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: "each" });
  return applied.map((migration) => migration.name);
}

export interface ResolvedDatabase {
  url: string;
  embedded?: EmbeddedPostgres;
}

/**
 * DATABASE_URL when set; otherwise an embedded PostgreSQL with its data under `dataRoot`
 * (`.data/` in the project), kept across restarts.
 */
export async function resolveDatabase(options: {
  databaseUrl?: string;
  dataRoot: string;
  port: number;
  log?: (line: string) => void;
}): Promise<ResolvedDatabase> {
  if (options.databaseUrl) return { url: options.databaseUrl };
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(options.dataRoot, "postgres"),
    port: options.port,
    log: options.log,
  });
  return { url: embedded.url, embedded };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
