/**
 * Vose's alias method: O(n) to build, O(1) per draw, whatever the number of categories.
 * Vose (1991), "A linear algorithm for generating random numbers with a given distribution".
 */
import { UsageError } from "../errors.js";
import { isWeightList, ruleBroken, weightsRule } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * Tables up to this size pick the column and the coin from one uniform: the coin then keeps at
 * least 32 - 10 = 22 bits (probability steps of 2.4e-7). Larger tables spend a second uniform
 * on the coin so large merchant counts do not coarsen the probabilities.
 */
const singleDrawLimit = 1024;

/**
 * A weighted choice among indices 0..n-1, built once from weights and sampled in O(1).
 * Build one per allocation (e.g. per simulated day); sampling allocates nothing.
 */
export class AliasTable {
  /** The number of categories (the length of the weights). */
  readonly size: number;
  /** Probability of keeping column i rather than taking its alias; 0 for zero-weight indices. */
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;
  private readonly singleDraw: boolean;

  /**
   * Builds the table; weights need not sum to 1.
   *
   * @param weights - relative weights, one per index, finite and >= 0 with a positive sum.
   * @throws {UsageError} if the weights are empty, negative, not finite, or sum to 0.
   */
  constructor(weights: readonly number[] | Float64Array) {
    if (!isWeightList(weights)) throw new UsageError(ruleBroken("AliasTable", weightsRule, weights));
    const n = weights.length;
    this.size = n;
    this.keep = new Float64Array(n);
    this.alias = new Int32Array(n);
    this.singleDraw = n <= singleDrawLimit;
    buildVose(weights, this.keep, this.alias);
  }

  /**
   * Draws one index in [0, size) with probability proportional to its weight. Never returns an
   * index whose weight is 0.
   */
  sample(source: RandomSource): number {
    const n = this.size;
    if (this.singleDraw) {
      const scaled = source() * n;
      const column = scaled | 0;
      return scaled - column < (this.keep[column] as number) ? column : (this.alias[column] as number);
    }
    const column = (source() * n) | 0;
    return source() < (this.keep[column] as number) ? column : (this.alias[column] as number);
  }
}

function buildVose(weights: ArrayLike<number>, keep: Float64Array, alias: Int32Array): void {
  const n = weights.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] as number;
  // Scaled so the average column holds exactly 1.
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = ((weights[i] as number) * n) / sum;
  // Two stacks in one array: small indices grow from the front, large from the back.
  const work = new Int32Array(n);
  let smallTop = 0;
  let largeBottom = n;
  for (let i = 0; i < n; i++) {
    if ((scaled[i] as number) < 1) work[smallTop++] = i;
    else work[--largeBottom] = i;
  }
  while (smallTop > 0 && largeBottom < n) {
    const small = work[--smallTop] as number;
    const large = work[largeBottom] as number;
    keep[small] = scaled[small] as number;
    alias[small] = large;
    // (large + small) - 1 loses less precision than large - (1 - small) (Schwarz, "Darts, Dice, and Coins").
    const remaining = ((scaled[large] as number) + (scaled[small] as number)) - 1;
    scaled[large] = remaining;
    if (remaining < 1) {
      largeBottom++;
      work[smallTop++] = large;
    }
  }
  // Leftovers are 1 up to rounding. A zero-weight leftover must never be kept, so it aliases
  // to the heaviest index instead.
  let heaviest = 0;
  for (let i = 1; i < n; i++) if ((weights[i] as number) > (weights[heaviest] as number)) heaviest = i;
  for (let j = largeBottom; j < n; j++) {
    const i = work[j] as number;
    keep[i] = 1;
    alias[i] = i;
  }
  for (let j = 0; j < smallTop; j++) {
    const i = work[j] as number;
    const positive = (weights[i] as number) > 0;
    keep[i] = positive ? 1 : 0;
    alias[i] = positive ? i : heaviest;
  }
}
