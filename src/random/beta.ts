import { UsageError } from "../errors.js";
import { isPositiveFinite, ruleBroken } from "./messages.js";
import { drawGamma } from "./gamma.js";
import type { RandomSource } from "./stream.js";

/**
 * One beta deviate on [0, 1] with shapes `a` and `b`, as X / (X + Y) for X ~ Gamma(a), Y ~ Gamma(b).
 *
 * Unchecked: for hot loops; callers validate (a, b finite and > 0).
 */
export function drawBeta(source: RandomSource, a: number, b: number): number {
  const x = drawGamma(source, a);
  const y = drawGamma(source, b);
  const sum = x + y;
  // Both gammas underflow to 0 only for tiny shapes, where Beta(a, b) is nearly
  // Bernoulli(a / (a + b)) on {0, 1}; returning that limit beats returning NaN.
  if (sum === 0) return source() < a / (a + b) ? 1 : 0;
  return x / sum;
}

/**
 * A beta sampler on [0, 1] with shapes `a` and `b`; mean a / (a + b).
 *
 * @throws {UsageError} if `a` or `b` is not finite and > 0.
 */
export function beta(source: RandomSource, a: number, b: number): () => number {
  if (!isPositiveFinite(a)) throw new UsageError(ruleBroken("beta", "a must be finite and > 0", a));
  if (!isPositiveFinite(b)) throw new UsageError(ruleBroken("beta", "b must be finite and > 0", b));
  return () => drawBeta(source, a, b);
}
