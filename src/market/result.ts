/**
 * What one simulation returns: daily series, totals (KPIs), the funnel by source and the
 * product ledger. Money is in real yuan and counts are real people or orders: simulated values
 * multiplied by the population scale (realUsers / users). Shares, rates and trust are unscaled.
 */

/** Traffic sources. The first six are public domain (公域: the platform decides who sees what). */
export const PUBLIC_SOURCES = ["feed", "search", "mall", "venue", "seeding", "wordOfMouth"] as const;
/** Private-domain sources (私域: what a merchant owns through its followers). */
export const PRIVATE_SOURCES = ["followFeed", "liveNotification", "store", "fanGroup"] as const;
export const SOURCES = [...PUBLIC_SOURCES, ...PRIVATE_SOURCES] as const;
export type Source = (typeof SOURCES)[number];
export type Domain = "public" | "private";

/** Funnel stages, in order. */
export const FUNNEL_STAGES = ["impressions", "clicks", "carts", "orders"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/**
 * Daily series every run records (one value per simulated day). Per-source funnel series are
 * named `<stage>.<source>` and `gmv.<source>`; per merchant type `gmv.type.<type>`.
 */
export const DAILY_METRICS = [
  "sessions",
  "impressions",
  "clicks",
  "carts",
  "orders",
  "gmv",
  "gmvPublic",
  "gmvPrivate",
  "gmvParticipant",
  "gmvNewToBuyer",
  "gmvLaunched",
  "netGmv",
  "returns",
  "returnedGmv",
  "newCustomers",
  "repeatOrders",
  "followersGained",
  "followersLost",
  "followerStock",
  "avgTrust",
  "couponsClaimed",
  "couponRedemptions",
  "couponCost",
  "pulledForward",
  "boostImpressions",
  "needsLeaked",
] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

/** The KPIs of one run (issue #4's list, plus a few the report uses). */
export const KPIS = [
  "gmv",
  "participantGmv",
  "nonParticipantGmv",
  "gmvBrand",
  "gmvQuickBrand",
  "gmvSmall",
  "gmvInfluencer",
  "netGmv",
  "gmvPublic",
  "gmvPrivate",
  "gmvLead",
  "gmvFestival",
  "gmvTail",
  "gmvPrivateTail",
  "newProductGmvShare",
  "launchedGmvShare",
  "orders",
  "newCustomers",
  "followersGained",
  "followersLost",
  "followersEnd",
  "repurchaseRate",
  "returnRate",
  "couponCost",
  "couponRedemptions",
  "boostImpressions",
  "avgTrust",
  "productsOver10M",
  "productsOver100M",
  // The 种草 → 养草 → 拔草 journey (journey.ts): users first reached in the festival by seeding
  // or a boosted impression of a merchant they did not follow, how many then clicked, followed that
  // merchant, how many then bought from it through private traffic; rates are over the reached.
  "journeyReached",
  "journeyReachedSeeding",
  "journeyReachedBoost",
  "journeyClicked",
  "journeyClickedSeeding",
  "journeyClickedBoost",
  "journeyFollowed",
  "journeyFollowedSeeding",
  "journeyFollowedBoost",
  "journeyPrivateBuyers",
  "journeyPrivateBuyersSeeding",
  "journeyPrivateBuyersBoost",
  "journeyFollowRate",
  "journeyFollowRateSeeding",
  "journeyFollowRateBoost",
  "journeyPrivateBuyerRate",
  "journeyPrivateBuyerRateSeeding",
  "journeyPrivateBuyerRateBoost",
  "journeyPrivateGmv",
] as const;
export type Kpi = (typeof KPIS)[number];

/** Totals of the funnel for one source over the whole horizon (scaled). */
export interface FunnelRow {
  readonly source: Source;
  readonly domain: Domain;
  readonly impressions: number;
  readonly clicks: number;
  readonly carts: number;
  readonly orders: number;
  readonly gmv: number;
}

/** One product's ledger over the horizon. */
export interface ProductRow {
  readonly product: number;
  readonly merchant: number;
  readonly merchantType: string;
  readonly category: string;
  /** Festival day it was launched, or null for products in the catalog from the start. */
  readonly launchDay: number | null;
  readonly registered: boolean;
  /** Orders of one real product: the simulated product's orders scaled as `gmv` is. */
  readonly orders: number;
  /**
   * GMV in real yuan for one real product: the simulated product's GMV × realUsers/users ×
   * merchants/realMerchants (users and merchants are both samples of the platform).
   */
  readonly gmv: number;
  /** Real products this simulated product stands for: realMerchants / merchants. */
  readonly realProducts: number;
}

/** The result of one replication of one scenario. */
export interface SimulationResult {
  readonly scenario: string;
  readonly seed: string;
  readonly replication: number;
  /** Calendar dates (YYYY-MM-DD), one per simulated day. */
  readonly dates: readonly string[];
  /** Day offsets from the festival's first day (negative in the lead period). */
  readonly festivalDay: readonly number[];
  /** Phase of each day. */
  readonly phase: readonly ("lead" | "warmup" | "festival" | "peak" | "tail")[];
  /** Daily series by metric name (DAILY_METRICS plus `<stage>.<source>`, `gmv.<source>`, `gmv.type.<type>`). */
  readonly daily: Readonly<Record<string, readonly number[]>>;
  readonly kpis: Readonly<Record<Kpi, number>>;
  readonly funnel: readonly FunnelRow[];
  readonly products: readonly ProductRow[];
  /** Real people per simulated user. */
  readonly scale: number;
  /** User-days of the reported days (users × days shown). The burn-in's days are not counted; the benchmarks' rates count them. */
  readonly userDays: number;
}
