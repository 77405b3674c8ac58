/**
 * The honesty of the charts, checked on hand-made comparisons: shares in percentage points on
 * their own panel, a forest that fits one screen, text measured at its real width.
 */
import { describe, expect, it } from "vitest";
import { CHART_CATALOGS } from "../../src/report/chartMessages.js";
import { forestRows, forestSpec, splitByExtent } from "../../src/report/charts/forest.js";
import { FOREST_KPIS, kpiKind } from "../../src/report/kpis.js";
import { messagesFor } from "../../src/report/messages.js";
import { estimateTextWidth, renderSvg } from "../../src/report/render.js";
import type { Comparison, KpiDifference } from "../../src/report/types.js";

function keys(value: object): string[] {
  return Object.entries(value)
    .flatMap(([key, entry]) => (typeof entry === "object" && entry !== null ? keys(entry as object).map((inner) => `${key}.${inner}`) : [`${key}:${typeof entry}`]))
    .sort();
}

/** A comparison of six strategies against a baseline; shares move by `shareDiff` (launched products' share by +23 pp). */
function comparison(): Comparison {
  const strategies = ["s1", "s2", "s3", "s4", "s5", "s6"];
  const baseMean = (kpi: string) => (kpiKind(kpi) === "share" ? 0.1 : kpiKind(kpi) === "index" ? 0.56 : 2e10);
  const difference = (kpi: string, index: number): KpiDifference => {
    const base = baseMean(kpi);
    const diff = kpi === "launchedGmvShare" ? 0.23 : kpiKind(kpi) === "share" || kpiKind(kpi) === "index" ? 0.002 * (index - 2) : base * 0.01 * (index - 2);
    const half = Math.abs(diff) * 0.3 + (kpiKind(kpi) === "money" || kpiKind(kpi) === "count" ? base * 0.002 : 0.0005);
    return { diff, ci95: [diff - half, diff + half], relative: diff / base };
  };
  const kpis = Object.fromEntries(FOREST_KPIS.map((kpi) => [kpi, { mean: baseMean(kpi), sd: 1, ci95: [baseMean(kpi), baseMean(kpi)] as const }]));
  return {
    baseline: "baseline",
    strategies: [
      { scenario: "baseline", kpis, vsBaseline: {} },
      ...strategies.map((scenario, index) => ({ scenario, kpis, vsBaseline: Object.fromEntries(FOREST_KPIS.map((kpi) => [kpi, difference(kpi, index)])) })),
    ],
  };
}

describe("forest chart", () => {
  const scenarios = ["baseline", "s1", "s2", "s3", "s4", "s5", "s6"];
  const rows = forestRows(comparison(), scenarios);

  it("plots shares and trust as differences in percentage points, money and counts relative to the baseline's mean", () => {
    const launched = rows.find((row) => row.kpi === "launchedGmvShare" && row.scenario === "s1");
    // +23 pp on a 10% base: 23 on the points panel, not +230%.
    expect(launched?.panel).toBe("points");
    expect(launched?.value).toBeCloseTo(23, 9);
    const trust = rows.find((row) => row.kpi === "avgTrust" && row.scenario === "s6");
    expect(trust?.panel).toBe("points");
    expect(trust?.value).toBeCloseTo(0.6, 9);
    const gmv = rows.find((row) => row.kpi === "gmv" && row.scenario === "s6");
    expect(gmv?.panel).toBe("relative");
    expect(gmv?.value).toBeCloseTo(3, 9);
    expect(gmv?.lo).toBeLessThan(gmv?.value ?? 0);
  });

  it("gives a share that moves far more than the others its own axis, and keeps the rest together", () => {
    const groups = splitByExtent(rows.filter((row) => row.panel === "points"));
    expect(groups.map((group) => [...new Set(group.map((row) => row.kpi))])).toEqual([["newProductGmvShare", "repurchaseRate", "returnRate", "avgTrust"], ["launchedGmvShare"]]);
    expect(splitByExtent(rows.filter((row) => row.panel === "relative"))).toHaveLength(1);
  });

  it("has one x axis per panel, each with a zero rule, and fits one screen with six strategies (English and Chinese)", async () => {
    for (const language of ["en", "zh-CN"] as const) {
      const spec = forestSpec(rows, { messages: messagesFor(language), scenarios, baseline: "baseline" }) as unknown as { vconcat: { layer: { encoding: { x: { field: string } } }[] }[] };
      expect(spec.vconcat).toHaveLength(3);
      for (const panel of spec.vconcat) expect(panel.layer[0]?.encoding.x.field).toBe("zero");
      const svg = await renderSvg(spec as never);
      const [, width, height] = /^<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
      expect(Number(height), language).toBeLessThanOrEqual(900);
      expect(Number(width), language).toBeLessThanOrEqual(1116);
    }
  });
});

describe("text measurement without a canvas", () => {
  it("counts a Chinese character as 1 em and a Latin one as Vega's 0.8 em, within a label's limit", () => {
    expect(estimateTextWidth({ fontSize: 10 }, "GMV")).toBe(24);
    expect(estimateTextWidth({ fontSize: 10 }, "净GMV（扣除退货）")).toBe(94);
    expect(estimateTextWidth({ fontSize: 10, limit: 50 }, "净GMV（扣除退货）")).toBe(50);
    expect(estimateTextWidth({}, " 公域 ")).toBe(22);
  });
});

describe("chart messages", () => {
  it("zh-CN has every key of en, nested ones included", () => {
    expect(keys(CHART_CATALOGS["zh-CN"])).toEqual(keys(CHART_CATALOGS.en));
  });
});
