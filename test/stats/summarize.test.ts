import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { pairedDifference } from "../../src/stats/pairedDifference.js";
import { summarize } from "../../src/stats/summarize.js";
import { unpairedDifference } from "../../src/stats/unpairedDifference.js";

/** Standard normal draws by Box–Muller over a seeded uniform source (test-only). */
function normalSource(seed: string): () => number {
  const uniform = seedrandom.alea(seed);
  return () => Math.sqrt(-2 * Math.log1p(-uniform())) * Math.cos(2 * Math.PI * uniform());
}

const finiteSample = fc.array(fc.double({ min: -1e100, max: 1e100, noNaN: true }), { minLength: 1, maxLength: 40 });

describe("summarize", () => {
  it("summarize of [1..5] has mean 3, sd √2.5 and half-width qt(0.975, 4)·sd/√5 (R: t.test)", () => {
    const summary = summarize([1, 2, 3, 4, 5]);
    expect(summary.n).toBe(5);
    expect(summary.mean).toBe(3);
    expect(summary.sd).toBeCloseTo(1.5811388300841898, 12);
    const halfWidth = (2.7764451051977934 * 1.5811388300841898) / Math.sqrt(5);
    // R: t.test(1:5)$conf.int = 1.036757 4.963243
    expect(summary.ci95[0]).toBeCloseTo(3 - halfWidth, 12);
    expect(summary.ci95[1]).toBeCloseTo(3 + halfWidth, 12);
    expect(summary.ci95[0]).toBeCloseTo(1.036757, 6);
  });

  it("summarize of a single value reports sd 0 and the degenerate interval [mean, mean]", () => {
    expect(summarize([42.5])).toEqual({ n: 1, mean: 42.5, sd: 0, ci95: [42.5, 42.5] });
  });

  it("summarize of a constant sample has sd 0 and a zero-width interval", () => {
    const summary = summarize([7, 7, 7, 7]);
    expect(summary.sd).toBe(0);
    expect(summary.ci95).toEqual([7, 7]);
  });

  it("summarize never returns NaN or Infinity for finite input, and the interval contains the mean", () => {
    fc.assert(
      fc.property(finiteSample, (values) => {
        const { mean, sd, ci95 } = summarize(values);
        for (const value of [mean, sd, ci95[0], ci95[1]]) expect(Number.isFinite(value)).toBe(true);
        expect(ci95[0]).toBeLessThanOrEqual(mean);
        expect(ci95[1]).toBeGreaterThanOrEqual(mean);
      }),
    );
  });

  it.each([
    [[], "summarize: values needs at least 1 value (got [])"],
    [[1, Number.NaN], "summarize: values[1] must be a finite number (got NaN)"],
    [[Number.POSITIVE_INFINITY], "summarize: values[0] must be a finite number (got Infinity)"],
  ])("summarize(%j) throws a UsageError naming the problem", (values, message) => {
    expect(() => summarize(values)).toThrow(UsageError);
    expect(() => summarize(values)).toThrow(message);
  });

  it("the 95% t-interval covers the true mean in 93.5–96.5% of 2,000 normal samples of n = 10", () => {
    const draw = normalSource("coverage");
    const trueMean = 5;
    let covered = 0;
    for (let sample = 0; sample < 2000; sample++) {
      const values = Array.from({ length: 10 }, () => trueMean + 2 * draw());
      const [lo, hi] = summarize(values).ci95;
      if (lo <= trueMean && trueMean <= hi) covered++;
    }
    const coverage = covered / 2000;
    expect(coverage).toBeGreaterThanOrEqual(0.935);
    expect(coverage).toBeLessThanOrEqual(0.965);
  });
});

describe("pairedDifference", () => {
  it("pairedDifference takes the mean, sd and t-interval of the per-replication differences", () => {
    const baseline = [10, 12, 11, 13, 9];
    const treatment = [11, 14, 12, 15, 10];
    const result = pairedDifference(treatment, baseline);
    const differences = summarize([1, 2, 1, 2, 1]);
    expect(result.n).toBe(5);
    expect(result.diff).toBeCloseTo(1.4, 12);
    expect(result.sd).toBeCloseTo(differences.sd, 12);
    expect(result.ci95[0]).toBeCloseTo(differences.ci95[0], 12);
    expect(result.ci95[1]).toBeCloseTo(differences.ci95[1], 12);
    expect(result.relative).toBeCloseTo(1.4 / 11, 12);
    expect(result.relativeCi95?.[0]).toBeCloseTo(differences.ci95[0] / 11, 12);
    expect(result.relativeCi95?.[1]).toBeCloseTo(differences.ci95[1] / 11, 12);
  });

  it("pairedDifference reports relative and relativeCi95 as null when the baseline mean is 0", () => {
    const result = pairedDifference([1, 2, 3], [-1, 0, 1]);
    expect(result.diff).toBe(2);
    expect(result.relative).toBeNull();
    expect(result.relativeCi95).toBeNull();
  });

  it("pairedDifference keeps relativeCi95 ordered [lo, hi] when the baseline mean is negative", () => {
    const result = pairedDifference([-9, -8, -10], [-10, -10, -10]);
    const [lo, hi] = result.relativeCi95 ?? [Number.NaN, Number.NaN];
    expect(lo).toBeLessThanOrEqual(hi);
    expect(result.relative).toBeCloseTo(-0.1, 12);
  });

  it("pairedDifference of one pair has sd 0 and the interval [diff, diff]", () => {
    const result = pairedDifference([5], [4]);
    expect(result).toEqual({ n: 1, diff: 1, sd: 0, ci95: [1, 1], relative: 0.25, relativeCi95: [0.25, 0.25] });
  });

  it.each([
    [[1, 2], [1], "pairedDifference: treatment and baseline need one value per replication each, so equal lengths (got \"2 vs 1\")"],
    [[], [], "pairedDifference: treatment needs at least 1 value (got [])"],
    [[1], [Number.NaN], "pairedDifference: baseline[0] must be a finite number (got NaN)"],
  ])("pairedDifference(%j, %j) throws a UsageError naming the problem", (treatment, baseline, message) => {
    expect(() => pairedDifference(treatment, baseline)).toThrow(UsageError);
    expect(() => pairedDifference(treatment, baseline)).toThrow(message);
  });

  it("with positively correlated pairs (common random numbers) the paired interval is narrower than Welch's", () => {
    const draw = normalSource("common-random-numbers");
    const baseline: number[] = [];
    const treatment: number[] = [];
    for (let replication = 0; replication < 20; replication++) {
      // The shared term plays the part of the streams both strategies draw from.
      const shared = 10 * draw();
      baseline.push(100 + shared + draw());
      treatment.push(102 + shared + draw());
    }
    const paired = pairedDifference(treatment, baseline);
    const unpaired = unpairedDifference(treatment, baseline);
    expect(paired.diff).toBeCloseTo(unpaired.diff, 10);
    const pairedWidth = paired.ci95[1] - paired.ci95[0];
    const unpairedWidth = unpaired.ci95[1] - unpaired.ci95[0];
    expect(pairedWidth).toBeLessThan(unpairedWidth / 3);
    // The paired interval still finds the true difference of 2.
    expect(paired.ci95[0]).toBeLessThan(2);
    expect(paired.ci95[1]).toBeGreaterThan(2);
  });
});

describe("unpairedDifference", () => {
  it("unpairedDifference matches R's t.test(a, b) (Welch) on a small example", () => {
    // SciPy ttest_ind(equal_var=False), as R's t.test(c(1:5), c(2,4,6,8,10,12)):
    // df 6.972255729794934, CI [-7.98346869562883, -0.016531304371169675].
    const result = unpairedDifference([1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12]);
    expect(result.diff).toBe(-4);
    expect(result.df).toBeCloseTo(6.972255729794934, 10);
    expect(result.ci95[0]).toBeCloseTo(-7.98346869562883, 8);
    expect(result.ci95[1]).toBeCloseTo(-0.016531304371169675, 8);
  });

  it("unpairedDifference of two constant samples has se 0 and the interval [diff, diff]", () => {
    expect(unpairedDifference([3, 3], [1, 1, 1])).toEqual({ nA: 2, nB: 3, diff: 2, se: 0, df: 3, ci95: [2, 2] });
  });

  it("unpairedDifference needs two values in each sample to estimate a variance", () => {
    expect(() => unpairedDifference([1], [1, 2])).toThrow("unpairedDifference: a needs at least 2 values (got [1])");
  });
});
