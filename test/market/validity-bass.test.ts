/**
 * Validity: the model reduces to Bass diffusion; the seed's 616 new-product share.
 */
import { describe, expect, it } from "vitest";
import { paired, replicate, scenario, summarize } from "./helpers.js";

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
