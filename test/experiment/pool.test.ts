import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InterruptedError, UsageError } from "../../src/errors.js";
import { modelConfigSchema, type ModelConfig, type ModelConfigInput } from "../../src/market/parameters.js";
import type { SimulationResult } from "../../src/market/result.js";
import { defaultWorkers, refusedExecArgv, runUnits, type WorkUnit } from "../../src/experiment/pool.js";

const fake = fileURLToPath(new URL("./fixtures/fake-simulate.ts", import.meta.url));
const notSimulate = fileURLToPath(new URL("./fixtures/not-simulate.ts", import.meta.url));
const realSimulate = fileURLToPath(new URL("../../src/market/index.ts", import.meta.url));

/** A tiny scenario: 200 users over 13 days; `boostMultiplier` and `calendar` vary it. */
function tinyConfig(name: string, boostMultiplier = 1, calendar: Record<string, number> = {}): ModelConfig {
  return modelConfigSchema.parse({
    name,
    population: { users: 200 },
    calendar: { festivalDays: 10, tailDays: 3, warmupDays: 2, peakDays: [], ...calendar },
    // Lever windows must lie within the 13 simulated days (days 0..12).
    levers: { boost: { multiplier: boostMultiplier, endDay: 12 }, launches: { lastDay: 12 } },
  } satisfies ModelConfigInput);
}

/** `replications` units of one config, labelled the way the experiment layer labels them. */
function unitsOf(config: ModelConfig, replications: number, seed: string | number = 116): WorkUnit[] {
  return Array.from({ length: replications }, (_, replication) => ({
    id: `${config.name}/${replication}`,
    config,
    seed,
    replication,
    label: `scenario ${config.name}, point base, replication ${replication}, seed ${seed}`,
  }));
}

/** The result map in id order, serialized: what byte-identical output means. */
function serialize(results: Map<string, SimulationResult>): string {
  return JSON.stringify([...results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** OS threads of this process (Linux): worker threads must not outlive a run. */
function threadCount(): number {
  return readdirSync("/proc/self/task").length;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error("expected a rejection, but the promise resolved");
}

describe("runUnits with a fake simulate", () => {
  it("returns identical results for 1, 2 and 3 workers, keyed by unit id", async () => {
    const units = [...unitsOf(tinyConfig("first"), 5), ...unitsOf(tinyConfig("second"), 4, "pilot")];
    const outputs: Map<string, SimulationResult>[] = [];
    for (const workers of [1, 2, 3]) {
      const reported: string[] = [];
      const results = await runUnits(units, { workers, simulateModule: fake, onResult: (unit) => void reported.push(unit.id) });
      expect(reported.slice().sort()).toEqual(units.map((unit) => unit.id).sort());
      outputs.push(results);
    }
    const [one, two, three] = outputs;
    expect(two).toEqual(one);
    expect(three).toEqual(one);
    expect(serialize(two!)).toBe(serialize(one!));
    expect(serialize(three!)).toBe(serialize(one!));
    expect(one!.get("second/3")?.seed).toBe("pilot");
    expect(one!.get("first/4")?.replication).toBe(4);
  });

  it("with keepResults false reports every result to onResult and keeps none", async () => {
    const units = unitsOf(tinyConfig("streamed"), 4);
    const reported = new Map<string, SimulationResult>();
    const results = await runUnits(units, { workers: 2, simulateModule: fake, keepResults: false, onResult: (unit, result) => void reported.set(unit.id, result) });
    expect(results.size).toBe(0);
    expect(serialize(reported)).toBe(serialize(await runUnits(units, { workers: 1, simulateModule: fake })));
  });

  it("returns an empty map for no units", async () => {
    expect((await runUnits([], { workers: 2, simulateModule: fake })).size).toBe(0);
  });

  it("rejects workers that are not an integer >= 1 and duplicate unit ids", async () => {
    const units = unitsOf(tinyConfig("usage"), 2);
    await expect(runUnits(units, { workers: 0, simulateModule: fake })).rejects.toThrow(UsageError);
    await expect(runUnits(units, { workers: 1.5, simulateModule: fake })).rejects.toThrow("runUnits: workers must be an integer >= 1 (got 1.5)");
    await expect(runUnits([units[0]!, units[0]!], { workers: 2, simulateModule: fake })).rejects.toThrow(
      'runUnits: unit ids must be unique (got "usage/0" twice)',
    );
  });

  it("defaultWorkers is the number of usable cores", () => {
    expect(defaultWorkers()).toBeGreaterThanOrEqual(1);
  });
});

describe("a failing run", () => {
  it.each([1, 2])("is reported as 'run failed: <label>: <message>' with %i worker(s)", async (workers) => {
    const units = unitsOf(tinyConfig("throw-at-2"), 4);
    const error = await rejection(runUnits(units, { workers, simulateModule: fake }));
    expect(error.message).toBe("run failed: scenario throw-at-2, point base, replication 2, seed 116: fake failure in replication 2");
    expect((error.cause as Error).message).toBe("fake failure in replication 2");
  });

  it("stops the other workers at once and leaves no thread behind", async () => {
    const before = threadCount();
    // Replication 0 fails at once; replication 1 would block its worker for 20 s.
    const units = unitsOf(tinyConfig("sleep-20000-except-0-throw-at-0"), 2);
    const reported: string[] = [];
    const started = performance.now();
    const error = await rejection(runUnits(units, { workers: 2, simulateModule: fake, onResult: (unit) => void reported.push(unit.id) }));
    expect(error.message).toMatch(/^run failed: scenario sleep-20000-except-0-throw-at-0, point base, replication 0, seed 116: /);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(reported).toEqual([]);
    // A terminated worker's OS thread exits a moment after terminate() resolves, and the runtime
    // may start a helper thread of its own meanwhile: wait (up to 5 s) for the count to come back.
    const deadline = performance.now() + 5_000;
    while (threadCount() > before && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(threadCount()).toBeLessThanOrEqual(before);
  });

  it("names the run whose worker exited", async () => {
    const units = unitsOf(tinyConfig("exit-at-1"), 3);
    const error = await rejection(runUnits(units, { workers: 2, simulateModule: fake }));
    expect(error.message).toBe("run failed: scenario exit-at-1, point base, replication 1, seed 116: worker exited with code 3");
  });

  it.each([1, 2])("names the run when the module has no simulate (%i worker(s))", async (workers) => {
    const units = unitsOf(tinyConfig("no-module"), 2);
    const error = await rejection(runUnits(units, { workers, simulateModule: notSimulate }));
    expect(error.message).toMatch(/^run failed: scenario no-module, point base, replication [01], seed 116: .*not-simulate\.ts does not export a simulate function$/);
  });

  it.each([1, 2])("rejects with the error onResult threw and reports nothing after it (%i worker(s))", async (workers) => {
    const units = unitsOf(tinyConfig("sleep-20"), 6);
    const reported: string[] = [];
    const error = await rejection(
      runUnits(units, {
        workers,
        simulateModule: fake,
        onResult: (unit) => {
          reported.push(unit.id);
          throw new Error("disk full");
        },
      }),
    );
    expect(error.message).toBe("disk full");
    expect(reported).toHaveLength(1);
  });
});

describe("an aborted run", () => {
  it.each([1, 2])("rejects with InterruptedError after onResult completed for every finished unit (%i worker(s))", async (workers) => {
    const units = unitsOf(tinyConfig("sleep-150"), 12);
    const controller = new AbortController();
    const started: string[] = [];
    const completed: string[] = [];
    const promise = runUnits(units, {
      workers,
      simulateModule: fake,
      signal: controller.signal,
      onResult: async (unit) => {
        started.push(unit.id);
        controller.abort();
        // A slow write: the rejection must wait for it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        completed.push(unit.id);
      },
    });
    const error = await rejection(promise);
    expect(error).toBeInstanceOf(InterruptedError);
    expect(completed).toEqual(started);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThan(units.length);
    expect(error.message).toBe(`interrupted: ${started.length} of 12 runs finished`);
  });

  it("runs nothing when the signal is already aborted", async () => {
    const reported: string[] = [];
    const error = await rejection(
      runUnits(unitsOf(tinyConfig("early"), 3), { workers: 2, simulateModule: fake, signal: AbortSignal.abort(), onResult: (unit) => void reported.push(unit.id) }),
    );
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error.message).toBe("interrupted: 0 of 3 runs finished");
    expect(reported).toEqual([]);
  });
});

describe.skipIf(!existsSync(realSimulate))("runUnits with the market model", () => {
  it("returns byte-identical results for 1, 2 and 3 workers", async () => {
    // A short burn-in: the default 30 days would make each run ~10× slower here.
    const calendar = { burnInDays: 3 };
    const units = [...unitsOf(tinyConfig("base", 1, calendar), 2), ...unitsOf(tinyConfig("boost-2x", 2, calendar), 2)];
    const serialized: string[] = [];
    const outputs: Map<string, SimulationResult>[] = [];
    for (const workers of [1, 2, 3]) {
      const results = await runUnits(units, { workers });
      outputs.push(results);
      serialized.push(serialize(results));
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    expect(serialized[1]).toBe(serialized[0]);
    expect(serialized[2]).toBe(serialized[0]);
    expect(outputs[0]!.get("boost-2x/1")?.replication).toBe(1);
  });
});

describe("flags the process was started with", () => {
  it("reads the flags Node names when it refuses a worker's execArgv", () => {
    const error = Object.assign(new Error("Initiated Worker with invalid execArgv flags: --max-old-space-size=8192, --expose-gc"), { code: "ERR_WORKER_INVALID_EXEC_ARGV" });
    expect(refusedExecArgv(error)).toEqual(["--max-old-space-size=8192", "--expose-gc"]);
    expect(refusedExecArgv(new Error("Initiated Worker with invalid execArgv flags: --x"))).toEqual([]);
    expect(refusedExecArgv("not an error")).toEqual([]);
  });

  it("runs on worker threads when node was started with V8 and process-wide flags", () => {
    const pool = fileURLToPath(new URL("../../src/experiment/pool.ts", import.meta.url));
    const parameters = fileURLToPath(new URL("../../src/market/parameters.ts", import.meta.url));
    const script = `
      const { runUnits } = await import(${JSON.stringify(pool)});
      const { modelConfigSchema } = await import(${JSON.stringify(parameters)});
      const config = modelConfigSchema.parse({ name: "flags", population: { users: 200 }, calendar: { festivalDays: 10, tailDays: 3, warmupDays: 2, peakDays: [] }, levers: { boost: { endDay: 12 }, launches: { lastDay: 12 } } });
      const units = [0, 1, 2].map((replication) => ({ id: "flags/" + replication, config, seed: 116, replication, label: "flags " + replication }));
      const results = await runUnits(units, { workers: 2, simulateModule: ${JSON.stringify(fake)} });
      console.log("results", results.size);
    `;
    const child = spawnSync(process.execPath, ["--max-old-space-size=4096", "--stack-size=2000", "--import", "tsx", "--input-type=module", "--eval", script], { encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("results 3");
    expect(child.status).toBe(0);
  });
});
