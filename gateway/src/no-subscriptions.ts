import { type ASTVisitor, GraphQLError, type ValidationContext } from "graphql";

/**
 * The graph has no subscription type, and graphql 16's validation does not check that an
 * operation's type exists: a subscription would fail at execution as an internal error. Refused
 * here as the caller's error (a validation error: HTTP 400) instead.
 */
export function useNoSubscriptions() {
  return {
    onValidate({ addValidationRule }: { addValidationRule(rule: (context: ValidationContext) => ASTVisitor): void }) {
      addValidationRule((context) => ({
        OperationDefinition(node) {
          if (node.operation === "subscription" && !context.getSchema().getSubscriptionType()) {
            context.reportError(
              new GraphQLError("This graph has no subscriptions: send a query or a mutation.", {
                nodes: [node],
                extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
              }),
            );
          }
        },
      }));
    },
  };
}
