/**
 * What a user remembers about each merchant they have dealt with: whether they follow it and
 * since when, their trust in it, when they last engaged, how often they bought, and the last
 * product they bought there. Stored as a pool of records with a linked list per user, sized to
 * what happened — most users know a handful of merchants.
 *
 * A record is {@link REL_WORDS} consecutive 32-bit words of one buffer, read through an Int32
 * view (`i32`) and a Float32 view (`f32`) at the `REL_*` offsets; a record's handle is the offset
 * of its first word. A user's records are reserved {@link RECORD_CHUNK} at a time, side by side.
 * Walking a user's list — done in most sessions (habit, store visits, the follow feed) — then
 * reads one or two runs of adjacent memory instead of one cache line per record and per field:
 * at 100k+ users those misses were a large share of the model's time.
 *
 * Each merchant also keeps the list of its current followers (record handles), so a live stream
 * can notify them; a record knows its position in that list, so unfollowing is O(1).
 */

const NONE = -1;

/** Records reserved for a user at a time (a power of two; ~8 records a user by the end of a run). */
export const RECORD_CHUNK = 4;

/** Int32 fields of a record: the user, the merchant, the user's next record (or -1). */
export const REL_USER = 0;
export const REL_MERCHANT = 1;
export const REL_NEXT = 2;
/** The last product the user bought from the merchant, or -1. */
export const REL_LAST_PRODUCT = 3;
/** Position in the merchant's follower list, or -1. */
export const REL_FOLLOWER_SLOT = 4;
/** Orders the user placed with the merchant (capped at 65,535). */
export const REL_ORDERS = 5;
/** Float32 fields: trust in [0, 1]. */
export const REL_TRUST = 6;
/** Day the follow started, or -1 when not following. */
export const REL_FOLLOW_SINCE = 7;
/** Time of the last engagement (a private visit, an order, a follow). */
export const REL_LAST_ENGAGED = 8;
/** Words in a record. */
export const REL_WORDS = 9;

const CHUNK_WORDS = RECORD_CHUNK * REL_WORDS;
/** Handles are Int32 offsets, so the pool holds at most this many words. */
const MAX_WORDS = 2 ** 31 - 1;

/** A growable Int32 list, used for the follower list of each merchant. */
class IntList {
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
}

/** User–merchant relations of one simulation. */
export class RelationStore {
  /** Words reserved (records in use, or spare in a user's chunk). */
  size = 0;
  /**
   * The records' Int32 fields (REL_USER … REL_ORDERS). Replaced when the pool grows, which only
   * {@link findOrCreate} does: read it from the store after such a call, do not keep it.
   */
  i32: Int32Array;
  /** The records' Float32 fields (REL_TRUST … REL_LAST_ENGAGED), over the same buffer as `i32`. */
  f32: Float32Array;
  /** First record of each user's list, or -1. */
  readonly head: Int32Array;
  /** Merchants each user follows now. */
  readonly followCount: Uint16Array;
  /** The next free record of each user's current chunk, or -1 when the chunk is full. */
  private readonly spare: Int32Array;
  /** Current followers of each merchant, as record handles. */
  readonly followers: IntList[];

  /** @param capacity records to reserve room for at the start. */
  constructor(users: number, merchants: number, capacity: number) {
    const records = Math.max(16, Math.ceil(capacity / RECORD_CHUNK) * RECORD_CHUNK);
    const buffer = new ArrayBuffer(records * REL_WORDS * 4);
    this.i32 = new Int32Array(buffer);
    this.f32 = new Float32Array(buffer);
    this.head = new Int32Array(users).fill(NONE);
    this.followCount = new Uint16Array(users);
    this.spare = new Int32Array(users).fill(NONE);
    this.followers = Array.from({ length: merchants }, () => new IntList());
  }

  /** Records in the pool (in use or spare). */
  get records(): number {
    return this.size / REL_WORDS;
  }

  /** The record of (user, merchant), or -1. */
  find(user: number, merchant: number): number {
    const i32 = this.i32;
    let record = this.head[user] ?? NONE;
    while (record !== NONE) {
      if (i32[record + REL_MERCHANT] === merchant) return record;
      record = i32[record + REL_NEXT] ?? NONE;
    }
    return NONE;
  }

  /** The record of (user, merchant), created with `trust` if the user did not know the merchant. */
  findOrCreate(user: number, merchant: number, trust: number, time: number): number {
    const found = this.find(user, merchant);
    if (found !== NONE) return found;
    let record = this.spare[user] ?? NONE;
    if (record === NONE) {
      if (this.size + CHUNK_WORDS > this.i32.length) this.grow();
      record = this.size;
      this.size += CHUNK_WORDS;
    }
    const next = record + REL_WORDS;
    this.spare[user] = next % CHUNK_WORDS === 0 ? NONE : next;
    const i32 = this.i32;
    const f32 = this.f32;
    i32[record + REL_USER] = user;
    i32[record + REL_MERCHANT] = merchant;
    i32[record + REL_NEXT] = this.head[user] ?? NONE;
    i32[record + REL_LAST_PRODUCT] = NONE;
    i32[record + REL_FOLLOWER_SLOT] = NONE;
    i32[record + REL_ORDERS] = 0;
    f32[record + REL_TRUST] = trust;
    f32[record + REL_FOLLOW_SINCE] = -1;
    f32[record + REL_LAST_ENGAGED] = time;
    this.head[user] = record;
    return record;
  }

  isFollowing(record: number): boolean {
    return (this.f32[record + REL_FOLLOW_SINCE] ?? -1) >= 0;
  }

  /** The record's user. */
  user(record: number): number {
    return this.i32[record + REL_USER] ?? 0;
  }

  /** The record's merchant. */
  merchant(record: number): number {
    return this.i32[record + REL_MERCHANT] ?? 0;
  }

  /** Trust of the record's user in its merchant. */
  trust(record: number): number {
    return this.f32[record + REL_TRUST] ?? 0;
  }

  /** Starts following; returns false if already following. */
  follow(record: number, time: number): boolean {
    if (this.isFollowing(record)) return false;
    const merchant = this.merchant(record);
    const user = this.user(record);
    this.f32[record + REL_FOLLOW_SINCE] = time;
    this.f32[record + REL_LAST_ENGAGED] = time;
    this.i32[record + REL_FOLLOWER_SLOT] = (this.followers[merchant] as IntList).push(record);
    this.followCount[user] = (this.followCount[user] ?? 0) + 1;
    return true;
  }

  /** Stops following; returns false if not following. */
  unfollow(record: number): boolean {
    if (!this.isFollowing(record)) return false;
    const merchant = this.merchant(record);
    const user = this.user(record);
    const list = this.followers[merchant] as IntList;
    const slot = this.i32[record + REL_FOLLOWER_SLOT] ?? 0;
    const last = list.items[--list.length] ?? 0;
    if (last !== record) {
      list.items[slot] = last;
      this.i32[last + REL_FOLLOWER_SLOT] = slot;
    }
    this.i32[record + REL_FOLLOWER_SLOT] = NONE;
    this.f32[record + REL_FOLLOW_SINCE] = -1;
    this.followCount[user] = (this.followCount[user] ?? 1) - 1;
    return true;
  }

  /** Bytes held by the pool (for the memory benchmark). */
  bytes(): number {
    let lists = 0;
    for (const list of this.followers) lists += list.items.byteLength;
    return this.i32.byteLength + this.head.byteLength + this.followCount.byteLength + this.spare.byteLength + lists;
  }

  private grow(): void {
    // 1.5x: less slack than doubling in a pool that holds a large share of a run's memory.
    // Handles are Int32 word offsets (follower lists store them), which caps the pool.
    const most = Math.floor(MAX_WORDS / CHUNK_WORDS) * RECORD_CHUNK;
    const records = Math.min(most, Math.ceil(((this.i32.length / REL_WORDS) * 1.5) / RECORD_CHUNK) * RECORD_CHUNK);
    if (records * REL_WORDS < this.size + CHUNK_WORDS) throw new RangeError(`relation pool: more than ${most} user–merchant records (simulate fewer users)`);
    const buffer = new ArrayBuffer(records * REL_WORDS * 4);
    const i32 = new Int32Array(buffer);
    i32.set(this.i32);
    this.i32 = i32;
    this.f32 = new Float32Array(buffer);
  }
}
