/**
 * The discrete-event kernel: clock, event set, events, processes, resources. Knows no market.
 * @packageDocumentation
 */
export {
  DEFAULT_EVENT_SET,
  Environment,
  MAX_PRIORITY,
  MIN_PRIORITY,
  NORMAL,
  URGENT,
  type EnvironmentOptions,
  type EventSetKind,
  type Handler,
  type Observer,
} from "./environment.js";
export {
  Condition,
  Interrupt,
  SimEvent,
  Timeout,
  type ConditionValue,
  type EventCallback,
} from "./events.js";
export { Process, type ProcessGenerator } from "./process.js";
export { Request, Resource, Store } from "./resource.js";
export { QuaternaryHeap, type EventSet } from "./event-queue.js";
export { CalendarQueue } from "./calendar-queue.js";
export { LadderQueue } from "./ladder-queue.js";
