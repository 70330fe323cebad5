import {
  type DocumentNode,
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * What an operation executes, as the audit trail names it: its kind and its root fields
 * (`query { case, agreements }`), fragments resolved. Taken from the parsed operation, so neither
 * the client's name for it nor its aliases can make it look like something else. `__typename`
 * is left out: it reads no record.
 */
export function executedOperation(document: DocumentNode, operation: OperationDefinitionNode): string {
  return `${operation.operation} { ${rootFieldsOf(document, operation).join(", ")} }`;
}

/** The root fields an operation executes, in order, fragments resolved, without `__typename`. */
export function rootFieldsOf(document: DocumentNode, operation: OperationDefinitionNode): string[] {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const fields: string[] = [];
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // `__typename` reads nothing (the gateway adds one to every selection set).
        if (selection.name.value !== "__typename" && !fields.includes(selection.name.value))
          fields.push(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !visited.has(fragment.name.value)) {
          visited.add(fragment.name.value);
          collect(fragment.selectionSet);
        }
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}
