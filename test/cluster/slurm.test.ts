/**
 * funnelsim on a real Slurm cluster: scripts/slurm-local.sh brings up a one-node cluster (munged,
 * slurmctld, slurmd), the shipped job-array script runs the shards with `sbatch --array`, the merge
 * waits for them with `--dependency=afterok`, and what it writes must be the bytes of an unsharded
 * run, also when one task is cancelled part-way and resubmitted.
 *
 * Skipped (with the reason) only where Slurm is neither installed nor installable: not root, or no
 * apt-get. Anywhere else a cluster that does not start fails the test.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTree, temporaryFolder } from "../experiment/helpers.js";
import { TINY } from "../cli/helpers.js";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
const LOCAL_CLUSTER = join(ROOT, "scripts/slurm-local.sh");
const ARRAY_SCRIPT = join(ROOT, "scripts/slurm/funnelsim-array.sbatch");
const MERGE_SCRIPT = join(ROOT, "scripts/slurm/funnelsim-merge.sbatch");

// A cluster of the test's own (folder and ports), so a cluster someone brought up with the
// script's defaults is neither used nor stopped.
const clusterEnv = {
  ...process.env,
  FUNNELSIM_SLURM_DIR: join(tmpdir(), `funnelsim-slurm-test-${process.pid}`),
  FUNNELSIM_SLURM_PORT: "16837",
};
const slurmEnv = {
  ...clusterEnv,
  SLURM_CONF: join(clusterEnv.FUNNELSIM_SLURM_DIR, "etc/slurm.conf"),
  PATH: `${process.env["PATH"] ?? ""}:/usr/sbin:/sbin`,
  // The jobs run this very node; sbatch passes the environment on to them.
  FUNNELSIM_NODE: process.execPath,
};

const check = spawnSync("bash", [LOCAL_CLUSTER, "check"], { encoding: "utf8", env: clusterEnv });
const unavailable = check.status === 3 ? check.stderr.trim().replace(/^slurm-local: /, "") : undefined;
if (unavailable !== undefined) console.warn(`Slurm cluster test skipped: ${unavailable}`);

/** 2 scenarios × 6 replications = 12 runs on a small population, 4 per shard of 3. */
const COMMAND = ["compare", "scenarios/baseline.yaml", "scenarios/boost-2x.yaml", "--reps", "6", ...TINY, "--no-report", "--quiet"];
const SHARDS = 3;
/** Small jobs: one CPU and a little memory each, so the node runs two at once whatever its size. */
const RESOURCES = ["--cpus-per-task=1", "--mem=400M", "--time=00:05:00"];
const WAIT_MS = 80_000;

function slurm(command: string, args: readonly string[], env: NodeJS.ProcessEnv = slurmEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: "utf8", env, cwd: ROOT, timeout: 30_000 });
}

/** `sbatch --parsable …` from the project folder (the scripts' default FUNNELSIM_DIR); the job id. */
function sbatch(args: readonly string[], env?: NodeJS.ProcessEnv): string {
  const result = slurm("sbatch", ["--parsable", ...args], env);
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim().split(";")[0]!;
}

const ACTIVE = new Set(["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "RESIZING", "STAGE_OUT"]);

/** Each record of `scontrol show job` for a job (an array gives one per task): id → state. */
function jobStates(jobId: string): Map<string, string> {
  const result = slurm("scontrol", ["show", "job", "-o", jobId]);
  const states = new Map<string, string>();
  for (const line of result.stdout.split("\n")) {
    const id = /(?:^|\s)JobId=(\d+)/.exec(line)?.[1];
    if (id === undefined) continue;
    const task = /ArrayTaskId=(\S+)/.exec(line)?.[1];
    const state = /JobState=(\S+)/.exec(line)?.[1] ?? "?";
    states.set(task === undefined ? jobId : `${jobId}_${task}`, state);
  }
  return states;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every record of the jobs is finished; returns their states. */
async function waitFor(...jobIds: string[]): Promise<Map<string, string>> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const states = new Map(jobIds.flatMap((id) => [...jobStates(id)]));
    if (states.size > 0 && [...states.values()].every((state) => !ACTIVE.has(state))) return states;
    if (Date.now() > deadline) throw new Error(`jobs still active after ${WAIT_MS / 1000} s: ${JSON.stringify([...states])}`);
    await sleep(200);
  }
}

/** What the jobs printed (their --output files), for failure messages. */
function jobOutputs(folder: string): string {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".out"))
    .sort()
    .map((name) => `--- ${name}\n${readFileSync(join(folder, name), "utf8")}`)
    .join("\n");
}

/** The assembled outputs of a folder (unit files left out). */
const outputsOf = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });

/** The unsharded run, in a child process of its own. */
function unshardedRun(out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin/funnelsim.js"), ...COMMAND, "--workers", "1", "--out", out], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`unsharded run exited ${code}: ${stderr}`))));
  });
}

describe.skipIf(unavailable !== undefined)("a Slurm job array of funnelsim shards", () => {
  let reference: Promise<string>;
  /** Set when `up` found Slurm missing and apt-get could not install it (exit 3): the tests skip. */
  let notInstalled: string | undefined;

  beforeAll(() => {
    const up = slurm("bash", [LOCAL_CLUSTER, "up"], clusterEnv);
    if (up.status === 3) {
      notInstalled = up.stderr.trim();
      console.warn(`Slurm cluster test skipped: ${notInstalled}`);
      return;
    }
    if (up.status !== 0) throw new Error(`scripts/slurm-local.sh up failed (exit ${up.status}):\n${up.stderr}`);
    expect(up.stdout).toBe(`export SLURM_CONF=${slurmEnv.SLURM_CONF}\n`);
    const out = temporaryFolder();
    reference = unshardedRun(out).then(() => out);
    reference.catch(() => undefined);
  });

  afterAll(() => {
    const down = slurm("bash", [LOCAL_CLUSTER, "down"], clusterEnv);
    expect(down.status, down.stderr).toBe(0);
    expect(existsSync(clusterEnv.FUNNELSIM_SLURM_DIR)).toBe(false);
  });

  it("sbatch --array runs the shards, an afterok merge gives the unsharded run's bytes", async (context) => {
    if (notInstalled !== undefined) context.skip(notInstalled);
    const work = temporaryFolder();
    const shards = join(work, "shards");
    const array = sbatch([`--array=1-${SHARDS}`, ...RESOURCES, `--output=${work}/%A_%a.out`, ARRAY_SCRIPT, ...COMMAND, "--out", shards]);
    const merge = sbatch(["--dependency=afterok:" + array, "--kill-on-invalid-dep=yes", ...RESOURCES, `--output=${work}/merge-%j.out`, MERGE_SCRIPT, shards, "--out", join(work, "final"), "--no-report"]);
    const states = await waitFor(array, merge);
    const expected = new Map([...Array.from({ length: SHARDS }, (_, i) => [`${array}_${i + 1}`, "COMPLETED"] as const), [merge, "COMPLETED"]]);
    expect(states, jobOutputs(work)).toEqual(expected);
    // Each task ran its own shard of the three.
    for (let index = 1; index <= SHARDS; index++) {
      expect(readFileSync(join(work, `${array}_${index}.out`), "utf8")).toBe(
        `shard ${index}/${SHARDS}: 4 runs saved in ${shards}; when every shard is done: funnelsim merge <shard folders…> --out DIR\n`,
      );
    }
    const expectedOutputs = outputsOf(await reference);
    // Parquet files are compared byte for byte too (readTree gives them as base64).
    expect(Object.keys(expectedOutputs)).toEqual([
      "comparison.json",
      "daily.csv",
      "daily.parquet",
      "funnel.csv",
      "funnel.parquet",
      "manifest.json",
      "products.csv",
      "products.parquet",
      "replications.csv",
      "replications.parquet",
    ]);
    expect(outputsOf(join(work, "final"))).toEqual(expectedOutputs);
  });

  it("a task cancelled part-way and resubmitted alone gives the same bytes", async (context) => {
    if (notInstalled !== undefined) context.skip(notInstalled);
    const work = temporaryFolder();
    const shards = join(work, "shards");
    const array = sbatch([`--array=1-${SHARDS}`, ...RESOURCES, `--output=${work}/%A_%a.out`, ARRAY_SCRIPT, ...COMMAND, "--out", shards]);
    const merge = sbatch(["--dependency=afterok:" + array, "--kill-on-invalid-dep=yes", ...RESOURCES, `--output=${work}/merge-%j.out`, MERGE_SCRIPT, shards, "--out", join(work, "final"), "--no-report"]);

    // Shard 2's runs, from the plan its task writes first; cancel the task once one is saved.
    const planFile = join(shards, "units", `plan.shard-2-of-${SHARDS}.json`);
    const deadline = Date.now() + WAIT_MS;
    let units: string[] = [];
    const saved = () => units.filter((id) => existsSync(join(shards, "units", `${id}.json`))).length;
    for (;;) {
      if (units.length === 0 && existsSync(planFile)) {
        const plan = JSON.parse(readFileSync(planFile, "utf8")) as { plan: { units: { id: string; index: number }[] } };
        units = plan.plan.units.filter((unit) => unit.index % SHARDS === 1).map((unit) => unit.id);
      }
      if (units.length > 0 && saved() >= 1) break;
      if (Date.now() > deadline) throw new Error(`shard 2 saved no run within ${WAIT_MS / 1000} s:\n${jobOutputs(work)}`);
      await sleep(25);
    }
    const cancel = slurm("scancel", [`${array}_2`]);
    expect(cancel.status, cancel.stderr).toBe(0);
    const states = await waitFor(array, merge);
    expect(states.get(`${array}_2`), jobOutputs(work)).toBe("CANCELLED");
    expect(states.get(`${array}_1`)).toBe("COMPLETED");
    expect(states.get(`${array}_3`)).toBe("COMPLETED");
    // The failed dependency cancelled the merge before it started.
    expect(states.get(merge)).toBe("CANCELLED");
    expect(existsSync(join(work, "final"))).toBe(false);
    const savedWhenCancelled = saved();
    expect(savedWhenCancelled).toBeGreaterThanOrEqual(1);
    expect(savedWhenCancelled, "the task was cancelled part-way").toBeLessThan(units.length);

    // Resubmitting task 2 alone: Slurm counts that array as one task, so the script needs n.
    const again = sbatch(["--array=2", ...RESOURCES, `--output=${work}/again-%A_%a.out`, ARRAY_SCRIPT, ...COMMAND, "--out", shards], { ...slurmEnv, FUNNELSIM_SHARD_COUNT: String(SHARDS) });
    const merged = sbatch(["--dependency=afterok:" + again, "--kill-on-invalid-dep=yes", ...RESOURCES, `--output=${work}/merge-%j.out`, MERGE_SCRIPT, shards, "--out", join(work, "final"), "--no-report"]);
    const after = await waitFor(again, merged);
    expect(after, jobOutputs(work)).toEqual(new Map([[`${again}_2`, "COMPLETED"], [merged, "COMPLETED"]]));
    expect(outputsOf(join(work, "final"))).toEqual(outputsOf(await reference));
  });

  it("refuses a part of an array resubmitted without the shard count", async (context) => {
    if (notInstalled !== undefined) context.skip(notInstalled);
    const work = temporaryFolder();
    const job = sbatch(["--array=2", ...RESOURCES, `--output=${work}/%A_%a.out`, ARRAY_SCRIPT, ...COMMAND, "--out", join(work, "shards")]);
    expect(await waitFor(job)).toEqual(new Map([[`${job}_2`, "FAILED"]]));
    expect(readFileSync(join(work, `${job}_2.out`), "utf8")).toBe(
      "funnelsim-array: the array is not 1-N (tasks 2-2, 1 of them); set FUNNELSIM_SHARD_COUNT=N when resubmitting some tasks of an N-task array\n",
    );
    expect(existsSync(join(work, "shards"))).toBe(false);
  });
});
