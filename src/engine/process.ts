/**
 * Generator processes, SimPy style: a process yields events and resumes when each is processed,
 * receiving its value (or its error thrown in). The process is itself an event that succeeds with
 * the generator's return value, so others can yield it to wait for it.
 */
import { UsageError } from "../errors.js";
import type { Environment } from "./environment.js";
import { Interrupt, SimEvent, type EventCallback } from "./events.js";
import { badYield, interruptSelf, interruptTerminated } from "./messages.js";

/** A process body: yields events, gets their values back (typed `unknown`; cast at the yield). */
export type ProcessGenerator<R = unknown> = Generator<SimEvent<unknown>, R, unknown>;

/** Process starts and interrupts run before ordinary events at the same time (SimPy's URGENT). */
const URGENT = -1;

let processCounter = 0;

/** A running generator process; an event that succeeds with the generator's return value. */
export class Process<R = unknown> extends SimEvent<R> {
  /** Name used in messages. */
  readonly name: string;
  private readonly generator: ProcessGenerator<R>;
  /** The event the process is waiting for, or null when running or finished. */
  target: SimEvent<unknown> | null;
  private readonly resumeCallback: EventCallback;

  /** Use `env.process(...)`. */
  constructor(env: Environment, generator: ProcessGenerator<R>, name?: string) {
    super(env, "process");
    this.name = name ?? `process#${++processCounter}`;
    this.generator = generator;
    this.resumeCallback = (event) => this.resume(event);
    const start = new SimEvent<unknown>(env, "initialize");
    start.waitWith(this.resumeCallback);
    start.schedule(true, undefined, 0, URGENT);
    this.target = start;
  }

  /** True until the generator has returned or thrown. */
  get isAlive(): boolean {
    return !this.triggered;
  }

  /**
   * Throws an {@link Interrupt} carrying `cause` into the process at the current time, ahead of
   * ordinary events; the process stops waiting for its current target.
   * @throws UsageError when the process has terminated, or interrupts itself.
   */
  interrupt(cause?: unknown): void {
    if (this.triggered) throw new UsageError(interruptTerminated(this.name));
    if (this.env.activeProcess === (this as Process<unknown>)) throw new UsageError(interruptSelf(this.name));
    const interruption = new SimEvent<unknown>(this.env, "interrupt");
    interruption.defused = true;
    interruption.waitWith((event) => {
      // The process may have finished between the interrupt call and now.
      if (this.triggered) return;
      const target = this.target;
      if (target !== null && !target.processed) target.removeCallback(this.resumeCallback);
      this.resume(event);
    });
    interruption.schedule(false, new Interrupt(cause), 0, URGENT);
  }

  private resume(event: SimEvent<unknown>): void {
    const env = this.env;
    const previous = env.activeProcess;
    env.activeProcess = this as Process<unknown>;
    this.target = null;
    let current = event;
    for (;;) {
      let step: IteratorResult<SimEvent<unknown>, R>;
      try {
        if (current.outcomeOk) {
          step = this.generator.next(current.outcome);
        } else {
          // The process handles the failure by receiving it; it may rethrow.
          current.defused = true;
          step = this.generator.throw(current.outcome);
        }
      } catch (error) {
        this.schedule(false, error, 0, 0);
        break;
      }
      if (step.done === true) {
        this.schedule(true, step.value, 0, 0);
        break;
      }
      const next = step.value as unknown;
      if (!(next instanceof SimEvent)) {
        const bad = new SimEvent<unknown>(env, "event");
        bad.outcomeOk = false;
        bad.outcome = new UsageError(badYield(this.name, next));
        current = bad;
        continue;
      }
      if (!next.processed) {
        next.waitWith(this.resumeCallback);
        this.target = next;
        break;
      }
      // Already processed: continue at once with its outcome, as SimPy does.
      current = next;
    }
    env.activeProcess = previous;
  }
}
