/** A source of uniform draws in [0, 1) (src/random's RandomSource, written here so design stays free of src/random). */
type RandomSource = () => number;
import { usageError } from "./messages.js";

/**
 * A Latin hypercube sample of the unit cube: `draws` points in `dimensions` dimensions such that,
 * in every dimension, each of the `draws` equal strata [k/n, (k+1)/n) holds exactly one point
 * (McKay, Beckman & Conover 1979). Each dimension's strata are assigned to draws by its own
 * Fisher–Yates permutation, and each point sits at a uniform position inside its stratum.
 *
 * Deterministic: the same source sequence gives the same sample. Dimensions are drawn one after
 * the other (permutation, then offsets), so the first d dimensions of a sample do not depend on
 * how many come after them.
 *
 * @param draws - number of points, ≥ 1.
 * @param dimensions - number of coordinates of each point, ≥ 0.
 * @param source - uniform deviates on [0, 1), e.g. `createStream("116/robustness/lhs")`.
 * @returns `sample[i][j]`: coordinate j of point i, strictly inside (0, 1).
 * @throws {UsageError} when draws or dimensions are not whole numbers in range.
 */
export function latinHypercube(draws: number, dimensions: number, source: RandomSource): number[][] {
  if (!Number.isSafeInteger(draws) || draws < 1) throw usageError("latinHypercube", "draws must be an integer ≥ 1", draws);
  if (!Number.isSafeInteger(dimensions) || dimensions < 0) throw usageError("latinHypercube", "dimensions must be an integer ≥ 0", dimensions);
  const sample: number[][] = Array.from({ length: draws }, () => new Array<number>(dimensions).fill(0));
  for (let j = 0; j < dimensions; j++) {
    const strata = Array.from({ length: draws }, (_, k) => k);
    for (let k = draws - 1; k > 0; k--) {
      const pick = Math.floor(source() * (k + 1));
      const swap = strata[k] as number;
      strata[k] = strata[pick] as number;
      strata[pick] = swap;
    }
    for (let i = 0; i < draws; i++) {
      // A deviate of exactly 0 would put the point on the stratum's edge (and at 0 for the first
      // stratum, where an inverse CDF is infinite): nudge it to the middle of the smallest step.
      const offset = source();
      const inside = offset === 0 ? 2 ** -33 : offset;
      (sample[i] as number[])[j] = ((strata[i] as number) + inside) / draws;
    }
  }
  return sample;
}
