import { GraphQLError, type GraphQLResolveInfo, responsePathAsArray } from "graphql";
import { Directive, UseMiddleware, type MiddlewareFn } from "type-graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "./logger";

/** The code of the error that says a list was cut at its stated maximum. */
export const LIST_TRUNCATED = "LIST_TRUNCATED";

/** The lists cut during a request, by its context object (read when the response is sent). */
const truncations = new WeakMap<object, GraphQLError[]>();

/** What a list over its maximum becomes: the first `max` items, in the resolver's order. */
export function boundList<T>(items: readonly T[], max: number): { items: readonly T[]; truncated: boolean } {
  return items.length > max ? { items: items.slice(0, max), truncated: true } : { items, truncated: false };
}

/**
 * The error reported at a list's path when it was cut to its maximum. It states no length: a
 * bounded list's loader reads at most `max + 1` rows per parent (`firstManyByKey`), enough to
 * know the list is longer, never how much longer.
 */
export function listTruncatedError(path: readonly (string | number)[], max: number): GraphQLError {
  return new GraphQLError(`This list has more than its maximum of ${max} items; only the first ${max} are returned.`, {
    path,
    extensions: { code: LIST_TRUNCATED, max },
  });
}

/**
 * Cuts the resolved list of a field to `max` items and records a LIST_TRUNCATED error at the
 * field's path (added to the response's errors by `listTruncationPlugin`; logged as a warning).
 */
export function boundedListMiddleware(max: number): MiddlewareFn<object> {
  return async ({ context, info }, next) => {
    const result: unknown = await next();
    if (!Array.isArray(result) || result.length <= max) return result;
    reportTruncation(context, info, max);
    return result.slice(0, max);
  };
}

function reportTruncation(context: object, info: GraphQLResolveInfo, max: number): void {
  const path = responsePathAsArray(info.path);
  const error = listTruncatedError(path, max);
  if (context && typeof context === "object") {
    const list = truncations.get(context) ?? [];
    list.push(error);
    truncations.set(context, list);
    const logger = (context as { logger?: Logger }).logger;
    logger?.warn({ field: `${info.parentType.name}.${info.fieldName}`, path, max }, "list cut at its maximum");
  }
}

/** The LIST_TRUNCATED errors recorded for a request's context, if any. */
export function listTruncations(context: object): readonly GraphQLError[] {
  return truncations.get(context) ?? [];
}

/**
 * A list without `first`: its stated maximum `max`. The gateway's demand control prices it at
 * `max` items (`@listSize(assumedSize:)`), and the server never sends more than `max` of them:
 * a longer list is cut to its first `max` items with a LIST_TRUNCATED error at its path.
 * The field's description should state the maximum (see `atMost`). A list loaded per parent
 * should read at most `max + 1` rows of each (`firstManyByKey`), with `max` in one constant
 * shared by this decorator and the loader.
 */
export const BoundedList = (max: number): MethodDecorator & PropertyDecorator => {
  if (!Number.isInteger(max) || max < 0) throw new Error(`A list's maximum must be a whole number, not ${max}.`);
  const directive = Directive(`@listSize(assumedSize: ${max})`);
  const middleware = UseMiddleware(boundedListMiddleware(max));
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key, descriptor as never);
    middleware(target, key, descriptor as never);
  }) as MethodDecorator & PropertyDecorator;
};

/** The sentence a bounded list's description ends with. */
export const atMost = (max: number) => `At most ${max} items (more are cut, with a LIST_TRUNCATED error).`;

/** Adds the request's LIST_TRUNCATED errors to its response, beside the data. */
export function listTruncationPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const errors = listTruncations(contextValue);
          if (!errors.length || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...errors.map((error) => error.toJSON())];
        },
      };
    },
  };
}
