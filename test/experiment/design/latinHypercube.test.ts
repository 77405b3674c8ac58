import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { keptMass, normalCdf, quantileOf, type Distribution } from "../../../src/experiment/design/distributions.js";
import { latinHypercube } from "../../../src/experiment/design/latinHypercube.js";
import { createStream } from "../../../src/random/index.js";

describe("latinHypercube", () => {
  it.each([
    [1, 3],
    [7, 2],
    [64, 5],
  ])("puts exactly one of %i draws in each stratum of every one of %i dimensions", (draws, dimensions) => {
    const sample = latinHypercube(draws, dimensions, createStream("lhs/strata"));
    expect(sample).toHaveLength(draws);
    for (let j = 0; j < dimensions; j++) {
      const strata = sample.map((point) => Math.floor((point[j] as number) * draws)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: draws }, (_, k) => k));
      for (const point of sample) {
        expect(point[j]).toBeGreaterThan(0);
        expect(point[j]).toBeLessThan(1);
      }
    }
  });

  it("is a function of the stream: the same path gives the same sample, another path another", () => {
    const a = latinHypercube(20, 3, createStream("116/robustness/lhs"));
    expect(latinHypercube(20, 3, createStream("116/robustness/lhs"))).toEqual(a);
    expect(latinHypercube(20, 3, createStream("117/robustness/lhs"))).not.toEqual(a);
  });

  it("draws dimension by dimension, so adding a parameter at the end leaves the others' draws unchanged", () => {
    const two = latinHypercube(10, 2, createStream("lhs/prefix"));
    const three = latinHypercube(10, 3, createStream("lhs/prefix"));
    expect(three.map((point) => point.slice(0, 2))).toEqual(two);
  });

  it("pairs the dimensions at random: two dimensions' strata are not the same permutation", () => {
    const sample = latinHypercube(50, 2, createStream("lhs/pairs"));
    const same = sample.filter((point) => Math.floor((point[0] as number) * 50) === Math.floor((point[1] as number) * 50)).length;
    expect(same).toBeLessThan(10);
  });

  it.each([
    [0, 2, "latinHypercube: draws must be an integer ≥ 1 (got 0)"],
    [2.5, 2, "latinHypercube: draws must be an integer ≥ 1 (got 2.5)"],
    [3, -1, "latinHypercube: dimensions must be an integer ≥ 0 (got -1)"],
  ])("refuses draws %s, dimensions %s", (draws, dimensions, message) => {
    expect(() => latinHypercube(draws, dimensions, createStream("x"))).toThrow(new UsageError(message));
  });
});

describe("distributions", () => {
  it("normalCdf matches the standard normal to 7 decimals (reference values of Φ from standard tables)", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655253931457, 7);
    expect(normalCdf(3)).toBeCloseTo(0.998650101968370, 7);
  });

  it("uniform and triangular quantiles have their closed forms; the triangular's CDF at the mode is (mode − low) / (high − low)", () => {
    expect(quantileOf({ distribution: "uniform", low: 2, high: 6 }, 0.25)).toBe(3);
    const triangle: Distribution = { distribution: "triangular", low: 1, mode: 1.3, high: 1.8 };
    expect(quantileOf(triangle, 0.3 / 0.8)).toBeCloseTo(1.3, 12);
    expect(quantileOf(triangle, 1e-9)).toBeCloseTo(1, 4);
    expect(quantileOf(triangle, 1 - 1e-9)).toBeCloseTo(1.8, 4);
  });

  it("a truncated normal stays in its bounds and its LHS mean matches the truncated mean μ + σ(φ(α) − φ(β))/Z", () => {
    const spec: Distribution = { distribution: "normal", mean: -3.6, sd: 1, low: -6, high: -1.5 };
    const sample = latinHypercube(2000, 1, createStream("lhs/normal")).map((point) => quantileOf(spec, point[0] as number));
    for (const value of sample) {
      expect(value).toBeGreaterThanOrEqual(-6);
      expect(value).toBeLessThanOrEqual(-1.5);
    }
    const phi = (z: number) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    const alpha = -2.4;
    const beta = 2.1;
    const expected = -3.6 + (phi(alpha) - phi(beta)) / keptMass(spec);
    expect(sample.reduce((sum, value) => sum + value, 0) / sample.length).toBeCloseTo(expected, 3);
  });

  it("a lognormal's median is its median, and truncation far in the upper tail keeps its digits", () => {
    expect(quantileOf({ distribution: "lognormal", median: 2, sigma: 0.5 }, 0.5)).toBeCloseTo(2, 12);
    const tail = quantileOf({ distribution: "normal", mean: 0, sd: 1, low: 6, high: 7 }, 0.5);
    expect(tail).toBeGreaterThan(6);
    expect(tail).toBeLessThan(6.2);
  });
});
