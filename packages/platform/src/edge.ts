/**
 * What the gateway takes from the platform, and nothing that a subgraph alone needs: token
 * verification and keys, configuration, logging, shutdown, request limits, metrics, the signed
 * request content and idempotency keys. The main entry (`@kgraph/platform`) also loads TypeORM,
 * Apollo Server, type-graphql and class-validator, which the gateway never runs; importing them
 * held their code and sources in its memory for nothing (issue 11).
 */
export * from "./auth/config";
export * from "./auth/keys";
export * from "./auth/tokens";
export * from "./auth/verifier";
export type { JWK } from "./auth/jose";
export * from "./audit/gateway-signature";
export * from "./config";
export { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from "./idempotency/idempotent-request";
export * from "./json-nesting";
export * from "./logger";
export { type MetricsListener, startMetricsListener } from "./metrics/server";
export { operationLabeler } from "./metrics/operation-label";
export * from "./repeated-headers";
export * from "./shutdown";
export { subgraphEnvPrefix } from "./subgraph-registry";
export type { RunningServer } from "./subgraph-server";
