import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { planCharts } from "../../src/report/plan.js";
import { findFonts, renderPng, renderSvg } from "../../src/report/render.js";
import { FIXTURES, FIXTURE_NAMES } from "./helpers.js";

/** Data marks drawn in a Vega SVG: shapes inside groups of role "mark" (not axes or legends). */
export function countMarks(svg: string): number {
  let count = 0;
  for (const match of svg.matchAll(/<g class="mark-[a-z]+ role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g)) {
    count += (match[1]?.match(/<(path|rect|line|text|circle)\b/g) ?? []).length;
  }
  return count;
}

describe("rendering in Node", () => {
  for (const fixture of FIXTURE_NAMES) {
    it(`${fixture}: every chart renders to an SVG with drawn marks and no Vega-Lite or Vega warning`, async () => {
      const charts = planCharts(loadResults(join(FIXTURES, fixture)), messagesFor("en"));
      for (const chart of charts) {
        const warnings: string[] = [];
        const svg = await renderSvg(chart.spec, warnings);
        expect(warnings, chart.name).toEqual([]);
        expect(svg.startsWith("<svg"), chart.name).toBe(true);
        expect(countMarks(svg), chart.name).toBeGreaterThan(3);
      }
    });
  }

  it("a chart renders to a PNG (signature and a plausible size) with the fonts found", async () => {
    const chart = planCharts(loadResults(join(FIXTURES, "run")), messagesFor("zh-CN"))[0];
    if (chart === undefined) throw new Error("no chart planned");
    const png = renderPng(await renderSvg(chart.spec), findFonts());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(10_000);
  });

  it("findFonts reports no CJK face when the folders hold none", () => {
    expect(findFonts(["/nonexistent-font-folder"])).toEqual({ latin: [], cjk: [] });
  });
});
