/**
 * The worker pool's speed-up: the same replications of the default scenario with 1 worker
 * (in-process) and with N worker threads, and whether their serialized results are
 * byte-identical.
 *
 *   npm run bench -- parallel [--replications 30] [--users 3000] [--workers 2] [--repeat 3] [--json]
 *
 * Wall time includes what a user waits for: thread start-up, each thread's JIT warm-up and the
 * copying of results back. The host's speed drifts by 10–30% within minutes, so one round's
 * 1-worker run and N-worker run form a pair, rounds alternate which of the two runs first (a
 * drift then favours neither), and the speed-up is the median of the rounds' ratios; the times
 * are medians over the rounds.
 *
 * The host's own ceiling is measured alongside: a loop of pure arithmetic (no memory traffic) on 1
 * thread and on N threads at once. On a VM whose vCPUs share physical cores, or a busy host, N
 * threads of it run slower each than one alone, and no pool can beat that ceiling; the pool's
 * efficiency is its speed-up over the ceiling.
 * Results cross threads by structured clone; the bench reports their size and clone time next to
 * the run time so the cost of copying stays visible.
 */
import { Worker } from "node:worker_threads";
import { defaultConfig } from "../src/market/index.js";
import type { SimulationResult } from "../src/market/result.js";
import { runUnits, type WorkUnit } from "../src/experiment/pool.js";
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
}

async function timedRun(units: readonly WorkUnit[], workers: number): Promise<PoolTiming> {
  const utilizationBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const results = await runUnits(units, { workers });
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const coresUsed = (cpu.user + cpu.system) / 1e6 / seconds;
  const utilization = performance.eventLoopUtilization(utilizationBefore).utilization;
  // Serialized in unit order, never completion order: what a caller writes to disk.
  const serialized = JSON.stringify(units.map((unit) => results.get(unit.id)));
  return { seconds, coresUsed, mainThreadUtilization: utilization, serialized, results };
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

    const config = defaultConfig();
    config.population.users = users;
    const units: WorkUnit[] = Array.from({ length: replications }, (_, replication) => ({
      id: `default/${replication}`,
      config,
      seed: config.seed,
      replication,
      label: `scenario ${config.name}, replication ${replication}, seed ${String(config.seed)}`,
    }));

    const ceiling = await hostCeiling(workers);
    const serial: PoolTiming[] = [];
    const parallel: PoolTiming[] = [];
    let reference: PoolTiming | undefined;
    let identical = true;
    const differing: string[] = [];
    for (let round = 0; round < repeat; round++) {
      // Odd rounds run the N-worker pool first.
      const manyFirst = round % 2 === 1 ? await timedRun(units, workers) : undefined;
      const one = await timedRun(units, 1);
      const many = manyFirst ?? (await timedRun(units, workers));
      reference ??= one;
      for (const other of [one, many]) {
        if (other.serialized === reference.serialized) continue;
        identical = false;
        if (differing.length === 0) differing.push(...differences(units, reference.results, other.results));
      }
      serial.push(one);
      parallel.push(many);
    }
    const seconds1 = median(serial.map((timing) => timing.seconds));
    const secondsN = median(parallel.map((timing) => timing.seconds));
    const speedups = serial.map((timing, index) => timing.seconds / parallel[index]!.seconds);
    const speedup = median(speedups);
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
        ...(identical ? {} : { differing }),
        workers,
        replications,
        users,
        repeat,
        seconds1: round(seconds1, 3),
        [`seconds${workers}`]: round(secondsN, 3),
        secondsPerReplication1: round(seconds1 / replications, 3),
        speedups: speedups.map((value) => round(value, 3)),
        coresUsed1: round(median(serial.map((timing) => timing.coresUsed)), 2),
        [`coresUsed${workers}`]: round(median(parallel.map((timing) => timing.coresUsed)), 2),
        mainThreadUtilization: round(median(parallel.map((timing) => timing.mainThreadUtilization)), 3),
        resultJsonBytes: transfer.bytes,
        resultCloneMilliseconds: round(transfer.milliseconds, 2),
        peakRssBytes: peakRssBytes(),
        machineBefore,
        machine,
      },
      [
        `parallel ${replications} replications × ${users} users: 1 worker ${seconds1.toFixed(2)} s, ${workers} workers ${secondsN.toFixed(2)} s → speed-up ${speedup.toFixed(2)}×${repeat > 1 ? ` (median of ${repeat} paired rounds: ${speedups.map((value) => value.toFixed(2)).join(", ")})` : ""}; outputs ${identical ? "byte-identical" : `DIFFER: ${differing.join("; ")}`}`,
        `  host ceiling: ${workers} threads of pure arithmetic ran ${ceiling.toFixed(2)}× as fast as one (${workers} if each had a core of its own); the pool reached ${(100 * (speedup / ceiling)).toFixed(0)}% of that`,
        `  cores used (process CPU / wall): ${median(serial.map((timing) => timing.coresUsed)).toFixed(2)} with 1 worker, ${median(parallel.map((timing) => timing.coresUsed)).toFixed(2)} with ${workers} (below ${workers} means other processes shared the machine)`,
        `  ${(seconds1 / replications).toFixed(2)} s per replication; a result is ${(transfer.bytes / 1024).toFixed(0)} KiB as JSON and takes ${transfer.milliseconds.toFixed(1)} ms to clone; main thread busy ${(100 * median(parallel.map((timing) => timing.mainThreadUtilization))).toFixed(1)}% with ${workers} workers`,
        `  peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB; before: ${describeMachine(machineBefore)}; after: load ${machine.loadAverage.join(" ")}`,
      ],
    );
  },
};
