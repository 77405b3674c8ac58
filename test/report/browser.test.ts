/**
 * report.html in a real browser: Debian's headless Chromium driven by playwright-core. The page
 * must load with no console errors and no network requests, and every chart must have drawn
 * marks. A screenshot is left in the test's temporary folder for a person to look at.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.js";
import { scratchCopy } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
const title = present
  ? "report.html opens in headless Chromium with no console errors, no network requests, and marks in every chart"
  : `report.html in headless Chromium — skipped: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk; .ci/run installs it)`;

describe("report in the browser", () => {
  it.skipIf(!present)(title, async () => {
    const dir = scratchCopy("compare");
    // The page inlines SVG; PNGs would only cost time here.
    await writeReport(dir, { lang: "zh-CN", png: false });
    const userDataDir = mkdtempSync(join(tmpdir(), "funnelsim-chromium-profile-"));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1280, height: 900 },
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
      const marks = await page.$$eval("figure[data-chart]", (figures) =>
        figures.map((figure) => ({
          chart: figure.getAttribute("data-chart"),
          marks: figure.querySelectorAll("g.role-mark path, g.role-mark rect, g.role-mark line, g.role-mark text").length,
          width: figure.querySelector("svg")?.getBoundingClientRect().width ?? 0,
        })),
      );
      const screenshot = join(dir, "report-screenshot.png");
      await page.screenshot({ path: screenshot, fullPage: true });
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(marks.length).toBeGreaterThanOrEqual(8);
      for (const entry of marks) {
        expect(entry.marks, `${entry.chart ?? "?"} marks`).toBeGreaterThan(3);
        expect(entry.width, `${entry.chart ?? "?"} width`).toBeGreaterThan(100);
      }
      expect(existsSync(screenshot)).toBe(true);
      console.info(`report screenshot: ${screenshot}`);
    } finally {
      await context.close();
    }
  });
});
