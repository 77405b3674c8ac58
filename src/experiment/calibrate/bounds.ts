/**
 * Bounds for an unbounded optimizer by a change of variables: a parameter x in [min, max] is
 * searched as u = logit((x − min) / (max − min)) over the whole real line, and every u maps back
 * to x = min + (max − min)·σ(u) strictly inside the bounds. This is the standard logistic
 * transform for box constraints with Nelder–Mead (e.g. the bounded mode of MATLAB's fminsearchbnd
 * uses a sine; the logistic keeps the same ordering and is smooth everywhere). A start on a bound
 * is moved a thousandth of the range inside, where the transform is finite.
 */

/** A box: lower and upper bound of one coordinate. */
export interface Box {
  readonly min: number;
  readonly max: number;
}

/** Share of the range kept between a start and a bound. */
const EDGE = 1e-3;

/** x in [min, max] → u in R. */
export function toUnbounded(x: number, box: Box): number {
  const share = Math.min(1 - EDGE, Math.max(EDGE, (x - box.min) / (box.max - box.min)));
  return Math.log(share / (1 - share));
}

/** u in R → x in (min, max). */
export function toBounded(u: number, box: Box): number {
  // Written so neither branch overflows: e^u for large |u| only appears divided into 1.
  const share = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  return box.min + (box.max - box.min) * share;
}

/**
 * Rounds to `digits` significant digits, so evaluated values are short in the fitted scenario
 * and in the CSV, and the optimizer's last tiny steps reuse evaluations instead of simulating
 * values that differ in the 12th digit.
 */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}
