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
 * lists), is checked and made canonical before any resolver (or SQL) runs, or the field fails
 * with BAD_USER_INPUT naming the first wrong argument by its path (`input.complaintId`,
 * `input.caseIds[2]`):
 * - an `ID` must be a uuid, and is passed on in lower case, the one spelling the graph answers
 *   with: the same id written in capitals passed PostgreSQL's uuid type but not the code around
 *   it, so the audit trail kept a second spelling no search by the record's id found, a
 *   duplicate check let one person in twice, and a pseudonym was made of the wrong text;
 * - no text may hold what PostgreSQL cannot store (the NUL character, which failed the statement,
 *   or half of a surrogate pair, which would be stored as U+FFFD) nor a bidirectional embedding,
 *   override or isolate (U+202A–U+202E, U+2066–U+2069), which reorders what a reader sees of
 *   the text around it (a report's title, a facility's name);
 * - text is passed on in Unicode normal form C, so one name is one string however the caller's
 *   keyboard composed its accents (a "Prishtinë" with a combining diaeresis was a second facility).
 * Checked by type, once, here, so no argument of any field is left out.
 */
export const checkArguments: MiddlewareFn = ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (field && takesCheckedArguments(field)) {
    const wrong: WrongArgument[] = [];
    for (const argument of field.args) {
      if (args[argument.name] === undefined) continue;
      args[argument.name] = canonicalArgument(args[argument.name], argument.type, argument.name, wrong);
    }
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
const REORDERING_TEXT =
  "must not contain bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069)";
const CHECKED_SCALARS = new Set(["ID", "String"]);

/** Whether text holds a NUL character or an unpaired surrogate. */
export function isUnstorableText(value: string): boolean {
  return /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}

/** Whether text holds a bidirectional embedding, override or isolate control. */
export function hasReorderingControls(value: string): boolean {
  return /[\u202A-\u202E\u2066-\u2069]/.test(value);
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

/** The argument's canonical value (see checkArguments); what is wrong with it goes into `wrong`. */
function canonicalArgument(value: unknown, type: GraphQLInputType, path: string, wrong: WrongArgument[]): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return canonicalArgument(value, type.ofType, path, wrong);
  if (isListType(type)) {
    if (!Array.isArray(value)) return canonicalArgument(value, type.ofType, path, wrong);
    return value.map((item, i) => canonicalArgument(item, type.ofType, `${path}[${i}]`, wrong));
  }
  if (isScalarType(type)) {
    if (typeof value !== "string" || !CHECKED_SCALARS.has(type.name)) return value;
    if (isUnstorableText(value)) {
      wrong.push({ field: path, problem: UNSTORABLE_TEXT });
    } else if (type.name === "ID") {
      if (isUuid(value)) return value.toLowerCase();
      wrong.push({ field: path, problem: NOT_AN_ID });
    } else if (hasReorderingControls(value)) {
      wrong.push({ field: path, problem: REORDERING_TEXT });
    } else {
      return value.normalize("NFC");
    }
    return value;
  }
  if (isInputObjectType(type) && typeof value === "object") {
    const object = value as Record<string, unknown>;
    for (const [name, field] of Object.entries(type.getFields())) {
      if (object[name] !== undefined)
        object[name] = canonicalArgument(object[name], field.type, `${path}.${name}`, wrong);
    }
  }
  return value;
}
