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
