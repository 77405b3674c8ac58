/**
 * What each user bought and when, per product: the memory behind the seed's definition of a new
 * product — one this consumer has not bought in the last 30 days [seed]. One record per
 * (user, product), holding the time of the latest purchase, in a pool with a list per user.
 */

const NONE = -1;

/** The seed's window: a product is new to a buyer who has not bought it in the last 30 days. */
export const NEW_TO_BUYER_DAYS = 30;

/**
 * Whether a purchase at `time` is new to the buyer, given the previous purchase of the same
 * product at `lastTime` (or none). Bought 30 days ago or earlier counts as new: at 29.9 days it is
 * a repeat, at 30.1 days new.
 */
export function isNewToBuyer(lastTime: number | null, time: number): boolean {
  return lastTime === null || time - lastTime >= NEW_TO_BUYER_DAYS;
}

/** Per-user purchase memory of one simulation. */
export class PurchaseStore {
  size = 0;
  product: Int32Array;
  time: Float64Array;
  next: Int32Array;
  readonly head: Int32Array;

  constructor(users: number, capacity: number) {
    const size = Math.max(16, capacity);
    this.product = new Int32Array(size);
    this.time = new Float64Array(size);
    this.next = new Int32Array(size);
    this.head = new Int32Array(users).fill(NONE);
  }

  /** Time of the user's latest purchase of the product, or null. */
  lastPurchase(user: number, product: number): number | null {
    // The walk calls nothing, so the arrays (replaced only when the pool grows) can be held.
    const productOf = this.product;
    const next = this.next;
    let record = this.head[user] ?? NONE;
    while (record !== NONE) {
      if (productOf[record] === product) return this.time[record] ?? null;
      record = next[record] ?? NONE;
    }
    return null;
  }

  /**
   * Records a purchase and tells whether it was new to the buyer under the 30-day rule.
   * @returns true when the product is new to this buyer.
   */
  record(user: number, product: number, time: number): boolean {
    // The walk calls nothing, so the arrays (replaced only when the pool grows, after it) can be held.
    const productOf = this.product;
    const next = this.next;
    let record = this.head[user] ?? NONE;
    while (record !== NONE) {
      if (productOf[record] === product) {
        const isNew = isNewToBuyer(this.time[record] ?? 0, time);
        this.time[record] = time;
        return isNew;
      }
      record = next[record] ?? NONE;
    }
    if (this.size === this.product.length) this.grow();
    record = this.size++;
    this.product[record] = product;
    this.time[record] = time;
    this.next[record] = this.head[user] ?? NONE;
    this.head[user] = record;
    return true;
  }

  bytes(): number {
    return this.product.length * 16 + this.head.byteLength;
  }

  private grow(): void {
    // 1.5x: less slack than doubling in a pool that holds most of a run's memory.
    const size = Math.ceil(this.product.length * 1.5);
    const product = new Int32Array(size);
    product.set(this.product);
    const time = new Float64Array(size);
    time.set(this.time);
    const next = new Int32Array(size);
    next.set(this.next);
    this.product = product;
    this.time = time;
    this.next = next;
  }
}
