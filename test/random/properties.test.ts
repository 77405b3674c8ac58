import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binomial,
  createStream,
  drawBeta,
  drawBinomial,
  drawGamma,
  drawNormal,
  drawPoisson,
  poisson,
} from "../../src/random/index.js";

const runs = { seed: 116, numRuns: 200 };
const probability = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1, 1e-12, 1 - 1e-12));

describe("draws stay in their support for any valid parameters", () => {
  it("binomial draws are integers in [0, n]", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), probability, fc.string(), (n, p, path) => {
        const s = createStream(`prop/binomial/${path}`);
        const factory = binomial(s, n, p);
        for (let i = 0; i < 20; i++) {
          for (const k of [drawBinomial(s, n, p), factory()]) {
            expect(Number.isInteger(k) && k >= 0 && k <= n, `Bin(${n}, ${p}) gave ${k}`).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it("poisson draws are integers >= 0", () => {
    const mean = fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }));
    fc.assert(
      fc.property(mean, fc.string(), (m, path) => {
        const s = createStream(`prop/poisson/${path}`);
        const factory = poisson(s, m);
        for (let i = 0; i < 20; i++) {
          for (const k of [drawPoisson(s, m), factory()]) {
            expect(Number.isInteger(k) && k >= 0, `Poisson(${m}) gave ${k}`).toBe(true);
          }
        }
      }),
      runs,
    );
  });

  it("gamma draws are finite and >= 0; beta draws lie in [0, 1]", () => {
    const shape = fc.double({ min: 1e-3, max: 1e5, noNaN: true });
    fc.assert(
      fc.property(shape, shape, fc.string(), (a, b, path) => {
        const s = createStream(`prop/gamma/${path}`);
        for (let i = 0; i < 20; i++) {
          const g = drawGamma(s, a);
          expect(Number.isFinite(g) && g >= 0, `Gamma(${a}) gave ${g}`).toBe(true);
          const x = drawBeta(s, a, b);
          expect(x >= 0 && x <= 1, `Beta(${a}, ${b}) gave ${x}`).toBe(true);
        }
      }),
      runs,
    );
  });

  it("normal draws are finite", () => {
    const s = createStream("prop/normal");
    for (let i = 0; i < 200_000; i++) {
      const z = drawNormal(s);
      if (!Number.isFinite(z)) expect.fail(`drawNormal gave ${z}`);
    }
  });
});
