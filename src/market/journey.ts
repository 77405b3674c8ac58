/**
 * The 种草 → 养草 → 拔草 journey (seed → nurture → harvest [seed]) followed user by user: the
 * first time in the festival window a user who does not follow a merchant is shown it by
 * influencer seeding or by the boost pool, and whether that user then follows that merchant and
 * buys from it through private traffic.
 *
 *   reached  — the user's first seeding or boosted impression of a festival day (warm-up, festival
 *              or peak) showing a merchant the user does not follow at that moment. 种草 is
 *              exposure to the merchant's content, so an impression counts, clicked or not; an
 *              impression of a merchant the user already follows is not 种草 (the merchant
 *              already has the user in its private domain) and leaves the user unreached.
 *   clicked  — after the touch (the touching impression included), the user clicks a product of
 *              the merchant that reached them, through any source: the content took (被种草).
 *   followed — after the touch, the user starts following the merchant that reached them
 *              (养草: the user enters that merchant's private domain), on any later day of the
 *              horizon, tail included.
 *   bought   — after following, the user orders from that merchant through a private source
 *              (follow feed, live notification, store visit, fan group: 拔草 in the private loop).
 *
 * Each user is reached at most once (the first touch), by one source and one merchant. The state
 * is three typed arrays, 7 bytes a user. Impressions the hot loop does not resolve to a merchant
 * (those that are not click candidates) get their merchant drawn here from a stream of the
 * journey's own, with the same rules the hot loop uses (seeding reaches non-followers, a boosted
 * impression goes to a boosted merchant live at that moment): the behaviour streams see no extra
 * draw, so every other output of a run is what it was without the journey.
 */
import type { AliasTable, RandomSource } from "../random/index.js";
import type { RelationStore } from "./relations.js";

/** Sources of a first touch, in the order of the state's low bits (1 + index). */
export const JOURNEY_SOURCES = ["seeding", "boost"] as const;
export type JourneySource = (typeof JOURNEY_SOURCES)[number];

/** First touch by influencer seeding. */
export const JOURNEY_SEEDING = 1;
/** First touch by a boosted impression. */
export const JOURNEY_BOOST = 2;
const SOURCE_MASK = 3;
const CLICKED = 4;
const FOLLOWED = 8;
const BOUGHT = 16;
const NONE = -1;
/** As the hot loop's SEEDING_TRIES: draws from the seeding pool to find a merchant the user does not follow. */
const SEEDING_TRIES = 8;
/** As the hot loop's BOOST_LIVE_TRIES: draws from the boost pool to find a merchant live now. */
const BOOST_LIVE_TRIES = 64;

/** The journey's counts for one source (simulated users, unscaled; GMV in simulated yuan). */
export interface JourneyCounts {
  readonly reached: number;
  readonly clicked: number;
  readonly followed: number;
  readonly privateBuyers: number;
  /** Private-traffic GMV of the reached users' orders from the merchant that reached them, after they followed it. */
  readonly privateGmv: number;
}

/** Per-user journey state of one run. */
export class Journey {
  /** 0 while unreached; else the source (JOURNEY_SEEDING or JOURNEY_BOOST) | 4 once clicked | 8 once followed | 16 once bought privately. */
  readonly state: Uint8Array;
  /** The merchant of the first touch (valid once reached). */
  readonly merchant: Int32Array;
  /** Reported day (0 = the first reported day) of the first touch (valid once reached). */
  readonly day: Uint16Array;
  /** Private GMV of journey users, by source index (simulated yuan). */
  private readonly gmv = new Float64Array(JOURNEY_SOURCES.length);

  constructor(
    users: number,
    private readonly relations: RelationStore,
    /** The journey's own stream: merchants of impressions the hot loop left unresolved. */
    private readonly rng: RandomSource,
    private readonly liveAt: (merchant: number, time: number) => boolean,
  ) {
    this.state = new Uint8Array(users);
    this.merchant = new Int32Array(users);
    this.day = new Uint16Array(users);
  }

  /** Whether the user has not been reached yet. */
  unreached(user: number): boolean {
    return this.state[user] === 0;
  }

  /**
   * A seeding or boosted impression whose merchant the hot loop did not draw (not a click
   * candidate): draws it from the pool's table as the hot loop would, and records the touch.
   * @returns whether the user is still unreached.
   */
  impression(user: number, source: number, table: AliasTable | null, time: number, day: number): boolean {
    if (table === null) return true;
    const rng = this.rng;
    let merchant = table.sample(rng);
    if (source === JOURNEY_BOOST) {
      for (let tries = 1; !this.liveAt(merchant, time) && tries < BOOST_LIVE_TRIES; tries++) merchant = table.sample(rng);
    } else {
      for (let tries = 1; this.follows(user, merchant) && tries < SEEDING_TRIES; tries++) merchant = table.sample(rng);
    }
    return this.touch(user, source, merchant, day);
  }

  /**
   * A seeding or boosted impression of `merchant` on reported day `day`: the user's first touch
   * unless the user follows the merchant (then it is no 种草 and the user stays unreached).
   * @returns whether the user is still unreached.
   */
  touch(user: number, source: number, merchant: number, day: number): boolean {
    if (this.state[user] !== 0) return false;
    if (this.follows(user, merchant)) return true;
    this.state[user] = source;
    this.merchant[user] = merchant;
    this.day[user] = day;
    return false;
  }

  /** The user clicked a product of `merchant` (through any source). */
  clicked(user: number, merchant: number): void {
    const state = this.state[user] ?? 0;
    if ((state & SOURCE_MASK) !== 0 && (state & CLICKED) === 0 && this.merchant[user] === merchant) this.state[user] = state | CLICKED;
  }

  /** The user started following `merchant`. */
  followed(user: number, merchant: number): void {
    const state = this.state[user] ?? 0;
    if ((state & SOURCE_MASK) !== 0 && (state & FOLLOWED) === 0 && this.merchant[user] === merchant) this.state[user] = state | FOLLOWED;
  }

  /** The user ordered from `merchant` through a private source, for `price` (simulated yuan). */
  privateOrder(user: number, merchant: number, price: number): void {
    const state = this.state[user] ?? 0;
    if ((state & FOLLOWED) === 0 || this.merchant[user] !== merchant) return;
    this.state[user] = state | BOUGHT;
    this.gmv[(state & SOURCE_MASK) - 1]! += price;
  }

  /** Counts by source, in JOURNEY_SOURCES order. */
  counts(): JourneyCounts[] {
    const reached = [0, 0];
    const clicked = [0, 0];
    const followed = [0, 0];
    const bought = [0, 0];
    const state = this.state;
    for (let user = 0; user < state.length; user++) {
      const value = state[user] ?? 0;
      const source = (value & SOURCE_MASK) - 1;
      if (source < 0) continue;
      reached[source]!++;
      if ((value & CLICKED) !== 0) clicked[source]!++;
      if ((value & FOLLOWED) !== 0) followed[source]!++;
      if ((value & BOUGHT) !== 0) bought[source]!++;
    }
    return JOURNEY_SOURCES.map((_, index) => ({
      reached: reached[index] ?? 0,
      clicked: clicked[index] ?? 0,
      followed: followed[index] ?? 0,
      privateBuyers: bought[index] ?? 0,
      privateGmv: this.gmv[index] ?? 0,
    }));
  }

  /** Bytes held (for the memory benchmark). */
  bytes(): number {
    return this.state.byteLength + this.merchant.byteLength + this.day.byteLength;
  }

  private follows(user: number, merchant: number): boolean {
    const relations = this.relations;
    if ((relations.head[user] ?? NONE) === NONE) return false;
    const record = relations.find(user, merchant);
    return record !== NONE && relations.isFollowing(record);
  }
}
