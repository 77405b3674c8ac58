/**
 * The users' next user-days, kept apart from the event set: each user has exactly one pending
 * user-day (the first session of the next day it is active on), so the model holds one entry per
 * user in a list per simulated day and sorts a day's list when the day starts. The market then
 * plays a day's user-days in time order from one event that advances through the sorted list,
 * yielding to any other event (live starts, word of mouth, the next day start) that comes first.
 *
 * The order is the event set's: by time, and at equal times in the order the entries were added
 * (the event set's insertion sequence). What it saves is the event set's work per user-day — a
 * push into a bucket, the bucket's sort when it reaches the front, the pop and the slot
 * bookkeeping — for a counting sort of the day's entries into bins of the day's fraction and an
 * insertion sort of each bin (a few entries each).
 */

const NONE = -1;

/** One list of pending user-days per simulated day, and the current day's entries sorted by time. */
export class UserDayAgenda {
  /** First and last user of each day's list (NONE: empty), linked in the order they were added. */
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Entries in each day's list. */
  private readonly counts: Int32Array;
  /** Per user: the next user in its day's list, and the time of its pending user-day. */
  private readonly link: Int32Array;
  private readonly time: Float64Array;
  /** The open day's entries in time order (the first `length` cells). */
  readonly sortedUser: Int32Array;
  readonly sortedTime: Float64Array;
  length = 0;
  /** The open day's next entry to play. */
  cursor = 0;
  /** Per bin of the open day: its count, then how far it is filled; and where it starts. */
  private binCells = new Int32Array(0);

  /** @param users how many users; @param days simulated days (an entry on a later day is dropped). */
  constructor(users: number, readonly days: number) {
    this.head = new Int32Array(days).fill(NONE);
    this.tail = new Int32Array(days).fill(NONE);
    this.counts = new Int32Array(days);
    this.link = new Int32Array(users).fill(NONE);
    this.time = new Float64Array(users);
    this.sortedUser = new Int32Array(users);
    this.sortedTime = new Float64Array(users);
  }

  /** Adds the user's next user-day at `time` (on a day not yet opened); times past the last day are dropped. */
  add(user: number, time: number): void {
    const day = Math.floor(time);
    if (!(day < this.days)) return;
    this.time[user] = time;
    this.link[user] = NONE;
    const last = this.tail[day]!;
    if (last === NONE) this.head[day] = user;
    else this.link[last] = user;
    this.tail[day] = user;
    this.counts[day]!++;
  }

  /** Reads the user's cells that {@link add} will write, so they are in the cache by then (the values mean nothing). */
  warmTime(user: number): number {
    return this.time[user]!;
  }

  /** See {@link warmTime}. */
  warmLink(user: number): number {
    return this.link[user]!;
  }

  /** Sorts the day's list into {@link sortedUser} / {@link sortedTime} and rewinds the cursor. */
  open(day: number): void {
    this.cursor = 0;
    this.length = 0;
    if (!(day >= 0 && day < this.days)) return;
    const first = this.head[day]!;
    const count = this.counts[day]!;
    this.head[day] = NONE;
    this.tail[day] = NONE;
    this.counts[day] = 0;
    if (first === NONE) return;
    const link = this.link;
    const time = this.time;
    // Bins of the day's fraction, about two entries a bin (a power of two: fraction × bins is exact).
    // Each bin has two cells, side by side: its count, then where it is filled to, and its start.
    let bins = 1;
    while (bins * 2 < count) bins *= 2;
    if (this.binCells.length < 2 * bins) this.binCells = new Int32Array(4 * bins);
    const cells = this.binCells;
    cells.fill(0, 0, 2 * bins);
    for (let user = first; user !== NONE; user = link[user]!) cells[(((time[user]! - day) * bins) | 0) << 1]!++;
    let filled = 0;
    for (let at = 0; at < 2 * bins; at += 2) {
      const size = cells[at]!;
      cells[at] = filled;
      cells[at + 1] = filled;
      filled += size;
    }
    const sortedUser = this.sortedUser;
    const sortedTime = this.sortedTime;
    // In list order, each entry goes to the end of its bin and moves down past the bin's later
    // times (insertion: stable, so equal times keep the order they were added in). Bins hold a
    // few entries each, so this is the whole sort: entries of earlier bins are earlier.
    for (let user = first; user !== NONE; user = link[user]!) {
      const at = time[user]!;
      const bin = (((at - day) * bins) | 0) << 1;
      let hole = cells[bin]!;
      cells[bin] = hole + 1;
      const binFirst = cells[bin + 1]!;
      while (hole > binFirst && sortedTime[hole - 1]! > at) {
        sortedTime[hole] = sortedTime[hole - 1]!;
        sortedUser[hole] = sortedUser[hole - 1]!;
        hole--;
      }
      sortedTime[hole] = at;
      sortedUser[hole] = user;
    }
    this.length = count;
  }

  /** Bytes held. */
  bytes(): number {
    return this.head.byteLength + this.tail.byteLength + this.counts.byteLength + this.link.byteLength + this.time.byteLength + this.sortedUser.byteLength + this.sortedTime.byteLength + this.binCells.byteLength;
  }
}
