import fs from "node:fs";
import path from "node:path";
import { launchChromium, requireChromium } from "../support/chromium";
import type { Browser, Page } from "playwright-core";
import { runSeed } from "../../tools/src/seed/run";
import { type Platform, startPlatform } from "../support/platform";

/**
 * GraphiQL in a real browser (Debian's Chromium), offline: every request that is not to
 * 127.0.0.1 is blocked (and recorded, so the test also proves none is attempted). It loads
 * GraphiQL from the gateway, runs each role's example operation, reads the result from the page
 * and saves screenshots under artifacts/ (git-ignored). Every page runs under the gateway's
 * Content-Security-Policy: each one records the violations the browser reports (and any dialog
 * an injected script would open), and the test proves there are none.
 * `npm run test:browser`; CI runs it.
 */
const ARTIFACTS = path.resolve(__dirname, "..", "..", "artifacts");
let platform: Platform;
let browser: Browser;
const outside: string[] = [];
const violations: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  requireChromium();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  platform = await startPlatform({ seed: (url) => runSeed(url, { cases: 200, progress: () => undefined }) });
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function openGraphiQL(role: string | null, search = role ? `?as=${role}` : ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // Added by the browser's debugging protocol, so the page's CSP does not apply to it.
  await page.exposeFunction("kgraphViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { kgraphViolation(v: string): void }).kgraphViolation(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const base = new URL(platform.gatewayUrl);
  const response = await page.goto(`${base.origin}/graphql${search}`);
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'nonce-[^']+'/);
  await page.waitForSelector(".graphiql-execute-button", { timeout: 30_000 });
  // Let the editors load the example tab before running it.
  await page.waitForTimeout(1000);
  return page;
}

async function runAndRead(page: Page, expected: string): Promise<string> {
  await page.locator(".graphiql-execute-button").click();
  const response = page.locator(".graphiql-response").first();
  await response.getByText(expected, { exact: false }).first().waitFor({ timeout: 30_000 });
  return (await response.innerText()).replace(/\s+/g, " ");
}

it("runs the public example (facility conditions) without a token", async () => {
  const page = await openGraphiQL(null);
  await page.getByText("FacilityConditions").first().waitFor();
  const result = await runAndRead(page, "occupancyBand");
  expect(result).toContain('"facilities"');
  expect(result).not.toContain('"errors"');
  await page.screenshot({ path: path.join(ARTIFACTS, "graphiql-public.png") });
  await page.close();
});

it("runs an officer's case dashboard with the role's development token, names and all", async () => {
  const page = await openGraphiQL("mia_officer");
  expect(await page.locator("#kgraph-role").inputValue()).toBe("mia_officer");
  const result = await runAndRead(page, "caseNumber");
  expect(result).toMatch(/"caseNumber": "RKS-\d{4}-\d{6}"/);
  expect(result).toContain('"familyName"');
  await page.screenshot({ path: path.join(ARTIFACTS, "graphiql-mia_officer.png") });
  await page.close();
});

it("opens a monitor with the monitor's examples and runs them", async () => {
  const page = await openGraphiQL("monitor");
  await page.getByText("VisitReport").first().waitFor();
  const result = await runAndRead(page, "occupancyBand");
  expect(result).toContain('"visits"');
  await page.screenshot({ path: path.join(ARTIFACTS, "graphiql-monitor.png") });
  await page.close();
});

it("opens as the public, running nothing injected, when `as` and other parameters carry a script", async () => {
  const payload = `</title><script>alert("as")</script><img src=x onerror=alert("img")>`;
  const page = await openGraphiQL(null, `?${new URLSearchParams({ as: payload, query: payload, variables: payload })}`);
  expect(await page.title()).toBe("Kosovo reception programme graph");
  await page.waitForTimeout(1000);
  // The policy holds, and its violations are seen: a script without the nonce is refused and reported.
  const before = violations.length;
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.kgraphInjected = true";
    document.body.append(script);
  });
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => (window as unknown as { kgraphInjected?: boolean }).kgraphInjected)).toBeUndefined();
  // Reported twice: to the page (the event) and on the console.
  expect(violations.splice(before).sort()).toEqual([
    expect.stringMatching(/^Executing inline script violates the following Content Security Policy directive/),
    expect.stringMatching(/^script-src-elem inline /),
  ]);
  await page.close();
});

it("never tried to reach anything but 127.0.0.1", () => {
  expect(outside).toEqual([]);
});

it("ran every page above under the CSP with no violation and no dialog", () => {
  expect(violations).toEqual([]);
  expect(dialogs).toEqual([]);
});
