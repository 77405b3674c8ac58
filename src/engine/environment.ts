/**
 * The simulation environment: the clock, the pending-event set, and the loop that runs events.
 *
 * Two ways to put work on the clock share one event set:
 * - the callback fast path: `register` a handler once, then `schedule(delay, handler, payload)`;
 *   nothing is allocated per event (entries live in the event set's typed arrays; each pending
 *   event also holds a slot, reused through a free list, that keys cancellation);
 * - SimPy-style events and generator processes (`event`, `timeout`, `process`, `allOf`, `anyOf`),
 *   which ride the fast path through one internal handler whose payload indexes an object table.
 *
 * Order: events run by (time, priority, insertion sequence); lower priority first; same time and
 * priority run first-in first-out. Priority and sequence are folded into one float64 `order =
 * priority * 2^42 + sequence`, exact for |priority| <= 1024 and 2^42 (~4.4e12) events per
 * environment, so a tie on time costs one extra comparison.
 */
import { UsageError, ruleBroken } from "../errors.js";
import { QuaternaryHeap } from "./event-queue.js";
import type { EventSet } from "./event-queue.js";
import { CalendarQueue } from "./calendar-queue.js";
import { LadderQueue } from "./ladder-queue.js";
import {
  badDelay,
  badPriority,
  badTime,
  notAFunction,
  notAGenerator,
  unknownHandler,
  untilBeforeNow,
  untilNeverTriggered,
} from "./messages.js";
import { Condition, SimEvent, Timeout, allEvents, anyEvent, type ConditionValue } from "./events.js";
import { Process, type ProcessGenerator } from "./process.js";

/** A fast-path event handler: receives the payload given to `schedule`. */
export type Handler = (payload: number) => void;

/**
 * A monitoring hook called once per processed event, after the clock advanced and before the event
 * runs. `label` is the handler's label (fast path) or the event kind (`timeout`, `process`, …).
 */
export type Observer = (time: number, label: string, payload: number) => void;

/** Which pending-event set backs an environment; see docs/perf-kernel.md for the measurements. */
export type EventSetKind = "heap" | "calendar" | "ladder";

/** Options for {@link Environment}. */
export interface EnvironmentOptions {
  /** Start time of the clock (default 0). */
  readonly initialTime?: number;
  /**
   * Pending-event set: one of the bundled implementations (default {@link DEFAULT_EVENT_SET}), or
   * an object implementing {@link EventSet} (to try another data structure).
   */
  readonly eventSet?: EventSetKind | EventSet;
  /** Expected number of simultaneously pending events, to size the arrays up front (default 1024). */
  readonly capacity?: number;
}

/**
 * The event set used when none is asked for: the ladder queue, fastest from 10^4 pending events up
 * (the market model keeps one pending event per user); see docs/perf-kernel.md for the figures.
 */
export const DEFAULT_EVENT_SET: EventSetKind = "ladder";

/** Lowest priority accepted (runs first). */
export const MIN_PRIORITY = -1024;
/** Highest priority accepted (runs last). */
export const MAX_PRIORITY = 1023;
/** Priority of process starts and interrupts: ahead of ordinary events at the same time (SimPy's URGENT). */
export const URGENT = -1;
/** Default priority of events (SimPy's NORMAL). */
export const NORMAL = 0;

const SEQUENCE_SPAN = 2 ** 42;
/**
 * Keys are `generation * SLOT_SPAN + slot`. A slot's word in `slotMeta` is `generation << 2 |
 * state`; generations count uses of the slot and wrap at 2^21, so keys stay below 2^53 and exact.
 */
const SLOT_SPAN = 2 ** 32;
const GENERATION_MASK = 2 ** 21 - 1;

const SLOT_FREE = 0;
const SLOT_PENDING = 1;
const SLOT_CANCELLED = 2;
const STATE_MASK = 3;

/** Handler id reserved for event objects; its payload indexes {@link Environment.objects}. */
const OBJECT_HANDLER = 0;

/**
 * Owns the clock (`now`, in the model's time unit — days for the market model) and the pending
 * events. All state lives on the instance, so environments can run side by side.
 */
export class Environment {
  /**
   * Current simulation time, in model time units. Only the environment moves it.
   * Initialized at the declaration: a class field declared bare starts as `undefined`, which makes
   * V8 store it as a tagged field and allocate a fresh HeapNumber on every clock update.
   */
  now = 0;

  private readonly queue: EventSet;
  private cancelledInQueue = 0;
  private sequence = 0;

  /** The event set's input (time, order, payload) and output (time, payload) arrays. */
  private readonly input: Float64Array;
  private readonly output: Float64Array;

  // Slot table: one slot per queued entry, reused through a free stack; a slot's word holds its
  // generation and state (4 bytes: the whole table stays in cache far longer than a record would).
  private slotMeta: Int32Array;
  private freeSlots: Int32Array;
  private freeTop: number;

  private readonly handlers: Handler[] = [];
  private handlerCount = 0;
  private readonly handlerLabels: string[] = [];

  // Event objects in flight; the object handler's payload is an index here.
  private readonly objects: (SimEvent<unknown> | undefined)[] = [];
  private readonly freeObjects: number[] = [];

  private readonly observers: Observer[] = [];
  private stopRequested = false;

  /** The process whose generator is running right now, or null between process steps. */
  activeProcess: Process<unknown> | null = null;

  /**
   * @param options start time, event-set implementation, initial capacity.
   * @throws UsageError when `initialTime` is not finite.
   */
  constructor(options: EnvironmentOptions = {}) {
    const initialTime = options.initialTime ?? 0;
    if (!Number.isFinite(initialTime)) throw new UsageError(badTime("Environment", initialTime, 0));
    this.now = initialTime;
    const capacity = Math.max(64, Math.ceil(options.capacity ?? 1024));
    const eventSet = options.eventSet ?? DEFAULT_EVENT_SET;
    this.queue = typeof eventSet === "object" ? eventSet : createEventSet(eventSet, capacity);
    this.input = this.queue.input;
    this.output = this.queue.output;
    this.slotMeta = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.freeTop = capacity;
    // Lowest slots on top of the stack.
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.register((index) => this.fireObject(index), "object");
  }

  /** Number of pending events (cancelled ones excluded), exact at all times. */
  get pending(): number {
    // Cancelled entries stay in the set until they reach the front or a compaction.
    return this.queue.size - this.cancelledInQueue;
  }

  // ---------------------------------------------------------------------------------------------
  // Callback fast path

  /**
   * Registers a fast-path handler and returns its id for {@link schedule}.
   * @param handler called with the event's payload when the event runs; may schedule more events.
   * @param label name reported to observers (default `handler#<id>`).
   * @returns the handler id, a small non-negative integer.
   * @throws UsageError when `handler` is not a function.
   */
  register(handler: Handler, label?: string): number {
    if (typeof handler !== "function") throw new UsageError(notAFunction("register", handler));
    const id = this.handlers.length;
    this.handlers.push(handler);
    this.handlerCount = this.handlers.length;
    this.handlerLabels.push(label ?? `handler#${id}`);
    return id;
  }

  /**
   * Schedules `handler(payload)` to run `delay` time units from now. Allocates nothing.
   * @param delay time units from now, finite and >= 0.
   * @param handler an id from {@link register}.
   * @param payload any float64 passed back to the handler (default 0), e.g. a user row index.
   * @param priority integer from -1024 to 1023, lower runs first at equal times (default 0).
   * @returns a key for {@link cancel}.
   * @throws UsageError on a negative, NaN or infinite delay, an unknown handler id, or a bad priority.
   */
  schedule(delay: number, handler: number, payload = 0, priority = 0): number {
    // The fast path writes the float64s (time, order, payload) into the event set's input array
    // itself and makes only calls that pass and return small integers (`takeSlot`, `enqueue`):
    // whatever V8 inlines below this point, no float64 crosses a call, so nothing is boxed. Only
    // this function must be inlined into the handler, and it is small enough to be.
    if (delay >= 0 && delay < Infinity && handler > 0 && handler < this.handlerCount && priority === 0) {
      if ((handler | 0) === handler) {
        const slot = this.takeSlot();
        const generation = this.claim(slot);
        const input = this.input;
        input[0] = this.now + delay;
        input[1] = this.sequence++;
        input[2] = payload;
        this.enqueue(handler, slot);
        return generation * SLOT_SPAN + slot;
      }
    }
    return this.scheduleChecked("schedule", this.now + delay, delay, handler, payload, priority);
  }

  /**
   * Schedules `handler(payload)` at absolute time `time`.
   * @param time absolute time in model units, finite and >= now.
   * @throws UsageError when `time` is before now or not finite, or on a bad handler id or priority.
   * @returns a key for {@link cancel}.
   */
  scheduleAt(time: number, handler: number, payload = 0, priority = 0): number {
    return this.scheduleChecked("scheduleAt", time, time - this.now, handler, payload, priority);
  }

  /**
   * Cancels a pending fast-path event. The entry stays in the event set and is skipped when it
   * reaches the front (lazy), but {@link pending} drops at once.
   * @param key a key returned by {@link schedule} or {@link scheduleAt}.
   * @returns true if the event was pending; false if it already ran, was cancelled, or is unknown.
   */
  cancel(key: number): boolean {
    if (!(key >= 0)) return false;
    const slot = key % SLOT_SPAN;
    const generation = (key - slot) / SLOT_SPAN;
    if (slot >= this.slotMeta.length || this.slotMeta[slot] !== ((generation << 2) | SLOT_PENDING)) return false;
    this.slotMeta[slot] = (generation << 2) | SLOT_CANCELLED;
    // Compact when dead entries dominate, so a model that cancels most of what it schedules
    // does not grow the set without bound.
    if (++this.cancelledInQueue > 1024 && this.cancelledInQueue > this.queue.size >> 1) this.compact();
    return true;
  }

  /**
   * Time of the next pending event, or Infinity when none is pending.
   */
  peek(): number {
    this.dropCancelledHead();
    return this.queue.minTime();
  }

  /**
   * Processes the next pending event, advancing the clock to its time.
   * @returns false if nothing was pending.
   * @throws the failure of an event nobody handled, or whatever a handler throws.
   */
  step(): boolean {
    this.dropCancelledHead();
    if (this.queue.size === 0) return false;
    const slot = this.queue.popSlot();
    const time = this.output[0]!;
    const payload = this.output[1]!;
    const handler = this.queue.poppedHandler;
    this.releaseSlot(slot);
    this.now = time;
    if (this.observers.length > 0) this.notify(time, handler, payload);
    this.handlers[handler]!(payload);
    return true;
  }

  /**
   * Runs events, SimPy's rules:
   * - `run()` — until nothing is pending (or {@link stop} is called);
   * - `run(until: number)` — processes every event with time < `until` (events at exactly `until`
   *   stay pending, as in SimPy, whose stop event at `until` is urgent and precedes them), then
   *   sets `now = until`. `until === now` returns at once (SimPy rejects it; we allow it so a
   *   loop advancing to a horizon need not special-case the last call);
   * - `run(event)` — until that event has been processed; returns its value, or throws its error
   *   if it failed.
   * @param until a time >= now, or an event of this environment.
   * @returns the until-event's value, else undefined.
   * @throws UsageError when `until` is before now, or the until-event can never trigger;
   *   the failure of any event nobody handled; whatever a handler throws.
   */
  run(until?: number | SimEvent<unknown>): unknown {
    this.stopRequested = false;
    if (until === undefined) {
      this.loop(Infinity);
      return undefined;
    }
    if (typeof until === "number") {
      if (!(until >= this.now)) throw new UsageError(untilBeforeNow(until, this.now));
      this.loop(until);
      if (!this.stopRequested && until !== Infinity) this.now = until;
      return undefined;
    }
    if (!(until instanceof SimEvent)) throw new UsageError(untilBeforeNow(until, this.now));
    if (!until.processed) {
      until.waitWith(() => {
        this.stopRequested = true;
      });
      this.loop(Infinity);
      if (!until.processed) throw new UsageError(untilNeverTriggered(until.kind));
    }
    if (!until.ok) throw until.value;
    return until.value;
  }

  /** Makes the current {@link run} return after the event being processed. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Adds a monitoring hook called for every processed event. With no observer registered the run
   * loop does not look at observers at all (the check is once per run).
   * @returns a function that removes the observer.
   */
  observe(observer: Observer): () => void {
    this.observers.push(observer);
    return () => {
      const i = this.observers.indexOf(observer);
      if (i >= 0) this.observers.splice(i, 1);
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Events and processes

  /** A new untriggered event; trigger it with `succeed(value)` or `fail(error)`. */
  event<T = unknown>(): SimEvent<T> {
    return new SimEvent<T>(this);
  }

  /**
   * An event that succeeds with `value` after `delay` time units.
   * @throws UsageError on a negative, NaN or infinite delay.
   */
  timeout<T = undefined>(delay: number, value?: T): Timeout<T> {
    return new Timeout<T>(this, delay, value as T);
  }

  /**
   * Starts a generator process (at the current time, ahead of ordinary events). The process is an
   * event that succeeds with the generator's return value, or fails with what it throws.
   * @param generator a generator, or a generator function called with no arguments.
   * @param name shown in error messages (default `process#<n>`).
   * @throws UsageError when given neither.
   */
  process<R>(generator: ProcessGenerator<R> | (() => ProcessGenerator<R>), name?: string): Process<R> {
    const gen = typeof generator === "function" ? generator() : generator;
    if (gen === null || typeof gen !== "object" || typeof (gen as { next?: unknown }).next !== "function") {
      throw new UsageError(notAGenerator(generator));
    }
    return new Process<R>(this, gen, name);
  }

  /**
   * An event that succeeds when every event in `events` has succeeded (value: a Map event → value),
   * or fails as soon as one fails.
   * @throws UsageError when an event belongs to another environment.
   */
  allOf(events: readonly SimEvent<unknown>[]): Condition {
    return new Condition(this, allEvents, events, "allOf");
  }

  /**
   * An event that succeeds when any event in `events` has succeeded (value: a Map of the events
   * processed so far → value), or fails as soon as one fails. Succeeds at once when empty.
   * @throws UsageError when an event belongs to another environment.
   */
  anyOf(events: readonly SimEvent<unknown>[]): Condition {
    return new Condition(this, anyEvent, events, "anyOf");
  }

  /**
   * Queues an already-triggered event object to be processed after `delay` (internal: used by
   * events, processes and resources).
   * @internal
   */
  enqueueEvent(event: SimEvent<unknown>, delay: number, priority: number): void {
    let index: number;
    if (this.freeObjects.length > 0) index = this.freeObjects.pop()!;
    else index = this.objects.length;
    this.objects[index] = event;
    this.insert(this.now + delay, OBJECT_HANDLER, index, priority);
  }

  // ---------------------------------------------------------------------------------------------
  // Internals

  /** The validating path of schedule/scheduleAt: throws on misuse, else inserts. */
  private scheduleChecked(
    who: "schedule" | "scheduleAt",
    time: number,
    delay: number,
    handler: number,
    payload: number,
    priority: number,
  ): number {
    if (who === "schedule") {
      if (!(delay >= 0) || delay === Infinity) throw new UsageError(badDelay(who, delay));
    } else if (!(time >= this.now) || time === Infinity) {
      throw new UsageError(badTime(who, time, this.now));
    }
    if (!(handler > 0 && handler < this.handlerCount) || (handler | 0) !== handler) {
      throw new UsageError(unknownHandler(who, handler, this.handlerCount - 1));
    }
    if (priority !== 0) checkPriority(who, priority);
    return this.insert(time, handler, payload, priority);
  }

  /** A free slot (growing the table when none is left). */
  private takeSlot(): number {
    if (this.freeTop === 0) this.growSlots();
    return this.freeSlots[--this.freeTop]!;
  }

  /** Starts the slot's next generation, marked pending; returns the generation. */
  private claim(slot: number): number {
    const generation = ((this.slotMeta[slot]! >>> 2) + 1) & GENERATION_MASK;
    this.slotMeta[slot] = (generation << 2) | SLOT_PENDING;
    return generation;
  }

  /** Queues the entry in the event set's input (time, order, payload) for `handler` under `slot`. */
  private enqueue(handler: number, slot: number): void {
    this.queue.push(handler, slot);
  }

  private insert(time: number, handler: number, payload: number, priority: number): number {
    const slot = this.takeSlot();
    const generation = this.claim(slot);
    const input = this.input;
    input[0] = time;
    input[1] = priority * SEQUENCE_SPAN + this.sequence++;
    input[2] = payload;
    this.enqueue(handler, slot);
    return generation * SLOT_SPAN + slot;
  }

  private releaseSlot(slot: number): void {
    this.slotMeta[slot] = (this.slotMeta[slot]! & ~STATE_MASK) | SLOT_FREE;
    this.freeSlots[this.freeTop++] = slot;
  }

  /** The hot loop: monomorphic, no allocation, observers and stop checked outside the fast case. */
  private loop(until: number): void {
    if (this.observers.length > 0) {
      this.observedLoop(until);
      return;
    }
    const queue = this.queue;
    const handlers = this.handlers;
    const output = this.output;
    queue.limit = until;
    while (!this.stopRequested) {
      // One call per event that passes no float64 and returns a small integer: nothing to box
      // whether or not V8 inlines it, and the loop's inlining budget goes to the handler chain.
      const slot = queue.popBefore();
      if (slot < 0) break;
      const meta = this.slotMeta[slot]!;
      this.slotMeta[slot] = (meta & ~STATE_MASK) | SLOT_FREE;
      this.freeSlots[this.freeTop++] = slot;
      if ((meta & STATE_MASK) === SLOT_CANCELLED) {
        this.cancelledInQueue--;
        continue;
      }
      this.now = output[0]!;
      handlers[queue.poppedHandler]!(output[1]!);
    }
  }

  private observedLoop(until: number): void {
    while (!this.stopRequested) {
      this.dropCancelledHead();
      if (!(this.queue.minTime() < until)) break;
      this.step();
    }
  }

  private notify(time: number, handler: number, payload: number): void {
    let label = this.handlerLabels[handler]!;
    if (handler === OBJECT_HANDLER) label = this.objects[payload]?.kind ?? label;
    for (const observer of this.observers.slice()) observer(time, label, payload);
  }

  private fireObject(index: number): void {
    const event = this.objects[index]!;
    this.objects[index] = undefined;
    this.freeObjects.push(index);
    event.process();
  }

  private dropCancelledHead(): void {
    const queue = this.queue;
    while (queue.size > 0 && this.cancelledInQueue > 0) {
      const slot = this.headSlot();
      if ((this.slotMeta[slot]! & STATE_MASK) !== SLOT_CANCELLED) return;
      queue.popSlot();
      this.releaseSlot(slot);
      this.cancelledInQueue--;
    }
  }

  private headSlot(): number {
    return this.queue.headSlot();
  }

  private compact(): void {
    const meta = this.slotMeta;
    const dead: number[] = [];
    this.queue.removeWhere((slot) => {
      if ((meta[slot]! & STATE_MASK) !== SLOT_CANCELLED) return false;
      dead.push(slot);
      return true;
    });
    for (const slot of dead) this.releaseSlot(slot);
    this.cancelledInQueue = 0;
  }

  private growSlots(): void {
    const old = this.slotMeta.length;
    const cap = old * 2;
    const meta = new Int32Array(cap);
    meta.set(this.slotMeta);
    const free = new Int32Array(cap);
    // Every old slot is in use when we grow, so the free stack holds only the new ones.
    let top = 0;
    for (let i = cap - 1; i >= old; i--) free[top++] = i;
    this.slotMeta = meta;
    this.freeSlots = free;
    this.freeTop = top;
  }
}

/** A bundled event set sized for `capacity` pending events. */
function createEventSet(kind: EventSetKind, capacity: number): EventSet {
  switch (kind) {
    case "ladder":
      return new LadderQueue(capacity);
    case "calendar":
      return new CalendarQueue(capacity);
    case "heap":
      return new QuaternaryHeap(capacity);
    default:
      // Reachable from JavaScript callers.
      throw new UsageError(ruleBroken("Environment", 'eventSet must be "ladder", "calendar", "heap" or an EventSet', kind));
  }
}

function checkPriority(who: string, priority: number): void {
  if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    throw new UsageError(badPriority(who, priority, MIN_PRIORITY, MAX_PRIORITY));
  }
}

export type { ConditionValue, ProcessGenerator };
