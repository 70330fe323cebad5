import "reflect-metadata";

export * from "./config";
export * from "./context";
export * from "./database";
export * from "./embedded-postgres";
export * from "./errors";
export * from "./federation";
export * from "./logger";
export * from "./pagination";
export * from "./pseudonym";
export * from "./subgraph-server";
export * from "./testing";
export * from "./validation";
export * from "./subgraph-definition";
export * from "./ids";
export * from "./loaders";
export * from "./auth";
export * from "./audit";
