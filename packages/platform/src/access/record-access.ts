import type { RuleName, Scope } from "@kgraph/policy";
import DataLoader from "dataloader";
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { notFound, userError } from "../errors";
import type { Viewer } from "../context";
import { isUuid } from "../ids";
import type { RecordKind, SqlCondition } from "./record-kind";
import { type RecordScope, recordScope, ruleScope, scopeKey } from "./record-scope";

/**
 * One request's record checks: whether the viewer reaches a given record of a kind under a
 * scope (or a rule). Checks of one kind and scope made in the same tick go to the database as one
 * statement (a DataLoader per kind and scope), so a list of 200 records costs one query, not 200;
 * a viewer who reaches every record costs none. Create one per request (never shared).
 */
export class RecordAccess {
  private readonly scopes = new Map<Scope, RecordScope>();
  private readonly loaders = new Map<string, DataLoader<string, boolean>>();

  constructor(
    private readonly db: DataSource,
    readonly viewer: Viewer,
  ) {}

  /** The viewer's record scope for a scope (computed once per request). */
  scope(scope: Scope): RecordScope {
    let found = this.scopes.get(scope);
    if (!found) {
      found = recordScope(this.viewer, scope);
      this.scopes.set(scope, found);
    }
    return found;
  }

  /** The records of `kind` the viewer reaches under `scope`, as a condition on `alias`. */
  where(kind: RecordKind, scope: Scope, alias: string): SqlCondition {
    return kind.condition(this.scope(scope), alias);
  }

  /** Whether the viewer reaches the record `id` of `kind` under `scope`. */
  allows(kind: RecordKind, scope: Scope, id: string): Promise<boolean> {
    return this.check(kind, this.scope(scope), id);
  }

  /** Whether the record `id` of `kind` meets one rule, bound to the viewer's claims. */
  meetsRule(kind: RecordKind, rule: RuleName, id: string): Promise<boolean> {
    return this.check(kind, ruleScope(this.viewer, rule), id);
  }

  /**
   * Whether a record about to be created falls within the viewer's records under `scope`: the
   * kind's rules evaluated, in SQL, on the new record's values (inside the write's transaction).
   * This is how a write is kept from creating the very facts that would widen its author's view.
   */
  async allowsNew(
    tx: EntityManager,
    kind: RecordKind,
    scope: Scope,
    values: Record<string, unknown>,
  ): Promise<boolean> {
    const granted = this.scope(scope);
    if (granted.kind === "all") return true;
    if (granted.kind === "none") return false;
    const columns = kind.columns ?? {};
    const missing = Object.keys(columns).filter((column) => !(column in values));
    if (missing.length) throw new Error(`allowsNew(${kind.name}) needs the column(s) ${missing.join(", ")}.`);
    const condition = kind.condition(granted, "n");
    const select = Object.entries(columns)
      .map(([column, type]) => `CAST(:new_${column} AS ${type}) AS "${column}"`)
      .join(", ");
    const params = {
      ...condition.params,
      ...Object.fromEntries(Object.keys(columns).map((column) => [`new_${column}`, values[column]])),
    };
    const [row] = (await tx
      .createQueryBuilder()
      .select(`(${condition.sql})`, "allowed")
      .from(`(SELECT ${select})`, "n")
      .setParameters(params)
      .getRawMany()) as { allowed: boolean }[];
    return row?.allowed === true;
  }

  /**
   * Reads a record the viewer may change under `scope` and locks its row until the transaction
   * ends; the rule is in the statement. A writer the policy gives every record gets NOT_FOUND for
   * an unknown id; a restricted writer gets FORBIDDEN with `refusal` for an unknown id and for a
   * record outside its rule alike, so refusals teach it nothing about records it may not touch.
   */
  async lockForWrite<T extends ObjectLiteral>(
    tx: EntityManager,
    entity: EntityTarget<T>,
    kind: RecordKind,
    scope: Scope,
    id: string,
    refusal: { what: string; message: string },
  ): Promise<T> {
    const granted = this.scope(scope);
    const rule = kind.condition(granted, "w");
    const row = isUuid(id)
      ? await tx
          .createQueryBuilder(entity, "w")
          .where("w.id = :lockedId", { lockedId: id })
          .andWhere(rule.sql, rule.params)
          .setLock("pessimistic_write")
          .getOne()
      : null;
    if (row) return row;
    throw granted.kind === "all" ? notFound(refusal.what, id) : userError("FORBIDDEN", refusal.message);
  }

  private check(kind: RecordKind, scope: RecordScope, id: string): Promise<boolean> {
    if (scope.kind === "all") return Promise.resolve(true);
    if (scope.kind === "none" || !isUuid(id)) return Promise.resolve(false);
    const table = kind.table;
    if (!table) throw new Error(`${kind.name} records have no table to check a single record against.`);
    const key = `${kind.name}\u0000${scopeKey(scope)}`;
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, boolean>(async (ids) => {
        const condition = kind.condition(scope, "r");
        const rows = (await this.db
          .createQueryBuilder()
          .select("r.id", "id")
          .from(table, "r")
          .where("r.id IN (:...recordIds)", { recordIds: [...new Set(ids)] })
          .andWhere(condition.sql, condition.params)
          .getRawMany()) as { id: string }[];
        const reached = new Set(rows.map((row) => row.id.toLowerCase()));
        return ids.map((id) => reached.has(id.toLowerCase()));
      });
      this.loaders.set(key, loader);
    }
    return loader.load(id);
  }
}
