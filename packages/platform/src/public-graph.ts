import { createHash } from "node:crypto";
import { userError } from "./errors";

/**
 * The graph as the public sees it (no token), for a subgraph that reads what other subgraphs
 * publish — the oversight subgraph's impact assessments read the public quarter figures this
 * way, never another subgraph's tables. It sends only trusted documents (by id: the sha256 of
 * the document's text as the manifest holds it), so it works where the gateway runs public
 * callers on trusted documents only; tests/schema checks each such document is in the manifest.
 */
export interface PublicGraph {
  run<T>(document: string, variables: Record<string, unknown>): Promise<T>;
}

/** The trusted-document id of a document's text (the manifest's key for it). */
export function trustedDocumentId(document: string): string {
  return `sha256:${createHash("sha256").update(document).digest("hex")}`;
}

const unavailable = (message: string) => userError("SERVICE_UNAVAILABLE", message);

/** A PublicGraph over HTTP at `url` (the gateway's /graphql). */
export function publicGraph(url: string, timeoutMs = 15_000): PublicGraph {
  return {
    async run<T>(document: string, variables: Record<string, unknown>): Promise<T> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ documentId: trustedDocumentId(document), variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        throw unavailable(`The graph (${url}) did not answer: ${(err as Error).message}. Try again shortly.`);
      }
      const body = (await response.json().catch(() => null)) as {
        data?: T;
        errors?: { message: string; extensions?: { code?: string } }[];
      } | null;
      if (!body || body.errors?.length || !body.data) {
        const first = body?.errors?.[0];
        throw unavailable(
          `The graph (${url}) refused the public figures query (HTTP ${response.status}${first ? `, ${first.extensions?.code ?? ""} ${first.message}` : ""}). Try again shortly.`,
        );
      }
      return body.data;
    },
  };
}
