/**
 * Accounting rules the model must keep in every run, the exact 30-day rule, and determinism.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, estimateMemoryBytes, isNewToBuyer, Market, simulate, SOURCES, KPIS } from "../../src/market/index.js";
import type { ModelConfig, SimulationResult } from "../../src/market/index.js";
import { PurchaseStore } from "../../src/market/purchases.js";
import { scenario } from "./helpers.js";

function small(overrides: (config: ModelConfig) => void = () => {}): ModelConfig {
  const config = defaultConfig();
  config.population.users = 1500;
  config.merchants.count = 60;
  overrides(config);
  return config;
}

describe("the 30-day rule", () => {
  it("a product bought 29.9 days ago is a repeat purchase and one bought 30.1 days ago is new", () => {
    expect(isNewToBuyer(100, 129.9)).toBe(false);
    expect(isNewToBuyer(100, 130.1)).toBe(true);
    expect(isNewToBuyer(null, 5)).toBe(true);
    const store = new PurchaseStore(2, 4);
    expect(store.record(0, 7, 10)).toBe(true);
    expect(store.record(0, 7, 39.9)).toBe(false);
    // The clock restarts at each purchase: 30.1 days after the latest, not the first.
    expect(store.record(0, 7, 70.1)).toBe(true);
    expect(store.record(0, 8, 70.2)).toBe(true);
    expect(store.record(1, 7, 70.2)).toBe(true);
    expect(store.lastPurchase(0, 7)).toBe(70.1);
  });
});

describe("conservation", () => {
  const config = small((c) => {
    c.levers.coupons = [{ name: "test", faceValue: 8, threshold: 0, distribution: "venue", claimRate: 0.5, validityDays: 3, startDay: 0, endDay: 44, budgetYuan: 1e12, pullForwardDays: 7, pullForwardProbability: 0.2 }];
    c.levers.boost.multiplier = 2;
    c.levers.launches.merchantShare = 0.7;
  });
  const result = simulate(config, { replication: 0 });
  const market = new Market(config, config.seed, 0);
  market.run();
  const days = result.dates.length;
  const series = (name: string): readonly number[] => {
    const values = result.daily[name];
    if (values === undefined) throw new Error(`no series ${name}`);
    return values;
  };
  const sum = (name: string) => series(name).reduce((total, value) => total + value, 0);
  const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));

  it("impressions ≥ clicks ≥ carts ≥ orders for every source on every day", () => {
    const broken: string[] = [];
    for (const source of SOURCES) {
      for (let day = 0; day < days; day++) {
        const [impressions, clicks, carts, orders] = ["impressions", "clicks", "carts", "orders"].map((stage) => series(`${stage}.${source}`)[day] ?? 0);
        if (!(impressions! >= clicks! && clicks! >= carts! && carts! >= orders!)) broken.push(`${source} day ${day}: ${impressions} ${clicks} ${carts} ${orders}`);
      }
    }
    expect(broken).toEqual([]);
    expect(sum("orders")).toBeGreaterThan(0);
  });

  it("each funnel stage's daily total is the sum over its sources, and the totals narrow stage by stage", () => {
    for (let day = 0; day < days; day++) {
      const totals = ["impressions", "clicks", "carts", "orders"].map((stage) => {
        const bySource = SOURCES.reduce((total, source) => total + (series(`${stage}.${source}`)[day] ?? 0), 0);
        close(series(stage)[day] ?? 0, bySource);
        return series(stage)[day] ?? 0;
      });
      const [impressions, clicks, carts, orders] = totals as [number, number, number, number];
      expect(impressions).toBeGreaterThan(clicks);
      expect(clicks).toBeGreaterThan(carts);
      expect(carts).toBeGreaterThanOrEqual(orders);
    }
  });

  it("GMV is the sum of order values, by source, by domain and by merchant type, every day", () => {
    for (let day = 0; day < days; day++) {
      const bySource = SOURCES.reduce((total, source) => total + (series(`gmv.${source}`)[day] ?? 0), 0);
      close(bySource, series("gmv")[day] ?? 0);
      close((series("gmvPublic")[day] ?? 0) + (series("gmvPrivate")[day] ?? 0), series("gmv")[day] ?? 0);
      const byType = ["brand", "quickBrand", "small", "influencer"].reduce((total, type) => total + (series(`gmv.type.${type}`)[day] ?? 0), 0);
      close(byType, series("gmv")[day] ?? 0);
      close((series("netGmv")[day] ?? 0) + (series("returnedGmv")[day] ?? 0), series("gmv")[day] ?? 0);
    }
    // The product ledger holds every order: Σ product GMV (simulated yuan) = Σ daily GMV / scale.
    const productTotal = Array.from(market.productGmv).reduce((total, value) => total + value, 0);
    close(productTotal, sum("gmv") / result.scale);
    // products.csv: orders and GMV are both per real product; × realProducts they add up to the platform's.
    close(result.products.reduce((total, row) => total + row.gmv * row.realProducts, 0), sum("gmv"));
    close(result.products.reduce((total, row) => total + row.orders * row.realProducts, 0), sum("orders"));
  });

  it("follower stock = the previous day's stock + gained − lost, every day", () => {
    const stock = series("followerStock");
    for (let day = 1; day < days; day++) close(stock[day] ?? 0, (stock[day - 1] ?? 0) + (series("followersGained")[day] ?? 0) - (series("followersLost")[day] ?? 0));
    close(result.kpis.followersEnd, stock[days - 1] ?? 0);
  });

  it("daily series sum to the totals", () => {
    close(result.kpis.gmv, sum("gmv"));
    close(result.kpis.orders, sum("orders"));
    close(result.kpis.netGmv, sum("netGmv"));
    close(result.kpis.gmvPublic + result.kpis.gmvPrivate, result.kpis.gmv);
    close(result.kpis.gmvLead + result.kpis.gmvFestival + result.kpis.gmvTail, result.kpis.gmv);
    close(result.kpis.participantGmv + result.kpis.nonParticipantGmv, result.kpis.gmv);
    close(result.kpis.gmvBrand, sum("gmv.type.brand"));
    close(result.kpis.gmvInfluencer, sum("gmv.type.influencer"));
    close(result.kpis.gmvBrand + result.kpis.gmvQuickBrand + result.kpis.gmvSmall + result.kpis.gmvInfluencer, result.kpis.gmv);
    close(result.kpis.couponCost, sum("couponCost"));
    close(result.kpis.boostImpressions, sum("boostImpressions"));
    for (const row of result.funnel) close(row.orders, sum(`orders.${row.source}`));
    expect(result.kpis.couponRedemptions).toBeGreaterThan(0);
    expect(result.kpis.couponRedemptions).toBeLessThanOrEqual(sum("couponsClaimed"));
  });

  it("every KPI is a finite number", () => {
    for (const kpi of KPIS) expect(Number.isFinite(result.kpis[kpi]), kpi).toBe(true);
  });
});

describe("determinism", () => {
  const config = small((c) => {
    c.population.users = 600;
    c.calendar.tailDays = 5;
  });
  const run = (seed: string | number, replication: number): SimulationResult => simulate(config, { seed, replication });

  it("the same seed and replication give identical results", () => {
    expect(JSON.stringify(run(116, 2))).toBe(JSON.stringify(run(116, 2)));
  });

  it("another seed or another replication gives different results", () => {
    const reference = JSON.stringify(run(116, 2).daily);
    expect(JSON.stringify(run(117, 2).daily)).not.toBe(reference);
    expect(JSON.stringify(run(116, 3).daily)).not.toBe(reference);
  });

  it("replication r of two strategies draws the same population (common random numbers)", () => {
    const other = structuredClone(config);
    other.levers.boost.multiplier = 2;
    const a = new Market(config, 116, 1);
    const b = new Market(other, 116, 1);
    expect(Array.from(a.population.users.segment)).toEqual(Array.from(b.population.users.segment));
    expect(Array.from(a.population.merchants.followerBase)).toEqual(Array.from(b.population.merchants.followerBase));
    expect(Array.from(a.population.users.due)).toEqual(Array.from(b.population.users.due));
  });
});

describe("merchant rewards", () => {
  it("are festival incentives: they change nothing before the festival and change the festival's traffic", () => {
    const config = small((c) => {
      c.population.users = 800;
      c.calendar.leadDays = 5;
      c.calendar.tailDays = 3;
    });
    const rewarded = structuredClone(config);
    rewarded.levers.rewards = { registration: 5, fan: 2, launch: 3 };
    const plain = simulate(config, { seed: 116, replication: 0 });
    const treated = simulate(rewarded, { seed: 116, replication: 0 });
    const lead = plain.phase.flatMap((phase, day) => (phase === "lead" ? [day] : []));
    const festival = plain.phase.flatMap((phase, day) => (phase !== "lead" && phase !== "tail" ? [day] : []));
    expect(lead.length).toBeGreaterThan(0);
    const feed = (result: SimulationResult, days: number[]) => days.map((day) => result.daily["impressions.feed"]?.[day]);
    const clicks = (result: SimulationResult, days: number[]) => days.map((day) => result.daily["clicks.feed"]?.[day]);
    // Same streams, same tables before the festival: the lead days are identical to the last click.
    expect(clicks(treated, lead)).toEqual(clicks(plain, lead));
    expect(feed(treated, lead)).toEqual(feed(plain, lead));
    expect(clicks(treated, festival)).not.toEqual(clicks(plain, festival));
  });
});

describe("merchant effort", () => {
  it("takes effect on the first reported day: the burn-in, every strategy's common past, is the same", () => {
    const config = small((c) => {
      c.population.users = 800;
    });
    const effort = structuredClone(config);
    effort.levers.effort = { ...effort.levers.effort, liveHoursMultiplier: 2, fanEngagementMultiplier: 2, seedingMultiplier: 3, appliesTo: "all" };
    // Each merchant's followers after the first `days` simulated days.
    const followers = (scenario: ModelConfig, days: number) => {
      const market = new Market(scenario, 116, 0);
      market.run(days);
      return Array.from({ length: config.merchants.count }, (_, merchant) => market.followerCount(merchant));
    };
    const burnIn = config.calendar.burnInDays;
    // To the end of the burn-in: the same follows, merchant by merchant.
    expect(followers(effort, burnIn)).toEqual(followers(config, burnIn));
    // A week into the reported days, twice the live hours and engagement have changed them.
    expect(followers(effort, burnIn + 7)).not.toEqual(followers(config, burnIn + 7));
  });
});

describe("influencer seeding", () => {
  it("reaches only merchants the user does not follow: with every merchant followed for good, it brings no click", () => {
    const config = small((c) => {
      c.population.users = 300;
      c.merchants.count = 1;
      c.calendar.tailDays = 2;
      for (const segment of c.population.segments) {
        segment.followsAtStart = 60;
        segment.unfollowRatePerDay = 0;
      }
      c.trust.unfollowOnReturn = 0;
      c.traffic.dormantAfterDays = 3650;
    });
    const result = simulate(config, { replication: 1 });
    const total = (name: string) => (result.daily[name] ?? []).reduce((sum, value) => sum + value, 0);
    expect(total("impressions.seeding")).toBeGreaterThan(0);
    expect(total("clicks.seeding")).toBe(0);
    // The same users still click on the other feeds.
    expect(total("clicks.feed")).toBeGreaterThan(0);
  });
});

describe("memory estimate", () => {
  it("grows with the population and refuses nothing small", () => {
    const config = defaultConfig();
    const small = estimateMemoryBytes(config);
    config.population.users = 10_000_000;
    expect(estimateMemoryBytes(config)).toBeGreaterThan(small);
    expect(estimateMemoryBytes(config) / 10_000_000).toBeLessThan(1024);
  });
});

describe("bundled strategies", () => {
  it("every bundled strategy runs and reports finite KPIs", async () => {
    for (const name of ["baseline", "boost-2x", "new-launch", "coupon-66", "public-first", "private-first", "festival-116"]) {
      const config = await scenario(`scenarios/${name}.yaml`, ["population.users=400", "merchants.count=40", "calendar.tailDays=3"]);
      const result = simulate(config, { replication: 0 });
      for (const kpi of KPIS) expect(Number.isFinite(result.kpis[kpi]), `${name}: ${kpi}`).toBe(true);
      expect(result.kpis.gmv).toBeGreaterThan(0);
    }
  });
});

describe("new-launch traffic", () => {
  it("multiplies a new launcher's organic feed traffic while its live room is on, not otherwise", () => {
    const config = small((c) => {
      c.levers.launches.merchantShare = 0.7;
    });
    const market = new Market(config, config.seed, 0);
    // Run into the festival, when launches are under way; "today" is the day before `until`.
    const until = market.burnIn + config.calendar.leadDays + 10;
    market.run(until);
    const today = until - 1;
    const hours = Array.from({ length: 24 }, (_, hour) => today + (hour + 0.5) / 24);
    const merchants = Array.from({ length: config.merchants.count }, (_, merchant) => merchant);
    // A new launcher that streams part of today, and a merchant without a launch.
    const launcher = merchants.find((m) => market.launchedRecently(m) && hours.some((t) => market.liveAt(m, t)) && hours.some((t) => !market.liveAt(m, t)));
    const other = merchants.find((m) => !market.launchedRecently(m));
    expect(launcher).toBeDefined();
    expect(other).toBeDefined();
    const on = hours.find((t) => market.liveAt(launcher!, t))!;
    const off = hours.find((t) => !market.liveAt(launcher!, t))!;
    const ratio = (time: number) => {
      let mine = 0;
      let theirs = 0;
      for (let draw = 0; draw < 400_000; draw++) {
        const merchant = market.organicMerchant(time);
        if (merchant === launcher) mine++;
        else if (merchant === other) theirs++;
      }
      return mine / theirs;
    };
    // The other merchant's weight is the same at both times, so the launcher's share against it
    // moves by the multiplier (2 by default) between its live room being off and on.
    expect(ratio(on) / ratio(off)).toBeGreaterThan(1.8);
    expect(ratio(on) / ratio(off)).toBeLessThan(2.2);
  });
});
