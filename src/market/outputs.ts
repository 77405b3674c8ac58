/**
 * Turns a finished run into its result: daily series and totals scaled to real users and yuan,
 * the funnel by source, the product ledger and the KPIs.
 */
import { MERCHANT_TYPES } from "./merchant-types.js";
import { METRIC, SOURCE_CARTS, SOURCE_CLICKS, SOURCE_GMV, SOURCE_IMPRESSIONS, SOURCE_ORDERS, TYPE_GMV, UNSCALED_METRICS, metricNames } from "./metrics.js";
import { PRIVATE_SOURCES, SOURCES } from "./result.js";
import type { FunnelRow, Kpi, ProductRow, SimulationResult } from "./result.js";
import type { JourneyCounts } from "./journey.js";
import type { Market } from "./simulation.js";

/** Real yuan thresholds the seed's new-product plan counts products against [seed]. */
export const PRODUCT_GMV_THRESHOLDS = { over10M: 10_000_000, over100M: 100_000_000 } as const;

const PRIVATE = new Set<string>(PRIVATE_SOURCES);

/** Summarizes a finished run. */
export function summarizeRun(market: Market): SimulationResult {
  const { config, calendar, metrics, scale } = market;
  const days = calendar.days;
  const names = metricNames();
  // The hot loop counts impressions, clicks and carts per source only: their daily totals are
  // the sums of the per-source blocks (counts, so the sums are exact).
  const stageTotals: readonly (readonly [number, number])[] = [
    [METRIC.impressions, SOURCE_IMPRESSIONS],
    [METRIC.clicks, SOURCE_CLICKS],
    [METRIC.carts, SOURCE_CARTS],
  ];
  for (const [metric, block] of stageTotals) {
    for (let day = 0; day < days; day++) {
      let sum = 0;
      for (let source = 0; source < SOURCES.length; source++) sum += metrics.get(block + source, day);
      metrics.set(metric, day, sum);
    }
  }
  const daily: Record<string, number[]> = {};
  names.forEach((name, metric) => {
    const factor = UNSCALED_METRICS.has(name) ? 1 : scale;
    const series: number[] = new Array<number>(days);
    for (let day = 0; day < days; day++) series[day] = metrics.get(metric, day) * factor;
    daily[name] = series;
  });
  const total = (metric: number, from = 0, to = days) => metrics.sum(metric, from, to) * scale;
  const phaseRange = (phases: readonly string[]) => {
    let from = -1;
    let to = -1;
    calendar.phase.forEach((phase, day) => {
      if (phases.includes(phase)) {
        if (from < 0) from = day;
        to = day + 1;
      }
    });
    return from < 0 ? [0, 0] : [from, to];
  };
  const [leadFrom, leadTo] = phaseRange(["lead"]);
  const [festivalFrom, festivalTo] = phaseRange(["warmup", "festival", "peak"]);
  const [tailFrom, tailTo] = phaseRange(["tail"]);

  const funnel: FunnelRow[] = SOURCES.map((source, index) => ({
    source,
    domain: PRIVATE.has(source) ? "private" : "public",
    impressions: total(SOURCE_IMPRESSIONS + index),
    clicks: total(SOURCE_CLICKS + index),
    carts: total(SOURCE_CARTS + index),
    orders: total(SOURCE_ORDERS + index),
    gmv: total(SOURCE_GMV + index),
  }));

  // Users and merchants are both samples of the platform, so one simulated product stands for
  // realMerchants / merchants real products, each selling gmv × scale × merchants / realMerchants.
  const merchantsPerSimulated = config.population.realMerchants / config.merchants.count;
  const productScale = scale / merchantsPerSimulated;
  const { products, merchants } = market.population;
  const productRows: ProductRow[] = [];
  let over10M = 0;
  let over100M = 0;
  for (let product = 0; product < products.count; product++) {
    const merchant = products.merchant[product] ?? 0;
    const launchDay = products.launchFestivalDay[product] ?? Number.NaN;
    const gmv = (market.productGmv[product] ?? 0) * productScale;
    if (gmv >= PRODUCT_GMV_THRESHOLDS.over10M) over10M++;
    if (gmv >= PRODUCT_GMV_THRESHOLDS.over100M) over100M++;
    productRows.push({
      product,
      merchant,
      merchantType: MERCHANT_TYPES[merchants.type[merchant] ?? 0] ?? "small",
      category: config.categories[products.category[product] ?? 0]?.name ?? "",
      launchDay: Number.isNaN(launchDay) ? null : launchDay,
      registered: merchants.registered[merchant] === 1,
      orders: (market.productOrders[product] ?? 0) * productScale,
      gmv,
      realProducts: merchantsPerSimulated,
    });
  }

  let buyers = 0;
  let repeatBuyers = 0;
  for (const orders of market.ordersPerUser) {
    if (orders >= 1) buyers++;
    if (orders >= 2) repeatBuyers++;
  }

  const [seeding, boost] = market.journey.counts() as [JourneyCounts, JourneyCounts];

  const gmv = total(METRIC.gmv);
  const orders = total(METRIC.orders);
  const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : 0);
  const last = days - 1;
  const kpis: Record<Kpi, number> = {
    gmv,
    participantGmv: total(METRIC.gmvParticipant),
    nonParticipantGmv: gmv - total(METRIC.gmvParticipant),
    // GMV by merchant type: the totals of the gmv.type.<type> daily rows (MERCHANT_TYPES order).
    gmvBrand: total(TYPE_GMV + MERCHANT_TYPES.indexOf("brand")),
    gmvQuickBrand: total(TYPE_GMV + MERCHANT_TYPES.indexOf("quickBrand")),
    gmvSmall: total(TYPE_GMV + MERCHANT_TYPES.indexOf("small")),
    gmvInfluencer: total(TYPE_GMV + MERCHANT_TYPES.indexOf("influencer")),
    netGmv: total(METRIC.netGmv),
    gmvPublic: total(METRIC.gmvPublic),
    gmvPrivate: total(METRIC.gmvPrivate),
    gmvLead: total(METRIC.gmv, leadFrom, leadTo),
    gmvFestival: total(METRIC.gmv, festivalFrom, festivalTo),
    gmvTail: total(METRIC.gmv, tailFrom, tailTo),
    gmvPrivateTail: total(METRIC.gmvPrivate, tailFrom, tailTo),
    newProductGmvShare: ratio(total(METRIC.gmvNewToBuyer), gmv),
    launchedGmvShare: ratio(total(METRIC.gmvLaunched), gmv),
    orders,
    newCustomers: total(METRIC.newCustomers),
    followersGained: total(METRIC.followersGained),
    followersLost: total(METRIC.followersLost),
    followersEnd: last >= 0 ? metrics.get(METRIC.followerStock, last) * scale : 0,
    repurchaseRate: ratio(repeatBuyers, buyers),
    returnRate: ratio(total(METRIC.returns), orders),
    couponCost: total(METRIC.couponCost),
    couponRedemptions: total(METRIC.couponRedemptions),
    boostImpressions: total(METRIC.boostImpressions),
    avgTrust: last >= 0 ? metrics.get(METRIC.avgTrust, last) : 0,
    productsOver10M: over10M * merchantsPerSimulated,
    productsOver100M: over100M * merchantsPerSimulated,
    journeyReached: (seeding.reached + boost.reached) * scale,
    journeyReachedSeeding: seeding.reached * scale,
    journeyReachedBoost: boost.reached * scale,
    journeyClicked: (seeding.clicked + boost.clicked) * scale,
    journeyClickedSeeding: seeding.clicked * scale,
    journeyClickedBoost: boost.clicked * scale,
    journeyFollowed: (seeding.followed + boost.followed) * scale,
    journeyFollowedSeeding: seeding.followed * scale,
    journeyFollowedBoost: boost.followed * scale,
    journeyPrivateBuyers: (seeding.privateBuyers + boost.privateBuyers) * scale,
    journeyPrivateBuyersSeeding: seeding.privateBuyers * scale,
    journeyPrivateBuyersBoost: boost.privateBuyers * scale,
    journeyFollowRate: ratio(seeding.followed + boost.followed, seeding.reached + boost.reached),
    journeyFollowRateSeeding: ratio(seeding.followed, seeding.reached),
    journeyFollowRateBoost: ratio(boost.followed, boost.reached),
    journeyPrivateBuyerRate: ratio(seeding.privateBuyers + boost.privateBuyers, seeding.reached + boost.reached),
    journeyPrivateBuyerRateSeeding: ratio(seeding.privateBuyers, seeding.reached),
    journeyPrivateBuyerRateBoost: ratio(boost.privateBuyers, boost.reached),
    journeyPrivateGmv: (seeding.privateGmv + boost.privateGmv) * scale,
  };

  return {
    scenario: config.name,
    seed: String(market.seed),
    replication: market.replication,
    dates: calendar.dates,
    festivalDay: Array.from(calendar.festivalDay),
    phase: calendar.phase,
    daily,
    kpis,
    funnel,
    products: productRows,
    scale,
    userDays: config.population.users * days,
  };
}
