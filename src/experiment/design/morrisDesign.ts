import { usageError } from "./messages.js";
import { makePoint, requirePath, roundDesignValue, type Point } from "./point.js";

/** A parameter screened by the Morris method, with its range in its own units. */
export interface MorrisParam {
  /** Scenario path. */
  readonly path: string;
  /** Lower end of the range. */
  readonly lo: number;
  /** Upper end of the range, above `lo`. */
  readonly hi: number;
}

/** Options of {@link morrisDesign}. */
export interface MorrisOptions {
  /** The k parameters to screen. */
  readonly params: readonly MorrisParam[];
  /** Number of trajectories r, at least 2 (σ needs two effects); 10–50 is usual. */
  readonly trajectories: number;
  /** Grid levels p per parameter, even and at least 2; default 4. */
  readonly levels?: number;
  /** Uniform draws in [0, 1), e.g. a seeded stream; never the built-in global generator, so designs replay. */
  readonly source: () => number;
}

/** Which parameter a trajectory step moved, and which way. */
export interface MorrisStep {
  readonly param: string;
  /** +1 when the parameter went up by Δ, −1 when it went down. */
  readonly direction: 1 | -1;
}

/** One trajectory: k + 1 points, each differing from the previous in exactly one parameter. */
export interface MorrisTrajectory {
  readonly points: readonly Point<number>[];
  /** steps[j] leads from points[j] to points[j + 1]. */
  readonly steps: readonly MorrisStep[];
}

/** A Morris elementary-effects design. */
export interface MorrisDesign {
  readonly params: readonly MorrisParam[];
  /** Grid levels p. */
  readonly levels: number;
  /** Step Δ = p / (2(p − 1)) as a fraction of each parameter's range. */
  readonly delta: number;
  readonly trajectories: readonly MorrisTrajectory[];
  /**
   * Every point to run, trajectory by trajectory: r(k + 1) entries. Outputs for
   * {@link morrisAnalysis} must come in this order. Ids can repeat when trajectories cross;
   * equal ids mean equal assignments, so a runner may reuse the result.
   */
  readonly points: readonly Point<number>[];
}

/**
 * Morris (1991) one-at-a-time trajectories for screening which parameters matter, over a grid
 * of p levels per parameter with the standard step Δ = p / (2(p − 1)) of the range.
 *
 * Each trajectory starts at a random grid point from which every parameter can move by Δ,
 * then moves the parameters once each, in a random order and random direction (the B* matrix
 * construction of Morris 1991 / Saltelli et al. 2008 §3.3). Values are in the parameters' own
 * units, lo·(1 − u) + hi·u, so the range ends are exact. Per trajectory the source is read
 * k times for start levels, k for directions, then k − 1 for the order — the design is a pure
 * function of the draws.
 *
 * @throws {UsageError} on no params, an invalid or repeated path, lo ≥ hi or a non-finite end,
 *   trajectories not an integer ≥ 2, levels not an even integer ≥ 2, or a source draw outside [0, 1).
 */
export function morrisDesign(options: MorrisOptions): MorrisDesign {
  const { params, trajectories, source } = options;
  const levels = options.levels ?? 4;
  requireMorrisParams(params);
  if (!(Number.isInteger(trajectories) && trajectories >= 2)) {
    throw usageError("morrisDesign", "trajectories must be an integer of at least 2", trajectories);
  }
  // With odd p, Δ = p/(2(p − 1)) is not a whole number of grid steps.
  if (!(Number.isInteger(levels) && levels >= 2 && levels % 2 === 0)) {
    throw usageError("morrisDesign", "levels must be an even integer of at least 2", levels);
  }
  if (typeof source !== "function") throw usageError("morrisDesign", "source must be a function returning [0, 1)", source);

  const k = params.length;
  const stepLevels = levels / 2;
  const draw = (count: number): number => {
    const u = source();
    if (!(typeof u === "number" && u >= 0 && u < 1)) throw usageError("morrisDesign", "source must return numbers in [0, 1)", u);
    return Math.floor(u * count);
  };
  const valueAt = (param: MorrisParam, level: number): number => {
    const u = level / (levels - 1);
    return roundDesignValue(param.lo * (1 - u) + param.hi * u);
  };
  const pointAt = (levelIndices: readonly number[]): Point<number> => {
    const values: Record<string, number> = {};
    params.forEach((param, i) => {
      values[param.path] = valueAt(param, levelIndices[i] as number);
    });
    return makePoint(values);
  };

  const built: MorrisTrajectory[] = [];
  for (let t = 0; t < trajectories; t++) {
    // Start levels 0 … p/2 − 1 are exactly those from which a step of p/2 levels stays on the grid.
    const baseLevels = params.map(() => draw(stepLevels));
    const directions = params.map((): 1 | -1 => (draw(2) === 0 ? 1 : -1));
    const order = params.map((_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = draw(i + 1);
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    // Going down means starting at the upper level of the pair.
    const current = baseLevels.map((level, i) => (directions[i] === 1 ? level : level + stepLevels));
    const points = [pointAt(current)];
    const steps: MorrisStep[] = [];
    for (const i of order) {
      const direction = directions[i] as 1 | -1;
      current[i] = (current[i] as number) + direction * stepLevels;
      points.push(pointAt(current));
      steps.push({ param: (params[i] as MorrisParam).path, direction });
    }
    built.push({ points, steps });
  }
  return {
    params,
    levels,
    delta: levels / (2 * (levels - 1)),
    trajectories: built,
    points: built.flatMap((trajectory) => trajectory.points),
  };
}

function requireMorrisParams(params: readonly MorrisParam[]): void {
  if (!Array.isArray(params) || params.length === 0) {
    throw usageError("morrisDesign", "params needs at least one { path, lo, hi }", params);
  }
  const seen = new Set<string>();
  for (const param of params) {
    requirePath("morrisDesign", param.path);
    if (seen.has(param.path)) throw usageError("morrisDesign", "each path may appear only once", param.path);
    seen.add(param.path);
    const { lo, hi } = param;
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
      throw usageError("morrisDesign", `${param.path}: lo and hi must be finite with lo < hi`, [lo, hi]);
    }
  }
}
