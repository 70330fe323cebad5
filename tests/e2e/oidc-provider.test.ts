import { randomUUID } from "node:crypto";
import { type JWK, graphqlRequest, signExactClaims } from "@kgraph/platform";
import { ROLES } from "@kgraph/policy";
import { type OidcProvider, decodeToken, rsaSigningKey, startOidcProvider } from "../support/oidc-provider";
import { type Platform, startPlatform } from "../support/platform";

/**
 * Issue 10: a real identity provider. The gateway and every subgraph trust an OpenID Connect
 * provider (oidc-provider, in a process of its own) through AUTH_JWKS_URL, AUTH_ISSUER and
 * AUTH_AUDIENCE, as in production; tokens come from its token endpoint by the client_credentials
 * grant. The steps share one provider and one platform, whose key caches they exercise in
 * order: discovery, rotation, an unknown-kid flood, then the provider going down.
 */
const AUDIENCE = "https://kgraph.example/graphql";
const COOLDOWN_SECONDS = 1;
const CACHE_SECONDS = 3;

/** What a provider puts in each role's tokens besides `roles` (see the README). */
const ROLE_CLAIMS: Record<string, Record<string, unknown>> = Object.fromEntries(
  ROLES.map((role) => [
    role,
    {
      roles: [role],
      ...(role === "facility_staff" ? { facility_id: randomUUID() } : {}),
      ...(role === "monitor" ? { org_id: randomUUID() } : {}),
    },
  ]),
);

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

let provider: OidcProvider;
let platform: Platform;
let firstKey: JWK;

beforeAll(async () => {
  firstKey = await rsaSigningKey(`first-${randomUUID()}`);
  provider = await startOidcProvider({ audience: AUDIENCE, claims: ROLE_CLAIMS, keys: [firstKey] });
  platform = await startPlatform({
    identityProvider: {
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: AUDIENCE,
      // Short, so that the test sees refreshes within seconds (the defaults are 30 s and 10 min).
      AUTH_JWKS_COOLDOWN_SECONDS: String(COOLDOWN_SECONDS),
      AUTH_JWKS_CACHE_SECONDS: String(CACHE_SECONDS),
    },
  });
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await provider?.stop();
});

const COURSES = "{ courses { id } }";
const AUDIT = "{ auditTrail { id } }";

function call(query: string, token: string) {
  return graphqlRequest(platform.gatewayUrl, query, {}, { authorization: `Bearer ${token}` });
}

/** A token the provider never issued: right issuer and audience, signed by a key it does not publish. */
async function forged(kid: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signExactClaims(await rsaSigningKey(kid), {
    iss: provider.issuer,
    aud: AUDIENCE,
    sub: "auditor",
    roles: ["auditor"],
    iat: now,
    exp: now + 300,
  });
}

describe("the platform behind an OpenID Connect provider", () => {
  it("discovers the provider's keys and accepts its tokens for each of the eight roles", async () => {
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(provider.jwksUrl).toBe(`${provider.issuer}/jwks`);
    const jwks = (await (await fetch(provider.jwksUrl)).json()) as { keys: JWK[] };
    expect(jwks.keys.map((key) => [key.kid, key.d])).toEqual([[firstKey.kid, undefined]]);

    for (const role of ROLES) {
      const token = await provider.token(role);
      expect(decodeToken(token).header).toMatchObject({ alg: "RS256", kid: firstKey.kid, typ: "at+jwt" });
      expect(decodeToken(token).claims).toMatchObject({
        iss: provider.issuer,
        aud: AUDIENCE,
        sub: role,
        ...ROLE_CLAIMS[role],
      });

      // The gateway and the training subgraph both verify it: every role may read the catalogue.
      const courses = await call(COURSES, token);
      expect(courses.status).toBe(200);
      expect(courses.errors).toBeUndefined();
      expect(courses.data).toEqual({ courses: expect.any(Array) });

      // The roles claim decides the scopes: only the auditor and the Ombudsperson read the audit trail.
      const audit = await call(AUDIT, token);
      expect(audit.status).toBe(200);
      if (role === "auditor" || role === "ombudsperson") {
        expect(audit.errors).toBeUndefined();
        expect(audit.data).toEqual({ auditTrail: { id: "audit" } });
      } else {
        expect(audit.errors?.map((e: any) => [e.extensions?.code, e.path])).toEqual([
          ["UNAUTHORIZED_FIELD_OR_TYPE", ["auditTrail"]],
        ]);
      }
    }
    // Fetched once by each service that verified a token (gateway, training, cases) and once by
    // this test above (4 here), not once per request.
    const fetches = await provider.jwksFetches();
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(fetches).toBeLessThanOrEqual(10);
  });

  it("accepts a token from a newly published key, and refuses one from a retired key", async () => {
    const oldToken = await provider.token("auditor");
    const nextKey = await rsaSigningKey(`next-${randomUUID()}`);
    // The provider publishes the next key and signs with it; the old one stays published.
    await provider.setKeys([nextKey, firstKey]);
    await sleep(COOLDOWN_SECONDS + 0.2);
    const newToken = await provider.token("auditor");
    expect(decodeToken(newToken).header.kid).toBe(nextKey.kid);

    const before = await provider.jwksFetches();
    const accepted = await call(AUDIT, newToken);
    expect(accepted.status).toBe(200);
    expect(accepted.data).toEqual({ auditTrail: { id: "audit" } });
    // The unknown kid made the gateway and the cases subgraph fetch the JWKS again, once each.
    expect((await provider.jwksFetches()) - before).toBeGreaterThanOrEqual(1);
    expect((await provider.jwksFetches()) - before).toBeLessThanOrEqual(2);
    expect((await call(AUDIT, oldToken)).status).toBe(200);

    // The old key is retired (no longer in the JWKS): once the cached keys expire, its tokens are refused.
    await provider.setKeys([nextKey]);
    await sleep(CACHE_SECONDS + 0.5);
    const refused = await call(AUDIT, oldToken);
    expect(refused.status).toBe(401);
    expect(refused.errors?.map((e: any) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
    expect((await call(AUDIT, newToken)).status).toBe(200);
  });

  it("answers a flood of unknown kids from its cache, fetching the JWKS at most once per cooldown", async () => {
    await sleep(COOLDOWN_SECONDS + 0.2);
    const before = await provider.jwksFetches();
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => forged(`unknown-${i}-${randomUUID()}`)));
    const answers = await Promise.all(tokens.map((token) => call(AUDIT, token)));
    expect(answers.map((answer) => answer.status)).toEqual(tokens.map(() => 401));
    const fetches = (await provider.jwksFetches()) - before;
    expect(fetches).toBeGreaterThanOrEqual(1);
    expect(fetches).toBeLessThanOrEqual(2);
  });

  it("keeps verifying tokens with the keys it has when the provider goes down", async () => {
    const token = await provider.token("ombudsperson");
    expect((await call(AUDIT, token)).status).toBe(200);
    await provider.stop();
    // Past the cache's age: every service tries the dead provider, then falls back to the keys it had.
    await sleep(CACHE_SECONDS + 0.5);
    const answer = await call(AUDIT, token);
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ auditTrail: { id: "audit" } });
    // A key it never had is still refused, with the same 401 as any bad token.
    const refused = await call(AUDIT, await forged(`unknown-${randomUUID()}`));
    expect(refused.status).toBe(401);
    // Public callers are unaffected: the gateway vouches for them with its own key.
    const pub = await graphqlRequest(platform.gatewayUrl, "{ agreements { id } }");
    expect(pub.status).toBe(200);
    expect(pub.errors).toBeUndefined();
  });
});
