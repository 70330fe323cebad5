export interface Limits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Deepest selection nesting (fragments and introspection included). */
  maxDepth: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most tokens in one document. */
  maxTokens: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Most fields one operation selects once its fragments are expanded. */
  maxFields: number;
  /** Largest estimated cost of an operation for a signed-in caller. */
  maxCost: number;
  /** Largest estimated cost of an operation for a caller without a token. */
  maxCostPublic: number;
  /** The size demand control assumes for a list without `@listSize`. */
  assumedListSize: number;
  /** How long a client may take to send one whole request (headers and body), in milliseconds. */
  requestTimeoutMs: number;
  /** How long the gateway waits for one subgraph request, in milliseconds. */
  upstreamTimeoutMs: number;
  /** Largest answer, in bytes. */
  maxResponseBytes: number;
  /** Requests one caller may have in flight at once, at one gateway. */
  maxInFlightPerCaller: number;
  /** Requests per caller (token subject, or address) per minute. */
  requestsPerMinute: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 256 * 1024,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxDirectives: 50,
  maxFields: 1000,
  maxCost: 5000,
  maxCostPublic: 1000,
  assumedListSize: 10,
  requestTimeoutMs: 30_000,
  upstreamTimeoutMs: 10_000,
  maxResponseBytes: 4 * 1024 * 1024,
  requestsPerMinute: 600,
  maxInFlightPerCaller: 16,
};

export { type LimitObserver, UNOBSERVED } from "./observer";
export { withBodyLimit } from "./body-size";
export { type RateLimiter, createRateLimiter, useRateLimit } from "./rate-limit";
export { type ForwardedHeader, addressBucket, clientAddress, trustedProxies } from "./client-address";
export { useOperationShapeLimits } from "./operation-shape";
export { estimateCost, expandedFieldCount, useCostBudget } from "./demand-control";
export { useResponseSizeLimit } from "./response-size";
export { useConcurrencyLimit } from "./concurrency";
