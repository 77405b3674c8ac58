import { describe, expect, it } from "vitest";
import { associations, pearson, ranks, spearman, wilsonProportion } from "../../../src/experiment/robustness/analysis.js";
import { createStream } from "../../../src/random/index.js";

describe("wilsonProportion", () => {
  it.each([
    // Computed independently in Python from the Wilson score formula (the 5 of 10 and 0 of 10 intervals are the textbook ones).
    [5, 10, 0.2365931, 0.7634069],
    [0, 10, 0, 0.2775328],
    [10, 10, 0.7224672, 1],
    [16, 20, 0.5839826, 0.9193423],
  ])("%i of %i draws give the 95%% Wilson interval [%f, %f]", (count, draws, lo, hi) => {
    const share = wilsonProportion(count, draws);
    expect(share.p).toBe(count / draws);
    expect(share.ci95[0]).toBeCloseTo(lo, 6);
    expect(share.ci95[1]).toBeCloseTo(hi, 6);
  });
});

describe("rank correlations", () => {
  it("ranks give ties the mean of the ranks they span", () => {
    expect(ranks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });

  it("Spearman is 1 for any increasing relation and −1 for a decreasing one; no spread gives NaN", () => {
    const x = [0.1, 0.5, 0.2, 0.9, 0.3];
    expect(spearman(x, x.map((value) => Math.exp(10 * value)))).toBeCloseTo(1, 12);
    expect(spearman(x, x.map((value) => -value * value))).toBeCloseTo(-1, 12);
    expect(pearson(x, [1, 1, 1, 1, 1])).toBeNaN();
  });

  it("PRCC finds a small effect that a larger one hides from Spearman, and gives an unrelated parameter a large p-value", () => {
    const draw = createStream("prcc/test");
    const n = 60;
    const big = Array.from({ length: n }, () => draw());
    const small = Array.from({ length: n }, () => draw());
    const unrelated = Array.from({ length: n }, () => draw());
    const y = big.map((value, i) => 10 * value + 1 * (small[i] as number) + 0.05 * draw());
    const [a, b, c] = associations([big, small, unrelated], y);
    expect(a?.prcc).toBeGreaterThan(0.95);
    expect(b?.prcc).toBeGreaterThan(0.8);
    expect(Math.abs(b?.spearman ?? 1)).toBeLessThan(b?.prcc ?? 0);
    expect(b?.pValue).toBeLessThan(0.001);
    expect(c?.pValue).toBeGreaterThan(0.05);
  });

  it("PRCC is NaN with too few draws for the parameters (n − 1 − k < 1)", () => {
    const [first] = associations([[1, 2, 3], [3, 1, 2]], [1, 2, 3]);
    expect(first?.prcc).toBeNaN();
    expect(first?.spearman).toBeCloseTo(1, 12);
  });
});
