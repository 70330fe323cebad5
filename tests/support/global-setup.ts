import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../packages/platform/src/embedded-postgres";

/**
 * Tests run against DATABASE_URL when it is set; otherwise against an embedded PostgreSQL
 * started here for this run only: its own cluster in a temporary folder, on a free port, removed
 * afterwards. Every test file then creates its own fresh database on that server, so neither
 * runs nor files ever see each other's data, and two runs on one machine do not collide.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.KGRAPH_TEST_SERVER_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-test-pg-"));
  fs.chmodSync(dataDir, 0o755);
  const port = Number(process.env.TEST_EMBEDDED_PG_PORT ?? (await freePort()));
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  process.env.KGRAPH_TEST_SERVER_URL = embedded.url;
  (globalThis as { __KGRAPH_EMBEDDED__?: unknown }).__KGRAPH_EMBEDDED__ = { embedded, dataDir };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
