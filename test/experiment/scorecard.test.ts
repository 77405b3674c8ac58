import { describe, expect, it } from "vitest";
import { KPIS, SOURCES, type Kpi, type SimulationResult } from "../../src/market/result.js";
import { scorecardOf } from "../../src/experiment/scorecard.js";
import { ratioOfMeans } from "../../src/stats/index.js";

/** A result with the four KPIs the scorecard reads and a feed row of 10 yuan per 1000 impressions. */
function result(netGmv: number, couponCost: number, boostImpressions: number): SimulationResult {
  const kpis = Object.fromEntries(KPIS.map((kpi) => [kpi, 0])) as Record<Kpi, number>;
  Object.assign(kpis, { gmv: netGmv * 1.4, netGmv, couponCost, boostImpressions });
  return {
    scenario: "x",
    seed: "1",
    replication: 1,
    dates: [],
    festivalDay: [],
    phase: [],
    daily: {},
    kpis,
    funnel: SOURCES.map((source) => ({ source, domain: "public", impressions: 1000, clicks: 1, carts: 1, orders: 1, gmv: source === "feed" ? 10 : 99 })),
    products: [],
    scale: 1,
    userDays: 1,
  };
}

describe("the scorecard of a comparison", () => {
  const baseline = [result(100, 0, 1000), result(110, 0, 1000), result(120, 0, 1000)];
  const strategy = [result(130, 10, 1500), result(142, 11, 1500), result(150, 10, 1600)];
  const free = [result(99, 0, 1000), result(111, 0, 1000), result(119, 0, 1000)];
  const card = scorecardOf(
    [
      { label: "baseline", results: baseline },
      { label: "coupon", results: strategy },
      { label: "free", results: free },
    ],
    0,
  );

  it("values extra boost impressions at the baseline's feed GMV per impression and adds the coupon spend", () => {
    expect(card.yuanPerBoostImpression.mean).toBeCloseTo(0.01, 12);
    const row = card.strategies.find((entry) => entry.scenario === "coupon")!;
    // Extra impressions 500, 500, 600 × ¥0.01 = ¥5, 5, 6; coupon ¥10, 11, 10: cost ¥15, 16, 16.
    expect(row.boostValue.mean).toBeCloseTo(16 / 3, 10);
    expect(row.cost.mean).toBeCloseTo(47 / 3, 10);
    expect(row.netGmv.diff).toBeCloseTo(92 / 3, 10);
  });

  it("returns net GMV gained per yuan of cost as a paired ratio of means with the delta-method interval", () => {
    const row = card.strategies.find((entry) => entry.scenario === "coupon")!;
    const expected = ratioOfMeans([30, 32, 30], [15, 16, 16]);
    expect(row.returnOnCost?.mean).toBeCloseTo(92 / 47, 12);
    expect(row.returnOnCost?.ci95[0]).toBeCloseTo(expected.ci95[0], 12);
    expect(row.returnOnCost?.ci95[1]).toBeCloseTo(expected.ci95[1], 12);
  });

  it("leaves out the baseline and gives no return to a strategy that costs nothing", () => {
    expect(card.strategies.map((entry) => entry.scenario)).toEqual(["coupon", "free"]);
    expect(card.strategies[1]?.returnOnCost).toBeNull();
    expect(card.strategies[1]?.cost.mean).toBe(0);
  });
});
