import { usageError } from "./messages.js";
import { makePoint, type DesignValue, type Point } from "./point.js";
import { requireSweepParams, type SweepParam } from "./sweepParam.js";

/**
 * Paired sweep: point i takes the i-th value of every param, for params that must move
 * together (e.g. a coupon's face value and its minimum spend).
 *
 * @param params - at least one swept parameter, all with value lists of the same length.
 * @throws {UsageError} when there are no params, the lists differ in length, or a path or value
 *   is invalid.
 */
export function zipPoints(params: readonly SweepParam[]): Point[] {
  requireSweepParams("zipPoints", params);
  const first = params[0];
  if (first === undefined) throw usageError("zipPoints", "needs at least one param", []);
  for (const param of params) {
    if (param.values.length !== first.values.length) {
      throw usageError(
        "zipPoints",
        `every param needs as many values as ${first.path} (${first.values.length})`,
        `${param.path} has ${param.values.length}`,
      );
    }
  }
  return first.values.map((_, i) => {
    const values: Record<string, DesignValue> = {};
    for (const param of params) values[param.path] = param.values[i] as DesignValue;
    return makePoint(values);
  });
}
