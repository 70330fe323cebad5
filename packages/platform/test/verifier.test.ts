import { Writable } from "node:stream";
import pino from "pino";
import { badTokens } from "../testkit/edge-inputs";
import {
  AuthError,
  DEFAULT_AUDIENCE,
  DEV_ISSUER,
  MAX_SUBJECT_LENGTH,
  MAX_TOKEN_LIFETIME_SECONDS,
  type TestAuth,
  type TokenClaims,
  createTestAuth,
  signExactClaims,
  signToken,
} from "../src";

/**
 * The token verifier every service uses: a token without `exp` or `sub` is refused like any other
 * bad token, and why it was refused goes to the log (the caller is only told "invalid token"),
 * without the token.
 */
let auth: TestAuth;
beforeAll(async () => {
  auth = await createTestAuth();
});

/** A pino logger whose lines are kept for the test to read. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines, raw };
}

const CASES = () => badTokens(auth);

describe("the token verifier", () => {
  it("refuses every bad token, logging the reason and never the token", async () => {
    for (const { name, authorization, reason } of await CASES()) {
      const { logger, lines, raw } = capturingLogger();
      await expect(auth.verifier.verify(await authorization(), logger)).rejects.toThrow(AuthError);
      expect({ name, lines }).toEqual({ name, lines: [expect.objectContaining({ msg: "token refused", reason })] });
      const header = await authorization();
      if (header) expect(raw.join("")).not.toContain(header.replace(/^Bearer /, ""));
    }
  });

  it("refuses a request without an Authorization header, logging why", async () => {
    const { logger, lines } = capturingLogger();
    await expect(auth.verifier.verify(undefined, logger)).rejects.toThrow(AuthError);
    expect(lines).toEqual([
      expect.objectContaining({ reason: "This service needs a bearer token (Authorization: Bearer <token>)." }),
    ]);
  });

  it("accepts a token with exp and sub, logging nothing", async () => {
    const { logger, lines } = capturingLogger();
    const viewer = await auth.verifier.verify(await auth.authorization("auditor"), logger);
    expect(viewer).toMatchObject({ sub: "test-auditor", roles: ["auditor"], public: false });
    expect(lines).toEqual([]);
  });

  it("accepts a sub of exactly the longest length the platform keeps", async () => {
    const sub = "s".repeat(MAX_SUBJECT_LENGTH);
    const viewer = await auth.verifier.verify(
      await auth.authorization({ roles: ["auditor"], sub }),
      capturingLogger().logger,
    );
    expect(viewer).toMatchObject({ sub, roles: ["auditor"], public: false });
  });

  it("accepts the gateway's token for a public caller (it carries exp and sub)", async () => {
    const { logger } = capturingLogger();
    const viewer = await auth.verifier.verify(`Bearer ${await auth.publicToken()}`, logger);
    expect(viewer).toMatchObject({ public: true, roles: [], scopes: [] });
  });
});

describe("what the verifier accepts at its bounds", () => {
  const sign = (claims: Record<string, unknown>) =>
    signToken(auth.keys.issuer.privateJwk, { sub: "u-bounds", roles: ["auditor"], ...claims } as TokenClaims, {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
      ttlSeconds: MAX_TOKEN_LIFETIME_SECONDS,
    });

  it("accepts a token valid for exactly the longest lifetime", async () => {
    const viewer = await auth.verifier.verify(`Bearer ${await sign({})}`, capturingLogger().logger);
    expect(viewer).toMatchObject({ sub: "u-bounds", roles: ["auditor"] });
  });

  it("takes the scheme's name in any case (RFC 9110 §11.1)", async () => {
    const token = await sign({});
    for (const scheme of ["bearer", "BEARER", "BeArEr"]) {
      const viewer = await auth.verifier.verify(`${scheme} ${token}`, capturingLogger().logger);
      expect(viewer).toMatchObject({ sub: "u-bounds" });
    }
  });

  it("refuses a token one minute longer-lived than the bound, from now or from its iat", async () => {
    const now = Math.floor(Date.now() / 1000);
    const tooLong = [
      { iat: now, exp: now + MAX_TOKEN_LIFETIME_SECONDS + 60 },
      { iat: now - 120, exp: now + MAX_TOKEN_LIFETIME_SECONDS - 60 },
    ];
    for (const claims of tooLong) {
      const token = await signExactClaims(auth.keys.issuer.privateJwk, {
        iss: DEV_ISSUER,
        aud: DEFAULT_AUDIENCE,
        sub: "u-bounds",
        roles: ["auditor"],
        ...claims,
      });
      await expect(auth.verifier.verify(`Bearer ${token}`, capturingLogger().logger)).rejects.toThrow(
        `The token is valid for longer than the ${MAX_TOKEN_LIFETIME_SECONDS} s this service accepts.`,
      );
    }
  });

  it("accepts an issue time a few seconds ahead (clock skew), and refuses one a minute ahead", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = (iat: number) =>
      signExactClaims(auth.keys.issuer.privateJwk, {
        iss: DEV_ISSUER,
        aud: DEFAULT_AUDIENCE,
        sub: "u-bounds",
        roles: ["auditor"],
        iat,
        exp: now + 600,
      });
    const viewer = await auth.verifier.verify(`Bearer ${await token(now + 3)}`, capturingLogger().logger);
    expect(viewer).toMatchObject({ sub: "u-bounds" });
    await expect(auth.verifier.verify(`Bearer ${await token(now + 60)}`, capturingLogger().logger)).rejects.toThrow(
      "The token was issued in the future.",
    );
  });
});
