import { DATA, type DataClass, type DataClassName } from "@kgraph/policy";
import {
  type GraphQLField,
  GraphQLError,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  getNamedType,
  isInputObjectType,
  isNonNullType,
} from "graphql";
import { Directive, Extensions, type MiddlewareFn, UseMiddleware } from "type-graphql";
import { hasScopes, noteAuditedRead } from "../auth/scopes";
import type { BaseContext } from "../context";
import type { RecordAccess } from "./record-access";
import type { RecordKind } from "./record-kind";

/** A context that carries the request's record checks (every subgraph's does). */
export interface AccessContext extends BaseContext {
  access: RecordAccess;
}

/** The record whose rules govern a field: its kind and id. */
export interface Subject {
  kind: RecordKind;
  id: string | null | undefined;
}

type SubjectOf = (root: any) => Subject | null;
type FieldDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

const subjects = new WeakMap<object, SubjectOf>();

/**
 * Class decorator for an object type: the record its classified fields belong to. `Person` and
 * `VulnerabilityFlag` belong to their case (`caseId`), a `Placement` to itself, and so on: the
 * data class of each field is then applied to that record, wherever the field sits.
 */
export function RecordOf<T>(kind: () => RecordKind, idOf: (root: T) => string | null | undefined): ClassDecorator {
  return (target) => {
    subjects.set(target, (root: T) => ({ kind: kind(), id: idOf(root) }));
  };
}

export interface ClassifiedOptions {
  /** The record the rule applies to, where the parent object's class does not say (plain objects). */
  subject?: (root: any) => Subject | null;
  /**
   * Where the record rule is applied instead of on this field's parent:
   * - `returnedRecords`: a relation whose records are each filtered by their own kind's rules in
   *   SQL, with classified fields of their own (`Case.placements` on facilities' key stub);
   * - `containerField`: a value kept inside its record (a compliance summary), reached only
   *   through a classified field of that record, which applied the rule.
   * The scopes are still checked here.
   */
  ruleAppliedBy?: "returnedRecords" | "containerField";
}

/**
 * THE way to declare a field: its data class (`@kgraph/policy` DATA). One decorator
 * - writes `@requiresScopes` for the class's scopes into the subgraph SDL, so the gateway removes
 *   the field for callers without them before planning;
 * - checks the same scopes inside the subgraph (a direct call meets the same wall: FORBIDDEN);
 * - applies the caller's record rule for those scopes to the record the field belongs to (one
 *   batched SQL check per request and kind): a record outside the rule gives null for a nullable
 *   field and FORBIDDEN otherwise, exactly as the record itself would be withheld;
 * - notes the read in the audit trail when the class is audited.
 */
export function Classified(name: DataClassName, options: ClassifiedOptions = {}): FieldDecorator {
  const dataClass: DataClass = DATA[name];
  const guard = classGuard(name, dataClass, options);
  return (target, propertyKey, descriptor) => {
    if (dataClass.scopes.length) {
      const scopes = dataClass.scopes.map((s) => JSON.stringify(s)).join(", ");
      Directive(`@requiresScopes(scopes: [[${scopes}]])`)(target, propertyKey as string, descriptor as never);
    }
    Extensions({ dataClass: name })(target, propertyKey as string, descriptor as never);
    UseMiddleware(guard)(target, propertyKey as string, descriptor as PropertyDescriptor);
  };
}

function classGuard(
  name: DataClassName,
  dataClass: DataClass,
  options: ClassifiedOptions,
): MiddlewareFn<AccessContext> {
  const recordScopes = dataClass.recordsOf ?? dataClass.scopes;
  const checksRecords = !options.ruleAppliedBy && (recordScopes.length > 0 || !!dataClass.alsoRequires);
  return async ({ context, info, root }, next) => {
    const viewer = context.viewer;
    if (!hasScopes(viewer, dataClass.scopes)) {
      throw new GraphQLError(`${info.parentType.name}.${info.fieldName} needs ${dataClass.scopes.join(" and ")}.`, {
        extensions: { code: "FORBIDDEN", requiredScopes: dataClass.scopes },
      });
    }
    if (
      dataClass.unlinkable &&
      hasScopes(viewer, [dataClass.unlinkable.holding]) &&
      !hasScopes(viewer, [dataClass.unlinkable.unless])
    ) {
      return withheld(info, name);
    }
    let subject: Subject | null = null;
    if (checksRecords) {
      subject = subjectOf(root, options);
      if (!subject) {
        // A classified field on a type that names no record: a programming error, never a pass.
        throw new Error(
          `${info.parentType.name}.${info.fieldName} (${name}) belongs to no record: add @RecordOf to its type.`,
        );
      }
      const { kind, id } = subject;
      if (typeof id !== "string") return withheld(info, name);
      const checks = recordScopes.map((scope) => context.access.allows(kind, scope, id));
      if (dataClass.alsoRequires) checks.push(context.access.meetsRule(kind, dataClass.alsoRequires, id));
      const results = await Promise.all(checks);
      if (!results.every(Boolean)) return withheld(info, name);
    }
    const value: unknown = await next();
    if (dataClass.audited && value !== null && value !== undefined) {
      noteAuditedRead(context, info, subject?.id ?? recordIdOf(root));
    }
    return value;
  };
}

function subjectOf(root: unknown, options: ClassifiedOptions): Subject | null {
  if (options.subject) return options.subject(root);
  if (!root || typeof root !== "object") return null;
  let proto: object | null = Object.getPrototypeOf(root) as object | null;
  while (proto && proto !== Object.prototype) {
    const of = subjects.get(proto.constructor);
    if (of) return of(root);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return null;
}

/**
 * Declares an input field that sets a classified field of the record a mutation writes (a
 * complaint's `caseId` sets `Complaint.case`, class `complainant`). The audit trail names the
 * records a write touched by id, for every `audit:read` reader; the id given in such an argument
 * is the field's content, so the write's event keeps the argument's name among its fields and
 * leaves its value out (an auditor could otherwise tie an anonymous complaint to its case). Which
 * arguments need it is checked schema-wide (tests/e2e/audit-argument-classes.test.ts).
 */
export function ClassifiedArgument(name: DataClassName): FieldDecorator {
  return (target, propertyKey, descriptor) => {
    Extensions({ dataClass: name })(target, propertyKey as string, descriptor as never);
  };
}

/** The argument paths (`input.caseId`) of a field that hold a classified argument, at any depth. */
export function classifiedArgumentPaths(field: GraphQLField<unknown, unknown>): ReadonlySet<string> {
  const found = new Set<string>();
  const walk = (type: GraphQLInputType, path: string, seen: Set<string>) => {
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return;
    for (const inner of Object.values(named.getFields())) {
      const innerPath = `${path}.${inner.name}`;
      if (typeof (inner.extensions as { dataClass?: unknown } | undefined)?.dataClass === "string")
        found.add(innerPath);
      walk(inner.type, innerPath, new Set([...seen, named.name]));
    }
  };
  for (const argument of field.args) walk(argument.type, argument.name, new Set());
  return found;
}

/** The `reason` of the refusal a non-null field outside the record rule raises (see recordsReadAsAbsent). */
export const RECORD_WITHHELD = "RECORD_WITHHELD";

/**
 * What a caller outside the record rule gets: null where the schema allows it; otherwise a
 * refusal, which nulls the record the field belongs to, as if it were not there. The refusal never
 * reaches the caller while the answer has data (recordsReadAsAbsent): its presence would tell
 * that a record they may not see exists.
 */
function withheld(info: GraphQLResolveInfo, name: string): null {
  if (!isNonNullType(info.returnType)) return null;
  throw new GraphQLError(`${info.parentType.name}.${info.fieldName} is withheld by a record rule (${name}).`, {
    extensions: { code: "FORBIDDEN", reason: RECORD_WITHHELD },
  });
}

interface AnswerBody {
  kind: string;
  singleResult?: {
    data?: Record<string, unknown> | null;
    errors?: readonly { extensions?: Record<string, unknown> }[];
  };
}

/**
 * A record a caller may not see reads as absent, the same answer as for a record that does not
 * exist (docs/integrators.md): where a non-null field of a record was withheld by a record rule,
 * the record comes back null and the refusal is dropped from the answer. Without this,
 * `actionItem { decision { id } }` told facility staff, by its error, that a decision they may not
 * read was recorded, while an item without one answered the same null without an error. The
 * refusal stays when the answer has no data at all (an answer must then say why).
 */
export function recordsReadAsAbsent() {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }: { response: { body: AnswerBody } }) {
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          if (!result?.errors || result.data == null) return;
          const kept = result.errors.filter((error) => error.extensions?.reason !== RECORD_WITHHELD);
          if (kept.length === result.errors.length) return;
          if (kept.length) result.errors = kept;
          else delete result.errors;
        },
      };
    },
  };
}

function recordIdOf(root: unknown): string | null {
  if (root && typeof root === "object") {
    const record = root as { id?: unknown; caseId?: unknown };
    if (typeof record.id === "string") return record.id;
    if (typeof record.caseId === "string") return record.caseId;
  }
  return null;
}

/**
 * Values kept inside their record (jsonb: a person's documents, a review's decisions) served as
 * instances of their GraphQL type, carrying the record they belong to so their classified fields
 * know whose rules apply. The link is not enumerable: it never goes back into storage.
 */
export function servedWithRecord<T extends object>(
  type: new () => T,
  values: readonly object[] | null | undefined,
  link: Record<string, string>,
): T[] {
  return (values ?? []).map((value) => {
    const served = Object.assign(new type(), value);
    for (const [key, id] of Object.entries(link)) Object.defineProperty(served, key, { value: id, enumerable: false });
    return served;
  });
}
