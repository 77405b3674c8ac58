/**
 * Plans built in code get the command line's rules for replications and seeds, before anything
 * runs or is written.
 */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { planCompare, planRun, planSweep } from "../../src/experiment/planners.js";
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
