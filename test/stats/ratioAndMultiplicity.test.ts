import { describe, expect, it } from "vitest";
import { benjaminiHochberg, ratioOfMeans } from "../../src/stats/index.js";

describe("ratioOfMeans (delta method)", () => {
  it("is x̄/ȳ with se = sd(x − R·y)/(√n·ȳ) and a t interval", () => {
    // x = 2, 4, 6, 9; y = 1, 2, 3, 4: R = 21/4 ÷ 10/4 = 2.1; residuals 2 − 2.1, 4 − 4.2, 6 − 6.3, 9 − 8.4
    // = −0.1, −0.2, −0.3, 0.6: sd = sqrt((0.01 + 0.04 + 0.09 + 0.36)/3) = 0.408248; se = 0.408248/(2·2.5) = 0.0816497;
    // t(0.975, 3) = 3.182446 (R: qt(0.975, 3)), half-width 0.259846.
    const result = ratioOfMeans([2, 4, 6, 9], [1, 2, 3, 4]);
    expect(result.ratio).toBeCloseTo(2.1, 12);
    expect(result.se).toBeCloseTo(0.0816497, 6);
    expect(result.ci95[0]).toBeCloseTo(2.1 - 0.259846, 5);
    expect(result.ci95[1]).toBeCloseTo(2.1 + 0.259846, 5);
  });

  it("has no spread with exactly proportional pairs, and refuses a zero denominator", () => {
    expect(ratioOfMeans([3, 6], [1, 2]).ci95).toEqual([3, 3]);
    expect(() => ratioOfMeans([1, 2], [1, -1])).toThrow("ratioOfMeans: the denominator's mean must not be 0 (got 0)");
  });
});

describe("benjaminiHochberg", () => {
  it("matches R's p.adjust(c(0.2, 0.001, 0.04, 0.01), 'BH') = 0.2, 0.004, 0.05333, 0.02", () => {
    const adjusted = benjaminiHochberg([0.2, 0.001, 0.04, 0.01]);
    expect(adjusted[0]).toBeCloseTo(0.2, 12);
    expect(adjusted[1]).toBeCloseTo(0.004, 12);
    expect(adjusted[2]).toBeCloseTo(0.04 * 4 / 3, 12);
    expect(adjusted[3]).toBeCloseTo(0.02, 12);
  });

  it("is monotone: a family of p-values all near 0.05 adjusts to the largest of them", () => {
    expect(benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]).map((q) => Number(q.toFixed(12)))).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(() => benjaminiHochberg([0.5, Number.NaN])).toThrow("pValues[1] must be a number in [0, 1]");
  });
});
