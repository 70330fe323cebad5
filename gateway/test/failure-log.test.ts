import { GraphQLError } from "graphql";
import { failureCodes } from "../src/failure-log";

describe("failureCodes", () => {
  it("counts only the failures of the platform's making, across a batch", () => {
    const coded = (code: string) => new GraphQLError("x", { extensions: { code } });
    expect(
      failureCodes([
        { data: null, errors: [coded("SUBGRAPH_UNAVAILABLE"), coded("UNAUTHORIZED_FIELD_OR_TYPE")] },
        { errors: [coded("SUBGRAPH_UNAVAILABLE"), coded("GATEWAY_TIMEOUT"), coded("BAD_USER_INPUT")] },
        { data: {} },
      ]),
    ).toEqual({ SUBGRAPH_UNAVAILABLE: 2, GATEWAY_TIMEOUT: 1 });
  });

  it("takes an error without a code as an internal one, and a clean answer as nothing", () => {
    expect(failureCodes({ errors: [new GraphQLError("boom")] })).toEqual({ INTERNAL_SERVER_ERROR: 1 });
    expect(failureCodes({ data: { a: 1 } })).toEqual({});
    expect(failureCodes({ errors: [new GraphQLError("no", { extensions: { code: "FORBIDDEN" } })] })).toEqual({});
  });
});
