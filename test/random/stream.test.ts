import { describe, expect, it } from "vitest";
import { createStream, deriveStream, seedFrom, streamPath, substream } from "../../src/random/index.js";
import { drawMany, expectKs, zTolerance } from "./helpers.js";

describe("streams", () => {
  it("streamPath is exactly <seed>/rep:<r>/<purpose>", () => {
    expect(streamPath(116, 3, "arrivals")).toBe("116/rep:3/arrivals");
    expect(streamPath("pilot", 0, "merchant-quality")).toBe("pilot/rep:0/merchant-quality");
  });

  it("substream appends one segment", () => {
    expect(substream(streamPath(116, 3, "arrivals"), "merchant:7")).toBe("116/rep:3/arrivals/merchant:7");
  });

  it("the same path gives the same sequence", () => {
    const a = drawMany(1000, createStream("116/rep:3/arrivals"));
    const b = drawMany(1000, createStream("116/rep:3/arrivals"));
    expect(b).toEqual(a);
    const c = drawMany(1000, createStream("116/rep:3/arrivals", "xor4096"));
    expect(drawMany(1000, createStream("116/rep:3/arrivals", "xor4096"))).toEqual(c);
  });

  it("deriveStream is createStream of streamPath", () => {
    expect(drawMany(100, deriveStream(116, 3, "arrivals"))).toEqual(drawMany(100, createStream("116/rep:3/arrivals")));
  });

  it("different paths or algorithms give different sequences", () => {
    const base = drawMany(100, createStream("116/rep:3/arrivals"));
    for (const other of [
      createStream("116/rep:4/arrivals"),
      createStream("117/rep:3/arrivals"),
      createStream("116/rep:3/purchases"),
      createStream("116/rep:3/arrivals/merchant:7"),
      createStream("116/rep:3/arrivals", "xor4096"),
    ]) {
      const draws = drawMany(100, other);
      expect(draws.some((x, i) => x !== base[i])).toBe(true);
    }
  });

  it("a stream does not depend on which streams were created or drawn before it", () => {
    const fresh = drawMany(50, deriveStream(116, 0, "arrivals"));
    // Add replications and interleave draws: replication 0 must not move.
    const others = [1, 2, 3, 4].map((r) => deriveStream(116, r, "arrivals"));
    for (const s of others) drawMany(17, s);
    const again = deriveStream(116, 0, "arrivals");
    expect(drawMany(50, again)).toEqual(fresh);
  });

  it("creating streams leaves Math.random alone", () => {
    const before = Math.random;
    createStream("x");
    createStream("y", "xor4096");
    expect(Math.random).toBe(before);
  });

  it("draws are uniform on [0, 1)", () => {
    for (const algorithm of ["alea", "xor4096"] as const) {
      const xs = drawMany(50_000, createStream("test/uniformity", algorithm));
      expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
      expectKs(xs, (x) => Math.min(Math.max(x, 0), 1));
    }
  });

  it("streams of different purposes are uncorrelated, also at lag 1", () => {
    const n = 50_000;
    const a = drawMany(n, deriveStream(116, 3, "arrivals"));
    const b = drawMany(n, deriveStream(116, 3, "purchases"));
    const correlation = (x: Float64Array, y: Float64Array, lag: number): number => {
      let sxy = 0;
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let syy = 0;
      const m = x.length - lag;
      for (let i = 0; i < m; i++) {
        const xi = x[i] as number;
        const yi = y[i + lag] as number;
        sx += xi;
        sy += yi;
        sxy += xi * yi;
        sxx += xi * xi;
        syy += yi * yi;
      }
      return (m * sxy - sx * sy) / Math.sqrt((m * sxx - sx * sx) * (m * syy - sy * sy));
    };
    // Under independence the sample correlation has standard error 1/sqrt(n).
    const limit = zTolerance / Math.sqrt(n);
    expect(Math.abs(correlation(a, b, 0))).toBeLessThan(limit);
    expect(Math.abs(correlation(a, b, 1))).toBeLessThan(limit);
    expect(Math.abs(correlation(a, a, 1))).toBeLessThan(limit);
  });

  it("seedFrom gives a stable 32-bit unsigned integer per path", () => {
    const s = seedFrom("116/rep:3/worker");
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
    expect(seedFrom("116/rep:3/worker")).toBe(s);
    expect(seedFrom("116/rep:4/worker")).not.toBe(s);
  });
});
