/**
 * The --interactive report: the default page has no script at all; the interactive one inlines
 * vega, vega-lite and vega-embed (no network URL to load anything from) and, in headless
 * Chromium, replaces every static chart with a vega-embed view — with no console error and no
 * request beyond the page itself.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import { loadResults, messagesFor, planCharts, writeReport } from "../../src/report/index.js";
import { interactiveSpec, PICK_PARAM } from "../../src/report/interactive.js";
import { FIXTURES, scratchCopy } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const present = existsSync(CHROMIUM);

/** Attributes and CSS that would fetch something from the network. */
const NETWORK_REFERENCE = /(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\/|@import|fetch\(\s*["']https?:/i;

describe("the interactive report", () => {
  it("keeps the default report free of scripts, and the interactive one free of network references", async () => {
    const dir = scratchCopy("compare");
    await writeReport(dir, { lang: "en", png: false });
    const plain = readFileSync(join(dir, "report.html"), "utf8");
    expect(plain).not.toMatch(/<script/i);
    await writeReport(dir, { lang: "en", png: false, interactive: true });
    const page = readFileSync(join(dir, "report.html"), "utf8");
    expect(page).toMatch(/<script type="application\/json" id="funnelsim-specs">/);
    expect(page).toContain("vegaEmbed(");
    expect(page.match(NETWORK_REFERENCE)?.[0]).toBeUndefined();
  });

  it("binds a strategy selection to the legend of the charts coloured by strategy (small multiples have no legend), and the specs compile", () => {
    const charts = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    const specs = charts.filter((chart) => ["forest", "whoGains", "productGmv"].includes(chart.name)).map((chart) => chart.spec as unknown as Record<string, unknown>);
    expect(specs.length).toBe(3);
    for (const spec of specs) {
      const interactive = interactiveSpec(spec);
      expect(JSON.stringify(interactive)).toContain(`"bind":"legend"`);
      expect(JSON.stringify(interactive)).toContain(`{"not":{"param":"${PICK_PARAM}"}}`);
      // Vega-Lite accepts it: a wrong param or condition throws or warns here.
      const warnings: string[] = [];
      compile(interactive as never, { logger: { warn: (...args: unknown[]) => warnings.push(args.join(" ")), info: () => {}, debug: () => {}, error: (...args: unknown[]) => warnings.push(args.join(" ")), level: () => 0 } as never });
      expect(warnings).toEqual([]);
    }
  });

  it.skipIf(!present)(present ? "renders every chart with vega-embed in headless Chromium, offline, without errors" : `skipped: ${CHROMIUM} not found (apt-get install chromium)`, async () => {
    const dir = scratchCopy("compare");
    await writeReport(dir, { lang: "en", png: false, interactive: true });
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
      await page.waitForSelector("body[data-charts-ready]", { timeout: 60_000 });
      const figures = await page.$$eval("figure[data-chart]", (list) =>
        list.map((figure) => ({ chart: figure.getAttribute("data-chart"), interactive: figure.getAttribute("data-interactive"), error: figure.getAttribute("data-interactive-error"), marks: figure.querySelectorAll(".vega-embed g.role-mark path, .vega-embed g.role-mark line, .vega-embed g.role-mark rect").length })),
      );
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      expect(figures.length).toBeGreaterThan(5);
      for (const figure of figures) {
        expect(figure.error, figure.chart ?? "").toBeNull();
        expect(figure.interactive, figure.chart ?? "").toBe("true");
        expect(figure.marks, figure.chart ?? "").toBeGreaterThan(0);
      }
      // The scorecard is above the fold of a 1280 × 900 window, and fits its width.
      const card = await page.$eval("table.scorecard", (table) => {
        const box = table.getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, right: box.right };
      });
      expect(card.top).toBeLessThan(900);
      expect(card.right).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(dir, "interactive-screenshot.png"), fullPage: false });
    } finally {
      await context.close();
    }
  }, 120_000);
});
