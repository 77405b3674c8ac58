/**
 * Piecewise-constant daily activity: 24 hourly weights shape a rate that repeats every day.
 * Time t is in days (t = 1.5 is noon on day 1); rates are per day.
 */
import { UsageError } from "../errors.js";
import { isPositiveFinite, isWeightList, ruleBroken, weightsRule } from "./messages.js";
import type { NextArrival } from "./nhpp.js";
import type { RandomSource } from "./stream.js";

const hoursPerDay = 24;

/** A daily activity profile, ready for {@link nhpp} (`rate`, `maxRate`) or {@link dailyProfileArrivals}. */
export interface DailyProfile {
  /** Arrivals per day at time t (in days); the same every day. */
  readonly rate: (t: number) => number;
  /** The largest hourly rate, per day: the tight bound thinning needs. */
  readonly maxRate: number;
  /** The rate in each hour 0..23, per day; averages to `perDay` over a day. */
  readonly hourlyRates: Float64Array;
  /** Expected arrivals per day. */
  readonly perDay: number;
}

/**
 * Builds the rate whose hour-h level is proportional to `hourlyWeights[h]` and which brings
 * `perDay` arrivals per day on average.
 *
 * @param hourlyWeights - 24 relative weights, hour 0 first (0:00–1:00).
 * @param perDay - expected arrivals per day, finite and > 0.
 * @throws {UsageError} if there are not 24 weights, they break the weights rule, or `perDay` is not finite and > 0.
 */
export function dailyProfile(hourlyWeights: readonly number[], perDay: number): DailyProfile {
  if (!isWeightList(hourlyWeights)) throw new UsageError(ruleBroken("dailyProfile", weightsRule, hourlyWeights));
  if (hourlyWeights.length !== hoursPerDay) {
    throw new UsageError(ruleBroken("dailyProfile", "hourlyWeights must have 24 entries", hourlyWeights.length));
  }
  if (!isPositiveFinite(perDay)) throw new UsageError(ruleBroken("dailyProfile", "perDay must be finite and > 0", perDay));
  let sum = 0;
  for (const w of hourlyWeights) sum += w;
  const hourlyRates = new Float64Array(hoursPerDay);
  let maxRate = 0;
  for (let h = 0; h < hoursPerDay; h++) {
    // An hour lasts 1/24 day, so its rate per day is 24 times its share of the day's arrivals.
    const r = (perDay * hoursPerDay * (hourlyWeights[h] as number)) / sum;
    hourlyRates[h] = r;
    if (r > maxRate) maxRate = r;
  }
  const rate = (t: number): number => {
    const hour = Math.floor((t - Math.floor(t)) * hoursPerDay);
    // Rounding can put t just below a whole day into "hour 24".
    return hourlyRates[hour < hoursPerDay ? hour : hoursPerDay - 1] as number;
  };
  return { rate, maxRate, hourlyRates, perDay };
}

/**
 * Arrivals of a daily profile by inverting its cumulative rate: exact, one uniform per arrival
 * (no rejected proposals as with thinning), and monotone in that uniform, which keeps common
 * random numbers coupled across strategies. Times in days.
 *
 * @throws {UsageError} if `profile` has no positive rate (cannot happen for one from {@link dailyProfile}).
 */
export function dailyProfileArrivals(source: RandomSource, profile: DailyProfile): NextArrival {
  const rates = profile.hourlyRates;
  if (!(rates.length === hoursPerDay && profile.maxRate > 0)) {
    throw new UsageError(ruleBroken("dailyProfileArrivals", "profile must have 24 hourly rates, one > 0", rates));
  }
  return (afterTime, until = Infinity) => {
    let budget = -Math.log1p(-source());
    let day = Math.floor(afterTime);
    let hour = Math.min(hoursPerDay - 1, Math.floor((afterTime - day) * hoursPerDay));
    let t = afterTime;
    // Walk whole hour segments by integer index; recomputing the hour from t would stall at
    // segment ends where rounding lands t a hair before the boundary.
    for (;;) {
      const end = day + (hour + 1) / hoursPerDay;
      const r = rates[hour] as number;
      const mass = r * (end - t);
      if (budget <= mass && r > 0) {
        const arrival = t + budget / r;
        return arrival < until ? arrival : Infinity;
      }
      if (end >= until) return Infinity;
      budget -= mass > 0 ? mass : 0;
      t = end;
      if (++hour === hoursPerDay) {
        hour = 0;
        day++;
      }
    }
  };
}
