import { describe, expect, it } from "vitest";
import { createStream, dailyProfile, dailyProfileArrivals, nhpp } from "../../src/random/index.js";
import type { NextArrival } from "../../src/random/index.js";
import { chiSquare, drawMany, expectKs, expectMoments, significance } from "./helpers.js";

/** An evening-heavy shopping day, hour 0 first; the quiet early hours test thin cells. */
const weights = [2, 1, 0.5, 0.5, 0.5, 1, 2, 3, 4, 5, 5, 6, 7, 6, 5, 5, 6, 7, 9, 12, 14, 13, 8, 4];
const days = 200;
const perDay = 500;

function arrivalsOver(next: NextArrival, horizon: number): number[] {
  const times: number[] = [];
  for (let t = next(0, horizon); t < horizon; t = next(t, horizon)) times.push(t);
  return times;
}

function expectProfile(times: readonly number[]): void {
  const counts = new Float64Array(24);
  const perDayCounts = new Float64Array(days);
  for (const t of times) {
    counts[Math.floor((t - Math.floor(t)) * 24)]! += 1;
    perDayCounts[Math.floor(t)]! += 1;
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const result = chiSquare(counts, weights.map((w) => (times.length * w) / sum));
  expect(result.p, `hour-of-day chi-square ${result.statistic}`).toBeGreaterThan(significance);
  // Daily totals are Poisson(perDay): mean and variance both perDay.
  expectMoments(perDayCounts, perDay, perDay);
}

describe("dailyProfile", () => {
  it("scales hourly weights into rates per day that average perDay", () => {
    const profile = dailyProfile(weights, perDay);
    const mean = profile.hourlyRates.reduce((a, b) => a + b, 0) / 24;
    expect(mean).toBeCloseTo(perDay, 9);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    expect(profile.maxRate).toBeCloseTo((perDay * 24 * Math.max(...weights)) / weightSum, 9);
    // 19:30 on day 3 lies in hour 19.
    expect(profile.rate(3 + 19.5 / 24)).toBe(profile.hourlyRates[19]);
    expect(profile.rate(0)).toBe(profile.hourlyRates[0]);
  });

  it("thinning arrivals follow the profile hour by hour", () => {
    const profile = dailyProfile(weights, perDay);
    expectProfile(arrivalsOver(nhpp(createStream("test/nhpp-thinning"), profile.rate, profile.maxRate), days));
  });

  it("inversion arrivals follow the profile hour by hour", () => {
    const profile = dailyProfile(weights, perDay);
    expectProfile(arrivalsOver(dailyProfileArrivals(createStream("test/nhpp-inversion"), profile), days));
  });

  it("inversion handles hours with zero weight", () => {
    const sparse = weights.map((w, h) => (h >= 9 && h < 21 ? w : 0));
    const profile = dailyProfile(sparse, 100);
    const times = arrivalsOver(dailyProfileArrivals(createStream("test/nhpp-sparse"), profile), 50);
    expect(times.length).toBeGreaterThan(4000);
    const hours = times.map((t) => Math.floor((t - Math.floor(t)) * 24));
    expect(hours.every((h) => h >= 9 && h < 21)).toBe(true);
  });
});

describe("nhpp", () => {
  it("a constant rate gives exponential gaps", () => {
    const next = nhpp(createStream("test/nhpp-constant"), () => 3, 4);
    let t = 0;
    const gaps = drawMany(20_000, () => {
      const after = next(t);
      const gap = after - t;
      t = after;
      return gap;
    });
    expectKs(gaps, (x) => -Math.expm1(-3 * x));
  });

  it("returns Infinity when no arrival comes before until", () => {
    const next = nhpp(createStream("test/nhpp-until"), (t) => (t < 1 ? 5 : 0), 5);
    const times = arrivalsOver((after, until) => next(after, until ?? 10), 10);
    expect(times.every((x) => x < 1)).toBe(true);
    expect(next(1, 10)).toBe(Infinity);
    expect(dailyProfileArrivals(createStream("test/nhpp-until-2"), dailyProfile(weights, 1))(0, 1e-9)).toBe(Infinity);
  });
});
