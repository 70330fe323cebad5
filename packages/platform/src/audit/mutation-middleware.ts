import type { MiddlewareFn } from "type-graphql";
import type { BaseContext } from "../context";

/**
 * Runs a mutation field in its own audit scope, so its WRITE events name it with its arguments,
 * leaving out the values of its classified arguments (`classifiedPaths`, e.g. `input.caseId`),
 * and what it decides about its own event stays with it.
 */
export function auditMutations(classifiedPaths: ReadonlySet<string>): MiddlewareFn<BaseContext> {
  return ({ context, info, args }, next) => {
    if (info.parentType.name === "Mutation" && context.audit) {
      return context.audit.runMutation(info.fieldName, args, next, classifiedPaths);
    }
    return next();
  };
}
