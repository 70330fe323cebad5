import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import { type DocumentNode, GraphQLError, type GraphQLSchema, Kind, type ValidationContext, validate } from "graphql";
import { expandedFieldCount } from "./demand-control";
import type { Limits } from "./index";
import { type LimitObserver, UNOBSERVED } from "./observer";

/** graphql-armor refusals carry a code and HTTP 400; the message (armor's) names the limit. */
const coded = (code: string, observer: LimitObserver = UNOBSERVED) => ({
  exposeLimits: true,
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const refusal = new GraphQLError(error.message.replace(/^Syntax Error: /, ""), {
        extensions: { code, http: { status: 400 } },
      });
      // The token limit runs inside the parser (no validation context): it stops the parse.
      if (!context) {
        observer.refused(code);
        throw refusal;
      }
      context.reportError(refusal);
    },
  ],
});

/**
 * graphql-armor's token, depth, alias and directive limits, on the document exactly as the caller
 * wrote it. Tokens: armor's parser stops counting at the limit. Depth, aliases and directives run
 * right after parsing — listed before `useExactRemovedFieldPaths`, whose hidden `__kgraphKeep`
 * aliases are added later — so every alias the caller wrote counts, `__kgraph…` ones included,
 * and `__schema`/`__type` subtrees count towards depth like any other (introspection runs on
 * the gateway itself).
 */
export function useOperationShapeLimits(
  limits: Pick<Limits, "maxDepth" | "maxAliases" | "maxTokens" | "maxDirectives" | "maxFields">,
  observer: LimitObserver = UNOBSERVED,
) {
  const rules = [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: false,
      flattenFragments: true,
      ...coded("QUERY_TOO_DEEP"),
    }),
    maxAliasesRule({ n: limits.maxAliases, ...coded("TOO_MANY_ALIASES") }),
    maxDirectivesRule({ n: limits.maxDirectives, ...coded("TOO_MANY_DIRECTIVES") }),
  ];
  let schema: GraphQLSchema | undefined;
  // The parser cache hands out the same document for the same text: check each one once.
  const checked = new WeakMap<DocumentNode, GraphQLError | null>();
  return [
    maxTokensPlugin({ n: limits.maxTokens, ...coded("TOO_MANY_TOKENS", observer) }),
    {
      onSchemaChange({ schema: next }: { schema: GraphQLSchema }) {
        schema = next;
      },
      onParse() {
        return ({ result }: { result: unknown }) => {
          if (!schema || !isDocument(result)) return;
          let refusal = checked.get(result);
          if (refusal === undefined) {
            refusal = validate(schema, result, rules)[0] ?? tooManyFields(result, limits.maxFields);
            checked.set(result, refusal);
          }
          if (refusal) {
            // Counted here, not in onReject: a document's refusal is cached, and every request is one.
            observer.refused(String(refusal.extensions.code));
            throw refusal;
          }
        };
      },
    },
  ];
}

/** Every operation of the document, fragments expanded, within the field limit (the planner expands them all). */
function tooManyFields(document: DocumentNode, maxFields: number): GraphQLError | null {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const fields = expandedFieldCount(document, definition.name?.value);
    if (fields > maxFields) {
      return new GraphQLError(
        `The operation selects ${fields} fields once its fragments are expanded; the limit is ${maxFields}.`,
        { extensions: { code: "TOO_MANY_FIELDS", http: { status: 400 } } },
      );
    }
  }
  return null;
}

function isDocument(value: unknown): value is DocumentNode {
  return Boolean(value) && typeof value === "object" && (value as DocumentNode).kind === Kind.DOCUMENT;
}
