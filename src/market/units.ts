/**
 * The unit of every daily metric, as daily.csv's `unit` column writes it: `yuan` for money (real
 * yuan), `count` for real people, sessions, impressions, orders or relationships (simulated counts
 * × realUsers/users), `index` for average trust (a number in [0, 1], unscaled).
 */
import type { DailyMetric } from "./result.js";

/** The units of daily.csv. */
export type MetricUnit = "yuan" | "count" | "index";

const DAILY_UNITS: Readonly<Record<DailyMetric, MetricUnit>> = {
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

/**
 * The unit of a daily metric: a {@link DAILY_METRICS} name, `gmv.<source>` or `gmv.type.<type>`
 * (yuan), or `<stage>.<source>` (count).
 */
export function metricUnit(name: string): MetricUnit {
  const known = (DAILY_UNITS as Readonly<Record<string, MetricUnit>>)[name];
  if (known !== undefined) return known;
  return name.startsWith("gmv.") ? "yuan" : "count";
}
