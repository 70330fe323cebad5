import { scopesForClaims } from "@kgraph/policy";
import { LRUCache } from "lru-cache";
import { type JWK, type JWTPayload, type JWTVerifyGetKey, jose } from "./jose";
import type { Viewer } from "../context";
import type { Logger } from "../logger";
import { GATEWAY_ISSUER } from "./keys";

/**
 * What every refused token is told, at the gateway and at each subgraph: one message, so a
 * prober learns nothing about which check failed. The reason goes to the log.
 */
export const INVALID_TOKEN_MESSAGE = "invalid token";

/** The HTTP 401 answer to a request whose token is missing or not valid. */
export const INVALID_TOKEN_RESPONSE = {
  status: 401,
  headers: { "content-type": "application/json; charset=utf-8", "www-authenticate": 'Bearer error="invalid_token"' },
  body: JSON.stringify({ errors: [{ message: INVALID_TOKEN_MESSAGE, extensions: { code: "UNAUTHENTICATED" } }] }),
} as const;

/** A refused token; `message` is the reason, for the log only (never for the caller). */
export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthError";
  }
}

export interface TokenVerifierSettings {
  issuer: string;
  audience: string;
  /** The identity provider's keys: a JWKS URL (production) or public keys (development). */
  jwksUrl?: string;
  /** How the JWKS is cached; defaults in JWKS_CACHE_DEFAULTS. */
  jwksCache?: Partial<JwksCacheSettings>;
  publicKeys?: JWK[];
  /** The gateway's public key: tokens it signs stand for public (token-less) callers only. */
  gatewayPublicKey?: JWK;
  /** Tokens already verified, kept for their next request; defaults in VERIFIED_TOKENS_DEFAULTS. */
  verifiedTokens?: Partial<VerifiedTokenSettings>;
  /** The longest a token may be valid for, in seconds; MAX_TOKEN_LIFETIME_SECONDS by default. */
  maxLifetimeSeconds?: number;
  /** The clock, in ms since the epoch (tests move it); Date.now by default. */
  now?: () => number;
}

/**
 * A token valid for longer than this is refused: one leaked or copied out of a browser would
 * otherwise open the graph for as long as its `exp` says (a token signed for ten years was
 * accepted). Identity providers issue access tokens for minutes to hours (Keycloak 5 minutes,
 * Auth0 24 hours at most by default); set AUTH_MAX_TOKEN_LIFETIME_SECONDS for another bound.
 */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export interface TokenVerifier {
  /**
   * The viewer for an Authorization header; throws AuthError when it is missing or not valid,
   * after logging why to `log` (the reason and the claimed issuer, never the token).
   */
  verify(authorization: string | undefined, log: Logger): Promise<Viewer>;
}

const ALGORITHMS = ["RS256", "ES256", "PS256"];
const CLOCK_TOLERANCE_SECONDS = 5;

export interface JwksCacheSettings {
  /** Keys are fetched again after this long (jose's cacheMaxAge). */
  maxAgeSeconds: number;
  /**
   * A token with an unknown `kid` fetches the JWKS again (a rotation), at most once in this
   * long (jose's cooldownDuration): a flood of made-up `kid`s cannot flood the provider.
   */
  cooldownSeconds: number;
}

export const JWKS_CACHE_DEFAULTS: JwksCacheSettings = { maxAgeSeconds: 600, cooldownSeconds: 30 };

/**
 * A caller sends the same token with every request, and every service checked its RS256 signature
 * each time (about 65 µs of CPU through WebCrypto, once at the gateway and once in each subgraph a
 * request reaches). A token that passed is kept, keyed by its exact text, so the next request
 * with the very same token skips the signature check:
 * - only a token that passed every check is kept; a refused one is checked (and logged) each time;
 * - a kept token is dropped at its `exp` (no clock tolerance: later it is checked again, and
 *   refused), and after `maxAgeSeconds` at most, never longer than the provider's keys are cached
 *   (a key the provider withdraws stops vouching as soon as it would without this cache);
 * - at most `maxEntries` tokens, the least recently used dropped first; 0 turns it off;
 * - the viewer given for a kept token is frozen: one request cannot change another's.
 */
export interface VerifiedTokenSettings {
  maxEntries: number;
  maxAgeSeconds: number;
}

export const VERIFIED_TOKENS_DEFAULTS: VerifiedTokenSettings = { maxEntries: 2000, maxAgeSeconds: 60 };

/**
 * The provider's keys through jose's remote JWKS, which caches them, fetches again on an unknown
 * `kid` (once per cooldown) and shares one fetch among concurrent requests. One addition: when
 * a fetch fails (the provider is down or answers badly), the keys last fetched still verify,
 * and the next attempt waits for the cooldown, so an outage neither refuses tokens signed by a
 * key we know nor makes every request wait on a dead provider.
 */
export function remoteIssuerKeys(jwksUrl: string, cache: Partial<JwksCacheSettings> = {}): JWTVerifyGetKey {
  const { maxAgeSeconds, cooldownSeconds } = { ...JWKS_CACHE_DEFAULTS, ...cache };
  const remote = jose.createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: maxAgeSeconds * 1000,
    cooldownDuration: cooldownSeconds * 1000,
  });
  let lastKnown: { jwks: ReturnType<typeof remote.jwks>; keys: JWTVerifyGetKey } | undefined;
  let failedAt = Number.NEGATIVE_INFINITY;
  const known = (): JWTVerifyGetKey | undefined => {
    const jwks = remote.jwks();
    if (!jwks) return undefined;
    if (lastKnown?.jwks !== jwks) lastKnown = { jwks, keys: jose.createLocalJWKSet(jwks) };
    return lastKnown.keys;
  };
  return async (header, token) => {
    const fallback = known();
    if (fallback && Date.now() - failedAt < cooldownSeconds * 1000) return fallback(header, token);
    try {
      return await remote(header, token);
    } catch (err) {
      // No key for this kid, or more than one: the answer, not an outage.
      if (err instanceof jose.errors.JWKSNoMatchingKey || err instanceof jose.errors.JWKSMultipleMatchingKeys)
        throw err;
      if (!fallback) throw err;
      failedAt = Date.now();
      return fallback(header, token);
    }
  };
}

export function createTokenVerifier(settings: TokenVerifierSettings): TokenVerifier {
  let issuerKeys: JWTVerifyGetKey;
  if (settings.jwksUrl) issuerKeys = remoteIssuerKeys(settings.jwksUrl, settings.jwksCache);
  else if (settings.publicKeys?.length) issuerKeys = jose.createLocalJWKSet({ keys: settings.publicKeys });
  else throw new Error("Token verification needs AUTH_JWKS_URL or development public keys.");
  const gatewayKeys = settings.gatewayPublicKey
    ? jose.createLocalJWKSet({ keys: [settings.gatewayPublicKey] })
    : undefined;
  const now = settings.now ?? Date.now;
  const maxLifetime = settings.maxLifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS;
  const kept = verifiedTokens(settings);

  async function checked(token: string): Promise<{ viewer: Viewer; exp: number }> {
    const currentDate = new Date(now());
    const issuer = unverifiedIssuer(token);
    if (issuer === GATEWAY_ISSUER && gatewayKeys) {
      const payload = await check(token, gatewayKeys, GATEWAY_ISSUER, settings.audience, currentDate, maxLifetime);
      // The gateway's key vouches only for public callers: whatever the token says, no roles.
      return { viewer: { sub: undefined, roles: [], scopes: [], public: true, claims: payload }, exp: payload.exp };
    }
    const payload = await check(token, issuerKeys, settings.issuer, settings.audience, currentDate, maxLifetime);
    return { viewer: viewerFromClaims(payload), exp: payload.exp };
  }

  async function verified(authorization: string | undefined): Promise<Viewer> {
    const token = bearer(authorization);
    if (!kept) return (await checked(token)).viewer;
    const hit = kept.cache.get(token);
    if (hit && now() < hit.until) return hit.viewer;
    if (hit) kept.cache.delete(token);
    const { viewer, exp } = await checked(token);
    const until = Math.min(exp * 1000, now() + kept.maxAgeMs);
    const frozen = deepFreeze(viewer);
    if (now() < until) kept.cache.set(token, { viewer: frozen, until });
    return frozen;
  }

  return {
    async verify(authorization, log) {
      try {
        return await verified(authorization);
      } catch (err) {
        if (err instanceof AuthError) log.info({ reason: err.message }, "token refused");
        throw err;
      }
    },
  };
}

/** The cache of verified tokens a verifier keeps, or undefined when it is turned off. */
function verifiedTokens(settings: TokenVerifierSettings) {
  const { maxEntries, maxAgeSeconds } = { ...VERIFIED_TOKENS_DEFAULTS, ...settings.verifiedTokens };
  // Never trusted for longer than the provider's keys are: a withdrawn key stops vouching on time.
  const keysAge = settings.jwksUrl
    ? (settings.jwksCache?.maxAgeSeconds ?? JWKS_CACHE_DEFAULTS.maxAgeSeconds)
    : Number.POSITIVE_INFINITY;
  const maxAgeMs = Math.min(maxAgeSeconds, keysAge) * 1000;
  if (maxEntries <= 0 || maxAgeMs <= 0) return undefined;
  return { cache: new LRUCache<string, { viewer: Viewer; until: number }>({ max: maxEntries }), maxAgeMs };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * The longest `sub` the platform accepts. Every column that keeps a caller's subject (the audit
 * trail's actor, idempotency keys, who confirmed, responded or filed) holds this many characters,
 * so a longer subject is refused with the token (HTTP 401) instead of failing the write or the
 * audited read it would reach (OpenID Connect allows 255; providers issue far shorter ids).
 */
export const MAX_SUBJECT_LENGTH = 200;

export function viewerFromClaims(payload: JWTPayload): Viewer {
  const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === "string") : [];
  const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);
  return {
    sub: text(payload.sub),
    roles,
    scopes: scopesForClaims(payload as { roles?: unknown; official_id?: unknown }),
    facilityId: text(payload.facility_id),
    orgId: text(payload.org_id),
    officialId: text(payload.official_id),
    public: false,
    claims: payload,
  };
}

function bearer(authorization: string | undefined): string {
  if (!authorization) throw new AuthError("This service needs a bearer token (Authorization: Bearer <token>).");
  // The scheme's name is case-insensitive (RFC 9110 §11.1): `bearer` is `Bearer`.
  const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i.exec(authorization.trim());
  if (!match) throw new AuthError("The Authorization header is not a bearer JWT.");
  return match[1];
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8")) as { iss?: unknown };
    return typeof payload.iss === "string" ? payload.iss : undefined;
  } catch {
    throw new AuthError("The token is malformed.");
  }
}

async function check(
  token: string,
  keys: JWTVerifyGetKey,
  issuer: string,
  audience: string,
  currentDate: Date,
  maxLifetimeSeconds: number,
): Promise<JWTPayload & { exp: number }> {
  try {
    const { payload } = await jose.jwtVerify(token, keys, {
      currentDate,
      issuer,
      audience,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // A token without an expiry would be good forever; one without a subject names nobody.
      requiredClaims: ["exp", "sub"],
    });
    if (typeof payload.exp !== "number") throw new AuthError("The token has no exp claim.");
    // An issue time ahead of this clock comes from a skewed issuer or a forger: nothing then says
    // when the token was made (probe 4, I1: one issued two hours ahead was accepted).
    if (typeof payload.iat === "number" && payload.iat > currentDate.getTime() / 1000 + CLOCK_TOLERANCE_SECONDS) {
      throw new AuthError("The token was issued in the future.");
    }
    // Valid for longer than the bound from now, or from its issue: refused (clock tolerance aside).
    const lifetime = Math.max(
      payload.exp - currentDate.getTime() / 1000,
      typeof payload.iat === "number" ? payload.exp - payload.iat : 0,
    );
    if (lifetime > maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) {
      throw new AuthError(`The token is valid for longer than the ${maxLifetimeSeconds} s this service accepts.`);
    }
    if (typeof payload.sub !== "string" || payload.sub.length === 0)
      throw new AuthError("The token's sub claim is empty.");
    if (payload.sub.length > MAX_SUBJECT_LENGTH)
      throw new AuthError(`The token's sub claim is longer than ${MAX_SUBJECT_LENGTH} characters.`);
    return { ...payload, exp: payload.exp };
  } catch (err) {
    if (err instanceof AuthError) throw err;
    throw new AuthError(describe(err));
  }
}

function describe(err: unknown): string {
  if (err instanceof jose.errors.JWTExpired) return "The token has expired.";
  if (err instanceof jose.errors.JWTClaimValidationFailed) {
    if (err.reason === "missing") return `The token has no ${err.claim} claim.`;
    if (err.claim === "nbf") return "The token is not valid yet.";
    if (err.claim === "iss") return "The token was issued by an issuer this service does not trust.";
    if (err.claim === "aud") return "The token is meant for another audience.";
    return `The token's ${err.claim} claim is not valid.`;
  }
  if (err instanceof jose.errors.JWSSignatureVerificationFailed || err instanceof jose.errors.JWKSNoMatchingKey) {
    return "The token's signature does not match a trusted key.";
  }
  if (err instanceof jose.errors.JOSEAlgNotAllowed || err instanceof jose.errors.JOSENotSupported) {
    return "The token's signing algorithm is not accepted.";
  }
  return "The token is not valid.";
}
