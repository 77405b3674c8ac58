/**
 * A stream whose numbers are a function of *who, what and when* rather than of history: before
 * each piece of work, {@link KeyedStream.reseed} sets its state from a key — e.g. (purpose, user,
 * session number) — mixed with a root derived from the run's stream path. Two strategies then draw
 * the same numbers for the same user's same session, however differently earlier sessions went:
 * the strongest form of common random numbers, and what keeps paired differences between
 * strategies tight.
 *
 * The generator is Alea (Baagøe 2010, seedrandom's `alea`) on four numbers; the key is spread over
 * its state by the murmur3 finalizer (Appleby): each of the three state cells is a different
 * hash of the whole key.
 */
import type { RandomSource } from "./stream.js";

const MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A reseedable Alea stream keyed by small integers. */
export class KeyedStream {
  private s0 = 0.5;
  private s1 = 0.25;
  private s2 = 0.125;
  private carry = 1;
  /**
   * The first part of the last key and its share of the hash (as an int32: it is only XORed): most
   * keys of a run share their first part, so most reseeds skip two of the nine finalizers.
   */
  private lastA = 0;
  private hashA: number;
  /** Draws uniform numbers on [0, 1) (steps of 2^-32) from the current key's sequence. */
  readonly source: RandomSource;

  /** @param root a 32-bit integer that distinguishes runs (e.g. `seedFrom(streamPath(...))`). */
  constructor(readonly root: number) {
    this.hashA = mix32(root ^ mix32(0x9e3779b9)) | 0;
    this.source = () => {
      const t = MULTIPLIER * this.s0 + this.carry * TWO_POW_MINUS_32;
      this.s0 = this.s1;
      this.s1 = this.s2;
      this.carry = t | 0;
      this.s2 = t - this.carry;
      return this.s2;
    };
  }

  /**
   * Starts the sequence of key (a, b, c): any 32-bit integers (e.g. a purpose code, a user, a
   * counter). The same key always gives the same sequence within a run.
   */
  reseed(a: number, b: number, c: number): void {
    // Every cell of the state must depend on the whole key: Alea's output n is close to a
    // multiple of state cell n − 3 (the carry adds at most ~5e-4), so a cell shared by two keys
    // would give them nearly the same draw three steps later.
    if (a !== this.lastA) {
      this.lastA = a;
      this.hashA = mix32(this.root ^ mix32(a + 0x9e3779b9)) | 0;
    }
    const key = mix32(mix32(this.hashA ^ mix32(b + 0x7f4a7c15)) ^ mix32(c + 0x94d049bb));
    this.s0 = (mix32(key ^ 0x2545f491) || 1) * TWO_POW_MINUS_32;
    this.s1 = (mix32(key ^ 0x6a09e667) || 1) * TWO_POW_MINUS_32;
    this.s2 = (mix32(key ^ 0xbb67ae85) || 1) * TWO_POW_MINUS_32;
    this.carry = 1;
  }

  /**
   * `reseed(a, b, c)` with c the next draw of `source` as a 32-bit integer (its 32 bits): the
   * draw is made here, so no float64 (nor an integer above the small-integer range) crosses a call.
   */
  reseedDrawn(a: number, b: number, source: RandomSource): void {
    this.reseed(a, b, (source() * 4294967296) >>> 0);
  }
}
