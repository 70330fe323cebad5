import fs from "node:fs";
import path from "node:path";
import { type JWK, jose } from "./jose";

/**
 * Development keys, generated on first use into `.data/auth/dev-keys.json` (git-ignored, mode
 * 600): the local issuer that `npm run token` signs with, and the gateway's own key that signs
 * the short-lived token it sends to subgraphs for public (token-less) callers. Production
 * uses an OIDC provider's JWKS and a gateway key from the environment instead.
 */
export interface KeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface DevKeys {
  issuer: KeyPair;
  gateway: KeyPair;
}

export const DEV_ISSUER = "kgraph-dev";
export const GATEWAY_ISSUER = "kgraph-gateway";
export const DEFAULT_AUDIENCE = "kgraph";

export async function generateKeyPairJwk(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await jose.generateKeyPair("RS256", { extractable: true, modulusLength: 2048 });
  const privateJwk = { ...(await jose.exportJWK(privateKey)), kid, alg: "RS256", use: "sig" };
  const publicJwk = { ...(await jose.exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  return { privateJwk, publicJwk };
}

export async function loadOrCreateDevKeys(file: string): Promise<DevKeys> {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as DevKeys;
  const keys: DevKeys = {
    issuer: await generateKeyPairJwk("kgraph-dev-1"),
    gateway: await generateKeyPairJwk("kgraph-gateway-1"),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written to a temporary name first: two processes starting at once never read half a file.
  const temp = `${file}.${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  if (fs.existsSync(file)) {
    fs.rmSync(temp);
    return JSON.parse(fs.readFileSync(file, "utf8")) as DevKeys;
  }
  fs.renameSync(temp, file);
  return keys;
}

/** Reads existing development keys (a service never creates them: `npm start` does). */
export function readDevKeys(file: string): DevKeys {
  if (!fs.existsSync(file)) {
    throw new Error(
      `No development keys at ${file}. Start the platform with \`npm start\` (it creates them), ` +
        `or configure AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE for a real identity provider.`,
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as DevKeys;
}
