import type { DataSource } from "typeorm";

/**
 * Inserts rows in multi-row INSERT statements of bounded size: fast enough for 100 000 cases,
 * and within PostgreSQL's 65 535 bind parameters per statement.
 */
export async function insertRows(
  db: DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  onProgress?: (done: number) => void,
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(60_000 / columns.length));
  const columnList = columns.map((c) => `"${c}"`).join(", ");
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const values = chunk.map((row) => {
      const placeholders = row.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(", ")})`;
    });
    await db.query(`INSERT INTO ${table} (${columnList}) VALUES ${values.join(", ")}`, params);
    onProgress?.(Math.min(start + perStatement, rows.length));
  }
}
