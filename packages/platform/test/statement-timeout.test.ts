import type { DataSource } from "typeorm";
import { GraphQLError } from "graphql";
import { createDataSource, createTestDatabase, maskError } from "../src";

/**
 * Every connection of a subgraph's pool carries PostgreSQL's statement_timeout, and a statement
 * it stops reaches the caller as QUERY_TIMEOUT, not INTERNAL_SERVER_ERROR.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({
    url: database.url,
    schema: "public",
    entities: [],
    migrations: [],
    statementTimeoutMs: 200,
    poolSize: 3,
  });
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

it("sets the configured statement_timeout on every pooled connection", async () => {
  const settings = await Promise.all(
    [1, 2, 3].map(async () => {
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        return (await runner.query("SHOW statement_timeout"))[0].statement_timeout;
      } finally {
        await runner.release();
      }
    }),
  );
  expect(settings).toEqual(["200ms", "200ms", "200ms"]);
});

it("stops a statement past the limit, and the caller gets QUERY_TIMEOUT", async () => {
  const failure = await db.query("SELECT pg_sleep(2)").then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(failure).toMatchObject({ driverError: { code: "57014" } });
  const logged: unknown[] = [];
  const masked = maskError(
    { message: "canceling statement due to statement timeout", path: ["cases"] },
    new GraphQLError("canceling statement due to statement timeout", { originalError: failure as Error }),
    "req-1",
    (detail) => logged.push(detail),
  );
  expect(masked.extensions).toEqual({ code: "QUERY_TIMEOUT", requestId: "req-1" });
  expect(masked.path).toEqual(["cases"]);
  expect(logged).toHaveLength(1);
});
