export * from "./config";
export * from "./keys";
export * from "./scopes";
export * from "./tokens";
export * from "./verifier";
export type { JWK } from "./jose";
