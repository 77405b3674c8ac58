import { describe, expect, it } from "vitest";
import {
  binomialPmf,
  chiSquare,
  kolmogorovSurvival,
  logGamma,
  normalCdf,
  poissonPmf,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
} from "./helpers.js";

// Reference values computed with SciPy 1.17.1 (scipy.special / scipy.stats).
describe("test helpers agree with SciPy", () => {
  it("logGamma matches scipy.special.gammaln", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 13); // gammaln(0.5)
    expect(logGamma(10)).toBeCloseTo(12.801827480081469, 12); // gammaln(10)
    expect(logGamma(1e6 + 1) / 12815518.384658169).toBeCloseTo(1, 14); // gammaln(1e6+1)
  });
  it("incomplete gamma matches scipy.special.gammainc / gammaincc", () => {
    expect(regularizedGammaP(2.5, 1.7)).toBeCloseTo(0.36143007689620493, 12); // gammainc(2.5, 1.7)
    expect(regularizedGammaQ(20, 30)).toBeCloseTo(0.02187346844139091, 12); // gammaincc(20, 30)
  });
  it("chi-square p-value matches scipy.stats.chi2.sf", () => {
    // chi2.isf(0.001, 39) = 72.0546629519878
    expect(regularizedGammaQ(39 / 2, 72.0546629519878 / 2)).toBeCloseTo(0.001, 10);
    expect(chiSquare([10, 20, 30], [20, 20, 20]).statistic).toBeCloseTo(10, 12);
  });
  it("Kolmogorov survival matches scipy.stats.kstwobign.sf", () => {
    // kstwobign.isf(0.001) = 1.9494746035043753
    expect(kolmogorovSurvival(1.9494746035043753)).toBeCloseTo(0.001, 10);
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.26999967167735456, 10); // kstwobign.sf(1)
  });
  it("incomplete beta matches scipy.special.betainc", () => {
    expect(regularizedBeta(0.3, 2, 5)).toBeCloseTo(0.579825, 12); // betainc(2, 5, 0.3)
    expect(regularizedBeta(0.9, 0.5, 0.7)).toBeCloseTo(0.8837889567707928, 12); // betainc(0.5, 0.7, 0.9)
  });
  it("pmfs and normal CDF match scipy.stats", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12); // norm.cdf(1.96)
    expect(binomialPmf(300_000, 1e6, 0.3) / 0.0008705631546366814).toBeCloseTo(1, 8); // binom.pmf(3e5, 1e6, 0.3)
    expect(poissonPmf(10_000, 10_000) / 0.003989389558963281).toBeCloseTo(1, 8); // poisson.pmf(1e4, 1e4)
  });
});
