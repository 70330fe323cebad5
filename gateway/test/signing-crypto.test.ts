import { webcrypto } from "node:crypto";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { parse, print, stripIgnoredCharacters } from "graphql";
import { useHmacUpstreamSignature } from "@graphql-mesh/hmac-upstream-signature";
import { createTestAuth, gatewaySignatureOf } from "@kgraph/platform";
import { signingCrypto } from "../src/signing-crypto";
import { gatewayClaims, signedRequestContent } from "../src/request-ids";

const encoder = new TextEncoder();
const base64 = (buffer: ArrayBuffer) => Buffer.from(buffer).toString("base64");
const hmacKey = (crypto: Crypto | webcrypto.Crypto, secret: Uint8Array, usages: KeyUsage[] = ["sign"]) =>
  (crypto.subtle as webcrypto.SubtleCrypto).importKey(
    "raw",
    Uint8Array.from(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    usages,
  );

describe("signingCrypto", () => {
  it("signs HMAC-SHA256 to the same bytes as Node's Web Crypto, for any key and content", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 96 }),
        fc.string({ maxLength: 2000 }),
        async (secret, text) => {
          const data = encoder.encode(text);
          const ours = await signingCrypto.subtle.sign("HMAC", await hmacKey(signingCrypto, secret), data);
          const webs = await webcrypto.subtle.sign("HMAC", await hmacKey(webcrypto, secret), data);
          expect(base64(ours)).toBe(base64(webs));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("signs a view into a larger buffer by the view's bytes alone", async () => {
    const secret = encoder.encode("a secret of at least thirty-two characters");
    const whole = encoder.encode("xxxxthe content signedyyyy");
    const view = whole.subarray(4, whole.length - 4);
    const ours = await signingCrypto.subtle.sign("HMAC", await hmacKey(signingCrypto, secret), view);
    const webs = await webcrypto.subtle.sign(
      "HMAC",
      await hmacKey(webcrypto, secret),
      encoder.encode("the content signed"),
    );
    expect(base64(ours)).toBe(base64(webs));
  });

  it("leaves every other key and operation to Node's Web Crypto, with its checks", async () => {
    const secret = encoder.encode("another secret of at least thirty-two characters");
    const sha512 = await signingCrypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-512" }, false, [
      "sign",
    ]);
    const viaOurs = await signingCrypto.subtle.sign("HMAC", sha512, encoder.encode("x"));
    const viaWeb = await webcrypto.subtle.sign(
      "HMAC",
      await webcrypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-512" }, false, ["sign"]),
      encoder.encode("x"),
    );
    expect(viaOurs.byteLength).toBe(64);
    expect(base64(viaOurs)).toBe(base64(viaWeb));
    // A key imported for verifying only cannot sign, here as in Web Crypto.
    const verifyOnly = await hmacKey(signingCrypto, secret, ["verify"]);
    await expect(signingCrypto.subtle.sign("HMAC", verifyOnly, encoder.encode("x"))).rejects.toThrow();
    expect(typeof signingCrypto.randomUUID()).toBe("string");
    const digest = await signingCrypto.subtle.digest("SHA-256", encoder.encode("x"));
    expect(digest.byteLength).toBe(32);
  });
});

describe("the runtime's upstream signing through signingCrypto", () => {
  it("signs a subgraph request as the subgraphs check it, without a Web Crypto HMAC job", async () => {
    const secret = "the gateway's secret, at least 32 characters long";
    const plugin = useHmacUpstreamSignature({ secret, serializeExecutionRequest: signedRequestContent });
    plugin.onYogaInit?.({ yoga: { fetchAPI: { crypto: signingCrypto, TextEncoder, btoa } } } as never);
    const webSign = jest.spyOn(webcrypto.subtle, "sign");
    try {
      const query = "query($n: Int!) { cases(first: $n) { edges { node { id } } } }";
      const executionRequest = { document: parse(query), variables: { n: 20 }, context: {}, extensions: {} };
      const log = { child: () => log, debug: () => undefined };
      await plugin.onSubgraphExecute?.({ subgraphName: "cases", executionRequest, log } as never);
      expect(webSign).not.toHaveBeenCalled();
      // What the subgraph receives: the document as the HTTP executor prints it, the variables and
      // the extensions.
      const body = {
        query: stripIgnoredCharacters(print(executionRequest.document)),
        variables: { n: 20 },
        extensions: executionRequest.extensions,
      };
      const claims = gatewayClaims(undefined);
      expect(gatewaySignatureOf(secret, body, claims, null)).not.toBeNull();
      expect(gatewaySignatureOf("some other secret, also 32 characters long", body, claims, null)).toBeNull();
      expect(gatewaySignatureOf(secret, { ...body, variables: { n: 21 } }, claims, null)).toBeNull();
    } finally {
      webSign.mockRestore();
    }
  });
});

describe("the gateway's subgraph requests", () => {
  // The built gateway, started in a process of its own (the runtime loads its transports with
  // dynamic imports, which Jest's sandbox refuses) over one recording stand-in for every subgraph:
  // see fixtures/signed-subgraph-requests.js.
  it("are signed as the subgraphs check, with no Web Crypto HMAC", async () => {
    const auth = await createTestAuth();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-signing-"));
    try {
      const devKeysFile = path.join(dir, "dev-keys.json");
      fs.writeFileSync(devKeysFile, JSON.stringify(auth.keys), { mode: 0o600 });
      const secret = "the gateway's secret, at least 32 characters long";
      const officer = (await auth.authorization("mia_officer")) as string;
      const report = JSON.parse(
        execFileSync(
          process.execPath,
          [path.join(__dirname, "fixtures", "signed-subgraph-requests.js"), devKeysFile, secret, officer],
          { encoding: "utf8" },
        ),
      ) as {
        answers: unknown[];
        received: { headers: Record<string, string>; body: Record<string, unknown> }[];
        webCryptoHmacSignatures: number;
      };
      // One public request, one officer's: each answered, each reaching the stand-in signed.
      expect(report.answers.map((answer) => (answer as { data?: unknown }).data)).toEqual([
        { agreements: [] },
        { agreements: [] },
      ]);
      expect(report.received).toHaveLength(2);
      for (const { headers, body } of report.received) {
        const claims = {
          requestId: headers["x-request-id"],
          clientRequestId: null,
          clientOperationName: null,
          idempotencyKey: null,
        };
        expect(gatewaySignatureOf(secret, body, claims, headers.authorization ?? null)).not.toBeNull();
      }
      expect(report.webCryptoHmacSignatures).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
