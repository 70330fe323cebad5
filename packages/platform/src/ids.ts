import { isUUID } from "class-validator";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { badUserInput } from "./errors";

/** Whether a value is shaped like the uuids every subgraph uses as ids. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && isUUID(value, "all");
}

/**
 * The ids of a loader batch that can exist. A malformed id (a typo in `facility(id)`, a foreign
 * `_entities` representation) resolves to nothing instead of failing the whole batch in SQL.
 */
export function wellFormedIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter(isUuid))];
}

/** Whether a database error is a unique-index violation (a concurrent write won the race). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === "23505" && (constraint === undefined || name === constraint);
}

/**
 * Every argument of GraphQL type `ID` or `String`, at any depth of the arguments (input objects,
 * lists), is checked before any resolver (or SQL) runs, or the field fails with BAD_USER_INPUT
 * naming the first wrong argument by its path (`input.complaintId`, `input.caseIds[2]`):
 * - an `ID` must be a uuid: ids are the one thing every subgraph means alike;
 * - no text may hold what PostgreSQL cannot store: the NUL character (PostgreSQL refuses it, and
 *   the failed statement was an internal error) or half of a surrogate pair (it would be stored
 *   as U+FFFD, not as what was sent).
 * Checked by type, once, here, so no argument of any field is left out.
 */
export const checkArguments: MiddlewareFn = ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (field && takesCheckedArguments(field)) {
    const wrong: WrongArgument[] = [];
    for (const argument of field.args) findWrongArguments(args[argument.name], argument.type, argument.name, wrong);
    if (wrong.length) {
      throw badUserInput(`Invalid input: ${wrong.map(({ field, problem }) => `${field} ${problem}`).join("; ")}.`, {
        argument: wrong[0].field,
        invalidFields: wrong,
      });
    }
  }
  return next();
};

interface WrongArgument {
  field: string;
  problem: string;
}

const NOT_AN_ID = "must be an id (a UUID)";
const UNSTORABLE_TEXT = "must not contain the NUL character or half of a surrogate pair";
const CHECKED_SCALARS = new Set(["ID", "String"]);

/** Whether text holds a NUL character or an unpaired surrogate. */
export function isUnstorableText(value: string): boolean {
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

const fieldsTakingChecked = new WeakMap<GraphQLField<unknown, unknown>, boolean>();

/** Whether any argument of the field can hold an ID or a String (worked out once per field). */
export function takesCheckedArguments(field: GraphQLField<unknown, unknown>): boolean {
  let known = fieldsTakingChecked.get(field);
  if (known === undefined) {
    known = field.args.some((argument: GraphQLArgument) => canHoldChecked(argument.type, new Set()));
    fieldsTakingChecked.set(field, known);
  }
  return known;
}

function canHoldChecked(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return CHECKED_SCALARS.has(named.name);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => canHoldChecked(field.type, seen));
}

function findWrongArguments(value: unknown, type: GraphQLInputType, path: string, wrong: WrongArgument[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return findWrongArguments(value, type.ofType, path, wrong);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => findWrongArguments(item, type.ofType, `${path}[${i}]`, wrong));
    else findWrongArguments(value, type.ofType, path, wrong);
    return;
  }
  if (isScalarType(type)) {
    if (typeof value === "string" && CHECKED_SCALARS.has(type.name) && isUnstorableText(value)) {
      wrong.push({ field: path, problem: UNSTORABLE_TEXT });
    } else if (type.name === "ID" && !isUuid(value)) {
      wrong.push({ field: path, problem: NOT_AN_ID });
    }
    return;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    for (const [name, field] of Object.entries(type.getFields())) {
      findWrongArguments((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, wrong);
    }
  }
}
