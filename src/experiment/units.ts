/**
 * The unit of each daily metric and KPI, for the `unit` column of the Parquet tables, where one
 * `value` column holds yuan, counts, shares and an index side by side.
 *
 *   yuan    real yuan (GMV, coupon cost), scaled from the simulated users to the platform
 *   count   people, sessions, impressions, orders, followers, products (scaled like GMV)
 *   share   a fraction in [0, 1]
 *   index   mean trust of followers, in [0, 1] but not a share of anything
 *
 * The KPI units are the kinds the report formats them by (src/report/kpis.ts, money → yuan); the
 * daily ones follow how simulation.ts counts each series.
 */
import { MERCHANT_TYPES } from "../market/parameters.js";
import { SOURCES, type DailyMetric, type Kpi } from "../market/result.js";

/** A value's unit. */
export type Unit = "yuan" | "count" | "share" | "index";

const DAILY_UNITS: Readonly<Record<DailyMetric, Unit>> = {
  sessions: "count",
  impressions: "count",
  clicks: "count",
  carts: "count",
  orders: "count",
  gmv: "yuan",
  gmvPublic: "yuan",
  gmvPrivate: "yuan",
  gmvParticipant: "yuan",
  gmvNewToBuyer: "yuan",
  gmvLaunched: "yuan",
  netGmv: "yuan",
  returns: "count",
  returnedGmv: "yuan",
  newCustomers: "count",
  repeatOrders: "count",
  followersGained: "count",
  followersLost: "count",
  followerStock: "count",
  avgTrust: "index",
  couponsClaimed: "count",
  couponRedemptions: "count",
  couponCost: "yuan",
  pulledForward: "count",
  boostImpressions: "count",
  needsLeaked: "count",
};

const KPI_UNITS: Readonly<Record<Kpi, Unit>> = {
  gmv: "yuan",
  participantGmv: "yuan",
  nonParticipantGmv: "yuan",
  gmvBrand: "yuan",
  gmvQuickBrand: "yuan",
  gmvSmall: "yuan",
  gmvInfluencer: "yuan",
  netGmv: "yuan",
  gmvPublic: "yuan",
  gmvPrivate: "yuan",
  gmvLead: "yuan",
  gmvFestival: "yuan",
  gmvTail: "yuan",
  gmvPrivateTail: "yuan",
  newProductGmvShare: "share",
  launchedGmvShare: "share",
  orders: "count",
  newCustomers: "count",
  followersGained: "count",
  followersLost: "count",
  followersEnd: "count",
  repurchaseRate: "share",
  returnRate: "share",
  couponCost: "yuan",
  couponRedemptions: "count",
  boostImpressions: "count",
  avgTrust: "index",
  productsOver10M: "count",
  productsOver100M: "count",
  journeyReached: "count",
  journeyReachedSeeding: "count",
  journeyReachedBoost: "count",
  journeyClicked: "count",
  journeyClickedSeeding: "count",
  journeyClickedBoost: "count",
  journeyFollowed: "count",
  journeyFollowedSeeding: "count",
  journeyFollowedBoost: "count",
  journeyPrivateBuyers: "count",
  journeyPrivateBuyersSeeding: "count",
  journeyPrivateBuyersBoost: "count",
  journeyFollowRate: "share",
  journeyFollowRateSeeding: "share",
  journeyFollowRateBoost: "share",
  journeyPrivateBuyerRate: "share",
  journeyPrivateBuyerRateSeeding: "share",
  journeyPrivateBuyerRateBoost: "share",
  journeyPrivateGmv: "yuan",
};

const GMV_SERIES = new Set([...SOURCES.map((source) => `gmv.${source}`), ...MERCHANT_TYPES.map((type) => `gmv.type.${type}`)]);

/**
 * The unit of a daily series: a {@link DailyMetric}, `gmv.<source>` or `gmv.type.<type>` (yuan),
 * or `<stage>.<source>` (a count).
 * @throws {Error} for a name that is none of these (a metric added without a unit).
 */
export function dailyUnit(metric: string): Unit {
  const unit = (DAILY_UNITS as Readonly<Record<string, Unit>>)[metric];
  if (unit !== undefined) return unit;
  if (GMV_SERIES.has(metric)) return "yuan";
  if (/^(impressions|clicks|carts|orders)\./.test(metric)) return "count";
  throw new Error(`daily metric ${JSON.stringify(metric)} has no unit in src/experiment/units.ts`);
}

/** The unit of a KPI. */
export function kpiUnit(kpi: Kpi): Unit {
  return KPI_UNITS[kpi];
}
