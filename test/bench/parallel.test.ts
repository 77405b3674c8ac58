import { describe, expect, it } from "vitest";
import { steadyState } from "../../bench/parallel.js";

describe("parallel bench: steady state and fixed cost from result arrivals", () => {
  it("finds one worker's rate and its start-up from evenly spaced results after a slow start", () => {
    // First result at 0.5 s, then one every 0.2 s: 5 a second, and 0.5 − 0.2 = 0.3 s of start.
    const arrivals = Array.from({ length: 30 }, (_, index) => 0.5 + 0.2 * index);
    const steady = steadyState(arrivals, 1, arrivals.at(-1)!)!;
    expect(steady.rate).toBeCloseTo(5, 9);
    expect(steady.fixedSeconds).toBeCloseTo(0.3, 9);
  });

  it("counts whole batches when results come in pairs", () => {
    // Two workers: a pair at 0.8 and 0.81 s, then a pair every 0.25 s (8 a second); the fixed cost is
    // the last result's time less 30 results at that rate, 4.31 − 3.75 = 0.56 s.
    const arrivals = Array.from({ length: 30 }, (_, index) => 0.8 + 0.25 * Math.floor(index / 2) + (index % 2) * 0.01);
    const steady = steadyState(arrivals, 2, arrivals.at(-1)!)!;
    expect(steady.rate).toBeCloseTo(8, 9);
    expect(steady.fixedSeconds).toBeCloseTo(0.8 + 0.25 * 14 + 0.01 - 30 / 8, 9);
  });

  it("has no steady state to report for too few results", () => {
    expect(steadyState([1], 1, 1)).toBeUndefined();
    expect(steadyState([1, 1.1, 2], 2, 2)).toBeUndefined();
  });
});
