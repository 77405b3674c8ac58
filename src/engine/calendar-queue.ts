/**
 * The pending-event set as a calendar queue (Brown 1988): buckets of width `w` cover one "year"
 * of `buckets × w` time units; an event at time t goes to bucket floor(t / w) mod buckets, in a
 * list sorted by (time, order). Dequeue scans forward from the current bucket for an event within
 * the current bucket's year, and falls back to a direct search after a full empty year. The
 * bucket count doubles/halves with the size and the width is re-estimated from the gaps between
 * the earliest events, so operations stay O(1) expected when the event-time distribution is
 * stationary.
 *
 * List nodes are the environment's slots, so the lists live in typed arrays indexed by slot and
 * nothing is allocated per event. Kept as a selectable alternative to the 4-ary heap; see
 * docs/perf-kernel.md for which one wins where.
 */
import type { EventSet } from "./event-queue.js";

const NONE = -1;
const MIN_BUCKETS = 16;
/** Pushes between checks of the scan/walk work (see retune). */
const RETUNE_WINDOW = 65_536;
/** Average buckets scanned plus nodes walked per push above which the width is re-estimated. */
const RETUNE_WORK = 8;
/** Earliest events sampled to estimate the bucket width. */
const WIDTH_SAMPLE = 64;

/** Calendar queue on (time, order), carrying a slot per entry. */
export class CalendarQueue implements EventSet {
  size = 0;
  poppedTime = 0;
  limit = Infinity;
  private nodeTime: Float64Array;
  private nodeOrder: Float64Array;
  private nodeNext: Int32Array;
  private heads: Int32Array;
  private tails: Int32Array;
  private mask: number;
  private width = 1;
  /** Virtual bucket (floor(time / width)) where the last minimum was found. */
  private currentBucket = 0;
  /** Cache from minTime() for the following popSlot(): bucket index of the minimum, or NONE. */
  private minBucket = NONE;
  private shrinkBelow: number;
  /** Buckets scanned and list nodes walked since the last check, and operations in that window. */
  private work = 0;
  private operations = 0;
  private retuneWindow = RETUNE_WINDOW;
  private retunedLastWindow = false;
  private growAbove: number;

  /** @param capacity expected number of entries (sizes the node arrays). */
  constructor(capacity = 1024) {
    const cap = Math.max(64, capacity | 0);
    this.nodeTime = new Float64Array(0);
    this.nodeOrder = new Float64Array(0);
    this.nodeNext = new Int32Array(cap);
    this.heads = new Int32Array(MIN_BUCKETS).fill(NONE);
    this.tails = new Int32Array(MIN_BUCKETS).fill(NONE);
    this.mask = MIN_BUCKETS - 1;
    this.growAbove = 2 * MIN_BUCKETS;
    this.shrinkBelow = 0;
  }

  headTime(): number {
    return this.nodeTime[this.heads[this.findMin()]!]!;
  }

  headSlot(): number {
    return this.heads[this.findMin()]!;
  }

  attach(slotTime: Float64Array, slotOrder: Float64Array): void {
    this.nodeTime = slotTime;
    this.nodeOrder = slotOrder;
    if (this.nodeNext.length < slotTime.length) {
      const next = new Int32Array(slotTime.length);
      next.set(this.nodeNext);
      this.nodeNext = next;
    }
  }

  push(slot: number): void {
    this.insert(slot);
    const time = this.nodeTime[slot]!;
    // An event earlier than the last minimum's bucket must not be skipped by the forward scan.
    const virtual = Math.floor(time / this.width);
    if (virtual < this.currentBucket) this.currentBucket = virtual;
    this.minBucket = NONE;
    if (++this.size > this.growAbove) this.resize(this.heads.length * 2);
    else if (++this.operations >= this.retuneWindow || this.work > RETUNE_WORK * this.retuneWindow) this.retune();
  }

  /**
   * Brown's calendar only re-estimates the bucket width when the size doubles or halves; if the
   * time distribution drifts at a constant size (day/night cycles, a burst of far-future events),
   * scans and list walks lengthen. Every RETUNE_WINDOW pushes, re-estimate when the average work
   * per operation has grown past RETUNE_WORK, or sooner once the window's work budget is spent
   * (a drain toward far-future events does a full direct search per pop).
   */
  private retune(): void {
    if (this.work > RETUNE_WORK * this.operations) {
      // A rebuild is O(n log n); if the last one did not help, wait twice as long before the next
      // so a distribution no width suits cannot make us rebuild every window.
      this.retuneWindow = this.retunedLastWindow ? Math.min(this.retuneWindow * 2, 2 ** 26) : this.retuneWindow;
      this.resize(this.heads.length);
      this.retunedLastWindow = true;
    } else {
      this.retunedLastWindow = false;
      this.retuneWindow = RETUNE_WINDOW;
    }
    this.work = 0;
    this.operations = 0;
  }

  minTime(): number {
    return this.size === 0 ? Infinity : this.headTime();
  }

  /** Bucket holding the minimum (cached until the next push or pop); the set must not be empty. */
  private findMin(): number {
    if (this.minBucket !== NONE) return this.minBucket;
    const heads = this.heads;
    const nodeTime = this.nodeTime;
    const mask = this.mask;
    const width = this.width;
    let virtual = this.currentBucket;
    for (let scanned = 0; scanned <= mask; scanned++, virtual++) {
      const bucket = virtual & mask;
      const head = heads[bucket]!;
      if (head !== NONE && Math.floor(nodeTime[head]! / width) <= virtual) {
        this.work += scanned;
        this.currentBucket = virtual;
        this.minBucket = bucket;
        return bucket;
      }
    }
    return this.directSearch();
  }

  /** After a whole year without an event in its own year: the next event is far ahead; find it directly. */
  private directSearch(): number {
    // Two passes over every bucket (the failed year scan and this search): costly work for retune.
    this.work += 2 * (this.mask + 1);
    const heads = this.heads;
    const nodeTime = this.nodeTime;
    let best = NONE;
    let bestTime = Infinity;
    let bestOrder = Infinity;
    for (let bucket = 0; bucket <= this.mask; bucket++) {
      const head = heads[bucket]!;
      if (head === NONE) continue;
      const t = nodeTime[head]!;
      if (t < bestTime || (t === bestTime && this.nodeOrder[head]! < bestOrder)) {
        best = bucket;
        bestTime = t;
        bestOrder = this.nodeOrder[head]!;
      }
    }
    this.currentBucket = Math.floor(bestTime / this.width);
    this.minBucket = best;
    return best;
  }

  popBefore(): number {
    if (this.size === 0) return -1;
    const bucket = this.findMin();
    const head = this.heads[bucket]!;
    const time = this.nodeTime[head]!;
    if (!(time < this.limit)) return -1;
    this.poppedTime = time;
    const following = this.nodeNext[head]!;
    this.heads[bucket] = following;
    if (following === NONE) this.tails[bucket] = NONE;
    this.minBucket = NONE;
    if (--this.size < this.shrinkBelow) this.resize(this.heads.length >> 1);
    else if (++this.operations >= this.retuneWindow || this.work > RETUNE_WORK * this.retuneWindow) this.retune();
    return head;
  }

  popSlot(): number {
    const bucket = this.findMin();
    const head = this.heads[bucket]!;
    const following = this.nodeNext[head]!;
    this.heads[bucket] = following;
    if (following === NONE) this.tails[bucket] = NONE;
    this.minBucket = NONE;
    if (--this.size < this.shrinkBelow) this.resize(this.heads.length >> 1);
    else if (++this.operations >= this.retuneWindow || this.work > RETUNE_WORK * this.retuneWindow) this.retune();
    return head;
  }

  removeWhere(isDead: (slot: number) => boolean): void {
    const heads = this.heads;
    const next = this.nodeNext;
    for (let bucket = 0; bucket < heads.length; bucket++) {
      this.tails[bucket] = NONE;
      let previous = NONE;
      let node = heads[bucket]!;
      while (node !== NONE) {
        const following = next[node]!;
        if (isDead(node)) {
          if (previous === NONE) heads[bucket] = following;
          else next[previous] = following;
          this.size--;
        } else {
          previous = node;
          this.tails[bucket] = node;
        }
        node = following;
      }
    }
    this.minBucket = NONE;
  }

  /**
   * Links `slot` into its bucket in (time, order) order. Takes only the slot (its time and order
   * are already in the node arrays) so a call that is not inlined boxes no float64 arguments.
   * An event at or after the bucket's last one is appended through the tail pointer in O(1): the
   * common case of a burst of same-time events (FIFO by sequence) never walks the list.
   */
  private insert(slot: number): void {
    const nodeTime = this.nodeTime;
    const nodeOrder = this.nodeOrder;
    const next = this.nodeNext;
    const time = nodeTime[slot]!;
    const order = nodeOrder[slot]!;
    const bucket = Math.floor(time / this.width) & this.mask;
    const tail = this.tails[bucket]!;
    if (tail === NONE) {
      next[slot] = NONE;
      this.heads[bucket] = slot;
      this.tails[bucket] = slot;
      return;
    }
    if (time > nodeTime[tail]! || (time === nodeTime[tail]! && order > nodeOrder[tail]!)) {
      next[slot] = NONE;
      next[tail] = slot;
      this.tails[bucket] = slot;
      return;
    }
    let node = this.heads[bucket]!;
    if (time < nodeTime[node]! || (time === nodeTime[node]! && order < nodeOrder[node]!)) {
      next[slot] = node;
      this.heads[bucket] = slot;
      return;
    }
    for (;;) {
      // The tail compares greater, so the walk stops before running off the list.
      this.work++;
      const following = next[node]!;
      if (time < nodeTime[following]! || (time === nodeTime[following]! && order < nodeOrder[following]!)) {
        next[slot] = following;
        next[node] = slot;
        return;
      }
      node = following;
    }
  }

  private resize(bucketCount: number): void {
    if (bucketCount < MIN_BUCKETS) bucketCount = MIN_BUCKETS;
    // Gather every node, estimate the width from the earliest ones, then rehash.
    const n = this.size;
    const nodes = new Int32Array(n);
    let k = 0;
    for (let bucket = 0; bucket < this.heads.length; bucket++) {
      for (let node = this.heads[bucket]!; node !== NONE; node = this.nodeNext[node]!) nodes[k++] = node;
    }
    const width = this.estimateWidth(nodes);
    if (width > 0 && Number.isFinite(width)) this.width = width;
    this.heads = new Int32Array(bucketCount).fill(NONE);
    this.tails = new Int32Array(bucketCount).fill(NONE);
    this.mask = bucketCount - 1;
    this.growAbove = 2 * bucketCount;
    this.shrinkBelow = bucketCount > MIN_BUCKETS ? bucketCount >> 1 : 0;
    // Insert earliest first so each sorted insert is a tail append.
    const times = this.nodeTime;
    const orders = this.nodeOrder;
    const sorted = Array.from(nodes).sort((a, b) => times[a]! - times[b]! || orders[a]! - orders[b]!);
    for (const node of sorted) this.insert(node);
    this.minBucket = NONE;
    this.currentBucket = n > 0 ? Math.floor(times[sorted[0]!]! / this.width) : 0;
    this.work = 0;
    this.operations = 0;
  }

  /** Brown's rule: three times the mean gap between the earliest events, ignoring outlier gaps. */
  private estimateWidth(nodes: Int32Array): number {
    const n = nodes.length;
    if (n < 2) return this.width;
    const times = new Float64Array(n);
    for (let i = 0; i < n; i++) times[i] = this.nodeTime[nodes[i]!]!;
    times.sort();
    const m = Math.min(n, WIDTH_SAMPLE);
    let sum = 0;
    for (let i = 1; i < m; i++) sum += times[i]! - times[i - 1]!;
    const mean = sum / (m - 1);
    let trimmedSum = 0;
    let trimmedCount = 0;
    for (let i = 1; i < m; i++) {
      const gap = times[i]! - times[i - 1]!;
      if (gap <= 2 * mean) {
        trimmedSum += gap;
        trimmedCount++;
      }
    }
    const gap = trimmedCount > 0 ? trimmedSum / trimmedCount : mean;
    return gap > 0 ? 3 * gap : this.width;
  }

}
