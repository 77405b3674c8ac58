import { makePoint, type DesignValue, type Point } from "./point.js";
import { requireSweepParams, type SweepParam } from "./sweepParam.js";

/**
 * Full-factorial sweep: every combination of the params' values (cartesian product), the first
 * param varying slowest, the last fastest. With no params, the single empty point (the base
 * scenario).
 *
 * @param params - swept parameters; the number of points is the product of their value counts.
 * @throws {UsageError} on an invalid or repeated path, an empty value list, or a repeated or
 *   non-finite value.
 */
export function gridPoints(params: readonly SweepParam[]): Point[] {
  requireSweepParams("gridPoints", params);
  const points: Point[] = [];
  // An odometer over value indices: the last wheel turns fastest.
  const indices = params.map(() => 0);
  for (;;) {
    const values: Record<string, DesignValue> = {};
    params.forEach((param, i) => {
      values[param.path] = param.values[indices[i] as number] as DesignValue;
    });
    points.push(makePoint(values));
    let wheel = params.length - 1;
    while (wheel >= 0) {
      const next = (indices[wheel] as number) + 1;
      if (next < (params[wheel] as SweepParam).values.length) {
        indices[wheel] = next;
        break;
      }
      indices[wheel] = 0;
      wheel--;
    }
    if (wheel < 0) return points;
  }
}
