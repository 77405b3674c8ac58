/**
 * The festival calendar: which simulated day is which date, its phase (lead, warm-up, festival,
 * peak, tail), the purchase-intent multiplier of each day, and the 24-hour activity profile that
 * shapes when sessions happen. Time is in days from the first simulated day (t = 0 at 00:00).
 */
import type { ModelConfig } from "./parameters.js";

export type Phase = "lead" | "warmup" | "festival" | "peak" | "tail";

const DAY_MS = 86_400_000;

/** The calendar of one scenario, precomputed per day. */
export interface Calendar {
  /** Simulated days. */
  readonly days: number;
  /** Date of each day, YYYY-MM-DD. */
  readonly dates: readonly string[];
  /** Day offset from the festival's first day (negative in the lead period). */
  readonly festivalDay: Int32Array;
  readonly phase: readonly Phase[];
  /** 1 on festival days (warm-up and peak included). */
  readonly inFestival: Uint8Array;
  /** Multiplier on purchase intent (cart probability) per day. */
  readonly intent: Float64Array;
  /** Cumulative normalized hourly activity: cumulative[h] = share of a day's sessions before hour h; cumulative[24] = 1. */
  readonly cumulativeHourly: Float64Array;
  /** Simulated day index of festival day `offset`. */
  dayOfFestivalDay(offset: number): number;
}

/** Adds whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Builds the calendar for a configuration.
 * @throws never for a validated config (the schema checks dates and windows).
 */
export function buildCalendar(config: ModelConfig): Calendar {
  const { leadDays, festivalDays, tailDays, warmupDays, festivalStart, peakDays, festivalIntentMultiplier, hourlyProfile } = config.calendar;
  const days = leadDays + festivalDays + tailDays;
  const dates: string[] = [];
  const festivalDay = new Int32Array(days);
  const phase: Phase[] = [];
  const inFestival = new Uint8Array(days);
  const intent = new Float64Array(days);
  const peakByDate = new Map<string, number>();
  for (const peak of peakDays) peakByDate.set(peak.date, (peakByDate.get(peak.date) ?? 1) * peak.multiplier);
  for (let day = 0; day < days; day++) {
    const offset = day - leadDays;
    const date = addDays(festivalStart, offset);
    dates.push(date);
    festivalDay[day] = offset;
    const festival = offset >= 0 && offset < festivalDays;
    inFestival[day] = festival ? 1 : 0;
    const peak = peakByDate.get(date);
    let dayPhase: Phase;
    if (offset < 0) dayPhase = "lead";
    else if (!festival) dayPhase = "tail";
    else if (peak !== undefined) dayPhase = "peak";
    else if (offset < warmupDays) dayPhase = "warmup";
    else dayPhase = "festival";
    phase.push(dayPhase);
    intent[day] = (festival ? festivalIntentMultiplier : 1) * (peak ?? 1);
  }
  const total = hourlyProfile.reduce((sum, weight) => sum + weight, 0);
  const cumulativeHourly = new Float64Array(25);
  for (let hour = 0; hour < 24; hour++) cumulativeHourly[hour + 1] = (cumulativeHourly[hour] ?? 0) + (hourlyProfile[hour] ?? 0) / total;
  cumulativeHourly[24] = 1;
  return {
    days,
    dates,
    festivalDay,
    phase,
    inFestival,
    intent,
    cumulativeHourly,
    dayOfFestivalDay: (offset: number) => offset + leadDays,
  };
}

/**
 * Operational time of the activity profile: Λ(t) = days elapsed, where each day's unit of
 * activity is spread over its hours by the profile. Sessions at rate r per day in operational
 * time are a non-homogeneous Poisson process in real time with the profile's shape.
 */
export function operationalTime(cumulative: Float64Array, time: number): number {
  const day = Math.floor(time);
  const hours = (time - day) * 24;
  const hour = Math.min(23, Math.floor(hours));
  // hour is in 0..23 and cumulative has 25 cells: no fallbacks (they lengthen the bytecode, and
  // V8 inlines this into the hot loop of a user-day only while its inlining budget lasts).
  const lo = cumulative[hour] as number;
  const hi = cumulative[hour + 1] as number;
  return day + lo + (hi - lo) * (hours - hour);
}

/** Inverse of {@link operationalTime}: the real time (days) at which operational time reaches `target`. */
export function realTime(cumulative: Float64Array, target: number): number {
  const day = Math.floor(target);
  const fraction = target - day;
  // Binary search for the hour h with cumulative[h] <= fraction < cumulative[h + 1]; hours with
  // zero weight have lo === hi and are skipped: no session starts in them.
  let low = 0;
  let high = 23;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((cumulative[middle] ?? 0) <= fraction) low = middle;
    else high = middle - 1;
  }
  const hour = low;
  const lo = cumulative[hour] ?? 0;
  const hi = cumulative[hour + 1] ?? 1;
  const within = hi > lo ? (fraction - lo) / (hi - lo) : 0;
  return day + (hour + within) / 24;
}

/** Bins of the fraction of a day in {@link hourIndex}. */
const HOUR_BINS = 256;

/**
 * For each of 256 equal bins of a day's operational fraction, the last hour whose cumulative share
 * is at or below the bin's start: {@link realTimeIndexed} starts there and steps at most a few hours.
 */
export function hourIndex(cumulative: Float64Array): Uint8Array {
  const index = new Uint8Array(HOUR_BINS);
  for (let bin = 0; bin < HOUR_BINS; bin++) {
    const fraction = bin / HOUR_BINS;
    let hour = 0;
    while (hour < 23 && (cumulative[hour + 1] ?? 1) <= fraction) hour++;
    index[bin] = hour;
  }
  return index;
}

/** {@link realTime} with the hour found from {@link hourIndex} instead of a binary search: the same result. */
export function realTimeIndexed(cumulative: Float64Array, index: Uint8Array, target: number): number {
  const day = Math.floor(target);
  const fraction = target - day;
  // fraction is in [0, 1), so the bin is in 0..255; hour stays in 0..23 (see operationalTime on fallbacks).
  let hour = index[(fraction * HOUR_BINS) | 0] as number;
  while (hour < 23 && (cumulative[hour + 1] as number) <= fraction) hour++;
  const lo = cumulative[hour] as number;
  const hi = cumulative[hour + 1] as number;
  const within = hi > lo ? (fraction - lo) / (hi - lo) : 0;
  return day + (hour + within) / 24;
}
