/**
 * The --interactive report: the default page has no script at all; the interactive one inlines
 * vega, vega-lite and vega-embed (no network URL to load anything from) and, in headless
 * Chromium, replaces every static chart with a vega-embed view — with no console error and no
 * request beyond the page itself.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import { loadResults, messagesFor, planCharts, writeReport } from "../../src/report/index.js";
import { interactiveSpec, PICK_PARAM } from "../../src/report/interactive.js";
import { CHROMIUM, openReport, present } from "./chromium.js";
import { FIXTURES, scratchCopy } from "./helpers.js";

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
    // A comparison's product-GMV chart is small multiples; a run's has one line per scenario and a legend.
    const run = planCharts(loadResults(join(FIXTURES, "run")), messagesFor("en"));
    const specs = [...charts.filter((chart) => ["forest", "whoGains"].includes(chart.name)), ...run.filter((chart) => chart.name === "productGmv")].map((chart) => chart.spec as unknown as Record<string, unknown>);
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
    const { context, page, requests, errors } = await openReport(dir, 1280);
    try {
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
