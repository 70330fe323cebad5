import fs from "node:fs";
import path from "node:path";

/** The client's trusted-document manifest (`npm run schema` writes it): id → document text. */
const manifest = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, "..", "..", "packages", "client", "src", "generated", "persisted-documents.json"),
    "utf8",
  ),
) as Record<string, string>;

/** The id of the trusted document that holds `query <operation>`. */
export function trustedQueryId(operation: string): string {
  const found = Object.entries(manifest).find(([, text]) => new RegExp(`query ${operation}[( {]`).test(text));
  if (!found) throw new Error(`No trusted document holds query ${operation}`);
  return found[0];
}

/** A trusted document, as the public sends it: by id, without a token. */
export async function asPublic(
  gatewayUrl: string,
  operation: string,
  variables: Record<string, unknown>,
): Promise<{ data?: any; errors?: unknown }> {
  const response = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ documentId: trustedQueryId(operation), variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown };
}
