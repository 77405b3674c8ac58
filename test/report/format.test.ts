import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extraDigitsFor, formatInterval, formatKpiDifference, formatKpiValue, formatParamValue, formatPercent } from "../../src/report/format.js";
import { chartMessages } from "../../src/report/chartMessages.js";
import { buildHtml, escapeHtml } from "../../src/report/html.js";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { kpiTables, scenarioOrder } from "../../src/report/plan.js";
import { readingOf } from "../../src/report/reading.js";
import type { Comparison, Results } from "../../src/report/types.js";
import { FIXTURES, FIXTURE_NAMES } from "./helpers.js";

const en = messagesFor("en");
const zh = messagesFor("zh-CN");

/** The page of some results, without charts (the tables, notes and reading are what is tested). */
function page(results: Results, messages = en): string {
  const scenarios = scenarioOrder(results);
  return buildHtml({ results, messages, scenarios, kpis: kpiTables(results, scenarios), reading: readingOf(results, scenarios, messages), charts: [] });
}

/** The text of the table cell of a KPI's row in a strategy's column (the second data column). */
function strategyCell(html: string, label: string): string {
  const row = html.match(new RegExp(`<tr><th>${label}(?:<span class="unit">[^<]*</span>)?</th>(.*?)</tr>`))?.[1] ?? "";
  const cells = [...row.matchAll(/<td class="num">(.*?)<\/td>/g)].map((match) => (match[1] ?? "").replace(/<[^>]+>/g, " | "));
  return cells[1] ?? "";
}

/** A compare of one strategy: KPI → [baseline mean, its ci, diff, diff ci, relative]. */
function compareOf(kpis: Record<string, { mean: number; ci: [number, number]; diff: number; dci: [number, number]; relative: number }>): Results {
  const entries = Object.entries(kpis);
  const comparison: Comparison = {
    baseline: "baseline",
    strategies: [
      { scenario: "baseline", kpis: Object.fromEntries(entries.map(([kpi, k]) => [kpi, { mean: k.mean, sd: 1, ci95: k.ci }])), vsBaseline: {} },
      {
        scenario: "boost-2x",
        kpis: Object.fromEntries(entries.map(([kpi, k]) => [kpi, { mean: k.mean + k.diff, sd: 1, ci95: [k.ci[0] + k.diff, k.ci[1] + k.diff] as const }])),
        vsBaseline: Object.fromEntries(entries.map(([kpi, k]) => [kpi, { diff: k.diff, ci95: k.dci, relative: k.relative }])),
      },
    ],
  };
  return { manifest: { funnelsim: "0", node: "v20", command: "", kind: "compare", scenarios: [], extra: {} }, comparison, daily: [], replications: [], funnel: [], products: [] };
}

describe("number formatting", () => {
  it("a negative amount of money has its minus before the currency: −¥4.94bn, −49.4亿元", () => {
    expect(formatKpiDifference("gmv", -4.94e9, en)).toBe("−¥4.94bn");
    expect(formatKpiDifference("gmv", -4.94e9, zh)).toBe("−49.4亿元");
    expect(formatKpiValue("gmv", -93.2e9, en)).toBe("−¥93.2bn");
    const write = (value: number) => formatKpiDifference("gmv", value, en, 7.8e9);
    expect(formatInterval([-5.31e9, 7.8e9], write, en)).toBe("95% CI −¥5.31bn to +¥7.8bn");
  });

  it("a change that rounds to zero has no sign: 0.0%, 0.0 pp — never −0.0", () => {
    expect([formatPercent(-0.0001, true), formatPercent(0.0001, true), formatPercent(-0.012, true), formatPercent(0.012, true)]).toEqual(["0.0%", "0.0%", "−1.2%", "+1.2%"]);
    expect([formatKpiDifference("returnRate", -0.0001, en), formatKpiDifference("returnRate", 0.012, en)]).toEqual(["0.0 pp", "+1.2 pp"]);
  });

  it("extraDigitsFor adds the digits it takes to write an interval's two ends differently", () => {
    const trust = (value: number, extra: number) => formatKpiDifference("avgTrust", value, en, value, extra);
    expect(extraDigitsFor([-0.00505, -0.00465], trust)).toBe(0);
    expect(extraDigitsFor([-0.005051, -0.005049], trust)).toBe(1);
    expect(extraDigitsFor([0.5, 0.5], trust)).toBe(0);
    const share = (value: number, extra: number) => formatPercent(value, true, extra);
    expect([share(0.00041, extraDigitsFor([0.00041, 0.00044], share)), share(0.00044, extraDigitsFor([0.00041, 0.00044], share))]).toEqual(["+0.041%", "+0.044%"]);
  });

  it("a swept value shows at most 6 significant digits: the float noise of 0.17 × 1.2 reads 0.204", () => {
    expect([formatParamValue(0.17 * 1.2), formatParamValue("0.20400000000000001"), formatParamValue(2), formatParamValue(-1.5), formatParamValue("proportional"), formatParamValue(true)]).toEqual([
      "0.204",
      "0.204",
      "2",
      "−1.5",
      "proportional",
      "true",
    ]);
  });
});

describe("headline table cells", () => {
  const results = compareOf({
    gmv: { mean: 215e9, ci: [170e9, 260e9], diff: -4.94e9, dci: [-5.31e9, 7.8e9], relative: -0.023 },
    netGmv: { mean: 161e9, ci: [121e9, 201e9], diff: -0.01e9, dci: [-1.6e9, 1.5e9], relative: -0.00006 },
    avgTrust: { mean: 0.552, ci: [0.543, 0.561], diff: -0.00485, dci: [-0.00505, -0.00465], relative: -0.0088 },
    productsOver10M: { mean: 833, ci: [-1064, 2731], diff: 167, dci: [-550, 884], relative: 0.2 },
  });
  const html = page(results);

  it("money differences: one unit for the row, named in its heading; signs on the difference and both bounds", () => {
    expect(html).toContain('<tr><th>GMV<span class="unit"> (¥ bn)</span></th>');
    expect(strategyCell(html, "GMV")).toBe("210 | 165 to 255 |  | Δ −4.94 (−2.3%) |  | −5.31 to +7.80 | ");
  });

  it("a relative change that rounds to zero reads (0.0%), not (−0.0%)", () => {
    expect(strategyCell(html, "Net GMV \\(after returns\\)")).toContain("(0.0%)");
    expect(html).not.toContain("−0.0%");
  });

  it("trust differences carry the digits that tell the interval's ends apart", () => {
    expect(strategyCell(html, "Average trust")).toContain("Δ −0.00485 |  | −0.00505 to −0.00465");
  });

  it("counts under 100,000 are written in full, the same way for the value, the difference and their intervals", () => {
    const cell = strategyCell(html, "Products over ¥10M");
    expect(cell).toBe("1000 | −897 to 2898 |  | Δ +167 (+20.0%) |  | −550 to +884 | ");
    expect(strategyCell(page(results, zh), "GMV超千万元的商品")).toBe("1000 | −897～2898 |  | Δ +167 (+20.0%) |  | −550～+884 | ");
  });

  it("a difference whose interval touches 0 as written is not bold, and a clear one gets the digits that show it", () => {
    const shares = page(
      compareOf({
        repurchaseRate: { mean: 0.94, ci: [0.938, 0.941], diff: 0.002, dci: [0.0003, 0.0039], relative: 0.002 },
        returnRate: { mean: 0.24, ci: [0.237, 0.248], diff: 0.002, dci: [-0.0004, 0.0039], relative: 0.008 },
      }),
    );
    expect(strategyCell(shares, "Repurchase rate")).toContain('Δ +0.20 |  | +0.03 to +0.39');
    expect(shares).toMatch(/<span class="diff clear">Δ \+0\.20<\/span>/);
    expect(strategyCell(shares, "Return rate")).toContain("Δ +0.2 |  | 0.0 to +0.4");
    expect(shares).toMatch(/<span class="diff">Δ \+0\.2<\/span>/);
  });
});

describe("notes of the reading and the headline table", () => {
  const notes = (html: string) => [...html.matchAll(/<p class="note">(.*?)<\/p>/g)].map((match) => match[1] ?? "");

  it("each kind of report gets the notes that describe it, in both languages", () => {
    for (const messages of [en, zh]) {
      const kinds = { compare: "compare", run: "run", "sweep-line": "sweep", "sweep-grid": "sweep", oat: "oat", morris: "morris" } as const;
      for (const fixture of FIXTURE_NAMES) {
        const kind = kinds[fixture];
        const found = notes(page(loadResults(join(FIXTURES, fixture)), messages));
        expect(found[0], `${messages.language} ${fixture} reading`).toBe(escapeHtml(messages.readingNotes[kind]));
        const headline = kind === "oat" || kind === "morris" ? undefined : `${escapeHtml(messages.headlineNotes[kind])} ${escapeHtml(chartMessages(messages).tableNote)}`;
        expect(found[1], `${messages.language} ${fixture} headline`).toBe(headline);
      }
    }
  });

  it("no note claims numbers above the reading, intervals a sensitivity analysis lacks, or differences a run does not have", () => {
    for (const messages of [en, zh]) {
      const all = [...Object.values(messages.readingNotes), ...Object.values(messages.headlineNotes)];
      expect(new Set(all).size).toBe(all.length);
    }
    expect(Object.values(en.readingNotes).join(" ")).not.toMatch(/above/);
    expect(en.readingNotes.oat).toMatch(/without confidence intervals/);
    expect(en.readingNotes.morris).toMatch(/no confidence intervals/);
    expect(en.readingNotes.sweep).toMatch(/do not overlap/);
    expect(en.headlineNotes.run).not.toMatch(/baseline|difference|bold/i);
    expect(en.headlineNotes.sweep).not.toMatch(/baseline|difference|bold/i);
    expect(zh.headlineNotes.run).not.toMatch(/基准|差异|加粗/);
  });

  it("the page header counts a design's arms instead of listing their long names", () => {
    const html = page(loadResults(join(FIXTURES, "sweep-line")));
    expect(html).toContain('<p class="meta">baseline · 5 parameter points</p>');
  });
});
