export interface Limits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Deepest selection nesting (fragments included). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Requests per caller (token subject, or address) per minute. */
  requestsPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 256 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  requestsPerMinute: 600,
};

export { withBodyLimit } from "./body-size";
export { type RateLimiter, createRateLimiter, useRateLimit } from "./rate-limit";
export { type ForwardedHeader, addressBucket, clientAddress, trustedProxies } from "./client-address";
export { useOperationLimits } from "./operation-limits";
