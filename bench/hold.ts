/**
 * The hold model (Vaucher & Duval 1975; Jones 1986) on the callback fast path: `pending` events
 * are always queued; each step pops the earliest and schedules it again at now + Exp(1), the draw
 * included in the timing. Comparable with /work/shared/bench/simpy_hold.py and c_hold.c.
 *
 *   npm run bench -- hold --pending 100000 --events 5000000 [--runs 5] [--queue heap|calendar] [--json]
 */
import seedrandom from "seedrandom";
import { Environment, type EventSetKind } from "../src/engine/index.js";
import {
  describeMachine,
  formatRate,
  intOption,
  machineConditions,
  median,
  peakRssBytes,
  report,
  stringOption,
  type Bench,
  type BenchArgs,
} from "./common.js";

/** One timed hold run; returns events per second of wall-clock time (setup excluded). */
export function holdRun(pending: number, events: number, eventSet: EventSetKind, seed: string): number {
  const env = new Environment({ eventSet, capacity: pending + 1 });
  const rng = seedrandom.alea(seed);
  let count = 0;
  const hold = env.register((payload) => {
    env.schedule(-Math.log1p(-rng()), hold, payload);
    if (++count === events) env.stop();
  }, "hold");
  for (let i = 0; i < pending; i++) env.schedule(-Math.log1p(-rng()), hold, i);
  // Warm the event set to its steady state (times spread as Exp(1) sums) before timing.
  const start = performance.now();
  env.run();
  const seconds = (performance.now() - start) / 1000;
  if (env.pending !== pending) throw new Error(`hold: pending drifted to ${env.pending}`);
  return events / seconds;
}

/** The `hold` bench. */
export const holdBench: Bench = {
  description: "hold model on the callback path: events/s at a fixed number of pending events",
  run(args: BenchArgs): void {
    const pending = intOption(args, "pending", 100_000);
    const events = intOption(args, "events", 5_000_000);
    const runs = Math.max(5, intOption(args, "runs", 5));
    const eventSet = stringOption(args, "queue", "heap");
    if (eventSet !== "heap" && eventSet !== "calendar") throw new Error(`hold: --queue must be heap or calendar (got ${eventSet})`);
    // One untimed warm-up so the JIT has optimized the loop before the timed runs.
    holdRun(Math.min(pending, 10_000), Math.min(events, 1_000_000), eventSet, "warmup");
    const rates: number[] = [];
    for (let r = 0; r < runs; r++) rates.push(holdRun(pending, events, eventSet, `hold-${r}`));
    const rate = median(rates);
    const machine = machineConditions();
    report(
      args,
      {
        bench: "hold",
        pending,
        events,
        eventsPerSecond: Math.round(rate),
        runs: rates.map(Math.round),
        eventSet,
        peakRssBytes: peakRssBytes(),
        machine,
      },
      [
        `hold (${eventSet}) pending=${pending} events=${events}: median ${formatRate(rate)} events/s over ${runs} runs ` +
          `[${rates.map(formatRate).join(", ")}]`,
        `  peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB; ${describeMachine(machine)}`,
      ],
    );
  },
};
