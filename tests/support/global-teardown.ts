import type { EmbeddedPostgres } from "../../packages/platform/src/embedded-postgres";

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __KGRAPH_EMBEDDED__?: EmbeddedPostgres }).__KGRAPH_EMBEDDED__?.stop();
}
