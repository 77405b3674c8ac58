import { describe, expect, it } from "vitest";
import {
  beta,
  createStream,
  drawBeta,
  drawExponential,
  drawStandardExponential,
  drawGamma,
  drawNormal,
  exponential,
  gamma,
  lognormal,
  normal,
  uniform,
} from "../../src/random/index.js";
import { drawMany, expectKs, expectMoments, normalCdf, regularizedBeta, regularizedGammaP } from "./helpers.js";

const n = 50_000;

describe("uniform", () => {
  it("draws from [lo, hi) with the uniform law", () => {
    const xs = drawMany(n, uniform(createStream("test/uniform"), -2, 6));
    expect(xs.every((x) => x >= -2 && x < 6)).toBe(true);
    expectMoments(xs, 2, 64 / 12);
    expectKs(xs, (x) => Math.min(Math.max((x + 2) / 8, 0), 1));
  });
  it("lo = hi always returns lo", () => {
    expect(drawMany(10, uniform(createStream("test/uniform-point"), 3, 3)).every((x) => x === 3)).toBe(true);
  });
});

describe("exponential", () => {
  it("factory follows Exp(rate)", () => {
    const rate = 2.5;
    const xs = drawMany(n, exponential(createStream("test/exponential"), rate));
    expectMoments(xs, 1 / rate, 1 / rate ** 2);
    expectKs(xs, (x) => (x <= 0 ? 0 : -Math.expm1(-rate * x)));
  });
  it("drawExponential gives the factory's numbers", () => {
    const factory = drawMany(1000, exponential(createStream("test/exponential-same"), 0.7));
    const s = createStream("test/exponential-same");
    expect(drawMany(1000, () => drawExponential(s, 0.7))).toEqual(factory);
  });
});

describe("drawStandardExponential (ziggurat)", () => {
  it("follows Exp(1), tail included", () => {
    const s = createStream("test/exponential-ziggurat");
    const xs = drawMany(200_000, () => drawStandardExponential(s));
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
    expectMoments(xs, 1, 1);
    expectKs(xs, (x) => (x <= 0 ? 0 : -Math.expm1(-x)));
    // The base layer hands x > 7.697 to the tail method: P(X > 7.697) = 4.54e-4, about 91 in 200k.
    const tail = xs.filter((x) => x > 7.69711747013104972).length;
    expect(Math.abs(tail - 90.8)).toBeLessThan(4.5 * Math.sqrt(90.8));
  });
  it("hits each layer's wedge path and stays within the law there (chi-square on 64 quantile bins)", () => {
    const s = createStream("test/exponential-ziggurat-bins");
    const bins = 64;
    const counts = new Array<number>(bins).fill(0);
    const draws = 256_000;
    for (let i = 0; i < draws; i++) {
      const p = -Math.expm1(-drawStandardExponential(s));
      counts[Math.min(bins - 1, Math.floor(p * bins))]!++;
    }
    const expected = draws / bins;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    // 63 degrees of freedom: the 99.9% point is about 103.4.
    expect(chi2).toBeLessThan(103.4);
  });
});

describe("normal", () => {
  it("drawNormal follows N(0, 1), tails included", () => {
    const s = createStream("test/normal-standard");
    const xs = drawMany(100_000, () => drawNormal(s));
    expectMoments(xs, 0, 1);
    expectKs(xs, normalCdf);
    // The ziggurat's base layer hands |x| > 3.44 to a separate tail method: P(|Z| > 3.44) = 5.76e-4.
    const tail = xs.filter((x) => Math.abs(x) > 3.442619855899).length;
    expect(Math.abs(tail - 57.6)).toBeLessThan(4.5 * Math.sqrt(57.6));
  });
  it("factory follows N(mu, sigma²)", () => {
    const xs = drawMany(n, normal(createStream("test/normal"), 10, 3));
    expectMoments(xs, 10, 9);
    expectKs(xs, (x) => normalCdf((x - 10) / 3));
  });
  it("sigma = 0 returns mu", () => {
    expect(drawMany(10, normal(createStream("test/normal-degenerate"), 4, 0)).every((x) => x === 4)).toBe(true);
  });
});

describe("lognormal", () => {
  it("follows exp(N(mu, sigma²))", () => {
    const mu = 0.5;
    const sigma = 0.4;
    const xs = drawMany(n, lognormal(createStream("test/lognormal"), mu, sigma));
    const s2 = sigma * sigma;
    expectMoments(xs, Math.exp(mu + s2 / 2), Math.expm1(s2) * Math.exp(2 * mu + s2));
    expectKs(xs, (x) => (x <= 0 ? 0 : normalCdf((Math.log(x) - mu) / sigma)));
  });
});

describe("gamma", () => {
  for (const [shape, scale] of [
    [0.3, 2],
    [1, 1],
    [2.5, 0.5],
    [40, 3],
  ] as const) {
    it(`factory follows Gamma(shape ${shape}, scale ${scale})`, () => {
      const xs = drawMany(n, gamma(createStream(`test/gamma/${shape}`), shape, scale));
      expect(xs.every((x) => x >= 0)).toBe(true);
      expectMoments(xs, shape * scale, shape * scale * scale);
      expectKs(xs, (x) => regularizedGammaP(shape, x / scale));
    });
  }
  it("drawGamma follows Gamma(shape, 1) on both sides of shape 1", () => {
    for (const shape of [0.6, 4]) {
      const s = createStream(`test/draw-gamma/${shape}`);
      const xs = drawMany(n, () => drawGamma(s, shape));
      expectMoments(xs, shape, shape);
      expectKs(xs, (x) => regularizedGammaP(shape, x));
    }
  });
});

describe("beta", () => {
  for (const [a, b] of [
    [2, 5],
    [0.5, 0.7],
    [30, 10],
  ] as const) {
    it(`factory follows Beta(${a}, ${b})`, () => {
      const xs = drawMany(n, beta(createStream(`test/beta/${a}/${b}`), a, b));
      expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
      const mean = a / (a + b);
      expectMoments(xs, mean, (a * b) / ((a + b) ** 2 * (a + b + 1)));
      expectKs(xs, (x) => regularizedBeta(x, a, b));
    });
  }
  it("drawBeta gives the factory's numbers", () => {
    const factory = drawMany(1000, beta(createStream("test/beta-same"), 2, 3));
    const s = createStream("test/beta-same");
    expect(drawMany(1000, () => drawBeta(s, 2, 3))).toEqual(factory);
  });
  it("drawBeta stays in [0, 1] for tiny shapes", () => {
    const s = createStream("test/beta-tiny");
    const xs = drawMany(10_000, () => drawBeta(s, 0.005, 0.01));
    expect(xs.every((x) => x >= 0 && x <= 1)).toBe(true);
  });
});
