/**
 * The unit (yuan, count, share or index: src/market/result.ts's `Unit`) of each daily metric, for
 * the `unit` column of daily.csv and daily.parquet, where one `value` column holds them side by
 * side. The units follow how simulation.ts counts each series. The KPIs' units are the table
 * beside the KPI list in src/market/result.ts (`kpiUnit`).
 */
import { MERCHANT_TYPES } from "../market/parameters.js";
import { SOURCES, type DailyMetric, type Unit } from "../market/result.js";

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

