/**
 * Every misuse message the kernel throws, built in one place so tests can pin them exactly and the
 * wording stays uniform: `<object>: <rule broken> (got <value>)`.
 */

/** Formats a received value for a message: numbers as JavaScript prints them, others JSON-ish. */
export function formatValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "function") return "a function";
  return Object.prototype.toString.call(value);
}

/** A delay that is negative, NaN or infinite. */
export const badDelay = (who: string, delay: unknown): string =>
  `${who}: delay must be a finite number >= 0 (got ${formatValue(delay)})`;

/** An absolute time earlier than the clock, or not finite. */
export const badTime = (who: string, time: unknown, now: number): string =>
  `${who}: time must be a finite number >= now (got ${formatValue(time)}, now is ${now})`;

/** A priority outside the supported integer range. */
export const badPriority = (who: string, priority: unknown, min: number, max: number): string =>
  `${who}: priority must be an integer from ${min} to ${max} (got ${formatValue(priority)})`;

/** A handler id that {@link Environment.register} never returned. */
export const unknownHandler = (who: string, handler: unknown, registered: number): string =>
  `${who}: unknown handler id ${formatValue(handler)} (` +
  (registered === 0 ? "no handler registered yet" : `registered ids are 1 to ${registered}`) +
  ")";

/** `register` given something that is not a function. */
export const notAFunction = (who: string, value: unknown): string =>
  `${who}: handler must be a function (got ${formatValue(value)})`;

/** `run(until)` with a time before the clock. */
export const untilBeforeNow = (until: unknown, now: number): string =>
  `run: until must be a number >= now or an event (got ${formatValue(until)}, now is ${now})`;

/** `run(event)` ran out of events before the event was processed. */
export const untilNeverTriggered = (kind: string): string =>
  `run: no events left but the until ${kind} was never triggered`;

/** `succeed`/`fail` on an event that already has an outcome. */
export const alreadyTriggered = (kind: string, action: string): string =>
  `${kind}: cannot ${action}, the event was already triggered`;

/** Reading `value`/`ok` of an event that has no outcome yet. */
export const notYetTriggered = (kind: string, what: string): string =>
  `${kind}: ${what} is not available, the event has not been triggered yet`;

/** An event that belongs to a different environment. */
export const foreignEvent = (who: string): string =>
  `${who}: the event belongs to another environment`;

/** A process generator yielded something other than an event. */
export const badYield = (name: string, value: unknown): string =>
  `process ${JSON.stringify(name)}: a process may only yield events (got ${formatValue(value)})`;

/** `env.process` given something that is neither a generator nor a generator function. */
export const notAGenerator = (value: unknown): string =>
  `process: expected a generator or a generator function (got ${formatValue(value)})`;

/** Interrupting a process that has finished. */
export const interruptTerminated = (name: string): string =>
  `process ${JSON.stringify(name)}: cannot interrupt a process that has terminated`;

/** A process interrupting itself. */
export const interruptSelf = (name: string): string =>
  `process ${JSON.stringify(name)}: a process cannot interrupt itself`;

/** A resource or store built with a capacity that is not a positive integer (or Infinity for stores). */
export const badCapacity = (who: string, capacity: unknown): string =>
  `${who}: capacity must be a positive integer (got ${formatValue(capacity)})`;

/** Releasing a request that is not held by (or queued at) this resource. */
export const releaseUnknown = (who: string): string =>
  `${who}: release of a request that this resource neither holds nor queues`;
