import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { roundSignificant, toBounded, toUnbounded } from "../../../src/experiment/calibrate/bounds.js";
import { minimize, nelderMead } from "../../../src/experiment/calibrate/nelder-mead.js";
import { invert } from "../../../src/experiment/calibrate/sensitivity.js";

const tight = { step: 0.5, maxEvaluations: 2000, xTolerance: 1e-8, fTolerance: 1e-12 };

describe("nelderMead", () => {
  it("finds the minimum of Rosenbrock's valley from the classic start (-1.2, 1)", () => {
    // Minimum at (1, 1), value 0 (Rosenbrock 1960); Lagarias et al. 1998 use the same test.
    const rosenbrock = ([x, y]: readonly number[]) => 100 * ((y as number) - (x as number) ** 2) ** 2 + (1 - (x as number)) ** 2;
    const result = minimize(rosenbrock, [-1.2, 1], tight);
    expect(result.reason).toBe("converged");
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    expect(result.f).toBeLessThan(1e-8);
  });

  it("finds the centre of a scaled quadratic bowl in four dimensions", () => {
    const centre = [3, -2, 0.5, 10];
    const scales = [1, 4, 0.25, 9];
    const bowl = (x: readonly number[]) => x.reduce((sum, value, axis) => sum + (scales[axis] as number) * (value - (centre[axis] as number)) ** 2, 0);
    const result = minimize(bowl, [0, 0, 0, 0], { ...tight, step: 1 });
    result.x.forEach((value, axis) => expect(value).toBeCloseTo(centre[axis] as number, 4));
  });

  it("asks for the n + 1 vertices of the first simplex in one batch, then one point or a shrink's n", () => {
    const generator = nelderMead([0, 0, 0], { step: 1, maxEvaluations: 60, xTolerance: 1e-6, fTolerance: 1e-9 });
    const sizes: Record<string, Set<number>> = {};
    let next = generator.next();
    // A function with a flat ridge makes the method shrink now and then.
    const f = (x: readonly number[]) => Math.abs(x[0] as number) + Math.abs((x[1] as number) - 1) + Math.abs((x[2] as number) + 2);
    while (next.done !== true) {
      (sizes[next.value.step] ??= new Set()).add(next.value.points.length);
      next = generator.next(next.value.points.map(f));
    }
    expect([...(sizes["initial"] ?? [])]).toEqual([4]);
    expect([...(sizes["reflect"] ?? [])]).toEqual([1]);
    for (const [step, set] of Object.entries(sizes)) if (step === "shrink") expect([...set]).toEqual([3]);
    expect(next.value.evaluations).toBeLessThanOrEqual(60 + 3);
  });

  it("stops at the evaluation budget", () => {
    const result = minimize((x) => (x[0] as number) ** 2 + (x[1] as number) ** 2, [5, 5], { step: 0.01, maxEvaluations: 10, xTolerance: 0, fTolerance: 0 });
    expect(result.reason).toBe("maxEvaluations");
    expect(result.evaluations).toBeLessThanOrEqual(10 + 2);
  });

  it("takes the same path for the same values (ties broken by position)", () => {
    const flat = () => 1;
    const a = minimize(flat, [0, 0], { step: 1, maxEvaluations: 30, xTolerance: 1e-9, fTolerance: 0 });
    const b = minimize(flat, [0, 0], { step: 1, maxEvaluations: 30, xTolerance: 1e-9, fTolerance: 0 });
    expect(a).toEqual(b);
  });

  it("treats NaN as worse than any value", () => {
    const f = (x: readonly number[]) => ((x[0] as number) < 0 ? Number.NaN : ((x[0] as number) - 2) ** 2);
    const result = minimize(f, [1], { step: 0.5, maxEvaluations: 200, xTolerance: 1e-6, fTolerance: 1e-12 });
    expect(result.x[0]).toBeCloseTo(2, 4);
  });

  it("refuses answers of the wrong length and bad options", () => {
    const generator = nelderMead([0, 0], tight);
    generator.next();
    expect(() => generator.next([1, 2])).toThrow(UsageError);
    expect(() => nelderMead([], tight).next()).toThrow(/start must be finite/);
    expect(() => nelderMead([0, 0], { ...tight, maxEvaluations: 2 }).next()).toThrow(/at least n \+ 1 = 3/);
  });
});

describe("bounds", () => {
  it("maps the real line into the box and back", () => {
    const box = { min: 0.05, max: 0.4 };
    for (const x of [0.06, 0.1, 0.2, 0.39]) expect(toBounded(toUnbounded(x, box), box)).toBeCloseTo(x, 12);
    for (const u of [-800, -30, 0, 30, 800]) {
      const x = toBounded(u, box);
      expect(x).toBeGreaterThanOrEqual(box.min);
      expect(x).toBeLessThanOrEqual(box.max);
    }
    expect(toBounded(0, box)).toBeCloseTo(0.225, 12);
  });

  it("moves a start on a bound a thousandth of the range inside", () => {
    const box = { min: 0, max: 10 };
    expect(toBounded(toUnbounded(0, box), box)).toBeCloseTo(0.01, 10);
    expect(toBounded(toUnbounded(10, box), box)).toBeCloseTo(9.99, 10);
  });

  it("rounds to significant digits", () => {
    expect(roundSignificant(0.123456, 4)).toBe(0.1235);
    expect(roundSignificant(3_456_789, 4)).toBe(3_457_000);
    expect(roundSignificant(0, 4)).toBe(0);
  });
});

describe("invert", () => {
  it("inverts a symmetric positive definite matrix and refuses a singular one", () => {
    const inverse = invert([
      [4, 1],
      [1, 3],
    ]);
    // [[4,1],[1,3]]^-1 = 1/11 · [[3,-1],[-1,4]]
    expect(inverse?.[0]?.[0]).toBeCloseTo(3 / 11, 12);
    expect(inverse?.[0]?.[1]).toBeCloseTo(-1 / 11, 12);
    expect(inverse?.[1]?.[1]).toBeCloseTo(4 / 11, 12);
    expect(invert([[1, 2], [2, 4]])).toBeUndefined();
    expect(invert([[0, 0], [0, 0]])).toBeUndefined();
  });
});
