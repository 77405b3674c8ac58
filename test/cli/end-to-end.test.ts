/**
 * End to end with the real market model on a tiny population: reproducibility byte for byte,
 * across worker counts, and what common random numbers buy.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { poolRunner } from "../../src/experiment/runner.js";
import { pairedDifference, unpairedDifference } from "../../src/stats/index.js";
import { temporaryFolder } from "../experiment/helpers.js";
import { cli, TINY } from "./helpers.js";

/** The worker pool with the market model: what the CLI uses by default. */
const real = { runner: poolRunner() };
const compareArgs = ["compare", "scenarios/baseline.yaml", "scenarios/boost-2x.yaml", "--reps", "5", ...TINY, "--quiet", "--no-report"];

describe("the real model, end to end", () => {
  it("gives byte-identical summary.json, daily.csv and comparison.json for the same seed, with 1 or 2 workers", async () => {
    const folders = [temporaryFolder(), temporaryFolder()];
    const one = await cli([...compareArgs, "--out", folders[0]!, "--workers", "1"], real);
    const two = await cli([...compareArgs, "--out", folders[1]!, "--workers", "2"], real);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    for (const file of ["comparison.json", "daily.csv", "replications.csv", "funnel.csv", "products.csv", "manifest.json"]) {
      expect(readFileSync(join(folders[1]!, file), "utf8"), file).toBe(readFileSync(join(folders[0]!, file), "utf8"));
    }
    const runs = [temporaryFolder(), temporaryFolder()];
    for (const folder of runs) {
      expect((await cli(["run", "scenarios/boost-2x.yaml", "--reps", "2", "--seed", "7", ...TINY, "--quiet", "--no-report", "--out", folder], real)).code).toBe(0);
    }
    for (const file of ["summary.json", "daily.csv"]) {
      expect(readFileSync(join(runs[1]!, file), "utf8"), file).toBe(readFileSync(join(runs[0]!, file), "utf8"));
    }
    // The paired interval of boost-2x against the baseline is narrower than the unpaired one.
    const rows = readFileSync(join(folders[0]!, "replications.csv"), "utf8").trim().split("\n").slice(1).map((line) => line.split(","));
    const gmv = (scenario: string) => rows.filter((row) => row[0] === scenario && row[2] === "gmv").map((row) => Number(row[3]));
    const paired = pairedDifference(gmv("boost-2x"), gmv("baseline"));
    const unpaired = unpairedDifference(gmv("boost-2x"), gmv("baseline"));
    const width = (ci: readonly [number, number]) => ci[1] - ci[0];
    expect(width(paired.ci95)).toBeLessThan(width(unpaired.ci95));
    const comparison = JSON.parse(readFileSync(join(folders[0]!, "comparison.json"), "utf8"));
    expect(comparison.strategies[1].vsBaseline.gmv.ci95).toEqual([...paired.ci95]);
  }, 120_000);
});
