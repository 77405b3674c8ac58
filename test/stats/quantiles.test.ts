import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { normalQuantile } from "../../src/stats/normalQuantile.js";
import { regularizedIncompleteBeta } from "../../src/stats/regularizedIncompleteBeta.js";
import { tCdf } from "../../src/stats/tCdf.js";
import { tQuantile } from "../../src/stats/tQuantile.js";

/** Relative error with an absolute floor of 1 so values near 0 are judged absolutely. */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

describe("tQuantile", () => {
  // qt(p, df) confirmed in R 4.x and SciPy 1.17 (scipy.stats.t.ppf).
  const reference: readonly (readonly [number, number, number])[] = [
    [0.975, 1, 12.706204736174694],
    [0.975, 1.5, 6.016663104427929],
    [0.975, 2, 4.302652729749462],
    [0.975, 4, 2.7764451051977934],
    [0.975, 9, 2.262157162798205],
    [0.975, 19, 2.0930240544083087],
    [0.975, 100, 1.9839715185235518],
    [0.95, 2, 2.9199855803537242],
    [0.995, 3, 5.840909309733355],
    [0.025, 10, -2.2281388519862753],
    [0.9, 7.5, 1.4052118464159533],
    [0.999, 30, 3.3851848668293045],
    [1e-6, 5, -24.771029720515948],
    [0.6, 1000, 0.25341451583949876],
  ];
  it.each(reference)("tQuantile(%d, %d) matches R's qt to 1e-9 relative", (p, df, expected) => {
    expect(relativeError(tQuantile(p, df), expected)).toBeLessThan(1e-9);
  });

  it("tQuantile of p = 0.5 is exactly 0 for every df", () => {
    for (const df of [1, 2, 3.7, 50, 1e9]) expect(tQuantile(0.5, df)).toBe(0);
  });

  it("tQuantile with df = Infinity is the normal quantile", () => {
    expect(tQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959963984540054, 14);
  });

  it("tQuantile approaches the normal quantile as df grows (1e7 and 1e12 within 1e-6)", () => {
    expect(relativeError(tQuantile(0.975, 1e7), 1.959963984540054)).toBeLessThan(1e-6);
    expect(relativeError(tQuantile(0.975, 1e12), 1.959963984540054)).toBeLessThan(1e-11);
  });

  it("tQuantile stays finite in astronomically small tails (mpmath-confirmed)", () => {
    // mpmath at 50 digits: P(T > 3.4539847278484840e296; df 1.01) = 1.0000000000000330e-300.
    expect(relativeError(-tQuantile(1e-300, 1.01) / 3.453984727848484e296, 1)).toBeLessThan(1e-12);
    expect(tQuantile(1e-300, 1)).toBeCloseTo(-1 / Math.tan(Math.PI * 1e-300), 0);
    expect(Number.isFinite(tQuantile(5e-324, 3))).toBe(true);
  });

  it("tQuantile is antisymmetric: q(p) = −q(1 − p), up to the rounding of 1 − p", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 0.5, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (p, df) => {
          expect(relativeError(tQuantile(p, df), -tQuantile(1 - p, df))).toBeLessThan(1e-8);
        },
      ),
    );
  });

  it("tQuantile inverts tCdf to 1e-9 for any p in (1e-9, 1 − 1e-9) and df in [1, 1e6]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 1, max: 1e6, noNaN: true }),
        (p, df) => {
          const q = tQuantile(p, df);
          expect(Number.isFinite(q)).toBe(true);
          expect(Math.abs(tCdf(q, df) - p) / Math.min(p, 1 - p)).toBeLessThan(1e-8);
        },
      ),
    );
  });

  it.each([
    [0, 5, "tQuantile: p must be strictly between 0 and 1 (got 0)"],
    [1, 5, "tQuantile: p must be strictly between 0 and 1 (got 1)"],
    [Number.NaN, 5, "tQuantile: p must be strictly between 0 and 1 (got NaN)"],
    [0.975, 0.5, "tQuantile: df must be at least 1 (got 0.5)"],
    [0.975, Number.NaN, "tQuantile: df must be at least 1 (got NaN)"],
  ])("tQuantile(%d, %d) rejects its input with a UsageError", (p, df, message) => {
    expect(() => tQuantile(p, df)).toThrow(UsageError);
    expect(() => tQuantile(p, df)).toThrow(message);
  });
});

describe("normalQuantile", () => {
  // scipy.stats.norm.ppf; R's qnorm agrees.
  it.each([
    [0.975, 1.959963984540054],
    [0.8, 0.8416212335729143],
    [0.500000001, 2.5066282037387115e-9],
    [1e-10, -6.361340902404056],
  ])("normalQuantile(%d) matches qnorm to 1e-14", (p, expected) => {
    expect(Math.abs(normalQuantile(p) - expected)).toBeLessThan(1e-14);
  });

  it("normalQuantile rejects p outside (0, 1)", () => {
    expect(() => normalQuantile(1)).toThrow("normalQuantile: p must be strictly between 0 and 1 (got 1)");
  });
});

describe("regularizedIncompleteBeta and tCdf", () => {
  // scipy.special.betainc(a, b, x) and scipy.stats.t.cdf.
  it.each([
    [0.3, 2, 3, 0.34829999999999994],
    [0.9, 0.5, 0.5, 0.7951672353008665],
    [0.01, 50, 0.5, 7.998227417904836e-102],
    [0.999, 1000, 0.5, 0.15724727426672383],
  ])("regularizedIncompleteBeta(%d, %d, %d) matches SciPy to 1e-10 relative", (x, a, b, expected) => {
    expect(Math.abs(regularizedIncompleteBeta(x, a, b) - expected) / expected).toBeLessThan(1e-10);
  });

  it.each([
    [2, 5, 0.9490302605850708],
    [-1.5, 3.3, 0.11125159835964593],
    [10, 1, 0.9682744825694465],
    [0.1, 200, 0.5397777537478394],
  ])("tCdf(%d, %d) matches SciPy to 1e-12", (t, df, expected) => {
    expect(Math.abs(tCdf(t, df) - expected)).toBeLessThan(1e-12);
  });

  it("regularizedIncompleteBeta rejects x outside [0, 1]", () => {
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(
      "regularizedIncompleteBeta: x must be in [0, 1] (got 1.5)",
    );
  });
});
