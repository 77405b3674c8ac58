/** The README's library example runs and returns a paired comparison. */
import { describe, expect, it } from "vitest";
import { boosted, compareBoost } from "../examples/library.js";
import * as library from "../src/index.js";

describe("library example", () => {
  it("compares the 2x boost with the baseline through the public API", () => {
    const difference = compareBoost(2, 500);
    expect(difference.n).toBe(2);
    expect(Number.isFinite(difference.diff)).toBe(true);
    expect(difference.ci95[0]).toBeLessThanOrEqual(difference.ci95[1]);
    expect(boosted(500).levers.boost.multiplier).toBe(2);
  });

  it("the package entry exports the documented API", () => {
    for (const name of ["simulate", "defaultConfig", "loadScenario", "validateConfig", "runExperiment", "writeReport", "summarize", "pairedDifference", "Environment", "Resource", "Store", "Process", "Interrupt", "InputError"]) {
      expect(typeof (library as Record<string, unknown>)[name], name).toBe("function");
    }
  });
});
