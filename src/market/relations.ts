/**
 * What a user remembers about each merchant they have dealt with: whether they follow it and
 * since when, their trust in it, when they last engaged, how often they bought, and the last
 * product they bought there. Stored as a pool of records (struct of arrays) with a linked list
 * per user, sized to what happened — most users know a handful of merchants.
 *
 * Each merchant also keeps the list of its current followers (record indices), so a live stream
 * can notify them; a record knows its position in that list, so unfollowing is O(1).
 */

const NONE = -1;
/** A record's `dormancy` cell when no visit is pending. */
export const NO_DORMANCY_VISIT = 0xffff;

/** A growable Int32 list, used for the follower list of each merchant. */
export class IntList {
  items = new Int32Array(4);
  length = 0;
  push(value: number): number {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length] = value;
    return this.length++;
  }
  /** Empties the list, giving back a capacity far above what it held. */
  clear(): void {
    const held = Math.max(16, this.length);
    if (this.items.length > 4 * held) this.items = new Int32Array(2 * held);
    this.length = 0;
  }
}

/** User–merchant relations of one simulation. */
export class RelationStore {
  /** Records in use. */
  size = 0;
  user: Int32Array;
  merchant: Int32Array;
  next: Int32Array;
  trust: Float32Array;
  /** Day the follow started, or -1 when not following. */
  followSince: Float32Array;
  lastEngaged: Float32Array;
  orders: Uint16Array;
  lastProduct: Int32Array;
  /** Position in the merchant's follower list, or -1. */
  followerSlot: Int32Array;
  /**
   * The dormancy sweep's next visit of a followed record: its day × 2 + the visit's kind, or
   * NO_DORMANCY_VISIT (see Market.dropDormantFollowers). The sweep alone reads and writes it.
   */
  dormancy: Uint16Array;
  /** First record of each user's list, or -1. */
  readonly head: Int32Array;
  /** Merchants each user follows now. */
  readonly followCount: Uint16Array;
  /** Current followers of each merchant, as record indices. */
  readonly followers: IntList[];
  /** Records followed since the dormancy sweep last emptied this list (a record may be in it twice). */
  readonly newFollows = new IntList();

  constructor(users: number, merchants: number, capacity: number) {
    const size = Math.max(16, capacity);
    this.user = new Int32Array(size);
    this.merchant = new Int32Array(size);
    this.next = new Int32Array(size);
    this.trust = new Float32Array(size);
    this.followSince = new Float32Array(size);
    this.lastEngaged = new Float32Array(size);
    this.orders = new Uint16Array(size);
    this.lastProduct = new Int32Array(size);
    this.followerSlot = new Int32Array(size);
    this.dormancy = new Uint16Array(size);
    this.head = new Int32Array(users).fill(NONE);
    this.followCount = new Uint16Array(users);
    this.followers = Array.from({ length: merchants }, () => new IntList());
  }

  /** The record of (user, merchant), or -1. */
  find(user: number, merchant: number): number {
    // The walk calls nothing, so the arrays (replaced only when the pool grows) can be held.
    const merchantOf = this.merchant;
    const next = this.next;
    let record = this.head[user] ?? NONE;
    while (record !== NONE) {
      if (merchantOf[record] === merchant) return record;
      record = next[record] ?? NONE;
    }
    return NONE;
  }

  /** The record of (user, merchant), created with `trust` if the user did not know the merchant. */
  findOrCreate(user: number, merchant: number, trust: number, time: number): number {
    const found = this.find(user, merchant);
    return found !== NONE ? found : this.create(user, merchant, trust, time);
  }

  /** A new record of (user, merchant) with `trust`: the caller knows the user has none for the merchant. */
  create(user: number, merchant: number, trust: number, time: number): number {
    if (this.size === this.user.length) this.grow();
    const record = this.size++;
    this.user[record] = user;
    this.merchant[record] = merchant;
    this.trust[record] = trust;
    this.followSince[record] = -1;
    this.lastEngaged[record] = time;
    this.orders[record] = 0;
    this.lastProduct[record] = NONE;
    this.followerSlot[record] = NONE;
    this.dormancy[record] = NO_DORMANCY_VISIT;
    this.next[record] = this.head[user] ?? NONE;
    this.head[user] = record;
    return record;
  }

  isFollowing(record: number): boolean {
    return (this.followSince[record] ?? -1) >= 0;
  }

  /** Starts following; returns false if already following. */
  follow(record: number, time: number): boolean {
    if (this.isFollowing(record)) return false;
    const merchant = this.merchant[record] ?? 0;
    const user = this.user[record] ?? 0;
    this.followSince[record] = time;
    this.lastEngaged[record] = time;
    this.followerSlot[record] = (this.followers[merchant] as IntList).push(record);
    this.followCount[user] = (this.followCount[user] ?? 0) + 1;
    this.newFollows.push(record);
    return true;
  }

  /** Stops following; returns false if not following. */
  unfollow(record: number): boolean {
    if (!this.isFollowing(record)) return false;
    const merchant = this.merchant[record] ?? 0;
    const user = this.user[record] ?? 0;
    const list = this.followers[merchant] as IntList;
    const slot = this.followerSlot[record] ?? 0;
    const last = list.items[--list.length] ?? 0;
    if (last !== record) {
      list.items[slot] = last;
      this.followerSlot[last] = slot;
    }
    this.followerSlot[record] = NONE;
    this.followSince[record] = -1;
    this.followCount[user] = (this.followCount[user] ?? 1) - 1;
    return true;
  }

  /** Bytes held by the pool (for the memory benchmark). */
  bytes(): number {
    const perRecord = 4 * 9 + 2 * 2;
    let lists = this.newFollows.items.byteLength;
    for (const list of this.followers) lists += list.items.byteLength;
    return this.user.length * perRecord + this.head.byteLength + this.followCount.byteLength + lists;
  }

  private grow(): void {
    // 1.5x: less slack than doubling in a pool that holds a large share of a run's memory.
    const size = Math.ceil(this.user.length * 1.5);
    const grow32 = (array: Int32Array) => {
      const grown = new Int32Array(size);
      grown.set(array);
      return grown;
    };
    const growF = (array: Float32Array) => {
      const grown = new Float32Array(size);
      grown.set(array);
      return grown;
    };
    this.user = grow32(this.user);
    this.merchant = grow32(this.merchant);
    this.next = grow32(this.next);
    this.trust = growF(this.trust);
    this.followSince = growF(this.followSince);
    this.lastEngaged = growF(this.lastEngaged);
    const orders = new Uint16Array(size);
    orders.set(this.orders);
    this.orders = orders;
    this.lastProduct = grow32(this.lastProduct);
    this.followerSlot = grow32(this.followerSlot);
    const dormancy = new Uint16Array(size);
    dormancy.set(this.dormancy);
    this.dormancy = dormancy;
  }
}
