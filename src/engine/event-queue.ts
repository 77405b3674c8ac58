/**
 * The pending-event set as a 4-ary min-heap over typed arrays.
 *
 * Each entry is (time, order, slot): `time` is the event time, `order` folds priority and insertion
 * sequence into one float64 (see {@link Environment}) so ties on time need one more comparison,
 * and `slot` points into the environment's slot table, where the handler and payload live. Keeping
 * handler and payload out of the heap means a sift moves three numbers, not five.
 *
 * Why 4-ary: half the depth of a binary heap, and the four children of a node sit next to each
 * other in the time array, so one cache line serves one level of a sift-down. At 10^5–10^6 pending
 * the heap is memory-bound, and fewer levels means fewer cache misses.
 */

/**
 * The operations the environment needs from a pending-event set. Entries are never removed except
 * at the minimum; cancellation is lazy (the environment skips dead slots on pop).
 */
export interface EventSet {
  /** Entries held, including lazily cancelled ones. */
  readonly size: number;
  /**
   * Points the set at the environment's slot-indexed time and order arrays (again after they grow).
   * Orders must be unique among entries with the same time.
   */
  attach(slotTime: Float64Array, slotOrder: Float64Array): void;
  /**
   * Adds the entry for `slot`, whose time and order are already in the attached arrays. Taking only
   * a small integer means a call V8 does not inline boxes nothing.
   */
  push(slot: number): void;
  /** Time of the minimum entry, or Infinity when empty. */
  minTime(): number;
  /** Time of the minimum entry; the set must not be empty. */
  headTime(): number;
  /**
   * Time of the entry last removed by {@link popBefore}. A field rather than a return value so
   * `popBefore` passes no float64 across a call boundary (which V8 would box).
   */
  readonly poppedTime: number;
  /** Entries at or after this time are left in place by {@link popBefore} (default Infinity). */
  limit: number;
  /**
   * Removes the minimum entry if its time is before {@link limit}, records its time in
   * {@link poppedTime} and returns its slot; returns -1 (and removes nothing) otherwise.
   */
  popBefore(): number;
  /** Slot of the minimum entry without removing it; the set must not be empty. */
  headSlot(): number;
  /** Removes the minimum entry and returns its slot; the set must not be empty. */
  popSlot(): number;
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
  poppedTime = 0;
  limit = Infinity;
  private times: Float64Array;
  private slots: Int32Array;
  private timeOf: Float64Array = new Float64Array(0);
  private orderOf: Float64Array = new Float64Array(0);

  /** @param capacity initial number of entries before the first doubling. */
  constructor(capacity = MIN_CAPACITY) {
    const cap = Math.max(MIN_CAPACITY, capacity | 0);
    this.times = new Float64Array(cap);
    this.slots = new Int32Array(cap);
  }

  attach(slotTime: Float64Array, slotOrder: Float64Array): void {
    this.timeOf = slotTime;
    this.orderOf = slotOrder;
  }

  minTime(): number {
    return this.size === 0 ? Infinity : this.times[0]!;
  }

  headTime(): number {
    return this.times[0]!;
  }

  headSlot(): number {
    return this.slots[0]!;
  }

  push(slot: number): void {
    if (this.size === this.times.length) this.grow();
    this.siftUp(this.size++, this.timeOf[slot]!, slot, this.orderOf[slot]!);
  }

  popBefore(): number {
    if (this.size === 0) return -1;
    const time = this.times[0]!;
    if (!(time < this.limit)) return -1;
    this.poppedTime = time;
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

}
