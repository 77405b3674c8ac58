/**
 * Non-homogeneous Poisson process by thinning (Lewis & Shedler 1979): propose arrivals at the
 * constant rate `maxRate`, keep each with probability rate(t) / maxRate.
 */
import { UsageError } from "../errors.js";
import { isPositiveFinite, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * Returns the time of the first arrival strictly after `afterTime`, or `Infinity` if none comes
 * before `until` (default `Infinity`). Times are in the unit the rate is expressed per.
 */
export type NextArrival = (afterTime: number, until?: number) => number;

/**
 * A non-homogeneous Poisson process with intensity `rate(t)` arrivals per unit time.
 *
 * Call the result with the previous arrival time to get the next one. Expected cost per arrival
 * is maxRate / (average rate) proposals, so keep `maxRate` tight. If the rate may be 0 for ever
 * after some time, pass `until`, or the search never ends.
 *
 * @param rate - intensity at time t, in arrivals per unit time; must stay in [0, maxRate].
 * @param maxRate - an upper bound of `rate` over all times asked about, per unit time.
 * @throws {UsageError} now if `maxRate` is not finite and > 0; when drawing, if `rate(t)` is
 *   found outside [0, maxRate] (thinning would silently undercount there).
 */
export function nhpp(source: RandomSource, rate: (t: number) => number, maxRate: number): NextArrival {
  if (typeof rate !== "function") throw new UsageError(ruleBroken("nhpp", "rate must be a function of time", rate));
  if (!isPositiveFinite(maxRate)) throw new UsageError(ruleBroken("nhpp", "maxRate must be finite and > 0", maxRate));
  return (afterTime, until = Infinity) => {
    let t = afterTime;
    for (;;) {
      t += -Math.log1p(-source()) / maxRate;
      if (t >= until) return Infinity;
      const intensity = rate(t);
      if (!(intensity >= 0 && intensity <= maxRate)) {
        throw new UsageError(ruleBroken("nhpp", `rate(${t}) must be in [0, maxRate = ${maxRate}]`, intensity));
      }
      if (source() * maxRate < intensity) return t;
    }
  };
}
