import { UsageError } from "../errors.js";
import { isInClosed, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * A Bernoulli sampler: 1 with probability `p`, else 0.
 *
 * @throws {UsageError} if `p` is not in [0, 1].
 */
export function bernoulli(source: RandomSource, p: number): () => number {
  if (!isInClosed(p, 0, 1)) throw new UsageError(ruleBroken("bernoulli", "p must be in [0, 1]", p));
  // u < p with u in [0, 1): p = 0 never succeeds and p = 1 always does.
  return () => (source() < p ? 1 : 0);
}
