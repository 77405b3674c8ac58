/**
 * The distributions an uncertain parameter may follow, and their inverse CDFs, which turn a
 * Latin hypercube coordinate u ∈ (0, 1) into a value (so each parameter's draws stay stratified
 * in probability, whatever its shape). Kept to four well-known shapes, each fixed by the figures
 * a source usually states:
 *
 * - uniform      {low, high}                 a range, nothing more known
 * - triangular   {low, mode, high}           a range and a most likely value
 * - normal       {mean, sd, [low], [high]}   an estimate with a standard error, optionally truncated
 * - lognormal    {median, sigma, [low], [high]}  a positive factor: ln X ~ N(ln median, sigma²), optionally truncated
 */
import { normalQuantile } from "../../stats/index.js";

export type Distribution =
  | { readonly distribution: "uniform"; readonly low: number; readonly high: number }
  | { readonly distribution: "triangular"; readonly low: number; readonly mode: number; readonly high: number }
  | { readonly distribution: "normal"; readonly mean: number; readonly sd: number; readonly low?: number; readonly high?: number }
  | { readonly distribution: "lognormal"; readonly median: number; readonly sigma: number; readonly low?: number; readonly high?: number };

export const DISTRIBUTIONS = ["uniform", "triangular", "normal", "lognormal"] as const;

/**
 * Standard normal CDF Φ(z) from the complementary error function, by the Chebyshev-fitted
 * formula of Numerical Recipes (2nd ed., §6.2, `erfcc`): fractional error below 1.2e-7
 * everywhere — used only to place truncation bounds, where that is far below any stated bound's
 * own precision.
 */
export function normalCdf(z: number): number {
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const x = -z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return 0.5 * (x >= 0 ? erfc : 2 - erfc);
}

/** Probability mass of a standard normal between a and b (a ≤ b), computed on the side with less cancellation. */
export function normalMass(a: number, b: number): number {
  return a > 0 ? normalCdf(-a) - normalCdf(-b) : normalCdf(b) - normalCdf(a);
}

/**
 * The u-quantile of a standard normal truncated to [a, b]. In the upper tail the mirror image is
 * used, so a truncation far above the mean does not lose every digit to 1 − Φ cancellation.
 */
function truncatedStandardQuantile(u: number, a: number, b: number): number {
  if (a > 0) return -truncatedStandardQuantile(1 - u, -b, -a);
  const lo = normalCdf(a);
  const hi = normalCdf(b);
  const p = lo + u * (hi - lo);
  // p can reach 0 or 1 only by rounding at an extreme u; the bound is then the answer.
  if (!(p > 0)) return a;
  if (!(p < 1)) return b;
  return Math.min(b, Math.max(a, normalQuantile(p)));
}

/**
 * The value at probability u of a distribution (its inverse CDF).
 * @param u - strictly between 0 and 1 (a Latin hypercube coordinate).
 */
export function quantileOf(spec: Distribution, u: number): number {
  switch (spec.distribution) {
    case "uniform":
      return spec.low + u * (spec.high - spec.low);
    case "triangular": {
      const { low, mode, high } = spec;
      const split = (mode - low) / (high - low);
      return u < split ? low + Math.sqrt(u * (high - low) * (mode - low)) : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
    }
    case "normal": {
      const a = spec.low === undefined ? Number.NEGATIVE_INFINITY : (spec.low - spec.mean) / spec.sd;
      const b = spec.high === undefined ? Number.POSITIVE_INFINITY : (spec.high - spec.mean) / spec.sd;
      return spec.mean + spec.sd * truncatedStandardQuantile(u, a, b);
    }
    case "lognormal": {
      const mu = Math.log(spec.median);
      const a = spec.low === undefined || spec.low <= 0 ? Number.NEGATIVE_INFINITY : (Math.log(spec.low) - mu) / spec.sigma;
      const b = spec.high === undefined ? Number.POSITIVE_INFINITY : (Math.log(spec.high) - mu) / spec.sigma;
      return Math.exp(mu + spec.sigma * truncatedStandardQuantile(u, a, b));
    }
  }
}

/** Share of the untruncated distribution inside its truncation bounds (1 for uniform and triangular). */
export function keptMass(spec: Distribution): number {
  if (spec.distribution === "normal") {
    const a = spec.low === undefined ? Number.NEGATIVE_INFINITY : (spec.low - spec.mean) / spec.sd;
    const b = spec.high === undefined ? Number.POSITIVE_INFINITY : (spec.high - spec.mean) / spec.sd;
    return normalMass(a, b);
  }
  if (spec.distribution === "lognormal") {
    const mu = Math.log(spec.median);
    const a = spec.low === undefined || spec.low <= 0 ? Number.NEGATIVE_INFINITY : (Math.log(spec.low) - mu) / spec.sigma;
    const b = spec.high === undefined ? Number.POSITIVE_INFINITY : (Math.log(spec.high) - mu) / spec.sigma;
    return normalMass(a, b);
  }
  return 1;
}
