import type { MiddlewareFn } from "type-graphql";
import type { BaseContext } from "../context";

/**
 * Global middleware: runs each mutation field in its own audit scope, so its WRITE events name it
 * with its arguments, and what it decides about its own event stays with it.
 */
export const auditMutations: MiddlewareFn<BaseContext> = ({ context, info, args }, next) => {
  if (info.parentType.name === "Mutation" && context.audit)
    return context.audit.runMutation(info.fieldName, args, next);
  return next();
};
