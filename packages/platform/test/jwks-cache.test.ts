import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { AuthError, createTokenVerifier, generateKeyPairJwk, signToken } from "../src";

/**
 * The verifier's JWKS cache against a JWKS endpoint that counts its fetches and can fail:
 * what the end-to-end test with a real provider cannot easily show (an endpoint that answers
 * 500, and how often a service knocks while the provider is down).
 */
const ISSUER = "https://id.example.test";
const AUDIENCE = "kgraph-test";
const silent = pino({ level: "silent" });

async function jwksServer(publicJwk: unknown) {
  const state = { fetches: 0, status: 200 };
  const server = http.createServer((_req, res) => {
    state.fetches += 1;
    res.statusCode = state.status;
    res.setHeader("content-type", "application/json");
    res.end(state.status === 200 ? JSON.stringify({ keys: [publicJwk] }) : "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return { url, state, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the verifier's JWKS cache", () => {
  it("keeps verifying with the keys it has while the JWKS endpoint fails, knocking once per cooldown", async () => {
    const key = await generateKeyPairJwk("jwks-cache-1");
    const jwks = await jwksServer(key.publicJwk);
    try {
      // A cache of 0 s: every token would fetch again, were it not for the cooldown after a failure.
      const verifier = createTokenVerifier({
        issuer: ISSUER,
        audience: AUDIENCE,
        jwksUrl: jwks.url,
        jwksCache: { maxAgeSeconds: 0, cooldownSeconds: 1 },
      });
      const token = await signToken(
        key.privateJwk,
        { sub: "u1", roles: ["auditor"] },
        { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60 },
      );
      await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "u1" });
      expect(jwks.state.fetches).toBe(1);

      jwks.state.status = 500;
      for (let i = 0; i < 20; i += 1) {
        await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "u1" });
      }
      // One failed attempt, then the known keys until the cooldown has passed.
      expect(jwks.state.fetches).toBe(2);
      await sleep(1100);
      await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "u1" });
      expect(jwks.state.fetches).toBe(3);

      // A key it never had is refused, outage or not.
      const stranger = await generateKeyPairJwk("jwks-cache-stranger");
      const forged = await signToken(
        stranger.privateJwk,
        { sub: "u1", roles: ["auditor"] },
        { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60 },
      );
      await expect(verifier.verify(`Bearer ${forged}`, silent)).rejects.toThrow(AuthError);
    } finally {
      await jwks.close();
    }
  });

  it("refuses every token when it has never fetched keys and the endpoint fails", async () => {
    const key = await generateKeyPairJwk("jwks-cache-2");
    const jwks = await jwksServer(key.publicJwk);
    jwks.state.status = 500;
    try {
      const verifier = createTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url });
      const token = await signToken(
        key.privateJwk,
        { sub: "u1", roles: [] },
        { issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60 },
      );
      await expect(verifier.verify(`Bearer ${token}`, silent)).rejects.toThrow(AuthError);
    } finally {
      await jwks.close();
    }
  });
});
