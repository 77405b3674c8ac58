/**
 * Normal deviates by the ziggurat method (Marsaglia & Tsang 2000, with Doornik's 2005 fix that
 * draws the layer and the abscissa from separate uniforms so they are not correlated).
 *
 * Why ziggurat and not Marsaglia polar: polar makes deviates in pairs and must cache the spare,
 * which a stateless hot-loop function cannot do without leaking the spare from one stream into
 * another (breaking common random numbers). The ziggurat makes one deviate at a time, usually
 * from two uniforms and a table lookup, with no logarithm — so it needs no spare at all.
 */
import { UsageError } from "../errors.js";
import { isFiniteNumber, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

const layerCount = 128;
/** Right edge of the base layer, and the area of each layer, for 128 layers (Marsaglia & Tsang). */
const tailStart = 3.442619855899;
const layerArea = 9.91256303526217e-3;

/** layerX[i]: right edge of layer i; layerRatio[i] = layerX[i+1] / layerX[i] (inside test). */
const layerX = new Float64Array(layerCount + 1);
const layerRatio = new Float64Array(layerCount);
{
  let f = Math.exp(-0.5 * tailStart * tailStart);
  layerX[0] = layerArea / f;
  layerX[1] = tailStart;
  layerX[layerCount] = 0;
  for (let i = 2; i < layerCount; i++) {
    const x = Math.sqrt(-2 * Math.log(layerArea / (layerX[i - 1] as number) + f));
    layerX[i] = x;
    f = Math.exp(-0.5 * x * x);
  }
  for (let i = 0; i < layerCount; i++) layerRatio[i] = (layerX[i + 1] as number) / (layerX[i] as number);
}

/**
 * One standard normal deviate (mean 0, sd 1).
 *
 * Unchecked: for hot loops; callers validate. Stateless, so interleaving streams is safe.
 */
export function drawNormal(source: RandomSource): number {
  for (;;) {
    const u = 2 * source() - 1;
    const layer = (source() * layerCount) | 0;
    const xi = layerX[layer] as number;
    // ~98.8% of draws end here: the point lies inside the rectangle under the curve.
    if (Math.abs(u) < (layerRatio[layer] as number)) return u * xi;
    if (layer === 0) return drawNormalTail(source, u < 0);
    const x = u * xi;
    const xNext = layerX[layer + 1] as number;
    const f0 = Math.exp(-0.5 * (xi * xi - x * x));
    const f1 = Math.exp(-0.5 * (xNext * xNext - x * x));
    if (f1 + source() * (f0 - f1) < 1) return x;
  }
}

/** Marsaglia's tail method for |x| > tailStart. */
function drawNormalTail(source: RandomSource, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    // log1p(-u) with u in [0, 1) is finite; log(u) would be -Infinity at u = 0.
    x = Math.log1p(-source()) / tailStart;
    y = Math.log1p(-source());
  } while (-2 * y < x * x);
  return negative ? x - tailStart : tailStart - x;
}

/**
 * A normal sampler with mean `mu` and standard deviation `sigma` (same units as `mu`).
 *
 * @throws {UsageError} if `mu` is not finite or `sigma` is not finite and >= 0.
 */
export function normal(source: RandomSource, mu: number, sigma: number): () => number {
  if (!isFiniteNumber(mu)) throw new UsageError(ruleBroken("normal", "mu must be finite", mu));
  if (!isFiniteNumber(sigma) || sigma < 0) {
    throw new UsageError(ruleBroken("normal", "sigma must be finite and >= 0", sigma));
  }
  return () => mu + sigma * drawNormal(source);
}
