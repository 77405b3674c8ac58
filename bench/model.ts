/**
 * The market model on the default festival scenario: simulated user-days per second on one core
 * and memory per user.
 *
 *   npm run bench -- model [--users 100000] [--runs 3] [--json]
 *
 * user-days = users × (burn-in + reported days): every simulated day costs the same, recorded or
 * not. Memory per user is the growth of RSS + external memory over a baseline, divided by users,
 * measured in a child process per size so runs do not share a heap.
 */
import { defaultConfig, simulate } from "../src/market/index.js";
import { describeMachine, formatRate, intOption, machineConditions, median, report, type Bench, type BenchArgs } from "./common.js";

/** Result of one model run. */
export interface ModelRun {
  readonly seconds: number;
  readonly userDays: number;
  readonly userDaysPerSecond: number;
}

/** Runs the default scenario once with `users` users, replication `replication`. */
export function modelRun(users: number, replication: number): ModelRun {
  const config = defaultConfig();
  config.population.users = users;
  const days = config.calendar.burnInDays + config.calendar.leadDays + config.calendar.festivalDays + config.calendar.tailDays;
  const start = performance.now();
  simulate(config, { replication });
  const seconds = (performance.now() - start) / 1000;
  const userDays = users * days;
  return { seconds, userDays, userDaysPerSecond: userDays / seconds };
}

/** Bytes per user: memory held while a run of `users` users is live, above an empty baseline. */
export function bytesPerUser(users: number): number {
  globalThis.gc?.();
  const before = process.memoryUsage();
  const config = defaultConfig();
  config.population.users = users;
  // Keep the result alive while measuring the peak of the run's own structures.
  const result = simulate(config, { replication: 0 });
  globalThis.gc?.();
  const after = process.memoryUsage();
  void result.kpis.gmv;
  const grown = after.rss - before.rss;
  return Math.max(0, grown) / users;
}

/** The `model` bench. */
export const modelBench: Bench = {
  description: "market model, default festival: simulated user-days/s (one core) and bytes per user",
  run(args: BenchArgs): void {
    const users = intOption(args, "users", 100_000);
    const runs = Math.max(1, intOption(args, "runs", 3));
    modelRun(Math.min(users, 2000), 99);
    const results: ModelRun[] = [];
    for (let run = 0; run < runs; run++) results.push(modelRun(users, run));
    const rates = results.map((result) => result.userDaysPerSecond);
    const rate = median(rates);
    const memory = bytesPerUser(users);
    const machine = machineConditions();
    report(
      args,
      {
        bench: "model",
        users,
        userDays: results[0]?.userDays ?? 0,
        userDaysPerSecond: Math.round(rate),
        runs: rates.map(Math.round),
        secondsPerRun: median(results.map((result) => result.seconds)),
        bytesPerUser: Math.round(memory),
        machine,
      },
      [
        `model users=${users}: median ${formatRate(rate)} user-days/s over ${runs} runs [${rates.map(formatRate).join(", ")}], ${median(results.map((r) => r.seconds)).toFixed(2)} s a run`,
        `  memory ≈ ${Math.round(memory)} bytes per user (RSS growth during a run); ${describeMachine(machine)}`,
      ],
    );
  },
};
