/**
 * Shared resources for generator processes, SimPy style: a {@link Resource} with a number of
 * identical servers granted first-come first-served, and a {@link Store} of items (FIFO).
 */
import { UsageError } from "../errors.js";
import type { Environment } from "./environment.js";
import { SimEvent } from "./events.js";
import { badCapacity, releaseUnknown } from "./messages.js";

/** A claim on a {@link Resource}; succeeds (value: itself) when a server is granted. */
export class Request extends SimEvent<Request> {
  /** The resource asked. */
  readonly resource: Resource;
  /** Time the request was made, in model time units. */
  readonly requestedAt: number;

  /** Use `resource.request()`. */
  constructor(resource: Resource) {
    super(resource.env, "request");
    this.resource = resource;
    this.requestedAt = resource.env.now;
  }
}

/**
 * `capacity` identical servers; requests are granted in arrival order. Yield the request to wait
 * for a server, then `release` it.
 */
export class Resource {
  /** The environment the resource lives in. */
  readonly env: Environment;
  /** Number of servers. */
  readonly capacity: number;
  /** Requests holding a server. */
  readonly users: Request[] = [];
  // FIFO queue with a head index so dequeue is O(1); compacted when half is dead space.
  private waiting: Request[] = [];
  private head = 0;

  /**
   * @param capacity number of servers, a positive integer (default 1).
   * @throws UsageError when capacity is not a positive integer.
   */
  constructor(env: Environment, capacity = 1) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new UsageError(badCapacity("Resource", capacity));
    this.env = env;
    this.capacity = capacity;
  }

  /** Number of requests waiting for a server. */
  get queueLength(): number {
    return this.waiting.length - this.head;
  }

  /** Number of servers in use. */
  get count(): number {
    return this.users.length;
  }

  /** Asks for a server; the returned event succeeds when one is granted. */
  request(): Request {
    const request = new Request(this);
    if (this.users.length < this.capacity && this.queueLength === 0) {
      this.users.push(request);
      request.succeed(request);
    } else {
      this.waiting.push(request);
    }
    return request;
  }

  /**
   * Gives back a granted server (then grants the next waiting request), or withdraws a request
   * still waiting.
   * @throws UsageError when the request is neither held nor queued here.
   */
  release(request: Request): void {
    const held = this.users.indexOf(request);
    if (held >= 0) {
      this.users.splice(held, 1);
    } else {
      const queued = this.waiting.indexOf(request, this.head);
      if (queued < 0) throw new UsageError(releaseUnknown("Resource"));
      this.waiting.splice(queued, 1);
      return;
    }
    while (this.users.length < this.capacity && this.head < this.waiting.length) {
      const next = this.waiting[this.head++]!;
      this.users.push(next);
      next.succeed(next);
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * A FIFO store of items with a capacity: `put(item)` waits while full, `get()` waits while empty.
 */
export class Store<T> {
  /** The environment the store lives in. */
  readonly env: Environment;
  /** Maximum number of items held (Infinity allowed). */
  readonly capacity: number;
  /** Items held, oldest first. */
  readonly items: T[] = [];
  private readonly putters: { event: SimEvent<undefined>; item: T }[] = [];
  private readonly getters: SimEvent<T>[] = [];

  /**
   * @param capacity maximum items, a positive integer or Infinity (default Infinity).
   * @throws UsageError when capacity is not a positive integer or Infinity.
   */
  constructor(env: Environment, capacity = Infinity) {
    if (!(capacity === Infinity || (Number.isInteger(capacity) && capacity >= 1))) {
      throw new UsageError(badCapacity("Store", capacity));
    }
    this.env = env;
    this.capacity = capacity;
  }

  /** Adds an item; the event succeeds once the item is in the store. */
  put(item: T): SimEvent<undefined> {
    const event = new SimEvent<undefined>(this.env, "put");
    this.putters.push({ event, item });
    this.settle();
    return event;
  }

  /** Takes the oldest item; the event succeeds with it once one is available. */
  get(): SimEvent<T> {
    const event = new SimEvent<T>(this.env, "get");
    this.getters.push(event);
    this.settle();
    return event;
  }

  private settle(): void {
    for (;;) {
      let progressed = false;
      while (this.putters.length > 0 && this.items.length < this.capacity) {
        const { event, item } = this.putters.shift()!;
        this.items.push(item);
        event.succeed(undefined);
        progressed = true;
      }
      while (this.getters.length > 0 && this.items.length > 0) {
        this.getters.shift()!.succeed(this.items.shift()!);
        progressed = true;
      }
      if (!progressed) return;
    }
  }
}
