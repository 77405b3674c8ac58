/**
 * A report page in Debian's headless Chromium (driven by playwright-core), offline: every request
 * but the page itself is recorded and aborted, and console errors and page errors are collected,
 * so a test can require both lists to be empty.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** False where Chromium is not installed: the browser tests are skipped, saying so. */
export const present = existsSync(CHROMIUM);

/** An opened page, what it tried to fetch and what it logged as errors; close the context when done. */
export interface OfflinePage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly requests: string[];
  readonly errors: string[];
}

/** Opens `dir`/report.html in a fresh Chromium profile at `width` × 900 px, with nothing loaded from outside. */
export async function openReport(dir: string, width: number): Promise<OfflinePage> {
  const userDataDir = mkdtempSync(join(tmpdir(), "funnelsim-chromium-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width, height: 900 },
  });
  try {
    const page = await context.newPage();
    const pageUrl = pathToFileURL(join(dir, "report.html")).href;
    const requests: string[] = [];
    const errors: string[] = [];
    // Every request but the page itself fails the test; aborting it also keeps the test offline.
    await context.route("**/*", async (route) => {
      const url = route.request().url();
      if (url === pageUrl) await route.continue();
      else {
        requests.push(url);
        await route.abort();
      }
    });
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pageUrl, { waitUntil: "load" });
    return { context, page, requests, errors };
  } catch (error) {
    await context.close();
    throw error;
  }
}
