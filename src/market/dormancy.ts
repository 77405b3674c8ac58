/**
 * The schedule of the daily dormancy sweep (see Market.dropDormantFollowers): which followed
 * relation records it visits on which day, so that it does not walk every follower list every day.
 *
 * A record is visited on the first day it is dormant (no engagement for more than
 * `dormantAfterDays`), then on the day its geometric draw says it unfollows or, if that is not
 * sooner, on the next multiple of `hop` days; a visit that finds the record engaged again moves it
 * to the first day it can be dormant. The schedule is a ring of day buckets: a visit is never
 * scheduled more than `floor(dormantAfterDays) + 1` days ahead. An entry is live while the
 * record's `dormancy` cell still names its day (stale entries, left by a reschedule or a re-follow,
 * are skipped), so a record has at most one live visit.
 */
import { IntList, NO_DORMANCY_VISIT, type RelationStore } from "./relations.js";

export { NO_DORMANCY_VISIT };

// Visit kinds (the low bit of a record's `dormancy` cell).
/** Look whether the record is dormant; if it is, draw the days until it unfollows. */
export const VISIT_CHECK = 0;
/** The day the draw made at an earlier visit says the record unfollows, if still dormant. */
export const VISIT_UNFOLLOW = 1;

export class DormancySchedule {
  /**
   * Days from a visit of a dormant record to its next check, at most: floor(dormantAfterDays), at
   * least 1. A follow engaged again after a visit on day V (at a time of V − 1 or later) cannot be
   * dormant again before day V + hop, so an unfollow visit sooner than that finds it engaged, and
   * the check at the hop comes no later than the first day of a new dormant stretch.
   */
  readonly hop: number;
  /** Per segment: 1 / log(1 − unfollowRatePerDay), the scale of the geometric draw; NaN when the rate is 0 (never unfollows). */
  readonly scale: Float64Array;
  /** Today's unfollows, gathered by the sweep and applied in the follower lists' order. */
  readonly unfollows = new IntList();
  private readonly buckets: IntList[];

  /** @param endDay the first simulated day not run (visits on it or later are dropped). */
  constructor(readonly dormantAfter: number, readonly endDay: number, unfollowRates: ArrayLike<number>) {
    // A cell holds day × 2 + kind in 16 bits, and NO_DORMANCY_VISIT >> 1 must name no day run.
    if (!(endDay <= NO_DORMANCY_VISIT >> 1)) throw new RangeError(`DormancySchedule: ${endDay} days are more than the 16-bit visit cells hold`);
    this.hop = Math.max(1, Math.floor(dormantAfter));
    this.scale = Float64Array.from(unfollowRates, (rate) => (rate > 0 ? 1 / Math.log1p(-Math.min(1, rate)) : Number.NaN));
    const ring = Math.max(2, Math.min(Math.floor(dormantAfter) + 2, endDay + 1));
    this.buckets = Array.from({ length: ring }, () => new IntList());
  }

  /** The records to visit on `day` (some of them stale: check their `dormancy` cell). */
  bucket(day: number): IntList {
    return this.buckets[day % this.buckets.length] as IntList;
  }

  /**
   * Schedules a visit of `record` on `day` (today at the earliest), replacing its pending one;
   * none past the horizon. Visits are never due further ahead than the ring holds (see the class
   * comment); were a check due further, it would come at the ring's end, which only adds a visit.
   */
  add(cells: Uint16Array, record: number, day: number, kind: number, today: number): void {
    if (day >= this.endDay) {
      cells[record] = NO_DORMANCY_VISIT;
      return;
    }
    if (day < today) day = today;
    else if (kind === VISIT_CHECK && day - today >= this.buckets.length) day = today + this.buckets.length - 1;
    const cell = day * 2 + kind;
    if (cells[record] === cell) return;
    cells[record] = cell;
    this.bucket(day).push(record);
  }

  /**
   * Today's new follows (RelationStore.newFollows, then emptied): each gets a visit on the first
   * day it can be dormant, none if its user's segment never unfollows.
   */
  scheduleNewFollows(relations: RelationStore, segments: Uint8Array, today: number): void {
    const users = relations.user;
    const lastEngaged = relations.lastEngaged;
    const cells = relations.dormancy;
    const scale = this.scale;
    // The list is emptied before the loop (which adds nothing to it), so no code of this method
    // comes after the loop: compiled on-stack inside the loop on a day with many new follows, the
    // sweep used to bail out every day at code after it that had not run yet.
    const fresh = relations.newFollows;
    const items = fresh.items;
    const count = fresh.length;
    fresh.clear();
    for (let index = 0; index < count; index++) {
      const record = items[index] ?? 0;
      if (!relations.isFollowing(record) || !((scale[segments[users[record] ?? 0] ?? 0] ?? Number.NaN) <= 0)) continue;
      this.add(cells, record, this.firstDormantDay(lastEngaged[record] ?? 0), VISIT_CHECK, today);
    }
  }

  /** The first (integer) day on which a follow last engaged at `lastEngaged` is dormant: the least t with t − lastEngaged > dormantAfter. */
  firstDormantDay(lastEngaged: number): number {
    const dormantAfter = this.dormantAfter;
    let day = Math.floor(lastEngaged + dormantAfter) + 1;
    // The sum rounds: settle on the least day by the sweep's own comparison.
    while (day - 1 - lastEngaged > dormantAfter) day--;
    while (!(day - lastEngaged > dormantAfter)) day++;
    return day;
  }
}
