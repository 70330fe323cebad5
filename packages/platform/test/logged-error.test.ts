import { Writable } from "node:stream";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { createDataSource, createLogger, createTestDatabase, maskError } from "../src";

/**
 * Probe 3, M1: a failed INSERT logged the statement's parameters (a complainant's name and
 * contact), and PostgreSQL's message and detail quote values too. Every error a service logs goes
 * through the logger's serializer, which keeps what explains the failure and none of the data.
 * Tried here with real failures of real statements, logged the way the subgraphs log them.
 */
const SENTINEL = "Zana Syntheticova +383 44 000 000";
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, schema: "public", entities: [], migrations: [], poolSize: 2 });
  await db.initialize();
  await db.query(
    `CREATE TABLE complaint_probe (id int PRIMARY KEY, name text NOT NULL CHECK (name <> $$x$$ AND length(name) < 5))`,
  );
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** The lines a logger writes, as the subgraphs' `maskError` writes them. */
function logged(error: unknown): { text: string; err: Record<string, unknown> } {
  let text = "";
  const logger = createLogger(
    "test",
    "info",
    new Writable({
      write(chunk, _encoding, done) {
        text += chunk.toString();
        done();
      },
    }),
  );
  maskError(
    { message: "x", path: ["fileComplaint"] },
    new GraphQLError("x", { originalError: error as Error }),
    "r-1",
    (detail) => logger.error(detail, "unexpected error in a resolver"),
  );
  return { text, err: (JSON.parse(text) as { err: Record<string, unknown> }).err };
}

async function failure(sql: string, parameters: unknown[]): Promise<unknown> {
  try {
    await db.query(sql, parameters);
  } catch (err) {
    return err;
  }
  throw new Error(`expected ${sql} to fail`);
}

it.each([
  [
    "a check constraint (detail: the failing row)",
    "INSERT INTO complaint_probe (id, name) VALUES ($1, $2)",
    [1, SENTINEL],
  ],
  ["a value of the wrong type (the message quotes it)", "SELECT $1::uuid", [SENTINEL]],
  ["a NUL character (the message names the bytes)", "SELECT $1::text", [`${SENTINEL}\u0000`]],
  [
    "a duplicate key (detail: the key's value)",
    "INSERT INTO complaint_probe (id, name) VALUES ($1, $2), ($1, $2)",
    [2, "ab"],
  ],
])("a failed statement, %s, is logged without its data", async (_label, sql, parameters) => {
  const error = await failure(sql, parameters);
  const { text, err } = logged(error);
  for (const value of parameters.map(String)) {
    if (value.length > 2) expect(text).not.toContain(value.replace("\u0000", ""));
  }
  expect(text).not.toContain("Zana");
  expect(text).not.toMatch(/"parameters"|"detail"|"driverError"|"where"/);
  // What explains it stays: the error's type, SQLSTATE, the statement and where in the code.
  expect(err.type).toBe("QueryFailedError");
  expect(err.code).toMatch(/^[0-9A-Z]{5}$/);
  expect(err.query).toBe(sql);
  expect(String(err.stack)).toMatch(/^\s+at /);
});

it("keeps the constraint and table a failure names", async () => {
  const { err } = logged(await failure("INSERT INTO complaint_probe (id, name) VALUES ($1, $2)", [3, SENTINEL]));
  expect(err).toMatchObject({ code: "23514", table: "complaint_probe", constraint: "complaint_probe_name_check" });
});

it("logs any other error with its message, code, stack and cause", () => {
  const cause = Object.assign(new Error("socket closed"), { code: "ECONNRESET" });
  const { err } = logged(new TypeError("x is not a function", { cause }));
  expect(err).toMatchObject({
    type: "TypeError",
    message: "x is not a function",
    cause: { type: "Error", message: "socket closed", code: "ECONNRESET" },
  });
  expect(String(err.stack)).toContain("TypeError: x is not a function");
});
