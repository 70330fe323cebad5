import { GraphQLError } from "graphql";

/**
 * A subgraph that cannot be reached (refused, reset, down) fails only its own fields: the rest of
 * the answer stands (HTTP 200). The HTTP executor reports it as SUBREQUEST_HTTP_ERROR with the
 * network error inside, which the gateway's masking turns into an anonymous "Unexpected error."
 * (and, unmasked, it would carry the subgraph's address and the signed request body). Here it
 * becomes one coded error naming the service, so a client can tell an outage from a bug and retry.
 */
export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";

interface UpstreamError {
  extensions?: Record<string, unknown>;
  originalError?: { name?: string } | null;
}

interface Result {
  data?: unknown;
  errors?: readonly UpstreamError[];
}

/** The request never got an answer (refused, reset, closed): not a timeout, which has its own code. */
const unreachable = (error: UpstreamError) =>
  error.extensions?.code === "SUBREQUEST_HTTP_ERROR" &&
  (error.extensions.http as { status?: number } | undefined)?.status !== 504 &&
  !["AbortError", "TimeoutError"].includes(error.originalError?.name ?? "");

/** The HTTP executor's own timeout (LIMIT_UPSTREAM_TIMEOUT_MS) ended the request. */
const timedOut = (error: UpstreamError) =>
  error.extensions?.code === "SUBREQUEST_HTTP_ERROR" && error.originalError?.name === "TimeoutError";

export function useSubgraphUnavailable() {
  return {
    onSubgraphExecute({ subgraphName }: { subgraphName: string }) {
      return ({ result, setResult }: { result: unknown; setResult(result: Result): void }) => {
        if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return;
        const { errors } = result as Result;
        if (errors?.some(timedOut)) {
          return setResult({
            errors: [
              new GraphQLError(
                `The ${subgraphName} service did not answer in time; its fields are null. The rest of the answer stands.`,
                { extensions: { code: "GATEWAY_TIMEOUT", serviceName: subgraphName } },
              ),
            ],
          });
        }
        if (!errors?.some(unreachable)) return;
        setResult({
          errors: [
            new GraphQLError(
              `The ${subgraphName} service is unavailable; its fields are null. The rest of the answer stands: retry later for the whole of it.`,
              { extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: subgraphName } },
            ),
          ],
        });
      };
    },
  };
}
