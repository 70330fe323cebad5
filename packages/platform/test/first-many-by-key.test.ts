import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { Column, DataSource, Entity, PrimaryColumn } from "typeorm";
import {
  createDataSource,
  createTestDatabase,
  firstManyByKey,
  recordStatements,
  rowsReturned,
  sqlStatements,
} from "../src";

/**
 * `firstManyByKey` against real PostgreSQL: at most `limit` rows per key, in the loader's order,
 * the loader's conditions applied before the cut, one statement for a batch.
 */
const SCHEMA = "firstmanytest";

@Entity({ name: "parent", schema: SCHEMA })
class Parent {
  @PrimaryColumn("uuid")
  id: string;

  @Column("boolean")
  archived: boolean;
}

/** A join table without an `id`: a row is its (list_id, parent_id) pair. */
@Entity({ name: "list_entry", schema: SCHEMA })
class ListEntry {
  @PrimaryColumn("uuid", { name: "list_id" })
  listId: string;

  @PrimaryColumn("uuid", { name: "parent_id" })
  parentId: string;

  @Column("integer")
  rank: number;
}

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

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDataSource({ url: database.url, schema: SCHEMA, entities: [Child, Parent, ListEntry], migrations: [] });
  await db.initialize();
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.synchronize();
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
  let groups: Child[][] = [];
  const statements = await recordStatements(async () => {
    groups = await load(parents, 4);
  });
  expect(statements).toHaveLength(1);
  const [{ query, parameters }] = statements;
  expect(query).toContain(
    'row_number() OVER (PARTITION BY "c"."parent_id" ORDER BY "c"."position" DESC, "c"."id" ASC) AS "rn"',
  );
  expect(query).toContain("WHERE ranked.rn <= $2");
  expect(parameters).toEqual([parents, 4]);
  expect(await rowsReturned(db, statements[0])).toBe(4 + 4 + 1);
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

it("ranks through the query's joins, and takes a pair of columns as a row's identity", async () => {
  const parents = Array.from({ length: 6 }, (_, i) => ({ id: randomUUID(), archived: i % 2 === 0 }));
  await db.getRepository(Parent).insert(parents);
  const [one, two] = [randomUUID(), randomUUID()];
  // Both lists hold every parent; odd ranks are archived parents, which the joined condition leaves out.
  await db
    .getRepository(ListEntry)
    .insert([one, two].flatMap((listId) => parents.map((p, i) => ({ listId, parentId: p.id, rank: i + 1 }))));
  const query = db
    .getRepository(ListEntry)
    .createQueryBuilder("e")
    .innerJoin(Parent, "p", "p.id = e.parent_id")
    .where("p.archived = :archived", { archived: false });
  let groups: ListEntry[][] = [];
  const statements = await recordStatements(async () => {
    groups = await firstManyByKey([two, one], query, {
      column: "e.list_id",
      keyOf: (row) => row.listId,
      order: [["e.rank", "ASC"]],
      limit: 2,
      identity: ["e.list_id", "e.parent_id"],
    });
  });
  expect(groups.map((group) => group.map((entry) => entry.rank))).toEqual([
    [2, 4],
    [2, 4],
  ]);
  expect(statements).toHaveLength(1);
  expect(await rowsReturned(db, statements[0])).toBe(4);
});
