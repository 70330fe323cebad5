import type { MiddlewareFn } from "type-graphql";
import type { BaseContext } from "../context";

/** Global middleware: tells the request's audit recorder which mutation is running, with its arguments. */
export const auditMutations: MiddlewareFn<BaseContext> = ({ context, info, args }, next) => {
  if (info.parentType.name === "Mutation") context.audit?.beginMutation(info.fieldName, args);
  return next();
};
