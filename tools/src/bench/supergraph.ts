import { type ASTNode, BREAK, Kind, parse, print, visit } from "graphql";

/**
 * The authorization features of a supergraph: the directives `@apollo/gateway` refuses ("unsupported
 * SECURITY feature"), by the spec each comes from and the scalar its arguments use.
 */
const AUTHORIZATION_SPECS = [
  { spec: "https://specs.apollo.dev/authenticated/", directive: "authenticated", scalars: [] as string[] },
  { spec: "https://specs.apollo.dev/requiresScopes/", directive: "requiresScopes", scalars: ["requiresScopes__Scope"] },
  { spec: "https://specs.apollo.dev/policy/", directive: "policy", scalars: ["policy__Policy"] },
];

const DIRECTIVES = new Set(AUTHORIZATION_SPECS.map(({ directive }) => directive));
const SCALARS = new Set(AUTHORIZATION_SPECS.flatMap(({ scalars }) => scalars));

/**
 * The supergraph without its authorization directives (@authenticated, @requiresScopes, @policy):
 * their `@link`s, definitions, scalars and every use. Everything else — every type, field,
 * argument and join directive — stays as it was, so `@apollo/gateway` plans the same operations
 * against the same subgraphs (which still enforce the rules themselves).
 */
export function stripAuthorizationDirectives(supergraphSdl: string): string {
  const stripped = visit(parse(supergraphSdl), {
    DirectiveDefinition: (node) => (DIRECTIVES.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node) => (SCALARS.has(node.name.value) ? null : undefined),
    Directive: (node) => {
      if (DIRECTIVES.has(node.name.value)) return null;
      if (node.name.value === "link" && linksAuthorizationSpec(node)) return null;
      return undefined;
    },
  });
  return `${print(stripped)}\n`;
}

/** Whether a `@link(url: …)` names one of the authorization specs. */
function linksAuthorizationSpec(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    Argument: (argument) => {
      if (
        argument.name.value === "url" &&
        argument.value.kind === Kind.STRING &&
        AUTHORIZATION_SPECS.some(({ spec }) => (argument.value as { value: string }).value.startsWith(spec))
      ) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
