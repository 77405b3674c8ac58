/**
 * What kind of number each KPI is, so tables, axes and the reading format it the right way:
 * money in real yuan, counts of people or orders, shares in [0, 1], or an index (trust).
 */
import { KPIS, type Kpi } from "../market/result.js";

/** How a KPI's value is written. */
export type KpiKind = "money" | "count" | "share" | "index";

const KIND: Readonly<Record<Kpi, KpiKind>> = {
  gmv: "money",
  participantGmv: "money",
  nonParticipantGmv: "money",
  gmvBrand: "money",
  gmvQuickBrand: "money",
  gmvSmall: "money",
  gmvInfluencer: "money",
  netGmv: "money",
  gmvPublic: "money",
  gmvPrivate: "money",
  gmvLead: "money",
  gmvFestival: "money",
  gmvTail: "money",
  gmvPrivateTail: "money",
  newProductGmvShare: "share",
  launchedGmvShare: "share",
  orders: "count",
  newCustomers: "count",
  followersGained: "count",
  followersLost: "count",
  followersEnd: "count",
  repurchaseRate: "share",
  returnRate: "share",
  couponCost: "money",
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
  journeyPrivateGmv: "money",
};

/** True for the KPI names of src/market/result.ts. */
export function isKpi(name: string): name is Kpi {
  return (KPIS as readonly string[]).includes(name);
}

/** The kind of a KPI; names the report does not know are written as plain counts. */
export function kpiKind(name: string): KpiKind {
  return isKpi(name) ? KIND[name] : "count";
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
