import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { Viewer } from "../context";
import { type AuditEntry, AuditKind, MAX_OPERATION_NAME_LENGTH } from "./audit-event.entity";
import { type AuditContent, CURRENT_HASH_VERSION } from "./chain";
import { appendInTransaction, chainWriter } from "./chain-writer";

/** What a request's events say about the request itself. */
export interface AuditRequest {
  /** The id the platform vouches for: the gateway's own (when it signed the request) or the subgraph's. */
  requestId: string;
  /** The id the client sent, kept as the client's claim and never in place of requestId. */
  clientRequestId?: string | null;
  /**
   * The name the client gave its operation, as the gateway vouches it passed it on (null: the
   * client gave none). Left out when no gateway vouches for the request: the caller's operation's
   * own name is then the client's name.
   */
  clientOperationName?: string | null;
}

/** Receives the time each audit event took to append. */
export interface AuditWriteObserver {
  auditWritten(kind: string, seconds: number): void;
}

/** One running mutation: what its WRITE events name, and whether they omit the actor. */
interface RunningMutation {
  recorder: AuditRecorder;
  name: string;
  args: Record<string, unknown>;
  /** Argument paths whose values are classified content (see ClassifiedArgument): named, never recorded by value. */
  classifiedPaths: ReadonlySet<string>;
  actorWithheld: boolean;
}

/**
 * The mutation whose resolver is running, for the code it calls. Each mutation gets its own
 * scope (see `runMutation`), so what one mutation decides about its event (withholding the actor)
 * cannot reach another mutation of the same request.
 */
const runningMutation = new AsyncLocalStorage<RunningMutation>();

/**
 * Collects what one request must leave in the audit trail. Reads of audited fields are noted
 * as the resolvers run and written as ONE event when the request ends (so a list of 200 people
 * costs one insert, not 200), in a batch with the events of the requests ending at the same time
 * (`AuditChainWriter`: one lock, one INSERT, one commit for all of them); a write is appended inside
 * the mutation's own transaction, so a failed mutation leaves no event and a committed one always
 * has its event.
 */
export class AuditRecorder {
  private readonly reads = new Map<string, AuditEntry>();
  private operation = "query";
  private operationName: string | null = null;

  constructor(
    /** The subgraph's database, where its trail lives (also read by the audit trail query). */
    readonly db: DataSource,
    private readonly subgraph: string,
    private readonly viewer: Viewer,
    private readonly request: AuditRequest,
    /** Told how long each append took (the subgraph's metrics); optional for tools and tests. */
    private readonly observer?: AuditWriteObserver,
  ) {}

  /**
   * What the request executes (`query { case, agreements }`, from the parsed operation, never the
   * client's word for it) and the name the operation carries, which is only ever the client's.
   */
  executing(operation: string, operationName: string | null): void {
    this.operation = operation;
    this.operationName = operationName;
  }

  read(type: string, id: string | null, field: string): void {
    const key = `${type}\u0000${id ?? ""}`;
    const entry = this.reads.get(key) ?? { type, id, fields: [] };
    if (!entry.fields.includes(field)) entry.fields.push(field);
    this.reads.set(key, entry);
  }

  /**
   * Runs one mutation's resolver (a global middleware calls this for every mutation field): the
   * WRITE events appended while it runs name it, and anything it decides about them stays with it.
   */
  runMutation<T>(
    name: string,
    args: Record<string, unknown>,
    resolve: () => T,
    classifiedPaths: ReadonlySet<string> = new Set(),
  ): T {
    return runningMutation.run({ recorder: this, name, args, classifiedPaths, actorWithheld: false }, resolve);
  }

  /**
   * The running mutation's own event is recorded without its actor: for an anonymous complaint,
   * naming the signed-in filer next to the complaint's id would undo the anonymity the filer
   * chose. Every other event of the request (other mutations, its reads) still names the actor.
   */
  withholdActor(): void {
    const mutation = this.currentMutation();
    if (!mutation) throw new Error("withholdActor() applies to a mutation's own event, and no mutation is running");
    mutation.actorWithheld = true;
  }

  /**
   * The WRITE event for the running mutation, appended in the transaction that made the change:
   * the records are the ids among the mutation's arguments and the records it returns; the
   * fields, the arguments it was given.
   */
  async writeForMutation(tx: EntityManager, result: unknown): Promise<void> {
    const mutation = this.currentMutation();
    if (!mutation) return;
    const records = [...idsIn(mutation.args, "", mutation.classifiedPaths), ...recordsIn(result)];
    // The same id named by an argument and returned as a record counts once, as the record.
    records.sort((a, b) => Number(a.type.startsWith("arg:")) - Number(b.type.startsWith("arg:")));
    const unique = [...new Map(records.reverse().map((r) => [r.id, r])).values()];
    const fields = [...new Set(fieldNamesIn(mutation.args))].sort();
    const entries = unique.map((r) => ({ type: r.type, id: r.id, fields }));
    const content = this.content(AuditKind.WRITE, `mutation ${mutation.name}`, entries, mutation.actorWithheld);
    const started = process.hrtime.bigint();
    await appendInTransaction(tx, { ...content, fields });
    this.observer?.auditWritten(AuditKind.WRITE, secondsSince(started));
  }

  /** Writes the request's READ event, if it read anything audited. */
  async flush(): Promise<void> {
    if (this.reads.size === 0) return;
    const entries = [...this.reads.values()].map((e) => ({ ...e, fields: [...e.fields].sort() }));
    this.reads.clear();
    const content = this.content(AuditKind.READ, this.operation, entries, false);
    const started = process.hrtime.bigint();
    // Batched with the other requests' READ events (one lock, one INSERT, one commit for all of
    // them); resolves only once this event is committed.
    await chainWriter(this.db, this.subgraph).append(content);
    // The wait and the whole transaction, commit included: the answer waits for all of it.
    this.observer?.auditWritten(AuditKind.READ, secondsSince(started));
  }

  private currentMutation(): RunningMutation | undefined {
    const mutation = runningMutation.getStore();
    return mutation?.recorder === this ? mutation : undefined;
  }

  private content(kind: AuditKind, operation: string, entries: AuditEntry[], actorWithheld: boolean): AuditContent {
    return {
      id: randomUUID(),
      subgraph: this.subgraph,
      at: new Date(),
      actorSub: actorWithheld ? null : (this.viewer.sub ?? null),
      actorRoles: actorWithheld ? [] : [...this.viewer.roles].sort(),
      kind,
      operation: operation.slice(0, 300),
      requestId: this.request.requestId,
      clientRequestId: this.request.clientRequestId ?? null,
      clientOperationName:
        this.request.clientOperationName !== undefined
          ? this.request.clientOperationName
          : (this.operationName?.slice(0, MAX_OPERATION_NAME_LENGTH) ?? null),
      recordIds: [...new Set(entries.map((e) => e.id).filter((id): id is string => id !== null))].sort(),
      fields: [...new Set(entries.flatMap((e) => e.fields.map((f) => `${e.type}.${f}`)))].sort(),
      entries,
      hashVersion: CURRENT_HASH_VERSION,
    };
  }
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids among a mutation's arguments (caseId, input.facilityId, …), typed by the argument's name;
 * none from a classified argument (its value is the content of a classified field).
 */
function idsIn(
  value: unknown,
  path: string,
  classifiedPaths: ReadonlySet<string>,
  depth = 0,
): { type: string; id: string }[] {
  if (depth > 5 || value === null || value === undefined || classifiedPaths.has(path)) return [];
  const name = path.slice(path.lastIndexOf(".") + 1) || "argument";
  if (typeof value === "string") return UUID.test(value) ? [{ type: `arg:${name}`, id: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v) => idsIn(v, path, classifiedPaths, depth + 1));
  if (typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) =>
      idsIn(v, path ? `${path}.${key}` : key, classifiedPaths, depth + 1),
    );
  }
  return [];
}

/** The records a mutation returns (an entity, or a list of them), by their GraphQL type name. */
function recordsIn(result: unknown): { type: string; id: string }[] {
  const list = Array.isArray(result) ? result : [result];
  return list.flatMap((item) => {
    if (item && typeof item === "object" && typeof (item as { id?: unknown }).id === "string") {
      const type = (item as object).constructor.name;
      return [{ type: type === "Object" ? "result" : type, id: (item as { id: string }).id }];
    }
    return [];
  });
}

/** The argument fields a mutation was given, as dotted paths (input.reason, caseId). */
function fieldNamesIn(args: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(args).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      return fieldNamesIn(value as Record<string, unknown>, path);
    }
    return value === undefined ? [] : [path];
  });
}
