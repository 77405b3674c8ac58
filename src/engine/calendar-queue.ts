/**
 * The pending-event set as a calendar queue (Brown 1988): buckets of width `w` cover one "year"
 * of `buckets × w` time units; an event at time t goes to bucket floor(t / w) mod buckets, in a
 * list sorted by (time, order). Dequeue scans forward from the current bucket for an event within
 * the current bucket's year, and falls back to a direct search after a full empty year. The
 * bucket count doubles/halves with the size and the width is re-estimated from the gaps between
 * the earliest events, so operations stay O(1) expected when the event-time distribution is
 * stationary.
 *
 * List nodes are the environment's slots, so the lists (and each entry's time, order, payload and
 * handler) live in typed arrays indexed by slot and nothing is allocated per event. See
 * docs/perf-kernel.md for how it compares with the heap and the ladder queue.
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
/**
 * Buckets are 16-byte records in one buffer: the tail's time as float64 (index 2b), then head and
 * tail slots as int32 (indices 4b + 2, 4b + 3). An append reads and writes one cache line and
 * compares with the tail's time without touching the tail's slot record.
 */
const B_HEAD = 2;
const B_TAIL = 3;

/** Calendar queue on (time, order), carrying a slot per entry. */
export class CalendarQueue implements EventSet {
  size = 0;
  limit = Infinity;
  poppedHandler = 0;
  readonly input = new Float64Array(3);
  readonly output = new Float64Array(2);
  private nodeTime: Float64Array;
  private nodeOrder: Float64Array;
  private nodePayload: Float64Array;
  private nodeHandler: Int32Array;
  private nodeNext: Int32Array;
  /** Bucket records: tail time (float64 view) and head/tail slots (int32 view). */
  private bucketTimes: Float64Array;
  private bucketSlots: Int32Array;
  private mask: number;
  private width = 1;
  /** 1 / width: bucket of time t is floor(t * inverseWidth), the same product everywhere. */
  private inverseWidth = 1;
  /** Virtual bucket (floor(time / width)) where the last minimum was found. */
  private currentBucket = 0;
  private shrinkBelow: number;
  /** Buckets scanned and list nodes walked since the last check, and operations in that window. */
  private work = 0;
  private operations = 0;
  private retuneWindow = RETUNE_WINDOW;
  private retunedLastWindow = false;
  private growAbove: number;

  /** @param capacity expected number of entries, to size the node arrays up front. */
  constructor(capacity = 1024) {
    const nodes = Math.max(MIN_BUCKETS, capacity | 0);
    this.nodeTime = new Float64Array(nodes);
    this.nodeOrder = new Float64Array(nodes);
    this.nodePayload = new Float64Array(nodes);
    this.nodeHandler = new Int32Array(nodes);
    this.nodeNext = new Int32Array(nodes);
    const buffer = new ArrayBuffer(MIN_BUCKETS * 16);
    this.bucketTimes = new Float64Array(buffer);
    this.bucketSlots = new Int32Array(buffer).fill(NONE);
    this.mask = MIN_BUCKETS - 1;
    this.growAbove = 2 * MIN_BUCKETS;
    this.shrinkBelow = 0;
  }

  headTime(): number {
    return this.nodeTime[this.headSlot()]!;
  }

  headSlot(): number {
    return this.bucketSlots[this.findMin() * 4 + B_HEAD]!;
  }

  /** Grows the slot-indexed node arrays to hold `slot`. */
  private growNodes(slot: number): void {
    let cap = this.nodeTime.length * 2;
    while (cap <= slot) cap *= 2;
    const time = new Float64Array(cap);
    time.set(this.nodeTime);
    const order = new Float64Array(cap);
    order.set(this.nodeOrder);
    const payload = new Float64Array(cap);
    payload.set(this.nodePayload);
    const handler = new Int32Array(cap);
    handler.set(this.nodeHandler);
    const next = new Int32Array(cap);
    next.set(this.nodeNext);
    this.nodeTime = time;
    this.nodeOrder = order;
    this.nodePayload = payload;
    this.nodeHandler = handler;
    this.nodeNext = next;
  }

  /**
   * Links `slot` into its bucket in (time, order) order. An event at or after the bucket's last one
   * is appended through the tail in O(1) (compared with the tail time kept in the bucket record):
   * the common case, and a burst of same-time events (FIFO by sequence) never walks the list.
   *
   * One function on purpose, like {@link popBefore}: larger than V8's per-function inlining limit,
   * so it is never inlined into the environment's `schedule` chain, which then stays small enough
   * to be inlined into every handler (and passes no float64 across a call).
   */
  push(handler: number, slot: number): void {
    if (slot >= this.nodeTime.length) this.growNodes(slot);
    const input = this.input;
    const nodeTime = this.nodeTime;
    const nodeNext = this.nodeNext;
    const slots = this.bucketSlots;
    const time = input[0]!;
    nodeTime[slot] = time;
    this.nodeOrder[slot] = input[1]!;
    this.nodePayload[slot] = input[2]!;
    this.nodeHandler[slot] = handler;
    const virtual = Math.floor(time * this.inverseWidth);
    // An event earlier than the last minimum's bucket must not be skipped by the forward scan.
    if (virtual < this.currentBucket) this.currentBucket = virtual;
    const bucket = virtual & this.mask;
    const tail = slots[bucket * 4 + B_TAIL]!;
    if (tail === NONE) {
      nodeNext[slot] = NONE;
      slots[bucket * 4 + B_HEAD] = slot;
      slots[bucket * 4 + B_TAIL] = slot;
      this.bucketTimes[bucket * 2] = time;
    } else {
      const nodeOrder = this.nodeOrder;
      const order = nodeOrder[slot]!;
      const tailTime = this.bucketTimes[bucket * 2]!;
      if (time > tailTime || (time === tailTime && order > nodeOrder[tail]!)) {
        nodeNext[slot] = NONE;
        nodeNext[tail] = slot;
        slots[bucket * 4 + B_TAIL] = slot;
        this.bucketTimes[bucket * 2] = time;
      } else {
        let node = slots[bucket * 4 + B_HEAD]!;
        let t = nodeTime[node]!;
        if (time < t || (time === t && order < nodeOrder[node]!)) {
          nodeNext[slot] = node;
          slots[bucket * 4 + B_HEAD] = slot;
        } else {
          // The tail compares greater, so the walk stops before running off the list.
          for (;;) {
            this.work++;
            const following = nodeNext[node]!;
            t = nodeTime[following]!;
            if (time < t || (time === t && order < nodeOrder[following]!)) {
              nodeNext[slot] = following;
              nodeNext[node] = slot;
              break;
            }
            node = following;
          }
          if (this.work > RETUNE_WORK * this.retuneWindow) this.operations = this.retuneWindow;
        }
      }
    }
    if (++this.size > this.growAbove) this.resize(this.mask * 2 + 2);
    else if (++this.operations >= this.retuneWindow) this.retune();
  }

  /** Appends `slot` to its bucket (resize inserts in sorted order, so every insert is an append). */
  private append(slot: number): void {
    const time = this.nodeTime[slot]!;
    const bucket = Math.floor(time * this.inverseWidth) & this.mask;
    const slots = this.bucketSlots;
    const tail = slots[bucket * 4 + B_TAIL]!;
    this.nodeNext[slot] = NONE;
    if (tail === NONE) slots[bucket * 4 + B_HEAD] = slot;
    else this.nodeNext[tail] = slot;
    slots[bucket * 4 + B_TAIL] = slot;
    this.bucketTimes[bucket * 2] = time;
  }

  /**
   * Brown's calendar only re-estimates the bucket width when the size doubles or halves; if the
   * time distribution drifts at a constant size (day/night cycles, a burst of far-future events),
   * scans and list walks lengthen. Every RETUNE_WINDOW operations, re-estimate when the average work
   * per operation has grown past RETUNE_WORK, or sooner once the window's work budget is spent
   * (a drain toward far-future events does a full direct search per pop).
   */
  private retune(): void {
    if (this.work > RETUNE_WORK * this.operations) {
      // A rebuild is O(n log n); if the last one did not help, wait twice as long before the next
      // so a distribution no width suits cannot make us rebuild every window.
      this.retuneWindow = this.retunedLastWindow ? Math.min(this.retuneWindow * 2, 2 ** 26) : this.retuneWindow;
      this.resize(this.mask + 1);
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

  /** Bucket holding the minimum; the set must not be empty. */
  private findMin(): number {
    const slots = this.bucketSlots;
    const nodeTime = this.nodeTime;
    const mask = this.mask;
    const inverse = this.inverseWidth;
    let virtual = this.currentBucket;
    for (let scanned = 0; scanned <= mask; scanned++, virtual++) {
      const bucket = virtual & mask;
      const head = slots[bucket * 4 + B_HEAD]!;
      if (head !== NONE && Math.floor(nodeTime[head]! * inverse) <= virtual) {
        this.work += scanned;
        if (this.work > RETUNE_WORK * this.retuneWindow) this.operations = this.retuneWindow;
        this.currentBucket = virtual;
        return bucket;
      }
    }
    return this.directSearch();
  }

  /** After a whole year without an event in its own year: the next event is far ahead; find it directly. */
  private directSearch(): number {
    // Two passes over every bucket (the failed year scan and this search): costly work for retune.
    this.work += 2 * (this.mask + 1);
    // Spent the window's work budget: retune at the next operation rather than at the window's end.
    if (this.work > RETUNE_WORK * this.retuneWindow) this.operations = this.retuneWindow;
    const slots = this.bucketSlots;
    const nodeTime = this.nodeTime;
    const nodeOrder = this.nodeOrder;
    let best = NONE;
    let bestTime = Infinity;
    let bestOrder = Infinity;
    for (let bucket = 0; bucket <= this.mask; bucket++) {
      const head = slots[bucket * 4 + B_HEAD]!;
      if (head === NONE) continue;
      const t = nodeTime[head]!;
      const o = nodeOrder[head]!;
      if (t < bestTime || (t === bestTime && o < bestOrder)) {
        best = bucket;
        bestTime = t;
        bestOrder = o;
      }
    }
    this.currentBucket = Math.floor(bestTime * this.inverseWidth);
    return best;
  }

  /**
   * The run loop's pop. Deliberately one function holding the year scan, the unlink and the
   * bookkeeping: its bytecode is larger than V8's per-function inlining limit
   * (`--max-inlined-bytecode-size`, 460 bytes), so TurboFan never inlines it into the loop and the
   * loop's cumulative inlining budget (920 bytes) stays for the handler chain — handler, draw and
   * `schedule`. Inlined, the calendar's pop left too little budget and `schedule` was called out of
   * line from the handler, boxing its float64 arguments. One plain call per event costs less.
   */
  popBefore(): number {
    if (this.size === 0) return -1;
    const slots = this.bucketSlots;
    const nodeTime = this.nodeTime;
    const mask = this.mask;
    const inverse = this.inverseWidth;
    let bucket = NONE;
    let virtual = this.currentBucket;
    for (let scanned = 0; scanned <= mask; scanned++, virtual++) {
      const b = virtual & mask;
      const first = slots[b * 4 + B_HEAD]!;
      if (first !== NONE && Math.floor(nodeTime[first]! * inverse) <= virtual) {
        this.work += scanned;
        if (this.work > RETUNE_WORK * this.retuneWindow) this.operations = this.retuneWindow;
        this.currentBucket = virtual;
        bucket = b;
        break;
      }
    }
    if (bucket === NONE) {
      // A whole year without an event in its own year: the next event is far ahead. Search every
      // bucket's head directly (the same as directSearch, kept inline for the reason above).
      this.work += 2 * (mask + 1);
      if (this.work > RETUNE_WORK * this.retuneWindow) this.operations = this.retuneWindow;
      const nodeOrder = this.nodeOrder;
      let bestTime = Infinity;
      let bestOrder = Infinity;
      for (let b = 0; b <= mask; b++) {
        const first = slots[b * 4 + B_HEAD]!;
        if (first === NONE) continue;
        const t = nodeTime[first]!;
        const o = nodeOrder[first]!;
        if (t < bestTime || (t === bestTime && o < bestOrder)) {
          bucket = b;
          bestTime = t;
          bestOrder = o;
        }
      }
      this.currentBucket = Math.floor(bestTime * inverse);
    }
    const head = slots[bucket * 4 + B_HEAD]!;
    const time = nodeTime[head]!;
    if (!(time < this.limit)) return -1;
    this.output[0] = time;
    this.output[1] = this.nodePayload[head]!;
    this.poppedHandler = this.nodeHandler[head]!;
    const following = this.nodeNext[head]!;
    slots[bucket * 4 + B_HEAD] = following;
    if (following === NONE) slots[bucket * 4 + B_TAIL] = NONE;
    if (--this.size < this.shrinkBelow) this.resize((mask + 1) >> 1);
    else if (++this.operations >= this.retuneWindow) this.retune();
    return head;
  }


  popSlot(): number {
    const bucket = this.findMin();
    const head = this.bucketSlots[bucket * 4 + B_HEAD]!;
    this.output[0] = this.nodeTime[head]!;
    this.output[1] = this.nodePayload[head]!;
    this.poppedHandler = this.nodeHandler[head]!;
    this.unlinkHead(bucket, head);
    return head;
  }

  private unlinkHead(bucket: number, head: number): void {
    const following = this.nodeNext[head]!;
    this.bucketSlots[bucket * 4 + B_HEAD] = following;
    if (following === NONE) this.bucketSlots[bucket * 4 + B_TAIL] = NONE;
    if (--this.size < this.shrinkBelow) this.resize((this.mask + 1) >> 1);
    else if (++this.operations >= this.retuneWindow) this.retune();
  }

  removeWhere(isDead: (slot: number) => boolean): void {
    const slots = this.bucketSlots;
    const nodeNext = this.nodeNext;
    for (let bucket = 0; bucket <= this.mask; bucket++) {
      slots[bucket * 4 + B_TAIL] = NONE;
      let previous = NONE;
      let node = slots[bucket * 4 + B_HEAD]!;
      while (node !== NONE) {
        const following = nodeNext[node]!;
        if (isDead(node)) {
          if (previous === NONE) slots[bucket * 4 + B_HEAD] = following;
          else nodeNext[previous] = following;
          this.size--;
        } else {
          previous = node;
          slots[bucket * 4 + B_TAIL] = node;
          this.bucketTimes[bucket * 2] = this.nodeTime[node]!;
        }
        node = following;
      }
    }
  }




  private resize(bucketCount: number): void {
    if (bucketCount < MIN_BUCKETS) bucketCount = MIN_BUCKETS;
    // Gather every node, estimate the width from the earliest ones, then rehash.
    const n = this.size;
    const nodes = new Int32Array(n);
    let k = 0;
    for (let bucket = 0; bucket <= this.mask; bucket++) {
      for (let node = this.bucketSlots[bucket * 4 + B_HEAD]!; node !== NONE; node = this.nodeNext[node]!) {
        nodes[k++] = node;
      }
    }
    const width = this.estimateWidth(nodes);
    if (width > 0 && Number.isFinite(width) && Number.isFinite(1 / width)) {
      this.width = width;
      this.inverseWidth = 1 / width;
    }
    const buffer = new ArrayBuffer(bucketCount * 16);
    this.bucketTimes = new Float64Array(buffer);
    this.bucketSlots = new Int32Array(buffer).fill(NONE);
    this.mask = bucketCount - 1;
    this.growAbove = 2 * bucketCount;
    this.shrinkBelow = bucketCount > MIN_BUCKETS ? bucketCount >> 1 : 0;
    // Insert earliest first so each sorted insert is a tail append.
    const nodeTime = this.nodeTime;
    const nodeOrder = this.nodeOrder;
    const timeOf = (slot: number): number => nodeTime[slot]!;
    const sorted = Array.from(nodes).sort(
      (a, b) => timeOf(a) - timeOf(b) || nodeOrder[a]! - nodeOrder[b]!,
    );
    for (const node of sorted) this.append(node);
    this.currentBucket = n > 0 ? Math.floor(timeOf(sorted[0]!) * this.inverseWidth) : 0;
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
