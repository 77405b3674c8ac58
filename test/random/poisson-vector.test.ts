import { describe, expect, it } from "vitest";
import { createStream } from "../../src/random/index.js";
import { COUNT_BITS, COUNT_MASK, PoissonVector } from "../../src/random/poisson-vector.js";
import { chiSquare, expectDiscreteFit, poissonPmf, significance } from "./helpers.js";

const n = 60_000;

function unpack(value: number, kinds: number): number[] {
  return Array.from({ length: kinds }, (_, kind) => Math.floor(value / 2 ** (COUNT_BITS * kind)) & COUNT_MASK);
}

describe("PoissonVector", () => {
  // The session's browse mix (non-candidates of four kinds, candidates), one with a zero kind, a
  // pair, and a large total whose table ends early, so the tail's exact path is drawn often.
  for (const means of [[0.28, 0, 4.2, 0.55, 0.45], [0.3, 1.1, 3.3, 0.6, 0.5], [3.7, 0.3], [1, 2, 3, 4, 5.5]]) {
    it(`draws independent Poisson counts of means ${means.join(", ")}`, () => {
      const vector = PoissonVector.of(means);
      expect(vector).not.toBeNull();
      const source = createStream(`test/poisson-vector/${means.join(",")}`);
      const columns = means.map(() => new Float64Array(n));
      const totals = new Float64Array(n);
      for (let index = 0; index < n; index++) {
        const counts = unpack(vector!.draw(source), means.length);
        counts.forEach((count, kind) => (columns[kind]![index] = count));
        totals[index] = counts.reduce((a, b) => a + b, 0);
      }
      means.forEach((mean, kind) => {
        if (mean === 0) expect(columns[kind]!.every((x) => x === 0)).toBe(true);
        else expectDiscreteFit(columns[kind]!, (k) => poissonPmf(k, mean), 0, 60);
      });
      const total = means.reduce((a, b) => a + b, 0);
      expectDiscreteFit(totals, (k) => poissonPmf(k, total), 0, 63);
      // Independence of the two largest kinds: a 2 × 2 table of (above its mean) against each other.
      const order = means.map((mean, kind) => [mean, kind] as const).sort((a, b) => b[0] - a[0]);
      const [first, second] = [order[0]![1], order[1]![1]];
      const cells = [0, 0, 0, 0];
      for (let index = 0; index < n; index++) cells[(columns[first]![index]! > means[first]! ? 2 : 0) + (columns[second]![index]! > means[second]! ? 1 : 0)]! += 1;
      const rowShare = (cells[2]! + cells[3]!) / n;
      const columnShare = (cells[1]! + cells[3]!) / n;
      const expected = [(1 - rowShare) * (1 - columnShare), (1 - rowShare) * columnShare, rowShare * (1 - columnShare), rowShare * columnShare].map((p) => p * n);
      expect(chiSquare(cells, expected).p).toBeGreaterThan(significance / 10);
    });
  }
  it("is null for a total of 0 or above its range, and for more than five kinds", () => {
    expect(PoissonVector.of([0, 0])).toBeNull();
    expect(PoissonVector.of([10, 7])).toBeNull();
    expect(PoissonVector.of([0.1, 0.1, 0.1, 0.1, 0.1, 0.1])).toBeNull();
  });
  it("returns the same draws from the same stream", () => {
    const vector = PoissonVector.of([0.3, 0.2, 4, 0.6, 0.4])!;
    const a = createStream("test/poisson-vector-repeat");
    const b = createStream("test/poisson-vector-repeat");
    for (let index = 0; index < 1000; index++) expect(vector.draw(a)).toBe(vector.draw(b));
  });
});
