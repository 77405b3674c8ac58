import { UsageError } from "../errors.js";
import { isPositiveFinite, ruleBroken } from "./messages.js";
import { drawNormal } from "./normal.js";
import type { RandomSource } from "./stream.js";

/**
 * One gamma deviate with shape `shape` and scale 1 (Marsaglia & Tsang 2000; for shape < 1,
 * the boost G(shape) = G(shape + 1) · U^(1/shape)).
 *
 * Unchecked: for hot loops; callers validate (shape finite and > 0).
 */
export function drawGamma(source: RandomSource, shape: number): number {
  if (shape < 1) {
    // 1 - u lies in (0, 1], so the power is never 0^(1/shape) from a zero draw.
    return drawGammaAtLeastOne(source, shape + 1) * Math.pow(1 - source(), 1 / shape);
  }
  return drawGammaAtLeastOne(source, shape);
}

function drawGammaAtLeastOne(source: RandomSource, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = drawNormal(source);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = source();
    const x2 = x * x;
    // The squeeze accepts ~98% without a logarithm.
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * A gamma sampler with shape `shape` (dimensionless) and scale `scale` (units of the result);
 * mean shape·scale, variance shape·scale².
 *
 * @throws {UsageError} if `shape` or `scale` is not finite and > 0.
 */
export function gamma(source: RandomSource, shape: number, scale: number): () => number {
  if (!isPositiveFinite(shape)) throw new UsageError(ruleBroken("gamma", "shape must be finite and > 0", shape));
  if (!isPositiveFinite(scale)) throw new UsageError(ruleBroken("gamma", "scale must be finite and > 0", scale));
  if (shape < 1) {
    const base = shape + 1;
    const inverseShape = 1 / shape;
    return () => scale * drawGammaAtLeastOne(source, base) * Math.pow(1 - source(), inverseShape);
  }
  return () => scale * drawGammaAtLeastOne(source, shape);
}
