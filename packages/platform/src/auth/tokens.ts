import { type JWK, jose } from "./jose";

export interface TokenClaims {
  [claim: string]: unknown;
  sub: string;
  roles: string[];
  facility_id?: string;
  org_id?: string;
  official_id?: string;
}

/**
 * Signs a token as an OIDC provider would: RS256, issuer, audience, issued-at, expiry. Issued now,
 * unless `issuedAt` (ms since the epoch) says otherwise.
 */
export async function signToken(
  privateJwk: JWK,
  claims: TokenClaims,
  options: { issuer: string; audience: string; ttlSeconds: number; notBefore?: number; issuedAt?: number },
): Promise<string> {
  const key = await jose.importJWK(privateJwk, "RS256");
  const now = Math.floor((options.issuedAt ?? Date.now()) / 1000);
  const jwt = new jose.SignJWT({ ...claims })
    .setProtectedHeader({ alg: "RS256", kid: privateJwk.kid, typ: "JWT" })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(claims.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + options.ttlSeconds);
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}

/** Parses "90s", "15m", "1h", "7d" into seconds. */
export function parseTtl(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new Error(`A duration looks like 90s, 15m, 1h or 7d; got "${value}".`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}
