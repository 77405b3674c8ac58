import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { planCharts, type ChartName } from "../../src/report/plan.js";
import { FIXTURES, FIXTURE_NAMES } from "./helpers.js";

/** The charts each fixture must produce: which charts a kind of result gets is part of the contract. */
const EXPECTED: Record<(typeof FIXTURE_NAMES)[number], readonly ChartName[]> = {
  compare: ["gmvDaily", "forest", "whoGains", "gmvVsBaseline", "publicPrivate", "funnel", "newProductShare", "newProductDaily", "followerStock", "journey", "avgTrust", "productGmv"],
  run: ["gmvDaily", "publicPrivate", "funnel", "newProductShare", "newProductDaily", "followerStock", "avgTrust", "productGmv"],
  "sweep-line": ["sweepLine", "gmvDaily", "publicPrivate", "followerStock", "avgTrust"],
  "sweep-grid": ["sweepHeatmap"],
  oat: ["tornado"],
  morris: ["morris"],
};

describe("Vega-Lite specs from the fixtures", () => {
  for (const fixture of FIXTURE_NAMES) {
    it(`${fixture}: plans the charts its kind has data for, and each spec matches its snapshot`, async () => {
      const results = loadResults(join(FIXTURES, fixture));
      const charts = planCharts(results, messagesFor("en"));
      expect(charts.map((chart) => chart.name)).toEqual(EXPECTED[fixture]);
      for (const chart of charts) {
        await expect(`${JSON.stringify(chart.spec, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/${fixture}/${chart.name}.vl.json`);
      }
    });
  }

  it("compare in zh-CN: the specs carry the Chinese catalog's titles and axis labels", async () => {
    const charts = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("zh-CN"));
    const gmv = charts.find((chart) => chart.name === "gmvDaily");
    expect(JSON.stringify(gmv?.spec)).toContain("每日GMV（亿元）");
    for (const chart of charts) {
      await expect(`${JSON.stringify(chart.spec, null, 2)}\n`).toMatchFileSnapshot(`__snapshots__/compare-zh-CN/${chart.name}.vl.json`);
    }
  });

  it("building the specs twice gives the same bytes (no clocks, no unordered maps in the output)", () => {
    const first = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    const second = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it("the product-GMV chart counts real products and ticks its symlog axis at 0 and each power of ten up to the tallest bin", () => {
    for (const [language, title] of [["en", "Real products (mean per replication)"], ["zh-CN", "实际商品数（每次重复的均值）"]] as const) {
      const chart = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor(language)).find((entry) => entry.name === "productGmv");
      const layer = (chart?.spec as { layer: { data?: { values: { products?: number }[] }; encoding?: { y?: { title: string; axis: { values: number[] } } } }[] }).layer[1];
      const tallest = Math.max(...(layer?.data?.values ?? []).map((row) => row.products ?? 0));
      // 150 simulated products of 500 real ones each: the tallest bin holds thousands.
      expect(tallest).toBeGreaterThan(1000);
      expect(layer?.encoding?.y?.title).toBe(title);
      expect(layer?.encoding?.y?.axis.values).toEqual([0, 1, 10, 100, 1000, 10000].filter((tick) => tick <= tallest));
    }
  });

  it("the daily GMV chart marks the festival window and 11.11 from the manifest's calendar", () => {
    const charts = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    const text = JSON.stringify(charts.find((chart) => chart.name === "gmvDaily")?.spec);
    // Fixture calendar: festivalStart 2022-10-28, 15 days → last day 11-11; the 2.2 peak is 11-11.
    expect(text).toContain('{"start":"2022-10-28","end":"2022-11-11","label":"Festival"}');
    expect(text).toContain('{"date":"2022-11-11","label":"11.11"}');
  });
});
