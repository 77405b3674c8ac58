/**
 * A worker pool that outlives one batch: the same threads (pool.ts's worker entry and protocol)
 * run every batch of a calibration, so a candidate of a few replications does not pay for
 * starting threads and loading the model again (≈ 1–2 s a batch on a busy 2-core machine,
 * against a few seconds of simulation). Each unit's randomness comes from its own (seed,
 * replication), so which thread runs it changes nothing; results are reported through
 * `onResult` as they finish and the caller keys them by unit id.
 *
 * `workers: 1` runs in this thread, like the pool. Close the session when done.
 */
import { Worker } from "node:worker_threads";
import type { ModelConfig } from "../../market/parameters.js";
import type { WorkUnit } from "../plan.js";
import { DEFAULT_SIMULATE_MODULE, startWorker, WORKER_ENTRY, workerExecArgv } from "../pool.js";
import { UnitError, type UnitRunner } from "../runner.js";
import { resultOfAnswer } from "../result-transfer.js";
import { loadSimulate, type RunMessage, type SimulateFunction, type WorkerAnswer, type WorkerStartData } from "../worker-protocol.js";

/** A runner whose threads stay up between calls, and the way to stop them. */
export interface PoolSession {
  readonly runner: UnitRunner;
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  readonly sent: Set<number>;
  busy: boolean;
}

/**
 * Opens a pool session of `workers` threads (started on the first batch that needs them).
 * @param simulateModule - file: URL of a module exporting `simulate` (default: the market model's).
 */
export function openPoolSession(workers: number, simulateModule: string = DEFAULT_SIMULATE_MODULE): PoolSession {
  const slots: Slot[] = [];
  const configKeys = new WeakMap<ModelConfig, number>();
  let nextKey = 0;
  let simulate: SimulateFunction | undefined;
  let closed = false;

  const keyOf = (config: ModelConfig): number => {
    let key = configKeys.get(config);
    if (key === undefined) {
      key = nextKey++;
      configKeys.set(config, key);
    }
    return key;
  };

  const runner: UnitRunner = async (units, options) => {
    if (closed) throw new Error("pool session: used after close");
    if (workers === 1 || units.length === 1) {
      simulate ??= await loadSimulate(simulateModule);
      for (const unit of units) {
        await new Promise((resolve) => setImmediate(resolve));
        if (options.signal?.aborted) return;
        let result;
        try {
          result = simulate(unit.config, { seed: unit.seed, replication: unit.replication });
        } catch (error) {
          throw new UnitError(unit, error);
        }
        options.onResult(unit, result);
      }
      return;
    }
    while (slots.length < workers) {
      const workerData: WorkerStartData = { simulateModuleUrl: simulateModule };
      const worker = startWorker(WORKER_ENTRY, { workerData, execArgv: workerExecArgv() });
      worker.unref();
      slots.push({ worker, sent: new Set(), busy: false });
    }
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let running = 0;
      let done = false;
      const listeners: (() => void)[] = [];
      const end = (error?: unknown): void => {
        if (done) return;
        done = true;
        for (const remove of listeners) remove();
        options.signal?.removeEventListener("abort", onAbort);
        if (error === undefined) resolve();
        else {
          // A failed or interrupted batch leaves threads mid-unit: they cannot be reused.
          void closeAll().finally(() => reject(error));
        }
      };
      const onAbort = (): void => {
        if (done) return;
        done = true;
        for (const remove of listeners) remove();
        void closeAll().finally(() => resolve());
      };
      const dispatch = (slot: Slot): void => {
        if (done) return;
        if (options.signal?.aborted) return onAbort();
        const unit = units[next];
        if (unit === undefined) {
          slot.busy = false;
          if (running === 0) end();
          return;
        }
        next++;
        running++;
        slot.busy = true;
        const configKey = keyOf(unit.config);
        const base = { type: "run", id: unit.id, configKey, seed: unit.seed, replication: unit.replication } as const;
        const message: RunMessage = slot.sent.has(configKey) ? base : { ...base, config: unit.config };
        slot.sent.add(configKey);
        const byId = new Map<string, WorkUnit>(units.map((item) => [item.id, item]));
        const onMessage = (answer: WorkerAnswer): void => {
          slot.worker.off("message", onMessage);
          running--;
          const answered = byId.get(answer.id) ?? unit;
          if (answer.type === "error") return end(new UnitError(answered, Object.assign(new Error(answer.message), { name: answer.name, stack: answer.stack })));
          try {
            options.onResult(answered, resultOfAnswer(answer));
          } catch (error) {
            return end(error);
          }
          if (next >= units.length && running === 0) return end();
          dispatch(slot);
        };
        slot.worker.on("message", onMessage);
        listeners.push(() => slot.worker.off("message", onMessage));
        slot.worker.postMessage(message);
      };
      for (const slot of slots) {
        const onError = (error: unknown): void => end(new UnitError(units[Math.max(0, next - 1)] as WorkUnit, error));
        const onExit = (code: number): void => end(new Error(`pool worker exited with code ${code}`));
        slot.worker.on("error", onError);
        slot.worker.on("exit", onExit);
        listeners.push(() => {
          slot.worker.off("error", onError);
          slot.worker.off("exit", onExit);
        });
      }
      options.signal?.addEventListener("abort", onAbort, { once: true });
      for (const slot of slots) dispatch(slot);
    });
  };

  const closeAll = async (): Promise<void> => {
    const all = slots.splice(0, slots.length);
    await Promise.all(all.map((slot) => slot.worker.terminate()));
  };

  return {
    runner,
    close: async () => {
      closed = true;
      await closeAll();
    },
  };
}
