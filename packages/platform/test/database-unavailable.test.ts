import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from "typeorm";
import { databaseUnavailable } from "../src/errors";

/**
 * What the database restarting looks like to a resolver, each as it was seen in
 * tests/e2e/database-restart.test.ts: every one is SERVICE_UNAVAILABLE (retry), not an internal error.
 */
describe("databaseUnavailable", () => {
  const pg = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    ["the pool's refused connection (a plain object)", { errno: -111, code: "ECONNREFUSED" }],
    ["a reset connection", { errno: -104, code: "ECONNRESET" }],
    ["the server shutting down (57P03)", pg("57P03", "the database system is shutting down")],
    ["the server starting up (57P03)", pg("57P03", "the database system is starting up")],
    ["an administrator's termination (57P01)", pg("57P01", "terminating connection due to administrator command")],
    ["a connection terminated mid-query", new Error("Connection terminated unexpectedly")],
    [
      "a TypeORM query failure wrapping one",
      new QueryFailedError("SELECT 1", [], pg("57P01", "terminating connection")),
    ],
    ["a commit after the connection died inside the transaction", new QueryRunnerAlreadyReleasedError()],
    ["a query on the transaction's released connection", new QueryRunnerProviderAlreadyReleasedError()],
  ])("%s", (_, error) => {
    expect(databaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a constraint violation", pg("23505", "duplicate key value violates unique constraint")],
    ["a statement timeout (its own code)", pg("57014", "canceling statement due to statement timeout")],
    ["a bug", new TypeError("Cannot read properties of undefined")],
  ])("not %s", (_, error) => {
    expect(databaseUnavailable(error)).toBe(false);
  });
});
