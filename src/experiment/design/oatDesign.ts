import { usageError } from "./messages.js";
import { makePoint, requirePath, roundDesignValue, type Point } from "./point.js";

/** The two perturbed points of one parameter in a one-at-a-time design. */
export interface OatParamPoints {
  /** Scenario path of the parameter. */
  readonly param: string;
  /** The parameter's base value, in its own units. */
  readonly baseValue: number;
  /** baseValue × (1 − δ). Numerically above `high` when baseValue is negative. */
  readonly low: number;
  /** baseValue × (1 + δ). */
  readonly high: number;
  /** Every param at base except this one at `low`. */
  readonly lowPoint: Point<number>;
  /** Every param at base except this one at `high`. */
  readonly highPoint: Point<number>;
}

/** A one-at-a-time sensitivity design: the base point and two perturbations per parameter. */
export interface OatDesign {
  /** Relative perturbation δ, a fraction (0.1 = ±10%). */
  readonly delta: number;
  /** All params at their base values. */
  readonly base: Point<number>;
  /** One entry per param, in the order of the base record's keys. */
  readonly params: readonly OatParamPoints[];
  /** Every point to run: base first, then low and high of each param in order (2k + 1). */
  readonly points: readonly Point<number>[];
}

/**
 * One-at-a-time (local) sensitivity design: each parameter in turn moved to ×(1 − δ) and
 * ×(1 + δ) of its base value with the others held at base. Every point carries the full
 * assignment, so its id names all k params and equal assignments share an id (and streams).
 *
 * Cheap (2k + 1 points) but blind to interactions; use {@link morrisDesign} to screen those.
 *
 * @param base - scenario path → base value (non-zero, finite: a relative change cannot move 0).
 * @param delta - relative perturbation, strictly between 0 and 1.
 * @throws {UsageError} on an empty base, an invalid path, a zero or non-finite base value, or
 *   a δ outside (0, 1).
 */
export function oatDesign(base: Readonly<Record<string, number>>, delta: number): OatDesign {
  if (!(typeof delta === "number" && delta > 0 && delta < 1)) {
    throw usageError("oatDesign", "delta must be strictly between 0 and 1", delta);
  }
  const paths = Object.keys(base);
  if (paths.length === 0) throw usageError("oatDesign", "base needs at least one parameter", base);
  for (const path of paths) {
    requirePath("oatDesign", path);
    const value = base[path];
    if (typeof value !== "number" || !Number.isFinite(value) || value === 0) {
      throw usageError("oatDesign", `${path}: base value must be a finite non-zero number`, value);
    }
  }
  const basePoint = makePoint(base);
  const params = paths.map((param): OatParamPoints => {
    const baseValue = base[param] as number;
    const low = roundDesignValue(baseValue * (1 - delta));
    const high = roundDesignValue(baseValue * (1 + delta));
    return {
      param,
      baseValue,
      low,
      high,
      lowPoint: makePoint({ ...base, [param]: low }),
      highPoint: makePoint({ ...base, [param]: high }),
    };
  });
  const points = [basePoint, ...params.flatMap((entry) => [entry.lowPoint, entry.highPoint])];
  return { delta, base: basePoint, params, points };
}
