/**
 * What kind of number each KPI is, so tables, axes and the reading format it the right way:
 * money in real yuan, counts of people or orders, shares in [0, 1], or an index (trust).
 */
import { KPIS, kpiUnit, type Kpi } from "../market/result.js";

/** How a KPI's value is written. */
export type KpiKind = "money" | "count" | "share" | "index";

/** A KPI's kind is its unit (src/market/result.ts, the one table of KPI units), yuan written as money. */
function kindOf(kpi: Kpi): KpiKind {
  const unit = kpiUnit(kpi);
  return unit === "yuan" ? "money" : unit;
}

/** True for the KPI names of src/market/result.ts. */
export function isKpi(name: string): name is Kpi {
  return (KPIS as readonly string[]).includes(name);
}

/** The kind of a KPI; names the report does not know are written as plain counts. */
export function kpiKind(name: string): KpiKind {
  return isKpi(name) ? kindOf(name) : "count";
}

/**
 * KPIs in the order the headline table and the forest plot show them: the questions of
 * DOMAIN.md first (GMV, its split, what lasts, new products, customers, trust), costs last.
 */
export const HEADLINE_KPIS: readonly Kpi[] = [
  "gmv",
  "participantGmv",
  "nonParticipantGmv",
  "netGmv",
  "gmvPublic",
  "gmvPrivate",
  "gmvFestival",
  "gmvTail",
  "gmvPrivateTail",
  "newProductGmvShare",
  "launchedGmvShare",
  "orders",
  "newCustomers",
  "followersGained",
  "followersEnd",
  "repurchaseRate",
  "returnRate",
  "avgTrust",
  "productsOver10M",
  "productsOver100M",
  "couponCost",
  "boostImpressions",
];

/**
 * KPIs of the forest plot: outcomes only. Lever costs (coupon cost, boost impressions) go from
 * 0 to something, and counts of products over ¥10M are a handful — their relative changes are
 * huge or undefined and would squash every other whisker; the headline table still shows them.
 */
export const FOREST_KPIS: readonly Kpi[] = HEADLINE_KPIS.filter(
  (kpi) => !["couponCost", "boostImpressions", "couponRedemptions", "productsOver10M", "productsOver100M"].includes(kpi),
);
