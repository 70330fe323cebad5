import { randomUUID } from "node:crypto";
import { defaultExecutionRequestSerializer } from "@graphql-mesh/hmac-upstream-signature";
import type { ExecutionRequest } from "@graphql-tools/utils";
import {
  type GatewayClaims,
  IDEMPOTENCY_KEY_HEADER,
  STAMP_EXTENSION,
  idempotencyKeyOf,
  newStamp,
  signedContent,
} from "@kgraph/platform/dist/edge";

/**
 * The gateway's request ids. Every request gets an id of the gateway's own, whatever the client
 * sends: the id is what ties a request's audit events in every subgraph to the logs, so no client
 * may choose it (or reuse another request's). A client's `x-request-id` is kept beside it as the
 * client's (`x-client-request-id` upstream), for matching with the client's own logs. Responses
 * carry the gateway's id.
 *
 * The runtime's own request-id plugin is off (`requestId: false`): it takes the client's header
 * as the id whenever one is sent.
 */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

interface RequestIds {
  requestId: string;
  clientRequestId: string | null;
  /** The client's Idempotency-Key, passed on (signed) to the subgraphs, which act on it once. */
  idempotencyKey: string | null;
  /**
   * The Authorization header every subgraph request of this request carries (and its signature
   * covers): the caller's own, or for a public caller the gateway's public token. Set once, before
   * execution (`onExecute`), so what is signed and what is sent cannot differ.
   */
  upstreamAuthorization?: string;
}

const idsByRequest = new WeakMap<Request, RequestIds>();

interface LoggingContext {
  log?: { child(attributes: Record<string, unknown>): unknown };
}

export function useGatewayRequestIds(publicToken: () => Promise<string>) {
  return {
    async onExecute({ args }: { args: { contextValue: RequestContext } }) {
      const request = args.contextValue?.request;
      const ids = request ? idsByRequest.get(request) : undefined;
      if (request && ids && ids.upstreamAuthorization === undefined) {
        ids.upstreamAuthorization = request.headers.get("authorization") ?? `Bearer ${await publicToken()}`;
      }
    },
    onRequest({
      request,
      serverContext,
      endResponse,
    }: {
      request: Request;
      serverContext: LoggingContext;
      endResponse(response: Response): void;
    }) {
      const sent = request.headers.get("x-request-id");
      const key = idempotencyKeyOf(request.headers.get(IDEMPOTENCY_KEY_HEADER) ?? undefined);
      const ids = {
        requestId: randomUUID(),
        clientRequestId: sent && REQUEST_ID.test(sent) ? sent : null,
        idempotencyKey: key instanceof Error ? null : (key ?? null),
      };
      idsByRequest.set(request, ids);
      if (serverContext.log) {
        const { requestId, clientRequestId } = ids;
        serverContext.log = serverContext.log.child({ requestId, clientRequestId }) as LoggingContext["log"];
      }
      // A key the client believes protects its retries but the subgraphs could not use: refused, not dropped.
      if (key instanceof Error) {
        endResponse(
          new Response(JSON.stringify({ errors: [{ message: key.message, extensions: { code: "BAD_REQUEST" } }] }), {
            status: 400,
            headers: { "content-type": "application/json; charset=utf-8", "x-request-id": ids.requestId },
          }),
        );
      }
    },
    onResponse({ request, response }: { request: Request; response: Response }) {
      const ids = idsByRequest.get(request);
      if (ids) response.headers.set("x-request-id", ids.requestId);
    },
  };
}

interface OperationParams {
  operationName?: string | null;
  query?: string;
}

interface RequestContext {
  request?: Request;
  params?: OperationParams;
}

/**
 * What the gateway vouches for in each subgraph request of a client request: its own request id,
 * the client's id and the client's name for the operation (both recorded as the client's claims),
 * and the client's idempotency key.
 */
export function gatewayClaims(context: RequestContext | undefined): GatewayClaims {
  const ids = context?.request ? idsByRequest.get(context.request) : undefined;
  return {
    requestId: ids?.requestId ?? null,
    clientRequestId: ids?.clientRequestId ?? null,
    clientOperationName: operationNameOf(context?.params) ?? null,
    idempotencyKey: ids?.idempotencyKey ?? null,
  };
}

/**
 * The Authorization header of the request's subgraph requests (see `RequestIds`); computed here
 * only for a request that reached no `onExecute`, which signs nothing.
 */
export async function upstreamAuthorization(
  context: RequestContext | undefined,
  publicToken: () => Promise<string>,
): Promise<string> {
  const request = context?.request;
  const known = request ? idsByRequest.get(request)?.upstreamAuthorization : undefined;
  return known ?? request?.headers.get("authorization") ?? `Bearer ${await publicToken()}`;
}

/** The claims as the headers subgraphs read them. */
export function claimHeaders(claims: GatewayClaims): Record<string, string | undefined> {
  return {
    "x-request-id": claims.requestId ?? undefined,
    "x-client-request-id": claims.clientRequestId ?? undefined,
    "x-operation-name": claims.clientOperationName ?? undefined,
    [IDEMPOTENCY_KEY_HEADER]: claims.idempotencyKey ?? undefined,
  };
}

/**
 * What the gateway signs for a subgraph request: the library's serialised request (query and
 * variables) followed by the claims, so a subgraph can trust the claims in the headers only
 * together with the body they were sent with, a fresh stamp (time and nonce), put in the
 * request's extensions here (the signer calls this once per subgraph request, right before it
 * signs, so each signed request is stamped once and a resent one is recognised), and the
 * operation name and Authorization header the request is sent with.
 */
export function signedRequestContent(executionRequest: ExecutionRequest): string {
  const stamp = newStamp();
  executionRequest.extensions = { ...executionRequest.extensions, [STAMP_EXTENSION]: stamp };
  const context = executionRequest.context as RequestContext | undefined;
  const ids = context?.request ? idsByRequest.get(context.request) : undefined;
  return signedContent(defaultExecutionRequestSerializer(executionRequest) ?? "", gatewayClaims(context), stamp, {
    operationName: executionRequest.operationName ?? null,
    authorization: ids?.upstreamAuthorization ?? null,
  });
}

/** The operation's name: the one the client chose, or the name its only operation carries. */
function operationNameOf(params: OperationParams | undefined): string | undefined {
  const match = /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(
    params?.query ?? "",
  );
  const name = params?.operationName || match?.[1];
  return name && OPERATION_NAME.test(name) ? name : undefined;
}
