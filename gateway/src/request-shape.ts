import { MAX_JSON_NESTING, jsonNesting } from "@kgraph/platform/dist/edge";
import { GraphQLError } from "graphql";

/**
 * A request the server cannot read is the caller's error (HTTP 400 BAD_REQUEST), never an
 * internal one. The runtime's parsers throw plain errors for unreadable JSON in a GET's
 * `variables`/`extensions` or a form body, and the trusted-documents step reads each operation's
 * fields before the runtime checks their types (a body of `[1, 2]` or `{"documentId": 12}`
 * crashed it): so every parser is wrapped here, and what it returns is checked for the GraphQL
 * over HTTP shape before any other step sees it, `variables` and `extensions` no deeper than
 * MAX_JSON_NESTING.
 *
 * A POST must be JSON (or `application/graphql`). The content types a web page may send to
 * another site without asking first (CORS "simple" requests: form-urlencoded, multipart, plain
 * text) are refused with 415 whatever the runtime would make of them: the runtime read a
 * form-encoded body, so any web page could make its visitors' browsers file complaints (probe 3,
 * L5). A POST that needs a preflight is never sent cross-site without this gateway's CORS consent.
 */
export function useRequestShape() {
  return {
    onRequestParse({
      request,
      requestParser,
      setRequestParser,
    }: {
      request: Request;
      requestParser?: (request: Request) => unknown;
      setRequestParser(parser: (request: Request) => Promise<unknown>): void;
    }) {
      if (request.method === "POST" && CORS_SIMPLE_TYPES.has(mediaType(request.headers.get("content-type")))) {
        throw new GraphQLError("Send a POST as application/json.", {
          extensions: { code: "UNSUPPORTED_MEDIA_TYPE", http: { status: 415 } },
        });
      }
      // No parser for this content type: the runtime answers 415 itself.
      if (!requestParser) return;
      setRequestParser(async (request) => {
        let parsed: unknown;
        try {
          parsed = await requestParser(request);
        } catch (error) {
          // The runtime's own refusals (a body that is not JSON, say) already carry their status.
          if (error instanceof GraphQLError || (error as { extensions?: unknown })?.extensions) throw error;
          throw badRequest("The request could not be read: send JSON (or a GET with URL-encoded JSON parameters).");
        }
        if (parsed instanceof Response) return parsed;
        if (Array.isArray(parsed)) parsed.forEach((operation, i) => checkOperation(operation, `operation ${i + 1}`));
        else checkOperation(parsed, "the request");
        return parsed;
      });
    },
  };
}

/** What a cross-site form or fetch may send without a preflight (no Content-Type is text/plain). */
export const CORS_SIMPLE_TYPES = new Set([
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
  "",
]);

function mediaType(contentType: string | null): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

const OPTIONAL_STRINGS = ["query", "operationName", "documentId"] as const;
const OPTIONAL_OBJECTS = ["variables", "extensions"] as const;

function checkOperation(value: unknown, what: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`${capitalise(what)} must be a JSON object with a "query" or a "documentId".`);
  }
  const fields = value as Record<string, unknown>;
  for (const key of OPTIONAL_STRINGS) {
    if (fields[key] != null && typeof fields[key] !== "string") {
      throw badRequest(`"${key}" in ${what} must be a string.`);
    }
  }
  for (const key of OPTIONAL_OBJECTS) {
    const field = fields[key];
    if (field != null && (typeof field !== "object" || Array.isArray(field))) {
      throw badRequest(`"${key}" in ${what} must be a JSON object.`);
    }
    // Before any step walks it recursively (the cost estimate's cache key, signing, coercion).
    if (jsonNesting(field) > MAX_JSON_NESTING) {
      throw badRequest(`"${key}" in ${what} nests deeper than ${MAX_JSON_NESTING} levels.`);
    }
  }
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST", http: { status: 400 } } });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
