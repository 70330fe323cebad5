export * from "./disclosure";
export * from "./public-figure";
export * from "./quarter-figures";
