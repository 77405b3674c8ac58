import { UsageError } from "../errors.js";
import { AliasTable } from "./alias-table.js";
import { isWeightList, ruleBroken, weightsRule } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * A categorical sampler: an index in [0, weights.length) with probability proportional to its
 * weight, in O(1) per draw (Vose's alias method; see {@link AliasTable}). Zero weights are never drawn.
 *
 * @throws {UsageError} if the weights are empty, negative, not finite, or sum to 0.
 */
export function categorical(source: RandomSource, weights: readonly number[]): () => number {
  if (!isWeightList(weights)) throw new UsageError(ruleBroken("categorical", weightsRule, weights));
  const table = new AliasTable(weights);
  return () => table.sample(source);
}
