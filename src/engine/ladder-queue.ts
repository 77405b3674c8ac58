/**
 * The pending-event set as a ladder queue (Tang, Goh & Thng 2005), laid out for the cache.
 *
 * Three tiers:
 * - **far**: an unsorted list of every event beyond the ladder's range. A push there is an append.
 * - **rungs**: rung 0 spreads the far list over buckets of equal width when the ladder runs dry; a
 *   bucket of more than SORT_THRESHOLD events spawns a finer rung under it, and so on. Buckets are
 *   unsorted lists; a push is an append to the bucket its time falls in.
 * - **bottom**: the current bucket of the finest rung, sorted (in place when it fits one chunk,
 *   else by a two-pass bucket sort into a buffer); a pop takes its first entry. A push that falls
 *   in the current bucket is inserted here in order.
 *
 * A set with nothing beyond its bottom is just the bottom, up to SMALL events: a model with a
 * handful of pending events (an M/M/1 queue) never builds a ladder.
 *
 * Every event is moved a few times (far → rung → bottom) but never sifted, so operations are O(1)
 * amortized for any stationary or drifting time distribution. What makes it fast at 10^5–10^6
 * pending events is where entries live: each list is a chain of fixed-size chunks of 32-byte
 * entries (time, order, payload as float64; handler and slot as int32, in one buffer), so an
 * append writes the one cache line at the list's tail, sorting a bucket reads contiguous memory,
 * and a pop reads the handler and payload next to the time. A binary heap instead touches
 * log2(n) scattered lines per pop, and a slot-indexed table one more.
 *
 * Ties: entries are ordered by (time, order) everywhere (sorts and sorted inserts compare both), so
 * the environment's FIFO order on equal (time, priority) holds exactly.
 *
 * Bucket of time t on a rung: floor((t - start) * inverse), monotone in t, so every entry in a
 * bucket precedes every entry of a later bucket; rung 0's inverse is scaled just below K / span
 * so its last entry lands inside the rung without clamping.
 *
 * Nothing is allocated per event: chunks are recycled through a free stack and arrays only grow.
 */
import type { EventSet } from "./event-queue.js";

/** Entries per chunk (a power of two). */
const CHUNK_SHIFT = 4;
const CHUNK = 1 << CHUNK_SHIFT;
/**
 * A bucket this small is sorted straight into the bottom (in place when it fits one chunk, else by
 * a bucket sort into the bottom buffer); a larger one spawns a finer rung, so that a push falling
 * in its range is an append rather than an insert into a long sorted run.
 */
const SORT_THRESHOLD = 1024;
/** Mean entries per bucket when a crowded bucket spawns a finer rung. */
const BUCKET_TARGET = 8;
/**
 * Mean entries per bucket of rung 0. Lower than BUCKET_TARGET: rung 0 spreads over the far list's
 * whole span, and the events near its start (the ones due first) are usually much denser than the
 * average, so wider buckets would mostly be split again.
 */
const ROOT_TARGET = 2;
/** Most buckets in one rung (bucket records and tail chunks in use should stay cache-resident). */
const MAX_BUCKETS = 1 << 14;
/** A set with nothing beyond its bottom stays a plain sorted run up to this many entries. */
const SMALL = 32;
/** Rungs deeper than this sort their bucket whatever its size (a pathological pile of near-ties). */
const MAX_RUNGS = 24;
/** Bucket record layout in a rung's Int32Array: head chunk, tail chunk, entry count. */
const R_HEAD = 0;
const R_TAIL = 1;
const R_COUNT = 2;
const R_STRIDE = 3;
const NONE = -1;
/** Rung 0's inverse width is K / span times this, so the latest far entry maps below K. */
const SHRINK = 1 - 2 ** -20;

/** Float64 words per entry; the last one holds the handler and slot as two int32. */
const F_STRIDE = 4;
const F_TIME = 0;
const F_ORDER = 1;
const F_PAYLOAD = 2;
/**
 * Int32 indices of the handler and slot within an entry (entry e starts at int32 index 8e): they
 * share float64 word F_LINK. Entries are moved as four float64 words; that is bit-exact because
 * the shared word is never a NaN (which V8 may canonicalize): its high half is the slot or the
 * handler (by endianness), both far below 0x7FF00000.
 */
const I_HANDLER = 6;
const I_SLOT = 7;
const F_LINK = 3;

/** Ladder queue on (time, order), carrying payload, handler and slot per entry. */
export class LadderQueue implements EventSet {
  size = 0;
  limit = Infinity;
  poppedHandler = 0;
  readonly input = new Float64Array(3);
  readonly output = new Float64Array(2);

  // Chunk pool: entry i of chunk c is entry (c << CHUNK_SHIFT) + i of these views.
  private chunkF: Float64Array;
  private chunkI: Int32Array;
  private chunkNext: Int32Array;
  private freeChunks: Int32Array;
  private freeChunkTop: number;

  // Far list.
  private farHead = NONE;
  private farTail = NONE;
  private farCount = 0;
  private farMin = Infinity;
  private farMax = -Infinity;

  // Rungs, coarsest (0) to finest (rungCount - 1).
  private rungCount = 0;
  private readonly rungStart = new Float64Array(MAX_RUNGS);
  private readonly rungInverse = new Float64Array(MAX_RUNGS);
  private readonly rungBuckets = new Int32Array(MAX_RUNGS);
  /** Bucket whose entries are in the bottom or in the next finer rung; -1 before the first. */
  private readonly rungCurrent = new Int32Array(MAX_RUNGS);
  private readonly rungRecords: Int32Array[] = [];

  /** Scratch for the bucket sort: sub-bucket starts, and each entry's sub-bucket. */
  private subStart = new Int32Array(64);
  private subOf = new Int32Array(64);

  // Bottom: sorted entries [bottomHead, bottomTail), same layout as the chunks. Usually these are
  // the entries of one chunk sorted in place (bottomChunk, and the views are the chunk pool's), so
  // a bucket that fits one chunk is sorted without a copy; else the views are the bottom buffer's.
  private bottomF: Float64Array;
  private bottomI: Int32Array;
  private bottomChunk = NONE;
  private bufferF: Float64Array;
  private bufferI: Int32Array;
  private bottomHead = 0;
  private bottomTail = 0;

  /** @param capacity expected number of entries, to size the chunk pool up front. */
  constructor(capacity = 1024) {
    const chunks = Math.max(64, Math.ceil((capacity * 2) / CHUNK));
    const buffer = new ArrayBuffer((chunks << CHUNK_SHIFT) * F_STRIDE * 8);
    this.chunkF = new Float64Array(buffer);
    this.chunkI = new Int32Array(buffer);
    this.chunkNext = new Int32Array(chunks);
    this.freeChunks = new Int32Array(chunks);
    for (let i = 0; i < chunks; i++) this.freeChunks[i] = chunks - 1 - i;
    this.freeChunkTop = chunks;
    const bottom = new ArrayBuffer(256 * F_STRIDE * 8);
    this.bufferF = this.bottomF = new Float64Array(bottom);
    this.bufferI = this.bottomI = new Int32Array(bottom);
    for (let d = 0; d < MAX_RUNGS; d++) this.rungRecords.push(new Int32Array(16 * R_STRIDE).fill(NONE));
  }

  /**
   * Routes the entry in {@link input} down the ladder: to the far list beyond rung 0, to the first
   * rung whose current bucket it falls after, or into the bottom in order.
   *
   * The appends are written out here rather than called: this makes the function larger than V8's
   * per-function inlining limit (460 bytes of bytecode), so it is never inlined into the
   * environment's `schedule`, which then stays small enough to be inlined into every handler and
   * passes no float64 across a call (a `schedule` called out of line boxes its arguments and its
   * returned key: an allocation per event). See {@link CalendarQueue.push} for the same reasoning.
   * The bucket and far-list appends repeat {@link bucketTail} and {@link farEntry} for the same
   * reason: called, they would make this function small enough to inline.
   */
  push(handler: number, slot: number): void {
    const input = this.input;
    const time = input[0]!;
    this.size++;
    const rungs = this.rungCount;
    let e = -1;
    if (rungs === 0 && this.farCount === 0) {
      // Small: while nothing is beyond the bottom, the bottom is the whole set (a sorted run of at
      // most SMALL entries). A queue of a few events (an M/M/1 model) never builds a ladder.
      if (this.bottomTail - this.bottomHead < SMALL) {
        this.insertBottom(handler, slot);
        return;
      }
      this.spillBottom();
    } else if (rungs > 0) {
      // Rung 0 first (most pushes land there), then finer rungs while the time falls in the
      // current bucket of the rung above.
      let b = Math.floor((time - this.rungStart[0]!) * this.rungInverse[0]!);
      let d = 0;
      if (b < this.rungBuckets[0]!) {
        while (b <= this.rungCurrent[d]!) {
          if (++d === rungs) {
            this.insertBottom(handler, slot);
            return;
          }
          b = Math.floor((time - this.rungStart[d]!) * this.rungInverse[d]!);
          const k = this.rungBuckets[d]!;
          if (b >= k) b = k - 1;
        }
        // Append to bucket b of rung d.
        const records = this.rungRecords[d]!;
        const r = b * R_STRIDE;
        const count = records[r + R_COUNT]!;
        records[r + R_COUNT] = count + 1;
        let tail = records[r + R_TAIL]!;
        const offset = count & (CHUNK - 1);
        if (offset === 0) {
          const chunk = this.takeChunk();
          if (count === 0) records[r + R_HEAD] = chunk;
          else this.chunkNext[tail] = chunk;
          records[r + R_TAIL] = tail = chunk;
        }
        e = (tail << CHUNK_SHIFT) + offset;
      }
    }
    if (e < 0) {
      // Beyond rung 0, or no rung yet: append to the far list.
      if (time < this.farMin) this.farMin = time;
      if (time > this.farMax) this.farMax = time;
      let tail = this.farTail;
      const count = this.farCount++;
      const offset = count & (CHUNK - 1);
      if (offset === 0) {
        const chunk = this.takeChunk();
        if (tail === NONE) this.farHead = chunk;
        else this.chunkNext[tail] = chunk;
        this.farTail = tail = chunk;
      }
      e = (tail << CHUNK_SHIFT) + offset;
    }
    const f = this.chunkF;
    f[e * F_STRIDE + F_TIME] = time;
    f[e * F_STRIDE + F_ORDER] = input[1]!;
    f[e * F_STRIDE + F_PAYLOAD] = input[2]!;
    this.chunkI[e * 8 + I_HANDLER] = handler;
    this.chunkI[e * 8 + I_SLOT] = slot;
  }

  /** Moves the whole bottom to the far list (in order), leaving the bottom empty: the set outgrew SMALL. */
  private spillBottom(): void {
    const f = this.bottomF;
    const end = this.bottomTail;
    for (let from = this.bottomHead; from < end; from++) {
      const time = f[from * F_STRIDE + F_TIME]!;
      const to = this.farEntry(time);
      // Taking a chunk may have grown the pool, so read the views afresh.
      const chunkF = this.chunkF;
      const source = this.bottomF;
      chunkF[to * F_STRIDE + F_TIME] = time;
      chunkF[to * F_STRIDE + F_ORDER] = source[from * F_STRIDE + F_ORDER]!;
      chunkF[to * F_STRIDE + F_PAYLOAD] = source[from * F_STRIDE + F_PAYLOAD]!;
      chunkF[to * F_STRIDE + F_LINK] = source[from * F_STRIDE + F_LINK]!;
    }
    if (this.bottomChunk !== NONE) {
      this.freeChunks[this.freeChunkTop++] = this.bottomChunk;
      this.bottomChunk = NONE;
      this.bottomF = this.bufferF;
      this.bottomI = this.bufferI;
    }
    this.bottomHead = 0;
    this.bottomTail = 0;
  }

  /** Reserves the next entry at the far list's tail for an event at `time`; returns its index. */
  private farEntry(time: number): number {
    if (time < this.farMin) this.farMin = time;
    if (time > this.farMax) this.farMax = time;
    let tail = this.farTail;
    const count = this.farCount++;
    const offset = count & (CHUNK - 1);
    if (offset === 0) {
      const chunk = this.takeChunk();
      if (tail === NONE) this.farHead = chunk;
      else this.chunkNext[tail] = chunk;
      this.farTail = tail = chunk;
    }
    return (tail << CHUNK_SHIFT) + offset;
  }

  /** Reserves the next entry at the tail of bucket `b` of rung `d` and returns its index. */
  private bucketTail(d: number, b: number): number {
    const records = this.rungRecords[d]!;
    const r = b * R_STRIDE;
    const count = records[r + R_COUNT]!;
    records[r + R_COUNT] = count + 1;
    let tail = records[r + R_TAIL]!;
    const offset = count & (CHUNK - 1);
    if (offset === 0) {
      const chunk = this.takeChunk();
      if (count === 0) records[r + R_HEAD] = chunk;
      else this.chunkNext[tail] = chunk;
      records[r + R_TAIL] = tail = chunk;
    }
    return (tail << CHUNK_SHIFT) + offset;
  }

  /** Inserts the input entry into the sorted bottom, after every entry below it in (time, order). */
  private insertBottom(handler: number, slot: number): void {
    const input = this.input;
    const time = input[0]!;
    const order = input[1]!;
    let tail = this.bottomTail;
    if (this.bottomChunk !== NONE) {
      if (tail === (this.bottomChunk + 1) << CHUNK_SHIFT) {
        this.leaveChunk();
        tail = this.bottomTail;
      }
    } else if (tail * F_STRIDE === this.bottomF.length) {
      this.compactBottom();
      tail = this.bottomTail;
    }
    const f = this.bottomF;
    let at = tail;
    if (tail > this.bottomHead) {
      const last = f[(tail - 1) * F_STRIDE + F_TIME]!;
      if (time < last || (time === last && order < f[(tail - 1) * F_STRIDE + F_ORDER]!)) {
        // Binary search for the first entry greater than the new one, then shift the rest up.
        let lo = this.bottomHead;
        let hi = tail - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const t = f[mid * F_STRIDE + F_TIME]!;
          if (t < time || (t === time && f[mid * F_STRIDE + F_ORDER]! < order)) lo = mid + 1;
          else hi = mid;
        }
        at = lo;
        // Whole entries through the int32 view (a float64 copy could canonicalize NaN bit patterns).
        this.bottomI.copyWithin((at + 1) * 8, at * 8, tail * 8);
      }
    }
    f[at * F_STRIDE + F_TIME] = time;
    f[at * F_STRIDE + F_ORDER] = order;
    f[at * F_STRIDE + F_PAYLOAD] = input[2]!;
    this.bottomI[at * 8 + I_HANDLER] = handler;
    this.bottomI[at * 8 + I_SLOT] = slot;
    this.bottomTail = tail + 1;
  }

  /** Slides the bottom buffer's live entries to the front, growing it when more than half full. */
  private compactBottom(): void {
    const head = this.bottomHead;
    const n = this.bottomTail - head;
    if (n * 2 * F_STRIDE > this.bufferF.length) {
      const buffer = new ArrayBuffer(this.bufferF.length * 2 * 8);
      const i = new Int32Array(buffer);
      // Whole entries as int32 pairs: copying float64 words could canonicalize NaN bit patterns.
      i.set(this.bufferI.subarray(head * 8, (head + n) * 8));
      this.bufferF = this.bottomF = new Float64Array(buffer);
      this.bufferI = this.bottomI = i;
    } else {
      this.bufferI.copyWithin(0, head * 8, (head + n) * 8);
    }
    this.bottomHead = 0;
    this.bottomTail = n;
  }

  /** Moves a bottom sorted in its chunk into the bottom buffer (the chunk is full) and frees the chunk. */
  private leaveChunk(): void {
    const head = this.bottomHead;
    const n = this.bottomTail - head;
    if (this.bufferF.length < 2 * n * F_STRIDE) {
      const buffer = new ArrayBuffer(4 * n * F_STRIDE * 8);
      this.bufferF = new Float64Array(buffer);
      this.bufferI = new Int32Array(buffer);
    }
    this.bufferI.set(this.chunkI.subarray(head * 8, (head + n) * 8));
    this.freeChunks[this.freeChunkTop++] = this.bottomChunk;
    this.bottomChunk = NONE;
    this.bottomF = this.bufferF;
    this.bottomI = this.bufferI;
    this.bottomHead = 0;
    this.bottomTail = n;
  }

  minTime(): number {
    if (this.size === 0) return Infinity;
    if (this.bottomHead === this.bottomTail) this.refill();
    return this.bottomF[this.bottomHead * F_STRIDE + F_TIME]!;
  }

  headSlot(): number {
    if (this.bottomHead === this.bottomTail) this.refill();
    return this.bottomI[this.bottomHead * 8 + I_SLOT]!;
  }

  popBefore(): number {
    if (this.size === 0) return -1;
    let head = this.bottomHead;
    if (head === this.bottomTail) {
      this.refill();
      head = this.bottomHead;
    }
    const f = this.bottomF;
    const time = f[head * F_STRIDE + F_TIME]!;
    if (!(time < this.limit)) return -1;
    this.output[0] = time;
    this.output[1] = f[head * F_STRIDE + F_PAYLOAD]!;
    this.poppedHandler = this.bottomI[head * 8 + I_HANDLER]!;
    this.bottomHead = head + 1;
    this.size--;
    return this.bottomI[head * 8 + I_SLOT]!;
  }

  popSlot(): number {
    if (this.bottomHead === this.bottomTail) this.refill();
    const head = this.bottomHead++;
    const f = this.bottomF;
    this.output[0] = f[head * F_STRIDE + F_TIME]!;
    this.output[1] = f[head * F_STRIDE + F_PAYLOAD]!;
    this.poppedHandler = this.bottomI[head * 8 + I_HANDLER]!;
    this.size--;
    return this.bottomI[head * 8 + I_SLOT]!;
  }

  /**
   * Fills the empty bottom from the next non-empty bucket of the finest rung, spawning finer rungs
   * for crowded buckets and respreading the far list when the ladder is used up.
   */
  private refill(): void {
    if (this.bottomChunk !== NONE) {
      this.freeChunks[this.freeChunkTop++] = this.bottomChunk;
      this.bottomChunk = NONE;
      this.bottomF = this.bufferF;
      this.bottomI = this.bufferI;
    }
    if (this.size === 0) return;
    for (;;) {
      if (this.rungCount === 0) this.spreadFar();
      const d = this.rungCount - 1;
      const records = this.rungRecords[d]!;
      const k = this.rungBuckets[d]!;
      let b = this.rungCurrent[d]! + 1;
      while (b < k && records[b * R_STRIDE + R_COUNT] === 0) b++;
      this.rungCurrent[d] = b;
      if (b === k) {
        this.rungCount--;
        continue;
      }
      const r = b * R_STRIDE;
      const count = records[r + R_COUNT]!;
      const head = records[r + R_HEAD]!;
      records[r + R_COUNT] = 0;
      records[r + R_HEAD] = NONE;
      records[r + R_TAIL] = NONE;
      if (count <= SORT_THRESHOLD || d + 1 === MAX_RUNGS || !this.spawn(d + 1, b, head, count)) {
        this.sortIntoBottom(d, b, head, count);
        return;
      }
    }
  }

  /** Spreads the far list over a fresh rung 0. */
  private spreadFar(): void {
    const count = this.farCount;
    const head = this.farHead;
    const min = this.farMin;
    const span = this.farMax - min;
    this.farHead = NONE;
    this.farTail = NONE;
    this.farCount = 0;
    this.farMin = Infinity;
    this.farMax = -Infinity;
    const k = bucketsFor(count, ROOT_TARGET);
    // All at one time: a sliver of a span, so later times still go beyond the rung to the far list.
    const width = Math.max(span, Math.abs(min) * 2 ** -40, Number.MIN_VALUE * 2 ** 60);
    this.openRung(0, k, min, (k / width) * SHRINK);
    this.distribute(0, head, count);
  }

  /**
   * Spreads bucket `b` of rung `d - 1` (its chain) over a new, finer rung `d` covering the bucket's
   * range. Returns false (and leaves the chain alone) when the range cannot be split further.
   */
  private spawn(d: number, b: number, head: number, count: number): boolean {
    const parentInverse = this.rungInverse[d - 1]!;
    const start = this.rungStart[d - 1]! + b / parentInverse;
    const k = bucketsFor(count, BUCKET_TARGET);
    const inverse = parentInverse * k;
    // Rounding: an entry a hair below `start` goes to bucket 0, one at or past the end to k - 1.
    if (!Number.isFinite(inverse) || !(start + 1 / inverse > start)) return false;
    this.openRung(d, k, start, inverse);
    this.distribute(d, head, count);
    return true;
  }

  private openRung(d: number, k: number, start: number, inverse: number): void {
    let records = this.rungRecords[d]!;
    if (records.length < k * R_STRIDE) {
      records = new Int32Array(k * R_STRIDE);
      this.rungRecords[d] = records;
    }
    for (let b = 0; b < k; b++) {
      records[b * R_STRIDE + R_HEAD] = NONE;
      records[b * R_STRIDE + R_TAIL] = NONE;
      records[b * R_STRIDE + R_COUNT] = 0;
    }
    this.rungBuckets[d] = k;
    this.rungStart[d] = start;
    this.rungInverse[d] = inverse;
    this.rungCurrent[d] = -1;
    this.rungCount = d + 1;
  }

  /** Appends a chain's entries to rung `d`'s buckets, in chain order, and frees its chunks. */
  private distribute(d: number, head: number, count: number): void {
    const k = this.rungBuckets[d]!;
    const start = this.rungStart[d]!;
    const inverse = this.rungInverse[d]!;
    let left = count;
    let c = head;
    while (left > 0) {
      const base = c << CHUNK_SHIFT;
      const n = left < CHUNK ? left : CHUNK;
      for (let i = 0; i < n; i++) {
        const from = base + i;
        let b = Math.floor((this.chunkF[from * F_STRIDE + F_TIME]! - start) * inverse);
        if (b >= k) b = k - 1;
        else if (b < 0) b = 0;
        const to = this.bucketTail(d, b);
        const f = this.chunkF;
        f[to * F_STRIDE + F_TIME] = f[from * F_STRIDE + F_TIME]!;
        f[to * F_STRIDE + F_ORDER] = f[from * F_STRIDE + F_ORDER]!;
        f[to * F_STRIDE + F_PAYLOAD] = f[from * F_STRIDE + F_PAYLOAD]!;
        f[to * F_STRIDE + F_LINK] = f[from * F_STRIDE + F_LINK]!;
      }
      left -= n;
      const next = this.chunkNext[c]!;
      this.freeChunks[this.freeChunkTop++] = c;
      c = next;
    }
  }

  /**
   * Makes bucket `b` of rung `d` (its chain of `count` entries) the sorted bottom: in place when it
   * fits one chunk; otherwise a bucket sort into the bottom buffer (count entries per sub-bucket of
   * the bucket's range, scatter, then an insertion sort that only has to order each sub-bucket's
   * few entries) — two linear passes instead of a comparison sort.
   */
  private sortIntoBottom(d: number, b: number, head: number, count: number): void {
    if (count <= CHUNK) {
      this.sortChunk(head, count);
      return;
    }
    if (this.bufferF.length < count * F_STRIDE) {
      let cap = this.bufferF.length;
      while (cap < count * F_STRIDE) cap *= 2;
      const buffer = new ArrayBuffer(cap * 8);
      this.bufferF = new Float64Array(buffer);
      this.bufferI = new Int32Array(buffer);
    }
    this.bottomF = this.bufferF;
    this.bottomI = this.bufferI;
    let k = 2;
    while (k * 2 < count) k *= 2;
    if (this.subStart.length < k + 1) this.subStart = new Int32Array(2 * k + 2);
    if (this.subOf.length < count) this.subOf = new Int32Array(2 * count);
    const subStart = this.subStart;
    const subOf = this.subOf;
    subStart.fill(0, 0, k + 1);
    const rungInverse = this.rungInverse[d]!;
    const start = this.rungStart[d]! + b / rungInverse;
    const inverse = rungInverse * k;
    const src = this.chunkF;
    // Pass 1: each entry's sub-bucket, and the sub-buckets' sizes.
    let left = count;
    let n = 0;
    for (let c = head; left > 0; c = this.chunkNext[c]!) {
      const base = c << CHUNK_SHIFT;
      const m = left < CHUNK ? left : CHUNK;
      for (let i = 0; i < m; i++) {
        let sub = Math.floor((src[(base + i) * F_STRIDE + F_TIME]! - start) * inverse);
        if (!(sub >= 0)) sub = 0;
        else if (sub >= k) sub = k - 1;
        subOf[n++] = sub;
        subStart[sub + 1]!++;
      }
      left -= m;
    }
    for (let sub = 1; sub <= k; sub++) subStart[sub] = subStart[sub]! + subStart[sub - 1]!;
    // Pass 2: scatter (stable: chain order is kept within a sub-bucket), freeing the chunks.
    const f = this.bufferF;
    left = count;
    n = 0;
    let c = head;
    while (left > 0) {
      const base = c << CHUNK_SHIFT;
      const m = left < CHUNK ? left : CHUNK;
      for (let i = 0; i < m; i++) {
        const to = subStart[subOf[n++]!]!++;
        const from = base + i;
        f[to * F_STRIDE + F_TIME] = src[from * F_STRIDE + F_TIME]!;
        f[to * F_STRIDE + F_ORDER] = src[from * F_STRIDE + F_ORDER]!;
        f[to * F_STRIDE + F_PAYLOAD] = src[from * F_STRIDE + F_PAYLOAD]!;
        f[to * F_STRIDE + F_LINK] = src[from * F_STRIDE + F_LINK]!;
      }
      left -= m;
      const next = this.chunkNext[c]!;
      this.freeChunks[this.freeChunkTop++] = c;
      c = next;
    }
    if (count > SORT_THRESHOLD) sortRun(f, count);
    else insertionSort(f, 0, count);
    this.bottomHead = 0;
    this.bottomTail = count;
  }

  /** Sorts a one-chunk chain in place by (time, order) and makes it the bottom. */
  private sortChunk(chunk: number, count: number): void {
    const base = chunk << CHUNK_SHIFT;
    insertionSort(this.chunkF, base, base + count);
    this.bottomChunk = chunk;
    this.bottomF = this.chunkF;
    this.bottomI = this.chunkI;
    this.bottomHead = base;
    this.bottomTail = base + count;
  }

  private takeChunk(): number {
    if (this.freeChunkTop === 0) this.growChunks();
    return this.freeChunks[--this.freeChunkTop]!;
  }

  private growChunks(): void {
    const old = this.chunkNext.length;
    const chunks = old * 2;
    const buffer = new ArrayBuffer((chunks << CHUNK_SHIFT) * F_STRIDE * 8);
    const ints = new Int32Array(buffer);
    ints.set(this.chunkI);
    const next = new Int32Array(chunks);
    next.set(this.chunkNext);
    const free = new Int32Array(chunks);
    let top = 0;
    for (let i = chunks - 1; i >= old; i--) free[top++] = i;
    this.chunkF = new Float64Array(buffer);
    this.chunkI = ints;
    if (this.bottomChunk !== NONE) {
      this.bottomF = this.chunkF;
      this.bottomI = ints;
    }
    this.chunkNext = next;
    this.freeChunks = free;
    this.freeChunkTop = top;
  }

  /**
   * Drops dead entries: copies the live ones out, empties the ladder, and appends them back to
   * the far list, which the next pop respreads (sorting restores their order).
   */
  removeWhere(isDead: (slot: number) => boolean): void {
    const keptF: number[] = [];
    const keptI: number[] = [];
    const keep = (f: Float64Array, ints: Int32Array, e: number): void => {
      if (isDead(ints[e * 8 + I_SLOT]!)) return;
      keptF.push(f[e * F_STRIDE + F_TIME]!, f[e * F_STRIDE + F_ORDER]!, f[e * F_STRIDE + F_PAYLOAD]!);
      keptI.push(ints[e * 8 + I_HANDLER]!, ints[e * 8 + I_SLOT]!);
    };
    for (let e = this.bottomHead; e < this.bottomTail; e++) keep(this.bottomF, this.bottomI, e);
    const chain = (head: number, count: number): void => {
      let left = count;
      for (let c = head; left > 0; c = this.chunkNext[c]!) {
        const n = left < CHUNK ? left : CHUNK;
        for (let i = 0; i < n; i++) keep(this.chunkF, this.chunkI, (c << CHUNK_SHIFT) + i);
        left -= n;
      }
    };
    for (let d = 0; d < this.rungCount; d++) {
      const records = this.rungRecords[d]!;
      for (let b = 0; b < this.rungBuckets[d]!; b++) chain(records[b * R_STRIDE + R_HEAD]!, records[b * R_STRIDE + R_COUNT]!);
    }
    chain(this.farHead, this.farCount);
    // Every chunk is free again.
    const chunks = this.chunkNext.length;
    for (let i = 0; i < chunks; i++) this.freeChunks[i] = chunks - 1 - i;
    this.freeChunkTop = chunks;
    this.rungCount = 0;
    this.bottomChunk = NONE;
    this.bottomF = this.bufferF;
    this.bottomI = this.bufferI;
    this.bottomHead = this.bottomTail = 0;
    this.farHead = this.farTail = NONE;
    this.farCount = 0;
    this.farMin = Infinity;
    this.farMax = -Infinity;
    this.size = 0;
    // With no rung, every push goes to the far list.
    const input = this.input;
    for (let j = 0; j < keptI.length / 2; j++) {
      input[0] = keptF[3 * j]!;
      input[1] = keptF[3 * j + 1]!;
      input[2] = keptF[3 * j + 2]!;
      this.push(keptI[2 * j]!, keptI[2 * j + 1]!);
    }
  }
}

/** Buckets for a rung spread over `count` entries: about `target` each, a power of two. */
function bucketsFor(count: number, target: number): number {
  let k = 2;
  while (k * target < count && k < MAX_BUCKETS) k *= 2;
  return k;
}

/** Sorts entries [from, to) of `f` by (time, order): insertion sort, for short or nearly sorted runs. */
function insertionSort(f: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const t = f[i * F_STRIDE + F_TIME]!;
    let j = i;
    let pt = f[(j - 1) * F_STRIDE + F_TIME]!;
    if (pt < t) continue;
    const o = f[i * F_STRIDE + F_ORDER]!;
    if (pt === t && f[(j - 1) * F_STRIDE + F_ORDER]! < o) continue;
    const payload = f[i * F_STRIDE + F_PAYLOAD]!;
    const link = f[i * F_STRIDE + F_LINK]!;
    do {
      f[j * F_STRIDE + F_TIME] = pt;
      f[j * F_STRIDE + F_ORDER] = f[(j - 1) * F_STRIDE + F_ORDER]!;
      f[j * F_STRIDE + F_PAYLOAD] = f[(j - 1) * F_STRIDE + F_PAYLOAD]!;
      f[j * F_STRIDE + F_LINK] = f[(j - 1) * F_STRIDE + F_LINK]!;
      j--;
      if (j === from) break;
      pt = f[(j - 1) * F_STRIDE + F_TIME]!;
    } while (pt > t || (pt === t && f[(j - 1) * F_STRIDE + F_ORDER]! > o));
    f[j * F_STRIDE + F_TIME] = t;
    f[j * F_STRIDE + F_ORDER] = o;
    f[j * F_STRIDE + F_PAYLOAD] = payload;
    f[j * F_STRIDE + F_LINK] = link;
  }
}

/**
 * Sorts entries [0, count) of `f` by (time, order) with a comparison sort, for the rare bucket that
 * no finer rung can split (a pile of events at one time) and that may be long and unordered by
 * priority. Allocates: it runs at most once per such pile, not per event.
 */
function sortRun(f: Float64Array, count: number): void {
  const index = Array.from({ length: count }, (_, i) => i);
  index.sort(
    (a, b) => f[a * F_STRIDE + F_TIME]! - f[b * F_STRIDE + F_TIME]! || f[a * F_STRIDE + F_ORDER]! - f[b * F_STRIDE + F_ORDER]!,
  );
  const copy = f.slice(0, count * F_STRIDE);
  for (let i = 0; i < count; i++) {
    const from = index[i]!;
    f[i * F_STRIDE + F_TIME] = copy[from * F_STRIDE + F_TIME]!;
    f[i * F_STRIDE + F_ORDER] = copy[from * F_STRIDE + F_ORDER]!;
    f[i * F_STRIDE + F_PAYLOAD] = copy[from * F_STRIDE + F_PAYLOAD]!;
    f[i * F_STRIDE + F_LINK] = copy[from * F_STRIDE + F_LINK]!;
  }
}
