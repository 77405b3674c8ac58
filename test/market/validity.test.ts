/**
 * The model's validity checks: it reduces to Bass diffusion, the boost saturates and moves
 * attention, the coupon pulls purchases forward into a dip (and only through pull-forward), and a
 * boosted festival leaves more private-domain sales behind.
 */
import { describe, expect, it } from "vitest";
import type { SimulationResult } from "../../src/market/index.js";
import { FESTIVAL, paired, phaseSum, replicate, scenario, summarize } from "./helpers.js";

/**
 * Population and replications for the comparisons: enough that the paired intervals resolve
 * effects of about 1–2% (6,000 users × 8 replications), few enough for CI.
 */
const COMPARISON = { sets: ["population.users=6000"], replications: 8 } as const;
const runs = new Map<string, SimulationResult[]>();
/** Replications of a bundled scenario at the comparison size, run once per file. */
async function comparisonRuns(file: string): Promise<SimulationResult[]> {
  let results = runs.get(file);
  if (results === undefined) {
    results = replicate(await scenario(file, COMPARISON.sets), COMPARISON.replications);
    runs.set(file, results);
  }
  return results;
}

/** Bass (1969) cumulative adoption share at time t (days). */
function bassF(p: number, q: number, t: number): number {
  const decay = Math.exp(-(p + q) * t);
  return (1 - decay) / (1 + (q / p) * decay);
}

describe("Bass limit", () => {
  // "Within the replications' 95% interval": F(t) must lie where 95% of single runs fall (a
  // t prediction interval of the replications), on every one of the 66 days; and the mean curve
  // must track F(t) closely overall. A confidence interval of the mean on each of 66 correlated
  // days would fail by chance for one seed in three, whatever the model.
  it("cumulative adoption stays within the replications' 95% interval of Bass's F(t) on every day", async () => {
    const config = await scenario("scenarios/validation/bass-limit.yaml");
    const replications = 20;
    const results = replicate(config, replications);
    const users = config.population.users;
    const segment = config.population.segments[0];
    if (segment === undefined) throw new Error("bass-limit.yaml has no segment");
    // One session a day with Poisson(λ) impressions, each converting with c: hazard 1 − e^{−λc}.
    const p = segment.sessionsPerDay * (1 - Math.exp(-segment.commerceImpressionsPerSession * config.funnel.clickRate.feed));
    const q = config.wordOfMouth.contactsPerDay;
    const cumulative = results.map((result) => {
      let adopters = 0;
      return (result.daily.orders ?? []).map((orders) => (adopters += orders / result.scale) / users);
    });
    const days = results[0]?.dates.length ?? 0;
    expect(days).toBe(66);
    const misses: string[] = [];
    let deviation = 0;
    for (let day = 0; day < days; day++) {
      const { mean, sd, ci95 } = summarize(cumulative.map((series) => series[day] ?? 0));
      // Prediction half-width = CI half-width × √(n + 1).
      const half = ((ci95[1] - ci95[0]) / 2) * Math.sqrt(replications + 1);
      const expected = bassF(p, q, day + 1);
      if (Math.abs(expected - mean) > half) misses.push(`day ${day}: F=${expected.toFixed(4)} outside ${mean.toFixed(4)} ± ${half.toFixed(4)} (sd ${sd.toFixed(4)})`);
      deviation += Math.abs(mean - expected) / days;
    }
    expect(misses).toEqual([]);
    expect(deviation).toBeLessThan(0.01);
    // And the curve is really an S: slow start, most adopters by the end.
    expect(cumulative[0]?.[5]).toBeLessThan(0.15);
    expect(cumulative[0]?.[65]).toBeGreaterThan(0.95);
  });

  it("without word of mouth, adoption follows the pure innovation curve 1 − e^{−pt} instead", async () => {
    const config = await scenario("scenarios/validation/bass-limit.yaml", ["wordOfMouth.contactsPerDay=0"]);
    const results = replicate(config, 5);
    const p = 1 - Math.exp(-config.funnel.clickRate.feed);
    const mean = (day: number) => results.reduce((total, result) => total + (result.daily.orders ?? []).slice(0, day + 1).reduce((a, b) => a + b, 0) / result.scale / config.population.users, 0) / results.length;
    expect(Math.abs(mean(65) - (1 - Math.exp(-p * 66)))).toBeLessThan(0.02);
    // The imitation term is what makes the S: with q > 0 adoption by day 30 is far higher.
    expect(mean(30)).toBeLessThan(0.35);
  });
});

describe("boost", () => {
  it("2x boost raises GMV by far less than 2x, and the platform gains less than the boosted merchants", async () => {
    const baseline = await comparisonRuns("scenarios/baseline.yaml");
    const boosted = await comparisonRuns("scenarios/boost-2x.yaml");
    const boostImpressions = paired(boosted, baseline, (result) => result.kpis.boostImpressions);
    expect(boostImpressions.relative ?? 0).toBeGreaterThan(0.8);
    const platform = paired(boosted, baseline, (result) => result.kpis.gmvFestival);
    const participants = paired(boosted, baseline, (result) => phaseSum(result, "gmvParticipant", FESTIVAL));
    // The boosted (registered) merchants gain, with an interval clear of zero.
    expect(participants.ci95[0]).toBeGreaterThan(0);
    // Boost moves attention: the platform's gain is smaller than the boosted merchants' gain...
    expect(platform.diff).toBeLessThan(participants.diff);
    // ...because the others lose some of theirs.
    const others = paired(boosted, baseline, (result) => result.kpis.gmvFestival - phaseSum(result, "gmvParticipant", FESTIVAL));
    expect(others.diff).toBeLessThan(0);
    // Doubling the boost is nowhere near doubling sales (saturation and conserved attention).
    expect(platform.relative ?? 0).toBeGreaterThan(0);
    expect(platform.relative ?? 0).toBeLessThan(0.2);
  });

  it("after a boosted festival, private-domain GMV in the tail stays above the unboosted baseline", async () => {
    const baseline = await comparisonRuns("scenarios/baseline.yaml");
    const boosted = await comparisonRuns("scenarios/boost-2x.yaml");
    const followers = paired(boosted, baseline, (result) => result.kpis.followersEnd);
    expect(followers.diff).toBeGreaterThan(0);
    const privateTail = paired(boosted, baseline, (result) => result.kpis.gmvPrivateTail);
    expect(privateTail.diff).toBeGreaterThan(0);
    expect(privateTail.ci95[0]).toBeGreaterThan(0);
  });
});

describe("coupon pull-forward", () => {
  // The dip is measured over the first 14 tail days: pull-forward reaches 7 days and a coupon
  // lives 3, so a need moved forward at the festival's end would have come due by then.
  const DIP_DAYS = 14;

  it("raises festival GMV and leaves a dip after the festival of 4–25% of the bump; no dip without pull-forward", async () => {
    const baseline = await comparisonRuns("scenarios/baseline.yaml");
    const coupon = await comparisonRuns("scenarios/coupon-66.yaml");
    const noPull = await comparisonRuns("scenarios/validation/coupon-no-pullforward.yaml");

    const bump = paired(coupon, baseline, (result) => phaseSum(result, "gmv", FESTIVAL));
    expect(bump.ci95[0]).toBeGreaterThan(0);
    const dip = paired(baseline, coupon, (result) => phaseSum(result, "gmv", ["tail"], DIP_DAYS));
    expect(dip.ci95[0]).toBeGreaterThan(0);
    const ratio = dip.diff / bump.diff;
    expect(ratio).toBeGreaterThanOrEqual(0.04);
    expect(ratio).toBeLessThanOrEqual(0.25);

    const bumpNoPull = paired(noPull, baseline, (result) => phaseSum(result, "gmv", FESTIVAL));
    expect(bumpNoPull.ci95[0]).toBeGreaterThan(0);
    const dipNoPull = paired(baseline, noPull, (result) => phaseSum(result, "gmv", ["tail"], DIP_DAYS));
    // No dip: the interval for the tail difference covers zero.
    expect(dipNoPull.ci95[0]).toBeLessThanOrEqual(0);
    expect(dipNoPull.ci95[1]).toBeGreaterThanOrEqual(0);
    // Pull-forward is a part of the bump, not all of it (van Heerde et al. 2004: about a third).
    const pulledShare = (bump.diff - bumpNoPull.diff) / bump.diff;
    expect(pulledShare).toBeGreaterThan(0.15);
    expect(pulledShare).toBeLessThan(0.6);
    // Coupons were redeemed and cost the platform money.
    expect(Math.min(...coupon.map((result) => result.kpis.couponCost))).toBeGreaterThan(0);
    expect(Math.max(...baseline.map((result) => result.kpis.couponCost))).toBe(0);
  });
});

describe("new launches", () => {
  it("with at least 70% of merchants launching, new products take at least 70% of GMV (the seed's 616 figure)", async () => {
    const config = await scenario("scenarios/new-launch.yaml", ["population.users=3000"]);
    expect(config.levers.launches.merchantShare).toBeGreaterThanOrEqual(0.7);
    const results = replicate(config, 3);
    for (const result of results) expect(result.kpis.newProductGmvShare).toBeGreaterThanOrEqual(0.7);
    // Launched products themselves take a real share too, far more than without the push.
    const baseline = replicate(await scenario("scenarios/baseline.yaml", ["population.users=3000"]), 3);
    const launched = paired(results, baseline, (result) => result.kpis.launchedGmvShare);
    expect(launched.ci95[0]).toBeGreaterThan(0);
  });
});
