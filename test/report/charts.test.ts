/**
 * The honesty of the charts, checked on hand-made comparisons: shares in percentage points on
 * their own panel, a forest that fits one screen, text measured at its real width.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dailyDifferenceBands } from "../../src/report/aggregate.js";
import { loadResults } from "../../src/report/load.js";
import { planCharts } from "../../src/report/plan.js";
import { funnelRates } from "../../src/report/charts/funnel.js";
import { ratioRows } from "../../src/report/charts/smallMultiples.js";
import { FIXTURES } from "./helpers.js";
import { CHART_CATALOGS } from "../../src/report/chartMessages.js";
import { forestRows, forestSpec, splitByExtent } from "../../src/report/charts/forest.js";
import { FOREST_KPIS, kpiKind } from "../../src/report/kpis.js";
import { messagesFor } from "../../src/report/messages.js";
import { estimateTextWidth, renderSvg } from "../../src/report/render.js";
import { formatFixedSignificant, intervalDigits, rowFormat, shownClear } from "../../src/report/tableFormat.js";
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

describe("table numbers", () => {
  const en = messagesFor("en");

  it("writes a row in one unit chosen for its largest number, with fixed significant digits", () => {
    const gmv = rowFormat("gmvPrivate", 2.2e11, en);
    expect(gmv.unit).toBe(" (¥ bn)");
    // +¥177M beside +¥2.2bn: both in bn, three significant digits each, trailing zeros kept.
    expect([gmv.change(1.77e8, 0), gmv.change(2.2e9, 0), gmv.change(1.9e10, 0), gmv.level(2.17e11, 0)]).toEqual(["+0.177", "+2.20", "+19.0", "217"]);
    expect(rowFormat("gmv", 2.2e11, messagesFor("zh-CN")).unit).toBe("（亿元）");
  });

  it("writes counts under 100,000 in full, not as 0.925k", () => {
    const products = rowFormat("productsOver10M", 1545, en);
    expect(products.unit).toBe("");
    expect([products.level(925.3, 0), products.level(1150, 0), products.change(-250, 0), products.change(-28.7, 0)]).toEqual(["925", "1150", "−250", "−28.7"]);
    expect(rowFormat("orders", 2.6e9, en).level(2.56e9, 0)).toBe("2.56");
  });

  it("keeps the sign on a difference's bounds, and shows the digits that make a clear interval miss 0", () => {
    const share = rowFormat("repurchaseRate", 0.94, en);
    const interval = [0.0003, 0.0039] as const;
    const extra = intervalDigits(interval, share.change);
    expect([share.change(interval[0], extra), share.change(interval[1], extra)]).toEqual(["+0.03", "+0.39"]);
    expect(shownClear(interval, (value) => share.change(value, extra))).toBe(true);
    // Written with one decimal, the same interval reads "0.0 to +0.4": not marked clear.
    expect(shownClear(interval, (value) => share.change(value, 0))).toBe(false);
    expect(shownClear([-0.001, 0.004], (value) => share.change(value, 0))).toBe(false);
    expect(formatFixedSignificant(9.996, 3)).toBe("10.0");
    expect(formatFixedSignificant(-0.000001, 3)).toBe("−0.00000100");
  });
});

describe("daily charts of a comparison", () => {
  const results = loadResults(join(FIXTURES, "compare"));
  const charts = planCharts(results, messagesFor("en"));
  const spec = (name: string) => charts.find((chart) => chart.name === name)?.spec as unknown as { concat?: { layer: { data?: { values: Record<string, number>[] }; mark?: { type: string } }[] }[]; subtitle?: unknown };

  it("draws followers, trust, new-product share and GMV against the baseline as one panel per strategy of paired differences around 0", () => {
    const strategies = results.comparison?.strategies.filter((strategy) => strategy.scenario !== results.comparison?.baseline).length ?? 0;
    for (const name of ["gmvVsBaseline", "followerStock", "avgTrust", "newProductDaily"]) {
      const panels = spec(name).concat ?? [];
      expect(panels, name).toHaveLength(strategies);
      for (const panel of panels) expect(panel.layer.some((layer) => layer.mark?.type === "rule" && JSON.stringify(layer.data?.values) === '[{"zero":0}]'), name).toBe(true);
    }
  });

  it("pairs the differences by replication: a day's value is the mean of the per-replication differences of the shares", () => {
    const replicated = ratioRows(results.daily, "gmvNewToBuyer", "gmv", "share");
    const baseline = results.comparison?.baseline ?? "";
    const paired = dailyDifferenceBands(replicated, "share", baseline, ["boost-2x"]);
    expect(paired.length).toBeGreaterThan(10);
    const day = paired[paired.length - 1];
    const values = (scenario: string) => replicated.filter((row) => row.scenario === scenario && row.day === day?.date).sort((a, b) => a.replication - b.replication).map((row) => row.value);
    const treated = values("boost-2x");
    const reference = values(baseline);
    expect(day?.mean).toBeCloseTo(treated.reduce((sum, value, index) => sum + value - (reference[index] ?? 0), 0) / treated.length, 12);
  });

  it("draws GMV levels as small multiples with the baseline in each panel and no band below 0", () => {
    const panels = spec("gmvDaily").concat ?? [];
    expect(panels.length).toBeGreaterThan(1);
    for (const panel of panels) {
      const bands = panel.layer.find((layer) => layer.mark?.type === "area")?.data?.values ?? [];
      expect(bands.length).toBeGreaterThan(0);
      expect(Math.min(...bands.map((row) => row["lo"] ?? 0))).toBeGreaterThanOrEqual(0);
      expect(panel.layer.filter((layer) => layer.mark?.type === "line")).toHaveLength(2);
    }
  });

  it("a run's level charts start at 0 or say that the axis is zoomed", () => {
    const run = planCharts(loadResults(join(FIXTURES, "run")), messagesFor("en"));
    const trust = run.find((chart) => chart.name === "avgTrust")?.spec as unknown as { title: { subtitle?: string } };
    expect(trust.title.subtitle).toMatch(/^Axis zoomed to 0\.\d{3}–0\.\d{3}; it does not start at 0\.$/);
    const followers = JSON.stringify(run.find((chart) => chart.name === "followerStock")?.spec);
    expect(followers).toContain('"zero":true');
    expect(followers).not.toContain('"zero":false');
  });
});

describe("funnel chart", () => {
  it("shows each stage's conversion per replication's totals, with a 95% interval over replications", () => {
    const rows = loadResults(join(FIXTURES, "compare")).funnel;
    const rates = funnelRates(rows, ["baseline"]);
    expect(rates.map((rate) => `${rate.domain} ${rate.stage}`)).toEqual(["public clicks", "public carts", "public orders", "private clicks", "private carts", "private orders"]);
    const publicRows = rows.filter((row) => row.scenario === "baseline" && row.domain === "public");
    const replications = [...new Set(publicRows.map((row) => row.replication))];
    const perReplication = replications.map((replication) => {
      const selected = publicRows.filter((row) => row.replication === replication);
      return selected.reduce((sum, row) => sum + row.carts, 0) / selected.reduce((sum, row) => sum + row.clicks, 0);
    });
    const carts = rates.find((rate) => rate.domain === "public" && rate.stage === "carts");
    expect(carts?.mean).toBeCloseTo(perReplication.reduce((sum, value) => sum + value, 0) / perReplication.length, 12);
    expect(carts?.n).toBe(replications.length);
    expect(carts?.lo).toBeLessThanOrEqual(carts?.mean ?? 0);
    expect(carts?.hi).toBeGreaterThanOrEqual(carts?.mean ?? 0);
  });

  it("draws rates on linear axes, one per stage and domain, not counts on a log scale", () => {
    const spec = JSON.stringify(planCharts(loadResults(join(FIXTURES, "compare")), messagesFor("en")).find((chart) => chart.name === "funnel")?.spec);
    expect(spec).not.toContain('"log"');
    expect(spec).toContain('"resolve":{"scale":{"x":"independent"}');
    expect(spec).toContain("Click / impression");
  });
});
