import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sweepHeatmapSpec, sweepLineSpec } from "../../src/report/charts/sweep.js";
import { scenarioLabels, shortPaths } from "../../src/report/labels.js";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { chartContext, planCharts } from "../../src/report/plan.js";
import type { Sweep } from "../../src/report/types.js";
import { FIXTURES } from "./helpers.js";

describe("labels of a design's arms", () => {
  it("a sweep's arms are labelled by their values under short names, numbers without float noise", () => {
    const names = [1, 2, 3].flatMap((boost) => ["0.17", "0.20400000000000001"].map((cart) => `festival-116@funnel.cartRate=${cart},levers.boost.multiplier=${boost}`));
    const labels = scenarioLabels(["festival-116", ...names]);
    expect([...labels.values()]).toEqual([
      "festival-116",
      "cartRate=0.17, multiplier=1",
      "cartRate=0.204, multiplier=1",
      "cartRate=0.17, multiplier=2",
      "cartRate=0.204, multiplier=2",
      "cartRate=0.17, multiplier=3",
      "cartRate=0.204, multiplier=3",
    ]);
  });

  it("shows only the parameters that differ between arms, and the scenario when arms vary several", () => {
    expect([...scenarioLabels(["x@a.k=1,b.m=5", "x@a.k=2,b.m=5"]).values()]).toEqual(["k=1", "k=2"]);
    expect([...scenarioLabels(["x@a.k=1", "y@a.k=2"]).values()]).toEqual(["x: k=1", "y: k=2"]);
  });

  it("plain scenario names stay as they are; arms whose labels would be the same keep their full names", () => {
    expect([...scenarioLabels(["baseline", "boost-2x", "me@home"]).values()]).toEqual(["baseline", "boost-2x", "me@home"]);
    expect([...scenarioLabels(["x@a=0.20400000000000001", "x@a=0.204"]).values()]).toEqual(["x@a=0.20400000000000001", "x@a=0.204"]);
  });

  it("short paths keep as many trailing segments as it takes to tell them apart", () => {
    expect([...shortPaths(["levers.boost.share", "levers.launches.share", "levers.coupons[0].faceValue"]).values()]).toEqual(["boost.share", "launches.share", "faceValue"]);
  });

  it("the daily charts of a sweep name each point by its value in legend and data", () => {
    const results = loadResults(join(FIXTURES, "sweep-line"));
    const gmv = planCharts(results, messagesFor("en")).find((chart) => chart.name === "gmvDaily");
    const text = JSON.stringify(gmv?.spec);
    expect(text).toContain('"domain":["multiplier=0","multiplier=1","multiplier=2","multiplier=3","multiplier=4"]');
    expect(text).not.toContain("baseline@");
    // Five entries wrap into rows of three instead of running past the chart's width.
    expect(text).toContain('"columns":3');
  });
});

describe("sweep charts", () => {
  const noisy = 0.17 * 1.2;
  const kpis = { gmv: { mean: 1e11, sd: 1e9, ci95: [0.9e11, 1.1e11] as const } };

  it("the heatmap writes swept values to 6 significant digits on its axes", () => {
    const sweep: Sweep = {
      scenario: "s",
      zip: false,
      params: [{ path: "funnel.cartRate", values: [0.17, noisy] }, { path: "levers.boost.multiplier", values: [1, 2] }],
      points: [0.17, noisy].flatMap((cart) => [1, 2].map((boost) => ({ id: `funnel.cartRate=${cart},levers.boost.multiplier=${boost}`, values: { "funnel.cartRate": cart, "levers.boost.multiplier": boost }, kpis }))),
    };
    const context = chartContext(loadResults(join(FIXTURES, "sweep-grid")), messagesFor("en"));
    const text = JSON.stringify(sweepHeatmapSpec(sweep, context));
    expect(text).toContain('"x":"0.204"');
    expect(text).toContain('"sort":["0.17","0.204"]');
    expect(text).not.toContain("0.20400000000000001");
  });

  it("the line chart of zipped parameters labels each point by its values, without float noise", () => {
    const sweep: Sweep = {
      scenario: "s",
      zip: true,
      params: [{ path: "funnel.cartRate", values: [0.17, noisy] }, { path: "levers.boost.multiplier", values: [1, 2] }],
      points: [[0.17, 1], [noisy, 2]].map(([cart, boost]) => ({ id: `${cart}`, values: { "funnel.cartRate": cart as number, "levers.boost.multiplier": boost as number }, kpis })),
    };
    const context = chartContext(loadResults(join(FIXTURES, "sweep-line")), messagesFor("en"));
    const text = JSON.stringify(sweepLineSpec(sweep, context));
    expect(text).toContain('"sort":["cartRate=0.17, multiplier=1","cartRate=0.204, multiplier=2"]');
    expect(text).not.toContain("0.20400000000000001");
  });
});
