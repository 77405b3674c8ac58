import { describe, expect, it } from "vitest";
import { dailyBands, dailyDifferenceBands, productGmvBins } from "../../src/report/aggregate.js";
import { diffConfigs } from "../../src/report/configDiff.js";
import { formatSignificant } from "../../src/report/format.js";
import { messagesFor } from "../../src/report/messages.js";
import { readingOf } from "../../src/report/reading.js";
import type { Comparison, DailyRow, Results } from "../../src/report/types.js";

function comparisonResults(gmv: { diff: number; ci95: [number, number] }, tail: { diff: number; ci95: [number, number] }): Results {
  const summary = (mean: number) => ({ mean, sd: 1, ci95: [mean - 1, mean + 1] as const });
  const comparison: Comparison = {
    baseline: "baseline",
    strategies: [
      { scenario: "baseline", kpis: { gmv: summary(1000), gmvPrivateTail: summary(100) }, vsBaseline: {} },
      {
        scenario: "boost-2x",
        kpis: { gmv: summary(1000 + gmv.diff), gmvPrivateTail: summary(100 + tail.diff) },
        vsBaseline: { gmv: { ...gmv, relative: gmv.diff / 1000 }, gmvPrivateTail: { ...tail, relative: tail.diff / 100 } },
      },
    ],
  };
  return {
    manifest: { funnelsim: "0", node: "v20", command: "", kind: "compare", scenarios: [], extra: {} },
    comparison,
    daily: [],
    replications: [],
    funnel: [],
    products: [],
  };
}

describe("the reading", () => {
  it("claims a GMV change with its interval when the interval excludes 0, and names other clear changes", () => {
    const results = comparisonResults({ diff: 41, ci95: [32, 50] }, { diff: 2.3, ci95: [1.1, 3.5] });
    const sentences = readingOf(results, ["baseline", "boost-2x"], messagesFor("en"));
    expect(sentences).toContain("boost-2x: GMV +4.1% (95% CI +3.2% to +5.0%); private GMV in the tail +2.3% (95% CI +1.1% to +3.5%) against the baseline.");
  });

  it('says "no clear difference" when the interval spans 0, and leaves out other unclear KPIs', () => {
    const results = comparisonResults({ diff: 4, ci95: [-5, 13] }, { diff: 0.5, ci95: [-1, 2] });
    const sentences = readingOf(results, ["baseline", "boost-2x"], messagesFor("en"));
    expect(sentences).toContain("boost-2x: no clear difference in GMV (95% CI −0.5% to +1.3%) against the baseline.");
  });

  it("reads in Chinese with --lang zh-CN", () => {
    const results = comparisonResults({ diff: 41, ci95: [32, 50] }, { diff: 0.5, ci95: [-1, 2] });
    const sentences = readingOf(results, ["baseline", "boost-2x"], messagesFor("zh-CN"));
    expect(sentences).toContain("boost-2x：相对基准，GMV +4.1%（95%置信区间 +3.2%～+5.0%）。");
  });
});

/** A comparison of boost-2x against the baseline: KPI → [baseline mean, diff, ci lo, ci hi]. */
function comparisonOf(kpis: Record<string, readonly [number, number, number, number]>): Results {
  const base = comparisonResults({ diff: 0, ci95: [0, 0] }, { diff: 0, ci95: [0, 0] });
  const summary = (mean: number) => ({ mean, sd: 0, ci95: [mean, mean] as const });
  const entries = Object.entries(kpis);
  const comparison: Comparison = {
    baseline: "baseline",
    strategies: [
      { scenario: "baseline", kpis: Object.fromEntries(entries.map(([kpi, [mean]]) => [kpi, summary(mean)])), vsBaseline: {} },
      {
        scenario: "boost-2x",
        kpis: Object.fromEntries(entries.map(([kpi, [mean, diff]]) => [kpi, summary(mean + diff)])),
        vsBaseline: Object.fromEntries(entries.map(([kpi, [mean, diff, lo, hi]]) => [kpi, { diff, ci95: [lo, hi] as const, relative: diff / mean }])),
      },
    ],
  };
  return { ...base, comparison };
}

describe("the reading of a comparison", () => {
  it("beyond GMV names the clear changes largest relative to the baseline: GMV of other merchants −6% before trust −0.9%", () => {
    const results = comparisonOf({
      gmv: [215e9, 3.3e9, -1e9, 7.6e9],
      avgTrust: [0.552, -0.005, -0.0061, -0.0042],
      followersEnd: [1.57e9, 7.8e7, 4e7, 1.1e8],
      newCustomers: [1.52e9, 5e7, 3.4e7, 6.5e7],
      participantGmv: [131e9, 7.7e9, 2.4e9, 13e9],
      nonParticipantGmv: [84e9, -5e9, -7e9, -3e9],
    });
    const [, sentence] = readingOf(results, ["baseline", "boost-2x"], messagesFor("en"));
    expect(sentence).toBe(
      "boost-2x: no clear difference in GMV (95% CI −0.5% to +3.5%); GMV of other merchants −6.0% (95% CI −8.3% to −3.6%); GMV of registered merchants +5.9% (95% CI +1.8% to +9.9%); follow relationships at the end +5.0% (95% CI +2.5% to +7.0%) against the baseline.",
    );
  });

  it("writes a trust difference with the digits that tell its interval's ends apart", () => {
    const results = comparisonOf({ gmv: [215e9, 3.3e9, -1e9, 7.6e9], avgTrust: [0.552, -0.00485, -0.00505, -0.00465] });
    expect(readingOf(results, ["baseline", "boost-2x"], messagesFor("en"))[1]).toContain("average trust −0.00485 (95% CI −0.00505 to −0.00465)");
  });
});

describe("daily aggregation", () => {
  const rows: DailyRow[] = [1, 2, 3].flatMap((value, index) => [
    { scenario: "a", replication: index + 1, day: "2022-11-11", metric: "gmv", value, unit: "yuan" },
    { scenario: "b", replication: index + 1, day: "2022-11-11", metric: "gmv", value: value + 10 + index, unit: "yuan" },
  ]);

  it("a daily band is the mean ± t(0.975, n − 1)·sd/√n over replications (R: t.test(c(1,2,3)))", () => {
    const [band] = dailyBands(rows, "gmv", ["a"]);
    expect(band?.mean).toBe(2);
    // R: t.test(c(1,2,3))$conf.int = -0.4841377 4.4841377
    expect(band?.lo).toBeCloseTo(-0.4841377, 6);
    expect(band?.hi).toBeCloseTo(4.4841377, 6);
  });

  it("the daily difference against the baseline is paired by replication (common random numbers)", () => {
    const [band] = dailyDifferenceBands(rows, "gmv", "a", ["a", "b"]);
    // Differences 10, 11, 12: R t.test(c(10,11,12))$conf.int = 8.515862 13.484138
    expect(band?.mean).toBe(11);
    expect(band?.lo).toBeCloseTo(8.515862, 5);
    expect(band?.hi).toBeCloseTo(13.484138, 5);
  });

  it("product GMV bins count products per replication and leave out products with no GMV", () => {
    const product = (replication: number, gmv: number) => ({ scenario: "a", replication, product: 1, merchant: 1, merchantType: "small", category: "food", launchDay: null, registered: true, orders: 1, gmv, realProducts: 1 });
    const bins = productGmvBins([product(1, 2e7), product(2, 2e7), product(1, 0)], ["a"]);
    expect(bins.reduce((sum, bin) => sum + bin.products, 0)).toBe(1);
  });

  it("product GMV bins count real products: each simulated product weighs its realProducts, averaged over replications", () => {
    const product = (replication: number, gmv: number, realProducts: number) => ({ scenario: "a", replication, product: 1, merchant: 1, merchantType: "small", category: "food", launchDay: null, registered: true, orders: 1, gmv, realProducts });
    // Replication 1: two products of ¥20M standing for 500 each; replication 2: one standing for 300.
    const bins = productGmvBins([product(1, 2e7, 500), product(1, 2.1e7, 500), product(2, 2e7, 300), product(2, 5e4, 300)], ["a"]);
    const over10M = bins.filter((bin) => bin.lo >= 1e7);
    expect(over10M.reduce((sum, bin) => sum + bin.products, 0)).toBe((1000 + 300) / 2);
    expect(bins.reduce((sum, bin) => sum + bin.products, 0)).toBe((1000 + 600) / 2);
  });
});

describe("helpers", () => {
  it("diffConfigs lists changed leaves by path (an added coupon field by field) and ignores names, seeds and replications", () => {
    const base = { name: "a", seed: 1, levers: { boost: { multiplier: 1 }, coupons: [] }, calendar: { festivalDays: 45 } };
    const strategy = { name: "b", seed: 2, levers: { boost: { multiplier: 2 }, coupons: [{ faceValue: 6 }] }, calendar: { festivalDays: 45 } };
    expect(diffConfigs(base, strategy)).toEqual([
      { path: "levers.boost.multiplier", baseline: "1", strategy: "2" },
      { path: "levers.coupons.0.faceValue", baseline: "—", strategy: "6" },
    ]);
  });

  it("formatSignificant writes 3 significant digits without exponent and a true minus sign", () => {
    expect([formatSignificant(2.41234), formatSignificant(-0.0041234), formatSignificant(123456), formatSignificant(0)]).toEqual(["2.41", "−0.00412", "123456", "0"]);
  });
});
