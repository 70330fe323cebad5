import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { type JWK, generateKeyPairJwk } from "@kgraph/platform";

/** A running OpenID Connect provider (tests/support/oidc-provider-process.mjs) and its test controls. */
export interface OidcProvider {
  issuer: string;
  /** From the provider's discovery document, as a client or resource server finds it. */
  jwksUrl: string;
  tokenEndpoint: string;
  /**
   * A JWT access token for the role's client: the client_credentials grant with the platform
   * as the resource (RFC 8707), client authentication by HTTP Basic.
   */
  token(role: string): Promise<string>;
  /** How many times the JWKS has been fetched since the provider started. */
  jwksFetches(): Promise<number>;
  /** Replaces the signing keys (the first signs; all are published in the JWKS). */
  setKeys(keys: JWK[]): Promise<void>;
  stop(): Promise<void>;
}

/** An RSA signing key as a private JWK with its `kid`, as a provider keeps it. */
export async function rsaSigningKey(kid: string): Promise<JWK> {
  return (await generateKeyPairJwk(kid)).privateJwk;
}

/** A JWT's header and claims, unverified: what a test checks the provider put in. */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const part = (index: number) => JSON.parse(Buffer.from(token.split(".")[index], "base64url").toString("utf8"));
  return { header: part(0), claims: part(1) };
}

export async function startOidcProvider(options: {
  /** The resource (audience) tokens are issued for. */
  audience: string;
  /** Each role's extra claims; the role's name is its client id (and so the token's `sub`). */
  claims: Record<string, Record<string, unknown>>;
  keys: JWK[];
}): Promise<OidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, "oidc-provider-process.mjs")], {
    env: {
      ...process.env,
      OIDC_AUDIENCE: options.audience,
      OIDC_CLAIMS: JSON.stringify(options.claims),
      OIDC_KEYS: JSON.stringify(options.keys),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Its errors reach the test's output; its warning about the in-memory store (right for a test) does not.
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = String(chunk);
    if (!text.includes("in-memory adapter")) process.stderr.write(text);
  });
  const { issuer } = await new Promise<{ issuer: string }>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the OpenID Connect provider exited during start-up (${code})`)));
    child.stdout?.once("data", (line: Buffer) => resolve(JSON.parse(String(line)) as { issuer: string }));
  });
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
    token_endpoint: string;
  };
  return {
    issuer: discovery.issuer,
    jwksUrl: discovery.jwks_uri,
    tokenEndpoint: discovery.token_endpoint,
    async token(role) {
      const response = await fetch(discovery.token_endpoint, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${role}:${role}-secret`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ grant_type: "client_credentials", resource: options.audience }),
      });
      const body = (await response.json()) as { access_token?: string; token_type?: string };
      if (!response.ok || !body.access_token) throw new Error(`no token for ${role}: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async jwksFetches() {
      return ((await (await fetch(`${issuer}/__test/stats`)).json()) as { jwksFetches: number }).jwksFetches;
    },
    async setKeys(keys) {
      const response = await fetch(`${issuer}/__test/keys`, { method: "PUT", body: JSON.stringify({ keys }) });
      if (response.status !== 204) throw new Error(`the provider refused the keys (${response.status})`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
