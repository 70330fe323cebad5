import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "../support/chromium";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { renderPublicReport } from "../../subgraphs/oversight/src/modules/public-report/public-report.render";
import { reportFixture } from "../../subgraphs/oversight/test/public-report.fixture";

/**
 * The periodic public report in a real browser (Debian's Chromium), offline and with JavaScript
 * off: rendered from a fixed synthetic input into a temporary file, opened from disk with every
 * request but the file itself blocked (and recorded, so the test proves none is attempted).
 * Each chart is drawn with a size, bars are as long as their values say, and a withheld cell is
 * a "withheld" mark, not a bar. No screenshot is written. `npm run test:browser`; CI runs it.
 */
const CHARTS = [
  "chart-arrivals-monthly",
  "chart-arrivals-quarterly",
  "chart-occupancy",
  "chart-resident-nights",
  "chart-complaints-category",
  "chart-complaints-over-time",
  "chart-recommendation-rate",
  "chart-incident-rate",
  "chart-training",
  "chart-rights-hours",
  "chart-onward-outcomes",
];
let folder: string;
let fileUrl: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const outside: string[] = [];

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "kgraph-public-report-"));
  const file = path.join(folder, "2026-Q3.html");
  fs.writeFileSync(file, renderPublicReport(reportFixture()));
  fileUrl = pathToFileURL(file).href;
  browser = await launchChromium();
  context = await browser.newContext({
    offline: true,
    javaScriptEnabled: false,
    viewport: { width: 1100, height: 900 },
  });
  page = await context.newPage();
  page.on("request", (request) => requested.push(request.url()));
  await page.route("**/*", (route) => {
    if (route.request().url() === fileUrl) return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });
  const response = await page.goto(fileUrl);
  expect(response === null || response.ok()).toBe(true);
}, 120_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

async function box(selector: string) {
  const found = await page.locator(selector).boundingBox();
  if (!found) throw new Error(`${selector} is not drawn`);
  return found;
}

it("opens from disk with its title and the draft banner", async () => {
  expect(await page.title()).toBe("Public report 2026-Q3 — Kosovo reception programme");
  expect(await page.locator(".banner").innerText()).toContain("Draft.");
  expect(await page.locator("script").count()).toBe(0);
});

it("draws every chart as an accessible svg of non-zero size", async () => {
  for (const id of CHARTS) {
    const svg = page.locator(`#${id} > svg[role="img"]`);
    expect(await svg.count()).toBe(1);
    const { width, height } = await box(`#${id} > svg`);
    expect(width).toBeGreaterThan(300);
    expect(height).toBeGreaterThan(50);
    expect(await svg.locator("> title").textContent()).toMatch(/\w/);
    expect(await svg.locator("> desc").textContent()).toMatch(/\d/);
    expect(await page.locator(`#${id} details table tbody tr`).count()).toBeGreaterThan(0);
  }
});

it("draws columns as tall as their values, under the monthly cap where it belongs", async () => {
  const july = await box('#chart-arrivals-monthly rect.bar[data-key="2026-07"]'); // 142
  const april = await box('#chart-arrivals-monthly rect.bar[data-key="2026-04"]'); // 120
  const june = await box('#chart-arrivals-monthly rect.bar[data-key="2026-06"]'); // 98
  expect(july.height / april.height).toBeCloseTo(142 / 120, 2);
  expect(june.height / april.height).toBeCloseTo(98 / 120, 2);
  // Columns stand on one baseline.
  expect(july.y + july.height).toBeCloseTo(april.y + april.height, 0);
  // The cap (150) over July: its height above the baseline against July's 142.
  const cap = await box('#chart-arrivals-monthly line.reference[data-key="2026-07"]');
  const baseline = july.y + july.height;
  expect((baseline - (cap.y + cap.height / 2)) / july.height).toBeCloseTo(150 / 142, 1);
  const q2 = await box('#chart-arrivals-quarterly rect.bar[data-key="2026-Q2"]'); // 353
  const q3 = await box('#chart-arrivals-quarterly rect.bar[data-key="2026-Q3"]'); // 205
  expect(q3.height / q2.height).toBeCloseTo(205 / 353, 2);
});

it("draws bars as long as their values, occupancy against the 100% marker", async () => {
  const prishtine = await box('#chart-resident-nights rect.bar[data-key="prishtine"]'); // 4,812
  const lipjan = await box('#chart-resident-nights rect.bar[data-key="lipjan"]'); // 3,288
  expect(lipjan.width / prishtine.width).toBeCloseTo(3288 / 4812, 2);
  const over = await box('#chart-occupancy rect.bar[data-key="fac-b"]'); // 107%
  const under = await box('#chart-occupancy rect.bar[data-key="fac-c"]'); // 40%
  const marker = await box("#chart-occupancy .marker line");
  expect(under.width / over.width).toBeCloseTo(0.4 / 1.07, 2);
  expect((marker.x - over.x) / over.width).toBeCloseTo(1 / 1.07, 1);
  expect(over.x + over.width).toBeGreaterThan(marker.x);
  expect(under.x + under.width).toBeLessThan(marker.x);
});

it("marks a withheld cell 'withheld' where its bar would be, and draws no bar for it", async () => {
  for (const [chart, key] of [
    ["chart-arrivals-monthly", "2026-08"],
    ["chart-arrivals-monthly", "2026-09"],
    ["chart-complaints-category", "legal_access"],
    ["chart-complaints-category", "food"],
    ["chart-training", "fac-c"],
    ["chart-onward-outcomes", "other"],
  ]) {
    expect(await page.locator(`#${chart} rect.bar[data-key="${key}"]`).count()).toBe(0);
    const mark = page.locator(`#${chart} g.withheld[data-key="${key}"]`);
    expect(await mark.locator("text.absent").textContent()).toMatch(/^withheld/);
    const { width, height } = await box(`#${chart} g.withheld[data-key="${key}"] .withheld-mark`);
    expect(width * height).toBeGreaterThan(0);
  }
  expect(await page.locator('#chart-complaints-category g.withheld[data-key="food"] text.absent').textContent()).toBe(
    "withheld (fewer than 5)",
  );
  // A quarter with no figures says so instead.
  expect(await page.locator('#chart-arrivals-monthly g.no-data[data-key="2026-01"] text.absent').textContent()).toBe(
    "no data",
  );
});

it("prints the charts and leaves the tables folded away", async () => {
  await page.emulateMedia({ media: "print" });
  expect((await box("#chart-arrivals-monthly > svg")).height).toBeGreaterThan(50);
  expect(await page.locator("#chart-arrivals-monthly details").isVisible()).toBe(false);
  expect(await page.locator("#all-figures table").isVisible()).toBe(true);
  await page.emulateMedia({ media: "screen" });
});

it("asked for nothing but the file itself", () => {
  expect(outside).toEqual([]);
  expect(requested).toEqual([fileUrl]);
});
