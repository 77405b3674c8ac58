/**
 * A stream whose numbers are a function of *who, what and when* rather than of history: before
 * each piece of work, {@link KeyedStream.reseed} sets its state from a key — e.g. (purpose, user,
 * session number) — mixed with a root derived from the run's stream path. Two strategies then draw
 * the same numbers for the same user's same session, however differently earlier sessions went:
 * the strongest form of common random numbers, and what keeps paired differences between
 * strategies tight.
 *
 * The generator is counter-based: draw n of a key is a hash of the key's n-th counter value. The
 * key is spread by the murmur3 finalizer (Appleby) over two 30-bit numbers, a start and a salt;
 * the counter is a Weyl sequence from the start (a golden-ratio step, modulo 2^30), and each draw
 * is Wellons' `lowbias32` hash of the counter XOR the salt: 32 bits, [0, 1) in steps of 2^-32.
 * Two keys could share a stretch of draws only with the same salt and starts a few steps apart
 * (≈ 2^-53 for a pair of keys with a few hundred draws each), against one chance in 2^32 that
 * two keys hash alike at all. The state is two small integers (V8 keeps them unboxed), so a draw
 * is a dozen integer operations and a reseed five finalizers; Alea, used before, needed three
 * float64 cells written per draw and seven finalizers per reseed.
 */
import type { RandomSource } from "./stream.js";

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;
/** The counter's width: 30 bits keep both state numbers small integers (V8's Smi range). */
const MASK30 = 0x3fffffff;
/** 2^30 / φ, odd: the Weyl step (every residue modulo 2^30 once per 2^30 draws). */
const STEP30 = 0x278dde6f;

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

/** A reseedable counter-based stream keyed by small integers. */
export class KeyedStream {
  /** The counter (30 bits) and the salt XORed into it before the hash (30 bits). */
  private at = 0;
  private salt = 0;
  /**
   * The first part of the last key and its share of the hash (as an int32: it is only XORed): most
   * keys of a run share their first part, so most reseeds skip two of the finalizers.
   */
  private lastA = 0;
  private hashA: number;
  /** Draws uniform numbers on [0, 1) (steps of 2^-32) from the current key's sequence. */
  readonly source: RandomSource;

  /** @param root a 32-bit integer that distinguishes runs (e.g. `seedFrom(streamPath(...))`). */
  constructor(readonly root: number) {
    this.hashA = mix32(root ^ mix32(0x9e3779b9)) | 0;
    this.source = () => {
      const at = (this.at + STEP30) & MASK30;
      this.at = at;
      // lowbias32 (C. Wellons, hash-prospector): two multiply–xorshift rounds.
      let h = at ^ this.salt;
      h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
      h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
      return ((h ^ (h >>> 16)) >>> 0) * TWO_POW_MINUS_32;
    };
  }

  /**
   * Starts the sequence of key (a, b, c): any 32-bit integers (e.g. a purpose code, a user, a
   * counter). The same key always gives the same sequence within a run.
   */
  reseed(a: number, b: number, c: number): void {
    if (a !== this.lastA) {
      this.lastA = a;
      this.hashA = mix32(this.root ^ mix32(a + 0x9e3779b9)) | 0;
    }
    const key = mix32(mix32(this.hashA ^ mix32(b + 0x7f4a7c15)) ^ mix32(c + 0x94d049bb));
    this.at = key & MASK30;
    this.salt = mix32(key ^ 0x2545f491) & MASK30;
  }

  /**
   * Starts a sequence whose state is two draws of `source`, itself a stream of the run (e.g. the
   * user's own stream): the key is those 60 random bits, so nothing needs hashing. What makes a
   * key a key holds: the same draws give the same sequence, and the owner of `source` gets the
   * same draws in every strategy as long as it draws the same things from it. Two such sequences
   * overlap only when their salts agree and their starts lie a few hundred steps apart, ≈ 2^-50
   * for a pair. The draws are made here, so no float64 crosses a call.
   */
  reseedFrom(source: RandomSource): void {
    this.start((source() * 1073741824) | 0, (source() * 1073741824) | 0);
  }

  /** {@link reseedFrom} with the two draws made by the caller: their top 30 bits, `(u × 2^30) | 0`. */
  start(at: number, salt: number): void {
    this.at = at & MASK30;
    this.salt = salt & MASK30;
  }
}
