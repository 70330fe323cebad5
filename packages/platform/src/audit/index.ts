export * from "./audit-event.entity";
export * from "./chain";
export * from "./recorder";
export * from "./trail";
