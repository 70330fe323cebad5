import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import pino from "pino";
import { badTokens } from "../testkit/edge-inputs";
import {
  AuthError,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  GATEWAY_ISSUER,
  type TestAuth,
  type TokenVerifierSettings,
  type Viewer,
  createTestAuth,
  createTokenVerifier,
  signToken,
} from "../src";

/**
 * Verified tokens kept by the verifier (VerifiedTokenSettings): a token that passed is not checked
 * again on its next request, and nothing else changes. Each rule is tried where it could leak: a
 * kept token changed anywhere, past its exp, past the longest time kept, pushed out by others,
 * refused tokens, and a viewer one request could change for the next.
 */
let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});
afterEach(() => jest.restoreAllMocks());

const silent = pino({ level: "silent" });
const T0 = Date.UTC(2026, 11, 3, 12, 0, 0);

/** A verifier of the test issuer's and gateway's tokens, on a clock the test moves. */
function verifierAt(clock: { now: number }, verifiedTokens?: TokenVerifierSettings["verifiedTokens"]) {
  return createTokenVerifier({
    issuer: DEV_ISSUER,
    audience: DEFAULT_AUDIENCE,
    publicKeys: [auth.keys.issuer.publicJwk],
    gatewayPublicKey: auth.keys.gateway.publicJwk,
    verifiedTokens,
    now: () => clock.now,
  });
}

/** A token signed at `at` (ms) and living `ttlSeconds`, by the test issuer (or the gateway, for a public caller). */
async function tokenAt(at: number, ttlSeconds: number, sub = "kept-officer", by: "issuer" | "gateway" = "issuer") {
  const issuer = by === "issuer";
  return signToken(
    issuer ? auth.keys.issuer.privateJwk : auth.keys.gateway.privateJwk,
    { sub, roles: issuer ? ["mia_officer"] : [] },
    { issuer: issuer ? DEV_ISSUER : GATEWAY_ISSUER, audience: DEFAULT_AUDIENCE, ttlSeconds, issuedAt: at },
  );
}

/** Counts the RS256 signature checks made (jose checks through WebCrypto). */
const signatureChecks = () => jest.spyOn(globalThis.crypto.subtle, "verify");

/** What a verifier says of a header: the viewer, or that it was refused. */
async function verdict(verify: () => Promise<Viewer>): Promise<Viewer | "refused"> {
  try {
    return await verify();
  } catch (err) {
    if (err instanceof AuthError) return "refused";
    throw err;
  }
}

describe("verified tokens kept by the verifier", () => {
  it("checks a token's signature once while it is kept, and gives the same viewer", async () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const token = await tokenAt(T0, 600);
    const checks = signatureChecks();
    const first = await verifier.verify(`Bearer ${token}`, silent);
    for (let i = 0; i < 5; i += 1) {
      clock.now += 1000;
      await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toBe(first);
    }
    expect(checks).toHaveBeenCalledTimes(1);
    expect(first).toMatchObject({ sub: "kept-officer", roles: ["mia_officer"], public: false });
  });

  it("gives the same verdict as a verifier that keeps nothing for any one-character change of a kept token", async () => {
    const clock = { now: T0 };
    const keeping = verifierAt(clock);
    const fresh = verifierAt(clock, { maxEntries: 0 });
    const token = await tokenAt(T0, 600);
    await keeping.verify(`Bearer ${token}`, silent);
    const alphabet = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: token.length - 1 }), fc.constantFrom(...alphabet), async (at, char) => {
        const changed = `Bearer ${token.slice(0, at)}${char}${token.slice(at + 1)}`;
        const mine = await verdict(() => keeping.verify(changed, silent));
        const theirs = await verdict(() => fresh.verify(changed, silent));
        expect(mine === "refused" ? mine : { ...mine }).toEqual(theirs === "refused" ? theirs : { ...theirs });
        // The change is refused unless it left the token's bytes as they were (the token itself,
        // or base64url's spare bits in the last character of a part).
        if (changed !== `Bearer ${token}` && mine !== "refused") {
          const bytes = (t: string) => t.split(".").map((part) => Buffer.from(part, "base64url").toString("hex"));
          expect(bytes(changed.slice(7))).toEqual(bytes(token));
        }
      }),
      { numRuns: 300, seed: 20261203 },
    );
  });

  it("drops a kept token at its exp: checked again, then refused like any expired token", async () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const token = await tokenAt(T0, 60);
    await verifier.verify(`Bearer ${token}`, silent);
    const checks = signatureChecks();
    clock.now = T0 + 59_000;
    await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "kept-officer" });
    expect(checks).toHaveBeenCalledTimes(0);
    // At exp the kept token is gone; the check's own 5 s of clock tolerance still applies.
    clock.now = T0 + 60_000;
    await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "kept-officer" });
    expect(checks).toHaveBeenCalledTimes(1);
    clock.now = T0 + 66_000;
    await expect(verifier.verify(`Bearer ${token}`, silent)).rejects.toThrow(AuthError);
    clock.now = T0 + 30_000;
    // Nothing expired is kept: a refused check leaves no entry to find later.
    await expect(verifier.verify(`Bearer ${token}`, silent)).resolves.toMatchObject({ sub: "kept-officer" });
    expect(checks).toHaveBeenCalledTimes(3);
  });

  it("keeps a token no longer than maxAgeSeconds, and never longer than the provider's keys are cached", async () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock, { maxAgeSeconds: 10 });
    const token = await tokenAt(T0, 600);
    const checks = signatureChecks();
    await verifier.verify(`Bearer ${token}`, silent);
    clock.now = T0 + 9_999;
    await verifier.verify(`Bearer ${token}`, silent);
    expect(checks).toHaveBeenCalledTimes(1);
    clock.now = T0 + 10_000;
    await verifier.verify(`Bearer ${token}`, silent);
    expect(checks).toHaveBeenCalledTimes(2);

    // Keys fetched from a provider and cached for 0 s: tokens are not kept either.
    const server = http.createServer((_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keys: [auth.keys.issuer.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const remote = createTokenVerifier({
        issuer: DEV_ISSUER,
        audience: DEFAULT_AUDIENCE,
        jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
        jwksCache: { maxAgeSeconds: 0, cooldownSeconds: 1 },
        now: () => clock.now,
      });
      checks.mockClear();
      await remote.verify(`Bearer ${token}`, silent);
      await remote.verify(`Bearer ${token}`, silent);
      expect(checks).toHaveBeenCalledTimes(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("keeps at most maxEntries tokens, dropping the least recently used", async () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock, { maxEntries: 2 });
    const [a, b, c] = [await tokenAt(T0, 600, "a"), await tokenAt(T0, 600, "b"), await tokenAt(T0, 600, "c")];
    const checks = signatureChecks();
    for (const token of [a, b, a, c]) await verifier.verify(`Bearer ${token}`, silent);
    expect(checks).toHaveBeenCalledTimes(3); // a, b, c (a's second use was kept)
    await verifier.verify(`Bearer ${a}`, silent); // used after b: still kept
    await verifier.verify(`Bearer ${c}`, silent);
    expect(checks).toHaveBeenCalledTimes(3);
    await verifier.verify(`Bearer ${b}`, silent); // pushed out by c
    expect(checks).toHaveBeenCalledTimes(4);
  });

  it("checks and logs a refused token every time it is sent", async () => {
    const clock = { now: Date.now() };
    const verifier = verifierAt(clock);
    for (const { name, authorization } of badTokens(auth)) {
      const header = await authorization();
      const lines: unknown[] = [];
      const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
      for (let i = 0; i < 3; i += 1) await expect(verifier.verify(header, logger)).rejects.toThrow(AuthError);
      expect({ name, refusals: lines.length }).toEqual({ name, refusals: 3 });
    }
  });

  it("gives a frozen viewer, so no request can change what the next one with the same token gets", async () => {
    const clock = { now: T0 };
    const verifier = verifierAt(clock);
    const officer = await verifier.verify(`Bearer ${await tokenAt(T0, 600)}`, silent);
    const publicToken = await tokenAt(T0, 60, "public", "gateway");
    const anonymous = await verifier.verify(`Bearer ${publicToken}`, silent);
    for (const viewer of [officer, anonymous]) {
      expect(() => viewer.roles.push("auditor")).toThrow(TypeError);
      expect(() => viewer.scopes.push("audit:read")).toThrow(TypeError);
      expect(() => Object.assign(viewer, { public: !viewer.public })).toThrow(TypeError);
      expect(() => Object.assign(viewer.claims as object, { roles: ["auditor"] })).toThrow(TypeError);
    }
    await expect(verifier.verify(`Bearer ${publicToken}`, silent)).resolves.toMatchObject({
      public: true,
      roles: [],
      scopes: [],
    });
  });
});
