/**
 * The pending-event set as a 4-ary min-heap over typed arrays.
 *
 * The heap arrays hold (time, slot): `time` is the event time and `slot` the environment's slot,
 * which also indexes the heap's side arrays of order (priority and insertion sequence folded into
 * one float64, see {@link Environment}, read only on a tie), payload and handler. A sift moves two
 * numbers, not five.
 *
 * Why 4-ary: half the depth of a binary heap, and the four children of a node sit next to each
 * other in the time array, so one cache line serves one level of a sift-down. At 10^5–10^6 pending
 * the heap is memory-bound, and fewer levels means fewer cache misses.
 */

/**
 * The operations the environment needs from a pending-event set. An entry is (time, order,
 * payload, handler, slot): the set carries the handler and payload so the run loop reads them from
 * wherever the set keeps the entry (contiguous for the ladder queue) rather than from a table
 * indexed by slot, which at 10^6 pending events would cost a cache miss or more per event. The
 * slot is the environment's: it keys cancellation.
 *
 * Entries are never removed except at the minimum; cancellation is lazy (the environment skips
 * dead slots on pop). Floats go in and out through the small typed arrays {@link input} and
 * {@link output}, so no call passes a float64 (which V8 boxes when it does not inline the call).
 */
export interface EventSet {
  /** Entries held, including lazily cancelled ones. */
  readonly size: number;
  /** The entry {@link push} adds: time, order, payload. Orders are unique among equal times. */
  readonly input: Float64Array;
  /** Adds the entry in {@link input} with this handler id and slot. */
  push(handler: number, slot: number): void;
  /** The entry last removed by {@link popBefore} or {@link popSlot}: time, payload. */
  readonly output: Float64Array;
  /** Handler id of the entry last removed. */
  readonly poppedHandler: number;
  /** Entries at or after this time are left in place by {@link popBefore} (default Infinity). */
  limit: number;
  /**
   * Removes the minimum entry if its time is before {@link limit}, fills {@link output} and
   * {@link poppedHandler}, and returns its slot; returns -1 (and removes nothing) otherwise.
   */
  popBefore(): number;
  /** Removes the minimum entry as {@link popBefore} does, whatever its time; the set must not be empty. */
  popSlot(): number;
  /** Time of the minimum entry, or Infinity when empty. */
  minTime(): number;
  /** Slot of the minimum entry without removing it; the set must not be empty. */
  headSlot(): number;
  /** Removes every entry whose slot `isDead` says is dead, keeping the order of the rest. */
  removeWhere(isDead: (slot: number) => boolean): void;
}

/** Smallest backing capacity; grown by doubling. */
const MIN_CAPACITY = 64;

/**
 * A 4-ary min-heap on (time, order) carrying a slot per entry. The heap arrays hold only time and
 * slot (12 bytes an entry, moved at every level of a sift); the order, needed only to break ties
 * on time, lives in a side array indexed by slot and is read only on a tie.
 */
export class QuaternaryHeap implements EventSet {
  size = 0;
  limit = Infinity;
  poppedHandler = 0;
  readonly input = new Float64Array(3);
  readonly output = new Float64Array(2);
  private times: Float64Array;
  private slots: Int32Array;
  private orderOf: Float64Array;
  private payloadOf: Float64Array;
  private handlerOf: Int32Array;

  /** @param capacity initial number of entries before the first doubling. */
  constructor(capacity = MIN_CAPACITY) {
    const cap = Math.max(MIN_CAPACITY, capacity | 0);
    this.times = new Float64Array(cap);
    this.slots = new Int32Array(cap);
    this.orderOf = new Float64Array(cap);
    this.payloadOf = new Float64Array(cap);
    this.handlerOf = new Int32Array(cap);
  }

  minTime(): number {
    return this.size === 0 ? Infinity : this.times[0]!;
  }

  headSlot(): number {
    return this.slots[0]!;
  }

  push(handler: number, slot: number): void {
    if (this.size === this.times.length) this.grow();
    if (slot >= this.orderOf.length) this.growSide(slot);
    const input = this.input;
    const order = input[1]!;
    this.orderOf[slot] = order;
    this.payloadOf[slot] = input[2]!;
    this.handlerOf[slot] = handler;
    this.siftUp(this.size++, input[0]!, slot, order);
  }

  popBefore(): number {
    if (this.size === 0) return -1;
    if (!(this.times[0]! < this.limit)) return -1;
    return this.popSlot();
  }

  /**
   * Removes the root by walking the hole down to a leaf along the smaller child, then sifting the
   * last entry up from there (Floyd's trick): the last entry is usually large and belongs near the
   * bottom, so this saves a comparison per level over the textbook sift-down.
   *
   * A plain scan of the (up to) four children measured faster in V8 than an unrolled, branch-free
   * tournament (see docs/perf-kernel.md). Ties on time compare orders, read only then.
   */
  popSlot(): number {
    const times = this.times;
    const slots = this.slots;
    const orderOf = this.orderOf;
    const top = slots[0]!;
    this.output[0] = times[0]!;
    this.output[1] = this.payloadOf[top]!;
    this.poppedHandler = this.handlerOf[top]!;
    const n = --this.size;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let m = first;
      let mt = times[first]!;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c]!;
        if (t < mt || (t === mt && orderOf[slots[c]!]! < orderOf[slots[m]!]!)) {
          m = c;
          mt = t;
        }
      }
      times[i] = mt;
      slots[i] = slots[m]!;
      i = m;
    }
    const lastSlot = slots[n]!;
    this.siftUp(i, times[n]!, lastSlot, orderOf[lastSlot]!);
    return top;
  }

  removeWhere(isDead: (slot: number) => boolean): void {
    const times = this.times;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const s = slots[i]!;
      if (isDead(s)) continue;
      times[kept] = times[i]!;
      slots[kept] = s;
      kept++;
    }
    this.size = 0;
    // Re-inserting is O(n log n) but compaction is rare (only when dead entries outnumber live ones);
    // reading entry i before pushing it is safe because a push at size i writes only below i + 1.
    for (let i = 0; i < kept; i++) {
      const slot = slots[i]!;
      this.siftUp(this.size++, times[i]!, slot, this.orderOf[slot]!);
    }
  }

  /** Moves the hole at `i` up until (time, order) fits, then fills it. */
  private siftUp(i: number, time: number, slot: number, order: number): void {
    const times = this.times;
    const slots = this.slots;
    const orderOf = this.orderOf;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && orderOf[slots[parent]!]! < order)) break;
      times[i] = parentTime;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    this.times = times;
    this.slots = slots;
  }

  /** Grows the slot-indexed side arrays to hold `slot`. */
  private growSide(slot: number): void {
    let cap = this.orderOf.length * 2;
    while (cap <= slot) cap *= 2;
    const order = new Float64Array(cap);
    order.set(this.orderOf);
    const payload = new Float64Array(cap);
    payload.set(this.payloadOf);
    const handler = new Int32Array(cap);
    handler.set(this.handlerOf);
    this.orderOf = order;
    this.payloadOf = payload;
    this.handlerOf = handler;
  }

}
