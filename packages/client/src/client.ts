import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type GraphQLFormattedError, print } from "graphql";

export interface ClientOptions {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A bearer token; leave out for a public caller. */
  token?: string;
  /**
   * Send trusted documents by their hash instead of their text (what a deployment that accepts
   * only trusted documents from public callers requires). Default: true.
   */
  trustedDocuments?: boolean;
}

export interface Result<TData> {
  data: TData | null;
  errors: readonly GraphQLFormattedError[];
}

/**
 * A small typed client: `client.execute(CaseFileDocument, { id })` returns `CaseFileQuery`.
 * Generated documents carry their trusted-document hash, so by default only the hash is sent.
 */
export function createClient(options: ClientOptions) {
  const trusted = options.trustedDocuments ?? true;
  return {
    async execute<TData, TVariables extends Record<string, unknown>>(
      document: TypedDocumentNode<TData, TVariables>,
      ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
    ): Promise<Result<TData>> {
      const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
      const body = trusted && hash ? { documentId: hash, variables } : { query: print(document), variables };
      const response = await fetch(options.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json, application/json",
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      const payload = (await response.json().catch(() => null)) as {
        data?: TData | null;
        errors?: GraphQLFormattedError[];
      } | null;
      if (!payload || (!("data" in payload) && !payload.errors)) {
        throw new Error(`The gateway answered HTTP ${response.status} without a GraphQL result.`);
      }
      if (response.status === 401) {
        throw new Error(`Not signed in: ${payload.errors?.[0]?.message ?? "the token was refused"}`);
      }
      return { data: payload.data ?? null, errors: payload.errors ?? [] };
    },
  };
}

export type Client = ReturnType<typeof createClient>;
