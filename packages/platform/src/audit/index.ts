export * from "./audit-event.entity";
export * from "./chain";
export * from "./recorder";
export * from "./trail";
export * from "./audited-data-source";
export * from "./mutation-middleware";
export * from "./verify";
