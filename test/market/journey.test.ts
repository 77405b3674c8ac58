/**
 * The 种草 → 养草 → 拔草 journey tracked per user (src/market/journey.ts): its counts are a funnel,
 * each user is counted once with a first touch inside the festival window, it vanishes without
 * seeding and boost, and the boost raises the reach by boost of the boosted merchants.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Market } from "../../src/market/index.js";
import type { ModelConfig, SimulationResult } from "../../src/market/index.js";
import { JOURNEY_BOOST, JOURNEY_SEEDING } from "../../src/market/journey.js";

function small(overrides: (config: ModelConfig) => void = () => {}): ModelConfig {
  const config = defaultConfig();
  config.population.users = 800;
  config.merchants.count = 60;
  config.calendar.tailDays = 10;
  overrides(config);
  return config;
}

function run(config: ModelConfig, replication = 0): { market: Market; result: SimulationResult } {
  const market = new Market(config, config.seed, replication);
  market.run();
  return { market, result: market.result() };
}

describe("the seeding journey", () => {
  const { market, result } = run(small());
  const kpis = result.kpis;
  const journey = market.journey;

  it("is a funnel: followed ≤ clicked ≤ reached and private buyers ≤ followed, by source and in all", () => {
    for (const suffix of ["", "Seeding", "Boost"] as const) {
      const reached = kpis[`journeyReached${suffix}`];
      const clicked = kpis[`journeyClicked${suffix}`];
      const followed = kpis[`journeyFollowed${suffix}`];
      const buyers = kpis[`journeyPrivateBuyers${suffix}`];
      expect(reached, suffix).toBeGreaterThan(0);
      expect(clicked, suffix).toBeLessThanOrEqual(reached);
      expect(followed, suffix).toBeLessThanOrEqual(clicked);
      expect(buyers, suffix).toBeLessThanOrEqual(followed);
      expect(kpis[`journeyFollowRate${suffix}`], suffix).toBeCloseTo(followed / reached, 12);
      expect(kpis[`journeyPrivateBuyerRate${suffix}`], suffix).toBeCloseTo(buyers / reached, 12);
    }
    for (const stage of ["Reached", "Clicked", "Followed", "PrivateBuyers"] as const) {
      expect(kpis[`journey${stage}`]).toBeCloseTo(kpis[`journey${stage}Seeding`] + kpis[`journey${stage}Boost`], 3);
    }
    // The journey's private buyers exist and bought something: the harvest is not empty.
    expect(kpis.journeyFollowed).toBeGreaterThan(0);
    expect(kpis.journeyPrivateGmv).toBeGreaterThan(0);
    expect(kpis.journeyPrivateGmv).toBeLessThanOrEqual(kpis.gmvPrivate);
  });

  it("counts each user once, by one source, with a first touch on a festival day", () => {
    let reached = 0;
    const outside: number[] = [];
    for (let user = 0; user < journey.state.length; user++) {
      const source = (journey.state[user] ?? 0) & 3;
      if (source === 0) continue;
      expect([JOURNEY_SEEDING, JOURNEY_BOOST]).toContain(source);
      reached++;
      const day = journey.day[user] ?? -1;
      if (market.calendar.inFestival[day] !== 1) outside.push(day);
    }
    expect(outside).toEqual([]);
    expect(reached).toBeLessThanOrEqual(journey.state.length);
    expect(reached * result.scale).toBeCloseTo(kpis.journeyReached, 3);
  });

  it("is zero when there is neither influencer seeding nor a boost pool, and the rates are 0 rather than NaN", () => {
    const off = run(
      small((config) => {
        config.traffic.seedingShare = 0;
        config.levers.boost.multiplier = 0;
        config.calendar.tailDays = 3;
      }),
    ).result.kpis;
    const journeyKpis = Object.entries(off).filter(([kpi]) => kpi.startsWith("journey"));
    expect(journeyKpis.length).toBeGreaterThan(10);
    for (const [kpi, value] of journeyKpis) expect(value, kpi).toBe(0);
    expect(off.gmv).toBeGreaterThan(0);
  });
});

describe("the boost's reach", () => {
  it("a 2x boost reaches more users by boost in every replication, all through registered (boosted) merchants", () => {
    const base = small((config) => {
      config.calendar.tailDays = 0;
    });
    const boosted = structuredClone(base);
    boosted.levers.boost.multiplier = 2;
    for (const replication of [0, 1]) {
      const before = run(base, replication);
      const after = run(boosted, replication);
      // Almost every active user is reached in the first festival days either way: a bigger boost
      // pool makes its impressions the first touch of more of them, and seeding's of fewer.
      expect(after.result.kpis.journeyReachedBoost).toBeGreaterThan(before.result.kpis.journeyReachedBoost * 1.1);
      expect(after.result.kpis.journeyReachedSeeding).toBeLessThan(before.result.kpis.journeyReachedSeeding);
      // Under the default registeredOnly policy the boost pool holds registered merchants only.
      const { journey } = after.market;
      const registered = after.market.population.merchants.registered;
      let boostTouches = 0;
      for (let user = 0; user < journey.state.length; user++) {
        if (((journey.state[user] ?? 0) & 3) !== JOURNEY_BOOST) continue;
        boostTouches++;
        expect(registered[journey.merchant[user] ?? 0]).toBe(1);
      }
      expect(boostTouches).toBeGreaterThan(0);
    }
  });
});
