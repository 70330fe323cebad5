import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { DEFAULT_AUDIENCE, DEV_ISSUER, type TestAuth, createTestAuth } from "@kgraph/platform";
import { badTokens } from "@kgraph/testkit/edge-inputs";
import pino from "pino";
import { createTokenPlugin } from "../src/auth";

/**
 * The gateway's token check: every bad token ends the request with HTTP 401 "invalid token"
 * (nothing about which check failed), and the reason goes to the gateway's log, without the token.
 */
let auth: TestAuth;
let keysDir: string;
beforeAll(async () => {
  auth = await createTestAuth();
  keysDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-gateway-keys-"));
  fs.writeFileSync(path.join(keysDir, "dev-keys.json"), JSON.stringify(auth.keys), { mode: 0o600 });
});
afterAll(() => {
  fs.rmSync(keysDir, { recursive: true, force: true });
});

it("answers every bad token with the one 401 and logs why", async () => {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const { plugin } = createTokenPlugin(
    { issuer: DEV_ISSUER, audience: DEFAULT_AUDIENCE, devKeysFile: path.join(keysDir, "dev-keys.json") },
    pino({ level: "info" }, stream),
  );
  for (const token of badTokens(auth)) {
    const authorization = (await token.authorization()) as string;
    let ended: Response | undefined;
    lines.length = 0;
    await plugin.onRequest({
      request: new Request("http://gateway/graphql", { method: "POST", headers: { authorization } }),
      endResponse: (response) => {
        ended = response;
      },
      fetchAPI: { Response },
    });
    expect({ token: token.name, status: ended?.status, challenge: ended?.headers.get("www-authenticate") }).toEqual({
      token: token.name,
      status: 401,
      challenge: 'Bearer error="invalid_token"',
    });
    expect(await ended!.json()).toEqual({
      errors: [{ message: "invalid token", extensions: { code: "UNAUTHENTICATED" } }],
    });
    expect({ token: token.name, lines }).toEqual({
      token: token.name,
      lines: [expect.objectContaining({ msg: "token refused", reason: token.reasonAtGateway ?? token.reason })],
    });
    expect(raw.join("")).not.toContain(authorization.replace(/^Bearer /, ""));
  }
});
