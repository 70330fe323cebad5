export * from "./disclosure";
export * from "./public-figure";
