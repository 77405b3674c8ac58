import { usageError } from "./messages.js";
import { formatDesignValue, requireDesignValue, requirePath, type DesignValue } from "./point.js";

/** One swept parameter: a scenario path and the values it takes. */
export interface SweepParam {
  /** Dotted scenario path, e.g. `levers.coupon.faceValue`. */
  readonly path: string;
  /** Values in sweep order; at least one, no two alike. */
  readonly values: readonly DesignValue[];
}

/**
 * Checks a list of sweep params: valid distinct paths; non-empty value lists of finite
 * numbers, strings or booleans with no value repeated (a repeat would produce two points with
 * one id).
 *
 * @throws {UsageError} at the first problem, naming `owner` and the path.
 */
export function requireSweepParams(owner: string, params: readonly SweepParam[]): void {
  if (!Array.isArray(params)) throw usageError(owner, "params must be an array of { path, values }", params);
  const seenPaths = new Set<string>();
  for (const param of params) {
    requirePath(owner, param.path);
    if (seenPaths.has(param.path)) throw usageError(owner, "each path may be swept only once", param.path);
    seenPaths.add(param.path);
    if (!Array.isArray(param.values) || param.values.length === 0) {
      throw usageError(owner, `${param.path}: values must be a non-empty array`, param.values);
    }
    const seenValues = new Set<string>();
    for (const value of param.values) {
      requireDesignValue(owner, param.path, value);
      const text = formatDesignValue(value);
      if (seenValues.has(text)) throw usageError(owner, `${param.path}: values must be distinct`, value);
      seenValues.add(text);
    }
  }
}
