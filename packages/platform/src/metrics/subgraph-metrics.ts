import type { ApolloServerPlugin } from "@apollo/server";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { DataSource, EntitySubscriberInterface } from "typeorm";
import type { AfterQueryEvent } from "typeorm/subscriber/event/QueryEvent";
import { AuditEvent } from "../audit/audit-event.entity";
import type { Logger } from "../logger";
import { rootFieldsOf } from "../audit/operation";
import { OTHER_OPERATION, operationLabeler } from "./operation-label";

/** Seconds; from a primary-key read (~1 ms) to a statement near its timeout (5 s). */
const DB_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** Seconds; a subgraph operation is a few statements, or one slow one. */
const OPERATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STATEMENT_KINDS = new Set(["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "BEGIN", "COMMIT", "ROLLBACK"]);
/** How long one reading of the database-backed gauges (migrations, seed, chain) answers scrapes. */
const STATE_CACHE_MS = 10_000;

interface DatabaseState {
  applied: number;
  pending: number;
  seeded: boolean;
  chainLength: number;
}

/**
 * One subgraph's Prometheus metrics, in a registry of its own (the end-to-end tests run all four
 * subgraphs in one process), every series labelled `subgraph`. Names start `kgraph_subgraph_`;
 * the process metrics are prom-client's defaults (`process_*`, `nodejs_*`).
 */
export class SubgraphMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<"operation" | "type">;
  private readonly operationDuration: Histogram<"operation" | "type">;
  private readonly errors: Counter<"code">;
  private readonly statementDuration: Histogram<"statement">;
  private readonly statementErrors: Counter<"statement">;
  private readonly auditWriteDuration: Histogram<"kind">;
  private readonly operationLabel = operationLabeler({ maxOthers: 100 });
  // Codes come from this code base, but a bound costs nothing.
  private readonly codeLabel = operationLabeler({ maxOthers: 50 });

  constructor(
    readonly subgraph: string,
    private readonly logger: Logger,
  ) {
    this.registry.setDefaultLabels({ subgraph });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.operations = new Counter({
      name: "kgraph_subgraph_operations_total",
      help: "GraphQL operations the subgraph answered, by the root fields it executed (the first 100 combinations, then other) and type.",
      labelNames: ["operation", "type"],
      registers,
    });
    this.operationDuration = new Histogram({
      name: "kgraph_subgraph_operation_duration_seconds",
      help: "Time from a GraphQL request reaching Apollo Server to its answer, by the root fields it executed (the first 100 combinations, then other) and type.",
      labelNames: ["operation", "type"],
      buckets: OPERATION_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: "kgraph_subgraph_errors_total",
      help: "Errors the subgraph answered, by extensions.code (refused tokens and callers other than the gateway included).",
      labelNames: ["code"],
      registers,
    });
    this.statementDuration = new Histogram({
      name: "kgraph_subgraph_db_statement_duration_seconds",
      help: "Time of each SQL statement (TypeORM's afterQuery measurement, millisecond resolution), by its first keyword.",
      labelNames: ["statement"],
      buckets: DB_BUCKETS,
      registers,
    });
    this.statementErrors = new Counter({
      name: "kgraph_subgraph_db_statement_errors_total",
      help: "SQL statements that failed (timeouts, conflicts), by their first keyword.",
      labelNames: ["statement"],
      registers,
    });
    // From zero: a series that exists only after the first failure cannot show the first rise.
    for (const statement of [...STATEMENT_KINDS, "OTHER"]) this.statementErrors.inc({ statement }, 0);
    this.auditWriteDuration = new Histogram({
      name: "kgraph_subgraph_audit_write_duration_seconds",
      help: "Time to append one audit event until it is committed (for a READ event: waiting for its batch, then the batch's chain lock, previous hash, insert and commit), by kind (READ, WRITE).",
      labelNames: ["kind"],
      buckets: DB_BUCKETS,
      registers,
    });
  }

  /**
   * Apollo Server plugin: operations, their latency and their errors by code. The gateway's
   * planner sends subgraphs anonymous operations, so an operation is named by the client's name
   * the gateway vouches for (`clientOperationName`, from a signed request), else by its own.
   */
  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        let operation = OTHER_OPERATION;
        let type = "unknown";
        return {
          // Labelled by the root fields it executes (`case`, `_entities`, `agreements+cases`):
          // names of this schema, validated, never a name the client chose.
          didResolveOperation: async ({ document, operation: executed }) => {
            if (!executed) return;
            operation = this.operationLabel(rootFieldsOf(document, executed).sort().join("+"));
            type = executed.operation;
          },
          didEncounterErrors: async ({ errors }) => {
            for (const error of errors) this.error(String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          },
          willSendResponse: async () => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            this.operations.inc({ operation, type });
            this.operationDuration.observe({ operation, type }, seconds);
          },
        };
      },
    };
  }

  /** An error answered outside Apollo Server (a refused token, a caller other than the gateway). */
  error(code: string): void {
    this.errors.inc({ code: this.codeLabel(code) });
  }

  /** How long one audit event took to append. */
  auditWritten(kind: string, seconds: number): void {
    this.auditWriteDuration.observe({ kind }, seconds);
  }

  /**
   * The database's part: statement latency from a TypeORM subscriber (it sees every statement
   * with the time TypeORM measured, without wrapping the query runner), the pg pool read when
   * scraped, and the migration, seed and audit-chain state read from the database when scraped
   * (at most once per STATE_CACHE_MS).
   */
  observeDatabase(db: DataSource): void {
    const subscriber: EntitySubscriberInterface = {
      afterQuery: (event: AfterQueryEvent) => {
        const statement = statementKind(event.query);
        if (event.success && event.executionTime !== undefined) {
          this.statementDuration.observe({ statement }, event.executionTime / 1000);
        } else if (!event.success) {
          this.statementErrors.inc({ statement });
        }
      },
    };
    (db.subscribers as EntitySubscriberInterface[]).push(subscriber);

    const pool = () =>
      (db.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    const registers = [this.registry];
    const poolGauge = (name: string, help: string, read: (p: NonNullable<ReturnType<typeof pool>>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const p = pool();
          if (p) this.set(read(p));
        },
      });
    poolGauge(
      "kgraph_subgraph_db_pool_connections",
      "Connections the pool holds (busy and idle).",
      (p) => p.totalCount,
    );
    poolGauge("kgraph_subgraph_db_pool_idle", "Idle connections in the pool.", (p) => p.idleCount);
    poolGauge(
      "kgraph_subgraph_db_pool_waiting",
      "Queries waiting for a connection from the pool.",
      (p) => p.waitingCount,
    );
    const max = Number((db.options as { extra?: { max?: number } }).extra?.max ?? 10);
    new Gauge({ name: "kgraph_subgraph_db_pool_max", help: "The pool's size limit.", registers }).set(max);

    let cached: { at: number; state: Promise<DatabaseState | undefined> } | undefined;
    const state = () => {
      if (!cached || Date.now() - cached.at > STATE_CACHE_MS) {
        cached = {
          at: Date.now(),
          state: readDatabaseState(db).catch((err: unknown) => {
            this.logger.warn({ err }, "metrics: reading migration, seed and audit state failed");
            return undefined;
          }),
        };
      }
      return cached.state;
    };
    new Gauge({
      name: "kgraph_subgraph_migrations",
      help: "The subgraph's migrations: applied in its schema, and pending (committed but not applied).",
      labelNames: ["state"],
      registers,
      async collect() {
        const s = await state();
        if (!s) return;
        this.set({ state: "applied" }, s.applied);
        this.set({ state: "pending" }, s.pending);
      },
    });
    new Gauge({
      name: "kgraph_subgraph_seeded",
      help: "1 when the subgraph's tables hold records (the seed's or real ones), 0 when they are empty.",
      registers,
      async collect() {
        const s = await state();
        if (s) this.set(s.seeded ? 1 : 0);
      },
    });
    new Gauge({
      name: "kgraph_subgraph_audit_chain_length",
      help: "Sequence number of the latest audit event: the chain's length (a rolled-back append may skip a number).",
      registers,
      async collect() {
        const s = await state();
        if (s) this.set(s.chainLength);
      },
    });
  }
}

function statementKind(query: string): string {
  const word = /^\s*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase() ?? "";
  return STATEMENT_KINDS.has(word) ? word : "OTHER";
}

async function readDatabaseState(db: DataSource): Promise<DatabaseState> {
  const schema = (db.options as { schema?: string }).schema ?? "public";
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const tables = db.entityMetadatas
    .filter((m) => m.tableType === "regular" && m.target !== AuditEvent)
    .map((m) => `EXISTS (SELECT 1 FROM ${q(schema)}.${q(m.tableName)})`);
  const [row] = (await db.query(
    `SELECT (SELECT coalesce(json_agg(name), '[]'::json) FROM ${q(schema)}.migrations) AS applied,
            ${tables.length ? tables.join(" OR ") : "false"} AS seeded,
            (SELECT coalesce(max(seq), 0) FROM ${q(schema)}.audit_event) AS chain`,
  )) as { applied: string[]; seeded: boolean; chain: string }[];
  const applied = new Set(row.applied);
  const pending = db.migrations.filter((m) => !applied.has(m.name ?? m.constructor.name)).length;
  return { applied: applied.size, pending, seeded: row.seeded, chainLength: Number(row.chain) };
}
