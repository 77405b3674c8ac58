/**
 * Which fitted parameters the targets pin down: a local sensitivity at the optimum.
 *
 * Each parameter is probed at ±5% of its range around the optimum (the same replications, so
 * the difference is the parameter's effect, not noise between runs). The central differences
 * give the Jacobian of each target's scaled miss, S_ki = √w_k · ∂mean_k/∂x_i / scale_k, and the
 * Gauss–Newton approximation of the loss's curvature, SᵀS. Its inverse is the usual asymptotic
 * covariance of a least-squares fit (with standard errors as scales, Δχ² = 1 at one σ); with
 * tolerances as scales, `sd` is the move of a parameter that costs about one tolerance once the
 * others have adjusted. A parameter whose sd is a large share of its range, or which no target
 * moves (a singular SᵀS), is one the targets barely constrain: its fitted value is whatever the
 * start and the path left it at.
 *
 * One-sided targets count only where they bind (a non-zero miss at the optimum or a probe).
 */
import type { CalibrationPlan, Evaluation } from "./calibrate.js";
import { zScore } from "./objective.js";

/** How well the targets fix a parameter: sd under a tenth of its range, under a half, or not. */
export type Constrained = "well" | "weakly" | "barely";

export interface ParameterSensitivity {
  /** Approximate standard deviation in the parameter's units (null when SᵀS is singular). */
  readonly sd: number | null;
  /** fitted ± 1.96 sd, cut to the bounds (null when sd is). */
  readonly approx95: readonly [number, number] | null;
  readonly constrained: Constrained;
  /** The loss at the lower probe, the optimum and the upper probe. */
  readonly profile: { readonly values: readonly [number, number, number]; readonly losses: readonly [number | null, number | null, number | null] };
  /** Each target's change, in its scale's units (z), over the whole range of the parameter: |effect| < 1 means the range hardly matters to it. */
  readonly effects: Readonly<Record<string, number | null>>;
}

/** Inverts a small symmetric matrix by Gauss–Jordan with partial pivoting; undefined when singular. */
export function invert(matrix: readonly (readonly number[])[]): number[][] | undefined {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  const scale = Math.max(...matrix.flatMap((row) => row.map(Math.abs)), 0);
  if (!(scale > 0)) return undefined;
  for (let column = 0; column < n; column++) {
    let pivot = column;
    for (let row = column + 1; row < n; row++) if (Math.abs(a[row]![column]!) > Math.abs(a[pivot]![column]!)) pivot = row;
    if (Math.abs(a[pivot]![column]!) <= 1e-12 * scale) return undefined;
    [a[column], a[pivot]] = [a[pivot]!, a[column]!];
    const lead = a[column]!;
    const divisor = lead[column]!;
    for (let j = 0; j < 2 * n; j++) lead[j] = lead[j]! / divisor;
    for (let row = 0; row < n; row++) {
      if (row === column) continue;
      const factor = a[row]![column]!;
      if (factor === 0) continue;
      for (let j = 0; j < 2 * n; j++) a[row]![j] = a[row]![j]! - factor * lead[j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * The local sensitivity of every parameter at the optimum.
 * @param probes - the evaluations at optimum − and + the probe of each parameter, in parameter order.
 */
export function localSensitivity(plan: CalibrationPlan, best: Evaluation, probes: readonly Evaluation[]): ParameterSensitivity[] {
  const targets = plan.targets.targets;
  const n = plan.parameters.length;
  // S[k][i]: the scaled miss's derivative; NaN where a probe failed or did not move.
  const derivative: number[][] = targets.map(() => new Array<number>(n).fill(0));
  const raw: number[][] = targets.map(() => new Array<number>(n).fill(0));
  const binding = targets.map((target, k) => {
    if (target.direction === "equal") return true;
    const misses = [best, ...probes].map((evaluation) => zScore(target, evaluation.means[k] ?? Number.NaN));
    return misses.some((z) => z !== 0);
  });
  plan.parameters.forEach((_, i) => {
    const minus = probes[2 * i];
    const plus = probes[2 * i + 1];
    const dx = (plus?.values[i] ?? 0) - (minus?.values[i] ?? 0);
    targets.forEach((target, k) => {
      const change = (plus?.means[k] ?? Number.NaN) - (minus?.means[k] ?? Number.NaN);
      raw[k]![i] = dx === 0 ? Number.NaN : change / dx / target.scale;
      derivative[k]![i] = Math.sqrt(target.weight) * raw[k]![i]!;
    });
  });
  const usable = derivative.map((row) => row.every((value) => Number.isFinite(value)));
  const fisher = plan.parameters.map((_, i) =>
    plan.parameters.map((__, j) => {
      let sum = 0;
      targets.forEach((_target, k) => {
        if (binding[k] && usable[k]) sum += derivative[k]![i]! * derivative[k]![j]!;
      });
      return sum;
    }),
  );
  const covariance = invert(fisher);
  return plan.parameters.map((parameter, i) => {
    const range = parameter.max - parameter.min;
    const variance = covariance?.[i]?.[i];
    const sd = variance !== undefined && variance > 0 && Number.isFinite(variance) ? Math.sqrt(variance) : null;
    const fitted = best.values[i] as number;
    const constrained: Constrained = sd === null ? "barely" : sd < 0.1 * range ? "well" : sd < 0.5 * range ? "weakly" : "barely";
    const minus = probes[2 * i];
    const plus = probes[2 * i + 1];
    const effects: Record<string, number | null> = {};
    targets.forEach((target, k) => {
      effects[target.name] = finiteOrNull(raw[k]![i]! * range);
    });
    return {
      sd,
      approx95: sd === null ? null : [Math.max(parameter.min, fitted - 1.96 * sd), Math.min(parameter.max, fitted + 1.96 * sd)],
      constrained,
      profile: {
        values: [minus?.values[i] ?? fitted, fitted, plus?.values[i] ?? fitted],
        losses: [finiteOrNull(minus?.loss ?? Number.NaN), finiteOrNull(best.loss), finiteOrNull(plus?.loss ?? Number.NaN)],
      },
      effects,
    };
  });
}
