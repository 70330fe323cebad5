import { launchChromium, requireChromium } from "../support/chromium";
import type { Browser, Page } from "playwright-core";
import { publishSeededAssessments } from "../../tools/src/seed/publish";
import { type SeedOutcome, runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * A seeded quarter's published report as the public gets it: the seeded programme, its earlier
 * quarters published through the graph by the seed's last step, then `/reports/2026-Q2` opened
 * from the gateway in Debian's Chromium with JavaScript off and every other request blocked
 * (and recorded, so the test proves none is attempted), under the page's own CSP. Each chart is
 * drawn, bars are as long as the published figures say, and the quarters published before it
 * appear in its charts over time. `npm run test:browser`; CI runs it.
 */
const QUARTER = "2026-Q2";
let platform: Platform;
let browser: Browser;
let page: Page;
let reportUrl: string;
let indicators: { indicator: string; dimension: string | null; value: number | null }[];
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  requireChromium();
  let seeded: SeedOutcome | undefined;
  platform = await startPlatform({
    seed: async (url) => {
      seeded = await runSeed(url, { cases: 200, progress: () => undefined });
    },
  });
  const authorization = await platform.auth.authorization({ roles: ["ombudsperson"], sub: "seed-ombudsperson" });
  await publishSeededAssessments({
    graphUrl: platform.gatewayUrl,
    token: authorization!.replace(/^Bearer /, ""),
    ids: seeded!.assessmentsToPublish,
    progress: () => undefined,
  });
  const read = await platform.gql(
    `query($quarter: String!) { publicReport(quarter: $quarter) { assessment { indicators { indicator dimension value } } } }`,
    { quarter: QUARTER },
    null,
  );
  expect(read.errors).toBeUndefined();
  indicators = read.data!.publicReport.assessment.indicators;

  browser = await launchChromium();
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  page = await context.newPage();
  reportUrl = `${new URL(platform.gatewayUrl).origin}/reports/${QUARTER}`;
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  await page.route("**/*", (route) => {
    if (route.request().url() === reportUrl) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const response = await page.goto(reportUrl);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["content-security-policy"]).toContain("default-src 'none'");
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function box(selector: string) {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not drawn`);
  return found;
}

const valueOf = (indicator: string, dimension: string | null) =>
  indicators.find((f) => f.indicator === indicator && f.dimension === dimension)?.value ?? null;

it("opens the published report of the seeded quarter, with no draft banner and no script", async () => {
  expect(await page.title()).toBe(`Public report ${QUARTER} — Kosovo reception programme`);
  expect(await page.locator(".banner").count()).toBe(0);
  expect(await page.locator("script").count()).toBe(0);
  expect(await page.locator("h1").innerText()).toContain(QUARTER);
});

it("draws every chart of the report as an accessible svg of non-zero size, with its table", async () => {
  const charts = await page.locator('[id^="chart-"]:has(> svg)').evaluateAll((nodes) => nodes.map((n) => n.id));
  expect(charts.length).toBeGreaterThanOrEqual(8);
  for (const id of charts) {
    const { width, height } = await box(`#${id} > svg`);
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(50);
    expect(await page.locator(`#${id} > svg[role="img"] > title`).textContent()).toMatch(/\w/);
    expect(await page.locator(`#${id} details table tbody tr`).count()).toBeGreaterThan(0);
  }
});

it("draws the quarter's arrivals per month as tall as the published figures", async () => {
  const months = ["2026-04", "2026-05", "2026-06"].filter((m) => (valueOf("arrivals", m) ?? 0) > 0);
  expect(months.length).toBeGreaterThanOrEqual(2);
  const [first, ...rest] = months;
  const reference = await box(`#chart-arrivals-monthly rect.bar[data-key="${first}"]`);
  for (const month of rest) {
    const bar = await box(`#chart-arrivals-monthly rect.bar[data-key="${month}"]`);
    expect(bar.height / reference.height).toBeCloseTo(valueOf("arrivals", month)! / valueOf("arrivals", first)!, 1);
    expect(bar.y + bar.height).toBeCloseTo(reference.y + reference.height, 0);
  }
});

it("shows the quarters published before it in its charts over time", async () => {
  for (const quarter of ["2025-Q4", "2026-Q1", QUARTER]) {
    expect(await page.locator(`#chart-arrivals-quarterly rect.bar[data-key="${quarter}"]`).count()).toBe(1);
  }
});

it("asked for nothing but the page itself, and the browser reported no error", () => {
  expect(outside).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
