import fs from "node:fs";
import type { EmbeddedPostgres } from "../../packages/platform/src/embedded-postgres";

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { __KGRAPH_EMBEDDED__?: { embedded: EmbeddedPostgres; dataDir: string } })
    .__KGRAPH_EMBEDDED__;
  if (!run) return;
  await run.embedded.stop();
  fs.rmSync(run.dataDir, { recursive: true, force: true });
}
