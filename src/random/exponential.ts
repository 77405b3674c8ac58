import { UsageError } from "../errors.js";
import { isPositiveFinite, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * One exponential deviate with rate `rate` (events per unit time; mean 1/rate time units).
 *
 * Unchecked: for hot loops; callers validate.
 */
export function drawExponential(source: RandomSource, rate: number): number {
  // log1p(-u) keeps precision for small u and is finite for every u in [0, 1).
  return -Math.log1p(-source()) / rate;
}

/**
 * An exponential sampler: waiting times between events of rate `rate` (per unit time).
 *
 * @throws {UsageError} if `rate` is not finite and > 0.
 */
export function exponential(source: RandomSource, rate: number): () => number {
  if (!isPositiveFinite(rate)) {
    throw new UsageError(ruleBroken("exponential", "rate must be finite and > 0", rate));
  }
  // Same arithmetic as drawExponential, so switching between the two keeps every draw.
  return () => -Math.log1p(-source()) / rate;
}
