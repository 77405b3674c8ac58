import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { gridPoints } from "../../../src/experiment/design/gridPoints.js";
import { makePoint, pointId } from "../../../src/experiment/design/point.js";
import type { SweepParam } from "../../../src/experiment/design/sweepParam.js";
import { zipPoints } from "../../../src/experiment/design/zipPoints.js";

describe("point ids", () => {
  it("a point id lists path=value pairs sorted by path, whatever order they were given in", () => {
    expect(pointId({ "levers.coupon.faceValue": 6, "boost.multiplier": 2 })).toBe(
      "boost.multiplier=2,levers.coupon.faceValue=6",
    );
  });

  it("string values are JSON-quoted so they never collide with numbers or booleans", () => {
    const ids = [pointId({ a: 2 }), pointId({ a: "2" }), pointId({ a: true }), pointId({ a: "true" })];
    expect(ids).toEqual(['a=2', 'a="2"', "a=true", 'a="true"']);
  });

  it("−0 and 0 share an id", () => {
    expect(pointId({ a: -0 })).toBe(pointId({ a: 0 }));
  });

  it("makePoint stores values in id order and the empty assignment has the id ''", () => {
    expect(Object.keys(makePoint({ b: 1, a: 2 }).values)).toEqual(["a", "b"]);
    expect(makePoint({})).toEqual({ id: "", values: {} });
  });
});

describe("gridPoints", () => {
  const params: SweepParam[] = [
    { path: "levers.coupon.faceValue", values: [4, 6] },
    { path: "boost.multiplier", values: [1, 2, 3] },
  ];

  it("gridPoints is the cartesian product with the first param varying slowest", () => {
    const points = gridPoints(params);
    expect(points.map((point) => [point.values["levers.coupon.faceValue"], point.values["boost.multiplier"]])).toEqual([
      [4, 1],
      [4, 2],
      [4, 3],
      [6, 1],
      [6, 2],
      [6, 3],
    ]);
    expect(points[1]?.id).toBe("boost.multiplier=2,levers.coupon.faceValue=4");
  });

  it("adding a value to a sweep keeps every existing point's id", () => {
    const before = gridPoints(params).map((point) => point.id);
    const after = gridPoints([params[0] as SweepParam, { path: "boost.multiplier", values: [1, 2, 3, 5] }]).map(
      (point) => point.id,
    );
    expect(after).toHaveLength(8);
    for (const id of before) expect(after).toContain(id);
  });

  it("gridPoints mixes numbers, strings and booleans", () => {
    const points = gridPoints([
      { path: "channel", values: ["public", "private"] },
      { path: "levers.coupon.enabled", values: [true, false] },
    ]);
    expect(points.map((point) => point.id)).toEqual([
      'channel="public",levers.coupon.enabled=true',
      'channel="public",levers.coupon.enabled=false',
      'channel="private",levers.coupon.enabled=true',
      'channel="private",levers.coupon.enabled=false',
    ]);
  });

  it("gridPoints of no params is the single base point", () => {
    expect(gridPoints([])).toEqual([{ id: "", values: {} }]);
  });

  it("gridPoints has the product of the value counts as its size, all ids distinct", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (counts) => {
        const sweep = counts.map((count, i) => ({ path: `p${i}`, values: Array.from({ length: count }, (_, v) => v) }));
        const points = gridPoints(sweep);
        expect(points).toHaveLength(counts.reduce((product, count) => product * count, 1));
        expect(new Set(points.map((point) => point.id)).size).toBe(points.length);
      }),
    );
  });

  it.each([
    [[{ path: "", values: [1] }], 'gridPoints: path must be a non-empty string without "=", ",", "/", quotes or spaces (got "")'],
    [[{ path: "a=b", values: [1] }], 'gridPoints: path must be a non-empty string without "=", ",", "/", quotes or spaces (got "a=b")'],
    [[{ path: "a", values: [] }], "gridPoints: a: values must be a non-empty array (got [])"],
    [[{ path: "a", values: [1, 1] }], "gridPoints: a: values must be distinct (got 1)"],
    [[{ path: "a", values: [Number.NaN] }], "gridPoints: a: value must be a finite number, a string or a boolean (got NaN)"],
    [[{ path: "a", values: [1] }, { path: "a", values: [2] }], 'gridPoints: each path may be swept only once (got "a")'],
  ])("gridPoints rejects %j with a UsageError", (sweep, message) => {
    expect(() => gridPoints(sweep as SweepParam[])).toThrow(UsageError);
    expect(() => gridPoints(sweep as SweepParam[])).toThrow(message);
  });
});

describe("zipPoints", () => {
  it("zipPoints pairs the i-th values of every param", () => {
    const points = zipPoints([
      { path: "levers.coupon.faceValue", values: [5, 10, 20] },
      { path: "levers.coupon.minSpend", values: [50, 100, 200] },
    ]);
    expect(points.map((point) => point.id)).toEqual([
      "levers.coupon.faceValue=5,levers.coupon.minSpend=50",
      "levers.coupon.faceValue=10,levers.coupon.minSpend=100",
      "levers.coupon.faceValue=20,levers.coupon.minSpend=200",
    ]);
  });

  it("a zip point has the same id as the grid point with the same assignments", () => {
    const zipped = zipPoints([
      { path: "a", values: [1, 2] },
      { path: "b", values: ["x", "y"] },
    ]);
    const grid = gridPoints([
      { path: "a", values: [1, 2] },
      { path: "b", values: ["x", "y"] },
    ]).map((point) => point.id);
    for (const point of zipped) expect(grid).toContain(point.id);
  });

  it("zipPoints requires every value list to have the same length", () => {
    expect(() =>
      zipPoints([
        { path: "a", values: [1, 2] },
        { path: "b", values: [1, 2, 3] },
      ]),
    ).toThrow('zipPoints: every param needs as many values as a (2) (got "b has 3")');
  });

  it("zipPoints needs at least one param", () => {
    expect(() => zipPoints([])).toThrow("zipPoints: needs at least one param (got [])");
  });
});
