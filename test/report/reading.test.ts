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

/**
 * A hand-made comparison of strategies against the baseline from 10 replications:
 * strategy → KPI → [baseline mean, diff, ci lo, ci hi].
 */
function handMade(strategies: Record<string, Record<string, readonly [number, number, number, number]>>, extra: Partial<Comparison> = {}, daily: DailyRow[] = []): Results {
  const summary = (mean: number) => ({ mean, sd: 0, ci95: [mean, mean] as const });
  const first = Object.values(strategies)[0] ?? {};
  const comparison: Comparison = {
    baseline: "baseline",
    strategies: [
      { scenario: "baseline", kpis: Object.fromEntries(Object.entries(first).map(([kpi, [mean]]) => [kpi, summary(mean)])), vsBaseline: {} },
      ...Object.entries(strategies).map(([scenario, kpis]) => ({
        scenario,
        kpis: Object.fromEntries(Object.entries(kpis).map(([kpi, [mean, diff]]) => [kpi, summary(mean + diff)])),
        vsBaseline: Object.fromEntries(Object.entries(kpis).map(([kpi, [mean, diff, lo, hi]]) => [kpi, { diff, ci95: [lo, hi] as const, relative: diff / mean }])),
      })),
    ],
    ...extra,
  };
  const scenario = (name: string) => ({ name, file: `${name}.yaml`, hash: "", seed: 116, replications: 10, config: {} });
  return {
    manifest: { funnelsim: "0", node: "v20", command: "", kind: "compare", scenarios: [scenario("baseline"), ...Object.keys(strategies).map(scenario)], extra: {} },
    comparison,
    daily,
    replications: [],
    funnel: [],
    products: [],
  };
}

describe("the reading decides: losses, costs, multiplicity", () => {
  const en = messagesFor("en");

  it("names a strategy that loses net GMV after returns as such, before its GMV", () => {
    const results = handMade({
      "new-launch": { netGmv: [215e9, -2.8e9, -5.2e9, -0.6e9], gmv: [300e9, 0.3e9, -1.5e9, 2.1e9], productsOver10M: [4600, -1000, -1300, -700] },
    });
    const sentence = readingOf(results, ["baseline", "new-launch"], en).find((text) => text.startsWith("new-launch"));
    expect(sentence).toBe(
      "new-launch: loses net GMV after returns: −1.3% (95% CI −2.4% to −0.3%); no clear difference in GMV (95% CI −0.5% to +0.7%); products over ¥10M −21.7% (95% CI −28.3% to −15.2%) against the baseline.",
    );
  });

  it("says the same in Chinese", () => {
    const results = handMade({ "new-launch": { netGmv: [215e9, -2.8e9, -5.2e9, -0.6e9] } });
    expect(readingOf(results, ["baseline", "new-launch"], messagesFor("zh-CN"))).toContain("new-launch：相对基准，扣除退货后净GMV减少：−1.3%（95%置信区间 −2.4%～−0.3%）。");
  });

  it("does not call clear a borderline result that the Benjamini–Hochberg adjustment removes, but does when it is the only test", () => {
    // GMV's interval just excludes 0 (p ≈ 0.046 with 9 degrees of freedom); 19 other KPIs show nothing.
    const borderline: Record<string, readonly [number, number, number, number]> = { gmv: [100, 5, 0.1, 9.9] };
    const nulls = ["orders", "newCustomers", "followersGained", "followersLost", "followersEnd", "gmvPublic", "gmvPrivate", "gmvLead", "gmvFestival", "gmvTail", "gmvPrivateTail", "gmvBrand", "gmvQuickBrand", "gmvSmall", "gmvInfluencer", "participantGmv", "nonParticipantGmv", "productsOver10M", "productsOver100M"];
    const many = handMade({ "boost-2x": { ...borderline, ...Object.fromEntries(nulls.map((kpi) => [kpi, [100, 1, -9, 11] as const])) } });
    const sentences = readingOf(many, ["baseline", "boost-2x"], en);
    expect(sentences).toContain("boost-2x: no clear difference in GMV (95% CI +0.1% to +9.9%) against the baseline.");
    expect(sentences.at(-1)).toBe(
      'Of these 20 paired 95% intervals, about 1 would exclude 0 by chance alone even if no strategy changed anything; 1 do. "Clear" above means clear after the Benjamini–Hochberg adjustment (false discovery rate 5%), which 0 pass.',
    );
    const alone = handMade({ "boost-2x": borderline });
    expect(readingOf(alone, ["baseline", "boost-2x"], en)).toContain("boost-2x: GMV +5.0% (95% CI +0.1% to +9.9%) against the baseline.");
  });

  it("says what the coupon costs the platform and what it returns per ¥1, from the scorecard", () => {
    const none = { diff: 0, ci95: [0, 0] as const, relative: Number.NaN };
    const results = handMade(
      { "coupon-66": { netGmv: [160e9, 3.63e9, 3.2e9, 4.05e9], gmv: [215e9, 4.4e9, 3.9e9, 4.9e9] } },
      {
        scorecard: {
          yuanPerBoostImpression: { mean: 0.21, ci95: [0.2, 0.22] },
          strategies: [
            {
              scenario: "coupon-66",
              gmv: { diff: 4.4e9, ci95: [3.9e9, 4.9e9], relative: 0.02 },
              netGmv: { diff: 3.63e9, ci95: [3.2e9, 4.05e9], relative: 0.023 },
              couponCost: { diff: 1.41e9, ci95: [1.4e9, 1.42e9], relative: Number.NaN },
              boostImpressions: none,
              boostValue: { mean: 0, ci95: [0, 0] },
              cost: { mean: 1.41e9, ci95: [1.4e9, 1.42e9] },
              returnOnCost: { mean: 2.57, ci95: [2.27, 2.87] },
            },
          ],
        },
      },
    );
    expect(readingOf(results, ["baseline", "coupon-66"], en)).toContain(
      "coupon-66: net GMV (after returns) +2.3% (95% CI +2.0% to +2.5%); GMV +2.0% (95% CI +1.8% to +2.3%); costs the platform ¥1.41bn (coupons ¥1.41bn); returns ¥2.6 of net GMV per ¥1 of that cost (95% CI ¥2.3 to ¥2.9) against the baseline.",
    );
  });

  it("says which days 'the simulated days' are", () => {
    const day = (date: string): DailyRow => ({ scenario: "baseline", replication: 1, day: date, metric: "gmv", value: 1, unit: "yuan" });
    const results = handMade({ "boost-2x": { gmv: [215e9, 3e9, 1e9, 5e9] } }, {}, [day("2022-10-02"), day("2022-09-28"), day("2022-12-10")]);
    expect(readingOf(results, ["baseline", "boost-2x"], en)[0]).toBe("baseline: GMV ¥215bn (95% CI ¥215bn to ¥215bn) over the simulated days, 2022-09-28 to 2022-12-10.");
  });
});
