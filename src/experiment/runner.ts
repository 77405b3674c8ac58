/**
 * The seam between the experiment and whatever runs simulations: a {@link UnitRunner} takes work
 * units and reports each result as it comes. The in-process runner here runs them one after the
 * other on this thread; a worker pool fits the same type. Results may arrive in any order — the
 * caller saves each one and assembles by unit id, never by arrival.
 */
import type { ModelConfig } from "../market/parameters.js";
import type { SimulationResult } from "../market/result.js";
import { InterruptedError } from "../errors.js";
import type { WorkUnit } from "./plan.js";
import { runUnits } from "./pool.js";

/** The market model's entry point (`simulate` of src/market), or a stand-in in tests. */
export type SimulateFunction = (config: ModelConfig, options: { seed?: string | number; replication: number }) => SimulationResult;

/** Options a runner receives. */
export interface UnitRunnerOptions {
  /** Simulations to run at once (a runner without threads ignores it). */
  readonly workers: number;
  /** When aborted, start no more units; resolve once running ones are done or dropped. */
  readonly signal?: AbortSignal;
  /** Called once per finished unit, before the next is scheduled when running in process. */
  readonly onResult: (unit: WorkUnit, result: SimulationResult) => void;
}

/**
 * Runs work units, reporting each result through `onResult`.
 * Resolves when every unit is done or, after an abort, when no unit is running any more.
 * @throws {UnitError} when a simulation fails.
 */
export type UnitRunner = (units: readonly WorkUnit[], options: UnitRunnerOptions) => Promise<void>;

/** A simulation failed: names the run so the user can reproduce it alone. */
export class UnitError extends Error {
  readonly unit: string;
  constructor(unit: WorkUnit, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`run failed: ${unit.label}: ${reason}`, { cause });
    this.name = "UnitError";
    this.unit = unit.id;
  }
}

/** Lets pending events (a SIGINT handler, a progress redraw) run between two simulations. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A runner that simulates on the calling thread, one unit at a time, in plan order.
 * @param simulate - the simulation function (the market model's, or a test's stand-in).
 */
export function inProcessRunner(simulate: SimulateFunction): UnitRunner {
  return async (units, options) => {
    for (const unit of units) {
      await yieldToEventLoop();
      if (options.signal?.aborted) return;
      let result: SimulationResult;
      try {
        result = simulate(unit.config, { seed: unit.seed, replication: unit.replication });
      } catch (error) {
        throw new UnitError(unit, error);
      }
      options.onResult(unit, result);
    }
  };
}

/**
 * The worker-thread pool (pool.ts) as a runner: `workers` threads, or this thread when 1.
 * An abort makes the pool reject with InterruptedError once every finished unit has been
 * reported; this runner then resolves, and the experiment reports what was saved.
 * @param simulateModule - module exporting `simulate` (default: the market model).
 */
export function poolRunner(simulateModule?: string): UnitRunner {
  return async (units, options) => {
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    try {
      await runUnits(units, {
        workers: options.workers,
        // The pool hands back its own view of the unit; report ours, found by id.
        onResult: (unit, result) => options.onResult(byId.get(unit.id) as WorkUnit, result),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        // Results are saved by onResult and read back from disk; the pool need not hold them all.
        keepResults: false,
        ...(simulateModule === undefined ? {} : { simulateModule }),
      });
    } catch (error) {
      if (error instanceof InterruptedError && options.signal?.aborted) return;
      throw error;
    }
  };
}
