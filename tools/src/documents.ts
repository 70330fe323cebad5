import fs from "node:fs";
import path from "node:path";
import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from "graphql";

export interface NamedOperation {
  /** The file in documents/ it is in. */
  file: string;
  /** The whole parsed file (its fragments included). */
  document: DocumentNode;
  operation: OperationDefinitionNode & { name: NonNullable<OperationDefinitionNode["name"]> };
}

/** Every named operation in documents/ (the typed client's operations), files in name order. */
export function documentOperations(root: string): NamedOperation[] {
  const dir = path.join(root, "documents");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .flatMap((file) => {
      const document = parse(fs.readFileSync(path.join(dir, file), "utf8"));
      return document.definitions.flatMap((operation) =>
        operation.kind === Kind.OPERATION_DEFINITION && operation.name
          ? [{ file, document, operation: operation as NamedOperation["operation"] }]
          : [],
      );
    });
}
