import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";

/**
 * Running count, mean, variance, min and max of a stream of numbers in O(1) memory
 * (Welford 1962), for collectors that see values one at a time during a run.
 *
 * Welford's update is used instead of sums of x and x² because those lose every significant
 * digit when the mean is large relative to the spread (e.g. timestamps in seconds).
 * Two collectors filled in parallel combine exactly with {@link OnlineMoments.merge}.
 */
export class OnlineMoments {
  private n = 0;
  private runningMean = 0;
  /** Sum of squared deviations from the running mean (Welford's M2). */
  private m2 = 0;
  private smallest = Number.POSITIVE_INFINITY;
  private largest = Number.NEGATIVE_INFINITY;

  /**
   * Adds one value.
   *
   * @throws {UsageError} when `x` is NaN or infinite: one such value would silently poison
   *   every later statistic.
   */
  add(x: number): void {
    if (!Number.isFinite(x)) throw new UsageError(ruleBroken("OnlineMoments.add", "x must be a finite number", x));
    this.n += 1;
    const delta = x - this.runningMean;
    this.runningMean += delta / this.n;
    this.m2 += delta * (x - this.runningMean);
    if (x < this.smallest) this.smallest = x;
    if (x > this.largest) this.largest = x;
  }

  /**
   * Folds `other` into this collector (Chan, Golub & LeVeque 1979), as if every value added to
   * `other` had been added here; `other` is left unchanged.
   *
   * @returns this collector, for chaining.
   */
  merge(other: OnlineMoments): this {
    if (other.n === 0) return this;
    if (this.n === 0) {
      this.n = other.n;
      this.runningMean = other.runningMean;
      this.m2 = other.m2;
      this.smallest = other.smallest;
      this.largest = other.largest;
      return this;
    }
    const n = this.n + other.n;
    const delta = other.runningMean - this.runningMean;
    // Weighting delta by the other side's share keeps the update stable when one side is tiny.
    this.runningMean += delta * (other.n / n);
    this.m2 += other.m2 + delta * delta * ((this.n * other.n) / n);
    this.n = n;
    if (other.smallest < this.smallest) this.smallest = other.smallest;
    if (other.largest > this.largest) this.largest = other.largest;
    return this;
  }

  /** How many values were added (merged collectors included). */
  get count(): number {
    return this.n;
  }

  /**
   * Arithmetic mean, in the units of the values.
   *
   * @throws {UsageError} when no value was added.
   */
  get mean(): number {
    this.requireValues("mean");
    return this.runningMean;
  }

  /**
   * Sample variance (n − 1 denominator), in squared units; 0 for a single value, because one
   * observation shows no spread (documented rather than NaN so reports never show NaN).
   *
   * @throws {UsageError} when no value was added.
   */
  get variance(): number {
    this.requireValues("variance");
    // Rounding can leave m2 a hair below zero for constant streams.
    return this.n < 2 ? 0 : Math.max(0, this.m2 / (this.n - 1));
  }

  /**
   * Sample standard deviation (square root of {@link OnlineMoments.variance}), in the units
   * of the values.
   *
   * @throws {UsageError} when no value was added.
   */
  get sd(): number {
    this.requireValues("sd");
    return Math.sqrt(this.variance);
  }

  /**
   * Smallest value added.
   *
   * @throws {UsageError} when no value was added.
   */
  get min(): number {
    this.requireValues("min");
    return this.smallest;
  }

  /**
   * Largest value added.
   *
   * @throws {UsageError} when no value was added.
   */
  get max(): number {
    this.requireValues("max");
    return this.largest;
  }

  private requireValues(statistic: string): void {
    if (this.n === 0) {
      throw new UsageError(ruleBroken(`OnlineMoments.${statistic}`, "needs at least one value; check count first", 0));
    }
  }
}
