/**
 * The event sets against each other at sizes where their structure matters: the ladder queue's
 * rungs, spawns, far-list respreads and sorted bottom, and the calendar's resizes, only show up
 * with thousands of entries. The 4-ary heap is the reference (a heap's order follows from a few
 * lines of comparisons); every set must pop exactly the same (time, payload) sequence.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Environment, type EventSetKind } from "../../src/engine/index.js";
import { createStream, drawStandardExponential } from "../../src/random/index.js";

type Workload = "hold" | "ties" | "bursts" | "drift" | "far outliers" | "cancel heavy";

/**
 * Runs a workload and returns the trace of (time, payload) pairs as strings. Every workload keeps
 * a few thousand events pending and mixes in priorities so same-time order is exercised.
 */
function trace(eventSet: EventSetKind, workload: Workload, seed: string, pending: number, events: number): string[] {
  const env = new Environment({ eventSet, capacity: 64 });
  const rng = createStream(`test/event-sets/${seed}`);
  const log: string[] = [];
  let count = 0;
  let next = pending;
  const keys: number[] = [];
  const delay = (): number => {
    switch (workload) {
      case "hold":
        return drawStandardExponential(rng);
      case "ties":
        // Few distinct delays: long runs of equal times.
        return Math.floor(rng() * 4) * 0.5;
      case "bursts":
        // Mostly zero-delay follow-ups (same time as now), some jumps.
        return rng() < 0.7 ? 0 : drawStandardExponential(rng) * 10;
      case "drift":
        // The scale of the delays changes by orders of magnitude over the run.
        return drawStandardExponential(rng) * 10 ** (((count / 2000) | 0) % 5 - 2);
      case "far outliers":
        return rng() < 0.01 ? 1e6 * rng() : drawStandardExponential(rng);
      case "cancel heavy":
        return drawStandardExponential(rng);
    }
  };
  const handler = env.register((payload) => {
    log.push(`${env.now} ${payload}`);
    if (++count >= events) return;
    const priority = rng() < 0.2 ? Math.floor(rng() * 5) - 2 : 0;
    keys.push(env.schedule(delay(), handler, next++, priority));
    if (workload === "cancel heavy") {
      // Two more events, and three cancellations of random recent keys (some already ran or were
      // cancelled: cancel then returns false). Dead entries pile up until the set is compacted.
      keys.push(env.schedule(delay(), handler, next++), env.schedule(delay(), handler, next++));
      for (let c = 0; c < 3; c++) env.cancel(keys[keys.length - 1 - Math.floor(rng() * Math.min(keys.length, 64))]!);
    }
  });
  for (let i = 0; i < pending; i++) keys.push(env.schedule(delay(), handler, i, i % 7 === 0 ? -1 : 0));
  env.run();
  return log;
}

const workloads: Workload[] = ["hold", "ties", "bursts", "drift", "far outliers", "cancel heavy"];

describe.each(["ladder", "calendar"] as const)("%s pops what the heap pops", (eventSet) => {
  it.each(workloads)("%s, 5,000 pending, 60,000 events", (workload) => {
    const expected = trace("heap", workload, workload, 5000, 60_000);
    const got = trace(eventSet, workload, workload, 5000, 60_000);
    expect(got.length).toBe(expected.length);
    // Compare in one go, but report the first difference legibly.
    const first = got.findIndex((line, i) => line !== expected[i]);
    expect(first === -1 ? "identical" : `first difference at ${first}: ${got[first]} vs ${expected[first]}`).toBe(
      "identical",
    );
  });

  it("random small workloads (fast-check): same trace as the heap", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...workloads),
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.string({ maxLength: 6 }),
        (workload, pending, events, seed) => {
          expect(trace(eventSet, workload, seed, pending, events)).toEqual(trace("heap", workload, seed, pending, events));
        },
      ),
      { numRuns: 60, seed: 20261128 },
    );
  });
});
