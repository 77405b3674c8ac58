/**
 * Every parameter of the market model: its type, range, default, unit and the source or reason
 * for the default. This zod schema is the one definition of the model's configuration: the
 * scenario loader validates files against it, `funnelsim schema` exports it as JSON Schema, and
 * docs/parameters.md is generated from it (a test keeps the document in step).
 *
 * Units are in the names or the descriptions: days, yuan (real, before scaling), per-day rates,
 * probabilities in [0, 1].
 */
import { z } from "zod";
import { MERCHANT_TYPES } from "./merchant-types.js";

const DOMAIN = "shared/DOMAIN.md";
/** For defaults tuned in the calibration (README "Calibration"; the calibration commit names its targets). */
const CALIBRATED = "set in the calibration toward Q3 2022's ≈ ¥2.4bn a day and the feed ≈ a fifth of GMV (README Calibration)";
/** For defaults fitted by the command (README Calibration shows target against fitted). */
const FITTED = "calibrated by funnelsim calibrate to scenarios/calibration/public-figures.yaml (README Calibration)";

/** A finite number with a default, a description and optional bounds. */
function num(defaultValue: number, description: string, bounds: { min?: number; max?: number; gt?: number } = {}) {
  let schema = z.number().finite();
  if (bounds.gt !== undefined) schema = schema.gt(bounds.gt);
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return schema.default(defaultValue).describe(description);
}

/** A whole number with a default and bounds. */
function int(defaultValue: number, description: string, min: number, max: number) {
  return z.number().int().min(min).max(max).default(defaultValue).describe(description);
}

/** A probability in [0, 1]. */
function prob(defaultValue: number, description: string) {
  return num(defaultValue, description, { min: 0, max: 1 });
}

/** A day offset relative to the festival's first day (0 = 28 Sep in the default calendar). */
function festivalDay(defaultValue: number, description: string) {
  return z.number().int().min(-3650).max(3650).default(defaultValue).describe(description);
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  // Date.parse rolls 2022-02-31 over to 3 March: a real date survives the round trip unchanged.
  .refine((text) => {
    const time = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
  }, "must be a real calendar date");

// ---------------------------------------------------------------------------------------------
// Population

const segmentSchema = z.strictObject({
  name: z.string().min(1).describe("Segment name, used in outputs."),
  share: prob(0.33, "Share of simulated users in this segment; shares are normalized to sum 1. 0.33 if omitted: one of three equal segments."),
  sessionsPerDay: num(2, "Mean app sessions per day (Poisson, shaped by the 24-hour profile). 2 if omitted: about the default segments' average (1.9).", { min: 0, max: 50 }),
  commerceImpressionsPerSession: num(4, "Mean commerce items (products, live rooms) the recommendation feed shows in one session at the base commerce share. 4 if omitted: about the default segments' average (4.1).", { min: 0, max: 200 }),
  clickMultiplier: num(1, "Multiplier on every click-through rate for this segment (1 = the sources' base rates).", { min: 0, max: 20 }),
  priceSensitivity: num(1, "Multiplier on the price elasticity: 1 = the platform mean, >1 reacts more to coupons.", { min: 0, max: 10 }),
  followPropensity: num(1, "Multiplier on follow probabilities (1 = the base probabilities).", { min: 0, max: 20 }),
  followsAtStart: num(3, "Mean merchants followed at the start (Poisson). 3 if omitted: about the default segments' average (3.2).", { min: 0, max: 100 }),
  initialTrust: prob(0.5, "Trust in the merchants followed at the start, in [0, 1]. 0.5 if omitted: neutral (conversion factor 1)."),
  unfollowRatePerDay: prob(0.02, "Daily probability that a dormant follow relation is dropped. 0.02 if omitted: within the default segments' 0.01–0.04 (assumptions)."),
});

const populationSchema = z
  .strictObject({
    users: int(3_000, "Simulated users. Each stands for realUsers / users real people. 3,000 keeps `npm start` (7 strategies × 20 replications) near a minute on 2 cores; raise it (or the replications) for narrower intervals — widths shrink as 1/√(users × replications).", 1, 50_000_000),
    realUsers: num(366_000_000, `Real daily active users represented: Kuaishou 366M DAU, Q4 2022 (company report, ${DOMAIN}).`, { gt: 0, max: 10_000_000_000 }),
    realMerchants: num(100_000, "Real merchants represented by the simulated ones (order of magnitude of merchants active in a festival: an assumption — the seed gives no count). Sets how many real products each simulated product stands for when counting products over ¥10M and ¥100M.", { gt: 0, max: 1_000_000_000 }),
    segments: z
      .array(segmentSchema)
      .min(1)
      .default([
        { name: "loyalFan", share: 0.3, sessionsPerDay: 2.5, commerceImpressionsPerSession: 5, clickMultiplier: 1.3, priceSensitivity: 0.7, followPropensity: 1.6, followsAtStart: 6, initialTrust: 0.66, unfollowRatePerDay: 0.01 },
        { name: "dealHunter", share: 0.25, sessionsPerDay: 2, commerceImpressionsPerSession: 5, clickMultiplier: 1.1, priceSensitivity: 1.6, followPropensity: 0.8, followsAtStart: 3, initialTrust: 0.56, unfollowRatePerDay: 0.03 },
        { name: "browser", share: 0.45, sessionsPerDay: 1.5, commerceImpressionsPerSession: 3, clickMultiplier: 0.7, priceSensitivity: 1, followPropensity: 0.6, followsAtStart: 1.5, initialTrust: 0.52, unfollowRatePerDay: 0.04 },
      ])
      .describe("User segments: loyal fans (老铁), deal hunters, browsers. Shares and rates are assumptions shaped to the seed's 'trust e-commerce' (loyal fans buy and follow more) and calibrated so that the unboosted platform sells ≈ ¥2.4bn a day (Q3 2022 GMV / 92 days)."),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// Calendar

const peakDaySchema = z.strictObject({
  date: isoDate.describe("The peak day, YYYY-MM-DD."),
  multiplier: num(2, "Multiplier on purchase intent (the cart probability) that day, on top of festivalIntentMultiplier. 2 if omitted: assumed, between the default eve (1.4) and 11.11 (2.2).", { gt: 0, max: 20 }),
});

const calendarSchema = z
  .strictObject({
    festivalStart: isoDate.default("2022-09-28").describe(`First day of the festival: 28 Sep 2022 [seed, ${DOMAIN}].`),
    festivalDays: int(45, "Length of the festival in days: 45 (28 Sep → 11 Nov 2022) [seed].", 1, 365),
    burnInDays: int(30, "Unrecorded days simulated before the first reported day, so that users' memory (purchases in the last 30 days, need timers, follows, trust) starts in a steady state. 30 covers the seed's 30-day 'new' rule.", 0, 365),
    leadDays: int(0, "Simulated days before the festival opens (a quiet period to compare against). 0: the reported days start with the festival (the unreported burn-in precedes it).", 0, 365),
    warmupDays: int(10, "The first festival days are labelled 'warmup' (预热) in each replication's per-day `phase`; nothing else changes — the main venue, coupons, boost and festival intent apply on every festival day. 10 days: assumption.", 0, 365),
    tailDays: int(21, "Days simulated after the festival, to see what lasts and any dip. 21 (three weeks) covers the 14 days over which the coupon's dip is measured (pull-forward reaches 7 days, a coupon lives 3) with a week to spare.", 0, 365),
    peakDays: z
      .array(peakDaySchema)
      .default([
        { date: "2022-11-10", multiplier: 1.4 },
        { date: "2022-11-11", multiplier: 2.2 },
      ])
      .describe("Peak days with an intent multiplier (on the cart probability): 11.11 is the festival's peak [seed]; the eve rises too. Multipliers are assumptions."),
    festivalIntentMultiplier: num(1.389, `Multiplier on purchase intent (the cart probability) on every festival day (the festival atmosphere, before coupons and boost): ${FITTED}, festival days toward Q4 2022's ≈ ¥3.4bn a day and the weeks after toward Q3's ¥2.4bn.`, { gt: 0, max: 10 }),
    hourlyProfile: z
      .array(z.number().finite().min(0))
      .length(24)
      .refine((weights) => weights.some((weight) => weight > 0), "must have a positive weight")
      .default([2, 1, 0.6, 0.4, 0.3, 0.4, 0.8, 1.6, 2.6, 3.2, 3.4, 3.6, 4.2, 4.0, 3.6, 3.6, 3.8, 4.2, 4.8, 5.6, 6.6, 7.0, 6.0, 3.8])
      .describe("Relative session activity in each hour 0–23 (evening peak). Shape: the evening peak of short-video apps; weights are assumptions."),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// Categories and merchants

const categorySchema = z.strictObject({
  name: z.string().min(1).describe("Category name."),
  weight: num(1, "Relative share of merchants' catalogs in this category (1 if omitted: an average category).", { gt: 0 }),
  price: num(70, "Mean price of an item, yuan (¥70 per item, 2020, secondary source).", { gt: 0, max: 1_000_000 }),
  priceSpread: num(0.4, "Log-normal sigma of prices around the mean across products. 0.4 if omitted: the narrowest of the default categories' 0.4–0.7 (assumptions).", { min: 0, max: 3 }),
  cycleDays: num(30, "Mean days between needs for this category (the repurchase cycle). 30 if omitted: assumed, a month (the default categories range 14–120).", { gt: 0, max: 3650 }),
  returnRate: prob(0.3, "Probability an order in this category is returned (live commerce reports 30–50%, weak source).") ,
});

/** Appended to each merchant-type field: the per-type defaults' reason is on merchants.types. */
const TYPE_NOTE = " Per-type defaults: assumptions (see merchants.types).";

const merchantTypeSchema = (defaults: {
  share: number;
  followerWeight: number;
  quality: number;
  returnMultiplier: number;
  products: number;
  priceLevel: number;
  liveHoursPerDay: number;
  liveDaysPerWeek: number;
  seedingWeight: number;
  registrationRate: number;
  serviceCapacityPerDay: number;
}) =>
  z
    .strictObject({
      share: prob(defaults.share, `Share of simulated merchants of this type.${TYPE_NOTE}`),
      followerWeight: num(defaults.followerWeight, `Scale of this type's follower base (multiplies a power-law draw).${TYPE_NOTE}`, { min: 0, max: 1_000_000 }),
      quality: prob(defaults.quality, `Probability a kept order satisfies the buyer (raises trust).${TYPE_NOTE}`),
      returnMultiplier: num(defaults.returnMultiplier, `Multiplier on the category's return rate.${TYPE_NOTE}`, { min: 0, max: 5 }),
      productsAtStart: int(defaults.products, `Products in the catalog before any launch.${TYPE_NOTE}`, 1, 1000),
      priceLevel: num(defaults.priceLevel, `Multiplier on category prices.${TYPE_NOTE}`, { gt: 0, max: 20 }),
      liveHoursPerDay: num(defaults.liveHoursPerDay, `Hours of own live stream (店铺自播) on a live day.${TYPE_NOTE}`, { min: 0, max: 24 }),
      liveDaysPerWeek: num(defaults.liveDaysPerWeek, `Live days per week.${TYPE_NOTE}`, { min: 0, max: 7 }),
      seedingWeight: num(defaults.seedingWeight, `Relative budget for influencer seeding (种草) to non-followers.${TYPE_NOTE}`, { min: 0, max: 1_000_000 }),
      registrationRate: prob(defaults.registrationRate, `Share of merchants of this type that register for the festival (招商报名).${TYPE_NOTE}`),
      serviceCapacityPerDay: num(defaults.serviceCapacityPerDay, `Orders a day the merchant serves well, per 1,000 simulated users; beyond it satisfaction falls (the strain of a flood of new buyers).${TYPE_NOTE}`, { gt: 0, max: 1_000_000_000 }),
    })
    .prefault({});

const merchantsSchema = z
  .strictObject({
    count: int(200, "Simulated merchants (realMerchants sets how many real ones they stand for). 200: assumed; at the default 3,000 users it keeps per-merchant traffic meaningful (≈ 1.6 orders a day per merchant on average in the baseline, more for the large ones) and gives even the rarest type (brands, 10%) about 20 merchants.", 1, 1_000_000),
    followerTailIndex: num(1.1, "Pareto tail index of follower bases (power law: few merchants hold most followers). ~1.1 follows the heavy tails of social follower counts (assumption).", { gt: 0.1, max: 10 }),
    types: z
      .strictObject({
        brand: merchantTypeSchema({ share: 0.1, followerWeight: 3, quality: 0.85, returnMultiplier: 0.8, products: 12, priceLevel: 1.06, liveHoursPerDay: 6, liveDaysPerWeek: 7, seedingWeight: 3, registrationRate: 0.7, serviceCapacityPerDay: 8 }),
        quickBrand: merchantTypeSchema({ share: 0.15, followerWeight: 2, quality: 0.8, returnMultiplier: 0.9, products: 8, priceLevel: 1, liveHoursPerDay: 5, liveDaysPerWeek: 6, seedingWeight: 1.5, registrationRate: 0.6, serviceCapacityPerDay: 5 }),
        small: merchantTypeSchema({ share: 0.55, followerWeight: 0.5, quality: 0.7, returnMultiplier: 1.1, products: 5, priceLevel: 0.8, liveHoursPerDay: 3, liveDaysPerWeek: 4, seedingWeight: 0.3, registrationRate: 0.3, serviceCapacityPerDay: 1.5 }),
        influencer: merchantTypeSchema({ share: 0.2, followerWeight: 4, quality: 0.72, returnMultiplier: 1.2, products: 6, priceLevel: 0.9, liveHoursPerDay: 4, liveDaysPerWeek: 5, seedingWeight: 0.5, registrationRate: 0.5, serviceCapacityPerDay: 6 }),
      })
      .prefault({})
      .describe(`Merchant types: brand, quick-brand (快品牌), small merchant, influencer (达人) [seed]. Per-type figures are assumptions ordered by the seed's description (brands: more products, higher prices and quality; influencers: large follower bases); service capacities compare with ≈ 0.5 orders a day per merchant per 1,000 users on average in the baseline. Except brand.priceLevel, 1.06 (was 1.6): ${FITTED}, toward ≈ ¥70 per item (2020, secondary); brands sell most of GMV, so their price level sets the order value.`),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// Traffic (public and private)

const trafficSchema = z
  .strictObject({
    maxCommerceShareMultiplier: num(1.3, "Bound on how far the boost may raise (or lower) the share of commerce in a session: attention is conserved, the boost moves it. ×1.3: assumed; the 2x boost (×1.125, see commerceShareResponse) stays inside it.", { min: 1, max: 5 }),
    boostShareLastYear: prob(0.2, "Share of festival feed commerce impressions that came from the boost pool last year (1x). Assumed: a fifth, so that the doubled pool (0.4) stays under maxBoostShare and organic traffic stays the majority."),
    maxBoostShare: prob(0.45, "Upper bound on the boost pool's share of feed commerce impressions. Assumed: under half, so organic traffic stays the majority; it binds only beyond a 2.25x boost (0.45 / boostShareLastYear)."),
    commerceShareResponse: num(0.5, "How much of the extra boost pool becomes extra commerce impressions rather than displacing other merchants' (0 = pure reallocation). Assumed: half, between the extremes; the 2x boost then adds 12.5% feed commerce impressions (1 + 0.5 · 0.2 / 0.8).", { min: 0, max: 1 }),
    seedingShare: prob(0.06, "Share of feed commerce impressions that are influencer seeding (种草) content, at seeding effort 1. Assumed: a small slice beside organic and boosted content; more seeding effort raises it, up to half."),
    mallImpressionsPerSession: num(0.6, "Mean mall (商城) impressions per session. Assumed: the mall is a secondary entry, about a seventh of the feed's 3–5 commerce items a session.", { min: 0, max: 100 }),
    venueVisitProbability: prob(0.12, "Probability a festival session visits the main venue (主会场) from the top navigation bar. 0.12 is assumed: ≈ 85M real visits a day (366M DAU × ≈ 1.9 sessions), reaching the seed's 'hundreds of millions' of visits within days."),
    venueImpressionsPerVisit: num(6, "Mean impressions in one main-venue visit. Assumed: a screenful or two of festival listings, a little more than a session's 3–5 feed commerce items.", { min: 0, max: 200 }),
    searchImpressionsPerNeed: num(4, "Products shown when a user searches for a due need. Assumed: the top results a user looks through (browsing stops at the first purchase).", { min: 0, max: 100 }),
    searchProbability: prob(0.35, `Probability a session with a due need searches for it on the platform. Assumed; ${CALIBRATED}.`),
    needPatienceDays: num(10, "Days a due need waits for the platform; after that it is met elsewhere (leakage to other channels). 10: assumed, shorter than the shortest default need cycle (food, 14 days).", { gt: 0, max: 365 }),
    newLaunchTrafficMultiplier: num(2, "Natural-traffic multiplier for live rooms with a new launch: +100% [seed, 616 festival].", { min: 0, max: 20 }),
    newLaunchWindowDays: num(7, "Days a launch counts as new for the traffic multiplier (assumption: one week).", { min: 0, max: 365 }),
    followFeedImpressionsPerFollow: num(0.35, "Mean follow-feed (关注页) impressions per session for each merchant the user follows (private): more follows, more private content. Assumed: ≈ 0.5–2 a session at the default segments' 1.5–6 follows at start.", { min: 0, max: 100 }),
    followFeedMaxImpressions: num(4, "Cap on the mean follow-feed impressions per session, however many merchants a user follows. Assumed: about a session's 3–5 feed commerce items; reached at ≈ 11 follows.", { min: 0, max: 100 }),
    storeVisitProbability: prob(0.2, `Probability a user with a due need first visits the store of a followed merchant selling the category (private), scaled by trust. Assumed; ${CALIBRATED}.`),
    notificationOpenProbability: prob(0.1, "Probability a follower opens the 'now live' notification at full trust (private). Assumed: one in ten, so ≈ 5–7% at followers' default starting trust (0.52–0.66)."),
    fanGroupReach: prob(0.25, "Probability a follower sees a launch post in the merchant's fan group. Assumed: about a quarter of followers are in the group and read the post."),
    dormantAfterDays: num(30, "A follower with no engagement for this many days is dormant. 30: assumed, a month (the seed's 30-day window).", { gt: 0, max: 3650 }),
    dormantResponseFactor: prob(0.25, "Multiplier on a dormant follower's response to notifications and posts. Assumed: a quarter — dormant followers still respond, but rarely."),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// Funnel

const funnelSchema = z
  .strictObject({
    clickRate: z
      .strictObject({
        feed: prob(0.05, "Recommendation feed (short videos and live rooms). 5%: an assumption for commerce content, which the feed shows to users likely to click."),
        search: prob(0.18, "Search results for a due need. Assumed: several times the feed's 5% — the user is looking for the category."),
        mall: prob(0.05, "Mall (商城) listings. Assumed: as the feed."),
        venue: prob(0.07, "Main venue (主会场) listings. Assumed: a little above the feed (festival deals, users who chose to visit)."),
        seeding: prob(0.06, `Influencer seeding (种草) content. Assumed: a little above the feed (an influencer's recommendation); ${CALIBRATED}.`),
        wordOfMouth: prob(0.3, "A product a contact shared. Assumed: a personal recommendation is opened far more often than a feed item (6× the feed)."),
        followFeed: prob(0.08, "Follow feed (private). Assumed: above the feed's 5% — merchants the user chose to follow."),
        liveNotification: prob(1, "A 'now live' notification that was opened enters the room (the open probability is traffic.notificationOpenProbability)."),
        store: prob(1, "A store visit (the visit probability is traffic.storeVisitProbability)."),
        fanGroup: prob(0.12, "A fan-group post (private). Assumed: above the follow feed's 8% — fan groups hold the most engaged followers."),
      })
      .prefault({})
      .describe("Probability an impression is clicked (or a live room entered), by source, before segment, fatigue, trust, need and live factors."),
    liveClickMultiplier: num(1.4, "Click multiplier when the merchant is live (live rooms pull harder than short videos). 1.4: assumed, a moderate lift.", { min: 0, max: 10 }),
    cartRate: prob(0.1692, `Probability a click adds to cart at neutral need and trust. Assumed; ${CALIBRATED}, then ${FITTED} — with orderRate it sets the GMV level.`),
    orderRate: prob(0.5, "Probability a cart becomes an order at neutral need, trust and price. Assumed: half of carts are paid (left at 0.5 when cartRate was calibrated)."),
    impulseFactor: prob(0.6, `Multiplier on cart probability when the user has no due need in the category (a due need converts far better). Assumed; ${CALIBRATED}.`),
    trustWeight: num(1.2, "How strongly trust moves conversion: factor = 1 + trustWeight·(trust − 0.5), on both cart and order. Assumed: ×0.4 at trust 0 to ×1.6 at trust 1 per stage.", { min: 0, max: 2 }),
    privateTrustWeight: num(1.8, "trustWeight for private-domain sources. Assumed: above trustWeight (×0.1 to ×1.9 per stage), as private sales rest on trust (信任电商 [seed]).", { min: 0, max: 2 }),
    strangerTrust: prob(0.45, `Trust in a merchant the user has never dealt with. Assumed: just below neutral (0.5) and followers' starting trust (0.52–0.66); ${CALIBRATED}.`),
    priceElasticity: num(-3.6, "Promotional price elasticity: mean −3.6 (Bijmolt, van Heerde & Pieters 2005).", { max: 0, min: -20 }),
    fatigueHalfSaturation: num(60, "Commerce exposures (carried over) at which click response falls to half (Hill saturation). Assumed: a typical user carries ≈ 20–25 exposures into a session (≈ 12 a day at carry-over 0.6), so fatigue trims clicks by about a fifth; double the exposure trims ≈ 40%.", { gt: 0, max: 1e15 }),
    fatigueShape: num(1.5, "Hill exponent of the fatigue response. Assumed: S-shaped (> 1), little fatigue at light exposure and steeper near the half-saturation.", { gt: 0, max: 10 }),
    fatigueCarryOver: prob(0.6, "Share of the exposure stock carried to the next day (adstock θ, Naik et al. 1998). 0.6: assumed, a half-life of ≈ 1.4 days."),
    habitProbability: prob(0.55, "Probability a repeat buyer of a merchant buys the same product again rather than browsing its catalog (creates 'not new' purchases under the 30-day rule). Assumed; with it the baseline's new-product share is ≈ 86% against the seed's 70% (README Calibration)."),
    followAfterOrder: prob(0.12, "Probability a buyer follows the merchant after an order (not live). Assumed: about one buyer in eight."),
    followAfterLiveOrder: prob(0.3, "Probability a buyer follows after an order in a live room. Assumed: 2.5× followAfterOrder — own live streams turn buyers into followers (养草 [seed])."),
    followOnLiveEnter: prob(0.05, "Probability a viewer follows on entering a live room without buying. Assumed: one in twenty, well below a buyer's."),
    repeatPurchase: z.boolean().default(true).describe("Whether a user may buy a product they bought before (on: people rebuy; off for the Bass-limit check)."),
  })
  .prefault({});

const wordOfMouthSchema = z
  .strictObject({
    contactsPerDay: num(0.08, "Contacts a buyer tells about a product per day while talking about it (Bass imitation q, rescaled to days: q ≈ 0.38/year for durables (Sultan, Farley & Lehmann 1990) is far slower than shared live-commerce links; 0.08/day is an assumption).", { min: 0, max: 10 }),
    activeDays: num(5, "Days a buyer keeps talking about a product. Assumed: a few days; with contactsPerDay 0.08 an order reaches ≈ 0.4 contacts.", { min: 0, max: 3650 }),
  })
  .prefault({});

const trustSchema = z
  .strictObject({
    gainOnSatisfied: prob(0.1, "Trust step toward 1 after a satisfying order: trust += gain·(1 − trust). Assumed: with the two losses, a buyer's trust settles near 0.6 at typical quality (≈ 0.75) and returns (≈ 24% of orders), close to followers' starting trust (0.52–0.66)."),
    lossOnReturn: prob(0.1, "Trust step toward 0 after a return: trust −= loss·trust. Assumed: the size of a satisfying order's gain (see gainOnSatisfied)."),
    lossOnUnsatisfied: prob(0.05, "Trust step toward 0 after a kept but unsatisfying order. Assumed: half a return's loss — the buyer kept the item."),
    overloadQualityDrop: prob(0.5, "Once a merchant's orders so far that day reach double its service capacity, satisfaction falls by this share (linearly from capacity: the orders beyond capacity bear the strain, the earlier ones are served well). Assumed: half — the strain a flood of new buyers puts on service and trust [seed]."),
    unfollowOnReturn: prob(0.1, "Probability a follower unfollows after a return. Assumed: one return in ten costs the follower."),
    newProductReturnMultiplier: num(1.25, "Return-rate multiplier for products launched in the simulation (untested products strain trust). Assumed: +25%.", { min: 0, max: 5 }),
  })
  .prefault({});

const needsSchema = z
  .strictObject({
    cycleShape: num(2, "Gamma shape of the time between needs in a category. 2: assumed, moderately regular repurchase (1 would be memoryless).", { gt: 0, max: 100 }),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------
// Levers

const couponSchema = z.strictObject({
  name: z.string().min(1).default("coupon").describe("Coupon name, used in outputs."),
  faceValue: num(6, "Discount in yuan. 6 if omitted: assumed, ≈ 9% of the ≈ ¥70 item (DOMAIN.md); the seed gives no terms (coupon-66 assumes ¥10).", { gt: 0, max: 1_000_000 }),
  threshold: num(0, "Minimum order value in yuan to use it (0, if omitted: no threshold; coupon-66 assumes ¥66).", { min: 0, max: 1_000_000_000 }),
  distribution: z.enum(["venue", "allUsers", "followers"]).default("venue").describe("Where users get it: visiting the main venue, any session, or from a followed merchant's live room. venue if omitted: the festival's coupon at the festival's main venue (assumed; the seed names no channel)."),
  claimRate: prob(0.5, "Probability a user offered the coupon claims it. 0.5 if omitted: assumed (no public figure; coupon-66 assumes 0.6)."),
  validityDays: num(3, "Days a claimed coupon stays usable. 3 if omitted: assumed, a short-lived festival coupon (no public figure).", { gt: 0, max: 365 }),
  startDay: festivalDay(0, "First festival day on which it is offered (0, if omitted: the festival's start)."),
  endDay: festivalDay(44, "Last festival day on which it is offered (44, if omitted: the festival's last day)."),
  budgetYuan: num(2_000_000_000, "Cap on the platform's real cost of redemptions, yuan; no redemptions beyond it. ¥2bn if omitted: assumed, ≈ 1% of the baseline's festival GMV (≈ ¥170bn); a ¥6 coupon on every festival day reaches it.", { min: 0, max: 1e15 }),
  pullForwardDays: num(7, "A user holding a coupon treats a need due within this many days as due now (pulling the purchase forward). 7 if omitted: calibrated together with pullForwardProbability (see there).", { min: 0, max: 365 }),
  pullForwardProbability: prob(0.1, "Probability, in each session while the coupon is held, that a soon-due need is pulled forward (so over a coupon's life of several sessions a need is pulled forward far more often than this). Calibrated so that pull-forward is about a third of the bump, as van Heerde, Leeflang & Wittink (2004) decompose promotion effects, and the dip after the promotion 4–25% of its effect (DOMAIN.md)."),
});

const leversSchema = z
  .strictObject({
    boost: z
      .strictObject({
        multiplier: num(1, "Boost traffic (助推流量) against last year: 1 = last year, 2 = the 116 festival's doubled boost [seed].", { min: 0, max: 20 }),
        startDay: festivalDay(0, "First festival day of the boost (0: from the festival's start [seed])."),
        endDay: festivalDay(44, "Last festival day of the boost (44: to the festival's end [seed])."),
        policy: z.enum(["proportional", "newLaunchFirst", "registeredOnly"]).default("registeredOnly").describe("How the boost pool is allocated, always by visibility (√(1 + followers)) × the merchant's boost bid, among the merchants live at the moment: proportional (all merchants), new launches first (×4 weight for a merchant with a recent launch), or registered merchants only. registeredOnly: assumed — the seed announces the 2x boost with the festival's merchant registration (招商报名)."),
      })
      .prefault({}),
    launches: z
      .strictObject({
        merchantShare: prob(0.3, "Share of merchants launching new products during the festival (616: over 70% in some categories [seed]; 0.3 is the assumed pre-push level)."),
        productsPerLaunch: int(1, "New products per launch. 1: assumed, so cadenceDays alone sets how often a merchant launches.", 0, 100),
        cadenceDays: num(14, "Days between a launching merchant's launches (at least one day). 14: assumed, a launch every two weeks (3–4 from festival day −7 to 44); new-launch tests weekly.", { min: 1, max: 365 }),
        firstDay: festivalDay(-7, "Festival day of the first launches. −7: assumed, a week before the festival opens, so launches are on the shelves from its first day."),
        lastDay: festivalDay(44, "Last festival day with launches (44: the festival's last day)."),
        appeal: num(1.3, "Relative pull of a new product within its merchant's catalog (products at the start: 1). 1.3: assumed, a moderate pull for the new item.", { min: 0, max: 20 }),
      })
      .prefault({}),
    coupons: z.array(couponSchema).default([]).describe("Platform coupons, e.g. the 66购物红利 [seed]. None by default: last year's levers had no platform coupon (coupon-66 adds one)."),
    rewards: z
      .strictObject({
        registration: num(0.1, "Extra feed weight for registered merchants on festival days (registration reward, as traffic credits) [seed]; 0.1 is assumed: a modest credit (+10% organic weight), small beside the boost pool (a fifth of feed commerce impressions).", { min: 0, max: 10 }),
        fan: num(0, "Extra feed weight on festival days per 1% growth of followers in the last 7 days (fan reward) [seed].", { min: 0, max: 10 }),
        launch: num(0, "Extra feed weight on festival days while a merchant has a new launch (launch reward) [seed].", { min: 0, max: 10 }),
      })
      .prefault({}),
    effort: z
      .strictObject({
        seedingMultiplier: num(1, "Multiplier on influencer seeding (public effort); 1 = the merchant types' own figures.", { min: 0, max: 20 }),
        liveHoursMultiplier: num(1, "Multiplier on own live-stream hours (private effort); 1 = the merchant types' own figures.", { min: 0, max: 10 }),
        fanEngagementMultiplier: num(1, "Multiplier on fan-group reach and notification response (private effort); 1 = unchanged.", { min: 0, max: 10 }),
        boostBidMultiplier: num(1, "Multiplier on the merchants' weight in the boost pool (public effort); 1 = unchanged.", { min: 0, max: 20 }),
        appliesTo: z.enum(["registered", "all"]).default("registered").describe("Which merchants change their effort. registered: the strategies are advice to the festival's registered merchants (assumed)."),
      })
      .prefault({})
      .describe("Merchants' effort under the strategy, from the first reported day to the end; during the burn-in every merchant keeps its type's usual effort, so the burn-in is the same past for every strategy."),
  })
  .prefault({});

// ---------------------------------------------------------------------------------------------

/** The whole model configuration, as written (every field optional) and as normalized. */
export const modelConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe("Optional JSON Schema reference for editors."),
    name: z.string().min(1).default("scenario").describe("Scenario name, used in outputs."),
    description: z.string().default("").describe("The question this scenario answers."),
    extends: z.string().optional().describe("Path of a parent scenario file whose values this one overrides (deep merge; arrays replace)."),
    seed: z.union([z.string().refine((text) => text.trim() !== "" && !text.includes("/"), 'must be an integer or a non-blank text without "/"'), z.number().int()]).default(116).describe("Root seed. Streams derive from <seed>/rep:<r>/<purpose>. 116: arbitrary (the festival's name)."),
    replications: int(20, "Replications per scenario (20 gives 95% intervals with 19 degrees of freedom).", 1, 10_000),
    population: populationSchema,
    calendar: calendarSchema,
    categories: z
      .array(categorySchema)
      .min(1)
      .default([
        { name: "food", weight: 1.4, price: 45, priceSpread: 0.4, cycleDays: 14, returnRate: 0.12 },
        { name: "apparel", weight: 1.6, price: 95, priceSpread: 0.5, cycleDays: 45, returnRate: 0.5622 },
        { name: "beauty", weight: 1, price: 85, priceSpread: 0.5, cycleDays: 35, returnRate: 0.25 },
        { name: "home", weight: 1, price: 70, priceSpread: 0.6, cycleDays: 60, returnRate: 0.2 },
        { name: "digital", weight: 0.5, price: 160, priceSpread: 0.7, cycleDays: 120, returnRate: 0.2 },
      ])
      .describe(`Product categories. Prices centre on ≈ ¥70 per item overall (2020, secondary); apparel returns are the highest (live-commerce returns 30–50%, weak source), apparel's 0.5622 ${FITTED} toward returns of 40% (the fit barely constrains it: a weak source at a quarter weight); weights, price spreads (wider for durables) and need cycles (consumables short, durables long) are assumptions.`),
    merchants: merchantsSchema,
    traffic: trafficSchema,
    funnel: funnelSchema,
    wordOfMouth: wordOfMouthSchema,
    trust: trustSchema,
    needs: needsSchema,
    levers: leversSchema,
  })
  .superRefine(
    (config, context) => {
      // These rules run even when some fields failed their own checks, so that a file hears of
      // every problem at once: a rule reads only fields that passed (`valid`). Each issue names
      // in `params.fields` the other fields its rule read, so that a problem in a default value
      // can point at the file that set the field making it wrong.
      type Path = (string | number)[];
      const failed = context.issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? [] : [issue.path ?? []]));
      const startsWith = (path: readonly PropertyKey[], prefix: readonly PropertyKey[]) => prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
      /** Nothing failed at `path` or above it: the value there has its schema's type. */
      const reachable = (path: Path) => failed.every((bad) => !startsWith(path, bad));
      /** The values at `paths`, and everything inside them, passed their own checks. */
      const valid = (...paths: Path[]) => paths.every((path) => reachable(path) && failed.every((bad) => !startsWith(bad, path)));
      const report = (path: Path, message: string, input: unknown, fields: Path[]) => {
        context.addIssue({ code: "custom", path, message, input, params: { fields } });
      };

      const segmentsPath = ["population", "segments"];
      if (reachable(segmentsPath)) {
        const segments = config.population.segments;
        const sharePaths = segments.map((_, index) => [...segmentsPath, index, "share"]);
        if (valid(...sharePaths)) {
          const shareSum = segments.reduce((sum, segment) => sum + segment.share, 0);
          if (!(shareSum > 0)) report(segmentsPath, "segment shares must sum to more than 0", shareSum, sharePaths);
        }
        const names = new Set<string>();
        segments.forEach((segment, index) => {
          if (!valid([...segmentsPath, index, "name"])) return;
          if (names.has(segment.name)) report([...segmentsPath, index, "name"], "must be unique", segment.name, []);
          names.add(segment.name);
        });
      }
      const typeSharePaths = MERCHANT_TYPES.map((type) => ["merchants", "types", type, "share"]);
      if (valid(...typeSharePaths)) {
        const types = config.merchants.types;
        const typeShareSum = types.brand.share + types.quickBrand.share + types.small.share + types.influencer.share;
        if (!(typeShareSum > 0)) report(["merchants", "types"], "merchant type shares must sum to more than 0", typeShareSum, typeSharePaths);
      }

      const dayPaths = [["calendar", "festivalDays"], ["calendar", "leadDays"], ["calendar", "tailDays"]];
      const daysValid = valid(...dayPaths);
      const festivalDays = daysValid ? config.calendar.festivalDays : 0;
      const firstDay = daysValid ? -config.calendar.leadDays : 0;
      const lastDay = daysValid ? festivalDays - 1 + config.calendar.tailDays : 0;
      const checkWindow = (path: Path, window: { startDay: number; endDay: number }) => {
        const startPath = [...path, "startDay"];
        const endPath = [...path, "endDay"];
        const { startDay: start, endDay: end } = window;
        if (valid(startPath, endPath) && end < start) report(endPath, `must not be before startDay ${start}`, end, [startPath]);
        if (daysValid && valid(startPath) && (start < firstDay || start > lastDay)) {
          report(startPath, `must lie in the simulated days ${firstDay}..${lastDay}`, start, dayPaths);
        }
        if (daysValid && valid(endPath) && (end < firstDay || end > lastDay)) {
          report(endPath, `must lie in the simulated days ${firstDay}..${lastDay}`, end, dayPaths);
        }
      };
      if (reachable(["levers", "boost"])) checkWindow(["levers", "boost"], config.levers.boost);
      if (reachable(["levers", "coupons"])) {
        config.levers.coupons.forEach((coupon, index) => {
          if (reachable(["levers", "coupons", index])) checkWindow(["levers", "coupons", index], coupon);
        });
      }
      const launches = { first: ["levers", "launches", "firstDay"], last: ["levers", "launches", "lastDay"] };
      if (valid(launches.first, launches.last) && config.levers.launches.lastDay < config.levers.launches.firstDay) {
        report(launches.last, `must not be before firstDay ${config.levers.launches.firstDay}`, config.levers.launches.lastDay, [launches.first]);
      }
      const warmupPath = ["calendar", "warmupDays"];
      if (valid(warmupPath, ["calendar", "festivalDays"]) && config.calendar.warmupDays > config.calendar.festivalDays) {
        report(warmupPath, `must not exceed festivalDays ${config.calendar.festivalDays}`, config.calendar.warmupDays, [["calendar", "festivalDays"]]);
      }
      const startPath = ["calendar", "festivalStart"];
      if (daysValid && valid(startPath) && reachable(["calendar", "peakDays"])) {
        const start = Date.parse(`${config.calendar.festivalStart}T00:00:00Z`);
        config.calendar.peakDays.forEach((peak, index) => {
          const datePath = ["calendar", "peakDays", index, "date"];
          if (!valid(datePath)) return;
          const offset = Math.round((Date.parse(`${peak.date}T00:00:00Z`) - start) / 86_400_000);
          if (Number.isFinite(offset) && (offset < firstDay || offset > lastDay)) {
            report(datePath, `must lie in the simulated days (${firstDay}..${lastDay} from festivalStart)`, peak.date, [startPath, ...dayPaths]);
          }
        });
      }
    },
    // By default zod skips these rules once any field has failed its type check.
    { when: () => true },
  );

/** A scenario as written in a file: every field optional. */
export type ModelConfigInput = z.input<typeof modelConfigSchema>;
/** A normalized scenario: every default filled in. */
export type ModelConfig = z.output<typeof modelConfigSchema>;
export type SegmentConfig = ModelConfig["population"]["segments"][number];
export type CategoryConfig = ModelConfig["categories"][number];
export type CouponConfig = ModelConfig["levers"]["coupons"][number];
export type MerchantTypeConfig = ModelConfig["merchants"]["types"]["brand"];

export { MERCHANT_TYPES, type MerchantType } from "./merchant-types.js";

/**
 * The default configuration with every value filled in.
 * @returns a fresh object each call (safe to mutate).
 */
export function defaultConfig(): ModelConfig {
  // A copy: zod returns the schema's default lists themselves, which an edit would change for good.
  return structuredClone(modelConfigSchema.parse({}));
}
