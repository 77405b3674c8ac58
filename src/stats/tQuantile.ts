import { gammaln } from "simple-statistics";
import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";
import { normalQuantile } from "./normalQuantile.js";
import { tDensity, tUpperTail } from "./tCdf.js";

/** Above this many degrees of freedom the t and normal quantiles agree to ~1e-13. */
const normalLimitDf = 1e20;
/**
 * Above this, Hill's expansion alone is already accurate to ~1e-8, while the incomplete-beta
 * refinement would need √df continued-fraction terms.
 */
const refinementLimitDf = 1e7;

/**
 * Student-t inverse CDF: the t with P(T ≤ t) = p for `df` degrees of freedom, accurate to about
 * 1e-8 relative or better (checked against R's `qt`, SciPy's `t.ppf` and mpmath).
 *
 * Hill (1970, CACM algorithm 396) gives a starting value good to ~1e-5; up to ten two-term
 * Taylor (Newton plus curvature) steps against the exact tail probability — the scheme R's
 * `qt` uses — then polish it. df = 1 (Cauchy) and df = 2 have closed forms.
 *
 * @param p - lower-tail probability, strictly between 0 and 1.
 * @param df - degrees of freedom, ≥ 1 and not necessarily an integer (Welch), or `Infinity`
 *   for the normal limit.
 * @returns the quantile, in standard errors.
 * @throws {UsageError} when `p` is not in (0, 1) or `df` is below 1 or NaN.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new UsageError(ruleBroken("tQuantile", "p must be strictly between 0 and 1", p));
  if (!(df >= 1)) throw new UsageError(ruleBroken("tQuantile", "df must be at least 1", df));
  if (p === 0.5) return 0;
  if (df > normalLimitDf) return normalQuantile(p);
  // Solve for the upper quantile of the smaller tail and reflect: the lower half is symmetric.
  const tail = p < 0.5 ? p : 1 - p;
  const upper = upperTailQuantile(tail, df);
  return p < 0.5 ? -upper : upper;
}

/** The t > 0 with P(T > t) = tail, for 0 < tail < 0.5. */
function upperTailQuantile(tail: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * tail);
  const twoSided = 2 * tail;
  if (df === 2) return Math.sqrt(2 / (twoSided * (2 - twoSided)) - 2);

  // Hill (1970), as in R's nmath/qt.c.
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = ((20700 * a) / b - 98) * a - 16;
  c = c * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = Math.pow(d * twoSided, 2 / df);
  // Hill's expansion divides by y, which underflows for astronomically small tails (df near 1,
  // tail < 1e-160). There the leading term of the tail, K·ν^((ν−1)/2)·t^(−ν), is exact to
  // double precision and can be inverted in logs.
  if (y < Number.EPSILON) return extremeTailQuantile(tail, df);
  let q: number;
  if ((df < 2.1 && twoSided > 0.5) || y > 0.05 + a) {
    // Far from the centre relative to df: asymptotic expansion about the normal deviate.
    const x = normalQuantile(0.5 * twoSided);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
    q = Math.sqrt(df * y);
  } else {
    y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) *
        ((df + 1) / (df + 2)) +
      1 / y;
    q = Math.sqrt(df * y);
  }
  if (df > refinementLimitDf) return q;

  for (let iteration = 0; iteration < 10; iteration++) {
    const density = tDensity(q, df);
    if (!(density > 0)) break;
    const step = (tUpperTail(q, df) - tail) / density;
    if (!Number.isFinite(step) || Math.abs(step) <= 1e-14 * Math.abs(q)) break;
    q += step * (1 + (step * q * (df + 1)) / (2 * (q * q + df)));
  }
  return q;
}

/** Inverts P(T > t) ≈ K·ν^((ν−1)/2)·t^(−ν), K = Γ((ν+1)/2) / (√(νπ)·Γ(ν/2)), in logs. */
function extremeTailQuantile(tail: number, df: number): number {
  const logK = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp((logK + ((df - 1) / 2) * Math.log(df) - Math.log(tail)) / df);
}
