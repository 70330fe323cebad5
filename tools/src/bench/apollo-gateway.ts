import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { type GraphQLDataSourceProcessOptions, ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, HeaderMap } from "@apollo/server";
import {
  DEFAULT_AUDIENCE,
  GATEWAY_ISSUER,
  type GatewayClaims,
  SIGNATURE_EXTENSION,
  STAMP_EXTENSION,
  gatewaySignature,
  newStamp,
  readDevKeys,
  signToken,
  subgraphEnvPrefix,
} from "@kgraph/platform";
import { stripAuthorizationDirectives } from "./supergraph";

/**
 * `npm run bench`'s baseline: `@apollo/gateway` (2.14, the federation family of the subgraphs'
 * `@apollo/subgraph`) on Apollo Server, serving schema/supergraph.graphql with the authorization
 * directives stripped (it refuses them), run as its own process so its CPU and memory can be read
 * from /proc. Started by bench.ts only; loopback only.
 *
 * It talks to the subgraphs as the project's gateway does, so they answer it unweakened: the
 * caller's Authorization header passed on, or for a public caller a two-minute token of the
 * gateway's own (the development gateway key); a request id of its own per client request
 * (`x-request-id`, what the subgraphs' audit events record); and every subgraph request signed
 * with the platform's `gatewaySignature` and a fresh stamp. It does not verify tokens or remove
 * fields itself: the subgraphs refuse what the caller may not see.
 *
 * Environment: PORT, GATEWAY_HMAC_SECRET, AUTH_DEV_KEYS, <NAME>_URL per subgraph, SUPERGRAPH_PATH.
 */
interface Context {
  authorization: string | undefined;
  requestId: string;
  operationName: string | null;
}

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

async function main(): Promise<void> {
  const secret = required("GATEWAY_HMAC_SECRET");
  const keys = readDevKeys(required("AUTH_DEV_KEYS"));
  const supergraphPath =
    process.env.SUPERGRAPH_PATH ?? path.resolve(__dirname, "..", "..", "..", "schema", "supergraph.graphql");
  const supergraphSdl = stripAuthorizationDirectives(fs.readFileSync(supergraphPath, "utf8"));

  let publicToken: { token: string; expiresAt: number } | undefined;
  const publicAuthorization = async () => {
    const now = Date.now();
    if (!publicToken || publicToken.expiresAt - now < 20_000) {
      const token = await signToken(
        keys.gateway.privateJwk,
        { sub: "public", roles: [] },
        { issuer: GATEWAY_ISSUER, audience: process.env.AUTH_AUDIENCE ?? DEFAULT_AUDIENCE, ttlSeconds: 120 },
      );
      publicToken = { token, expiresAt: now + 120_000 };
    }
    return `Bearer ${publicToken.token}`;
  };

  class SignedDataSource extends RemoteGraphQLDataSource<Context> {
    override async willSendRequest(options: GraphQLDataSourceProcessOptions<Context>): Promise<void> {
      const { request } = options;
      // A client's operation (not the gateway's own health check or schema load).
      const context = "incomingRequestContext" in options ? options.context : undefined;
      const headers = request.http!.headers;
      const authorization = context?.authorization ?? (await publicAuthorization());
      headers.set("authorization", authorization);
      const claims: GatewayClaims = {
        requestId: context?.requestId ?? randomUUID(),
        clientRequestId: null,
        clientOperationName: context?.operationName ?? null,
      };
      headers.set("x-request-id", claims.requestId as string);
      if (claims.clientOperationName) headers.set("x-operation-name", claims.clientOperationName);
      const stamp = newStamp();
      request.extensions = {
        ...request.extensions,
        [STAMP_EXTENSION]: stamp,
        [SIGNATURE_EXTENSION]: gatewaySignature(
          secret,
          { query: request.query as string, variables: request.variables, operationName: request.operationName },
          claims,
          stamp,
          authorization,
        ),
      };
    }
  }

  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SignedDataSource({ url: process.env[`${subgraphEnvPrefix(name)}_URL`] ?? url }),
  });
  const apollo = new ApolloServer<Context>({ gateway, introspection: false });
  await apollo.start();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (url.pathname !== "/graphql") {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const headers = new HeaderMap();
        for (const [name, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
        }
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
        } catch {
          res.writeHead(400, { "content-type": "application/json" }).end('{"errors":[{"message":"bad JSON"}]}');
          return;
        }
        const operationName = (body as { operationName?: unknown } | undefined)?.operationName;
        const answer = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body },
          context: async () => ({
            authorization: req.headers.authorization,
            requestId: randomUUID(),
            operationName:
              typeof operationName === "string" && OPERATION_NAME.test(operationName) ? operationName : null,
          }),
        });
        res.statusCode = answer.status ?? 200;
        for (const [name, value] of answer.headers) res.setHeader(name, value);
        if (answer.body.kind === "complete") res.end(answer.body.string);
        else {
          for await (const chunk of answer.body.asyncIterator) res.write(chunk);
          res.end();
        }
      })().catch((err: unknown) => {
        process.stderr.write(`[apollo-gateway] ${err instanceof Error ? err.stack : String(err)}\n`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = Number(process.env.PORT ?? 0);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void apollo.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

main().catch((err: unknown) => {
  process.stderr.write(`[apollo-gateway] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
