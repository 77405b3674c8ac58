/**
 * What the pool ({@link ./pool.ts}) and its worker threads ({@link ./worker-runner.ts}) say to
 * each other, and the one way both sides load a `simulate` function from a module.
 *
 *   pool ──run {id, configKey, config?, seed, replication}──▶ worker
 *   pool ◀──result {id, result} | error {id, name, message, stack}── worker
 *
 * A worker runs one unit at a time; the pool sends the next unit only after the previous answer,
 * so a worker never queues work and a terminated worker loses at most the unit it was running.
 */
import type { ModelConfig } from "../market/parameters.js";
import type { SimulationResult } from "../market/result.js";
import type { PackedResult } from "./result-transfer.js";

/** The signature of the market model's `simulate` (and of the test fixtures standing in for it). */
export type SimulateFunction = (config: ModelConfig, options: { seed?: string | number; replication: number }) => SimulationResult;

/** Data every worker starts with. */
export interface WorkerStartData {
  /** file: URL of the module whose `simulate` export the worker calls. */
  readonly simulateModuleUrl: string;
  /** The module's URL as the caller named it, for messages (when the worker imports a bundle of it). */
  readonly simulateModuleName?: string;
}

/** Pool → worker: run one unit. */
export interface RunMessage {
  readonly type: "run";
  readonly id: string;
  /**
   * Names the config within this pool run. The config itself travels only the first time a
   * worker meets the key (configs are tens of kilobytes and a sweep point has many replications).
   */
  readonly configKey: number;
  readonly config?: ModelConfig;
  readonly seed: string | number;
  readonly replication: number;
}

/** Worker → pool: a unit finished; its result packed (see result-transfer.ts), or as it is when it cannot be. */
export type ResultMessage =
  | { readonly type: "result"; readonly id: string; readonly packed: PackedResult }
  | { readonly type: "result"; readonly id: string; readonly result: SimulationResult };

/** Worker → pool: a unit threw. Errors are sent as plain fields: class identity does not cross threads. */
export interface ErrorMessage {
  readonly type: "error";
  readonly id: string;
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

export type WorkerAnswer = ResultMessage | ErrorMessage;

/**
 * Imports `moduleUrl` and returns its `simulate` export.
 *
 * @throws {Error} if the module cannot be imported or has no `simulate` function.
 */
export async function loadSimulate(moduleUrl: string, name = moduleUrl): Promise<SimulateFunction> {
  const loaded: unknown = await import(moduleUrl);
  const simulate = (loaded as { simulate?: unknown } | null)?.simulate;
  if (typeof simulate !== "function") {
    throw new Error(`${name} does not export a simulate function`);
  }
  return simulate as SimulateFunction;
}

/** The fields of an error that survive a postMessage, whatever was thrown. */
export function describeThrown(thrown: unknown): { name: string; message: string; stack: string | undefined } {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack };
  return { name: "Error", message: String(thrown), stack: undefined };
}
