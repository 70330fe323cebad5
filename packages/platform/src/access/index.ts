export * from "./classified";
export * from "./record-access";
export * from "./record-kind";
export * from "./record-scope";
