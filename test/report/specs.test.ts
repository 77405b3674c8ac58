import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { planCharts, type ChartName } from "../../src/report/plan.js";
import { renderSvg } from "../../src/report/render.js";
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
      const spec = chart?.spec as unknown as { title: { subtitle: string[] }; concat: { layer: { mark?: { type: string }; data?: { values: { products?: number; hi?: number }[] }; encoding?: { y?: { axis: { values: number[] } } } }[] }[] };
      const lines = spec.concat.flatMap((panel) => panel.layer.filter((layer) => layer.mark?.type === "line"));
      const tallest = Math.max(...lines.flatMap((layer) => layer.data?.values ?? []).map((row) => row.products ?? 0));
      // 150 simulated products of 500 real ones each: the tallest bin holds thousands.
      expect(tallest).toBeGreaterThan(1000);
      expect(spec.title.subtitle.join(" ")).toContain(title);
      expect(lines[0]?.encoding?.y?.axis.values).toEqual([0, 1, 10, 100, 1000, 10000].filter((tick) => tick <= tallest));
    }
  });

  it("a comparison's product-GMV chart is one panel per strategy with the baseline in each, its bands from 0, within the page", async () => {
    const charts = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    const spec = charts.find((entry) => entry.name === "productGmv")?.spec as unknown as { concat: { title: { text: string }; layer: { mark?: { type: string; color?: string }; data?: { values: { scenario: string; lo?: number }[] } }[] }[] };
    expect(spec.concat.map((panel) => panel.title.text)).toEqual(["boost-2x", "coupon-66"]);
    for (const panel of spec.concat) {
      const lines = panel.layer.filter((layer) => layer.mark?.type === "line");
      // The baseline dashed grey, then the strategy's own line.
      expect(lines.map((layer) => layer.data?.values[0]?.scenario)).toEqual(["baseline", panel.title.text]);
      const band = panel.layer.find((layer) => layer.mark?.type === "area")?.data?.values ?? [];
      expect(band.length).toBeGreaterThan(0);
      expect(Math.min(...band.map((row) => row.lo ?? -1))).toBeGreaterThanOrEqual(0);
    }
    const svg = await renderSvg(spec as never);
    const [, width] = /^<svg[^>]* width="(\d+)"/.exec(svg) ?? [];
    expect(Number(width)).toBeLessThanOrEqual(1180);
  });

  it("a run's product-GMV chart draws each scenario's 95% band from 0, and keeps headroom so the threshold labels stay off the line", () => {
    const chart = planCharts(loadResults(join(FIXTURES, "run")), messagesFor("en")).find((entry) => entry.name === "productGmv");
    const layers = (chart?.spec as unknown as { layer: { mark?: { type: string }; data?: { values: { products: number; lo: number; hi: number }[] }; encoding?: { y?: { scale: { domain: number[] } } } }[] }).layer;
    const band = layers.find((layer) => layer.mark?.type === "area");
    const rows = band?.data?.values ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.lo).toBeGreaterThanOrEqual(0);
      expect(row.lo).toBeLessThanOrEqual(row.products);
      expect(row.hi).toBeGreaterThanOrEqual(row.products);
    }
    const top = band?.encoding?.y?.scale.domain[1] ?? 0;
    expect(top).toBeGreaterThan(Math.max(...rows.map((row) => row.hi)));
  });

  it("the daily GMV chart marks the festival window and 11.11 from the manifest's calendar", () => {
    const charts = planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en"));
    const text = JSON.stringify(charts.find((chart) => chart.name === "gmvDaily")?.spec);
    // Fixture calendar: festivalStart 2022-10-28, 15 days → last day 11-11; the 2.2 peak is 11-11.
    expect(text).toContain('{"start":"2022-10-28","end":"2022-11-11","label":"Festival"}');
    expect(text).toContain('{"date":"2022-11-11","label":"11.11"}');
  });
});
