import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { planCharts } from "../../src/report/plan.js";
import { findFonts, renderPng, renderSvg, shippedCjkFonts } from "../../src/report/render.js";
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

  it("findFonts reports no CJK face when the folders hold none and nothing is shipped", () => {
    expect(findFonts(["/nonexistent-font-folder"], [])).toEqual({ latin: [], cjk: [] });
  });

  it("the project ships its CJK faces: findFonts finds them with no system font folder", () => {
    const shipped = shippedCjkFonts();
    expect(shipped.map((path) => path.split("/").pop())).toEqual(["NotoSansHans-Regular.otf", "NotoSansHans-Bold.otf"]);
    expect(findFonts(["/nonexistent-font-folder"]).cjk).toEqual(shipped);
  });

  // A missing glyph is drawn as the same box (or nothing) whatever the character, so two
  // different ideographs that render to the same pixels are tofu.
  const glyph = (text: string, weight = "normal") =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-family="DejaVu Sans, Noto Sans CJK SC, sans-serif" font-size="24" font-weight="${weight}">Public (${text})</text></svg>`;
  const latinOnly = (fonts: { latin: readonly string[] }) => ({ latin: fonts.latin, cjk: [] });

  it("公域 and 私域 render as distinct glyphs, not boxes, with only the project's fonts (no system CJK)", () => {
    const fonts = findFonts(["/nonexistent-font-folder"]);
    for (const weight of ["normal", "bold"]) {
      const publicPng = renderPng(glyph("公域", weight), fonts);
      const privatePng = renderPng(glyph("私域", weight), fonts);
      expect(publicPng.equals(privatePng), weight).toBe(false);
    }
    // The check can fail: with a Latin face only (and no system fonts, as on a bare machine)
    // both words fall back to the same missing glyph. Skipped where no Latin face is installed,
    // since resvg then loads the system's fonts.
    const latin = latinOnly(findFonts(undefined, []));
    if (latin.latin.length > 0) expect(renderPng(glyph("公域"), latin).equals(renderPng(glyph("私域"), latin))).toBe(true);
  });
});
