/**
 * Shows the callback path allocates nothing per event: runs the hold model for `events` events and
 * reports the JS heap used before and after (both after a full GC) and how many garbage
 * collections ran during the timed loop. Zero allocation per event means zero scavenges.
 *
 *   npm run bench -- alloc [--pending 100000] [--events 10000000] [--json]
 */
import { PerformanceObserver } from "node:perf_hooks";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import seedrandom from "seedrandom";
import { DEFAULT_EVENT_SET, Environment } from "../src/engine/index.js";
import { describeMachine, intOption, machineConditions, report, stringOption, type Bench, type BenchArgs } from "./common.js";

/** A full-GC function without needing `node --expose-gc` on the command line. */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** The `alloc` bench. */
export const allocBench: Bench = {
  description: "callback path: heap used and GC count over a long hold run (expect flat, 0)",
  async run(args: BenchArgs): Promise<void> {
    const pending = intOption(args, "pending", 100_000);
    const events = intOption(args, "events", 10_000_000);
    const eventSet = stringOption(args, "queue", DEFAULT_EVENT_SET);
    if (eventSet !== "heap" && eventSet !== "calendar" && eventSet !== "ladder") throw new Error(`alloc: --queue must be heap, calendar or ladder (got ${eventSet})`);
    const gc = collector();
    const env = new Environment({ capacity: pending + 1, eventSet });
    const rng = seedrandom.alea("alloc");
    let count = 0;
    const hold = env.register((payload) => {
      env.schedule(-Math.log1p(-rng()), hold, payload);
      if (++count === events) env.stop();
    });
    for (let i = 0; i < pending; i++) env.schedule(-Math.log1p(-rng()), hold, i);
    // Let the JIT settle (optimizing allocates code objects) before measuring.
    const warm = 1_000_000;
    count = events - warm;
    env.run();
    count = 0;

    let collections = 0;
    const observer = new PerformanceObserver((list) => {
      collections += list.getEntries().length;
    });
    gc();
    const before = process.memoryUsage().heapUsed;
    observer.observe({ entryTypes: ["gc"] });
    const start = performance.now();
    env.run();
    const seconds = (performance.now() - start) / 1000;
    const after = process.memoryUsage().heapUsed;
    // GC entries are delivered asynchronously; give the observer a turn before reading it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    gc();
    const afterGc = process.memoryUsage().heapUsed;
    const machine = machineConditions();
    report(
      args,
      {
        bench: "alloc",
        eventSet,
        pending,
        events,
        heapUsedBefore: before,
        heapUsedAfter: after,
        heapUsedAfterGc: afterGc,
        bytesPerEvent: (after - before) / events,
        gcDuringRun: collections,
        eventsPerSecond: Math.round(events / seconds),
        warmupEvents: warm,
        machine,
      },
      [
        `alloc (${eventSet}) pending=${pending} events=${events}: heapUsed ${(before / 2 ** 20).toFixed(2)} MiB before, ` +
          `${(after / 2 ** 20).toFixed(2)} MiB after (${((after - before) / events).toFixed(4)} bytes/event), ` +
          `${collections} GCs during the run`,
        `  ${describeMachine(machine)}`,
      ],
    );
  },
};
