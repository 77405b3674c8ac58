import { readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.js";
import { FIXTURE_NAMES, scratchCopy } from "./helpers.js";

/** Every src= / href= in the page that points outside it (a network load). */
function externalLoads(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]+)/gi)]
    .map((match) => match[1] ?? "")
    .filter((url) => !url.startsWith("#") && !url.startsWith("data:"));
}

describe("writeReport", () => {
  // The compare report in English, written once and read by several tests (rendering takes seconds).
  let compareDir = "";
  let compareWritten: string[] = [];
  const compareWarnings: string[] = [];
  beforeAll(async () => {
    compareDir = scratchCopy("compare");
    compareWritten = await writeReport(compareDir, { lang: "en", onWarning: (message) => compareWarnings.push(message) });
  });

  for (const fixture of FIXTURE_NAMES) {
    it(`${fixture}: writes vl.json, svg and png for every chart and a report.html that loads nothing from outside`, async () => {
      const warnings: string[] = fixture === "compare" ? compareWarnings : [];
      const dir = fixture === "compare" ? compareDir : scratchCopy(fixture);
      const written = fixture === "compare" ? compareWritten : await writeReport(dir, { lang: "en", onWarning: (message) => warnings.push(message) });
      expect(warnings).toEqual([]);
      expect(written.at(-1)).toBe(join(dir, "report.html"));
      const chartFiles = readdirSync(join(dir, "charts")).sort();
      // Atomic writes leave no temporary files behind.
      expect(chartFiles.filter((name) => name.includes(".tmp"))).toEqual([]);
      const names = [...new Set(chartFiles.map((name) => name.replace(/\.(vl\.json|svg|png)$/, "")))];
      for (const name of names) expect(chartFiles.filter((file) => file.startsWith(`${name}.`)).length, name).toBe(3);
      expect(written.length).toBe(names.length * 3 + 1);
      const html = readFileSync(join(dir, "report.html"), "utf8");
      expect(externalLoads(html)).toEqual([]);
      expect(html).not.toMatch(/<script|<link\b|@import|url\(\s*["']?https?:/i);
      expect((html.match(/<figure data-chart=/g) ?? []).length).toBe(names.length);
    });
  }

  it("compare: the page has the headline table with differences, the reading, the differing parameters and the manifest", async () => {
    const html = readFileSync(join(compareDir, "report.html"), "utf8");
    expect(html).toContain("<h2>Headline KPIs</h2>");
    expect(html).toMatch(/<span class="diff clear">Δ \+[\d.]+ \(\+[\d.]+%\)<\/span>/);
    expect(html).toMatch(/<li>boost-2x: net GMV \(after returns\) \+[\d.]+% \(95% CI \+[\d.]+% to \+[\d.]+%\); GMV \+[\d.]+% \(95% CI \+[\d.]+% to \+[\d.]+%\)/);
    expect(html).toContain('<td class="path">levers.boost.multiplier</td><td><code>1</code></td><td><code>2</code></td>');
    expect(html).toContain("<code>v20.20.0</code>");
    // Each SVG's ids are prefixed with its chart, so clip paths do not collide on the page.
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("zh-CN: titles, table headers and the reading are in Chinese", async () => {
    const dir = scratchCopy("compare");
    await writeReport(dir, { lang: "zh-CN" });
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("<h2>核心指标</h2>");
    expect(html).toContain("<h3>每日GMV</h3>");
    expect(html).toMatch(/<li>boost-2x：相对基准，净GMV（扣除退货） \+[\d.]+%（95%置信区间[^<]*；GMV \+[\d.]+%（95%置信区间/);
    expect(readFileSync(join(dir, "charts", "gmvDaily.svg"), "utf8")).toContain("每日GMV（亿元）");
  });

  it("same inputs give the same vl.json and report.html bytes", async () => {
    const first = compareDir;
    const second = scratchCopy("compare");
    await writeReport(second, { lang: "en", png: false });
    for (const name of ["report.html", "charts/gmvDaily.vl.json", "charts/forest.vl.json", "charts/productGmv.vl.json"]) {
      expect(readFileSync(join(second, name), "utf8"), basename(name)).toBe(readFileSync(join(first, name), "utf8"));
    }
  });
});
