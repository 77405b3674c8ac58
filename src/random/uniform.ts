import { UsageError } from "../errors.js";
import { isFiniteNumber, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * A uniform sampler on [lo, hi) (units of lo and hi).
 *
 * @throws {UsageError} if `lo` or `hi` is not finite, or `hi` < `lo`.
 */
export function uniform(source: RandomSource, lo: number, hi: number): () => number {
  if (!isFiniteNumber(lo)) throw new UsageError(ruleBroken("uniform", "lo must be finite", lo));
  if (!isFiniteNumber(hi)) throw new UsageError(ruleBroken("uniform", "hi must be finite", hi));
  if (hi < lo) throw new UsageError(ruleBroken("uniform", `hi must be >= lo (${lo})`, hi));
  const width = hi - lo;
  return () => lo + width * source();
}
