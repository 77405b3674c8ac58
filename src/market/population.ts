/**
 * Who is in the market at the start: merchants (type, follower base, registration, launch plan,
 * live schedule), their products (category, price, return rate, appeal, launch day) and users
 * (segment, the merchants they follow, their trust, their need timers).
 *
 * Each part draws from its own stream, so the same replication of two strategies gets the same
 * merchants and the same users (common random numbers) even when a lever changes how many products
 * are launched.
 */
import { AliasTable, drawGamma, drawNormal, drawPoisson } from "../random/index.js";
import type { RandomSource } from "../random/index.js";
import { MERCHANT_TYPES } from "./merchant-types.js";
import type { ModelConfig } from "./parameters.js";
import { RelationStore } from "./relations.js";

/** Merchants, struct of arrays. */
export interface Merchants {
  readonly count: number;
  readonly type: Uint8Array;
  readonly followerBase: Float64Array;
  readonly registered: Uint8Array;
  readonly launching: Uint8Array;
  /** Hour of day (0–23) its own live stream starts. */
  readonly liveHour: Float64Array;
  /** Probability of going live on a day. */
  readonly liveProbability: Float64Array;
  /** What the merchant's type does by itself: the burn-in's effort, the same in every strategy. */
  readonly usual: Effort;
  /** What it does under the strategy's effort levers (levers.effort), from the first reported day. */
  readonly strategy: Effort;
  readonly quality: Float64Array;
  /** Orders a day served well, in simulated orders. */
  readonly capacity: Float64Array;
  /** Product ids of each merchant's catalog, launched or to be launched. */
  readonly catalog: number[][];
}

/** A merchant's effort: what levers.effort multiplies. */
export interface Effort {
  /** Hours of a live stream. */
  readonly liveHours: Float64Array;
  /** Influencer seeding bought (weight in the seeding pool). */
  readonly seedingWeight: Float64Array;
  /** Weight in the boost pool. */
  readonly boostBid: Float64Array;
  /** Multiplier on fan-group reach and notification response. */
  readonly fanEngagement: Float64Array;
}

/** Zeroed effort arrays for `count` merchants. */
function effortArrays(count: number): Effort {
  return { liveHours: new Float64Array(count), seedingWeight: new Float64Array(count), boostBid: new Float64Array(count), fanEngagement: new Float64Array(count) };
}

/** Products, struct of arrays. */
export interface Products {
  readonly count: number;
  readonly merchant: Int32Array;
  readonly category: Uint8Array;
  readonly price: Float64Array;
  readonly returnRate: Float64Array;
  readonly appeal: Float64Array;
  /** Simulation time (days since t = 0) of the launch; -Infinity for the starting catalog. */
  readonly launchTime: Float64Array;
  /** Festival day of the launch, or NaN for the starting catalog. */
  readonly launchFestivalDay: Float64Array;
}

/** Users, struct of arrays. */
export interface Users {
  readonly count: number;
  readonly segment: Uint8Array;
  /** Next need per category: due[u * categories + c] in simulation days. */
  readonly due: Float64Array;
}

/** Everything drawn at the start. */
export interface Population {
  readonly merchants: Merchants;
  readonly products: Products;
  readonly users: Users;
  readonly relations: RelationStore;
}

/** Streams the population draws from. */
export interface PopulationStreams {
  readonly merchants: RandomSource;
  readonly products: RandomSource;
  readonly launches: RandomSource;
  readonly users: RandomSource;
}

/** Log-normal draw with mean 1 (so a spread does not move the mean). */
function meanOneLognormal(source: RandomSource, sigma: number): number {
  return Math.exp(sigma * drawNormal(source) - (sigma * sigma) / 2);
}

/** Spread of product appeal within a merchant: heavy enough for best sellers to emerge. Assumption. */
const APPEAL_SPREAD = 0.8;
/** Share of a merchant's products in its main category. Assumption. */
const MAIN_CATEGORY_SHARE = 0.7;

/**
 * Draws the population.
 * @param offset simulation day of festival day 0 (burn-in plus lead days).
 */
export function buildPopulation(config: ModelConfig, streams: PopulationStreams, offset: number): Population {
  const categoryCount = config.categories.length;
  const categoryTable = new AliasTable(config.categories.map((category) => category.weight));
  const types = config.merchants.types;
  const typeTable = new AliasTable(MERCHANT_TYPES.map((name) => types[name].share));
  const effort = config.levers.effort;
  const launches = config.levers.launches;

  // Merchants.
  const merchantCount = config.merchants.count;
  const m = streams.merchants;
  const type = new Uint8Array(merchantCount);
  const followerBase = new Float64Array(merchantCount);
  const registered = new Uint8Array(merchantCount);
  const launching = new Uint8Array(merchantCount);
  const liveHour = new Float64Array(merchantCount);
  const liveProbability = new Float64Array(merchantCount);
  const usual = effortArrays(merchantCount);
  const strategy = effortArrays(merchantCount);
  const quality = new Float64Array(merchantCount);
  const capacity = new Float64Array(merchantCount);
  const mainCategory = new Uint8Array(merchantCount);
  const launchPhase = new Float64Array(merchantCount);
  const tail = config.merchants.followerTailIndex;
  for (let merchant = 0; merchant < merchantCount; merchant++) {
    const typeIndex = typeTable.sample(m);
    const spec = types[MERCHANT_TYPES[typeIndex] ?? "small"];
    type[merchant] = typeIndex;
    // Pareto(x_min = 1, α = tail): a power law of follower bases.
    followerBase[merchant] = spec.followerWeight * Math.pow(1 - m(), -1 / tail);
    // Uniform draws compared with shares keep the coupling monotone: raising a share adds
    // merchants to the set without reshuffling the others.
    const registers = m() < spec.registrationRate;
    registered[merchant] = registers ? 1 : 0;
    launching[merchant] = m() < launches.merchantShare ? 1 : 0;
    launchPhase[merchant] = m();
    liveHour[merchant] = 18 + 4 * m(); // evening streams, 18:00–22:00 (the activity peak)
    const changesEffort = effort.appliesTo === "all" || registers;
    liveProbability[merchant] = spec.liveDaysPerWeek / 7;
    usual.liveHours[merchant] = Math.min(20, spec.liveHoursPerDay);
    usual.seedingWeight[merchant] = spec.seedingWeight;
    usual.boostBid[merchant] = 1;
    usual.fanEngagement[merchant] = 1;
    strategy.liveHours[merchant] = Math.min(20, spec.liveHoursPerDay * (changesEffort ? effort.liveHoursMultiplier : 1));
    strategy.seedingWeight[merchant] = spec.seedingWeight * (changesEffort ? effort.seedingMultiplier : 1);
    strategy.boostBid[merchant] = changesEffort ? effort.boostBidMultiplier : 1;
    strategy.fanEngagement[merchant] = changesEffort ? effort.fanEngagementMultiplier : 1;
    quality[merchant] = spec.quality;
    capacity[merchant] = (spec.serviceCapacityPerDay * config.population.users) / 1000;
    mainCategory[merchant] = categoryTable.sample(m);
  }

  // Products: the starting catalog, then every planned launch (inactive until its day).
  const productMerchant: number[] = [];
  const productCategory: number[] = [];
  const productPrice: number[] = [];
  const productReturn: number[] = [];
  const productAppeal: number[] = [];
  const productLaunch: number[] = [];
  const productLaunchDay: number[] = [];
  const catalog: number[][] = Array.from({ length: merchantCount }, () => []);
  const addProduct = (source: RandomSource, merchant: number, launchTime: number, launchDay: number, appeal: number) => {
    const spec = types[MERCHANT_TYPES[type[merchant] ?? 0] ?? "small"];
    const category = source() < MAIN_CATEGORY_SHARE ? (mainCategory[merchant] ?? 0) : categoryTable.sample(source);
    const categorySpec = config.categories[category] ?? config.categories[0];
    if (categorySpec === undefined) throw new Error("no categories");
    const id = productMerchant.length;
    productMerchant.push(merchant);
    productCategory.push(category);
    productPrice.push(categorySpec.price * spec.priceLevel * meanOneLognormal(source, categorySpec.priceSpread));
    const newMultiplier = Number.isFinite(launchTime) ? config.trust.newProductReturnMultiplier : 1;
    productReturn.push(Math.min(0.95, categorySpec.returnRate * spec.returnMultiplier * newMultiplier));
    productAppeal.push(appeal * meanOneLognormal(source, APPEAL_SPREAD));
    productLaunch.push(launchTime);
    productLaunchDay.push(launchDay);
    (catalog[merchant] as number[]).push(id);
  };
  for (let merchant = 0; merchant < merchantCount; merchant++) {
    const spec = types[MERCHANT_TYPES[type[merchant] ?? 0] ?? "small"];
    for (let index = 0; index < spec.productsAtStart; index++) addProduct(streams.products, merchant, -Infinity, Number.NaN, 1);
  }
  const lastSimDay = offset + config.calendar.festivalDays + config.calendar.tailDays - 1;
  if (launches.productsPerLaunch > 0) {
    for (let merchant = 0; merchant < merchantCount; merchant++) {
      if (launching[merchant] !== 1) continue;
      // Launches are staggered across merchants within one cadence.
      for (let day = launches.firstDay + Math.floor((launchPhase[merchant] ?? 0) * launches.cadenceDays); day <= launches.lastDay; day += launches.cadenceDays) {
        const festivalDay = Math.floor(day);
        const time = offset + festivalDay;
        if (time > lastSimDay) break;
        for (let index = 0; index < launches.productsPerLaunch; index++) addProduct(streams.launches, merchant, Math.max(0, time), festivalDay, launches.appeal);
      }
    }
  }
  const productCount = productMerchant.length;

  // Users.
  const userCount = config.population.users;
  const u = streams.users;
  const segments = config.population.segments;
  const segmentTable = new AliasTable(segments.map((segment) => segment.share));
  const followTable = new AliasTable(Array.from(followerBase));
  const segment = new Uint8Array(userCount);
  const due = new Float64Array(userCount * categoryCount);
  const expectedFollows = segments.reduce((sum, spec) => sum + spec.share * spec.followsAtStart, 0) / Math.max(1e-9, segments.reduce((sum, spec) => sum + spec.share, 0));
  const relations = new RelationStore(userCount, merchantCount, Math.ceil(userCount * (expectedFollows * 2 + 4)));
  const cycleShape = config.needs.cycleShape;
  for (let user = 0; user < userCount; user++) {
    const segmentIndex = segmentTable.sample(u);
    segment[user] = segmentIndex;
    const spec = segments[segmentIndex];
    if (spec === undefined) continue;
    const follows = drawPoisson(u, spec.followsAtStart);
    for (let index = 0; index < follows; index++) {
      const merchant = followTable.sample(u);
      const record = relations.findOrCreate(user, merchant, spec.initialTrust, 0);
      relations.follow(record, 0);
    }
    for (let category = 0; category < categoryCount; category++) {
      const cycle = config.categories[category]?.cycleDays ?? 30;
      // The residual time to the next need at a random moment: a uniform point in the cycle that
      // moment falls in, which is length-biased (renewal theory: a Gamma(k) cycle seen from a
      // random time is Gamma(k + 1)), so the needs start at their steady rate rather than above it.
      due[user * categoryCount + category] = u() * drawGamma(u, cycleShape + 1) * (cycle / cycleShape);
    }
  }

  return {
    merchants: {
      count: merchantCount,
      type,
      followerBase,
      registered,
      launching,
      liveHour,
      liveProbability,
      usual,
      strategy,
      quality,
      capacity,
      catalog,
    },
    products: {
      count: productCount,
      merchant: Int32Array.from(productMerchant),
      category: Uint8Array.from(productCategory),
      price: Float64Array.from(productPrice),
      returnRate: Float64Array.from(productReturn),
      appeal: Float64Array.from(productAppeal),
      launchTime: Float64Array.from(productLaunch),
      launchFestivalDay: Float64Array.from(productLaunchDay),
    },
    users: { count: userCount, segment, due },
    relations,
  };
}
