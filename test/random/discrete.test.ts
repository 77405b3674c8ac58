import { describe, expect, it } from "vitest";
import { bernoulli, binomial, createStream, drawBinomial, drawPoisson, drawPoissonInversion, poisson, PoissonTable } from "../../src/random/index.js";
import { binomialPmf, chiSquare, drawMany, expectDiscreteFit, expectMoments, poissonPmf, significance } from "./helpers.js";

const n = 50_000;

describe("bernoulli", () => {
  it("returns 1 with probability p", () => {
    const xs = drawMany(n, bernoulli(createStream("test/bernoulli"), 0.23));
    expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
    const ones = xs.reduce((a, b) => a + b, 0);
    expect(chiSquare([n - ones, ones], [n * 0.77, n * 0.23]).p).toBeGreaterThan(significance);
  });
  it("p = 0 never succeeds and p = 1 always does", () => {
    expect(drawMany(1000, bernoulli(createStream("test/bernoulli-0"), 0)).every((x) => x === 0)).toBe(true);
    expect(drawMany(1000, bernoulli(createStream("test/bernoulli-1"), 1)).every((x) => x === 1)).toBe(true);
  });
});

function binomialRange(trials: number, p: number): [number, number] {
  const sd = Math.sqrt(trials * p * (1 - p));
  const mean = trials * p;
  return [Math.max(0, Math.floor(mean - 9 * sd - 5)), Math.min(trials, Math.ceil(mean + 9 * sd + 10))];
}

describe("binomial", () => {
  // Small n·min(p, 1-p) goes through inversion, large through BTRS; p > 1/2 through symmetry.
  for (const [trials, p] of [
    [20, 0.2],
    [30, 0.7],
    [1_000_000, 1e-6],
    [60, 0.5],
    [1000, 0.05],
    [500, 0.93],
    [1_000_000, 0.3],
  ] as const) {
    it(`factory follows Bin(${trials}, ${p})`, () => {
      const xs = drawMany(n, binomial(createStream(`test/binomial/${trials}/${p}`), trials, p));
      expectMoments(xs, trials * p, trials * p * (1 - p));
      const [lo, hi] = binomialRange(trials, p);
      expectDiscreteFit(xs, (k) => binomialPmf(k, trials, p), lo, hi);
    });
    it(`drawBinomial follows Bin(${trials}, ${p})`, () => {
      const s = createStream(`test/draw-binomial/${trials}/${p}`);
      const xs = drawMany(n, () => drawBinomial(s, trials, p));
      expectMoments(xs, trials * p, trials * p * (1 - p));
      const [lo, hi] = binomialRange(trials, p);
      expectDiscreteFit(xs, (k) => binomialPmf(k, trials, p), lo, hi);
    });
  }
  it("degenerate cases return 0 or n", () => {
    const s = createStream("test/binomial-edges");
    expect(drawBinomial(s, 0, 0.4)).toBe(0);
    expect(drawBinomial(s, 50, 0)).toBe(0);
    expect(drawBinomial(s, 50, 1)).toBe(50);
    expect(binomial(s, 50, 1)()).toBe(50);
    expect(binomial(s, 0, 0.5)()).toBe(0);
  });
  it("draws stay within [0, n]", () => {
    const s = createStream("test/binomial-bounds");
    for (const [trials, p] of [[1, 0.5], [11, 0.99], [25, 0.4], [20, 0.5]] as const) {
      const xs = drawMany(5000, () => drawBinomial(s, trials, p));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= trials)).toBe(true);
    }
  });
});

function poissonRange(mean: number): [number, number] {
  const sd = Math.sqrt(mean);
  return [Math.max(0, Math.floor(mean - 9 * sd - 5)), Math.ceil(mean + 9 * sd + 15)];
}

describe("poisson", () => {
  // Below mean 10 inversion, from 10 up PTRS.
  for (const mean of [0.05, 0.5, 3, 9.99, 10, 37.5, 10_000]) {
    it(`factory follows Poisson(${mean})`, () => {
      const xs = drawMany(n, poisson(createStream(`test/poisson/${mean}`), mean));
      expectMoments(xs, mean, mean);
      const [lo, hi] = poissonRange(mean);
      expectDiscreteFit(xs, (k) => poissonPmf(k, mean), lo, hi);
    });
    it(`drawPoisson follows Poisson(${mean})`, () => {
      const s = createStream(`test/draw-poisson/${mean}`);
      const xs = drawMany(n, () => drawPoisson(s, mean));
      expectMoments(xs, mean, mean);
      const [lo, hi] = poissonRange(mean);
      expectDiscreteFit(xs, (k) => poissonPmf(k, mean), lo, hi);
    });
  }
  it("mean 0 always returns 0", () => {
    const s = createStream("test/poisson-0");
    expect(drawPoisson(s, 0)).toBe(0);
    expect(poisson(s, 0)()).toBe(0);
  });
  it("PoissonTable returns what inversion returns for the same uniform, including the extremes", () => {
    // Uniforms from a stream, the smallest and largest a stream gives, and the table's own cut
    // points (where one ulp decides between k and k + 1).
    for (const mean of [0, 1e-9, 0.3, 1.7, 4.2, 9.99]) {
      const table = new PoissonTable(mean, Math.exp(-mean));
      const uniforms = [...drawMany(5000, createStream(`test/poisson-table/${mean}`))];
      uniforms.push(0, 1 - 2 ** -32, 1 - 2 ** -53);
      // The guide table's cell edges (j / 64) and their neighbours.
      for (let cell = 1; cell < 64; cell++) uniforms.push(cell / 64, cell / 64 - 2 ** -53, cell / 64 + 2 ** -53);
      let cumulative = Math.exp(-mean);
      let pk = cumulative;
      for (let k = 1; k < 40 && pk > 0; k++) {
        uniforms.push(cumulative, cumulative - Number.EPSILON, Math.min(1 - 2 ** -53, cumulative + Number.EPSILON));
        pk *= mean / k;
        cumulative += pk;
      }
      // A stream's uniforms are in [0, 1): a cut point that rounded up to 1 is not one.
      for (const u of uniforms.filter((value) => value >= 0 && value < 1)) {
        expect(table.draw(() => u), `mean ${mean}, u ${u}`).toBe(drawPoissonInversion(() => u, mean, Math.exp(-mean)));
      }
    }
  });
  it("inversion is monotone in the uniform, so common random numbers stay coupled", () => {
    // Same stream, larger mean: every draw is at least as large.
    const low = drawMany(2000, poisson(createStream("test/poisson-crn"), 2));
    const high = drawMany(2000, poisson(createStream("test/poisson-crn"), 2.5));
    expect(high.every((x, i) => x >= (low[i] as number))).toBe(true);
  });
});
