/**
 * The market model: one festival played out by individual users on the kernel's callback path.
 *
 *   day start ─► rebuild traffic tables, launches + fan-group posts, dormant follows, live schedule
 *   session   ─► due needs (store visit if a followed merchant has it on the shelf, else search)
 *                feed (organic / boost pool: live rooms on now / influencer seeding) · follow feed · mall · venue
 *                each impression: click (thinned) → cart → order → return · trust · follow · word of mouth
 *   live start ─► followers notified → live-room visits (private)
 *   word of mouth ─► a contact sees the product a buyer shared
 *
 * Events are scheduled only where time matters (sessions, days, live streams, word of mouth);
 * coupon expiry and need deadlines are checked when a user next acts. A burn-in of unrecorded days
 * fills the users' memory (30-day purchases, needs, follows) before the first reported day.
 */
import { Environment } from "../engine/index.js";
import { AliasTable, KeyedStream, StreamFamily, deriveStream, drawExponential, drawGamma, exponentialBeyondBits, exponentialFromBits, drawPoisson, mix32, PoissonTable, seedFrom, streamPath } from "../random/index.js";
import type { RandomSource } from "../random/index.js";
import { COUNT_BITS, COUNT_MASK, PoissonVector } from "../random/poisson-vector.js";
import { buildCalendar, hourIndex, operationalTime, realTime, realTimeIndexed } from "./calendar.js";
import type { Calendar } from "./calendar.js";
import { buildPopulation } from "./population.js";
import type { Effort, Population } from "./population.js";
import type { ModelConfig } from "./parameters.js";
import { PurchaseStore } from "./purchases.js";
import { UserDayAgenda } from "./agenda.js";
import { DormancySchedule, NO_DORMANCY_VISIT, VISIT_CHECK, VISIT_UNFOLLOW } from "./dormancy.js";
import { JOURNEY_BOOST, JOURNEY_SEEDING, Journey } from "./journey.js";
import {
  DailyMetrics,
  FIRST_PRIVATE_SOURCE,
  METRIC,
  METRIC_COUNT,
  SOURCE,
  SOURCE_CARTS,
  SOURCE_CLICKS,
  SOURCE_GMV,
  SOURCE_IMPRESSIONS,
  SOURCE_ORDERS,
  TYPE_GMV,
} from "./metrics.js";
import { summarizeRun } from "./outputs.js";
import type { SimulationResult } from "./result.js";
import { SOURCES } from "./result.js";

/** Options of one simulation run. */
export interface SimulateOptions {
  /** Root seed; defaults to the config's seed. */
  readonly seed?: string | number;
  /** Replication index: streams derive from `<seed>/rep:<replication>/<purpose>`. */
  readonly replication: number;
}

/** Product ids fit below this; a word-of-mouth payload packs (user, product) into one float64. */
const PRODUCT_SPAN = 2 ** 21;
/**
 * Draws from the boost pool to find a merchant live at the impression's time (rejection: the
 * result is drawn by boost weight among the live ones). In the evening, when sessions peak, much
 * of the pool's weight is live and a few draws suffice; the bound matters only when almost no one
 * is live (at night), when a boosted impression falls back to a plain feed item. Only click
 * candidates draw a merchant, so the tries cost little.
 */
const BOOST_LIVE_TRIES = 64;
/**
 * Draws from the organic feed's table to give the new-launch multiplier to live rooms only
 * (rejection; each draw of a new launcher is kept with probability at least 1 / multiplier, so a
 * bound of 64 leaves a bias only for multipliers far above the default 2).
 */
const NEW_LAUNCH_TRIES = 64;
/** Weight multiplier of new launches in the newLaunchFirst boost policy. */
const NEW_LAUNCH_FIRST_WEIGHT = 4;
/** Daily decay of a merchant's recent-sales score that ranks it in the mall, venue and search. */
const RECENT_SALES_DECAY = 0.8;
/** Share of an item's price below which a coupon never brings it (a free item is not free demand). */
const MIN_PRICE_SHARE = 0.05;

const NONE = -1;

/**
 * Purposes of keyed draws (the low bits of a key's first part; the day fills the rest). A
 * session's key is not hashed: it is two draws of the user's arrival stream (KeyedStream.reseedFrom).
 */
const KEY_DORMANT = 1;
const KEY_LIVE = 2;
const KEY_FAN_GROUP = 3;
const KEY_WORD_OF_MOUTH = 4;
const KEY_PURPOSES = 8;
/** Kinds of a feed or mall impression (browseCandidate). */
const BROWSE_SEEDING = 0;
const BROWSE_BOOST = 1;
const BROWSE_ORGANIC = 2;
const BROWSE_MALL = 3;
/** Cells of a user's row in the arrival streams' array: Alea's four, then the model's four (64 bytes). */
const USER_ROW = 8;
/** Alea's multiplier and 2^-32 (as in StreamFamily), for the arrival stream stepped in onUserDay. */
const ALEA_MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
const USER_LAST_SESSION = 4;
const USER_FATIGUE = 5;
const USER_MIN_DUE = 6;
/**
 * The user's sessions to go, after the last one, until the first session at which a due need's
 * look does something (NEED_LOOK, an ordinal among the user's sessions, minus the last session's
 * ordinal): a countdown, so a session's gate needs no ordinal of its own (see Market.needLook).
 */
const USER_LOOK_LEFT = 7;
/**
 * Cells of a user's row in {@link Market.needCells}: which needs are due (a bit per category), the
 * latest of them, the earliest of the others, and the earliest session at which a due need is
 * looked at (see {@link Market.needLook}).
 */
const NEED_ROW = 4;
const NEED_MASK = 0;
const NEED_LATEST_DUE = 1;
const NEED_NEXT = 2;
const NEED_LOOK = 3;
/** A due need's look not scheduled yet (it became due, or moved, since the last one). */
const UNSCHEDULED = -1;
/**
 * A look that never comes (no due need, or neither probability above 0): 2^30 − 1, above any
 * ordinal plus gap a run reaches and within the int32 schedule (needLook).
 */
const NEVER_LOOK = 0x3fffffff;
/** The longest gap drawn between a need's looks: 2^29 sessions, beyond any run (an ordinal plus it stays below NEVER_LOOK). */
const LOOK_GAP_MAX = 0x20000000;
/** Entries of the table the gaps between a need's looks are drawn from (Market.lookGap). */
const LOOK_TABLE = 16;
/** A relation record not looked up yet. */
const UNKNOWN = -2;
/** What {@link Market.unfollowedRecord} gives for a merchant the user follows. */
const FOLLOWED = -3;
/** Draws from the seeding pool to find a merchant the user does not follow (followers are not its audience). */
const SEEDING_TRIES = 8;
/** Below this mean a Poisson count is drawn by inversion (as drawPoisson does), from a table of its cumulative probabilities. */
const POISSON_INVERSION_LIMIT = 10;
/** Follow counts whose follow-feed count is tabulated. */
const FOLLOW_FEED_TABLE = 64;
/**
 * Sources (S_), metrics (M_) and impression counters (I_) as module constants: V8 then sees a
 * count's index as a constant, where `SOURCE_IMPRESSIONS + SOURCE.seeding` loaded two imported
 * bindings and a property at every count.
 */
const S_FAN_GROUP = SOURCE.fanGroup;
const S_FEED = SOURCE.feed;
const S_FOLLOW_FEED = SOURCE.followFeed;
const S_LIVE_NOTIFICATION = SOURCE.liveNotification;
const S_MALL = SOURCE.mall;
const S_SEARCH = SOURCE.search;
const S_SEEDING = SOURCE.seeding;
const S_STORE = SOURCE.store;
const S_VENUE = SOURCE.venue;
const S_WORD_OF_MOUTH = SOURCE.wordOfMouth;
const M_AVG_TRUST = METRIC.avgTrust;
const M_COUPON_COST = METRIC.couponCost;
const M_COUPON_REDEMPTIONS = METRIC.couponRedemptions;
const M_COUPONS_CLAIMED = METRIC.couponsClaimed;
const M_FOLLOWER_STOCK = METRIC.followerStock;
const M_FOLLOWERS_GAINED = METRIC.followersGained;
const M_FOLLOWERS_LOST = METRIC.followersLost;
const M_GMV = METRIC.gmv;
const M_GMV_LAUNCHED = METRIC.gmvLaunched;
const M_GMV_NEW_TO_BUYER = METRIC.gmvNewToBuyer;
const M_GMV_PARTICIPANT = METRIC.gmvParticipant;
const M_GMV_PRIVATE = METRIC.gmvPrivate;
const M_GMV_PUBLIC = METRIC.gmvPublic;
const M_NEEDS_LEAKED = METRIC.needsLeaked;
const M_NET_GMV = METRIC.netGmv;
const M_NEW_CUSTOMERS = METRIC.newCustomers;
const M_ORDERS = METRIC.orders;
const M_PULLED_FORWARD = METRIC.pulledForward;
const M_REPEAT_ORDERS = METRIC.repeatOrders;
const M_RETURNED_GMV = METRIC.returnedGmv;
const M_RETURNS = METRIC.returns;
const M_SESSIONS = METRIC.sessions;
const I_SEEDING = SOURCE_IMPRESSIONS + SOURCE.seeding;
const I_FEED = SOURCE_IMPRESSIONS + SOURCE.feed;
const I_MALL = SOURCE_IMPRESSIONS + SOURCE.mall;
const I_FOLLOW_FEED = SOURCE_IMPRESSIONS + SOURCE.followFeed;
const M_BOOST_IMPRESSIONS = METRIC.boostImpressions;
const I_FAN_GROUP = SOURCE_IMPRESSIONS + SOURCE.fanGroup;
const I_LIVE_NOTIFICATION = SOURCE_IMPRESSIONS + SOURCE.liveNotification;
const I_SEARCH = SOURCE_IMPRESSIONS + SOURCE.search;
const I_STORE = SOURCE_IMPRESSIONS + SOURCE.store;
const I_WORD_OF_MOUTH = SOURCE_IMPRESSIONS + SOURCE.wordOfMouth;

/**
 * How many user-days ahead {@link Market.onUserDays} reads the cells a user-day will touch first.
 * A day's user-days come in time order, so their users are scattered over the per-user arrays
 * (at 100k users the rows of userCells 6.4 MB, `due` 4 MB, the need rows 3.2 MB, beyond a core's
 * 1 MiB L2): each user-day began with cache misses whose latency nothing overlapped. Read a few
 * user-days ahead, the lines are on their way while the user-days before them run (≈ 2 µs each,
 * against the order of 0.1 µs for a miss to memory). Single runs at 2, 8 and 16 came within 6% of
 * 4's, with no clear optimum.
 */
const PREFETCH_AHEAD = 4;

/**
 * A tabulated Poisson count for a mean below the inversion limit (the same draws as inversion,
 * a uniform even for a mean of 0), or null for a larger mean, drawn by drawPoisson.
 */
function poissonTable(mean: number): PoissonTable | null {
  return mean < POISSON_INVERSION_LIMIT ? new PoissonTable(mean, Math.exp(-mean)) : null;
}

/** An alias table over weights, or null when every weight is zero. */
function tableOf(weights: Float64Array): AliasTable | null {
  let total = 0;
  for (let index = 0; index < weights.length; index++) total += weights[index] ?? 0;
  return total > 0 ? new AliasTable(weights) : null;
}

/**
 * Runs one replication of a scenario, trusting its configuration: what the worker pool loads
 * (without the schema). The library's `simulate` (api.ts) validates the configuration first.
 * @param config a normalized configuration (see {@link modelConfigSchema}).
 * @returns daily series, KPIs, the funnel by source and the product ledger, scaled to real users.
 */
export function simulate(config: ModelConfig, options: SimulateOptions): SimulationResult {
  const market = new Market(config, options.seed ?? config.seed, options.replication);
  market.run();
  return market.result();
}

/** One run's state and event handlers. Exported for tests and researchers extending the model. */
export class Market {
  readonly env = new Environment();
  readonly calendar: Calendar;
  readonly population: Population;
  readonly purchases: PurchaseStore;
  readonly metrics: DailyMetrics;
  /** Each user's first festival touch by seeding or boost, and what followed (see journey.ts). */
  readonly journey: Journey;
  /** Unrecorded days simulated before the first reported day. */
  readonly burnIn: number;
  /** Simulation time at the end of the last reported day. */
  readonly endTime: number;
  readonly scale: number;
  private readonly cells: Float64Array;
  private readonly stride: number;
  /**
   * Today's counts, one cell per metric row: the hot loop adds here (a small block that stays in
   * the first-level cache, one add without the day's offset) and each day start moves the block
   * into the day's column of {@link cells}. Every event between two day starts belongs to the same
   * day (a day start runs first at its time), and a recorded column starts at 0, so the cells get
   * exactly the sums they would get by adding in place.
   */
  private readonly tally: Float64Array;
  /** The column today's tally belongs to (-1 before the first day). */
  private tallyColumn = -1;

  /**
   * Behaviour draws come from a stream reseeded for each piece of work from (purpose, who, when):
   * a user's session, a follower's notification, a contact's word of mouth. Replication r of two
   * strategies thus gives the same user the same numbers in the same session, however differently
   * earlier sessions went (see {@link KeyedStream}) — paired differences stay tight.
   */
  private readonly keyed: KeyedStream;
  private readonly rng: RandomSource;
  /**
   * One stream per user for session arrivals only: a user's session times then do not depend on
   * what happened in the sessions, so two strategies' replication r keep the same sessions
   * (common random numbers) even after the users' experiences diverge.
   */
  private readonly arrivalStreams: StreamFamily;
  private readonly arrivalRng: RandomSource;
  /**
   * The arrival streams' rows, which also hold each user's last session time, fatigue stock and
   * earliest need (cells USER_LAST_SESSION, USER_FATIGUE, USER_MIN_DUE of row user × USER_ROW):
   * a user's first session of a day then misses the cache once or twice for the four (the row is
   * 64 bytes but its array need not start on a line), not four times.
   */
  private readonly userCells: Float64Array;
  private readonly liveRng: RandomSource;
  private readonly womRng: RandomSource;
  /** Geometric skips over follower lists (live notifications, fan-group posts). */
  private readonly thinningRng: RandomSource;
  private readonly categories: number;

  // Per user (and in userCells: last session, fatigue, a lower bound on the earliest need time
  // that is exact after each look at the needs).
  private readonly userOrders: Uint16Array;
  private readonly couponExpiry: Float64Array;

  // Per segment.
  private readonly segSessions: Float64Array;
  private readonly segCommerce: Float64Array;
  private readonly segClick: Float64Array;
  private readonly segPrice: Float64Array;
  private readonly segFollow: Float64Array;
  private readonly segUnfollow: Float64Array;

  // Per merchant.
  /** Today's own live stream [liveFrom, liveTo) and the end of yesterday's (which may run past midnight). */
  private readonly liveFrom: Float64Array;
  private readonly liveTo: Float64Array;
  private readonly liveCarry: Float64Array;
  private readonly lastLaunch: Float64Array;
  private readonly ordersToday: Float64Array;
  private readonly recentSales: Float64Array;
  private readonly fanGain: Float64Array;
  /** Followers at the start of the week fanGain measures. */
  private readonly fanBase: Float64Array;
  private readonly followersAtWeekStart: Float64Array;

  // Per product.
  readonly productGmv: Float64Array;
  readonly productOrders: Float64Array;

  // Per simulated day (burn-in included).
  private readonly boostShare: Float64Array;
  private readonly commerceMultiplier: Float64Array;
  private readonly intent: Float64Array;
  private readonly festival: Uint8Array;

  // Traffic tables, rebuilt each day.
  private organicTable: AliasTable | null = null;
  /**
   * Merchants whose organic weight today carries the new-launch multiplier (a launch within the
   * window at the day's start). The multiplier is for live rooms [seed: 616, new-launch live rooms
   * got 100% more natural traffic]: the table holds it at max(1, multiplier) and a draw of such a
   * merchant is kept with probability multiplier / max(1, multiplier) when it is live at the
   * impression's time, 1 / max(1, multiplier) when not (rejection), so only its live room gets it.
   */
  private readonly organicNew: Uint8Array;
  private readonly newLiveAccept: number;
  private readonly newIdleAccept: number;
  private boostTable: AliasTable | null = null;
  private seedingTable: AliasTable | null = null;
  private mallTable: AliasTable | null = null;
  private venueTable: AliasTable | null = null;
  private searchTables: (AliasTable | null)[] = [];
  private seedingShare = 0;
  /**
   * The merchants' effort in force: their types' usual effort during the burn-in, the strategy's
   * (levers.effort) from the first reported day. The burn-in is the common past every strategy
   * starts from, so a strategy's effort does not build followers before the days it is measured on.
   */
  private effort: Effort;
  private couponBudgetLeft: Float64Array;
  private launchCursor = 0;
  /** Products on each merchant's shelf (launched by today), and their cumulative appeal. */
  private readonly shelf: Int32Array[] = [];
  private readonly shelfAppeal: Float64Array[] = [];
  /** When each merchant's shelf next changes: the earliest launch time not on it yet (-Infinity: never stocked). */
  private readonly nextOnShelf: Float64Array;
  /** The shelf of each (merchant, category), at merchant × categories + category, and its total appeal. */
  private readonly categoryShelf: Int32Array[] = [];
  private readonly categoryAppeal: Float64Array;
  private readonly launchOrder: Int32Array;

  // Today's browsing constants per segment (see prepareBrowsing) and other precomputed constants.
  private readonly dayBrowseMean: Float64Array;
  /** Today's session impression count per segment, tabulated (null: a mean of 10 or more, drawn by drawPoisson). */
  private readonly dayBrowseCount: (PoissonTable | null)[];
  private readonly daySeedingEnd: Float64Array;
  private readonly dayBoostEnd: Float64Array;
  private readonly dayOrganicEnd: Float64Array;
  /**
   * Today's session impressions per segment as one joint draw (null: drawn impression by
   * impression): independent Poisson counts of the non-candidate seeding, boosted, organic and
   * mall impressions and of the click candidates at fatigue 1 (see prepareBrowsing), cached by
   * their means, which change on few days.
   */
  private readonly dayBrowseVector: (PoissonVector | null)[];
  private readonly browseVectors = new Map<string, PoissonVector | null>();
  /** Today's kinds of a click candidate at fatigue 1 (seeding, boosted, organic, then mall), as cumulative shares. */
  private readonly dayCandidateSeedingEnd: Float64Array;
  private readonly dayCandidateBoostEnd: Float64Array;
  private readonly dayCandidateOrganicEnd: Float64Array;
  /** Follow-feed impression counts by follows (below FOLLOW_FEED_TABLE), venue and search counts, tabulated; null: drawn by drawPoisson. */
  private readonly followFeedCount: (PoissonTable | null)[];
  /**
   * Follow-feed impressions at segment × FOLLOW_FEED_TABLE + follows as one joint draw (null: a
   * count, then impression by impression): the count that are not click candidates at fatigue 1
   * and the count that are, independent Poisson counts (Poisson splitting).
   */
  private readonly followFeedVector: (PoissonVector | null)[];
  private readonly venueCount: PoissonTable | null;
  private readonly searchCount: PoissonTable | null;
  private readonly logCarry: number;
  private readonly fatigueHalf: number;
  private readonly fatigueShape: number;
  private readonly liveMax: number;
  private readonly hasCoupons: boolean;
  /** The larger of the cart rate's two need factors (1 for a due need's category, impulseFactor else): click's bound. */
  private readonly cartNeedMax: number;
  /**
   * The session being played: its time and click base (segment × fatigue), read by session,
   * dueNeeds and serveNeed. Fields rather than arguments: a float64 passed to a call V8 does not
   * inline is boxed (a heap number allocated per call).
   */
  private sessionTime = 0;
  private sessionClickBase = 0;
  /** The relation record pickProduct found for (user, merchant), or -1: handed to click to skip a second search. */
  private pickedRecord = NONE;
  private readonly hourIndex: Uint8Array;

  private readonly handlers: { day: number; userDays: number; liveStart: number; wordOfMouth: number };
  /** Each user's pending user-day, played in time order by the userDays event (see {@link UserDayAgenda}). */
  private readonly agenda: UserDayAgenda;
  /** The end of the current run (events at or after it wait). */
  private runUntil = Infinity;

  constructor(readonly config: ModelConfig, readonly seed: string | number, readonly replication: number) {
    this.calendar = buildCalendar(config);
    this.burnIn = config.calendar.burnInDays;
    this.endTime = this.burnIn + this.calendar.days;
    this.scale = config.population.realUsers / config.population.users;
    const stream = (purpose: string) => deriveStream(seed, replication, purpose);
    const festivalZero = this.burnIn + config.calendar.leadDays;
    this.population = buildPopulation(
      config,
      { merchants: stream("population-merchants"), products: stream("population-products"), launches: stream("population-launches"), users: stream("population-users") },
      festivalZero,
    );
    this.keyed = new KeyedStream(seedFrom(streamPath(seed, replication, "behaviour")));
    this.rng = this.keyed.source;
    this.arrivalStreams = new StreamFamily(config.population.users, stream("session-arrivals"), USER_ROW - 4);
    this.arrivalRng = this.arrivalStreams.source;
    this.userCells = this.arrivalStreams.state;
    this.liveRng = stream("live");
    this.womRng = stream("word-of-mouth");
    this.thinningRng = stream("follower-thinning");
    this.categories = config.categories.length;
    const users = config.population.users;
    const merchants = this.population.merchants.count;
    const products = this.population.products.count;
    this.userOrders = new Uint16Array(users);
    this.couponExpiry = new Float64Array(users * config.levers.coupons.length);
    this.couponBudgetLeft = Float64Array.from(config.levers.coupons.map((coupon) => coupon.budgetYuan));
    const segments = config.population.segments;
    this.segSessions = Float64Array.from(segments.map((segment) => segment.sessionsPerDay));
    this.segCommerce = Float64Array.from(segments.map((segment) => segment.commerceImpressionsPerSession));
    this.segClick = Float64Array.from(segments.map((segment) => segment.clickMultiplier));
    this.segPrice = Float64Array.from(segments.map((segment) => segment.priceSensitivity));
    this.segFollow = Float64Array.from(segments.map((segment) => segment.followPropensity));
    this.segUnfollow = Float64Array.from(segments.map((segment) => segment.unfollowRatePerDay));
    this.liveFrom = new Float64Array(merchants).fill(Infinity);
    this.liveTo = new Float64Array(merchants).fill(-Infinity);
    this.liveCarry = new Float64Array(merchants).fill(-Infinity);
    this.hourIndex = hourIndex(this.calendar.cumulativeHourly);
    const segmentCount = segments.length;
    this.dayBrowseMean = new Float64Array(segmentCount);
    this.dayBrowseCount = new Array<PoissonTable | null>(segmentCount).fill(null);
    this.daySeedingEnd = new Float64Array(segmentCount);
    this.dayBoostEnd = new Float64Array(segmentCount);
    this.dayOrganicEnd = new Float64Array(segmentCount);
    this.dayBrowseVector = new Array<PoissonVector | null>(segmentCount).fill(null);
    this.dayCandidateSeedingEnd = new Float64Array(segmentCount);
    this.dayCandidateBoostEnd = new Float64Array(segmentCount);
    this.dayCandidateOrganicEnd = new Float64Array(segmentCount);
    this.followFeedCount = Array.from({ length: FOLLOW_FEED_TABLE }, (_, follows) =>
      poissonTable(Math.min(config.traffic.followFeedMaxImpressions, config.traffic.followFeedImpressionsPerFollow * follows)),
    );
    this.followFeedVector = [];
    for (let segment = 0; segment < segmentCount; segment++) {
      const bound = Math.min(1, config.funnel.clickRate.followFeed * (this.segClick[segment] ?? 1) * Math.max(1, config.funnel.liveClickMultiplier));
      for (let follows = 0; follows < FOLLOW_FEED_TABLE; follows++) {
        const mean = Math.min(config.traffic.followFeedMaxImpressions, config.traffic.followFeedImpressionsPerFollow * follows);
        const key = `${mean},${bound}`;
        let vector = this.browseVectors.get(key);
        if (vector === undefined) {
          vector = PoissonVector.of([mean * (1 - bound), mean * bound]);
          this.browseVectors.set(key, vector);
        }
        this.followFeedVector.push(vector);
      }
    }
    this.venueCount = poissonTable(config.traffic.venueImpressionsPerVisit);
    this.searchCount = poissonTable(config.traffic.searchImpressionsPerNeed);
    this.logCarry = Math.log(config.funnel.fatigueCarryOver);
    this.fatigueHalf = config.funnel.fatigueHalfSaturation;
    this.fatigueShape = config.funnel.fatigueShape;
    this.liveMax = Math.max(1, config.funnel.liveClickMultiplier);
    this.hasCoupons = config.levers.coupons.length > 0;
    this.cartNeedMax = Math.max(1, config.funnel.impulseFactor);
    // A due need's look does something (tries the store or searches) with probability
    // 1 − (1 − store)(1 − search); the gaps between such looks are geometric (see lookGap).
    const storeVisit = config.traffic.storeVisitProbability;
    const look = 1 - (1 - storeVisit) * (1 - config.traffic.searchProbability);
    this.lookProbability = look;
    this.lookStoreShare = look > 0 ? storeVisit / look : 0;
    this.logLookMiss = look < 1 ? Math.log1p(-look) : -Infinity;
    this.lookTable = new Float64Array(LOOK_TABLE);
    for (let gap = 0; gap < LOOK_TABLE; gap++) this.lookTable[gap] = look >= 1 ? 1 : -Math.expm1((gap + 1) * this.logLookMiss);
    this.lastLaunch = new Float64Array(merchants).fill(-Infinity);
    this.organicNew = new Uint8Array(merchants);
    const launchMultiplier = config.traffic.newLaunchTrafficMultiplier;
    this.newLiveAccept = launchMultiplier / Math.max(1, launchMultiplier);
    this.newIdleAccept = 1 / Math.max(1, launchMultiplier);
    this.ordersToday = new Float64Array(merchants);
    this.recentSales = new Float64Array(merchants);
    this.fanGain = new Float64Array(merchants);
    this.fanBase = new Float64Array(merchants);
    this.followersAtWeekStart = new Float64Array(merchants);
    this.productGmv = new Float64Array(products);
    this.productOrders = new Float64Array(products);
    this.categoryAppeal = new Float64Array(merchants * this.categories);
    this.nextOnShelf = new Float64Array(merchants).fill(-Infinity);
    // ~8 (user, product) records a user at the end of the default scenario: room for 10 avoids a grow.
    this.purchases = new PurchaseStore(users, users * 10);
    this.journey = new Journey(users, this.population.relations, stream("journey"), (merchant, time) => this.liveAt(merchant, time));
    this.metrics = new DailyMetrics(this.calendar.days);
    this.cells = this.metrics.cells;
    this.stride = this.metrics.stride;
    this.tally = new Float64Array(METRIC_COUNT);
    this.agenda = new UserDayAgenda(users, this.endTime);
    // Launches in time order, so each day start activates the next ones with a cursor.
    const launchTimes = this.population.products.launchTime;
    this.launchOrder = Int32Array.from(
      Array.from({ length: products }, (_, index) => index)
        .filter((index) => Number.isFinite(launchTimes[index] ?? -Infinity))
        .sort((a, b) => (launchTimes[a] ?? 0) - (launchTimes[b] ?? 0) || a - b),
    );

    // Day-level levers.
    const simDays = this.endTime;
    this.boostShare = new Float64Array(simDays);
    this.commerceMultiplier = new Float64Array(simDays).fill(1);
    this.intent = new Float64Array(simDays).fill(1);
    this.festival = new Uint8Array(simDays);
    const { boost } = config.levers;
    const traffic = config.traffic;
    for (let simDay = this.burnIn; simDay < simDays; simDay++) {
      const day = simDay - this.burnIn;
      const festivalDay = this.calendar.festivalDay[day] ?? 0;
      const inFestival = this.calendar.inFestival[day] === 1;
      this.festival[simDay] = inFestival ? 1 : 0;
      this.intent[simDay] = this.calendar.intent[day] ?? 1;
      if (inFestival && festivalDay >= boost.startDay && festivalDay <= boost.endDay) {
        const share = Math.min(traffic.maxBoostShare, traffic.boostShareLastYear * boost.multiplier);
        const lastYear = Math.min(traffic.maxBoostShare, traffic.boostShareLastYear);
        this.boostShare[simDay] = share;
        // Part of an extra boost pool adds commerce impressions to sessions, within bounds; the
        // rest displaces other content's — attention is conserved.
        const raw = 1 + (traffic.commerceShareResponse * (share - lastYear)) / Math.max(1e-9, 1 - lastYear);
        this.commerceMultiplier[simDay] = Math.min(traffic.maxCommerceShareMultiplier, Math.max(1 / traffic.maxCommerceShareMultiplier, raw));
      }
    }
    this.effort = this.population.merchants.usual;
    this.seedingShare = this.seedingShareOf(this.effort);

    this.handlers = {
      day: this.env.register((day) => this.onDayStart(day), "day"),
      userDays: this.env.register(() => this.onUserDays(), "sessions of a day"),
      liveStart: this.env.register((merchant) => this.onLiveStart(merchant), "live start"),
      wordOfMouth: this.env.register((payload) => this.onWordOfMouth(payload), "word of mouth"),
    };
  }

  /**
   * Runs the whole horizon, or only its first `until` days (benchmarks of large populations; the
   * outputs of a partial run cover only the days it reached).
   */
  run(until = this.endTime): void {
    const env = this.env;
    env.scheduleAt(0, this.handlers.day, 0, -1);
    const cumulative = this.calendar.cumulativeHourly;
    for (let user = 0; user < this.population.users.count; user++) {
      this.userCells[user * USER_ROW + USER_LAST_SESSION] = 0;
      const rate = this.segSessions[this.population.users.segment[user] ?? 0] ?? 0;
      this.arrivalStreams.select(user);
      this.refreshMinDue(user);
      if (rate > 0) this.agenda.add(user, realTime(cumulative, drawExponential(this.arrivalRng, rate)));
    }
    const end = Math.min(this.endTime, until);
    this.runUntil = end;
    env.run(end);
    this.flushTally();
    if (end === this.endTime) this.snapshot(this.calendar.days - 1);
  }

  /** The run's outputs, scaled to real users. */
  result(): SimulationResult {
    return summarizeRun(this);
  }

  /** Orders per user over the recorded days (for the repurchase rate). */
  get ordersPerUser(): Uint16Array {
    return this.userOrders;
  }

  /** Followers each merchant has now. */
  followerCount(merchant: number): number {
    return this.population.relations.followers[merchant]?.length ?? 0;
  }

  // -------------------------------------------------------------------------------------------
  // Days

  private onDayStart(simDay: number): void {
    this.flushTally();
    if (simDay - this.burnIn > 0) this.snapshot(simDay - this.burnIn - 1);
    const day = this.metrics.column(simDay - this.burnIn);
    this.tallyColumn = day;
    if (simDay === this.burnIn) {
      // The first reported day: the strategy's effort takes over from the burn-in's usual one.
      this.effort = this.population.merchants.strategy;
      this.seedingShare = this.seedingShareOf(this.effort);
    }
    const { merchants, products } = this.population;
    const time = this.env.now;

    for (let merchant = 0; merchant < merchants.count; merchant++) {
      this.recentSales[merchant] = (this.recentSales[merchant] ?? 0) * RECENT_SALES_DECAY + (this.ordersToday[merchant] ?? 0);
      this.ordersToday[merchant] = 0;
    }
    if (simDay % 7 === 0) {
      for (let merchant = 0; merchant < merchants.count; merchant++) {
        // Last week's growth, over the followers it started from.
        this.fanBase[merchant] = this.followersAtWeekStart[merchant] ?? 0;
        this.fanGain[merchant] = this.followerCount(merchant) - (this.followersAtWeekStart[merchant] ?? 0);
        this.followersAtWeekStart[merchant] = this.followerCount(merchant);
      }
    }

    this.dropDormantFollowers(simDay, time);

    // Launches due today: the product goes on the shelf and the merchant posts in its fan group.
    const launchTime = products.launchTime;
    while (this.launchCursor < this.launchOrder.length) {
      const product = this.launchOrder[this.launchCursor] ?? 0;
      if ((launchTime[product] ?? 0) >= simDay + 1) break;
      this.launchCursor++;
      const merchant = products.merchant[product] ?? 0;
      this.lastLaunch[merchant] = launchTime[product] ?? simDay;
      this.postToFanGroup(merchant, product, day);
    }

    this.restock(simDay);
    this.rebuildTables(simDay);

    // Own live streams today: a schedule (sessions of a day ask it at their own times) and an
    // event at each start to notify followers. Yesterday's stream may still run past midnight.
    for (let merchant = 0; merchant < merchants.count; merchant++) {
      this.liveCarry[merchant] = this.liveTo[merchant] ?? -Infinity;
      this.liveFrom[merchant] = Infinity;
      this.liveTo[merchant] = -Infinity;
      const hours = this.effort.liveHours[merchant] ?? 0;
      if (hours <= 0 || this.liveRng() >= (merchants.liveProbability[merchant] ?? 0)) continue;
      const start = simDay + (merchants.liveHour[merchant] ?? 20) / 24;
      this.liveFrom[merchant] = start;
      this.liveTo[merchant] = start + hours / 24;
      this.env.scheduleAt(start, this.handlers.liveStart, merchant);
    }
    this.prepareBrowsing(simDay);
    this.agenda.open(simDay);
    if (this.agenda.length > 0) this.env.scheduleAt(this.agenda.sortedTime[0]!, this.handlers.userDays, 0);
    if (simDay + 1 < this.endTime) this.env.scheduleAt(simDay + 1, this.handlers.day, simDay + 1, -1);
  }

  /** The dormancy sweep's schedule (made at the first day start: the sweep alone uses it). */
  private dormancySchedule: DormancySchedule | null = null;

  /**
   * Followers who have not engaged for a while go dormant; on each day start, each dormant follow
   * drops off with its segment's unfollowRatePerDay. A method of its own, apart from the rest of
   * the day start (V8 optimizes a small loop better than the same loop inside onDayStart, whose
   * launch and live-schedule branches the burn-in days never take).
   *
   * The sweep does not look at every follow every day: a follow's days of dormancy are Bernoulli
   * trials until the first success, so on a dormant follow's first dormant day one keyed draw
   * gives the geometric number of days it stays (P(≥ k) = (1 − rate)^k), and the sweep comes back
   * only on the day it unfollows — or, when that is not sooner, on the next multiple of `hop` days,
   * where it draws afresh (the geometric is memoryless). A follow engaged again in between is not
   * dormant on that day (see DormancySchedule.hop), and is moved to its first possible dormant
   * day; a new follow (RelationStore.newFollows) is scheduled at its first. A day's unfollows are
   * applied in the order of the sweep over every follow (each list from its end), which leaves the
   * follower lists as that sweep would with the same unfollows.
   */
  private dropDormantFollowers(simDay: number, time: number): void {
    const schedule = (this.dormancySchedule ??= new DormancySchedule(this.config.traffic.dormantAfterDays, this.endTime, this.segUnfollow));
    // Each loop in a method of its own. Called once a day, this method used to be compiled on-stack
    // in its first loop before the code after that loop had ever run: it bailed out there every
    // day (no type feedback), and the rest of the day's sweep ran in the interpreter.
    schedule.scheduleNewFollows(this.population.relations, this.population.users.segment, simDay);
    this.sweepDormancyBucket(schedule, simDay, time);
    const unfollows = schedule.unfollows;
    if (unfollows.length === 0) return;
    // Each list from its end: a removal then moves only an entry already passed (the list's last).
    const relations = this.population.relations;
    const slots = relations.followerSlot;
    const due = unfollows.items.subarray(0, unfollows.length);
    due.sort((a, b) => (slots[b] ?? 0) - (slots[a] ?? 0));
    for (let index = 0; index < due.length; index++) {
      relations.unfollow(due[index] ?? 0);
      this.count(M_FOLLOWERS_LOST, 1);
    }
    unfollows.length = 0;
  }

  /** The follows due a dormancy visit today: rescheduled, or queued in `schedule.unfollows`. */
  private sweepDormancyBucket(schedule: DormancySchedule, simDay: number, time: number): void {
    const relations = this.population.relations;
    const users = relations.user;
    const lastEngaged = relations.lastEngaged;
    const cells = relations.dormancy;
    const segments = this.population.users.segment;
    const dormantAfter = schedule.dormantAfter;
    const scale = schedule.scale;
    const unfollows = schedule.unfollows;
    const bucket = schedule.bucket(simDay);
    const hop = schedule.hop;
    const nextCheck = (Math.floor(simDay / hop) + 1) * hop;
    const key = KEY_DORMANT + simDay * KEY_PURPOSES;
    for (let index = 0; index < bucket.length; index++) {
      const record = bucket.items[index] ?? 0;
      const cell = cells[record] ?? NO_DORMANCY_VISIT;
      if (cell >> 1 !== simDay) continue;
      cells[record] = NO_DORMANCY_VISIT;
      if (!relations.isFollowing(record)) continue;
      const engaged = lastEngaged[record] ?? 0;
      if (time - engaged <= dormantAfter) {
        schedule.add(cells, record, schedule.firstDormantDay(engaged), VISIT_CHECK, simDay);
        continue;
      }
      if ((cell & 1) === VISIT_UNFOLLOW) {
        unfollows.push(record);
        continue;
      }
      const user = users[record] ?? 0;
      this.keyed.reseed(key, user, relations.merchant[record] ?? 0);
      const stays = Math.floor(Math.log1p(-this.rng()) * (scale[segments[user] ?? 0] ?? 0));
      if (stays === 0) unfollows.push(record);
      else if (simDay + stays < nextCheck) schedule.add(cells, record, simDay + stays, VISIT_UNFOLLOW, simDay);
      else schedule.add(cells, record, nextCheck, VISIT_CHECK, simDay);
    }
    bucket.clear();
  }

  /** The feed's share of influencer seeding under `effort`: more seeding bought, more influencer content, up to half of commerce impressions. */
  private seedingShareOf(effort: Effort): number {
    const merchants = this.population.merchants;
    let total = 0;
    let usual = 0;
    for (let merchant = 0; merchant < merchants.count; merchant++) {
      total += effort.seedingWeight[merchant] ?? 0;
      usual += merchants.usual.seedingWeight[merchant] ?? 0;
    }
    return Math.min(0.5, this.config.traffic.seedingShare * (usual > 0 ? total / usual : 0));
  }

  /** Records the day's stocks: followers and their average trust. */
  private snapshot(day: number): void {
    if (day < 0) return;
    const { relations, merchants } = this.population;
    let followers = 0;
    let trust = 0;
    for (let merchant = 0; merchant < merchants.count; merchant++) {
      const list = relations.followers[merchant];
      if (list === undefined) continue;
      followers += list.length;
      for (let index = 0; index < list.length; index++) trust += relations.trust[list.items[index] ?? 0] ?? 0;
    }
    this.metrics.set(M_FOLLOWER_STOCK, day, followers);
    this.metrics.set(M_AVG_TRUST, day, followers > 0 ? trust / followers : 0);
  }

  /**
   * The merchant an organic feed impression at `time` shows, drawn from today's organic table
   * (-1 when no merchant has weight). The new-launch multiplier goes to a new launcher's live room
   * only (see {@link organicNew}). Public for tests and researchers: it draws from the behaviour
   * stream, so calling it during a run changes the run.
   */
  organicMerchant(time: number): number {
    const table = this.organicTable;
    if (table === null) return NONE;
    const rng = this.rng;
    let merchant = table.sample(rng);
    for (let tries = 1; this.organicNew[merchant] === 1 && tries < NEW_LAUNCH_TRIES; tries++) {
      const accept = this.liveAt(merchant, time) ? this.newLiveAccept : this.newIdleAccept;
      if (accept >= 1 || rng() < accept) break;
      merchant = table.sample(rng);
    }
    return merchant;
  }

  /** Whether the merchant had a launch within the new-launch window at the start of today. */
  launchedRecently(merchant: number): boolean {
    return this.organicNew[merchant] === 1;
  }

  /** Whether the merchant's own live stream is on at `time` (today's, or yesterday's running past midnight). */
  liveAt(merchant: number, time: number): boolean {
    return (time >= (this.liveFrom[merchant] ?? Infinity) && time < (this.liveTo[merchant] ?? -Infinity)) || time < (this.liveCarry[merchant] ?? -Infinity);
  }

  private isNewLaunch(merchant: number, time: number): boolean {
    return time - (this.lastLaunch[merchant] ?? -Infinity) < this.config.traffic.newLaunchWindowDays;
  }

  /** Rebuilds who the platform shows: organic feed, boost pool, seeding, mall, venue, search. */
  private rebuildTables(simDay: number): void {
    const { merchants, products } = this.population;
    const { traffic, levers } = this.config;
    const count = merchants.count;
    const time = simDay;
    const organic = new Float64Array(count);
    const boost = new Float64Array(count);
    const seeding = new Float64Array(count);
    const mall = new Float64Array(count);
    const venue = new Float64Array(count);
    const rewarded = this.festival[simDay] === 1;
    for (let merchant = 0; merchant < count; merchant++) {
      const visibility = Math.sqrt(1 + this.followerCount(merchant));
      const isNew = this.isNewLaunch(merchant, time);
      const registered = merchants.registered[merchant] === 1;
      const growth = (this.fanGain[merchant] ?? 0) / Math.max(1, this.fanBase[merchant] ?? 0);
      // Rewards are the festival's incentives to registered merchants (注册商户将获得注册奖励、粉丝
      // 奖励、上线奖励 [seed]): traffic credits on festival days only, so the tail shows what lasts
      // after them (as it does after the boost).
      const reward = rewarded && registered ? 1 + levers.rewards.registration + (isNew ? levers.rewards.launch : 0) + levers.rewards.fan * Math.max(0, growth * 100) : 1;
      this.organicNew[merchant] = isNew ? 1 : 0;
      organic[merchant] = visibility * reward * (isNew ? Math.max(1, traffic.newLaunchTrafficMultiplier) : 1);
      const bid = visibility * (this.effort.boostBid[merchant] ?? 1);
      if (levers.boost.policy === "registeredOnly") boost[merchant] = registered ? bid : 0;
      else if (levers.boost.policy === "newLaunchFirst") boost[merchant] = bid * (isNew ? NEW_LAUNCH_FIRST_WEIGHT : 1);
      else boost[merchant] = bid;
      seeding[merchant] = this.effort.seedingWeight[merchant] ?? 0;
      const sales = 1 + (this.recentSales[merchant] ?? 0);
      mall[merchant] = visibility * sales;
      venue[merchant] = registered ? visibility * sales : 0;
    }
    this.organicTable = tableOf(organic);
    this.boostTable = tableOf(boost);
    this.seedingTable = tableOf(seeding);
    this.mallTable = tableOf(mall);
    this.venueTable = tableOf(venue);
    const search: Float64Array[] = Array.from({ length: this.categories }, () => new Float64Array(count));
    for (let product = 0; product < products.count; product++) {
      if ((products.launchTime[product] ?? 0) > time) continue;
      const merchant = products.merchant[product] ?? 0;
      const weights = search[products.category[product] ?? 0] as Float64Array;
      weights[merchant] = (weights[merchant] ?? 0) + (products.appeal[product] ?? 0) * (1 + (this.recentSales[merchant] ?? 0));
    }
    this.searchTables = search.map((weights) => tableOf(weights));
  }

  // -------------------------------------------------------------------------------------------
  // Sessions

  /**
   * One event per user per active day. The handler runs at the user's first session of a day and
   * plays every session of that day in time order: session arrivals are a Poisson process in
   * operational time (exponential gaps, memoryless), so drawing the next gap at the end of each
   * session and stopping at the day boundary yields exactly the sessions the per-session event
   * chain would; the first session past midnight becomes the next event.
   *
   * Every time-dependent rule inside uses the session's own time (live rooms from the day's live
   * schedule, coupon expiry, need deadlines, the 30-day rule, intent). What changes is only the
   * interleaving with other events of the same day: a user's later sessions run before events
   * between the first session and them — other users' orders (a merchant's load, the coupon
   * budget), live-start notifications and word of mouth reaching this user, fan-group posts. So a
   * notification at 19:00 can see state left by this user's 21:00 session (its purchase, follow or
   * claimed coupon); times stay exact, only the order of those rare same-day coincidences differs.
   */
  private onUserDays(): void {
    // The clock moves to each user-day's time in turn; another event due before the next one
    // (a live start, word of mouth, the next day start) runs first, and this event resumes after it.
    const agenda = this.agenda;
    const env = this.env;
    const users = agenda.sortedUser;
    const times = agenda.sortedTime;
    const length = agenda.length;
    const until = this.runUntil;
    let cursor = agenda.cursor;
    const cells = this.userCells;
    const due = this.population.users.due;
    const needs = this.needCells;
    const relations = this.population.relations;
    const head = relations.head;
    const follows = relations.followCount;
    const categories = this.categories;
    const ahead = PREFETCH_AHEAD;
    let sink = 0;
    let bits = 0;
    while (cursor < length) {
      const user = users[cursor]!;
      env.now = times[cursor]!;
      // The first cells a later user-day touches (see PREFETCH_AHEAD): its row of userCells (which
      // may straddle two lines), its needs, follows and agenda cells. What is reached
      // through them (its relation records, its purchase ledger) is not known yet.
      if (cursor + ahead < length) {
        const later = users[cursor + ahead]!;
        const row = later * USER_ROW;
        sink += cells[row]! + cells[row + USER_ROW - 1]! + due[later * categories]! + needs[later * NEED_ROW]! + agenda.warmTime(later);
        bits |= head[later]! | follows[later]! | agenda.warmLink(later);
      }
      cursor++;
      this.onUserDay(user);
      if (cursor === length) break;
      const next = times[cursor]!;
      if (!(next < until)) break;
      if (next > env.peek()) {
        env.scheduleAt(next, this.handlers.userDays, 0);
        break;
      }
    }
    agenda.cursor = cursor;
    this.prefetchSink = sink + bits;
  }

  private onUserDay(user: number): void {
    const first = this.env.now;
    const simDay = Math.floor(first);
    const day = this.metrics.column(simDay - this.burnIn);
    const segment = this.population.users.segment[user] ?? 0;
    this.arrivalStreams.select(user);
    const rate = this.segSessions[segment] ?? 0;
    const cumulative = this.calendar.cumulativeHourly;
    const hours = this.hourIndex;
    const arrivals = this.arrivalRng;
    const dayEnd = simDay + 1;
    let operational = operationalTime(cumulative, first);
    let time = first;
    let sessions = 0;
    // One call site of realTimeIndexed (the next session's time, today's or the next user-day's):
    // V8 inlines each call site into this function from one budget, and a second copy left
    // operationalTime out of it, so its float64 result was boxed at every user-day.
    // The user's arrival stream (its Alea state, cells 0–3 of the user's row) is held in locals
    // for the user-day and stepped here as StreamFamily.source steps it, the same numbers in the
    // same order: loading and storing the four cells at every draw cost more than the draws.
    const state = this.userCells;
    const at = user * USER_ROW;
    let s0 = state[at] as number;
    let s1 = state[at + 1] as number;
    let s2 = state[at + 2] as number;
    let carry = state[at + 3] as number;
    let t = 0;
    do {
      // The user's arrival stream gives each session its key as well as its time, so both are
      // the same in every strategy (KeyedStream.reseedFrom, with its two draws made here).
      t = ALEA_MULTIPLIER * s0 + carry * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      carry = t | 0;
      s2 = t - carry;
      const keyAt = (s2 * 1073741824) | 0;
      t = ALEA_MULTIPLIER * s0 + carry * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      carry = t | 0;
      s2 = t - carry;
      this.keyed.start(keyAt, (s2 * 1073741824) | 0);
      this.sessionTime = time;
      this.session(user, simDay, day, segment);
      sessions++;
      // Exponential gaps by the ziggurat: the same law as -log1p(-u) / rate, mostly without a logarithm.
      t = ALEA_MULTIPLIER * s0 + carry * TWO_POW_MINUS_32;
      s0 = s1;
      s1 = s2;
      carry = t | 0;
      s2 = t - carry;
      const bits = (s2 * 4294967296) >>> 0;
      let gap = exponentialFromBits(bits);
      if (gap < 0) {
        // The ziggurat's rare cases draw on from the stream itself: hand it the state, take it back.
        state[at] = s0;
        state[at + 1] = s1;
        state[at + 2] = s2;
        state[at + 3] = carry;
        gap = exponentialBeyondBits(arrivals, bits);
        s0 = state[at] as number;
        s1 = state[at + 1] as number;
        s2 = state[at + 2] as number;
        carry = state[at + 3] as number;
      }
      operational += gap / rate;
      time = realTimeIndexed(cumulative, hours, operational);
    } while (operational < dayEnd);
    state[at] = s0;
    state[at + 1] = s1;
    state[at + 2] = s2;
    state[at + 3] = carry;
    this.count(M_SESSIONS, sessions);
    this.agenda.add(user, time);
  }

  /**
   * Per-segment constants of today's browsing (rebuilt at each day start). A session's feed and
   * mall impressions are Poisson; each is of one kind (seeding, boosted, organic, mall) with fixed
   * shares, and a click candidate at the live room's rate with a probability of its kind, at most
   * its value at fatigue 1 (the bound). By Poisson splitting, the counts of each kind's impressions
   * that are not candidates at the bound and the count of candidates at the bound are independent
   * Poisson counts: they are drawn together (dayBrowseVector), and a candidate at the bound is given
   * its kind by these shares, then kept as a candidate at the session's fatigue by thinning.
   */
  private prepareBrowsing(simDay: number): void {
    const traffic = this.config.traffic;
    const rates = this.config.funnel.clickRate;
    for (let segment = 0; segment < this.segCommerce.length; segment++) {
      const feedMean = (this.segCommerce[segment] ?? 0) * (this.commerceMultiplier[simDay] ?? 1);
      const browseMean = feedMean + traffic.mallImpressionsPerSession;
      this.dayBrowseMean[segment] = browseMean;
      this.dayBrowseCount[segment] = poissonTable(browseMean);
      this.dayBrowseVector[segment] = null;
      if (browseMean <= 0) continue;
      const seedingShare = this.seedingShare;
      const boostShare = this.boostShare[simDay] ?? 0;
      const seedingEnd = (feedMean * seedingShare) / browseMean;
      this.daySeedingEnd[segment] = seedingEnd;
      this.dayBoostEnd[segment] = seedingEnd + (feedMean * (1 - seedingShare) * boostShare) / browseMean;
      this.dayOrganicEnd[segment] = feedMean / browseMean;
      // The kinds' means and their candidate probabilities at fatigue 1.
      const bound = (this.segClick[segment] ?? 1) * this.liveMax;
      const feedBound = Math.min(1, rates.feed * bound);
      const seeding = feedMean * seedingShare;
      const boosted = feedMean * (1 - seedingShare) * boostShare;
      const organic = feedMean * (1 - seedingShare) * (1 - boostShare);
      const mall = traffic.mallImpressionsPerSession;
      const seedingCandidates = seeding * Math.min(1, rates.seeding * bound);
      const boostedCandidates = boosted * feedBound;
      const organicCandidates = organic * feedBound;
      const mallCandidates = mall * Math.min(1, rates.mall * bound);
      const candidates = seedingCandidates + boostedCandidates + organicCandidates + mallCandidates;
      const means = [seeding - seedingCandidates, boosted - boostedCandidates, organic - organicCandidates, mall - mallCandidates, candidates];
      const key = means.join(",");
      let vector = this.browseVectors.get(key);
      if (vector === undefined) {
        vector = PoissonVector.of(means);
        this.browseVectors.set(key, vector);
      }
      this.dayBrowseVector[segment] = vector;
      if (candidates > 0) {
        this.dayCandidateSeedingEnd[segment] = seedingCandidates / candidates;
        this.dayCandidateBoostEnd[segment] = (seedingCandidates + boostedCandidates) / candidates;
        this.dayCandidateOrganicEnd[segment] = (seedingCandidates + boostedCandidates + organicCandidates) / candidates;
      }
    }
  }

  private session(user: number, simDay: number, day: number, segment: number): void {
    const time = this.sessionTime;
    const config = this.config;
    const traffic = config.traffic;
    const funnel = config.funnel;
    const rng = this.rng;

    const cells = this.userCells;
    const row = user * USER_ROW;
    const elapsed = time - (cells[row + USER_LAST_SESSION] ?? 0);
    cells[row + USER_LAST_SESSION] = time;
    const carried = cells[row + USER_FATIGUE] ?? 0;
    const stock = carried > 0 ? carried * (this.logCarry > -Infinity ? Math.exp(this.logCarry * elapsed) : Math.pow(funnel.fatigueCarryOver, elapsed)) : 0;
    // Click response to the exposure stock: a Hill curve, 1 / (1 + (stock / half)^shape). Written
    // out here rather than in a method: V8 stopped inlining that call (session is near its inlining
    // budget), and a float64 returned from a call that is not inlined is boxed.
    let fatigue = 1;
    if (stock > 0) {
      const ratio = stock / this.fatigueHalf;
      const shape = this.fatigueShape;
      const power = shape === 1.5 ? ratio * Math.sqrt(ratio) : shape === 1 ? ratio : shape === 2 ? ratio * ratio : Math.pow(ratio, shape);
      fatigue = 1 / (1 + power);
    }
    const clickBase = (this.segClick[segment] ?? 1) * fatigue;
    this.sessionClickBase = clickBase;
    let exposures = 0;

    const festival = this.festival[simDay] === 1;
    let unreached = festival && this.journey.unreached(user);
    if (festival && this.hasCoupons) this.offerCoupons(user, time, day, "allUsers");

    // Due needs: a followed merchant's store first (private), else search (public). USER_MIN_DUE
    // is a lower bound on when the needs next change without a look (a need falls due, a due one
    // runs out of patience), NEED_LOOK the first session at which a due need's look does
    // something (see needLook), so most sessions skip the loop; a held pull-forward coupon widens
    // the window it looks at.
    const holdsCoupon = this.hasCoupons ? this.pullForwardCoupon(user, time) : NONE;
    const window = holdsCoupon < 0 ? 0 : (config.levers.coupons[holdsCoupon]?.pullForwardDays ?? 0);
    const lookLeft = (cells[row + USER_LOOK_LEFT] ?? 0) - 1;
    cells[row + USER_LOOK_LEFT] = lookLeft;
    if ((cells[row + USER_MIN_DUE] ?? 0) - time <= window || lookLeft <= 0) exposures += this.dueNeeds(user, day, holdsCoupon);

    // Browsing: the recommendation feed (organic, boost pool, influencer seeding) and the mall.
    // One joint draw gives the session's impressions that are not click candidates at fatigue 1,
    // by kind, and the candidates at fatigue 1 (see prepareBrowsing); a uniform per candidate picks
    // its kind and whether it stays a candidate at this session's fatigue (thinned at the live
    // room's higher click rate, confirmed only for candidates). A user the journey has not reached
    // yet needs each seeding and boosted impression in turn: those sessions (and means too large
    // to tabulate) draw impression by impression (browseEach).
    const browseMean = this.dayBrowseMean[segment] ?? 0;
    if (browseMean > 0) {
      const vector = unreached ? null : (this.dayBrowseVector[segment] ?? null);
      if (vector === null) exposures += this.browseEach(user, segment, day, unreached);
      else {
        const drawn = vector.draw(rng);
        let seeding = drawn & COUNT_MASK;
        let boosted = (drawn >>> COUNT_BITS) & COUNT_MASK;
        let organic = (drawn >>> (2 * COUNT_BITS)) & COUNT_MASK;
        let mall = (drawn >>> (3 * COUNT_BITS)) & COUNT_MASK;
        const candidates = drawn >>> (4 * COUNT_BITS);
        if (candidates > 0) {
          const liveMax = this.liveMax;
          const bound = (this.segClick[segment] ?? 1) * liveMax;
          const seedingEnd = this.dayCandidateSeedingEnd[segment] ?? 0;
          const boostEnd = this.dayCandidateBoostEnd[segment] ?? 0;
          const organicEnd = this.dayCandidateOrganicEnd[segment] ?? 0;
          const feedCandidate = Math.min(1, funnel.clickRate.feed * clickBase * liveMax);
          const seedingCandidate = Math.min(1, funnel.clickRate.seeding * clickBase * liveMax);
          const mallCandidate = Math.min(1, funnel.clickRate.mall * clickBase * liveMax);
          // A candidate at fatigue 1 stays one with probability candidate / its bound: the part
          // of its kind's slice below the cut (a kind whose bound is 0 has no slice).
          const feedBound = Math.min(1, funnel.clickRate.feed * bound);
          const seedingBound = Math.min(1, funnel.clickRate.seeding * bound);
          const mallBound = Math.min(1, funnel.clickRate.mall * bound);
          const feedKept = feedBound > 0 ? feedCandidate / feedBound : 0;
          const seedingCut = seedingBound > 0 ? seedingEnd * (seedingCandidate / seedingBound) : 0;
          const boostCut = seedingEnd + (boostEnd - seedingEnd) * feedKept;
          const organicCut = boostEnd + (organicEnd - boostEnd) * feedKept;
          const mallCut = organicEnd + (1 - organicEnd) * (mallBound > 0 ? mallCandidate / mallBound : 0);
          for (let index = 0; index < candidates; index++) {
            const pick = rng();
            let kind: number;
            if (pick < seedingEnd) {
              seeding++;
              if (pick >= seedingCut) continue;
              kind = BROWSE_SEEDING;
            } else if (pick < boostEnd) {
              boosted++;
              if (pick >= boostCut) continue;
              kind = BROWSE_BOOST;
            } else if (pick < organicEnd) {
              organic++;
              if (pick >= organicCut) continue;
              kind = BROWSE_ORGANIC;
            } else {
              mall++;
              if (pick >= mallCut) continue;
              kind = BROWSE_MALL;
            }
            this.browseCandidate(user, kind, day, false);
          }
        }
        exposures += seeding + boosted + organic + mall;
        this.count(I_SEEDING, seeding);
        this.count(I_FEED, boosted + organic);
        this.count(I_MALL, mall);
        this.count(M_BOOST_IMPRESSIONS, boosted);
      }
    }

    // Follow feed (private): content of followed merchants.
    const relations = this.population.relations;
    const follows = relations.followCount[user] ?? 0;
    if (follows > 0 && traffic.followFeedImpressionsPerFollow > 0) {
      // The impressions that are click candidates at fatigue 1 and the rest, drawn together
      // (else a count, each impression then a candidate or not): only sessions with a candidate
      // go through the candidates' loop, kept out of session (near its inlining budget).
      const vector = follows < FOLLOW_FEED_TABLE ? (this.followFeedVector[segment * FOLLOW_FEED_TABLE + follows] ?? null) : null;
      let count: number;
      let candidates: number;
      if (vector !== null) {
        const drawn = vector.draw(rng);
        candidates = drawn >>> COUNT_BITS;
        count = (drawn & COUNT_MASK) + candidates;
      } else {
        count = this.drawFollowFeed(follows);
        candidates = count;
      }
      exposures += count;
      this.count(I_FOLLOW_FEED, count);
      if (candidates > 0) this.followFeedCandidates(user, segment, follows, candidates, vector !== null, day);
    }

    // Main venue (主会场) from the top navigation bar, festival days only.
    if (festival && rng() < traffic.venueVisitProbability) {
      if (this.hasCoupons) this.offerCoupons(user, time, day, "venue");
      const mean = traffic.venueImpressionsPerVisit;
      const count = this.venueCount !== null ? this.venueCount.draw(rng) : drawPoisson(rng, mean);
      exposures += count;
      this.browse(user, count, S_VENUE, this.venueTable, funnel.clickRate.venue * clickBase, time, day);
    }

    cells[row + USER_FATIGUE] = stock + exposures;
  }

  /**
   * The session's feed and mall impressions one by one (the exact path for a user the journey has
   * not reached yet, whose seeding and boosted impressions it needs in turn, and for means too
   * large to tabulate): one Poisson count, then one uniform per impression picks its kind and,
   * within the kind's slice, whether it is a click candidate (thinned at the live room's higher
   * click rate, confirmed only for candidates). Returns the impressions (exposures).
   */
  private browseEach(user: number, segment: number, day: number, unreached: boolean): number {
    const time = this.sessionTime;
    const clickBase = this.sessionClickBase;
    const funnel = this.config.funnel;
    const rng = this.rng;
    const table = this.dayBrowseCount[segment] ?? null;
    const browseMean = this.dayBrowseMean[segment] ?? 0;
    const total = table !== null ? table.draw(rng) : drawPoisson(rng, browseMean);
    if (total > 0) {
      const liveMax = this.liveMax;
      const seedingEnd = this.daySeedingEnd[segment] ?? 0;
      const boostEnd = this.dayBoostEnd[segment] ?? 0;
      const organicEnd = this.dayOrganicEnd[segment] ?? 0;
      const feedCandidate = Math.min(1, funnel.clickRate.feed * clickBase * liveMax);
      const seedingCandidate = Math.min(1, funnel.clickRate.seeding * clickBase * liveMax);
      const mallCandidate = Math.min(1, funnel.clickRate.mall * clickBase * liveMax);
      // Candidate thresholds on the uniform itself, one comparison an impression.
      const seedingCut = seedingEnd * seedingCandidate;
      const boostCut = seedingEnd + (boostEnd - seedingEnd) * feedCandidate;
      const organicCut = boostEnd + (organicEnd - boostEnd) * feedCandidate;
      const mallCut = organicEnd + (1 - organicEnd) * mallCandidate;
      let seeding = 0;
      let boosted = 0;
      let organic = 0;
      for (let index = 0; index < total; index++) {
        const pick = rng();
        let kind: number;
        if (pick < seedingEnd) {
          seeding++;
          if (pick >= seedingCut) {
            if (unreached) unreached = this.journey.impression(user, JOURNEY_SEEDING, this.seedingTable, time, day);
            continue;
          }
          kind = BROWSE_SEEDING;
        } else if (pick < boostEnd) {
          boosted++;
          if (pick >= boostCut) {
            if (unreached) unreached = this.journey.impression(user, JOURNEY_BOOST, this.boostTable, time, day);
            continue;
          }
          kind = BROWSE_BOOST;
        } else if (pick < organicEnd) {
          organic++;
          if (pick >= organicCut) continue;
          kind = BROWSE_ORGANIC;
        } else {
          if (pick >= mallCut) continue;
          kind = BROWSE_MALL;
        }
        unreached = this.browseCandidate(user, kind, day, unreached);
      }
      this.count(I_SEEDING, seeding);
      this.count(I_FEED, boosted + organic);
      this.count(I_MALL, total - seeding - boosted - organic);
      this.count(M_BOOST_IMPRESSIONS, boosted);
    }
    return total;
  }

  /**
   * A click candidate among the session's feed and mall impressions, of `kind` (BROWSE_*): its
   * merchant — boost traffic (助推流量) goes to a boosted merchant live now, by rejection (see
   * BOOST_LIVE_TRIES); influencer seeding (种草) to a merchant the user does not follow — then the
   * click's confirmation at that merchant's rate (candidates were thinned at the live room's),
   * the product and the click. The journey's first touch is recorded while `unreached`; returns
   * whether the user is still unreached.
   */
  private browseCandidate(user: number, kind: number, day: number, unreached: boolean): boolean {
    const time = this.sessionTime;
    const clickBase = this.sessionClickBase;
    const funnel = this.config.funnel;
    const rng = this.rng;
    const boostedRoom = kind === BROWSE_BOOST;
    const source = kind === BROWSE_SEEDING ? S_SEEDING : kind === BROWSE_MALL ? S_MALL : S_FEED;
    const table = kind === BROWSE_SEEDING ? this.seedingTable : boostedRoom ? this.boostTable : kind === BROWSE_ORGANIC ? this.organicTable : this.mallTable;
    const clickRate = kind === BROWSE_SEEDING ? funnel.clickRate.seeding : kind === BROWSE_MALL ? funnel.clickRate.mall : funnel.clickRate.feed;
    const candidate = Math.min(1, clickRate * clickBase * this.liveMax);
    if (table === null) return unreached;
    let merchant = kind === BROWSE_ORGANIC ? this.organicMerchant(time) : table.sample(rng);
    let live = this.liveAt(merchant, time);
    // When a few tries find no boosted merchant live (at night few are), the impression is the
    // last one drawn, shown as a plain feed item rather than a live room.
    for (let tries = 1; boostedRoom && !live && tries < BOOST_LIVE_TRIES; tries++) {
      merchant = table.sample(rng);
      live = this.liveAt(merchant, time);
    }
    let known = UNKNOWN;
    if (source === S_SEEDING) {
      // A merchant the user follows is drawn again; if every try finds one, the impression leads nowhere.
      known = this.unfollowedRecord(user, merchant);
      for (let tries = 1; known === FOLLOWED && tries < SEEDING_TRIES; tries++) {
        merchant = table.sample(rng);
        known = this.unfollowedRecord(user, merchant);
      }
      if (known === FOLLOWED) return unreached;
      live = this.liveAt(merchant, time);
    }
    if (unreached && (boostedRoom || source === S_SEEDING)) unreached = this.journey.touch(user, boostedRoom ? JOURNEY_BOOST : JOURNEY_SEEDING, merchant, day);
    const probability = Math.min(1, clickRate * clickBase * (live ? funnel.liveClickMultiplier : 1));
    if (probability < candidate && rng() * candidate >= probability) return unreached;
    this.click(user, merchant, -1, NONE, source, time, day, live, known);
    return unreached;
  }

  /**
   * The user's relation record with a merchant when the user does not follow it (NONE when there
   * is none), or FOLLOWED: what an influencer-seeding impression needs to know.
   */
  private unfollowedRecord(user: number, merchant: number): number {
    const relations = this.population.relations;
    if ((relations.head[user] ?? NONE) === NONE) return NONE;
    const record = relations.find(user, merchant);
    return record !== NONE && relations.isFollowing(record) ? FOLLOWED : record;
  }

  /**
   * A session's follow-feed click candidates: at fatigue 1 (`atBound`, each then kept with
   * probability candidate / bound at the session's fatigue) or at the session's fatigue (each
   * impression of the count, a candidate with that probability); each candidate is then thinned
   * at the live room's higher rate, confirmed only for candidates.
   */
  private followFeedCandidates(user: number, segment: number, follows: number, candidates: number, atBound: boolean, day: number): void {
    const time = this.sessionTime;
    const clickBase = this.sessionClickBase;
    const funnel = this.config.funnel;
    const relations = this.population.relations;
    const rng = this.rng;
    const candidate = Math.min(1, funnel.clickRate.followFeed * clickBase * this.liveMax);
    const bound = atBound ? Math.min(1, funnel.clickRate.followFeed * (this.segClick[segment] ?? 1) * this.liveMax) : 1;
    const kept = bound > 0 ? candidate / bound : 0;
    for (let index = 0; index < candidates; index++) {
      if (rng() >= kept) continue;
      const record = this.nthFollow(user, Math.floor(rng() * follows));
      if (record === NONE) continue;
      const merchant = relations.merchant[record] ?? 0;
      const live = this.liveAt(merchant, time);
      const probability = Math.min(1, funnel.clickRate.followFeed * clickBase * (live ? funnel.liveClickMultiplier : 1));
      if (probability < candidate && rng() * candidate >= probability) continue;
      this.click(user, merchant, -1, NONE, S_FOLLOW_FEED, time, day, live, record);
    }
  }

  /** Poisson count of follow-feed impressions for a user following `follows` merchants. */
  private drawFollowFeed(follows: number): number {
    const table = follows < FOLLOW_FEED_TABLE ? (this.followFeedCount[follows] ?? null) : null;
    if (table !== null) return table.draw(this.rng);
    const traffic = this.config.traffic;
    return drawPoisson(this.rng, Math.min(traffic.followFeedMaxImpressions, traffic.followFeedImpressionsPerFollow * follows));
  }

  /**
   * Per user (row user × NEED_ROW): the categories due at the last look at the needs, the latest
   * of their due times and the earliest due time of the others. It describes the needs exactly
   * at any time from that latest to before that earliest, as long as no need has moved since:
   * resetNeed voids it (NEED_LATEST_DUE = Infinity), and so do pulled-forward needs. A due need
   * is served in every session until it is met or leaks, mostly unmet; with the row, those
   * sessions skip the look at every category. Allocated by refreshMinDue at the start of a run.
   */
  private needCells = new Float64Array(0);
  /**
   * Per (user, category): the ordinal among the user's sessions (1 for the first) at which the due need is
   * next looked at for real, or UNSCHEDULED. In each session, a due need's look does nothing with
   * probability (1 − storeVisitProbability)(1 − searchProbability), whatever else holds (the store's
   * trust and the search's results come after): the looks that do something are a Bernoulli
   * sequence over the user's sessions, so the number of sessions between them is geometric. Drawing
   * that number (lookGap) and skipping the sessions in between is the per-session loop in
   * distribution, without its two draws a session for every need that is not served. A need that
   * moves (resetNeed) is unscheduled; when it is due again its first look is drawn afresh, which
   * memorylessness makes exact. Allocated by refreshMinDue with needCells.
   */
  private needLook = new Int32Array(0);
  /** P(a due need's look in a session does something): 1 − (1 − storeVisitProbability)(1 − searchProbability). */
  private readonly lookProbability: number;
  /** P(store tried | the look does something): storeVisitProbability over the look's probability. */
  private readonly lookStoreShare: number;
  /** log(1 − the look's probability), for gaps beyond the table. */
  private readonly logLookMiss: number;
  /** P(gap ≤ k) for k < LOOK_TABLE: a gap is the first k whose entry exceeds a uniform. */
  private readonly lookTable: Float64Array;
  /** Sum of the cells read ahead in onUserDays, kept so the reads are not optimized away. */
  private prefetchSink = 0;

  /**
   * The session's due needs (and needs a held coupon pulls forward); returns exposures. Refreshes
   * the user's need row and the gate session reads (USER_MIN_DUE, NEED_LOOK).
   */
  private dueNeeds(user: number, day: number, holdsCoupon: number): number {
    const time = this.sessionTime;
    const config = this.config;
    const patience = config.traffic.needPatienceDays;
    const categories = this.categories;
    const base = user * categories;
    const due = this.population.users.due;
    const looks = this.needLook;
    const coupon = holdsCoupon < 0 ? undefined : config.levers.coupons[holdsCoupon];
    // Without a held coupon nothing is pulled forward: a need not yet due is only looked at.
    const pullDays = coupon === undefined ? -1 : coupon.pullForwardDays;
    let exposures = 0;
    if (coupon === undefined && categories <= 31) {
      // No coupon, so no draw before a need is dealt with: the due categories (a bit each) and the
      // earliest of the others come from the user's need row when it still holds, else from one
      // tight pass (no calls); the due ones are then dealt with in category order.
      const cells = this.needCells;
      const at = user * NEED_ROW;
      // This session's ordinal among the user's sessions, from the countdown to the earliest look.
      const left = user * USER_ROW + USER_LOOK_LEFT;
      const ordinal = (cells[at + NEED_LOOK] ?? 0) - (this.userCells[left] ?? 0);
      let dueMask = 0;
      let next = Infinity;
      if ((cells[at + NEED_LATEST_DUE] ?? Infinity) <= time && (cells[at + NEED_NEXT] ?? 0) > time) {
        dueMask = cells[at + NEED_MASK] ?? 0;
        next = cells[at + NEED_NEXT] ?? Infinity;
      } else {
        for (let category = 0; category < categories; category++) {
          const dueAt = due[base + category] ?? Infinity;
          if (dueAt > time) {
            if (dueAt < next) next = dueAt;
          } else dueMask |= 1 << category;
        }
      }
      // The row again after dealing with the due needs: only theirs can have moved. With it, the
      // earliest time a still-due need runs out of patience and the earliest of their looks.
      let stillDue = 0;
      let latestDue = -Infinity;
      let deadline = Infinity;
      let nextLook = NEVER_LOOK;
      while (dueMask !== 0) {
        const bit = dueMask & -dueMask;
        const category = 31 - Math.clz32(bit);
        dueMask ^= bit;
        const slot = base + category;
        let look = looks[slot] ?? UNSCHEDULED;
        let served = false;
        if (time - (due[slot] ?? Infinity) > patience) {
          this.count(M_NEEDS_LEAKED, 1);
          // resetNeed written out: passing it the time (a float64) to a call V8 does not inline
          // boxed the time on every look at the needs, leaking or not.
          const shape = config.needs.cycleShape;
          due[slot] = time + drawGamma(this.rng, shape) * ((config.categories[category]?.cycleDays ?? 30) / shape);
        } else {
          // Due since the last look, or moved since: its first look is drawn from this session on.
          if (look === UNSCHEDULED) look = ordinal + this.lookGap();
          if (look <= ordinal) {
            exposures += this.serveNeed(user, category, day);
            served = true;
          }
        }
        const after = due[slot] ?? Infinity;
        if (after > time) {
          if (after < next) next = after;
          looks[slot] = UNSCHEDULED;
        } else {
          stillDue |= bit;
          if (after > latestDue) latestDue = after;
          if (after + patience < deadline) deadline = after + patience;
          if (served) look = ordinal + 1 + this.lookGap();
          if (look < nextLook) nextLook = look;
          looks[slot] = look;
        }
      }
      cells[at + NEED_MASK] = stillDue;
      cells[at + NEED_LATEST_DUE] = latestDue;
      cells[at + NEED_NEXT] = next;
      cells[at + NEED_LOOK] = nextLook;
      this.userCells[left] = nextLook - ordinal;
      this.userCells[user * USER_ROW + USER_MIN_DUE] = next < deadline ? next : deadline;
      return exposures;
    }
    // With a coupon (or more than 31 categories) every category is looked at, and a due need's look
    // is a draw of its own in each session: the schedule is set aside (memorylessness again). The
    // earliest look and its countdown stay as they are, so the ordinal above stays right.
    let earliest = Infinity;
    const lookProbability = this.lookProbability;
    for (let category = 0; category < categories; category++) {
      const slot = base + category;
      looks[slot] = UNSCHEDULED;
      let dueAt = due[slot] ?? Infinity;
      if (dueAt > time) {
        if (coupon === undefined || dueAt - time > pullDays || this.rng() >= coupon.pullForwardProbability) {
          if (dueAt < earliest) earliest = dueAt;
          continue;
        }
        // The coupon moves a soon-due need to now: bought today, not when it would have come.
        due[slot] = time;
        dueAt = time;
        this.count(M_PULLED_FORWARD, 1);
      }
      if (time - dueAt > patience) {
        this.count(M_NEEDS_LEAKED, 1);
        this.resetNeed(user, category, time);
      } else if (this.rng() < lookProbability) {
        exposures += this.serveNeed(user, category, day);
      }
      const after = due[slot] ?? Infinity;
      if (after < earliest) earliest = after;
    }
    // Needs may have been pulled forward: the need row no longer holds. A still-due need keeps the
    // earliest time at most now, so the next session looks again.
    this.needCells[user * NEED_ROW + NEED_LATEST_DUE] = Infinity;
    this.userCells[user * USER_ROW + USER_MIN_DUE] = earliest;
    return exposures;
  }

  /**
   * The number of the user's sessions, from this one on, before a due need's look next does
   * something (0: this one): geometric with the look's probability, from a table for the first
   * LOOK_TABLE values and by inversion beyond (memoryless). Capped at LOOK_GAP_MAX, beyond any run.
   */
  private lookGap(): number {
    const u = this.rng();
    const table = this.lookTable;
    for (let gap = 0; gap < LOOK_TABLE; gap++) if (u < table[gap]!) return gap;
    const rest = LOOK_TABLE + Math.floor(Math.log1p(-this.rng()) / this.logLookMiss);
    return rest < LOOK_GAP_MAX ? rest : LOOK_GAP_MAX;
  }

  /** Recomputes the user's earliest need time. */
  private refreshMinDue(user: number): void {
    const users = this.population.users.count;
    if (this.needCells.length !== users * NEED_ROW) {
      this.needCells = new Float64Array(users * NEED_ROW);
      this.needLook = new Int32Array(users * this.categories).fill(UNSCHEDULED);
    }
    this.needCells[user * NEED_ROW + NEED_LATEST_DUE] = Infinity;
    this.needCells[user * NEED_ROW + NEED_LOOK] = NEVER_LOOK;
    // No session yet: ordinal 0.
    this.userCells[user * USER_ROW + USER_LOOK_LEFT] = NEVER_LOOK;
    const base = user * this.categories;
    const due = this.population.users.due;
    let earliest = Infinity;
    for (let category = 0; category < this.categories; category++) {
      const at = due[base + category] ?? Infinity;
      if (at < earliest) earliest = at;
    }
    this.userCells[user * USER_ROW + USER_MIN_DUE] = earliest;
  }

  /**
   * `count` impressions from one table: each is a click candidate at the live room's rate, then
   * confirmed at the merchant's actual rate. Counts the impressions; returns nothing.
   */
  private browse(user: number, count: number, source: number, table: AliasTable | null, clickRate: number, time: number, day: number): void {
    this.count(SOURCE_IMPRESSIONS + source, count);
    if (table === null) return;
    const rng = this.rng;
    const liveMultiplier = this.config.funnel.liveClickMultiplier;
    const candidate = Math.min(1, clickRate * Math.max(1, liveMultiplier));
    for (let index = 0; index < count; index++) {
      if (rng() >= candidate) continue;
      const merchant = table.sample(rng);
      const live = this.liveAt(merchant, time);
      const probability = Math.min(1, clickRate * (live ? liveMultiplier : 1));
      if (probability < candidate && rng() * candidate >= probability) continue;
      this.click(user, merchant, -1, NONE, source, time, day, live);
    }
  }

  /**
   * A due need's look that does something (see needLook): visit a trusted followed merchant's
   * store, or search. Returns exposures.
   */
  private serveNeed(user: number, category: number, day: number): number {
    const traffic = this.config.traffic;
    const rng = this.rng;
    // A store visit happens with probability storeVisitProbability × trust in the best followed
    // merchant selling the category, else a search with searchProbability. Given that the look
    // does something, the store is tried with probability lookStoreShare, and a look that does not
    // try it searches. The first factor is drawn before looking for that merchant (and before
    // loading what the walk needs: most times it is not taken).
    if (rng() < this.lookStoreShare) {
      const relations = this.population.relations;
      // The walk calls nothing, so the relation arrays (replaced only when the pool grows) can be held.
      const next = relations.next;
      const followSince = relations.followSince;
      const merchantOf = relations.merchant;
      const trustOf = relations.trust;
      const appeal = this.categoryAppeal;
      const categories = this.categories;
      let best = NONE;
      let bestTrust = -1;
      for (let record = relations.head[user] ?? NONE; record !== NONE; record = next[record] ?? NONE) {
        // Followed (relations.isFollowing), written out.
        if ((followSince[record] ?? -1) < 0) continue;
        // A store the user can buy the category in today: something of it on the shelf (a catalog
        // entry not launched yet does not count).
        if ((appeal[(merchantOf[record] ?? 0) * categories + category] ?? 0) <= 0) continue;
        const trust = trustOf[record] ?? 0;
        if (trust > bestTrust) {
          best = record;
          bestTrust = trust;
        }
      }
      if (best !== NONE && rng() < bestTrust) {
        const time = this.sessionTime;
        const merchant = relations.merchant[best] ?? 0;
        this.count(I_STORE, 1);
        if (rng() < this.config.funnel.clickRate.store) {
          this.click(user, merchant, category, NONE, S_STORE, time, day, this.liveAt(merchant, time), best);
        }
        return 1;
      }
      if (rng() >= traffic.searchProbability) return 0;
    }
    const count = this.searchCount !== null ? this.searchCount.draw(rng) : drawPoisson(rng, traffic.searchImpressionsPerNeed);
    const table = this.searchTables[category] ?? null;
    // Without a search table nothing can be clicked (and nothing is drawn): every result is seen.
    let shown = count;
    if (table !== null) {
      const time = this.sessionTime;
      const clickRate = this.config.funnel.clickRate.search * this.sessionClickBase;
      const due = this.population.users.due;
      const slot = user * this.categories + category;
      shown = 0;
      while (shown < count) {
        shown++;
        if (rng() >= clickRate) continue;
        const merchant = table.sample(rng);
        this.click(user, merchant, category, NONE, S_SEARCH, time, day, this.liveAt(merchant, time));
        // One purchase meets the need: stop browsing the results.
        if ((due[slot] ?? 0) > time) break;
      }
    }
    this.count(I_SEARCH, shown);
    // Fatigue counts what the user saw: browsing stops at the purchase that meets the need.
    return shown;
  }

  /** The n-th merchant the user follows (its relation record). */
  private nthFollow(user: number, n: number): number {
    const relations = this.population.relations;
    // The walk calls nothing, so the arrays (replaced only when the pool grows) can be held.
    const next = relations.next;
    const followSince = relations.followSince;
    let seen = 0;
    for (let record = relations.head[user] ?? NONE; record !== NONE; record = next[record] ?? NONE) {
      // Followed (relations.isFollowing), written out.
      if ((followSince[record] ?? -1) < 0) continue;
      if (seen++ === n) return record;
    }
    return NONE;
  }

  /**
   * Which of a merchant's products the user looks at: the one they bought last (habit), or one
   * drawn from the catalog on the shelf by appeal. `category` < 0 means any category.
   */
  private pickProduct(user: number, merchant: number, category: number, known = UNKNOWN): number {
    const { relations, products } = this.population;
    const rng = this.rng;
    // A record the caller passes is the walk's answer (-1 when the user knows no merchant): no need to look at the list.
    const record = known !== UNKNOWN ? known : (relations.head[user] ?? NONE) === NONE ? NONE : relations.find(user, merchant);
    this.pickedRecord = record;
    if (record !== NONE) {
      const last = relations.lastProduct[record] ?? NONE;
      if (last !== NONE && (category < 0 || products.category[last] === category) && rng() < this.config.funnel.habitProbability) return last;
    }
    const shelf = this.shelf[merchant];
    const cumulative = this.shelfAppeal[merchant];
    if (shelf === undefined || cumulative === undefined || shelf.length === 0) return NONE;
    if (category < 0) {
      const target = rng() * (cumulative[shelf.length - 1] ?? 0);
      // The first index whose cumulative appeal exceeds the target (the last one at worst).
      let low = 0;
      let high = shelf.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if ((cumulative[middle] ?? 0) <= target) low = middle + 1;
        else high = middle;
      }
      return shelf[low] ?? NONE;
    }
    const slot = merchant * this.categories + category;
    const total = this.categoryAppeal[slot] ?? 0;
    if (total <= 0) return NONE;
    const candidates = this.categoryShelf[slot] as Int32Array;
    let target = rng() * total;
    let chosen = NONE;
    for (let index = 0; index < candidates.length; index++) {
      const product = candidates[index] ?? 0;
      chosen = product;
      target -= products.appeal[product] ?? 0;
      if (target < 0) break;
    }
    return chosen;
  }

  /** Puts each merchant's launched products on its shelf, with cumulative appeal for drawing one (merchants whose shelf changes today). */
  private restock(simDay: number): void {
    const { merchants, products } = this.population;
    for (let merchant = 0; merchant < merchants.count; merchant++) {
      // A shelf changes only when one of the merchant's products launches: most days, none does.
      if ((this.nextOnShelf[merchant] ?? -Infinity) > simDay) continue;
      const catalog = merchants.catalog[merchant] ?? [];
      const onShelf = catalog.filter((product) => (products.launchTime[product] ?? 0) <= simDay);
      let next = Infinity;
      for (const product of catalog) {
        const launch = products.launchTime[product] ?? 0;
        if (launch > simDay && launch < next) next = launch;
      }
      this.nextOnShelf[merchant] = next;
      const cumulative = new Float64Array(onShelf.length);
      let total = 0;
      onShelf.forEach((product, index) => {
        total += products.appeal[product] ?? 0;
        cumulative[index] = total;
      });
      this.shelf[merchant] = Int32Array.from(onShelf);
      this.shelfAppeal[merchant] = cumulative;
      // The shelf by category, in shelf order, with its total appeal summed in that order.
      for (let category = 0; category < this.categories; category++) {
        const ofCategory = onShelf.filter((product) => products.category[product] === category);
        let appeal = 0;
        for (const product of ofCategory) appeal += products.appeal[product] ?? 0;
        this.categoryShelf[merchant * this.categories + category] = Int32Array.from(ofCategory);
        this.categoryAppeal[merchant * this.categories + category] = appeal;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // The funnel: click → cart → order

  /**
   * A click on `product` of `merchant`, or, when `product` is NONE, on the product pickProduct
   * chooses among the merchant's (of `category`; < 0: any). The product matters to nothing before
   * the cart decision but that decision's need factor (a due need's category carts at the full
   * rate, other products at impulseFactor times it), so its cart uniform is drawn first and held
   * against the rate at the larger factor: at or above it there is no cart whatever the product,
   * and none is chosen (four clicks in five at the defaults). Below it the product is chosen and the same
   * uniform, uniform below that bound, decides against its own rate: the law of choosing first.
   * The choice is deferred only where pickProduct is sure to find a product (a shelf to draw from,
   * and repeat purchases allowed, so no click is refused for its product); else it comes first.
   * @param known the (user, merchant) relation record when the caller has just looked it up (-1: none), else UNKNOWN.
   */
  private click(user: number, merchant: number, category: number, product: number, source: number, time: number, day: number, live: boolean, known = UNKNOWN): void {
    const config = this.config;
    const funnel = config.funnel;
    const rng = this.rng;
    const { relations, products, users } = this.population;
    if (product === NONE) {
      const shelf = this.shelf[merchant];
      if (!funnel.repeatPurchase || shelf === undefined || shelf.length === 0 || (category >= 0 && (this.categoryAppeal[merchant * this.categories + category] ?? 0) <= 0)) {
        product = this.pickProduct(user, merchant, category, known);
        if (product === NONE) return;
        known = this.pickedRecord;
      }
    }
    // What the click needs of the day, read before the calls below: after a call the JIT reloads
    // each object and checks its map again. Nothing below changes them. The user's segment is read
    // only where it is needed (each typed-array read costs a dozen instructions).
    const intent = this.intent[Math.floor(time)] ?? 1;
    this.count(SOURCE_CLICKS + source, 1);
    this.journey.clicked(user, merchant);
    if (!funnel.repeatPurchase && this.purchases.lastPurchase(user, product) !== null) return;
    let record = known === UNKNOWN ? relations.find(user, merchant) : known;
    const isPrivate = source >= FIRST_PRIVATE_SOURCE;
    const following = record !== NONE && relations.isFollowing(record);
    // max: a day's sessions run in one handler, so an earlier-timed event may come after a later session.
    if (record !== NONE && (isPrivate || following)) relations.lastEngaged[record] = Math.max(time, relations.lastEngaged[record] ?? 0);
    if (live && !following && rng() < funnel.followOnLiveEnter * (this.segFollow[users.segment[user] ?? 0] ?? 1)) {
      // The record, if any, was just found: only a user who has none gets one.
      if (record === NONE) record = relations.create(user, merchant, funnel.strangerTrust, time);
      this.followMerchant(record, time);
    }
    const trust = record === NONE ? funnel.strangerTrust : (relations.trust[record] ?? 0);
    const weight = isPrivate ? funnel.privateTrustWeight : funnel.trustWeight;
    const trustFactor = Math.max(0, 1 + weight * (trust - 0.5));
    const cartScale = funnel.cartRate * trustFactor * intent;
    const cartDraw = rng();
    if (cartDraw >= cartScale * this.cartNeedMax) return;
    // A new follow's record has no last product, as no record has: the choice's law is the same as before the follow.
    if (product === NONE) product = this.pickProduct(user, merchant, category, record);
    const needDue = (users.due[user * this.categories + (products.category[product] ?? 0)] ?? Infinity) <= time;
    if (cartDraw >= cartScale * (needDue ? 1 : funnel.impulseFactor)) return;
    this.count(SOURCE_CARTS + source, 1);
    const price = products.price[product] ?? 0;
    const coupon = this.usableCoupon(user, price, time);
    let priceFactor = 1;
    if (coupon !== NONE) {
      const face = config.levers.coupons[coupon]?.faceValue ?? 0;
      const paid = Math.max(MIN_PRICE_SHARE * price, price - face);
      priceFactor = Math.pow(paid / price, funnel.priceElasticity * (this.segPrice[users.segment[user] ?? 0] ?? 1));
    }
    if (rng() >= funnel.orderRate * trustFactor * priceFactor) return;
    this.order(user, product, source, time, day, live, coupon, needDue, record);
  }

  /** @param known the (user, merchant) relation record as click left it, or -1 when the user has none. */
  private order(user: number, product: number, source: number, time: number, day: number, live: boolean, coupon: number, servesNeed: boolean, known: number): void {
    const config = this.config;
    const funnel = config.funnel;
    const rng = this.rng;
    const { relations, products, merchants } = this.population;
    const merchant = products.merchant[product] ?? 0;
    const category = products.category[product] ?? 0;
    const price = products.price[product] ?? 0;
    const recorded = day < this.calendar.days;

    const isNew = this.purchases.record(user, product, time);
    if (recorded) {
      this.count(SOURCE_ORDERS + source, 1);
      this.count(SOURCE_GMV + source, price);
      this.count(M_ORDERS, 1);
      this.count(M_GMV, price);
      this.count(source >= FIRST_PRIVATE_SOURCE ? M_GMV_PRIVATE : M_GMV_PUBLIC, price);
      if (merchants.registered[merchant] === 1) this.count(M_GMV_PARTICIPANT, price);
      if (isNew) this.count(M_GMV_NEW_TO_BUYER, price);
      if (Number.isFinite(products.launchTime[product] ?? -Infinity)) this.count(M_GMV_LAUNCHED, price);
      this.count(TYPE_GMV + (merchants.type[merchant] ?? 0), price);
      this.productGmv[product] = (this.productGmv[product] ?? 0) + price;
      this.productOrders[product] = (this.productOrders[product] ?? 0) + 1;
      this.userOrders[user] = Math.min(65535, (this.userOrders[user] ?? 0) + 1);
      if (source >= FIRST_PRIVATE_SOURCE) this.journey.privateOrder(user, merchant, price);
    }
    this.ordersToday[merchant] = (this.ordersToday[merchant] ?? 0) + 1;

    const record = known !== NONE ? known : relations.create(user, merchant, funnel.strangerTrust, time);
    this.count((relations.orders[record] ?? 0) === 0 ? M_NEW_CUSTOMERS : M_REPEAT_ORDERS, 1);
    relations.orders[record] = Math.min(65535, (relations.orders[record] ?? 0) + 1);
    relations.lastProduct[record] = product;
    relations.lastEngaged[record] = Math.max(time, relations.lastEngaged[record] ?? 0);
    // A purchase that meets a due need restarts the need's cycle; an impulse purchase is extra
    // consumption (category expansion) and leaves the cycle alone. Purchases are moved earlier only
    // by pulling a need forward (coupons), so a dip after a promotion comes from pull-forward alone.
    if (servesNeed) this.resetNeed(user, category, time);

    if (coupon !== NONE) {
      const face = config.levers.coupons[coupon]?.faceValue ?? 0;
      this.couponExpiry[user * config.levers.coupons.length + coupon] = 0;
      this.couponBudgetLeft[coupon] = (this.couponBudgetLeft[coupon] ?? 0) - face * this.scale;
      this.count(M_COUPON_REDEMPTIONS, 1);
      this.count(M_COUPON_COST, face);
    }

    // After the order: a return, or satisfaction (which falls when the merchant is overloaded).
    const trust = config.trust;
    if (rng() < (products.returnRate[product] ?? 0)) {
      this.count(M_RETURNS, 1);
      this.count(M_RETURNED_GMV, price);
      relations.trust[record] = (relations.trust[record] ?? 0) * (1 - trust.lossOnReturn);
      if (relations.isFollowing(record) && rng() < trust.unfollowOnReturn) {
        relations.unfollow(record);
        this.count(M_FOLLOWERS_LOST, 1);
      }
    } else {
      this.count(M_NET_GMV, price);
      const load = (this.ordersToday[merchant] ?? 0) / (merchants.capacity[merchant] ?? 1);
      const satisfaction = (merchants.quality[merchant] ?? 0) * (1 - trust.overloadQualityDrop * Math.min(1, Math.max(0, load - 1)));
      const current = relations.trust[record] ?? 0;
      relations.trust[record] = rng() < satisfaction ? current + trust.gainOnSatisfied * (1 - current) : current * (1 - trust.lossOnUnsatisfied);
    }
    if (!relations.isFollowing(record)) {
      const follow = (live ? funnel.followAfterLiveOrder : funnel.followAfterOrder) * (this.segFollow[this.population.users.segment[user] ?? 0] ?? 1);
      if (rng() < follow) this.followMerchant(record, time);
    }

    // Word of mouth: contacts over the next activeDays (Bass's imitation term).
    const wom = config.wordOfMouth;
    if (wom.contactsPerDay > 0 && wom.activeDays > 0) {
      const womRng = this.womRng;
      // Contacts form a Poisson process over the talking days; only the part before the horizon
      // can matter, so only it is drawn (the same process, restricted).
      const talking = Math.min(wom.activeDays, this.endTime - time);
      const contacts = talking > 0 ? drawPoisson(womRng, wom.contactsPerDay * talking) : 0;
      for (let index = 0; index < contacts; index++) {
        this.env.scheduleAt(time + womRng() * talking, this.handlers.wordOfMouth, user * PRODUCT_SPAN + product);
      }
    }
  }

  private followMerchant(record: number, time: number): void {
    const relations = this.population.relations;
    if (relations.follow(record, time)) {
      this.count(M_FOLLOWERS_GAINED, 1);
      this.journey.followed(relations.user[record] ?? 0, relations.merchant[record] ?? 0);
    }
  }

  private resetNeed(user: number, category: number, time: number): void {
    const cycle = this.config.categories[category]?.cycleDays ?? 30;
    const shape = this.config.needs.cycleShape;
    // The need moves: the user's need row no longer holds, its look is drawn afresh when it is due
    // again, and the next look at the needs comes no later than that.
    this.needCells[user * NEED_ROW + NEED_LATEST_DUE] = Infinity;
    const slot = user * this.categories + category;
    this.needLook[slot] = UNSCHEDULED;
    const after = time + drawGamma(this.rng, shape) * (cycle / shape);
    this.population.users.due[slot] = after;
    const gate = user * USER_ROW + USER_MIN_DUE;
    if (after < (this.userCells[gate] ?? 0)) this.userCells[gate] = after;
  }

  // -------------------------------------------------------------------------------------------
  // Private traffic: live streams and fan groups

  private onLiveStart(merchant: number): void {
    const time = this.env.now;
    const day = this.metrics.column(Math.floor(time) - this.burnIn);
    const { relations } = this.population;
    const traffic = this.config.traffic;
    const list = relations.followers[merchant];
    if (list === undefined) return;
    const openBase = traffic.notificationOpenProbability * (this.effort.fanEngagement[merchant] ?? 1) * this.config.funnel.clickRate.liveNotification;
    const rng = this.rng;
    this.count(I_LIVE_NOTIFICATION, list.length);
    // Every follower is notified; one opens with probability openBase × trust × dormancy, at most
    // maxOpen. Thinning: followers become candidates independently at maxOpen, found by geometric
    // skips on the merchant-side stream without touching the others, and a candidate opens with
    // probability open / maxOpen drawn from the follower's own stream — the same Bernoulli(open).
    const maxOpen = Math.min(1, openBase);
    if (maxOpen <= 0) return;
    const skip = maxOpen < 1 ? 1 / Math.log1p(-maxOpen) : 0;
    const thinning = this.thinningRng;
    for (let index = list.length - 1; index >= 0; index--) {
      if (skip !== 0) {
        index -= Math.floor(Math.log1p(-thinning()) * skip);
        if (index < 0) break;
      }
      const record = list.items[index] ?? 0;
      const dormant = time - (relations.lastEngaged[record] ?? 0) > traffic.dormantAfterDays;
      const open = openBase * (relations.trust[record] ?? 0) * (dormant ? traffic.dormantResponseFactor : 1);
      const user = relations.user[record] ?? 0;
      this.keyed.reseed(KEY_LIVE + Math.floor(time) * KEY_PURPOSES, user, merchant);
      if (rng() * maxOpen >= open) continue;
      this.offerCoupons(user, time, day, "followers");
      this.click(user, merchant, -1, NONE, S_LIVE_NOTIFICATION, time, day, true);
    }
  }

  private postToFanGroup(merchant: number, product: number, day: number): void {
    const { relations } = this.population;
    const traffic = this.config.traffic;
    const list = relations.followers[merchant];
    if (list === undefined) return;
    const time = this.env.now;
    const reach = Math.min(1, traffic.fanGroupReach * (this.effort.fanEngagement[merchant] ?? 1));
    const clickRate = this.config.funnel.clickRate.fanGroup;
    const rng = this.rng;
    if (reach <= 0) return;
    // Thinned as in onLiveStart: candidates at the full reach by geometric skips, then each sees
    // the post with probability (its reach) / reach from its own stream.
    const skip = reach < 1 ? 1 / Math.log1p(-reach) : 0;
    const thinning = this.thinningRng;
    for (let index = list.length - 1; index >= 0; index--) {
      if (skip !== 0) {
        index -= Math.floor(Math.log1p(-thinning()) * skip);
        if (index < 0) break;
      }
      const record = list.items[index] ?? 0;
      const dormant = time - (relations.lastEngaged[record] ?? 0) > traffic.dormantAfterDays;
      this.keyed.reseed(KEY_FAN_GROUP + Math.floor(time) * KEY_PURPOSES, relations.user[record] ?? 0, product);
      if (dormant && rng() >= traffic.dormantResponseFactor) continue;
      this.count(I_FAN_GROUP, 1);
      if (rng() >= clickRate) continue;
      this.click(relations.user[record] ?? 0, merchant, -1, product, S_FAN_GROUP, time, day, this.liveAt(merchant, time));
    }
  }

  // -------------------------------------------------------------------------------------------
  // Word of mouth

  private onWordOfMouth(payload: number): void {
    const from = Math.floor(payload / PRODUCT_SPAN);
    const product = payload - from * PRODUCT_SPAN;
    const time = this.env.now;
    const day = this.metrics.column(Math.floor(time) - this.burnIn);
    const womRng = this.womRng;
    // Random mixing: a contact is anyone; telling oneself changes nothing (Bass's hazard q·F).
    const contact = Math.floor(womRng() * this.population.users.count);
    if (contact === from) return;
    this.count(I_WORD_OF_MOUTH, 1);
    const segment = this.population.users.segment[contact] ?? 0;
    this.keyed.reseed(KEY_WORD_OF_MOUTH + Math.floor(time) * KEY_PURPOSES, contact, mix32(from) ^ product);
    if (this.rng() >= this.config.funnel.clickRate.wordOfMouth * (this.segClick[segment] ?? 1)) return;
    const merchant = this.population.products.merchant[product] ?? 0;
    this.click(contact, merchant, -1, product, S_WORD_OF_MOUTH, time, day, this.liveAt(merchant, time));
  }

  // -------------------------------------------------------------------------------------------
  // Coupons

  /** Offers the coupons handed out through `channel` today; a user holds one of each at a time. */
  private offerCoupons(user: number, time: number, day: number, channel: "venue" | "allUsers" | "followers"): void {
    const coupons = this.config.levers.coupons;
    if (coupons.length === 0) return;
    const festivalDay = this.calendar.festivalDay[day] ?? Number.NaN;
    for (let index = 0; index < coupons.length; index++) {
      const coupon = coupons[index];
      if (coupon === undefined || coupon.distribution !== channel) continue;
      if (!(festivalDay >= coupon.startDay && festivalDay <= coupon.endDay)) continue;
      if ((this.couponBudgetLeft[index] ?? 0) <= 0) continue;
      const slot = user * coupons.length + index;
      if ((this.couponExpiry[slot] ?? 0) > time) continue;
      if (this.rng() >= coupon.claimRate) continue;
      this.couponExpiry[slot] = time + coupon.validityDays;
      this.count(M_COUPONS_CLAIMED, 1);
    }
  }

  /** A held, unexpired coupon usable on this price with budget left, or -1. */
  private usableCoupon(user: number, price: number, time: number): number {
    const coupons = this.config.levers.coupons;
    for (let index = 0; index < coupons.length; index++) {
      const coupon = coupons[index];
      if (coupon === undefined || (this.couponExpiry[user * coupons.length + index] ?? 0) <= time) continue;
      if (price < coupon.threshold || (this.couponBudgetLeft[index] ?? 0) <= 0) continue;
      return index;
    }
    return NONE;
  }

  /** The first held coupon that pulls needs forward, or -1. */
  private pullForwardCoupon(user: number, time: number): number {
    const coupons = this.config.levers.coupons;
    for (let index = 0; index < coupons.length; index++) {
      const coupon = coupons[index];
      if (coupon === undefined || coupon.pullForwardProbability <= 0 || coupon.pullForwardDays <= 0) continue;
      // A coupon whose budget is spent can no longer be redeemed, so it pulls nothing forward.
      if ((this.couponBudgetLeft[index] ?? 0) <= 0) continue;
      if ((this.couponExpiry[user * coupons.length + index] ?? 0) > time) return index;
    }
    return NONE;
  }

  /** Adds to a daily metric, for the day being simulated (see {@link tally}). */
  private count(metric: number, value: number): void {
    this.tally[metric]! += value;
  }

  /** Moves today's tally into its day's column (burn-in days share a column nobody reads). */
  private flushTally(): void {
    const column = this.tallyColumn;
    if (column < 0) return;
    const tally = this.tally;
    for (let metric = 0; metric < tally.length; metric++) {
      const value = tally[metric] ?? 0;
      if (value === 0) continue;
      this.cells[metric * this.stride + column]! += value;
      tally[metric] = 0;
    }
  }
}

export { SOURCES };
