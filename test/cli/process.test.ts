/**
 * The CLI as a user meets it: `node bin/funnelsim.js …` in a child process, with the real market
 * model on a tiny population, signals and exit codes included.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTree, temporaryFolder } from "../experiment/helpers.js";
import { TINY } from "./helpers.js";

const BIN = new URL("../../bin/funnelsim.js", import.meta.url).pathname;

function funnelsim(args: readonly string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60_000 });
}

function countUnits(folder: string): number {
  const units = join(folder, "units");
  if (!existsSync(units)) return 0;
  let count = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/^rep-\d+\.json$/.test(entry.name)) count += 1;
    }
  };
  walk(units);
  return count;
}

describe("funnelsim in a child process", () => {
  it("run --json prints only the summary JSON on stdout (report included) and exits 0", () => {
    const out = temporaryFolder();
    const result = funnelsim(["run", "scenarios/baseline.yaml", "--reps", "2", ...TINY, "--json", "--workers", "1", "--out", out]);
    expect(result.status).toBe(0);
    expect(existsSync(join(out, "report.html"))).toBe(true);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary)).toEqual(["scenario", "seed", "replications", "kpis"]);
    expect(result.stdout).toBe(readTree(out)["summary.json"]);
  });

  it("exits 2 with the problem and no stack trace on a missing file", () => {
    const result = funnelsim(["run", "missing.yaml"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("missing.yaml: file not found\n");
    expect(result.stdout).toBe("");
  });

  it("exits 0 with usage and examples on --help", () => {
    const result = funnelsim(["compare", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("funnelsim compare <scenarios..>");
    expect(result.stdout).toContain("Examples:");
  });

  it("stops on SIGINT with finished runs saved, then --resume gives the bytes of an uninterrupted run", async () => {
    const args = ["compare", "scenarios/baseline.yaml", "scenarios/boost-2x.yaml", "--reps", "4", ...TINY, "--no-report", "--workers", "1"];
    const out = temporaryFolder();
    const child = spawn(process.execPath, [BIN, ...args, "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Interrupt once two runs are on disk.
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (countUnits(out) >= 2) {
          clearInterval(poll);
          child.kill("SIGINT");
          resolve();
        }
      }, 20);
      child.once("exit", () => {
        clearInterval(poll);
        reject(new Error(`finished before the interrupt: ${stderr}`));
      });
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", (status) => resolve(status)));
    expect(code).toBe(130);
    const saved = countUnits(out);
    expect(saved).toBeLessThan(8);
    expect(stderr).toBe(
      `interrupted: ${saved} of 8 runs saved in ${out}; resume with: funnelsim ${args.join(" ")} --resume ${out}\n`,
    );
    expect(existsSync(join(out, "manifest.json"))).toBe(false);

    const resumed = funnelsim([...args, "--resume", out]);
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    const reference = temporaryFolder();
    expect(funnelsim([...args, "--out", reference]).status).toBe(0);
    const outputs = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });
    expect(Object.keys(outputs(out))).toEqual(["comparison.json", "daily.csv", "daily.parquet", "funnel.csv", "funnel.parquet", "manifest.json", "products.csv", "products.parquet", "replications.csv", "replications.parquet"]);
    expect(outputs(out)).toEqual(outputs(reference));
  }, 120_000);
});

describe("shards as separate processes", () => {
  // Each shard is its own `funnelsim` process, as on a Slurm array or a Kubernetes Indexed Job;
  // the merge must give the bytes of the unsharded run, report included.
  const TINIER = ["--set", "population.users=60", "--set", "merchants.count=8", "--set", "calendar.burnInDays=2", "--set", "calendar.festivalDays=6", "--set", "calendar.warmupDays=1", "--set", "calendar.tailDays=1", "--set", "calendar.peakDays=[]", "--set", "levers.boost.endDay=5", "--set", "levers.launches.lastDay=5"];
  const command = ["compare", "scenarios/baseline.yaml", "scenarios/boost-2x.yaml", "--reps", "4", ...TINIER, "--workers", "1", "--quiet"];

  it("1, 3 and 7 shard processes merge into the unsharded run's bytes", () => {
    const reference = temporaryFolder();
    const whole = funnelsim([...command, "--out", reference]);
    expect(whole.stderr).toBe("");
    expect(whole.status).toBe(0);
    const expected = readTree(reference);
    for (const count of [1, 3, 7]) {
      const shared = temporaryFolder();
      for (let index = 1; index <= count; index++) {
        const shard = funnelsim([...command, "--out", shared, "--shard", `${index}/${count}`, "--no-report"]);
        expect(shard.status, shard.stderr).toBe(0);
      }
      const merged = temporaryFolder();
      const merge = funnelsim(["merge", shared, "--out", merged]);
      expect(merge.status, merge.stderr).toBe(0);
      const actual = readTree(merged);
      for (const name of Object.keys(expected).filter((file) => !file.startsWith("units/"))) {
        expect(actual[name], `${count} shards: ${name}`).toBe(expected[name]);
      }
    }
  });

  it("a shard index from the scheduler's environment selects the same slice as --shard", () => {
    const fromFlag = temporaryFolder();
    const fromSlurm = temporaryFolder();
    expect(funnelsim([...command, "--out", fromFlag, "--shard", "2/3", "--no-report"]).status).toBe(0);
    const slurm = spawnSync(process.execPath, [BIN, ...command, "--out", fromSlurm, "--no-report"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, SLURM_ARRAY_TASK_ID: "2", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "3" },
    });
    expect(slurm.status, slurm.stderr).toBe(0);
    expect(readTree(fromSlurm)).toEqual(readTree(fromFlag));
  });
});
