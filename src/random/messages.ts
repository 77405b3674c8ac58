/**
 * Every parameter-validation message of `random/`, built in one place so the wording stays
 * uniform (`sampler: rule (got value)`) and tests can quote it exactly. The value rendering is
 * shared with every module (`../errors.js`).
 */

export { formatValue, ruleBroken } from "../errors.js";

/** True when `value` is a number in the closed interval [lo, hi] (NaN fails). */
export function isInClosed(value: unknown, lo: number, hi: number): value is number {
  return typeof value === "number" && value >= lo && value <= hi;
}

/** True when `value` is a finite number strictly greater than zero. */
export function isPositiveFinite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0;
}

/** True when `value` is any finite number. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** True when `value` is an integer in [0, Number.MAX_SAFE_INTEGER]. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** True when `weights` is a non-empty list of finite non-negative numbers with a positive sum. */
export function isWeightList(weights: unknown): weights is readonly number[] {
  if (!Array.isArray(weights) && !ArrayBuffer.isView(weights)) return false;
  const list = weights as ArrayLike<unknown>;
  if (list.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < list.length; i++) {
    const w = list[i];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) return false;
    sum += w;
  }
  return sum > 0 && Number.isFinite(sum);
}

/** The rule for every weight vector, quoted by categorical, AliasTable, empiricalDiscrete, dailyProfile. */
export const weightsRule = "weights must be finite and >= 0 with a positive sum";
