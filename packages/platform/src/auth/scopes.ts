import { AUDITED_READ_SCOPES, type Scope } from "@kgraph/policy";
import { GraphQLError } from "graphql";
import { Directive, type MiddlewareFn, UseMiddleware } from "type-graphql";
import type { BaseContext } from "../context";

type FieldDecorator = (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => void;

/**
 * The one way to protect a field. It writes `@requiresScopes` into the subgraph's SDL (so the
 * gateway removes the field for callers without the scopes, before planning) and checks the
 * same scopes inside the subgraph (so a direct call to the subgraph meets the same wall).
 * Several scopes are all required.
 */
export function RequiresScopes(...scopes: [Scope, ...Scope[]]): FieldDecorator {
  const directive = `@requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(", ")}]])`;
  return combine(directive, scopeGuard(scopes));
}

/** A field any signed-in caller may see, but not the public. */
export function Authenticated(): FieldDecorator {
  return combine("@authenticated", authenticatedGuard);
}

function combine(directive: string, guard: MiddlewareFn<BaseContext>): FieldDecorator {
  return (target, propertyKey, descriptor) => {
    Directive(directive)(target, propertyKey as string, descriptor as PropertyDescriptor);
    UseMiddleware(guard)(target, propertyKey as string, descriptor as PropertyDescriptor);
  };
}

export function hasScopes(viewer: BaseContext["viewer"], scopes: readonly string[]): boolean {
  return scopes.every((scope) => viewer.scopes.includes(scope));
}

function scopeGuard(scopes: readonly Scope[]): MiddlewareFn<BaseContext> {
  const audited = scopes.some((scope) => AUDITED_READ_SCOPES.includes(scope));
  return async ({ context, info, root }, next) => {
    if (!hasScopes(context.viewer, scopes)) {
      throw new GraphQLError(`${info.parentType.name}.${info.fieldName} needs ${scopes.join(" and ")}.`, {
        extensions: { code: "FORBIDDEN", requiredScopes: scopes },
      });
    }
    const value: unknown = await next();
    // A read of identity, sensitive, privileged or complainant data is noted for the audit
    // trail (one event per request); the record is the parent's id (a person's: the case id).
    if (audited && value !== null && value !== undefined) noteAuditedRead(context, info, recordIdOf(root));
    return value;
  };
}

/** Notes an audited read for the request's READ event: the type, the record (a person's: the case id), the field. */
export function noteAuditedRead(
  context: BaseContext,
  info: { parentType: { name: string }; fieldName: string },
  recordId: string | null,
): void {
  context.audit?.read(info.parentType.name, recordId, info.fieldName);
}

function recordIdOf(root: unknown): string | null {
  if (root && typeof root === "object") {
    const record = root as { id?: unknown; caseId?: unknown };
    if (typeof record.id === "string") return record.id;
    if (typeof record.caseId === "string") return record.caseId;
  }
  return null;
}

const authenticatedGuard: MiddlewareFn<BaseContext> = ({ context, info }, next) => {
  if (context.viewer.public || !context.viewer.sub) {
    throw new GraphQLError(`${info.parentType.name}.${info.fieldName} needs a signed-in caller.`, {
      extensions: { code: "UNAUTHENTICATED" },
    });
  }
  return next();
};
