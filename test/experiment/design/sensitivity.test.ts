import seedrandom from "seedrandom";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { morrisAnalysis } from "../../../src/experiment/design/morrisAnalysis.js";
import { morrisDesign, type MorrisParam } from "../../../src/experiment/design/morrisDesign.js";
import { oatAnalysis } from "../../../src/experiment/design/oatAnalysis.js";
import { oatDesign } from "../../../src/experiment/design/oatDesign.js";
import type { Point } from "../../../src/experiment/design/point.js";

function value(point: Point<number>, path: string): number {
  const found = point.values[path];
  if (found === undefined) throw new Error(`no ${path} in ${point.id}`);
  return found;
}

describe("oatDesign", () => {
  it("oatDesign gives the base point and, per param, ×(1 − δ) and ×(1 + δ) with the others at base", () => {
    const design = oatDesign({ "boost.multiplier": 2, "levers.coupon.faceValue": 6 }, 0.1);
    expect(design.points).toHaveLength(5);
    expect(design.base.id).toBe("boost.multiplier=2,levers.coupon.faceValue=6");
    const coupon = design.params[1];
    expect(coupon?.param).toBe("levers.coupon.faceValue");
    expect(coupon?.low).toBeCloseTo(5.4, 12);
    expect(coupon?.high).toBeCloseTo(6.6, 12);
    expect(coupon?.lowPoint.values["boost.multiplier"]).toBe(2);
    expect(coupon?.highPoint.values["levers.coupon.faceValue"]).toBeCloseTo(6.6, 12);
    expect(new Set(design.points.map((point) => point.id)).size).toBe(5);
  });

  it("writes computed values without binary noise in point ids (0.17 × 1.2 is 0.204, not 0.20400000000000001)", () => {
    expect(0.17 * 1.2).not.toBe(0.204);
    const design = oatDesign({ "funnel.cartRate": 0.17 }, 0.2);
    expect(design.params[0]?.high).toBe(0.204);
    expect(design.points.map((point) => point.id)).toContain("funnel.cartRate=0.204");
    const morris = morrisDesign({ params: [{ path: "funnel.cartRate", lo: 0.17 * 0.8, hi: 0.17 * 1.2 }], trajectories: 4, source: seedrandom.alea("noise") });
    for (const point of morris.points) expect(point.id).toMatch(/^funnel\.cartRate=\d\.\d{1,15}$/);
  });

  it.each([
    [{ a: 1 }, 0, "oatDesign: delta must be strictly between 0 and 1 (got 0)"],
    [{ a: 1 }, 1, "oatDesign: delta must be strictly between 0 and 1 (got 1)"],
    [{}, 0.1, "oatDesign: base needs at least one parameter (got {})"],
    [{ a: 0 }, 0.1, "oatDesign: a: base value must be a finite non-zero number (got 0)"],
    [{ a: Number.NaN }, 0.1, "oatDesign: a: base value must be a finite non-zero number (got NaN)"],
  ])("oatDesign(%j, %d) throws a UsageError", (base, delta, message) => {
    expect(() => oatDesign(base, delta)).toThrow(UsageError);
    expect(() => oatDesign(base, delta)).toThrow(message);
  });
});

describe("oatAnalysis", () => {
  // y = 3a + b² + 0·c: swings 3·(11 − 9) = 6, 2.2² − 1.8² = 1.6, 0.
  const kpi = (point: Point<number>): number => 3 * value(point, "a") + value(point, "b") ** 2;
  const design = oatDesign({ c: 5, b: 2, a: 10 }, 0.1);

  it("oatAnalysis sorts tornado rows by swing |highKpi − lowKpi|, widest first", () => {
    const kpis = Object.fromEntries(
      design.params.map((entry) => [entry.param, { low: kpi(entry.lowPoint), high: kpi(entry.highPoint) }]),
    );
    const rows = oatAnalysis(design, kpi(design.base), kpis);
    expect(rows.map((row) => row.param)).toEqual(["a", "b", "c"]);
    expect(rows[0]?.swing).toBeCloseTo(6, 10);
    expect(rows[1]?.swing).toBeCloseTo(1.6, 10);
    expect(rows[2]?.swing).toBe(0);
    expect(rows[0]).toMatchObject({ baseValue: 10, baseKpi: 34, lowKpi: kpi(design.params[2]!.lowPoint) });
    expect(rows[0]?.low).toBeCloseTo(9, 12);
    expect(rows[0]?.high).toBeCloseTo(11, 12);
  });

  it("oatAnalysis keeps design order among equal swings", () => {
    const rows = oatAnalysis(design, 0, { c: { low: 1, high: 2 }, b: { low: 1, high: 2 }, a: { low: 2, high: 1 } });
    expect(rows.map((row) => row.param)).toEqual(["c", "b", "a"]);
  });

  it("oatAnalysis requires KPIs for every param of the design and no others", () => {
    expect(() => oatAnalysis(design, 0, { a: { low: 1, high: 2 }, b: { low: 1, high: 2 } })).toThrow(
      'oatAnalysis: kpis needs { low, high } for every param of the design (got "c")',
    );
    expect(() =>
      oatAnalysis(design, 0, { a: { low: 1, high: 2 }, b: { low: 1, high: 2 }, c: { low: 1, high: 2 }, d: { low: 1, high: 2 } }),
    ).toThrow('oatAnalysis: kpis names a param the design does not have (got "d")');
    expect(() => oatAnalysis(design, 0, { a: { low: Number.NaN, high: 2 }, b: { low: 1, high: 2 }, c: { low: 1, high: 2 } })).toThrow(
      "oatAnalysis: kpis.a.low must be a finite number (got NaN)",
    );
  });
});

describe("morrisDesign", () => {
  const params: MorrisParam[] = [
    { path: "x1", lo: 0, hi: 1 },
    { path: "x2", lo: 0, hi: 1 },
    { path: "x3", lo: 0, hi: 1 },
  ];

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("a Morris design has r trajectories of k + 1 points, each step moving one param by ±Δ of its range", () => {
    const ranged: MorrisParam[] = [
      { path: "a", lo: 10, hi: 20 },
      { path: "b", lo: -1, hi: 1 },
      { path: "c", lo: 0, hi: 0.3 },
      { path: "d", lo: 100, hi: 400 },
    ];
    const design = morrisDesign({ params: ranged, trajectories: 12, levels: 6, source: seedrandom.alea("shape") });
    expect(design.delta).toBeCloseTo(0.6, 15);
    expect(design.trajectories).toHaveLength(12);
    expect(design.points).toHaveLength(12 * 5);
    for (const trajectory of design.trajectories) {
      expect(trajectory.points).toHaveLength(5);
      expect(new Set(trajectory.steps.map((step) => step.param))).toEqual(new Set(["a", "b", "c", "d"]));
      trajectory.steps.forEach((step, j) => {
        const before = trajectory.points[j] as Point<number>;
        const after = trajectory.points[j + 1] as Point<number>;
        for (const param of ranged) {
          const change = value(after, param.path) - value(before, param.path);
          const expected = param.path === step.param ? step.direction * design.delta * (param.hi - param.lo) : 0;
          expect(change).toBeCloseTo(expected, 10);
        }
      });
      for (const point of trajectory.points) {
        for (const param of ranged) {
          const unit = (value(point, param.path) - param.lo) / (param.hi - param.lo);
          // Every coordinate sits on the p-level grid {0, 1/(p − 1), …, 1} inside the range.
          expect(unit * 5).toBeCloseTo(Math.round(unit * 5), 9);
          expect(value(point, param.path)).toBeGreaterThanOrEqual(param.lo);
          expect(value(point, param.path)).toBeLessThanOrEqual(param.hi);
        }
      }
    }
  });

  it("a Morris design is a pure function of the source: same seed, same design; never Math.random", () => {
    const random = vi.spyOn(Math, "random");
    const first = morrisDesign({ params, trajectories: 5, source: seedrandom.alea("replay") });
    const second = morrisDesign({ params, trajectories: 5, source: seedrandom.alea("replay") });
    expect(second).toEqual(first);
    expect(random).not.toHaveBeenCalled();
  });

  it("a Morris design uses both directions and every start level over many trajectories", () => {
    const design = morrisDesign({ params, trajectories: 40, source: seedrandom.alea("spread") });
    const directions = new Set(design.trajectories.flatMap((trajectory) => trajectory.steps.map((step) => step.direction)));
    expect(directions).toEqual(new Set([1, -1]));
    const firstValues = new Set(design.trajectories.map((trajectory) => value(trajectory.points[0] as Point<number>, "x1")));
    expect(firstValues.size).toBe(4);
  });

  it.each([
    [{ params: [], trajectories: 4 }, "morrisDesign: params needs at least one { path, lo, hi } (got [])"],
    [{ params: [{ path: "a", lo: 1, hi: 1 }], trajectories: 4 }, "morrisDesign: a: lo and hi must be finite with lo < hi (got [1, 1])"],
    [{ params: [{ path: "a", lo: 0, hi: 1 }, { path: "a", lo: 0, hi: 1 }], trajectories: 4 }, 'morrisDesign: each path may appear only once (got "a")'],
    [{ params: [{ path: "a", lo: 0, hi: 1 }], trajectories: 1 }, "morrisDesign: trajectories must be an integer of at least 2 (got 1)"],
    [{ params: [{ path: "a", lo: 0, hi: 1 }], trajectories: 4, levels: 5 }, "morrisDesign: levels must be an even integer of at least 2 (got 5)"],
  ])("morrisDesign rejects %j with a UsageError", (options, message) => {
    const run = (): unknown => morrisDesign({ ...options, source: seedrandom.alea("x") });
    expect(run).toThrow(UsageError);
    expect(run).toThrow(message);
  });

  it("morrisDesign rejects a source that leaves [0, 1)", () => {
    expect(() => morrisDesign({ params, trajectories: 2, source: () => 1 })).toThrow(
      "morrisDesign: source must return numbers in [0, 1) (got 1)",
    );
  });
});

describe("morrisAnalysis", () => {
  const run = (params: MorrisParam[], model: (point: Point<number>) => number, seed: string) => {
    const design = morrisDesign({ params, trajectories: 20, source: seedrandom.alea(seed) });
    return morrisAnalysis(design, design.points.map(model));
  };

  it("on y = 2·x1 + x2² + 0·x3 over [0, 1]³: μ*(x1) = 2 with σ 0, x2 non-linear (σ > 0), x3 inert (μ* 0)", () => {
    const effects = run(
      [
        { path: "x1", lo: 0, hi: 1 },
        { path: "x2", lo: 0, hi: 1 },
        { path: "x3", lo: 0, hi: 1 },
      ],
      (point) => 2 * value(point, "x1") + value(point, "x2") ** 2 + 0 * value(point, "x3"),
      "known-function",
    );
    const [x1, x2, x3] = effects;
    expect(effects.map((effect) => effect.param)).toEqual(["x1", "x2", "x3"]);
    expect(x1?.mu).toBeCloseTo(2, 12);
    expect(x1?.muStar).toBeCloseTo(2, 12);
    expect(x1?.sigma).toBeCloseTo(0, 12);
    expect(x1?.n).toBe(20);
    // Each x2 effect is 2·x + Δ with x ∈ {0, 1/3}: 2/3 or 4/3.
    expect(x2?.muStar).toBeGreaterThan(0.6);
    expect(x2?.muStar).toBeLessThan(1.4);
    expect(x2?.sigma).toBeGreaterThan(0.1);
    expect(x3).toEqual({ param: "x3", mu: 0, muStar: 0, sigma: 0, n: 20 });
  });

  it("elementary effects are per full range: y = 2·x on [0, 10] gives μ* = 20", () => {
    const [effect] = run([{ path: "x", lo: 0, hi: 10 }, { path: "z", lo: 0, hi: 1 }], (point) => 2 * value(point, "x"), "range");
    expect(effect?.muStar).toBeCloseTo(20, 10);
  });

  it("μ* ranks a decreasing effect by size while μ keeps its sign: y = −3·x", () => {
    const [effect] = run([{ path: "x", lo: 0, hi: 1 }, { path: "z", lo: 0, hi: 1 }], (point) => -3 * value(point, "x"), "sign");
    expect(effect?.mu).toBeCloseTo(-3, 12);
    expect(effect?.muStar).toBeCloseTo(3, 12);
  });

  it("morrisAnalysis needs one finite output per design point", () => {
    const design = morrisDesign({ params: [{ path: "x", lo: 0, hi: 1 }], trajectories: 2, source: seedrandom.alea("n") });
    expect(() => morrisAnalysis(design, [1, 2, 3])).toThrow("morrisAnalysis: outputs needs one value per design point (4) (got 3)");
    expect(() => morrisAnalysis(design, [1, 2, Number.NaN, 4])).toThrow("morrisAnalysis: outputs[2] must be a finite number (got NaN)");
  });
});
