/**
 * The worker pool's speed-up: the same replications of the default scenario with 1 worker
 * and with N worker threads, and whether their serialized results are byte-identical.
 *
 *   npm run bench -- parallel [--replications 30] [--users 3000] [--workers 2] [--repeat 3] [--json]
 *
 * Wall time includes what a user waits for: thread start-up, each thread's JIT warm-up and the
 * copying of results back. The host's speed drifts by 10–30% within minutes, so one round's
 * runs form a set, rounds alternate their order (a drift then favours none), and each speed-up
 * is the median of the rounds' ratios; the times are medians over the rounds.
 *
 * The headline 1-worker baseline is cold, like a user's: every round runs it in a fresh child
 * process (parallel-cold.ts, started with this process's Node flags, so through tsx) that loads
 * what this thread loads and times `runUnits(units, {workers: 1})` there — the in-process path
 * of `funnelsim run --workers 1`, whose model code starts un-optimized and pays V8's JIT
 * warm-up once, as each of the N pool threads does. A child process rather than a pool of one
 * thread: `--workers 1` never starts a thread, copies no result and runs the tsx-loaded
 * sources, and a thread would add those costs to the baseline; the process's own start-up and
 * imports stay outside the timing, as they are outside the N-worker timing here. The old
 * baseline — `runUnits` with 1 worker in this thread, whose code is already optimized from the
 * second round on (the first round's run is cold) — is still reported as `speedupWarm` /
 * `efficiencyWarm`, the figure earlier measurements quote as `speedup` / `efficiency`.
 *
 * The host's own ceiling is measured alongside: a loop of pure arithmetic (no memory traffic) on 1
 * thread and on N threads at once. On a VM whose vCPUs share physical cores, or a busy host, N
 * threads of it run slower each than one alone, and no pool can beat that ceiling; the pool's
 * efficiency is its speed-up over the ceiling.
 * The arrival times of the results split each run into its steady state (results a second over
 * the second half) and the fixed cost beyond it (start-up, each thread's JIT warm-up, the end's
 * imbalance): a pool can be at the ceiling in steady state and below it on a short job.
 * Results cross threads by structured clone; the bench reports their size and clone time next to
 * the run time so the cost of copying stays visible.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import type { SimulationResult } from "../src/market/result.js";
import { runUnits, workerExecArgv, type WorkUnit } from "../src/experiment/pool.js";
import { parallelUnits } from "./parallel-units.js";
import { describeMachine, intOption, machineConditions, median, peakRssBytes, report, type Bench, type BenchArgs } from "./common.js";

/** The arithmetic loop of the ceiling measurement (a string: it runs in eval'd worker threads too). */
const SPIN = `
  let x = 1.0001;
  let sum = 0;
  for (let i = 0; i < 2e8; i++) {
    x = x * 1.0000001 + 1e-9;
    sum += x;
  }
  return sum;
`;

/** Seconds for `threads` threads to run SPIN at once (1: on this thread). */
async function spinSeconds(threads: number): Promise<number> {
  const start = performance.now();
  if (threads === 1) {
    new Function(SPIN)();
  } else {
    const source = `const { parentPort } = require("node:worker_threads"); parentPort.postMessage((() => {${SPIN}})());`;
    await Promise.all(
      Array.from({ length: threads }, () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(source, { eval: true });
          worker.once("message", () => {
            void worker.terminate();
            resolve();
          });
          worker.once("error", reject);
        }),
      ),
    );
  }
  return (performance.now() - start) / 1000;
}

/**
 * How much faster N threads of pure arithmetic finish N loops than one thread finishes one loop
 * would predict: N when each thread has a core of its own, less on shared or busy cores. Median
 * of three paired measurements.
 */
async function hostCeiling(threads: number): Promise<number> {
  await spinSeconds(1);
  const ratios: number[] = [];
  for (let round = 0; round < 3; round++) {
    const one = await spinSeconds(1);
    const many = await spinSeconds(threads);
    ratios.push((threads * one) / many);
  }
  return median(ratios);
}

/** One timed pool run. */
interface PoolTiming {
  readonly seconds: number;
  /**
   * CPU seconds of the whole process (every thread) over wall seconds: ~N when N threads each
   * had a core, less when other processes took the machine (a shared machine's figures then
   * understate the speed-up).
   */
  readonly coresUsed: number;
  /** Share of the wall time the main thread was busy (receiving results, bookkeeping). */
  readonly mainThreadUtilization: number;
  readonly serialized: string;
  readonly results: Map<string, SimulationResult>;
  /** Seconds from the start at which each result arrived, in arrival order. */
  readonly arrivals: readonly number[];
}

/**
 * The run's steady state and what it lost before it: results a second over the second half of
 * the run (from the end of a batch of `workers` results near the middle to the last result, so
 * whole batches are counted), and the wall time beyond what that rate would take for every unit:
 * the fixed cost of starting (threads, imports, JIT warm-up) and of the end's imbalance.
 */
export function steadyState(arrivals: readonly number[], workers: number, seconds: number): { rate: number; fixedSeconds: number } | undefined {
  const last = arrivals.length - 1;
  const from = workers * Math.floor(arrivals.length / (2 * workers)) - 1;
  if (from < 0 || last - from < workers) return undefined;
  const rate = (last - from) / (arrivals[last]! - arrivals[from]!);
  return { rate, fixedSeconds: seconds - arrivals.length / rate };
}

async function timedRun(units: readonly WorkUnit[], workers: number): Promise<PoolTiming> {
  const utilizationBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const arrivals: number[] = [];
  const results = await runUnits(units, { workers, onResult: () => void arrivals.push((performance.now() - start) / 1000) });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const coresUsed = (cpu.user + cpu.system) / 1e6 / seconds;
  const utilization = performance.eventLoopUtilization(utilizationBefore).utilization;
  // Serialized in unit order, never completion order: what a caller writes to disk.
  const serialized = JSON.stringify(units.map((unit) => results.get(unit.id)));
  return { seconds, coresUsed, mainThreadUtilization: utilization, serialized, results, arrivals };
}

const COLD_CHILD = fileURLToPath(new URL("./parallel-cold.ts", import.meta.url));

/** One cold 1-worker run, in a fresh process (see the header and parallel-cold.ts). */
async function coldRun(units: readonly WorkUnit[], users: number): Promise<PoolTiming> {
  const directory = mkdtempSync(join(tmpdir(), "funnelsim-parallel-"));
  try {
    const output = join(directory, "results.json");
    const { stdout } = await promisify(execFile)(process.execPath, [...workerExecArgv(), COLD_CHILD, String(users), String(units.length), output], {
      maxBuffer: 1 << 20,
    });
    const timing = JSON.parse(stdout.trim().split("\n").at(-1)!) as { seconds: number; coresUsed: number; arrivals: number[] };
    const serialized = readFileSync(output, "utf8");
    const parsed = JSON.parse(serialized) as SimulationResult[];
    const results = new Map(units.map((unit, index) => [unit.id, parsed[index]!]));
    // The child's main thread is the run: all of its time was busy.
    return { seconds: timing.seconds, coresUsed: timing.coresUsed, mainThreadUtilization: 1, serialized, results, arrivals: timing.arrivals };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Median bytes and milliseconds to structured-clone one result (what a worker's answer costs). */
function cloneCost(results: Iterable<SimulationResult>): { bytes: number; milliseconds: number } {
  const bytes: number[] = [];
  const milliseconds: number[] = [];
  for (const result of results) {
    bytes.push(JSON.stringify(result).length);
    const start = performance.now();
    structuredClone(result);
    milliseconds.push(performance.now() - start);
  }
  return { bytes: median(bytes), milliseconds: median(milliseconds) };
}

/** Where two results first differ (`.path: a vs b`), or undefined when they are equal. */
function firstDifference(left: unknown, right: unknown, path = ""): string | undefined {
  if (typeof left !== "object" || left === null || typeof right !== "object" || right === null) {
    return Object.is(left, right) ? undefined : `${path}: ${String(left)} vs ${String(right)}`;
  }
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    const found = firstDifference((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The first few units whose results differ, with the first differing field: enough to tell a
 * real nondeterminism from sources edited while the bench ran (workers import the model from
 * disk when they start, after the 1-worker pass).
 */
function differences(units: readonly WorkUnit[], left: Map<string, SimulationResult>, right: Map<string, SimulationResult>): string[] {
  const found: string[] = [];
  for (const unit of units) {
    const difference = firstDifference(left.get(unit.id), right.get(unit.id));
    if (difference !== undefined) found.push(`${unit.id}${difference}`);
    if (found.length === 3) break;
  }
  return found;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The `parallel` bench. */
export const parallelBench: Bench = {
  description: "worker pool: replications of the default scenario on 1 vs N workers, speed-up and identical output",
  async run(args: BenchArgs): Promise<void> {
    const replications = Math.max(1, intOption(args, "replications", 30));
    const users = Math.max(1, intOption(args, "users", 3000));
    const workers = Math.max(2, intOption(args, "workers", 2));
    const repeat = Math.max(1, intOption(args, "repeat", 3));
    const machineBefore = machineConditions();

    const units = parallelUnits(users, replications);

    const ceiling = await hostCeiling(workers);
    const cold: PoolTiming[] = [];
    const warm: PoolTiming[] = [];
    const parallel: PoolTiming[] = [];
    let reference: PoolTiming | undefined;
    let identical = true;
    const differing: string[] = [];
    for (let round = 0; round < repeat; round++) {
      // Even rounds: cold 1 worker, warm 1 worker, N workers; odd rounds the reverse.
      const manyFirst = round % 2 === 1 ? await timedRun(units, workers) : undefined;
      const coldFirst = manyFirst === undefined ? await coldRun(units, users) : undefined;
      const one = await timedRun(units, 1);
      const many = manyFirst ?? (await timedRun(units, workers));
      const coldOne = coldFirst ?? (await coldRun(units, users));
      reference ??= one;
      for (const other of [one, coldOne, many]) {
        if (other.serialized === reference.serialized) continue;
        identical = false;
        if (differing.length === 0) differing.push(...differences(units, reference.results, other.results));
      }
      cold.push(coldOne);
      warm.push(one);
      parallel.push(many);
    }
    const seconds1 = median(cold.map((timing) => timing.seconds));
    const seconds1Warm = median(warm.map((timing) => timing.seconds));
    const secondsN = median(parallel.map((timing) => timing.seconds));
    const speedups = cold.map((timing, index) => timing.seconds / parallel[index]!.seconds);
    const speedupsWarm = warm.map((timing, index) => timing.seconds / parallel[index]!.seconds);
    const speedup = median(speedups);
    const speedupWarm = median(speedupsWarm);
    // The steady state of each round's cold 1-worker and N-worker runs (see steadyState).
    const steadyPairs = cold.flatMap((timing, index) => {
      const alone = steadyState(timing.arrivals, 1, timing.seconds);
      const pool = steadyState(parallel[index]!.arrivals, workers, parallel[index]!.seconds);
      return alone === undefined || pool === undefined ? [] : [{ alone, pool }];
    });
    const steady =
      steadyPairs.length === 0
        ? undefined
        : {
            speedup: median(steadyPairs.map(({ alone, pool }) => pool.rate / alone.rate)),
            fixed1: median(steadyPairs.map(({ alone }) => alone.fixedSeconds)),
            fixedN: median(steadyPairs.map(({ pool }) => pool.fixedSeconds)),
          };
    const transfer = cloneCost(reference!.results.values());
    const machine = machineConditions();

    report(
      args,
      {
        bench: "parallel",
        speedup: round(speedup, 3),
        identical,
        hostCeiling: round(ceiling, 3),
        efficiency: round(speedup / ceiling, 3),
        ...(steady === undefined
          ? {}
          : {
              steadySpeedup: round(steady.speedup, 3),
              steadyEfficiency: round(steady.speedup / ceiling, 3),
              fixedSeconds1: round(steady.fixed1, 3),
              [`fixedSeconds${workers}`]: round(steady.fixedN, 3),
            }),
        speedupWarm: round(speedupWarm, 3),
        efficiencyWarm: round(speedupWarm / ceiling, 3),
        ...(identical ? {} : { differing }),
        workers,
        replications,
        users,
        repeat,
        seconds1: round(seconds1, 3),
        seconds1Warm: round(seconds1Warm, 3),
        [`seconds${workers}`]: round(secondsN, 3),
        secondsPerReplication1: round(seconds1 / replications, 3),
        speedups: speedups.map((value) => round(value, 3)),
        speedupsWarm: speedupsWarm.map((value) => round(value, 3)),
        coresUsed1: round(median(cold.map((timing) => timing.coresUsed)), 2),
        [`coresUsed${workers}`]: round(median(parallel.map((timing) => timing.coresUsed)), 2),
        mainThreadUtilization: round(median(parallel.map((timing) => timing.mainThreadUtilization)), 3),
        resultJsonBytes: transfer.bytes,
        resultCloneMilliseconds: round(transfer.milliseconds, 2),
        peakRssBytes: peakRssBytes(),
        machineBefore,
        machine,
      },
      [
        `parallel ${replications} replications × ${users} users: 1 worker (cold, own process) ${seconds1.toFixed(2)} s, ${workers} workers ${secondsN.toFixed(2)} s → speed-up ${speedup.toFixed(2)}×${repeat > 1 ? ` (median of ${repeat} rounds: ${speedups.map((value) => value.toFixed(2)).join(", ")})` : ""}; outputs ${identical ? "byte-identical" : `DIFFER: ${differing.join("; ")}`}`,
        `  warm 1 worker (this thread, as before) ${seconds1Warm.toFixed(2)} s → speed-up ${speedupWarm.toFixed(2)}×${repeat > 1 ? ` (${speedupsWarm.map((value) => value.toFixed(2)).join(", ")})` : ""}`,
        `  host ceiling: ${workers} threads of pure arithmetic ran ${ceiling.toFixed(2)}× as fast as one (${workers} if each had a core of its own); the pool reached ${(100 * (speedup / ceiling)).toFixed(0)}% of that against the cold baseline, ${(100 * (speedupWarm / ceiling)).toFixed(0)}% against the warm one`,
        ...(steady === undefined
          ? []
          : [
              `  steady state (second half of each run): ${steady.speedup.toFixed(2)}× the cold run's results a second, ${(100 * (steady.speedup / ceiling)).toFixed(0)}% of the ceiling; beyond it, the whole run's fixed cost (start-up, JIT warm-up, the end): ${steady.fixed1.toFixed(2)} s with 1 worker, ${steady.fixedN.toFixed(2)} s with ${workers}`,
            ]),
        `  cores used (process CPU / wall): ${median(cold.map((timing) => timing.coresUsed)).toFixed(2)} with 1 worker, ${median(parallel.map((timing) => timing.coresUsed)).toFixed(2)} with ${workers} (below ${workers} means other processes shared the machine)`,
        `  ${(seconds1 / replications).toFixed(2)} s per replication; a result is ${(transfer.bytes / 1024).toFixed(0)} KiB as JSON and takes ${transfer.milliseconds.toFixed(1)} ms to clone; main thread busy ${(100 * median(parallel.map((timing) => timing.mainThreadUtilization))).toFixed(1)}% with ${workers} workers`,
        `  peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB; before: ${describeMachine(machineBefore)}; after: load ${machine.loadAverage.join(" ")}`,
      ],
    );
  },
};
