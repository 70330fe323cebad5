import fs from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (CI installs the `chromium` package), or CHROMIUM_PATH. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Fails at once, saying what to install, when there is no Chromium (call it before slow set-up). */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's \`chromium\` package (CI does), or set CHROMIUM_PATH.`,
    );
  }
}

/** Headless Chromium that reaches out for nothing on its own (no updates, sync or background fetches). */
export function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
