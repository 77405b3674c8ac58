/**
 * SimPy-style events: an event is pending until triggered (succeed/fail), is then queued, and is
 * processed when the clock reaches it, which runs its callbacks. A failure nobody handles (no
 * process waited on it, nobody called `defuse`) stops the run by throwing the error.
 */
import { UsageError } from "../errors.js";
import type { Environment } from "./environment.js";
import { alreadyTriggered, badDelay, foreignEvent, notYetTriggered } from "./messages.js";

/** Called with the event when it is processed. */
export type EventCallback = (event: SimEvent<unknown>) => void;

const PENDING = 0;
const TRIGGERED = 1;
const PROCESSED = 2;

/** Priority of ordinary events, matching the environment's NORMAL (kept local to avoid an import cycle). */
const NORMAL = 0;

/**
 * An event on an environment's clock. Create with `env.event()`; wait for it by yielding it from a
 * process; trigger it with {@link succeed} or {@link fail}.
 */
export class SimEvent<T = unknown> {
  /** The environment this event belongs to. */
  readonly env: Environment;
  /** What kind of event this is (`event`, `timeout`, `process`, …), for observers and messages. */
  readonly kind: string;
  /**
   * Callbacks run when the event is processed, in the order added. The first is kept apart, so an
   * event with one waiter (most of them: a process waiting on a timeout) allocates no array.
   */
  private firstCallback: EventCallback | null = null;
  private moreCallbacks: EventCallback[] | null = null;
  /** @internal 0 pending, 1 triggered, 2 processed. */
  state = PENDING;
  /** @internal */
  outcomeOk = true;
  /** @internal */
  outcome: unknown = undefined;
  /** @internal a failure that someone has handled, so it does not stop the run. */
  defused = false;

  /** @param kind label for observers and messages (default `event`). */
  constructor(env: Environment, kind = "event") {
    this.env = env;
    this.kind = kind;
  }

  /** True once succeed/fail was called (or, for a timeout, from creation). */
  get triggered(): boolean {
    return this.state !== PENDING;
  }

  /** True once the clock reached the event and its callbacks ran. */
  get processed(): boolean {
    return this.state === PROCESSED;
  }

  /**
   * Whether the event succeeded.
   * @throws UsageError when it has not been triggered yet.
   */
  get ok(): boolean {
    if (this.state === PENDING) throw new UsageError(notYetTriggered(this.kind, "ok"));
    return this.outcomeOk;
  }

  /**
   * The success value, or the error of a failed event.
   * @throws UsageError when it has not been triggered yet.
   */
  get value(): T {
    if (this.state === PENDING) throw new UsageError(notYetTriggered(this.kind, "value"));
    return this.outcome as T;
  }

  /**
   * Triggers success: the event is processed at the current time (after events already queued
   * for now).
   * @throws UsageError when the event was already triggered.
   */
  succeed(value?: T): this {
    if (this.state !== PENDING) throw new UsageError(alreadyTriggered(this.kind, "succeed"));
    this.outcomeOk = true;
    this.outcome = value;
    this.state = TRIGGERED;
    this.env.enqueueEvent(this, 0, NORMAL);
    return this;
  }

  /**
   * Triggers failure with `error`: processes waiting on it get the error thrown into them; if
   * nobody handles it, `run` throws it.
   * @throws UsageError when the event was already triggered.
   */
  fail(error: unknown): this {
    if (this.state !== PENDING) throw new UsageError(alreadyTriggered(this.kind, "fail"));
    this.outcomeOk = false;
    this.outcome = error;
    this.state = TRIGGERED;
    this.env.enqueueEvent(this, 0, NORMAL);
    return this;
  }

  /** Marks a failure as handled so it does not stop the run. */
  defuse(): void {
    this.defused = true;
  }

  /**
   * Adds a callback run when the event is processed (at once if it already was).
   */
  addCallback(callback: EventCallback): void {
    if (this.state === PROCESSED) callback(this as SimEvent<unknown>);
    else this.waitWith(callback);
  }

  /**
   * Adds a callback for when the event is processed; the event must not be processed yet.
   * @internal
   */
  waitWith(callback: EventCallback): void {
    if (this.firstCallback === null && this.moreCallbacks === null) this.firstCallback = callback;
    else (this.moreCallbacks ??= []).push(callback);
  }

  /**
   * Removes a callback added before (the first one equal to it); later ones keep their order.
   * @internal
   */
  removeCallback(callback: EventCallback): void {
    if (this.firstCallback === callback) {
      this.firstCallback = this.moreCallbacks !== null && this.moreCallbacks.length > 0 ? this.moreCallbacks.shift()! : null;
      return;
    }
    const more = this.moreCallbacks;
    if (more === null) return;
    const i = more.indexOf(callback);
    if (i >= 0) more.splice(i, 1);
  }

  /**
   * Runs the callbacks; called by the environment when the event reaches the front.
   * @internal
   * @throws the event's error if it failed and nobody defused it.
   */
  process(): void {
    const first = this.firstCallback;
    const more = this.moreCallbacks;
    this.firstCallback = null;
    this.moreCallbacks = null;
    this.state = PROCESSED;
    if (first !== null) first(this as SimEvent<unknown>);
    if (more !== null) {
      for (let i = 0; i < more.length; i++) more[i]!(this as SimEvent<unknown>);
    }
    if (!this.outcomeOk && !this.defused) throw this.outcome;
  }

  /**
   * Marks the event triggered with an outcome and queues it (internal: timeouts, processes,
   * interrupts).
   * @internal
   */
  schedule(ok: boolean, outcome: unknown, delay: number, priority: number): void {
    this.outcomeOk = ok;
    this.outcome = outcome;
    this.state = TRIGGERED;
    this.env.enqueueEvent(this, delay, priority);
  }
}

/** An event that succeeds by itself `delay` time units after creation. */
export class Timeout<T = undefined> extends SimEvent<T> {
  /** The delay, in model time units. */
  readonly delay: number;

  /**
   * @param delay time units from now, finite and >= 0.
   * @throws UsageError on a negative, NaN or infinite delay.
   */
  constructor(env: Environment, delay: number, value: T) {
    super(env, "timeout");
    if (!(delay >= 0) || delay === Infinity) throw new UsageError(badDelay("timeout", delay));
    this.delay = delay;
    this.schedule(true, value, delay, NORMAL);
  }
}

/** The value of a condition: each event that had been processed when it fired, with its value. */
export type ConditionValue = Map<SimEvent<unknown>, unknown>;

/** Decides whether a condition holds after `count` of `events` have been processed. */
export type ConditionRule = (events: readonly SimEvent<unknown>[], count: number) => boolean;

/** Holds when every event has been processed. */
export const allEvents: ConditionRule = (events, count) => count === events.length;
/** Holds when at least one event has been processed (or there are none). */
export const anyEvent: ConditionRule = (events, count) => count > 0 || events.length === 0;

/**
 * An event that waits on several others (`env.allOf`, `env.anyOf`). Fails with the first failure
 * among them, which counts as handled.
 */
export class Condition extends SimEvent<ConditionValue> {
  private readonly events: readonly SimEvent<unknown>[];
  private readonly rule: ConditionRule;
  private count = 0;

  /** @throws UsageError when an event belongs to another environment. */
  constructor(env: Environment, rule: ConditionRule, events: readonly SimEvent<unknown>[], kind: string) {
    super(env, kind);
    this.rule = rule;
    this.events = events.slice();
    for (const event of this.events) {
      if (event.env !== env) throw new UsageError(foreignEvent(kind));
    }
    if (this.events.length === 0) {
      this.succeed(new Map());
      return;
    }
    const check: EventCallback = (event) => this.check(event);
    for (const event of this.events) {
      if (event.processed) this.check(event);
      else event.waitWith(check);
    }
  }

  private check(event: SimEvent<unknown>): void {
    if (this.state !== PENDING) return;
    this.count++;
    if (!event.outcomeOk) {
      event.defused = true;
      this.fail(event.outcome);
    } else if (this.rule(this.events, this.count)) {
      const value: ConditionValue = new Map();
      for (const e of this.events) if (e.processed && e.outcomeOk) value.set(e, e.outcome);
      // The event being checked is mid-processing (callbacks not yet cleared in all paths).
      if (!value.has(event)) value.set(event, event.outcome);
      this.succeed(value);
    }
  }
}

/**
 * Thrown into a process by `process.interrupt(cause)`; catch it in the generator to handle it.
 */
export class Interrupt extends Error {
  /** @param cause whatever the interrupter passed. */
  constructor(cause?: unknown) {
    super(`interrupted${cause === undefined ? "" : `: ${String(cause)}`}`, { cause });
    this.name = "Interrupt";
  }
}
