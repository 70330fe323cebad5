import fs from "node:fs";
import { Kind, parse } from "graphql";

export interface TrustedDocumentsOptions {
  /** The manifest codegen writes: `{ "sha256:<hash>": "<document>" }`. */
  file: string;
  /** A caller without a token may run only trusted documents. */
  publicOnly: boolean;
}

/**
 * Trusted documents: a request may name a registered operation by its hash (`documentId`, or
 * `extensions.persistedQuery.sha256Hash`) instead of sending its text. With `publicOnly`, a
 * caller without a token may run nothing else — the public surface is exactly the reviewed
 * operations; signed-in callers (and everyone, in development) may still send any operation.
 */
export function trustedDocuments(
  options: TrustedDocumentsOptions | undefined,
  claimsOf: (request: Request) => Record<string, unknown> | undefined,
) {
  if (!options) return undefined;
  if (!fs.existsSync(options.file)) {
    throw new Error(`No trusted-documents manifest at ${options.file}. Run \`npm run schema\` to generate it.`);
  }
  // A Map: an id such as `__proto__` or `toString` is a key like any other, not an inherited member.
  const manifest = new Map(Object.entries(JSON.parse(fs.readFileSync(options.file, "utf8")) as Record<string, string>));
  const lookup = (id: string): string | null => manifest.get(id) ?? manifest.get(`sha256:${id}`) ?? null;
  return {
    getPersistedOperation: (id: string) => lookup(id),
    // Signed in means a verified token (an empty or malformed Authorization header is already a 401).
    allowArbitraryDocuments: (request: Request) => !options.publicOnly || claimsOf(request) !== undefined,
    customErrors: {
      notFound: {
        message: "No trusted document has this id. Regenerate the client (`npm run schema`) and deploy its manifest.",
        extensions: { code: "TRUSTED_DOCUMENT_NOT_FOUND" },
      },
      persistedQueryOnly: {
        message:
          "Without a token this graph runs only trusted documents: send the document's id (`documentId`), or sign in.",
        extensions: { code: "TRUSTED_DOCUMENTS_ONLY" },
      },
      keyNotFound: {
        message: "Send a trusted document's id as `documentId` (or extensions.persistedQuery.sha256Hash).",
        extensions: { code: "TRUSTED_DOCUMENT_ID_REQUIRED" },
      },
    },
  };
}

/** The operation names of the manifest's documents: the operations the platform's own client runs. */
export function trustedOperationNames(file: string | undefined): string[] {
  if (!file || !fs.existsSync(file)) return [];
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  return Object.values(manifest).flatMap((document) =>
    parse(document).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])),
  );
}
