export * from "./client";
export * from "./generated/graphql";
export { graphql } from "./generated/gql";
