import fc from "fast-check";
import { sampleVariance } from "simple-statistics";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { OnlineMoments } from "../../src/stats/onlineMoments.js";

function collect(values: readonly number[]): OnlineMoments {
  const moments = new OnlineMoments();
  for (const value of values) moments.add(value);
  return moments;
}

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 50 });

describe("OnlineMoments", () => {
  it("OnlineMoments of [2, 4, 4, 4, 5, 5, 7, 9] has mean 5, sample variance 32/7, min 2, max 9", () => {
    const moments = collect([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(moments.count).toBe(8);
    expect(moments.mean).toBe(5);
    expect(moments.variance).toBeCloseTo(32 / 7, 12);
    expect(moments.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(moments.min).toBe(2);
    expect(moments.max).toBe(9);
  });

  it("OnlineMoments of one value has variance 0", () => {
    const moments = collect([3]);
    expect(moments.variance).toBe(0);
    expect(moments.sd).toBe(0);
  });

  it("OnlineMoments keeps the variance exact when the mean dwarfs the spread (1e9 + {1, 2, 3})", () => {
    // The naive Σx² − n·mean² formula returns 0 or a negative number here.
    expect(collect([1e9 + 1, 1e9 + 2, 1e9 + 3]).variance).toBeCloseTo(1, 6);
  });

  it("OnlineMoments agrees with the two-pass mean and variance on any sample", () => {
    fc.assert(
      fc.property(values, (sample) => {
        fc.pre(sample.length >= 2);
        const moments = collect(sample);
        const mean = sample.reduce((sum, value) => sum + value, 0) / sample.length;
        expect(moments.mean).toBeCloseTo(mean, 6);
        expect(Math.abs(moments.variance - sampleVariance(sample))).toBeLessThanOrEqual(1e-9 * (1 + sampleVariance(sample)));
        expect(moments.min).toBe(Math.min(...sample));
        expect(moments.max).toBe(Math.max(...sample));
      }),
    );
  });

  it("merging two collectors equals adding every value to one (Chan et al.), empty sides included", () => {
    fc.assert(
      fc.property(values, values, (left, right) => {
        fc.pre(left.length + right.length >= 1);
        const merged = collect(left).merge(collect(right));
        const whole = collect([...left, ...right]);
        expect(merged.count).toBe(whole.count);
        expect(merged.mean).toBeCloseTo(whole.mean, 6);
        expect(Math.abs(merged.variance - whole.variance)).toBeLessThanOrEqual(1e-9 * (1 + whole.variance));
        expect(merged.min).toBe(whole.min);
        expect(merged.max).toBe(whole.max);
      }),
    );
  });

  it("merge leaves the other collector unchanged", () => {
    const other = collect([1, 2]);
    collect([10]).merge(other);
    expect(other.count).toBe(2);
    expect(other.mean).toBe(1.5);
  });

  it("OnlineMoments rejects NaN and infinite values", () => {
    const moments = new OnlineMoments();
    expect(() => moments.add(Number.NaN)).toThrow("OnlineMoments.add: x must be a finite number (got NaN)");
    expect(() => moments.add(Number.NEGATIVE_INFINITY)).toThrow(UsageError);
    expect(moments.count).toBe(0);
  });

  it.each(["mean", "variance", "sd", "min", "max"] as const)("OnlineMoments.%s of an empty collector throws a UsageError", (statistic) => {
    expect(() => new OnlineMoments()[statistic]).toThrow(UsageError);
  });
});
