import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@kgraph/platform";
import { Client } from "pg";
import { type Platform, freePort, startPlatform } from "../support/platform";

/**
 * The database restarted mid-load: the platform runs on a PostgreSQL server of this test's own
 * (embedded, never the shared one), which is stopped and started again on the same port while
 * public callers file complaints. Every complaint that was answered with a receipt is in the
 * database with its WRITE audit event, and the services answer again by themselves (their pools
 * reconnect), with no restart of any subgraph or the gateway. Load is bounded: 4 clients on
 * 127.0.0.1, at most a few hundred requests.
 */
const CLIENTS = 4;
const MAX_REQUESTS = 400;
let dataDir: string;
let port: number;
let postgres: EmbeddedPostgres | undefined;
let platform: Platform;
const previousServer = process.env.KGRAPH_TEST_SERVER_URL;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-restart-pg-"));
  fs.chmodSync(dataDir, 0o755);
  port = await freePort();
  postgres = await startEmbeddedPostgres({ dataDir, port, log: () => undefined });
  // startPlatform creates its database on the test server: this one.
  process.env.KGRAPH_TEST_SERVER_URL = postgres.url;
  platform = await startPlatform();
}, 120_000);
afterAll(async () => {
  await platform?.stop();
  await postgres?.stop();
  process.env.KGRAPH_TEST_SERVER_URL = previousServer;
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { receiptCode status } }`;
const input = {
  channel: "WEB",
  category: "LIVING_CONDITIONS",
  text: "The heating in block C has not worked for three days.",
  anonymous: true,
};

interface Sample {
  receiptCode?: string;
  status: number;
  errorCodes: string[];
  /** Shown when the test fails, to say which step met the outage. */
  errorMessages?: string[];
}

function startLoad() {
  const samples: Sample[] = [];
  let stopped = false;
  let sent = 0;
  const client = async () => {
    while (!stopped && sent < MAX_REQUESTS) {
      sent += 1;
      try {
        const response = await fetch(platform.gatewayUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: FILE, variables: { input } }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await response.json()) as any;
        samples.push({
          status: response.status,
          receiptCode: body.errors ? undefined : body.data?.fileComplaint?.receiptCode,
          errorCodes: (body.errors ?? []).map((e: any) => e.extensions?.code),
          errorMessages: (body.errors ?? []).map((e: any) => e.message),
        });
      } catch (err) {
        samples.push({ status: 0, errorCodes: [String(err)] });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const clients = Promise.all(Array.from({ length: CLIENTS }, client));
  return {
    count: () => samples.length,
    async stop() {
      stopped = true;
      await clients;
      return samples;
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the load to progress");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("loses no acknowledged write when the database restarts mid-load, and serves again without a restart", async () => {
  const load = startLoad();
  await until(() => load.count() >= 20);
  await postgres!.stop();
  const downAt = load.count();
  await until(() => load.count() >= downAt + 20);
  postgres = await startEmbeddedPostgres({ dataDir, port, log: () => undefined });
  const upAt = load.count();
  await until(() => load.count() >= upAt + 60);
  const samples = await load.stop();

  // The services came back by themselves: the last answers are receipts again.
  expect(samples.slice(-20).every((s) => s.receiptCode)).toBe(true);
  // While the database was away, callers got HTTP 200 with a coded, retryable error; never a hang.
  const refused = samples.filter((s) => !s.receiptCode);
  expect(refused.length).toBeGreaterThan(0);
  expect(refused.filter((s) => s.status !== 200 || s.errorCodes.join() !== "SERVICE_UNAVAILABLE")).toEqual([]);

  const acknowledged = samples.filter((s) => s.receiptCode).map((s) => s.receiptCode!);
  expect(acknowledged.length).toBeGreaterThan(40);
  const hashes = acknowledged.map((code) => createHash("sha256").update(code.replace(/-/g, "")).digest("hex"));
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  try {
    const stored = (
      await db.query(
        `SELECT c.receipt_code_hash AS hash,
                EXISTS (SELECT 1 FROM monitoring.audit_event e
                         WHERE e.kind = 'WRITE' AND c.id::text = ANY(e.record_ids)) AS audited
           FROM monitoring.complaint c WHERE c.receipt_code_hash = ANY($1)`,
        [hashes],
      )
    ).rows as { hash: string; audited: boolean }[];
    // Every receipt handed out is a complaint in the database, each with its audit event.
    expect(stored.map((row) => row.hash).sort()).toEqual([...hashes].sort());
    expect(stored.filter((row) => !row.audited)).toEqual([]);
  } finally {
    await db.end();
  }
}, 90_000);
