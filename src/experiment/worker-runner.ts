/**
 * The body of a pool worker thread (started through ./worker.js, which registers tsx first):
 * keeps the configs the pool sent, runs one unit per `run` message and answers with its result
 * or its error. Holds no state between units but the configs and the loaded `simulate`.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import type { ModelConfig } from "../market/parameters.js";
import { packResult } from "./result-transfer.js";
import { describeThrown, loadSimulate, type RunMessage, type SimulateFunction, type WorkerAnswer, type WorkerStartData } from "./worker-protocol.js";

const port: MessagePort = requireParentPort();
const start = workerData as WorkerStartData;

// Configs by key for the pool run this worker belongs to. A worker lives for one runUnits call,
// so this never outgrows that call's distinct configs.
const configs = new Map<number, ModelConfig>();
let simulatePromise: Promise<SimulateFunction> | undefined;

// The pool sends a unit ahead (PIPELINE_DEPTH in pool.ts): units run one after another, in the
// order they came, and answers leave in that order — the pool matches each to its oldest unit.
let queue: Promise<void> = Promise.resolve();
port.on("message", (message: RunMessage) => {
  queue = queue.then(() => runUnit(message));
});

async function runUnit(message: RunMessage): Promise<void> {
  let answer: WorkerAnswer;
  try {
    // Loaded on the first unit rather than at start, so an import failure is reported as that
    // unit's error (with its name) instead of as an anonymous worker crash.
    simulatePromise ??= loadSimulate(start.simulateModuleUrl, start.simulateModuleName);
    const simulate = await simulatePromise;
    if (message.config !== undefined) configs.set(message.configKey, message.config);
    const config = configs.get(message.configKey);
    if (config === undefined) throw new Error(`pool protocol: config ${message.configKey} was never sent to this worker`);
    const result = simulate(config, { seed: message.seed, replication: message.replication });
    // Copied, not transferred: a transfer would detach buffers in this thread (see result-transfer.ts).
    const packed = packResult(result);
    answer = packed === undefined ? { type: "result", id: message.id, result } : { type: "result", id: message.id, packed };
  } catch (thrown) {
    answer = { type: "error", id: message.id, ...describeThrown(thrown) };
  }
  try {
    port.postMessage(answer);
  } catch (thrown) {
    // A result that cannot be cloned (a function, a symbol) fails here, in the worker; report it
    // against the unit rather than leaving the pool waiting for an answer that never comes.
    port.postMessage({ type: "error", id: message.id, ...describeThrown(thrown) } satisfies WorkerAnswer);
  }
}

function requireParentPort(): MessagePort {
  if (parentPort === null) throw new Error("worker-runner.ts must run in a worker thread started by the pool");
  return parentPort;
}
