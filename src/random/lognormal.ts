import { UsageError } from "../errors.js";
import { isFiniteNumber, ruleBroken } from "./messages.js";
import { drawNormal } from "./normal.js";
import type { RandomSource } from "./stream.js";

/**
 * A log-normal sampler: exp(N(mu, sigma²)), where `mu` and `sigma` are the mean and standard
 * deviation of the logarithm (so the median is exp(mu) and the mean exp(mu + sigma²/2)).
 *
 * @throws {UsageError} if `mu` is not finite or `sigma` is not finite and >= 0.
 */
export function lognormal(source: RandomSource, mu: number, sigma: number): () => number {
  if (!isFiniteNumber(mu)) throw new UsageError(ruleBroken("lognormal", "mu must be finite", mu));
  if (!isFiniteNumber(sigma) || sigma < 0) {
    throw new UsageError(ruleBroken("lognormal", "sigma must be finite and >= 0", sigma));
  }
  return () => Math.exp(mu + sigma * drawNormal(source));
}
