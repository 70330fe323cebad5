import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * `npm run report` end to end: the compiled tool asks a gateway that runs public callers on
 * trusted documents only (as in production) for eight quarters of the four subgraphs' public
 * figures, and writes a self-contained HTML report of the seeded programme's last complete quarter.
 */
const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..", "..");

let platform: Platform;
let dir: string;
beforeAll(async () => {
  platform = await startPlatform({
    trustedOnly: true,
    seed: (url) => runSeed(url, { cases: 120, progress: () => undefined }),
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-report-"));
}, 180_000);
afterAll(async () => {
  await platform?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function lastCompleteQuarter(now = new Date()): string {
  const q = now.getUTCFullYear() * 4 + Math.floor(now.getUTCMonth() / 3) - 1;
  return `${Math.floor(q / 4)}-Q${(q % 4) + 1}`;
}

it("renders the last complete quarter from every subgraph's public figures, as the public", async () => {
  const period = lastCompleteQuarter();
  const out = path.join(dir, `${period}.html`);
  const { stdout } = await run(
    process.execPath,
    [path.join(ROOT, "tools", "dist", "report.js"), "--period", period, "--gateway", platform.gatewayUrl, "--out", out],
    { timeout: 60_000 },
  );
  const lines = stdout.split("\n");
  const periodLine = lines.find((l) => l.trim().startsWith(`${period}:`));
  expect(periodLine).toMatch(new RegExp(`^\\s+${period}: \\d+ figures$`));
  expect(Number(/(\d+) figures/.exec(periodLine!)![1])).toBeGreaterThan(20);
  expect(lines.filter((l) => /^\s+\d{4}-Q[1-4]: /.test(l))).toHaveLength(8);
  const html = fs.readFileSync(out, "utf8");
  expect(html).toContain("<svg");
  expect(html).not.toMatch(/https?:\/\//);
}, 120_000);
