import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { Column, DataSource, Entity, PrimaryColumn } from "typeorm";
import { createDataSource, createTestDatabase, firstManyByKey, sqlStatements } from "../src";

/**
 * `firstManyByKey` against real PostgreSQL: at most `limit` rows per key, in the loader's order,
 * the loader's conditions applied before the cut, one statement for a batch.
 */
const SCHEMA = "firstmanytest";

@Entity({ name: "child", schema: SCHEMA })
class Child {
  @PrimaryColumn("uuid")
  id: string;

  @Column("uuid", { name: "parent_id" })
  parentId: string;

  @Column("integer")
  position: number;

  @Column("boolean")
  hidden: boolean;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: DataSource;
const statements: { query: string; parameters?: unknown[] }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, schema: SCHEMA, entities: [Child], migrations: [] });
  await db.initialize();
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.synchronize();
  const logQuery = db.logger.logQuery.bind(db.logger);
  db.logger.logQuery = (query, parameters, runner) => {
    statements.push({ query, parameters });
    logQuery(query, parameters, runner);
  };
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** Children of a new parent at positions 1..count; `hidden` picks the hidden ones. */
async function parentWith(count: number, hidden: (position: number) => boolean = () => false): Promise<string> {
  const parentId = randomUUID();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    parentId,
    position: i + 1,
    hidden: hidden(i + 1),
  }));
  // Inserted in reverse, so the order comes from the query, not from the heap.
  if (rows.length) await db.getRepository(Child).insert(rows.reverse());
  return parentId;
}

const positions = (groups: Child[][]) => groups.map((group) => group.map((child) => child.position));

function load(keys: string[], limit: number, options: { visibleOnly?: boolean; wanted?: string[] } = {}) {
  const query = db.getRepository(Child).createQueryBuilder("c");
  if (options.visibleOnly) query.where("c.hidden = :hidden", { hidden: false });
  return firstManyByKey(keys, query, {
    column: "c.parent_id",
    keyOf: (row) => row.parentId,
    order: [
      ["c.position", "DESC"],
      ["c.id", "ASC"],
    ],
    limit,
    wanted: options.wanted,
  });
}

it("returns at most `limit` rows of each key, in the given order, grouped in key order", async () => {
  const many = await parentWith(500);
  const few = await parentWith(2);
  const exact = await parentWith(3);
  expect(positions(await load([few, many, exact], 3))).toEqual([
    [2, 1],
    [500, 499, 498],
    [3, 2, 1],
  ]);
});

it("sends one statement for the whole batch, and the database returns only the rows kept", async () => {
  const parents = [await parentWith(50), await parentWith(40), await parentWith(1)];
  statements.length = 0;
  const before = sqlStatements.count;
  const groups = await load(parents, 4);
  expect(sqlStatements.count - before).toBe(1);
  expect(statements).toHaveLength(1);
  const [{ query, parameters }] = statements;
  expect(query).toContain(
    'row_number() OVER (PARTITION BY "c"."parent_id" ORDER BY "c"."position" DESC, "c"."id" ASC) AS "rn"',
  );
  expect(query).toContain("WHERE ranked.rn <= $2");
  expect(parameters).toEqual([parents, 4]);
  // The same statement, counted: the rows the database sent back.
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM (${query}) returned`, parameters)) as {
    n: number;
  }[];
  expect(n).toBe(4 + 4 + 1);
  expect(groups.map((group) => group.length)).toEqual([4, 4, 1]);
});

it("applies the query's conditions inside the window: hidden rows never take a visible row's place", async () => {
  // 8, 9, 10 and every odd position are hidden: the three highest visible are 6, 4 and 2, not 10, 9, 8
  // filtered afterwards (nothing) nor the top three of all ranked first and then filtered.
  const parentId = await parentWith(10, (position) => position >= 8 || position % 2 === 1);
  expect(positions(await load([parentId], 3, { visibleOnly: true }))).toEqual([[6, 4, 2]]);
  expect(positions(await load([parentId], 3))).toEqual([[10, 9, 8]]);
});

it("gives [] for keys without rows, and asks only for the wanted keys", async () => {
  const parentId = await parentWith(2);
  const none = randomUUID();
  expect(positions(await load([none, parentId, "not-a-uuid"], 5, { wanted: [none, parentId] }))).toEqual([
    [],
    [2, 1],
    [],
  ]);
  const before = sqlStatements.count;
  expect(await load(["not-a-uuid"], 5, { wanted: [] })).toEqual([[]]);
  expect(sqlStatements.count - before).toBe(0);
});
