/**
 * A family of many independent Alea streams kept in one typed array: one stream per simulated
 * user, so that a user's draws do not shift when another user draws more or less. Across two
 * strategies, replication r then gives each user the same random numbers until that user's own
 * experience differs — common random numbers at the level of the individual, which keeps paired
 * differences between strategies tight.
 *
 * Each member runs Alea (Baagøe 2010, the algorithm behind seedrandom's `alea`) on four float64
 * cells (s0, s1, s2, carry); members are seeded from a parent stream, itself derived from a path.
 * Select a member with {@link StreamFamily.select}, then draw from {@link StreamFamily.source}: one
 * closure for the whole family keeps hot-loop call sites monomorphic.
 */
import type { RandomSource } from "./stream.js";

/** Alea's multiplier and 2^-32. */
const MULTIPLIER = 2091639;
const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/** Many Alea streams, one per member, in a typed array. */
export class StreamFamily {
  /**
   * Each member's row: Alea's four cells, then `extra` cells the owner may use for its own
   * per-member numbers (cell 4 + k of member m at m × stride + 4 + k). A row of 8 cells is 64
   * bytes, a cache line: an owner that reads a member's numbers whenever it draws from the member
   * then pays one or two cache misses for both (one when the row starts on a line, which a typed
   * array does not promise) instead of one per array.
   */
  readonly state: Float64Array;
  /** Cells per member: 4 + extra. */
  readonly stride: number;
  private base = 0;
  /** Draws from the selected member: uniform on [0, 1) in steps of 2^-32. */
  readonly source: RandomSource;

  /**
   * @param members how many streams.
   * @param parent a seeded stream that seeds every member (draws 3 values a member).
   * @param extra cells per member for the owner's own numbers (initially 0); they do not affect the draws.
   */
  constructor(readonly members: number, parent: RandomSource, extra = 0) {
    this.stride = 4 + extra;
    this.state = new Float64Array(members * this.stride);
    for (let member = 0; member < members; member++) {
      const at = member * this.stride;
      // Alea's state: three fractions that are multiples of 2^-32, and a carry; a parent draw is
      // exactly such a fraction. A zero state would stick at zero, so zeros become 2^-32.
      this.state[at] = parent() || TWO_POW_MINUS_32;
      this.state[at + 1] = parent() || TWO_POW_MINUS_32;
      this.state[at + 2] = parent() || TWO_POW_MINUS_32;
      this.state[at + 3] = 1;
    }
    const state = this.state;
    this.source = () => {
      const at = this.base;
      const t = MULTIPLIER * (state[at] as number) + (state[at + 3] as number) * TWO_POW_MINUS_32;
      state[at] = state[at + 1] as number;
      state[at + 1] = state[at + 2] as number;
      const carry = t | 0;
      state[at + 3] = carry;
      const next = t - carry;
      state[at + 2] = next;
      return next;
    };
  }

  /** Makes `member` the stream that {@link source} draws from. */
  select(member: number): void {
    this.base = member * this.stride;
  }

  /** Bytes held (8 per cell: 32 per member and 8 per extra cell). */
  bytes(): number {
    return this.state.byteLength;
  }
}
