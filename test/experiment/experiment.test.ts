import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, InterruptedError } from "../../src/errors.js";
import { mergeShards, runExperiment, type ExperimentOptions } from "../../src/experiment/experiment.js";
import { planCompare, planRun, planSweep } from "../../src/experiment/planners.js";
import { inProcessRunner, UnitError } from "../../src/experiment/runner.js";
import type { ExperimentPlan } from "../../src/experiment/plan.js";
import { fakeLoader, fakeSimulate, readTree, shuffledRunner, source, temporaryFolder } from "./helpers.js";

const plan = (): ExperimentPlan =>
  planCompare([source("baseline"), source("boost-2x", (c) => (c.levers.boost.multiplier = 2)), source("coupon")], source("baseline"), { replications: 5 });

const options = (out: string, extra: Partial<ExperimentOptions> = {}): ExperimentOptions => ({
  out,
  command: "funnelsim compare a b c",
  runner: inProcessRunner(fakeSimulate),
  ...extra,
});

/** Output files only (unit files are compared separately where it matters). */
const outputsOf = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });

describe("runExperiment", () => {
  it("writes the same bytes whatever order units finish in", async () => {
    const a = temporaryFolder();
    const b = temporaryFolder();
    await runExperiment(plan(), options(a));
    await runExperiment(plan(), options(b, { runner: shuffledRunner(fakeSimulate, "shuffle") }));
    expect(outputsOf(b)).toEqual(outputsOf(a));
    expect(readTree(join(b, "units"))).toEqual(readTree(join(a, "units")));
  });

  it("saves one unit file per (scenario, point, replication) under a stable id", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    expect(readdirSync(join(out, "units/compare/boost-2x/base")).sort()).toEqual(["rep-1.json", "rep-2.json", "rep-3.json", "rep-4.json", "rep-5.json"]);
    const unit = JSON.parse(readFileSync(join(out, "units/compare/boost-2x/base/rep-3.json"), "utf8"));
    expect(unit.unit).toBe("compare/boost-2x/base/rep-3");
    expect(unit.result.replication).toBe(3);
  });

  it("stops on abort with every finished unit saved, and resumes to identical outputs", async () => {
    const reference = temporaryFolder();
    await runExperiment(plan(), options(reference));
    const out = temporaryFolder();
    const controller = new AbortController();
    const run = runExperiment(
      plan(),
      options(out, {
        signal: controller.signal,
        resumeCommand: "funnelsim compare a b c --resume X",
        onProgress: (done) => {
          if (done === 6) controller.abort();
        },
      }),
    );
    await expect(run).rejects.toThrow(new InterruptedError(`interrupted: 6 of 15 runs saved in ${out}; resume with: funnelsim compare a b c --resume X`));
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
    let simulated = 0;
    const counting = inProcessRunner((config, opts) => {
      simulated += 1;
      return fakeSimulate(config, opts);
    });
    const outcome = await runExperiment(plan(), options(out, { resume: true, runner: counting }));
    expect(outcome.reused).toBe(6);
    expect(simulated).toBe(9);
    expect(outputsOf(out)).toEqual(outputsOf(reference));
  });

  it("re-runs a unit whose file is damaged when resuming", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    const before = outputsOf(out);
    writeFileSync(join(out, "units/compare/coupon/base/rep-2.json"), "{\"unit\":");
    const outcome = await runExperiment(plan(), options(out, { resume: true }));
    expect(outcome.ran).toBe(1);
    expect(outputsOf(out)).toEqual(before);
  });

  it("refuses an --out folder holding a different run without force, and replaces it with force", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    const other = planCompare([source("baseline")], source("baseline"), { replications: 2 });
    await expect(runExperiment(other, options(out))).rejects.toThrow(/^--out .*: holds the results of a different run \(hash [0-9a-f]{12}, this command's is [0-9a-f]{12}\); choose another --out or add --force to replace them$/);
    await runExperiment(other, options(out, { force: true }));
    expect(JSON.parse(readFileSync(join(out, "comparison.json"), "utf8")).strategies).toHaveLength(1);
    expect(existsSync(join(out, "units/compare/boost-2x"))).toBe(false);
  });

  it("keeps the results --force replaces until the new run completes, then leaves none of their files", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    writeFileSync(join(out, "report.html"), "the old report");
    const before = readTree(out);
    const run = planRun(source("baseline"), { replications: 4 });
    const controller = new AbortController();
    const interrupted = runExperiment(run, options(out, { force: true, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() }));
    await expect(interrupted).rejects.toThrow(`; the results it replaces stay in ${join(out, ".replaced-run")} until it completes`);
    // Interrupted: the old run is whole, aside; the folder holds only the new run's partial work.
    expect(readTree(join(out, ".replaced-run"))).toEqual(before);
    expect(existsSync(join(out, "manifest.json"))).toBe(false);
    // Running it again to completion drops them, and nothing of the old run (comparison.json, the report) stays.
    await runExperiment(run, options(out, { force: true }));
    expect(existsSync(join(out, ".replaced-run"))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(["daily.csv", "daily.parquet", "funnel.csv", "funnel.parquet", "manifest.json", "products.csv", "products.parquet", "replications.csv", "replications.parquet", "summary.json", "units"]);
  });

  it("refuses a non-empty folder that holds no funnelsim results", async () => {
    const out = temporaryFolder();
    writeFileSync(join(out, "notes.txt"), "mine");
    await expect(runExperiment(plan(), options(out))).rejects.toThrow(InputError);
    await expect(runExperiment(plan(), options(out))).rejects.toThrow(/is not empty and holds no funnelsim results; choose another --out or add --force to write into it/);
  });

  it("refuses to resume a folder of another run or of no run", async () => {
    const empty = temporaryFolder();
    await expect(runExperiment(plan(), options(empty, { resume: true, outFlag: `--resume ${empty}` }))).rejects.toThrow(
      `--resume ${empty}: holds no funnelsim run to resume (no manifest.json or units/plan.json)`,
    );
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    const other = planCompare([source("baseline")], source("baseline"), { replications: 2 });
    await expect(runExperiment(other, options(out, { resume: true }))).rejects.toThrow(/holds a different run/);
  });

  it("names the failed run when a simulation throws", async () => {
    const out = temporaryFolder();
    const failing = inProcessRunner((config, opts) => {
      if (config.name === "coupon" && opts.replication === 2) throw new Error("boom");
      return fakeSimulate(config, opts);
    });
    const run = runExperiment(plan(), options(out, { runner: failing }));
    await expect(run).rejects.toThrow(UnitError);
    await expect(run).rejects.toThrow("run failed: scenario coupon, point base, replication 2, seed 116: boom");
  });

  it("leaves no temporary files behind and clears those a killed writer left", async () => {
    const out = temporaryFolder();
    mkdirSync(join(out, "units"), { recursive: true });
    writeFileSync(join(out, "units", ".plan.json.999.1.tmp"), "half");
    writeFileSync(join(out, "units", "plan.json"), "{}");
    await runExperiment(plan(), options(out, { force: true }));
    const names = Object.keys(readTree(out));
    expect(names.filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

describe("shards and merge", () => {
  it("merges 1, 3 and 7 shards into the bytes of the unsharded run", async () => {
    const reference = temporaryFolder();
    await runExperiment(plan(), options(reference));
    for (const count of [1, 3, 7]) {
      const folders: string[] = [];
      for (let index = 1; index <= count; index++) {
        const folder = temporaryFolder();
        const outcome = await runExperiment(plan(), options(folder, { shard: { index, count } }));
        expect(outcome.outputs.size).toBe(0);
        expect(existsSync(join(folder, "manifest.json"))).toBe(false);
        folders.push(folder);
      }
      const merged = temporaryFolder();
      await mergeShards(folders.reverse(), merged);
      expect(outputsOf(merged)).toEqual(outputsOf(reference));
      expect(readTree(join(merged, "units"))).toEqual(readTree(join(reference, "units")));
    }
  });

  it("lets shards share one folder", async () => {
    const reference = temporaryFolder();
    await runExperiment(plan(), options(reference));
    const shared = temporaryFolder();
    for (const index of [2, 1, 3]) await runExperiment(plan(), options(shared, { shard: { index, count: 3 } }));
    const merged = temporaryFolder();
    await mergeShards([shared], merged);
    expect(outputsOf(merged)).toEqual(outputsOf(reference));
  });

  it("starts beside a sibling shard that is starting or writing, and leaves its files alone", async () => {
    // Array tasks start together on a shared folder: a sibling may have made units/ without its
    // plan yet, or be part-way through writing a unit (its temporary file) when this shard starts.
    const shared = temporaryFolder();
    const units = plan().units;
    const temporary = (unitId: string, pid: number) => join(shared, "units", unitId.replace(/[^/]+$/, (name) => `.${name}.json.${pid}.1.tmp`));
    const siblingPlan = join(shared, "units", ".plan.shard-2-of-3.json.999.1.tmp");
    const siblingUnit = temporary(units.find((unit) => unit.index % 3 === 1)!.id, 999);
    // Shard 1's own leftover from a killed earlier attempt.
    const leftover = temporary(units.find((unit) => unit.index % 3 === 0)!.id, 998);
    for (const path of [siblingPlan, siblingUnit, leftover]) {
      mkdirSync(join(path, ".."), { recursive: true });
      writeFileSync(path, "being written\n");
    }
    await runExperiment(plan(), options(shared, { shard: { index: 1, count: 3 } }));
    expect(existsSync(siblingPlan)).toBe(true);
    expect(existsSync(siblingUnit)).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    // An unsharded run owns the whole folder and clears every leftover.
    await runExperiment(plan(), options(shared, { force: true }));
    expect(existsSync(siblingUnit)).toBe(false);
  });

  it("refuses missing shards, naming them", async () => {
    const folders = [temporaryFolder(), temporaryFolder()];
    await runExperiment(plan(), options(folders[0]!, { shard: { index: 1, count: 4 } }));
    await runExperiment(plan(), options(folders[1]!, { shard: { index: 3, count: 4 } }));
    await expect(mergeShards(folders, temporaryFolder())).rejects.toThrow("merge: missing shards 2/4, 4/4; run them and merge again");
  });

  it("refuses a shard given twice", async () => {
    const folders = [temporaryFolder(), temporaryFolder()];
    for (const folder of folders) await runExperiment(plan(), options(folder, { shard: { index: 1, count: 2 } }));
    await expect(mergeShards(folders, temporaryFolder())).rejects.toThrow(`merge: shard 1/2 appears twice (${folders[0]} and ${folders[1]})`);
  });

  it("refuses shards of different runs", async () => {
    const a = temporaryFolder();
    const b = temporaryFolder();
    await runExperiment(plan(), options(a, { shard: { index: 1, count: 2 } }));
    const other = planCompare([source("baseline")], source("baseline"), { replications: 5 });
    await runExperiment(other, options(b, { shard: { index: 2, count: 2 } }));
    await expect(mergeShards([a, b], temporaryFolder())).rejects.toThrow(/is a shard of a different run than .* \(hash [0-9a-f]{12} ≠ [0-9a-f]{12}: scenario, seed, design or funnelsim version differ\)/);
  });

  it("refuses a shard that is missing some of its runs", async () => {
    const folders = [temporaryFolder(), temporaryFolder()];
    await runExperiment(plan(), options(folders[0]!, { shard: { index: 1, count: 2 } }));
    await runExperiment(plan(), options(folders[1]!, { shard: { index: 2, count: 2 } }));
    rmSync(join(folders[1]!, "units/compare/baseline/base/rep-2.json"));
    await expect(mergeShards(folders, temporaryFolder())).rejects.toThrow(
      "merge: 1 of 15 runs are missing (first: compare/baseline/base/rep-2); finish the shard that owns them with --resume, then merge again",
    );
  });

  it("refuses a folder that holds no shard", async () => {
    const empty = temporaryFolder();
    await expect(mergeShards([empty], temporaryFolder())).rejects.toThrow(`${empty}: holds no funnelsim shard (no units/plan*.json)`);
  });
});

describe("sweeps keep existing units when points are added", () => {
  it("gives an existing point the same unit id and result when another point joins", async () => {
    const small = await planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 2] }], zip: false, replications: 2 });
    const large = await planSweep({ source: source("baseline"), sets: [], load: fakeLoader, params: [{ path: "levers.boost.multiplier", values: [1, 1.5, 2] }], zip: false, replications: 3 });
    const a = temporaryFolder();
    const b = temporaryFolder();
    await runExperiment(small, options(a));
    await runExperiment(large, options(b));
    const id = "units/sweep/baseline/levers.boost.multiplier=2/rep-2.json";
    const result = (folder: string) => JSON.parse(readFileSync(join(folder, id), "utf8")).result;
    expect(result(b)).toEqual(result(a));
  });
});
