import { usageError } from "./messages.js";
import type { MorrisDesign } from "./morrisDesign.js";

/** Elementary-effect statistics of one parameter. */
export interface MorrisEffect {
  /** Scenario path. */
  readonly param: string;
  /** Mean elementary effect: signed; effects of opposite sign cancel. */
  readonly mu: number;
  /** Mean absolute elementary effect (Campolongo et al. 2007): overall importance. */
  readonly muStar: number;
  /** Sample sd (n − 1) of the effects: non-linearity or interaction with other parameters. */
  readonly sigma: number;
  /** Number of elementary effects (= trajectories). */
  readonly n: number;
}

/**
 * Morris screening statistics from the outputs of a {@link morrisDesign}'s points.
 *
 * An elementary effect is (y(x ± Δ·e_i) − y(x)) / (±Δ) with Δ a fraction of the parameter's
 * range, so effects are in output units per full range of the parameter (hi − lo) — comparable
 * across parameters of different units, which is what screening ranks. A linear term a·x on
 * [lo, hi] has μ* = a·(hi − lo) and σ = 0.
 *
 * @param design - the design whose points were run.
 * @param outputs - one finite output per `design.points` entry, in that order.
 * @returns one entry per param, in the design's param order.
 * @throws {UsageError} when outputs has the wrong length or holds a NaN or infinite value.
 */
export function morrisAnalysis(design: MorrisDesign, outputs: readonly number[]): MorrisEffect[] {
  if (outputs.length !== design.points.length) {
    throw usageError("morrisAnalysis", `outputs needs one value per design point (${design.points.length})`, outputs.length);
  }
  outputs.forEach((value, i) => {
    if (!Number.isFinite(value)) throw usageError("morrisAnalysis", `outputs[${i}] must be a finite number`, value);
  });
  const effects = new Map<string, number[]>(design.params.map((param) => [param.path, []]));
  let offset = 0;
  for (const trajectory of design.trajectories) {
    trajectory.steps.forEach((step, j) => {
      const before = outputs[offset + j] as number;
      const after = outputs[offset + j + 1] as number;
      effects.get(step.param)?.push((step.direction * (after - before)) / design.delta);
    });
    offset += trajectory.points.length;
  }
  return design.params.map((param): MorrisEffect => {
    const list = effects.get(param.path) ?? [];
    const n = list.length;
    const mu = list.reduce((sum, value) => sum + value, 0) / n;
    const muStar = list.reduce((sum, value) => sum + Math.abs(value), 0) / n;
    const squares = list.reduce((sum, value) => sum + (value - mu) * (value - mu), 0);
    // morrisDesign guarantees n ≥ 2; the guard keeps a hand-built design from producing NaN.
    const sigma = n >= 2 ? Math.sqrt(squares / (n - 1)) : 0;
    return { param: param.path, mu, muStar, sigma, n };
  });
}
