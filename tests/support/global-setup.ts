import path from "node:path";
import { startEmbeddedPostgres } from "../../packages/platform/src/embedded-postgres";

/**
 * Tests run against DATABASE_URL when it is set; otherwise against an embedded PostgreSQL
 * started here (its own cluster under .data/test-postgres, on a free port). Every test file
 * then creates its own fresh database on that server, so runs never see each other's data.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.KGRAPH_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54339);
  const embedded = await startEmbeddedPostgres({
    dataDir: path.resolve(__dirname, "..", "..", ".data", "test-postgres"),
    port,
  });
  process.env.KGRAPH_TEST_SERVER_URL = embedded.url;
  (globalThis as { __KGRAPH_EMBEDDED__?: typeof embedded }).__KGRAPH_EMBEDDED__ = embedded;
}
