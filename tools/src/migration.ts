import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { createTestDatabase, migrate, resolveDatabase } from "@kgraph/platform";
import { ROOT, loadSubgraph, loadSubgraphs } from "./subgraphs";

type SubgraphEntry = ReturnType<typeof loadSubgraph>;

/**
 * `npm run migration:generate -- <subgraph> <Name>` writes a migration that brings the
 * subgraph's committed migrations up to its entities; `npm run migration:check` fails when
 * any subgraph's entities differ from its migrations. Both work in a scratch database.
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes("--check");
  const args = argv.filter((a) => !a.startsWith("--"));
  const targets = check ? (args[0] ? [loadSubgraph(args[0])] : loadSubgraphs()) : [loadSubgraph(args[0] ?? "")];
  const name = args[1];
  if (!check && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? "")) {
    process.stderr.write(
      "usage: npm run migration:generate -- <subgraph> <PascalCaseName>\n       npm run migration:check [subgraph]\n",
    );
    return 2;
  }
  const database = await resolveDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataRoot: path.join(ROOT, ".data"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
  });
  process.env.KGRAPH_TEST_SERVER_URL = database.url;
  const scratch = await createTestDatabase("kgraph_migration");
  let failures = 0;
  try {
    for (const subgraph of targets) {
      const pending = await pendingSql(subgraph, scratch.url);
      if (check) {
        if (pending.up.length) {
          failures += 1;
          process.stderr.write(
            `${subgraph.name}: entities differ from the committed migrations. Run ` +
              `\`npm run migration:generate -- ${subgraph.name} <Name>\`. Missing SQL:\n` +
              pending.up.map((q) => `  ${q};`).join("\n") +
              "\n",
          );
        } else {
          process.stdout.write(`${subgraph.name}: migrations match the entities\n`);
        }
      } else if (!pending.up.length) {
        process.stdout.write(`${subgraph.name}: no changes; no migration written\n`);
      } else {
        const file = writeMigration(subgraph, name as string, withAppendOnlyAuditTrail(subgraph.name, pending));
        process.stdout.write(`wrote ${path.relative(ROOT, file)}; review it, then commit it\n`);
      }
    }
  } finally {
    await scratch.drop();
    await database.embedded?.stop();
  }
  return failures ? 1 : 0;
}

async function pendingSql(subgraph: SubgraphEntry, url: string): Promise<{ up: string[]; down: string[] }> {
  const db = subgraph.createDataSource(url);
  await db.initialize();
  try {
    await migrate(db);
    const sql = await db.driver.createSchemaBuilder().log();
    return {
      up: sql.upQueries.map((q) => q.query),
      down: sql.downQueries.map((q) => q.query).reverse(),
    };
  } finally {
    await db.destroy();
  }
}

/**
 * The migration that creates a subgraph's audit trail (its first, for a new subgraph) also makes
 * it append-only, as every subgraph's is: a trigger refuses UPDATE, DELETE and TRUNCATE whatever the
 * role, PUBLIC loses those grants, and a GIN index serves "every event touching record X". TypeORM
 * cannot express these from the entity, so without this a new subgraph's trail would be editable.
 */
function withAppendOnlyAuditTrail(schema: string, sql: { up: string[]; down: string[] }) {
  const table = `"${schema}"."audit_event"`;
  if (!sql.up.some((q) => q.startsWith(`CREATE TABLE ${table} `))) return sql;
  return {
    up: [
      ...sql.up,
      `CREATE FUNCTION "${schema}".audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
      `CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}".audit_event_append_only()`,
      `CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".audit_event_append_only()`,
      `CREATE INDEX "audit_event_record_ids" ON ${table} USING gin ("record_ids")`,
      `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`,
    ],
    down: [
      `DROP INDEX "${schema}"."audit_event_record_ids"`,
      `DROP TRIGGER audit_event_no_truncate ON ${table}`,
      `DROP TRIGGER audit_event_append_only ON ${table}`,
      `DROP FUNCTION "${schema}".audit_event_append_only()`,
      ...sql.down,
    ],
  };
}

function writeMigration(subgraph: SubgraphEntry, name: string, sql: { up: string[]; down: string[] }): string {
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const dir = path.join(subgraph.dir, "src", "migrations");
  const file = path.join(dir, `${timestamp}-${name}.ts`);
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join("\n");
  fs.writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(sql.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(sql.down)}
  }
}
`,
  );
  const index = path.join(dir, "index.ts");
  const source = fs.readFileSync(index, "utf8");
  const importLine = `import { ${className} } from "./${timestamp}-${name}";\n`;
  const updated = (importLine + source).replace(/export const migrations = \[([^\]]*)\];/, (_all, list: string) => {
    const names = list
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    return `export const migrations = [${[...names, className].join(", ")}];`;
  });
  fs.writeFileSync(index, updated);
  return file;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
