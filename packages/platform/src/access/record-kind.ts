import { ACCESS, ALL, CLAIM_ACCESS, type Grant, PUBLIC_ACCESS, ROLES, type RuleName, type Scope } from "@kgraph/policy";
import type { Viewer } from "../context";
import { type RecordScope, recordScope } from "./record-scope";

/** A WHERE condition with its named parameters (TypeORM query-builder syntax, `:name`). */
export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

export const TRUE_CONDITION: SqlCondition = Object.freeze({ sql: "TRUE", params: {} });
export const FALSE_CONDITION: SqlCondition = Object.freeze({ sql: "FALSE", params: {} });

/**
 * A rule in SQL for one kind of record: given the record's table alias, the claim value the rule
 * is bound to, and `param(value)` (which returns a placeholder for a value), the condition that
 * holds exactly for the records the rule reaches. `true`: every record of the kind meets the
 * rule; `false`: none does. Both must be written out: a rule left out grants nothing, and the
 * shared test kit fails on it.
 */
export type RuleSql = (alias: string, value: string | null, param: (value: unknown) => string) => string;
export type RuleImplementation = RuleSql | boolean;

export interface RecordKindDefinition {
  /** The kind of record, as the graph names it (Case, Placement, Complaint, …). */
  name: string;
  /** Its table, schema-qualified (record checks select from it); none for a kind only ever filtered in SQL. */
  table?: string;
  /** The scopes whose grants decide who reaches these records. */
  scopes: readonly Scope[];
  /** Columns of a record not yet written, with their SQL types, for checking a create (`allowsNew`). */
  columns?: Readonly<Record<string, string>>;
  /** Every rule that the policy grants for `scopes`, in SQL. */
  rules: Readonly<Partial<Record<RuleName, RuleImplementation>>>;
}

export interface RecordKind extends RecordKindDefinition {
  /** The records of this kind `viewer` reaches under `scope`, as a condition on `alias`. */
  where(viewer: Viewer, scope: Scope, alias: string): SqlCondition;
  /** The records of a computed record scope, as a condition on `alias`. */
  condition(scope: RecordScope, alias: string): SqlCondition;
  /** Rules the policy grants for this kind's scopes that it does not implement (must be empty). */
  missingRules(): RuleName[];
}

let parameterCounter = 0;

/** Every kind declared in this process, in order: what a subgraph's audit trail checks its events against. */
const DECLARED_KINDS: RecordKind[] = [];

/** The declared kinds whose table is in the Postgres schema `schema` (a subgraph's own records). */
export function recordKindsInSchema(schema: string): RecordKind[] {
  return DECLARED_KINDS.filter((kind) => kind.table?.startsWith(`${schema}.`));
}

/** Declares a kind of record and its rules; conditions are built from the policy's grants. */
export function defineRecordKind(definition: RecordKindDefinition): RecordKind {
  const kind: RecordKind = {
    ...definition,
    where(viewer, scope, alias) {
      return kind.condition(recordScope(viewer, scope), alias);
    },
    condition(scope, alias) {
      if (scope.kind === "all") return TRUE_CONDITION;
      if (scope.kind === "none") return FALSE_CONDITION;
      const params: Record<string, unknown> = {};
      const param = (value: unknown) => {
        parameterCounter = (parameterCounter + 1) % Number.MAX_SAFE_INTEGER;
        const name = `rr${parameterCounter}`;
        params[name] = value;
        return `:${name}`;
      };
      const alternatives = scope.alternatives.map((conjunction) => {
        const parts = conjunction.map(({ rule, value }) => {
          const implementation = definition.rules[rule];
          if (implementation === true) return "TRUE";
          if (implementation === undefined || implementation === false) return "FALSE";
          return `(${implementation(alias, value, param)})`;
        });
        return parts.length === 1 ? parts[0] : `(${parts.join(" AND ")})`;
      });
      return { sql: `(${alternatives.join(" OR ")})`, params };
    },
    missingRules() {
      const needed = new Set<RuleName>();
      const collect = (grant: Grant | undefined) => {
        if (!grant || grant === ALL) return;
        for (const conjunction of grant) for (const rule of conjunction) needed.add(rule);
      };
      for (const scope of definition.scopes) {
        for (const role of ROLES) collect(ACCESS[role][scope]);
        collect(PUBLIC_ACCESS[scope]);
        collect(CLAIM_ACCESS.official_id?.[scope]);
      }
      return [...needed].filter((rule) => !(rule in definition.rules)).sort();
    },
  };
  DECLARED_KINDS.push(kind);
  return kind;
}

/**
 * A condition with positional placeholders (`$n`, from `offset + 1`) for a raw statement
 * (`db.query`), and the values in order.
 */
export function positional(condition: SqlCondition, offset: number): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const sql = condition.sql.replace(/:(rr\d+)\b/g, (_match, name: string) => {
    values.push(condition.params[name]);
    return `$${offset + values.length}`;
  });
  return { sql, values };
}
