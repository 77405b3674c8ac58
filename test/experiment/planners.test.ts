/**
 * Plans built in code get the command line's rules for replications and seeds, before anything
 * runs or is written.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { planCompare, planRun, planSensitivity, planSweep } from "../../src/experiment/planners.js";
import type { ScenarioLoader } from "../../src/experiment/plan.js";
import { loadScenario } from "../../src/scenario/index.js";
import { fakeLoader, source } from "./helpers.js";

describe("planners", () => {
  it("refuse a replication count that is not an integer from 1 to 10,000", () => {
    for (const replications of [-2, 0, 1.5, Number.NaN, 10_001]) {
      expect(() => planRun(source("baseline"), { replications }), String(replications)).toThrow(UsageError);
      expect(() => planCompare([source("boost-2x")], source("baseline"), { replications }), String(replications)).toThrow(/replications must be an integer from 1 to 10000/);
    }
    expect(planRun(source("baseline"), { replications: 3 }).units).toHaveLength(3);
  });

  it("refuse a seed that is empty, not finite or holds a /", async () => {
    for (const seed of ["", " ", "a/b", Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => planRun(source("baseline"), { seed }), String(seed)).toThrow(/seed must be a finite number or a non-empty text without "\/"/);
    }
    await expect(
      planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 2] }], zip: false, replications: 0 }),
    ).rejects.toThrow(UsageError);
    expect(planRun(source("baseline"), { seed: "pilot-2" }).scenarios[0]?.seed).toBe("pilot-2");
  });

  it("refuse a scenario whose own seed holds a /", () => {
    const bad = source("baseline", (config) => (config.seed = "x/rep:1"));
    expect(() => planRun(bad)).toThrow(/scenarios\/baseline.yaml: seed must/);
  });
});

describe("sweep size", () => {
  it("refuses a grid of more than 10,000 points before validating any, naming its size", async () => {
    const values = Array.from({ length: 101 }, (_, index) => 1 + index / 100);
    let loads = 0;
    const counting: typeof fakeLoader = async (file, sets) => {
      loads += 1;
      return fakeLoader(file, sets);
    };
    await expect(
      planSweep({ source: source("baseline"), sets: [], load: counting, params: [{ path: "levers.boost.multiplier", values }, { path: "funnel.orderRate", values }], zip: false }),
    ).rejects.toThrow("--param: the grid (101 × 101) has 10201 points; at most 10000");
    expect(loads).toBe(0);
    const fine = await planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 2] }], zip: false, replications: 1 });
    expect(fine.arms).toHaveLength(2);
  });
});

describe("sensitivity parameters", () => {
  const load: ScenarioLoader = async (file, sets) => {
    const loaded = await loadScenario(file, { sets });
    return { file, name: loaded.name, config: loaded.config };
  };
  const input = async (params: string[], delta: number) => ({
    source: await load("scenarios/coupon-66.yaml", []),
    sets: [],
    load,
    params,
    delta,
    method: "oat" as const,
    trajectories: 4,
    kpis: ["gmv"],
    replications: 1,
  });

  it("take a list entry written as --set writes it ([0]) or dotted (.0)", async () => {
    for (const path of ["levers.coupons[0].faceValue", "levers.coupons.0.faceValue"]) {
      const plan = await planSensitivity(await input([path], 0.2));
      expect(plan.arms.map((arm) => arm.point)).toContain(`${path}=12`);
    }
  });

  it("blame a point's out-of-range value on --params, in either form", async () => {
    for (const path of ["levers.coupons[0].claimRate", "levers.coupons.0.claimRate"]) {
      await expect(planSensitivity(await input([path], 0.9))).rejects.toThrow("--params: levers.coupons[0].claimRate: must be <= 1");
    }
  });
});
