import { type ASTVisitor, GraphQLError, Kind, type ValidationContext } from "graphql";
import type { Limits } from "./index";

/** An operation nested deeper or aliased more than allowed fails validation with a message naming the limit. */
export function useOperationLimits(limits: Pick<Limits, "maxDepth" | "maxAliases">) {
  return {
    onValidate({ addValidationRule }: { addValidationRule(rule: (context: ValidationContext) => ASTVisitor): void }) {
      addValidationRule((context) => depthAndAliasRule(context, limits));
    },
  };
}

function depthAndAliasRule(context: ValidationContext, limits: Pick<Limits, "maxDepth" | "maxAliases">): ASTVisitor {
  const fragments = new Map(
    context
      .getDocument()
      .definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [(d as { name: { value: string } }).name.value, d]),
  );
  const depthOf = (node: { selectionSet?: { selections: readonly unknown[] } }, seen: Set<string>): number => {
    if (!node.selectionSet) return 0;
    let deepest = 0;
    for (const selection of node.selectionSet.selections as {
      kind: string;
      name?: { value: string };
      selectionSet?: never;
    }[]) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name?.value.startsWith("__")) continue;
        deepest = Math.max(deepest, 1 + depthOf(selection, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection, seen));
      } else if (selection.kind === Kind.FRAGMENT_SPREAD && selection.name && !seen.has(selection.name.value)) {
        const fragment = fragments.get(selection.name.value) as never;
        if (fragment) deepest = Math.max(deepest, depthOf(fragment, new Set([...seen, selection.name.value])));
      }
    }
    return deepest;
  };
  let aliases = 0;
  return {
    Field(node) {
      // The gateway's own hidden markers (error-paths.ts) are not the caller's aliases.
      if (node.alias && !node.alias.value.startsWith("__kgraph")) aliases += 1;
    },
    OperationDefinition: {
      leave(node) {
        const depth = depthOf(node, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`The operation nests ${depth} levels deep; the limit is ${limits.maxDepth}.`, {
              nodes: [node],
              extensions: { code: "QUERY_TOO_DEEP" },
            }),
          );
        }
        if (aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(`The operation uses ${aliases} aliases; the limit is ${limits.maxAliases}.`, {
              nodes: [node],
              extensions: { code: "TOO_MANY_ALIASES" },
            }),
          );
        }
      },
    },
  };
}
