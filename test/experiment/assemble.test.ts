import { describe, expect, it } from "vitest";
import { assembleOutputs, DAILY_CSV_METRICS, kpiDifference, kpiStats } from "../../src/experiment/assemble.js";
import { buildManifest } from "../../src/experiment/manifest.js";
import { planCompare, planRun, planSensitivity, planSweep } from "../../src/experiment/planners.js";
import type { ExperimentPlan } from "../../src/experiment/plan.js";
import type { SimulationResult } from "../../src/market/result.js";
import { KPIS } from "../../src/market/result.js";
import { createStream } from "../../src/random/index.js";
import { fakeLoader, fakeSimulate, source } from "./helpers.js";

function resultsInOrder(plan: ExperimentPlan, order: readonly number[]): Map<string, SimulationResult> {
  const results = new Map<string, SimulationResult>();
  for (const index of order) {
    const unit = plan.units[index]!;
    // Through JSON, as unit files are read back.
    results.set(unit.id, JSON.parse(JSON.stringify(fakeSimulate(unit.config, { seed: unit.seed, replication: unit.replication }))) as SimulationResult);
  }
  return results;
}

function shuffled(count: number, seed: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  const draw = createStream(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const comparePlan = () =>
  planCompare([source("baseline"), source("boost-2x", (c) => (c.levers.boost.multiplier = 2))], source("baseline"), { replications: 4 });

describe("assembleOutputs", () => {
  it("gives byte-identical files whatever order the units finished in", () => {
    const plan = comparePlan();
    const manifest = buildManifest(plan, "funnelsim compare", "0.0.0-test", "v20");
    const forward = assembleOutputs(plan, manifest, resultsInOrder(plan, plan.units.map((_, i) => i)));
    for (const seed of ["a", "b", "c"]) {
      const other = assembleOutputs(plan, manifest, resultsInOrder(plan, shuffled(plan.units.length, seed)));
      expect([...other.entries()]).toEqual([...forward.entries()]);
    }
  });

  it("writes the files of each kind in a fixed order", async () => {
    const runPlan = planRun(source("baseline"), { replications: 2 });
    const sweepPlan = await planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 2] }], zip: false, replications: 2 });
    const names = (plan: ExperimentPlan) => [...assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), resultsInOrder(plan, plan.units.map((_, i) => i))).keys()];
    expect(names(runPlan)).toEqual(["summary.json", "daily.csv", "replications.csv", "funnel.csv", "products.csv", "manifest.json"]);
    expect(names(comparePlan())[0]).toBe("comparison.json");
    expect(names(sweepPlan)[0]).toBe("sweep.json");
  });

  it("refuses to assemble when a unit has no result", () => {
    const plan = planRun(source("baseline"), { replications: 3 });
    const results = resultsInOrder(plan, [0, 2]);
    expect(() => assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), results)).toThrow(/1 of 3 runs have no result \(first: run\/baseline\/base\/rep-2\)/);
  });

  it("writes summary.json as {scenario, seed, replications, kpis: {mean, sd, ci95}}", () => {
    const plan = planRun(source("baseline"), { replications: 3 });
    const files = assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), resultsInOrder(plan, [0, 1, 2]));
    const summary = JSON.parse(files.get("summary.json")!);
    expect(Object.keys(summary)).toEqual(["scenario", "seed", "replications", "kpis"]);
    expect(summary.scenario).toBe("baseline");
    expect(summary.seed).toBe(116);
    expect(Object.keys(summary.kpis)).toEqual([...KPIS]);
    expect(Object.keys(summary.kpis.gmv)).toEqual(["mean", "sd", "ci95"]);
    expect(summary.kpis.gmv.ci95[0]).toBeLessThan(summary.kpis.gmv.mean);
  });

  it("lists the baseline among the strategies with zero differences", () => {
    const plan = comparePlan();
    const files = assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), resultsInOrder(plan, plan.units.map((_, i) => i)));
    const comparison = JSON.parse(files.get("comparison.json")!);
    expect(comparison.baseline).toBe("baseline");
    expect(comparison.strategies.map((s: { scenario: string }) => s.scenario)).toEqual(["baseline", "boost-2x"]);
    expect(comparison.strategies[0].vsBaseline.gmv).toEqual({ diff: 0, ci95: [0, 0], relative: 0 });
    const boost = comparison.strategies[1].vsBaseline.gmv;
    expect(Object.keys(boost)).toEqual(["diff", "ci95", "relative"]);
    expect(boost.diff).toBeGreaterThan(0);
  });

  it("writes the long tables with the documented columns and the daily metric list", () => {
    const plan = planRun(source("baseline"), { replications: 1 });
    const files = assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), resultsInOrder(plan, [0]));
    const daily = files.get("daily.csv")!.split("\n");
    expect(daily[0]).toBe("scenario,replication,day,metric,value,unit");
    expect(daily[1]).toMatch(/^baseline,1,2022-09-28,sessions,[0-9.]+,count$/);
    // Every metric's unit: money in yuan, trust an index, the rest counts.
    const unitOf = new Map(daily.slice(1, 1 + DAILY_CSV_METRICS.length).map((line) => [line.split(",")[3], line.split(",")[5]]));
    expect([unitOf.get("gmv"), unitOf.get("gmv.type.brand"), unitOf.get("gmv.feed"), unitOf.get("couponCost"), unitOf.get("avgTrust"), unitOf.get("followerStock")]).toEqual(["yuan", "yuan", "yuan", "yuan", "index", "count"]);
    expect(daily.length - 2).toBe(3 * DAILY_CSV_METRICS.length);
    expect(DAILY_CSV_METRICS).toContain("gmv.liveNotification");
    expect(DAILY_CSV_METRICS).toContain("gmv.type.quickBrand");
    expect(DAILY_CSV_METRICS).not.toContain("orders.feed");
    expect(files.get("replications.csv")!.split("\n")[0]).toBe("scenario,replication,kpi,value");
    expect(files.get("funnel.csv")!.split("\n")[0]).toBe("scenario,replication,source,domain,impressions,clicks,carts,orders,gmv");
    const products = files.get("products.csv")!.split("\n");
    expect(products[0]).toBe("scenario,replication,product,merchant,merchantType,category,launchDay,registered,orders,gmv,realProducts");
    // Quoting (RFC 4180), null as an empty field, -0 as 0.
    expect(products[1]).toBe('baseline,1,0,0,brand,"food, fresh",,true,3,210,50');
    expect(products[2]).toBe('baseline,1,1,0,brand,"say ""hi""",2,false,0,0,50');
  });

  it("labels sweep points <name>@<point id> in the tables", async () => {
    const plan = await planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 2] }], zip: false, replications: 1 });
    const files = assembleOutputs(plan, buildManifest(plan, "x", "0", "v"), resultsInOrder(plan, [0, 1]));
    expect(files.get("replications.csv")!.split("\n")[1]).toMatch(/^baseline@levers\.boost\.multiplier=1,1,gmv,/);
    const sweep = JSON.parse(files.get("sweep.json")!);
    expect(Object.keys(sweep)).toEqual(["scenario", "params", "zip", "points"]);
    expect(sweep.points[1]).toMatchObject({ id: "levers.boost.multiplier=2", values: { "levers.boost.multiplier": 2 } });
  });

  it("writes OAT rows per (param, kpi) and Morris rows with mu, muStar, sigma", async () => {
    const base = { source: source("baseline"), sets: [], load: fakeLoader, delta: 0.2, trajectories: 3, kpis: ["gmv", "orders"], replications: 2 };
    const oat = await planSensitivity({ ...base, params: ["levers.boost.multiplier", "funnel.orderRate"], method: "oat" });
    expect(oat.arms.length).toBe(5);
    const oatJson = JSON.parse(assembleOutputs(oat, buildManifest(oat, "x", "0", "v"), resultsInOrder(oat, oat.units.map((_, i) => i))).get("sensitivity.json")!);
    expect(oatJson.method).toBe("oat");
    expect(oatJson.rows).toHaveLength(4);
    expect(Object.keys(oatJson.rows[0])).toEqual(["param", "kpi", "baseValue", "low", "high", "baseKpi", "lowKpi", "highKpi", "swing"]);
    expect(oatJson.rows[0]).toMatchObject({ param: "levers.boost.multiplier", kpi: "gmv", baseValue: 1, low: 0.8, high: 1.2 });
    const morris = await planSensitivity({ ...base, params: ["levers.boost.multiplier", "funnel.orderRate"], method: "morris" });
    const morrisJson = JSON.parse(assembleOutputs(morris, buildManifest(morris, "x", "0", "v"), resultsInOrder(morris, morris.units.map((_, i) => i))).get("sensitivity.json")!);
    expect(morrisJson.rows).toHaveLength(4);
    expect(Object.keys(morrisJson.rows[0])).toEqual(["param", "kpi", "mu", "muStar", "sigma"]);
    // The fake's GMV grows with the boost only.
    const boostRow = morrisJson.rows.find((row: { param: string; kpi: string }) => row.param === "levers.boost.multiplier" && row.kpi === "gmv");
    expect(boostRow.muStar).toBeGreaterThan(0);
  });
});

describe("statistics as written", () => {
  it("writes null, never NaN, for a KPI some replication could not compute", () => {
    expect(kpiStats([1, Number.NaN])).toEqual({ mean: null, sd: null, ci95: [null, null] });
    expect(kpiDifference([1, 2], [Number.POSITIVE_INFINITY, 1])).toEqual({ diff: null, ci95: [null, null], relative: null });
  });
  it("writes relative null when the baseline mean is 0", () => {
    expect(kpiDifference([1, 2], [0, 0]).relative).toBeNull();
  });
  it("gives one replication a mean but no spread or interval, for a level and for a paired difference", () => {
    expect(kpiStats([5])).toEqual({ mean: 5, sd: null, ci95: [null, null] });
    expect(kpiDifference([6], [5])).toEqual({ diff: 1, ci95: [null, null], relative: 0.2 });
    expect(kpiDifference([6, 7], [5, 5]).ci95[0]).not.toBeNull();
  });
});
