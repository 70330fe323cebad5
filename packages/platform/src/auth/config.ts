import path from "node:path";
import type { JWK } from "./jose";
import { z } from "zod";
import { DEFAULT_AUDIENCE, DEV_ISSUER, readDevKeys } from "./keys";
import {
  JWKS_CACHE_DEFAULTS,
  type JwksCacheSettings,
  MAX_TOKEN_LIFETIME_SECONDS,
  type TokenVerifier,
  createTokenVerifier,
} from "./verifier";

/** Where `npm start` keeps development keys: `.data/auth/dev-keys.json` in the project. */
export const DEFAULT_DEV_KEYS_FILE = path.resolve(__dirname, "..", "..", "..", "..", ".data", "auth", "dev-keys.json");

/** Identity settings every service reads (through its own config.ts). */
export const authConfigShape = {
  /** The OIDC provider's JWKS (production); unset → the development issuer's keys. */
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).default(DEV_ISSUER),
  AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_AUDIENCE),
  /** How long the provider's keys are cached before they are fetched again. */
  AUTH_JWKS_CACHE_SECONDS: z.coerce.number().int().min(1).default(JWKS_CACHE_DEFAULTS.maxAgeSeconds),
  /** An unknown `kid` fetches the keys again at most once in this long. */
  AUTH_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(JWKS_CACHE_DEFAULTS.cooldownSeconds),
  /** A token valid for longer than this (from now, or from its `iat`) is refused. */
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(60).default(MAX_TOKEN_LIFETIME_SECONDS),
  /** Development keys file (used only when AUTH_JWKS_URL is unset). */
  AUTH_DEV_KEYS: z.string().default(DEFAULT_DEV_KEYS_FILE),
  /** The gateway's public key as a JWK (JSON), in production; development reads it from AUTH_DEV_KEYS. */
  GATEWAY_PUBLIC_JWK: z.string().optional(),
};

export interface AuthConfig {
  AUTH_JWKS_URL?: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_CACHE_SECONDS: number;
  AUTH_JWKS_COOLDOWN_SECONDS: number;
  AUTH_MAX_TOKEN_LIFETIME_SECONDS: number;
  AUTH_DEV_KEYS: string;
  GATEWAY_PUBLIC_JWK?: string;
  NODE_ENV: string;
}

/** The token verifier a subgraph uses, from its configuration. */
export function verifierFromConfig(config: AuthConfig): TokenVerifier {
  if (config.AUTH_JWKS_URL) {
    if (!config.GATEWAY_PUBLIC_JWK) {
      throw new Error("GATEWAY_PUBLIC_JWK is required with AUTH_JWKS_URL: subgraphs must know the gateway's key.");
    }
    return createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      jwksUrl: config.AUTH_JWKS_URL,
      jwksCache: jwksCacheFromConfig(config),
      maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
      gatewayPublicKey: JSON.parse(config.GATEWAY_PUBLIC_JWK) as JWK,
    });
  }
  if (config.NODE_ENV === "production") {
    throw new Error("In production set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE: development keys are refused.");
  }
  const keys = readDevKeys(config.AUTH_DEV_KEYS);
  return createTokenVerifier({
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    publicKeys: [keys.issuer.publicJwk],
    gatewayPublicKey: keys.gateway.publicJwk,
    maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
  });
}

export function jwksCacheFromConfig(
  config: Pick<AuthConfig, "AUTH_JWKS_CACHE_SECONDS" | "AUTH_JWKS_COOLDOWN_SECONDS">,
): JwksCacheSettings {
  return { maxAgeSeconds: config.AUTH_JWKS_CACHE_SECONDS, cooldownSeconds: config.AUTH_JWKS_COOLDOWN_SECONDS };
}
