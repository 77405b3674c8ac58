/**
 * The hold model (Vaucher & Duval 1975; Jones 1986) on the callback fast path: `pending` events
 * are always queued; each step pops the earliest and schedules it again at now + Exp(1), the draw
 * included in the timing. Comparable with /work/shared/bench/simpy_hold.py and c_hold.c.
 *
 * The Exp(1) draw is funnelsim's own sampler on a seedrandom Alea stream: the ziggurat
 * (`drawStandardExponential`, the default) or inversion (`--draw log`: -log1p(-u), as the anchors
 * draw, about 10-20 ns more per event here).
 *
 *   npm run bench -- hold --pending 100000 --events 5000000 [--runs 5] [--queue ladder|calendar|heap]
 *     [--draw ziggurat|log] [--json]
 */
import seedrandom from "seedrandom";
import { DEFAULT_EVENT_SET, Environment, type EventSetKind } from "../src/engine/index.js";
import { drawStandardExponential } from "../src/random/index.js";
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

/** Rates of one hold run, setup excluded. */
export interface HoldRate {
  /** Events per second of wall-clock time. */
  readonly wall: number;
  /** Events per second of this process's CPU time (less sensitive to a busy machine). */
  readonly cpu: number;
}

/** How the hold model draws its Exp(1) delays. */
export type HoldDraw = "ziggurat" | "log";

/** One timed hold run. */
export function holdRun(
  pending: number,
  events: number,
  eventSet: EventSetKind,
  seed: string,
  draw: HoldDraw = "ziggurat",
): HoldRate {
  const env = new Environment({ eventSet, capacity: pending + 1 });
  const rng = seedrandom.alea(seed);
  let count = 0;
  const hold =
    draw === "ziggurat"
      ? env.register((payload) => {
          env.schedule(drawStandardExponential(rng), hold, payload);
          if (++count === events) env.stop();
        }, "hold")
      : env.register((payload) => {
          env.schedule(-Math.log1p(-rng()), hold, payload);
          if (++count === events) env.stop();
        }, "hold");
  for (let i = 0; i < pending; i++) env.schedule(drawStandardExponential(rng), hold, i);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  env.run();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  if (env.pending !== pending) throw new Error(`hold: pending drifted to ${env.pending}`);
  return { wall: events / seconds, cpu: events / ((cpu.user + cpu.system) / 1e6) };
}

/** The `hold` bench. */
export const holdBench: Bench = {
  description: "hold model on the callback path: events/s at a fixed number of pending events",
  run(args: BenchArgs): void {
    const pending = intOption(args, "pending", 100_000);
    const events = intOption(args, "events", 5_000_000);
    const runs = Math.max(5, intOption(args, "runs", 5));
    const eventSet = stringOption(args, "queue", DEFAULT_EVENT_SET);
    if (eventSet !== "heap" && eventSet !== "calendar" && eventSet !== "ladder") {
      throw new Error(`hold: --queue must be ladder, calendar or heap (got ${eventSet})`);
    }
    const draw = stringOption(args, "draw", "ziggurat");
    if (draw !== "ziggurat" && draw !== "log") throw new Error(`hold: --draw must be ziggurat or log (got ${draw})`);
    // One untimed warm-up at the same size, so the JIT has optimized the paths this size takes
    // (which parts of an event set run depends on how many events are pending).
    holdRun(pending, Math.min(events, 2_000_000), eventSet, "warmup", draw);
    const results: HoldRate[] = [];
    for (let r = 0; r < runs; r++) results.push(holdRun(pending, events, eventSet, `hold-${r}`, draw));
    const rates = results.map((x) => x.wall);
    const rate = median(rates);
    const cpuRate = median(results.map((x) => x.cpu));
    const machine = machineConditions();
    report(
      args,
      {
        bench: "hold",
        pending,
        events,
        eventsPerSecond: Math.round(rate),
        runs: rates.map(Math.round),
        cpuEventsPerSecond: Math.round(cpuRate),
        eventSet,
        draw,
        peakRssBytes: peakRssBytes(),
        machine,
      },
      [
        `hold (${eventSet}, ${draw} draw) pending=${pending} events=${events}: median ${formatRate(rate)} events/s over ${runs} runs ` +
          `[${rates.map(formatRate).join(", ")}]; by CPU time ${formatRate(cpuRate)}/s`,
        `  peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB; ${describeMachine(machine)}`,
      ],
    );
  },
};
