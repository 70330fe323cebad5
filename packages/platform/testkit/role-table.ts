import { ACCESS, ALL, CLAIM_ACCESS, PUBLIC_ACCESS, ROLES, ROLE_SCOPES, type Role, type Scope } from "@kgraph/policy";
import { type DirectiveNode, Kind, type ObjectTypeDefinitionNode, parse } from "graphql";
import type { RecordKind } from "../src/access/record-kind";
import type { FederatedSchema } from "../src/federation";
import type { CallAs, GraphQLResponse } from "../src/testing";

/**
 * THE SHARED ROLE-TABLE TEST KIT. Every subgraph's authorization tests are written with it, so
 * all four check the same things the same way and fail the same way when something is missing:
 *
 * - `describeRoleTable`: role × field. Each cell is one field reached through one door (a query,
 *   an entity reference, a fragment, an alias); for every role and the public, the field comes
 *   back with the exact value, or FORBIDDEN at its exact path, or null where a record rule
 *   withholds it. It fails when a protected field of the subgraph (a field with a data class
 *   other than public, or with scope directives) has no cell.
 * - `describeRecordRuleRows`: role × kind of record. It fails when a kind leaves a rule the policy
 *   grants for its scopes unimplemented, and when a role narrowed on a kind has no row showing
 *   which records it reaches and which it does not.
 *
 * Callers are every role of the policy and the public; a table cannot leave one out.
 */
export type Caller = Role | "public";
export const CALLERS: readonly Caller[] = [...ROLES, "public"];

/** Whether a caller holds every scope (the public holds none). */
export function callerHolds(caller: Caller, scopes: readonly Scope[]): boolean {
  if (!scopes.length) return true;
  return caller !== "public" && scopes.every((scope) => ROLE_SCOPES[caller].includes(scope));
}

/** One step of a selection path: a field, what it needs, whether it is a list (index 0 is followed). */
export interface Step {
  field: string;
  args?: string;
  /** Scopes the field itself requires (its class's scopes, as this table transcribes them). */
  scopes?: readonly Scope[];
  /** A field any signed-in caller reads but not the public (`@authenticated`): UNAUTHENTICATED for it. */
  signedIn?: true;
  list?: boolean;
  /** An entry point whose record resolves to null (no error) for callers without these scopes. */
  recordScopes?: readonly Scope[];
  /** Select the rest inside `... on <type> { }` (entities, and to exercise inline fragments). */
  on?: string;
}

export interface Cell {
  /** The field under test, as `Type.field`, optionally followed by ` (what door or case)`. */
  name: string;
  steps: Step[];
  /** Selection under the last step when it is an object. */
  leaf?: string;
  /** The exact value at the leaf for a caller that may read it (null where a record rule withholds it). */
  expected: (caller: Caller) => unknown;
}

export interface RoleTable {
  cells: Cell[];
  /** The variables operations may use: name → GraphQL type and value (read when the cell runs). */
  variables: () => Record<string, { type: string; value: unknown }>;
  /** How each caller signs in (every role, and the public). */
  callAs: (caller: Caller) => Promise<CallAs>;
  send: (query: string, variables: Record<string, unknown>, as: CallAs) => Promise<GraphQLResponse>;
  /** The subgraph's schema, to find its protected fields. */
  schema: () => Promise<FederatedSchema>;
  /** Protected fields tested elsewhere (say where), e.g. the audit trail's in the platform tests. */
  coveredElsewhere?: Record<string, string>;
}

/** The operation for a cell: its steps nested, with exactly the variables it uses. */
export function cellOperation(cell: Cell, variableTypes: Record<string, string>): string {
  const steps = [...cell.steps].reverse();
  let body = `${steps[0].field}${steps[0].args ?? ""} ${cell.leaf ?? ""}`.trim();
  for (const step of steps.slice(1)) {
    body = `${step.field}${step.args ?? ""} { ${step.on ? `... on ${step.on} { ${body} }` : body} }`;
  }
  const used = Object.entries(variableTypes).filter(([name]) => new RegExp(`\\$${name}\\b`).test(body));
  const definitions = used.length ? `(${used.map(([n, t]) => `$${n}: ${t}`).join(", ")})` : "";
  return `query${definitions} { ${body} }`;
}

/** The response path of each step (lists are followed at index 0). */
export function pathOf(steps: readonly Step[]): (string | number)[] {
  return steps.flatMap((step) => (step.list ? [step.field, 0] : [step.field]));
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const key of path) {
    if (value === null || value === undefined) return value;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

export type Expectation =
  | { kind: "data"; value: unknown }
  | { kind: "forbidden"; path: (string | number)[]; code: "FORBIDDEN" | "UNAUTHENTICATED" }
  | { kind: "absent"; path: (string | number)[] };

/** What the table says a caller gets for a cell. */
export function expectationOf(cell: Cell, caller: Caller): Expectation {
  for (let i = 0; i < cell.steps.length; i++) {
    const step = cell.steps[i];
    // The error is at the field itself (a list field fails as a whole, not at an index).
    if (!callerHolds(caller, step.scopes ?? [])) {
      return { kind: "forbidden", path: [...pathOf(cell.steps.slice(0, i)), step.field], code: "FORBIDDEN" };
    }
    if (step.signedIn && caller === "public") {
      return { kind: "forbidden", path: [...pathOf(cell.steps.slice(0, i)), step.field], code: "UNAUTHENTICATED" };
    }
    if (step.recordScopes && !callerHolds(caller, step.recordScopes)) {
      return { kind: "absent", path: pathOf(cell.steps.slice(0, i + 1)) };
    }
  }
  return { kind: "data", value: cell.expected(caller) };
}

/** `Type.field` of a cell (its name without the note in brackets). */
export function cellField(cell: Cell): string {
  return cell.name.replace(/ \(.*\)$/, "");
}

/**
 * The protected fields of a subgraph: every field whose data class is not public, and every
 * field carrying scope directives (`Query` roots included; `Mutation` is the write table's).
 */
export function protectedFields(schema: FederatedSchema): string[] {
  const fields = new Set(
    Object.entries(schema.dataClasses)
      .filter(([name, dataClass]) => dataClass !== "public" && !name.startsWith("Mutation."))
      .map(([name]) => name),
  );
  for (const definition of parse(schema.sdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition as ObjectTypeDefinitionNode;
    if (type.name.value === "Mutation") continue;
    for (const field of type.fields ?? []) {
      if (protects(field.directives ?? [])) fields.add(`${type.name.value}.${field.name.value}`);
    }
  }
  return [...fields].sort();
}

function protects(directives: readonly DirectiveNode[]): boolean {
  return directives.some((d) => d.name.value === "requiresScopes" || d.name.value === "authenticated");
}

/** Registers the role × field table (call at the top level of a test file). */
export function describeRoleTable(title: string, table: () => RoleTable): void {
  describe(title, () => {
    it("has a cell for every protected field of the subgraph", async () => {
      const t = table();
      const covered = new Set([...t.cells.map(cellField), ...Object.keys(t.coveredElsewhere ?? {})]);
      expect(protectedFields(await t.schema()).filter((field) => !covered.has(field))).toEqual([]);
    });

    it("signs in every role of the policy and the public", async () => {
      for (const caller of CALLERS) await expect(table().callAs(caller)).resolves.not.toThrow();
    });

    // One test for the whole table (every cell × every caller): a long one, hence its own timeout.
    it("tests every cell as every caller", async () => {
      const t = table();
      const types = Object.fromEntries(Object.entries(t.variables()).map(([name, v]) => [name, v.type]));
      const values = Object.fromEntries(Object.entries(t.variables()).map(([name, v]) => [name, v.value]));
      const failures: string[] = [];
      for (const cell of t.cells) {
        const query = cellOperation(cell, types);
        for (const caller of CALLERS) {
          const res = await t.send(query, values, await t.callAs(caller));
          const problem = mismatch(res, expectationOf(cell, caller), cell);
          if (problem) failures.push(`${cell.name} as ${caller}: ${problem}`);
        }
      }
      expect(failures).toEqual([]);
    }, 600_000);
  });
}

/** What is wrong with a response against the expectation, in words; null when it matches. */
export function mismatch(res: GraphQLResponse, expected: Expectation, cell: Cell): string | null {
  const show = (value: unknown) => JSON.stringify(value);
  if (res.status !== 200) return `HTTP ${res.status}`;
  if (expected.kind === "data") {
    if (res.errors?.length) return `errors ${show(res.errors.map((e) => [e.path, e.extensions?.code]))}`;
    const got = valueAt(res.data, pathOf(cell.steps));
    return canonical(got) === canonical(expected.value) ? null : `got ${show(got)}, expected ${show(expected.value)}`;
  }
  if (expected.kind === "absent") {
    if (res.errors?.length) return `errors ${show(res.errors.map((e) => [e.path, e.extensions?.code]))}`;
    const got = valueAt(res.data, expected.path);
    return got === null ? null : `got ${show(got)} at ${show(expected.path)}, expected null`;
  }
  const errors = res.errors ?? [];
  if (errors.length !== 1) return `expected one ${expected.code} at ${show(expected.path)}, got ${show(errors)}`;
  if (show(errors[0].path) !== show(expected.path) || errors[0].extensions?.code !== expected.code) {
    return `expected ${expected.code} at ${show(expected.path)}, got ${show([errors[0].path, errors[0].extensions?.code])}`;
  }
  // Nothing of the field leaks: its value (or a parent's, when it was not nullable) is null.
  const leaked = valueAt(res.data, expected.path);
  return leaked === null || leaked === undefined ? null : `leaked ${show(leaked)}`;
}

/**
 * A value as JSON with every object's keys sorted: two values are equal when these are (key order
 * aside; objects from the HTTP client and from the test belong to different realms under Jest, so
 * prototype-aware comparisons would tell them apart).
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** One row of the record-rule table: a role narrowed on a kind of record, shown in and out. */
export interface RuleRow {
  role: Role;
  /** The kind's name (`RecordKind.name`). */
  kind: string;
  /** What the row shows, e.g. "lists, finds by id and resolves as entities exactly its clients". */
  shows: string;
  run: () => Promise<void>;
}

/** The roles whose grant on one of the kind's scopes is narrowed (not ALL): each needs a row. */
export function narrowedRoles(kind: RecordKind): Role[] {
  return ROLES.filter((role) =>
    kind.scopes.some((scope) => {
      const grant = ACCESS[role][scope];
      return grant !== undefined && grant !== ALL;
    }),
  );
}

/** Whether any public or claim grant narrows the kind's scopes (then a row for `public` is expected too). */
export function hasEveryoneGrant(kind: RecordKind): boolean {
  return kind.scopes.some((scope) => PUBLIC_ACCESS[scope] !== undefined || CLAIM_ACCESS.official_id?.[scope]);
}

/** Registers the record-rule rows of a subgraph and checks nothing is missing. */
export function describeRecordRuleRows(title: string, kinds: readonly RecordKind[], rows: readonly RuleRow[]): void {
  describe(title, () => {
    it.each(kinds.map((kind) => [kind.name, kind] as const))(
      "%s implements every rule the policy grants",
      (_n, kind) => {
        expect(kind.missingRules()).toEqual([]);
      },
    );

    it("has a row for every role narrowed on every kind", () => {
      const have = new Set(rows.map((row) => `${row.role} × ${row.kind}`));
      const missing = kinds.flatMap((kind) =>
        narrowedRoles(kind)
          .map((role) => `${role} × ${kind.name}`)
          .filter((key) => !have.has(key)),
      );
      expect(missing).toEqual([]);
    });

    it.each(rows.map((row) => [`${row.role} × ${row.kind}: ${row.shows}`, row] as const))("%s", async (_n, row) => {
      await row.run();
    });
  });
}
