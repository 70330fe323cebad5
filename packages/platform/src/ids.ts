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
 * Global middleware: every argument of GraphQL type `ID`, at any depth of the arguments (input
 * objects, lists), must be a uuid, or the field fails with BAD_USER_INPUT naming the first such
 * argument by its path (`input.complaintId`, `input.caseIds[2]`) before any resolver (or SQL) runs.
 * Ids are the one thing every subgraph means alike, so they are checked by type, once, here.
 */
export const checkIdArguments: MiddlewareFn = ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (field && takesIds(field)) {
    const wrong: string[] = [];
    for (const argument of field.args) findWrongIds(args[argument.name], argument.type, argument.name, wrong);
    if (wrong.length) {
      throw badUserInput(`Invalid input: ${wrong.map((path) => `${path} must be an id (a UUID)`).join("; ")}.`, {
        argument: wrong[0],
        invalidFields: wrong.map((path) => ({ field: path, problem: "must be an id (a UUID)" })),
      });
    }
  }
  return next();
};

const fieldsTakingIds = new WeakMap<GraphQLField<unknown, unknown>, boolean>();

/** Whether any argument of the field can hold an ID (worked out once per field). */
export function takesIds(field: GraphQLField<unknown, unknown>): boolean {
  let known = fieldsTakingIds.get(field);
  if (known === undefined) {
    known = field.args.some((argument: GraphQLArgument) => canHoldId(argument.type, new Set()));
    fieldsTakingIds.set(field, known);
  }
  return known;
}

function canHoldId(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === "ID";
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => canHoldId(field.type, seen));
}

function findWrongIds(value: unknown, type: GraphQLInputType, path: string, wrong: string[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return findWrongIds(value, type.ofType, path, wrong);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((item, i) => findWrongIds(item, type.ofType, `${path}[${i}]`, wrong));
    else findWrongIds(value, type.ofType, path, wrong);
    return;
  }
  if (isScalarType(type)) {
    if (type.name === "ID" && !isUuid(value)) wrong.push(path);
    return;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    for (const [name, field] of Object.entries(type.getFields())) {
      findWrongIds((value as Record<string, unknown>)[name], field.type, `${path}.${name}`, wrong);
    }
  }
}
