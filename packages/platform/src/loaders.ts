import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";

/**
 * Shapes a DataLoader batch result: DataLoader wants one result per key, in key order. Rows
 * come from one SQL statement per batch; these only regroup them.
 */

/** The row whose key matches each key, or null when there is none. */
export function oneByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map<K, V>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Every row of each key, as an array (empty when none); rows keep the order the query gave them. */
export function manyByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const grouped = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) grouped.get(keyOf(row))?.push(row);
  return keys.map((key) => grouped.get(key) ?? []);
}

/** How each key's rows are ranked: SQL expressions over the query's aliases, the first decides. */
export type RowOrder = readonly (readonly [expression: string, direction: "ASC" | "DESC"])[];

export interface FirstManyByKeyOptions<K, V> {
  /** The SQL column holding the key, e.g. "f.visit_id". */
  column: string;
  /** The key of a loaded row, for grouping (the entity property behind `column`). */
  keyOf: (row: V) => K;
  /** The order of each key's rows, in the ranking and in the result. */
  order: RowOrder;
  /** At most this many rows per key (a bounded list's maximum plus one, so a cut can be seen). */
  limit: number;
  /** The keys to ask the database for, when only some of `keys` can exist (e.g. `wellFormedIds`). */
  wanted?: readonly K[];
  /** The columns that identify a row of the query (default: `<alias>.id`), e.g. a join table's pair. */
  identity?: readonly string[];
}

/**
 * Like `manyByKey`, but the database returns at most `limit` rows of each key: a parent with
 * 100,000 children costs `limit` rows, not 100,000. One statement for the whole batch:
 *
 *   SELECT … FROM t alias [joins]
 *    WHERE alias.id IN (SELECT ranked.k0 FROM (
 *            SELECT alias.id AS k0, row_number() OVER (PARTITION BY <column> ORDER BY <order>) AS rn
 *              FROM t alias [joins] WHERE <the query's conditions> AND <column> = ANY(:keys)
 *          ) ranked WHERE ranked.rn <= :limit)
 *    ORDER BY <order>
 *
 * `query` is the loader's query with its alias, joins and conditions (record rules included,
 * parameters set) and no order. Its conditions rank rows inside the window, so a row the caller
 * may not see never takes the place of one they may; the outer query only hydrates the chosen
 * ids, with the query's joins (a joined, selected relation is loaded as before). A row is
 * identified by `<alias>.id` unless `identity` names other columns.
 */
export async function firstManyByKey<K, V extends ObjectLiteral>(
  keys: readonly K[],
  query: SelectQueryBuilder<V>,
  options: FirstManyByKeyOptions<K, V>,
): Promise<V[][]> {
  const wanted = [...new Set(options.wanted ?? keys)];
  if (!wanted.length || options.limit < 1) return keys.map(() => []);
  if (!Number.isInteger(options.limit))
    throw new Error(`A per-key limit must be a whole number, not ${options.limit}.`);
  const identity = options.identity ?? [`${query.alias}.id`];
  const order = options.order.map(([expression, direction]) => `${expression} ${direction}`).join(", ");
  const ranked = query.clone().select(identity[0], "k0");
  identity.slice(1).forEach((column, i) => ranked.addSelect(column, `k${i + 1}`));
  ranked
    .addSelect(`row_number() OVER (PARTITION BY ${options.column} ORDER BY ${order})`, "rn")
    .andWhere(`${options.column} = ANY(:firstManyKeys)`, { firstManyKeys: wanted })
    .orderBy();
  const row = identity.length === 1 ? identity[0] : `(${identity.join(", ")})`;
  const rankedRow = identity.map((_, i) => `ranked.k${i}`).join(", ");
  // `where` replaces the query's conditions: they have chosen the rows inside `ranked` already.
  const chosen = query
    .clone()
    .where(`${row} IN (SELECT ${rankedRow} FROM (${ranked.getQuery()}) ranked WHERE ranked.rn <= :firstManyLimit)`)
    .setParameters({ ...ranked.getParameters(), firstManyLimit: options.limit })
    .orderBy();
  for (const [expression, direction] of options.order) chosen.addOrderBy(expression, direction);
  return manyByKey(keys, await chosen.getMany(), options.keyOf);
}
