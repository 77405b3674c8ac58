import { gammaln } from "simple-statistics";
import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";
import { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";

/**
 * Student-t upper-tail probability P(T > t) for t ≥ 0, computed directly (not as 1 − CDF) so
 * that tail probabilities far below machine epsilon keep their digits.
 */
export function tUpperTail(t: number, df: number): number {
  const tSquared = t * t;
  const denominator = df + tSquared;
  return 0.5 * regularizedIncompleteBeta(df / denominator, df / 2, 0.5, tSquared / denominator);
}

/** Student-t density at t with `df` degrees of freedom. */
export function tDensity(t: number, df: number): number {
  const logDensity =
    gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/**
 * Student-t CDF P(T ≤ t) with `df` degrees of freedom.
 *
 * @param t - the point, in standard errors.
 * @param df - degrees of freedom, a positive finite number (need not be an integer: Welch).
 * @returns a probability in [0, 1].
 * @throws {UsageError} when `t` is NaN or `df` is not a positive finite number.
 */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t)) throw new UsageError(ruleBroken("tCdf", "t must be a number", t));
  if (!(df > 0 && Number.isFinite(df))) throw new UsageError(ruleBroken("tCdf", "df must be a positive finite number", df));
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? 1 - tUpperTail(t, df) : tUpperTail(-t, df);
}
