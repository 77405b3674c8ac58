import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AliasTable, categorical, createStream, empiricalDiscrete } from "../../src/random/index.js";
import { chiSquare, countInts, drawMany, significance } from "./helpers.js";

/** The exact distribution a table encodes: column i keeps i with keep[i], else gives alias[i]. */
function impliedProbabilities(table: AliasTable): Float64Array {
  const { keep, alias, size } = table as unknown as { keep: Float64Array; alias: Int32Array; size: number };
  const probabilities = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    probabilities[i]! += (keep[i] as number) / size;
    probabilities[alias[i] as number]! += (1 - (keep[i] as number)) / size;
  }
  return probabilities;
}

function expectFrequencies(counts: Float64Array, weights: readonly number[]): void {
  const total = counts.reduce((a, b) => a + b, 0);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const observed: number[] = [];
  const expected: number[] = [];
  weights.forEach((w, i) => {
    if (w === 0) {
      expect(counts[i], `zero-weight index ${i} drawn`).toBe(0);
    } else {
      observed.push(counts[i] as number);
      expected.push((total * w) / weightSum);
    }
  });
  const result = chiSquare(observed, expected);
  expect(result.p, `chi-square ${result.statistic} on ${result.df} df`).toBeGreaterThan(significance);
}

describe("AliasTable", () => {
  it("encodes exactly the normalized weights, zero weights getting nothing", () => {
    const weight = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 200 }), (weights) => {
        fc.pre(weights.some((w) => w > 0));
        const sum = weights.reduce((a, b) => a + b, 0);
        const implied = impliedProbabilities(new AliasTable(weights));
        weights.forEach((w, i) => {
          if (w === 0) expect(implied[i]).toBe(0);
          else expect(Math.abs((implied[i] as number) - w / sum)).toBeLessThan(1e-12);
        });
      }),
      { seed: 116, numRuns: 300 },
    );
  });

  it("draw frequencies match the weights, and zero weights are never drawn", () => {
    const weights = [5, 0, 1, 3, 0, 0.5, 10, 0];
    const table = new AliasTable(weights);
    const s = createStream("test/alias-small");
    const xs = drawMany(100_000, () => table.sample(s));
    expectFrequencies(countInts(xs, weights.length), weights);
  });

  it("large tables (two uniforms per draw) match the weights too", () => {
    const weights = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 0 : 1 + (i % 7)));
    const table = new AliasTable(Float64Array.from(weights));
    const s = createStream("test/alias-large");
    const xs = drawMany(300_000, () => table.sample(s));
    // Group indices by weight class so every expected cell count is large.
    const counts = countInts(xs, weights.length);
    const byClass = new Float64Array(8);
    weights.forEach((w, i) => (byClass[w]! += counts[i] as number));
    const classWeight = [0, 0, 0, 0, 0, 0, 0, 0];
    weights.forEach((w) => (classWeight[w]! += w));
    expectFrequencies(byClass, classWeight);
  });

  it("a single positive weight is always drawn", () => {
    const table = new AliasTable([0, 0, 2, 0]);
    const s = createStream("test/alias-single");
    expect(drawMany(1000, () => table.sample(s)).every((x) => x === 2)).toBe(true);
  });
});

describe("categorical", () => {
  it("returns indices with probability proportional to weight", () => {
    const weights = [0.1, 0.2, 0, 0.7];
    const xs = drawMany(50_000, categorical(createStream("test/categorical"), weights));
    expectFrequencies(countInts(xs, weights.length), weights);
  });
});

describe("empiricalDiscrete", () => {
  it("resamples values with their weights", () => {
    const values = [10, 20, 30, 20];
    const xs = drawMany(50_000, empiricalDiscrete(createStream("test/empirical-weighted"), values, [1, 2, 5, 2]));
    const counts = [10, 20, 30].map((v) => xs.filter((x) => x === v).length);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(chiSquare(counts, [5000, 20_000, 25_000]).p).toBeGreaterThan(significance);
  });
  it("without weights, each listed value is equally likely", () => {
    const values = [1.5, -2, 7, 7];
    const xs = drawMany(40_000, empiricalDiscrete(createStream("test/empirical-plain"), values));
    const counts = [1.5, -2, 7].map((v) => xs.filter((x) => x === v).length);
    expect(chiSquare(counts, [10_000, 10_000, 20_000]).p).toBeGreaterThan(significance);
  });
});
