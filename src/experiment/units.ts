/**
 * The unit of each daily metric and KPI, for the `unit` column of the Parquet tables, where one
 * `value` column holds yuan, counts, shares and an index side by side.
 *
 *   yuan    real yuan (GMV, coupon cost), scaled from the simulated users to the platform
 *   count   people, sessions, impressions, orders, followers, products (scaled like GMV)
 *   share   a fraction in [0, 1]
 *   index   mean trust of followers, in [0, 1] but not a share of anything
 *
 * This is the one table of KPI units: the report formats each KPI by it (src/report/kpis.ts, yuan
 * written as money). The daily ones follow how simulation.ts counts each series.
 */
import { MERCHANT_TYPES } from "../market/parameters.js";
import { SOURCES, type DailyMetric, type Unit } from "../market/result.js";

/** A value's unit (defined beside the KPIs in src/market/result.ts). */
export type { Unit } from "../market/result.js";

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

/** The unit of a KPI (src/market/result.ts holds the table, beside the KPI list). */
export { kpiUnit } from "../market/result.js";
