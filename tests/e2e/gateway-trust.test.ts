import { randomUUID } from "node:crypto";
import {
  MAX_JSON_NESTING,
  SIGNATURE_EXTENSION,
  SIGNATURE_MAX_AGE_MS,
  STAMP_EXTENSION,
  gatewaySignature,
  gatewaySignedRequest,
  graphqlRequest,
  newStamp,
  signedBody,
} from "@kgraph/platform";
import { SUBGRAPH_NAMES } from "../../tools/src/subgraphs";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Issue 8, finding 9: in production a subgraph answers the gateway only. The platform's subgraphs
 * run with production's settings (every other end-to-end test goes through them too, so the
 * gateway's planned operations pass their limits); here each is called directly.
 */
let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const QUERY = "{ __typename }";
const NAMES = SUBGRAPH_NAMES;
const NOT_FROM_GATEWAY = {
  status: 403,
  errors: [{ message: "This service answers the gateway only.", extensions: { code: "FORBIDDEN" } }],
};

describe.each(NAMES)("the %s subgraph in production", (name) => {
  const url = () => platform.subgraphUrls[name];
  const authorization = () => platform.auth.authorization({ roles: ["ombudsperson"], sub: "trust-test-ombudsperson" });

  it("refuses an unsigned request carrying a perfectly valid end-user token", async () => {
    const res = await graphqlRequest(url(), QUERY, {}, { authorization: (await authorization()) as string });
    expect(res).toEqual(NOT_FROM_GATEWAY);
  });

  it("refuses a request signed with another secret, and a signed body replayed with other variables", async () => {
    const headers = { authorization: (await authorization()) as string };
    const forged = await gatewaySignedRequest(url(), "not-the-gateway-secret-not-the-gateway", QUERY, {}, headers);
    expect(forged).toEqual(NOT_FROM_GATEWAY);
    const res = await fetch(url(), {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query: QUERY, variables: { x: 1 }, extensions: { "hmac-signature": "AAAA" } }),
    });
    expect({ status: res.status, ...((await res.json()) as object) }).toEqual(NOT_FROM_GATEWAY);
  });

  it("refuses a GET (it cannot carry the gateway's signature)", async () => {
    const res = await fetch(`${url()}?query=${encodeURIComponent(QUERY)}`, {
      headers: { authorization: (await authorization()) as string },
    });
    expect(res.status).toBe(403);
  });

  it("answers a request the gateway signed", async () => {
    const res = await gatewaySignedRequest(
      url(),
      platform.gatewaySecret,
      QUERY,
      {},
      {
        authorization: (await authorization()) as string,
      },
    );
    expect(res).toEqual({ status: 200, data: { __typename: "Query" } });
  });

  it("answers a signed request once: resent as it was (a captured request replayed), it is refused", async () => {
    const bearer = (await authorization()) as string;
    const signed = signedBody(platform.gatewaySecret, QUERY, {}, undefined, bearer);
    const send = async () => {
      const res = await fetch(url(), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: bearer, "x-request-id": signed.requestId },
        body: signed.json,
      });
      return { status: res.status, ...((await res.json()) as object) };
    };
    expect(await send()).toEqual({ status: 200, data: { __typename: "Query" } });
    expect(await send()).toEqual(NOT_FROM_GATEWAY);
  });

  it("refuses a signed body sent with another operationName or another caller's token (probe 3, L3)", async () => {
    const signer = (await authorization()) as string;
    const other = (await platform.auth.authorization({ roles: ["ombudsperson"], sub: "trust-test-other" })) as string;
    const query = "query A { __typename } query B { __typename }";
    const send = async (operationName: string | undefined, bearer: string) => {
      const claims = { requestId: randomUUID(), clientRequestId: null, clientOperationName: null };
      const stamp = newStamp();
      const signature = gatewaySignature(platform.gatewaySecret, { query, operationName: "A" }, claims, stamp, signer);
      const res = await fetch(url(), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: bearer, "x-request-id": claims.requestId },
        body: JSON.stringify({
          query,
          operationName,
          extensions: { [SIGNATURE_EXTENSION]: signature, [STAMP_EXTENSION]: stamp },
        }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    };
    expect(await send("A", signer)).toEqual({ status: 200, data: { __typename: "Query" } });
    expect(await send("B", signer)).toEqual(NOT_FROM_GATEWAY);
    expect(await send(undefined, signer)).toEqual(NOT_FROM_GATEWAY);
    expect(await send("A", other)).toEqual(NOT_FROM_GATEWAY);
  });

  it("refuses a request whose signed stamp is older (or newer) than a minute", async () => {
    const headers = { authorization: (await authorization()) as string };
    for (const at of [Date.now() - SIGNATURE_MAX_AGE_MS - 5_000, Date.now() + SIGNATURE_MAX_AGE_MS + 5_000]) {
      const res = await gatewaySignedRequest(url(), platform.gatewaySecret, QUERY, {}, headers, {
        at,
        nonce: randomUUID(),
      });
      expect(res).toEqual(NOT_FROM_GATEWAY);
    }
  });

  it("still needs a valid token on a signed request", async () => {
    const res = await gatewaySignedRequest(url(), platform.gatewaySecret, QUERY, {}, { authorization: "Bearer x.y.z" });
    expect(res).toEqual({
      status: 401,
      errors: [{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }],
    });
  });

  it("answers no introspection, even to the gateway", async () => {
    const res = await gatewaySignedRequest(
      url(),
      platform.gatewaySecret,
      "{ __schema { types { name } } }",
      {},
      {
        authorization: (await authorization()) as string,
      },
    );
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0].message).toMatch(/introspection is not allowed/);
  });

  it("refuses variables or extensions nested past MAX_JSON_NESTING with 400, before anything walks them", async () => {
    const headers = { "content-type": "application/json", authorization: (await authorization()) as string };
    const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
    const post = async (body: string) => {
      const res = await fetch(url(), { method: "POST", headers, body });
      return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] } };
    };
    // 100,000 levels used to overflow the stack of the signature check: HTTP 500.
    for (const key of ["variables", "extensions"]) {
      const deep = await post(`{"query":"${QUERY}","${key}":{"x":${nested(100_000)}}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    }
    const get = await fetch(
      `${url()}?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(`{"x":${nested(2000)}}`)}`,
      { headers },
    );
    expect(get.status).toBe(400);
    // At the limit the request goes on to the signature check (this one is unsigned).
    expect((await post(`{"query":"${QUERY}","variables":{"x":${nested(MAX_JSON_NESTING - 1)}}}`)).status).toBe(403);
  });

  it("refuses operations past its depth, alias and token limits, each with its code", async () => {
    const headers = { authorization: (await authorization()) as string };
    const codes = async (query: string) =>
      ((await gatewaySignedRequest(url(), platform.gatewaySecret, query, {}, headers)).errors ?? []).map(
        (e) => e.extensions?.code,
      );
    // The limits are checked on the document's shape, whatever its fields: 25 levels (limit 24).
    expect(await codes(`{ ${"a { ".repeat(24)}b${" }".repeat(24)} }`)).toContain("QUERY_TOO_DEEP");
    expect(await codes(`{ ${"a { ".repeat(23)}b${" }".repeat(23)} }`)).not.toContain("QUERY_TOO_DEEP");
    expect(await codes(`{ ${Array.from({ length: 151 }, (_, i) => `a${i}: x`).join(" ")} }`)).toContain(
      "TOO_MANY_ALIASES",
    );
    expect(await codes(`{ ${"__typename ".repeat(50_001)}}`)).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });
});
