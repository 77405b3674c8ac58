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
  /** Adds an entry; `order` must be unique among entries with the same `time`. */
  push(time: number, order: number, slot: number): void;
  /** Time of the minimum entry, or Infinity when empty. */
  minTime(): number;
  /** Slot of the minimum entry without removing it; the set must not be empty. */
  headSlot(): number;
  /** Removes the minimum entry and returns its slot; the set must not be empty. */
  popSlot(): number;
  /** Removes every entry whose slot `isDead` says is dead, keeping the order of the rest. */
  removeWhere(isDead: (slot: number) => boolean): void;
}

/** Smallest backing capacity; grown by doubling. */
const MIN_CAPACITY = 64;

/** A 4-ary min-heap on (time, order) with the slot carried alongside. */
export class QuaternaryHeap implements EventSet {
  size = 0;
  private times: Float64Array;
  private orders: Float64Array;
  private slots: Int32Array;

  /** @param capacity initial number of entries before the first doubling. */
  constructor(capacity = MIN_CAPACITY) {
    const cap = Math.max(MIN_CAPACITY, capacity | 0);
    this.times = new Float64Array(cap);
    this.orders = new Float64Array(cap);
    this.slots = new Int32Array(cap);
  }

  minTime(): number {
    return this.size === 0 ? Infinity : this.times[0]!;
  }

  headSlot(): number {
    return this.slots[0]!;
  }

  push(time: number, order: number, slot: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const orders = this.orders;
    const slots = this.slots;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const parentTime = times[parent]!;
      if (parentTime < time || (parentTime === time && orders[parent]! < order)) break;
      times[i] = parentTime;
      orders[i] = orders[parent]!;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = time;
    orders[i] = order;
    slots[i] = slot;
  }

  popSlot(): number {
    const times = this.times;
    const orders = this.orders;
    const slots = this.slots;
    const top = slots[0]!;
    const n = --this.size;
    if (n === 0) return top;
    const lastTime = times[n]!;
    const lastOrder = orders[n]!;
    const lastSlot = slots[n]!;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bestTime = times[first]!;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const t = times[c]!;
        if (t < bestTime || (t === bestTime && orders[c]! < orders[best]!)) {
          best = c;
          bestTime = t;
        }
      }
      if (lastTime < bestTime || (lastTime === bestTime && lastOrder < orders[best]!)) break;
      times[i] = bestTime;
      orders[i] = orders[best]!;
      slots[i] = slots[best]!;
      i = best;
    }
    times[i] = lastTime;
    orders[i] = lastOrder;
    slots[i] = lastSlot;
    return top;
  }

  removeWhere(isDead: (slot: number) => boolean): void {
    const times = this.times;
    const orders = this.orders;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const s = slots[i]!;
      if (isDead(s)) continue;
      times[kept] = times[i]!;
      orders[kept] = orders[i]!;
      slots[kept] = s;
      kept++;
    }
    this.size = 0;
    // Re-pushing is O(n log n) but compaction is rare (only when dead entries outnumber live ones).
    for (let i = 0; i < kept; i++) this.push(times[i]!, orders[i]!, slots[i]!);
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const orders = new Float64Array(cap);
    orders.set(this.orders);
    const slots = new Int32Array(cap);
    slots.set(this.slots);
    this.times = times;
    this.orders = orders;
    this.slots = slots;
  }
}
