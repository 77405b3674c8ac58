/**
 * M/M/1 (λ = 0.9, μ = 1) on generator processes and a capacity-1 Resource, written like
 * /work/shared/bench/simpy_mm1.py so customers/s compare directly; also reports the mean wait in
 * queue with a batch-means 95% CI against ρ/(μ−λ) = 9.
 *
 *   npm run bench -- mm1 [--customers 1000000] [--runs 5] [--json]
 */
import seedrandom from "seedrandom";
import { Environment, Resource, type ProcessGenerator } from "../src/engine/index.js";
import {
  describeMachine,
  formatRate,
  intOption,
  machineConditions,
  median,
  peakRssBytes,
  report,
  type Bench,
  type BenchArgs,
} from "./common.js";

const LAMBDA = 0.9;
const MU = 1;

/** Result of one M/M/1 run. */
export interface Mm1Result {
  readonly customersPerSecond: number;
  /** Customers per second of this process's CPU time (less sensitive to a busy machine). */
  readonly cpuCustomersPerSecond: number;
  readonly meanWait: number;
  /** Half-width of the batch-means 95% CI (20 batches, t = 2.093). */
  readonly halfWidth: number;
}

/** Runs `customers` through an M/M/1 queue on generator processes; seeds the two streams from `seed`. */
export function mm1Run(customers: number, seed: string): Mm1Result {
  const arrivals = seedrandom.alea(`${seed}/arrivals`);
  const services = seedrandom.alea(`${seed}/services`);
  const env = new Environment();
  const server = new Resource(env, 1);
  const waits = new Float64Array(customers);
  let served = 0;

  function* customer(): ProcessGenerator<void> {
    const arrived = env.now;
    const request = server.request();
    yield request;
    waits[served++] = env.now - arrived;
    yield env.timeout(-Math.log1p(-services()) / MU);
    server.release(request);
  }
  function* source(): ProcessGenerator<void> {
    for (let i = 0; i < customers; i++) {
      env.process(customer());
      yield env.timeout(-Math.log1p(-arrivals()) / LAMBDA);
    }
  }

  env.process(source());
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  env.run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return {
    customersPerSecond: served / seconds,
    cpuCustomersPerSecond: served / ((cpu.user + cpu.system) / 1e6),
    ...batchMeans(waits.subarray(0, served)),
  };
}

function batchMeans(waits: Float64Array): { meanWait: number; halfWidth: number } {
  const batches = 20;
  const size = Math.floor(waits.length / batches);
  let total = 0;
  for (let i = 0; i < waits.length; i++) total += waits[i]!;
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += waits[i]!;
    means.push(sum / size);
  }
  const grand = means.reduce((a, x) => a + x, 0) / batches;
  const variance = means.reduce((a, x) => a + (x - grand) ** 2, 0) / (batches - 1);
  return { meanWait: total / waits.length, halfWidth: 2.093 * Math.sqrt(variance / batches) };
}

/** The `mm1` bench. */
export const mm1Bench: Bench = {
  description: "M/M/1 on generator processes + Resource: customers/s and mean wait vs 9.0",
  run(args: BenchArgs): void {
    const customers = intOption(args, "customers", 1_000_000);
    const runs = Math.max(5, intOption(args, "runs", 5));
    mm1Run(Math.min(customers, 100_000), "warmup");
    const results: Mm1Result[] = [];
    for (let r = 0; r < runs; r++) results.push(mm1Run(customers, `mm1-${r}`));
    const rates = results.map((x) => x.customersPerSecond);
    const rate = median(rates);
    const first = results[0]!;
    const machine = machineConditions();
    report(
      args,
      {
        bench: "mm1",
        customers,
        customersPerSecond: Math.round(rate),
        runs: rates.map(Math.round),
        cpuCustomersPerSecond: Math.round(median(results.map((x) => x.cpuCustomersPerSecond))),
        meanWait: first.meanWait,
        meanWaitHalfWidth: first.halfWidth,
        analyticalMeanWait: LAMBDA / MU / (MU - LAMBDA),
        peakRssBytes: peakRssBytes(),
        machine,
      },
      [
        `mm1 customers=${customers}: median ${formatRate(rate)} customers/s over ${runs} runs [${rates.map(formatRate).join(", ")}]`,
        `  mean wait in queue ${first.meanWait.toFixed(3)} ± ${first.halfWidth.toFixed(3)} (batch means, 95%), analytical 9.000`,
        `  peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB; ${describeMachine(machine)}`,
      ],
    );
  },
};
