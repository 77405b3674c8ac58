/**
 * The worker pool every multi-run command uses: runs independent simulation units (one
 * replication of one scenario at one sweep point) on worker threads and returns their results
 * keyed by unit id.
 *
 *   units ──▶ hand out in order to idle workers ──▶ simulate(config, {seed, replication})
 *                                                        │
 *   Map<unit id, result>  ◀── onResult(unit, result), one at a time, as units finish
 *
 * Results are identical for any number of workers because each unit's randomness derives from
 * its own (seed, replication) path, never from which thread ran it or when; callers assemble
 * rows by unit id (point, replication), never by completion order.
 *
 * `workers: 1` runs in this thread with no worker at all, so a single-core run pays no
 * thread start-up or result copying, and stack traces stay whole.
 */
import { availableParallelism } from "node:os";
import { resolve as resolvePath } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { InterruptedError, UsageError } from "../errors.js";
import { bundledWorker, type BundledWorker } from "./worker-bundle.js";
import { resultOfAnswer } from "./result-transfer.js";
import type { ModelConfig } from "../market/parameters.js";
import type { SimulationResult } from "../market/result.js";
import {
  describeThrown,
  loadSimulate,
  type RunMessage,
  type SimulateFunction,
  type WorkerAnswer,
  type WorkerStartData,
} from "./worker-protocol.js";

/** One simulation to run: a config, a seed and a replication index, named for messages. */
export interface WorkUnit {
  /** Unique within one {@link runUnits} call; the key of the returned map. */
  readonly id: string;
  /**
   * The normalized config. Units sharing one config object send it to each worker only once,
   * so give every replication of a point the same object, and do not mutate it during the run.
   */
  readonly config: ModelConfig;
  readonly seed: string | number;
  readonly replication: number;
  /** How error messages name the run, e.g. `scenario boost-2x, point base, replication 3, seed 116`. */
  readonly label: string;
}

/** Options of {@link runUnits}. */
export interface RunUnitsOptions {
  /** Threads to use, an integer >= 1 (capped at the number of units); 1 runs in this thread. */
  readonly workers: number;
  /**
   * Called once per finished unit, as it finishes (e.g. to write it to disk). Calls never
   * overlap: the next waits for the previous one's promise. Their order depends on thread timing
   * and is not deterministic; the returned map's content is. If it throws, the run stops and
   * {@link runUnits} rejects with that error.
   */
  readonly onResult?: (unit: WorkUnit, result: SimulationResult) => void | Promise<void>;
  /**
   * Aborting stops the run: no further unit starts, units in flight on worker threads are
   * terminated (their work is lost; with `workers: 1` the running unit finishes first, since it
   * cannot be interrupted), and {@link runUnits} rejects with an {@link InterruptedError} once
   * `onResult` has completed for every finished unit.
   */
  readonly signal?: AbortSignal;
  /**
   * Keep every result in the returned map (default true). A result holds ~0.4 MiB of heap (its
   * product ledger dominates), so a sweep of thousands of units that writes each one to disk in
   * `onResult` should pass false: the map then comes back empty and memory stays flat.
   */
  readonly keepResults?: boolean;
  /** Path or file: URL of a module exporting `simulate` (tests use fakes); default the market model's. */
  readonly simulateModule?: string;
}

// A runtime URL, not an import: .ts because that is the file on disk, which tsx (CLI, workers)
// and vitest both load; importing the market eagerly here would also load it into every
// caller of this module that never simulates. The simulation module rather than the market's
// index: the index also exports the scenario schema, and zod would add ~0.2 s to each worker's start.
export const DEFAULT_SIMULATE_MODULE = new URL("../market/simulation.ts", import.meta.url).href;
export const WORKER_ENTRY = new URL("./worker.js", import.meta.url);

// Flags about the main thread's entry point (an --eval string, its --input-type) mean nothing to a
// worker, and an inherited --input-type even fails the worker's import of its entry file. Every
// other flag (--cpu-prof, --enable-source-maps, --conditions, tsx's loader) is inherited as usual.
const ENTRY_FLAGS_WITH_VALUE = new Set(["--input-type", "-e", "--eval", "-p", "--print"]);

/** A worker started from bundles (see worker-bundle.ts) needs no tsx: its loader flags are dropped too. */
export function workerExecArgv(withoutTsx = false): string[] {
  const kept: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const flag = process.execArgv[i]!;
    if (ENTRY_FLAGS_WITH_VALUE.has(flag)) i++;
    else if (withoutTsx && (flag === "--require" || flag === "--import" || flag === "--loader") && isTsx(process.execArgv[i + 1])) i++;
    else if (withoutTsx && /^--(require|import|loader)=/.test(flag) && isTsx(flag.slice(flag.indexOf("=") + 1))) continue;
    else if (!/^(--input-type|--eval|--print)=/.test(flag)) kept.push(flag);
  }
  return kept;
}

/**
 * Flags this process was started with that Node refuses in a worker's `execArgv`: V8's options and
 * process-wide ones (`--max-old-space-size`, `--stack-size`, `--expose-gc`, …). They act on the
 * whole process already, so a worker is started without them instead of failing the run.
 */
const refusedWorkerFlags = new Set<string>();

/** The flags a Worker constructor's ERR_WORKER_INVALID_EXEC_ARGV names ("…flags: --a=1, --b"), or none. */
export function refusedExecArgv(error: unknown): string[] {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== "ERR_WORKER_INVALID_EXEC_ARGV") return [];
  const at = error.message.indexOf(": ");
  if (at < 0) return [];
  return error.message
    .slice(at + 2)
    .split(", ")
    .map((flag) => flag.trim())
    .filter((flag) => flag.length > 0);
}

/** `new Worker(entry, options)`, leaving out the inherited flags Node refuses in a worker (see {@link refusedWorkerFlags}). */
export function startWorker(entry: string | URL, options: WorkerOptions & { readonly execArgv: readonly string[] }): Worker {
  for (;;) {
    const execArgv = options.execArgv.filter((flag) => !refusedWorkerFlags.has(flag));
    try {
      return new Worker(entry, { ...options, execArgv });
    } catch (error) {
      const refused = refusedExecArgv(error).filter((flag) => execArgv.includes(flag));
      if (refused.length === 0) throw error;
      for (const flag of refused) refusedWorkerFlags.add(flag);
    }
  }
}

function isTsx(value: string | undefined): boolean {
  return value !== undefined && (value === "tsx" || /[\\/]tsx[\\/]/.test(value));
}

/** The default `--workers`: the number of cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Runs every unit and returns the results by unit id.
 *
 * @throws {UsageError} if `workers` is not an integer >= 1 or two units share an id.
 * @throws {Error} `run failed: <label>: <message>` when a unit throws or its worker dies; the
 *   other workers are terminated first. The original error is the `cause`.
 * @throws {InterruptedError} when `signal` is aborted before every unit finished.
 */
export async function runUnits(units: readonly WorkUnit[], options: RunUnitsOptions): Promise<Map<string, SimulationResult>> {
  checkArguments(units, options);
  const moduleUrl = toModuleUrl(options.simulateModule);
  const sink = new ResultSink(options.onResult, options.keepResults ?? true);
  if (options.signal?.aborted === true) throw interrupted(0, units.length);
  if (units.length === 0) return sink.results;
  const workers = Math.min(options.workers, units.length);
  if (workers === 1) return runInProcess(units, moduleUrl, sink, options.signal);
  return runOnThreads(units, workers, moduleUrl, await bundledWorker(moduleUrl), sink, options.signal);
}

function checkArguments(units: readonly WorkUnit[], options: RunUnitsOptions): void {
  if (!Number.isInteger(options.workers) || options.workers < 1) {
    throw new UsageError(`runUnits: workers must be an integer >= 1 (got ${String(options.workers)})`);
  }
  const ids = new Set<string>();
  for (const unit of units) {
    if (ids.has(unit.id)) throw new UsageError(`runUnits: unit ids must be unique (got ${JSON.stringify(unit.id)} twice)`);
    ids.add(unit.id);
  }
}

function toModuleUrl(module: string | undefined): string {
  if (module === undefined) return DEFAULT_SIMULATE_MODULE;
  return module.startsWith("file:") ? module : pathToFileURL(resolvePath(module)).href;
}

/** The error a failed unit becomes: names the run, keeps the original as `cause`. */
function runFailed(unit: WorkUnit, cause: unknown): Error {
  const { message } = describeThrown(cause);
  return new Error(`run failed: ${unit.label}: ${message}`, { cause });
}

function interrupted(finished: number, total: number): InterruptedError {
  return new InterruptedError(`interrupted: ${finished} of ${total} runs finished`);
}

/**
 * Collects results and feeds them to `onResult` one at a time. Serializing the calls means a
 * caller appending to one file or updating a progress bar needs no locking of its own.
 */
class ResultSink {
  readonly results = new Map<string, SimulationResult>();
  /** Units finished so far (the map may not keep them). */
  finished = 0;
  /** The first error `onResult` threw, if any; later results are then kept but not reported. */
  failure: { readonly error: unknown } | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly onResult: RunUnitsOptions["onResult"];
  private readonly keepResults: boolean;
  /** Told of an `onResult` failure so a thread run can stop at once. */
  onFailure: (error: unknown) => void = () => {};

  constructor(onResult: RunUnitsOptions["onResult"], keepResults: boolean) {
    this.onResult = onResult;
    this.keepResults = keepResults;
  }

  add(unit: WorkUnit, result: SimulationResult): void {
    this.finished++;
    if (this.keepResults) this.results.set(unit.id, result);
    const onResult = this.onResult;
    if (onResult === undefined) return;
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await onResult(unit, result);
      } catch (error) {
        this.failure = { error };
        this.onFailure(error);
      }
    });
  }

  /** Resolves when every `onResult` call so far has completed (never rejects). */
  settled(): Promise<void> {
    return this.chain;
  }
}

async function runInProcess(
  units: readonly WorkUnit[],
  moduleUrl: string,
  sink: ResultSink,
  signal: AbortSignal | undefined,
): Promise<Map<string, SimulationResult>> {
  let simulate: SimulateFunction | undefined;
  for (const unit of units) {
    if (signal?.aborted === true || sink.failure !== undefined) break;
    let result: SimulationResult;
    try {
      simulate ??= await loadSimulate(moduleUrl);
      result = simulate(unit.config, { seed: unit.seed, replication: unit.replication });
    } catch (error) {
      await sink.settled();
      throw runFailed(unit, error);
    }
    sink.add(unit, result);
    // simulate is synchronous: without a turn of the event loop between units, a SIGINT
    // handler could never abort the signal and onResult's file writes would all wait till the end.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await sink.settled();
  if (sink.failure !== undefined) throw sink.failure.error;
  if (sink.finished < units.length) throw interrupted(sink.finished, units.length);
  return sink.results;
}

/**
 * Units sent to a worker ahead of its answers. With one, a worker sits idle from the moment it
 * posts a result until the next unit arrives: the result's copy, the main thread's turn
 * (another worker's result, onResult's writes) and the message back. With two, the next unit is
 * already in its queue.
 */
const PIPELINE_DEPTH = 2;

/** One worker thread and the units sent to it, oldest (the one it is running) first. */
interface Slot {
  readonly worker: Worker;
  readonly units: WorkUnit[];
  /** Config keys this worker already holds. */
  readonly configsSent: Set<number>;
}

type Outcome = { readonly kind: "done" } | { readonly kind: "interrupted" } | { readonly kind: "failed"; readonly error: unknown };

function runOnThreads(
  units: readonly WorkUnit[],
  workerCount: number,
  moduleUrl: string,
  bundle: BundledWorker | undefined,
  sink: ResultSink,
  signal: AbortSignal | undefined,
): Promise<Map<string, SimulationResult>> {
  return new Promise((resolve, reject) => {
    // Keyed by object identity: hashing a config would cost more than sending it again, and
    // callers pass one object for all replications of a point.
    const configKeys = new WeakMap<ModelConfig, number>();
    const slots: Slot[] = [];
    let nextUnit = 0;
    let stopping = false;

    /** Ends the run exactly once: no thread outlives it and every onResult call has completed. */
    const finish = async (outcome: Outcome): Promise<void> => {
      if (stopping) return;
      stopping = true;
      signal?.removeEventListener("abort", onAbort);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      await sink.settled();
      if (outcome.kind === "failed") reject(outcome.error);
      else if (sink.failure !== undefined) reject(sink.failure.error);
      else if (outcome.kind === "interrupted") reject(interrupted(sink.finished, units.length));
      else resolve(sink.results);
    };
    const fail = (error: unknown): void => void finish({ kind: "failed", error });
    const onAbort = (): void => void finish({ kind: "interrupted" });
    sink.onFailure = fail;

    const send = (slot: Slot, unit: WorkUnit): void => {
      slot.units.push(unit);
      let configKey = configKeys.get(unit.config);
      if (configKey === undefined) {
        configKey = nextUnit;
        configKeys.set(unit.config, configKey);
      }
      const base = { type: "run", id: unit.id, configKey, seed: unit.seed, replication: unit.replication } as const;
      const message: RunMessage = slot.configsSent.has(configKey) ? base : { ...base, config: unit.config };
      try {
        slot.worker.postMessage(message);
        slot.configsSent.add(configKey);
      } catch (error) {
        // A config that cannot be cloned (it holds a function) fails here, in this thread.
        fail(runFailed(unit, error));
      }
    };

    /**
     * Tops the worker's queue up to `depth` units. A second unit is queued only while at least
     * one unit remains for every worker: near the end it would wait behind the first while
     * another worker had nothing to do.
     */
    const dispatch = (slot: Slot, depth = PIPELINE_DEPTH): void => {
      while (!stopping && slot.units.length < depth && nextUnit < units.length) {
        if (slot.units.length > 0 && units.length - nextUnit < slots.length) break;
        const unit = units[nextUnit] as WorkUnit;
        nextUnit++;
        send(slot, unit);
      }
      if (!stopping && slots.every((other) => other.units.length === 0)) void finish({ kind: "done" });
    };

    const onAnswer = (slot: Slot, answer: WorkerAnswer): void => {
      if (stopping) return;
      const unit = slot.units[0];
      if (unit === undefined || unit.id !== answer.id) {
        fail(new Error(`pool protocol: answer for ${JSON.stringify(answer.id)} from a worker running ${JSON.stringify(unit?.id)}`));
        return;
      }
      if (answer.type === "error") {
        const cause = Object.assign(new Error(answer.message), { name: answer.name, stack: answer.stack });
        fail(runFailed(unit, cause));
        return;
      }
      slot.units.shift();
      sink.add(unit, resultOfAnswer(answer));
      dispatch(slot);
    };

    // Crashes outside simulate's try (out of memory, process.exit in the model, a failed import
    // of the worker itself) arrive as 'error' or an unexpected 'exit'; both name the unit in flight.
    const onWorkerDied = (slot: Slot, cause: unknown): void => {
      if (stopping) return;
      const unit = slot.units[0];
      if (unit !== undefined) fail(runFailed(unit, cause));
      else fail(new Error(`pool worker failed: ${describeThrown(cause).message}`, { cause }));
    };

    try {
      const workerData: WorkerStartData = bundle === undefined ? { simulateModuleUrl: moduleUrl } : { simulateModuleUrl: bundle.simulateModuleUrl, simulateModuleName: moduleUrl };
      const execArgv = workerExecArgv(bundle !== undefined);
      const entry = bundle?.entry ?? WORKER_ENTRY;
      for (let i = 0; i < workerCount; i++) {
        const slot: Slot = { worker: startWorker(entry, { workerData, execArgv }), units: [], configsSent: new Set() };
        slot.worker.on("message", (answer: WorkerAnswer) => onAnswer(slot, answer));
        slot.worker.on("error", (error) => onWorkerDied(slot, error));
        slot.worker.on("exit", (code) => onWorkerDied(slot, new Error(`worker exited with code ${code}`)));
        slots.push(slot);
      }
    } catch (error) {
      fail(error);
      return;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    // One unit each first, so that a short run is spread over every worker; then the second.
    for (const slot of slots) dispatch(slot, 1);
    for (const slot of slots) dispatch(slot);
  });
}
