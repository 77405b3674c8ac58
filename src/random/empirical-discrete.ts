import { UsageError } from "../errors.js";
import { AliasTable } from "./alias-table.js";
import { isFiniteNumber, isWeightList, ruleBroken, weightsRule } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * A sampler that resamples observed `values`: each with probability proportional to its weight,
 * or equally likely when `weights` is omitted (the empirical distribution).
 *
 * @param values - the support, in any units; finite; repeats add up.
 * @param weights - optional relative weights, one per value.
 * @throws {UsageError} if `values` is empty or not finite, or `weights` has another length or
 *   breaks the weights rule.
 */
export function empiricalDiscrete(
  source: RandomSource,
  values: readonly number[],
  weights?: readonly number[],
): () => number {
  if (!Array.isArray(values) || values.length === 0 || !values.every(isFiniteNumber)) {
    throw new UsageError(ruleBroken("empiricalDiscrete", "values must be a non-empty list of finite numbers", values));
  }
  const support = Float64Array.from(values);
  if (weights === undefined) {
    const n = support.length;
    return () => support[(source() * n) | 0] as number;
  }
  if (!isWeightList(weights)) throw new UsageError(ruleBroken("empiricalDiscrete", weightsRule, weights));
  if (weights.length !== values.length) {
    throw new UsageError(
      ruleBroken("empiricalDiscrete", `weights must have one entry per value (${values.length})`, weights.length),
    );
  }
  const table = new AliasTable(weights);
  return () => support[table.sample(source)] as number;
}
