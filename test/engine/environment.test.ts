import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { Environment, LadderQueue } from "../../src/engine/index.js";

function recorder(env: Environment): { log: number[]; handler: number } {
  const log: number[] = [];
  const handler = env.register((payload) => log.push(payload));
  return { log, handler };
}

describe.each(["heap", "calendar", "ladder"] as const)("Environment callback path (%s)", (eventSet) => {
  it("runs same-time same-priority events first-in first-out", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    for (let i = 0; i < 200; i++) env.schedule(5, handler, i);
    env.run();
    expect(log).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it("runs events in time order and lower priority numbers first at equal times", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    env.schedule(2, handler, 1);
    env.schedule(1, handler, 2, 5);
    env.schedule(1, handler, 3, -3);
    env.schedule(1, handler, 4);
    env.schedule(1, handler, 5, -3);
    env.run();
    expect(log).toEqual([3, 5, 4, 2, 1]);
  });

  it("advances now to each event's time and passes the payload", () => {
    const env = new Environment({ eventSet });
    const seen: [number, number][] = [];
    const handler = env.register((payload) => seen.push([env.now, payload]));
    env.schedule(1.5, handler, 0.25);
    env.scheduleAt(4, handler, -7);
    env.run();
    expect(seen).toEqual([
      [1.5, 0.25],
      [4, -7],
    ]);
  });

  it("cancel removes a pending event, returns true once, and keeps pending exact", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    const a = env.schedule(1, handler, 1);
    const b = env.schedule(2, handler, 2);
    env.schedule(3, handler, 3);
    expect(env.pending).toBe(3);
    expect(env.cancel(b)).toBe(true);
    expect(env.pending).toBe(2);
    expect(env.cancel(b)).toBe(false);
    env.run();
    expect(log).toEqual([1, 3]);
    expect(env.cancel(a)).toBe(false);
    expect(env.cancel(12345678)).toBe(false);
    expect(env.pending).toBe(0);
  });

  it("a stale key does not cancel the event that reuses its slot", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    const old = env.schedule(1, handler, 1);
    env.run();
    env.schedule(1, handler, 2);
    expect(env.cancel(old)).toBe(false);
    env.run();
    expect(log).toEqual([1, 2]);
  });

  it("peek skips cancelled events and is Infinity when nothing is pending", () => {
    const env = new Environment({ eventSet });
    const { handler } = recorder(env);
    expect(env.peek()).toBe(Infinity);
    const k = env.schedule(1, handler);
    env.schedule(2, handler);
    env.cancel(k);
    expect(env.peek()).toBe(2);
  });

  it("cancelling most of many events compacts without losing live ones", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    const keys: number[] = [];
    for (let i = 0; i < 5000; i++) keys.push(env.schedule(i + 1, handler, i));
    for (let i = 0; i < 5000; i++) if (i % 10 !== 0) env.cancel(keys[i]!);
    expect(env.pending).toBe(500);
    env.run();
    expect(log).toEqual(Array.from({ length: 500 }, (_, i) => i * 10));
  });

  it("run(until) processes events with time < until, leaves those at until pending, and sets now = until", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    env.schedule(1, handler, 1);
    env.schedule(5, handler, 5);
    env.schedule(7, handler, 7);
    env.run(5);
    expect(log).toEqual([1]);
    expect(env.now).toBe(5);
    expect(env.pending).toBe(2);
    env.run(6);
    expect(log).toEqual([1, 5]);
    expect(env.now).toBe(6);
    env.run(6);
    expect(env.now).toBe(6);
    env.run();
    expect(log).toEqual([1, 5, 7]);
    expect(env.now).toBe(7);
  });

  it("step processes one event and returns false when nothing is pending", () => {
    const env = new Environment({ eventSet });
    const { log, handler } = recorder(env);
    env.schedule(1, handler, 1);
    env.schedule(2, handler, 2);
    expect(env.step()).toBe(true);
    expect(log).toEqual([1]);
    expect(env.now).toBe(1);
    expect(env.step()).toBe(true);
    expect(env.step()).toBe(false);
  });

  it("stop makes run return after the current event", () => {
    const env = new Environment({ eventSet });
    const log: number[] = [];
    const handler = env.register((p) => {
      log.push(p);
      if (p === 2) env.stop();
    });
    for (let i = 1; i <= 4; i++) env.schedule(i, handler, i);
    env.run(100);
    expect(log).toEqual([1, 2]);
    expect(env.now).toBe(2);
  });

  it("a distribution that shifts by orders of magnitude still runs in time order", () => {
    const env = new Environment({ eventSet });
    const times: number[] = [];
    const handler = env.register(() => times.push(env.now));
    // Dense near-term events, then sparse far-future ones, then a dense burst far ahead: each
    // shift invalidates a calendar's bucket width (the heap does not care).
    for (let i = 0; i < 20_000; i++) env.schedule(i * 1e-6, handler);
    for (let i = 0; i < 20_000; i++) env.schedule(1e6 + ((i * 7919) % 20_000) * 50, handler);
    for (let i = 0; i < 20_000; i++) env.schedule(5e6 + i * 1e-3, handler);
    env.run();
    expect(times).toHaveLength(60_000);
    for (let i = 1; i < times.length; i++) if (times[i]! < times[i - 1]!) throw new Error(`out of order at ${i}`);
  });

  it("arrays grow past the initial capacity without losing events", () => {
    const env = new Environment({ eventSet, capacity: 64 });
    let count = 0;
    const handler = env.register(() => count++);
    for (let i = 0; i < 10_000; i++) env.schedule((i * 7919) % 1000, handler);
    expect(env.pending).toBe(10_000);
    env.run();
    expect(count).toBe(10_000);
  });
});

describe("observers", () => {
  it("observe reports time and label for each processed event, and unsubscribes", () => {
    const env = new Environment();
    const handler = env.register(() => undefined, "arrival");
    const seen: string[] = [];
    const stop = env.observe((time, label, payload) => seen.push(`${time}:${label}:${payload}`));
    env.schedule(1, handler, 3);
    env.timeout(2);
    env.run();
    expect(seen).toEqual(["1:arrival:3", "2:timeout:0"]);
    stop();
    env.schedule(1, handler, 4);
    env.run();
    expect(seen).toHaveLength(2);
  });
});

describe("misuse errors name the object and the rule", () => {
  const cases: [string, (env: Environment, handler: number) => unknown, string][] = [
    ["schedule with a negative delay", (env, h) => env.schedule(-1, h), "schedule: delay must be a finite number >= 0 (got -1)"],
    ["schedule with a NaN delay", (env, h) => env.schedule(NaN, h), "schedule: delay must be a finite number >= 0 (got NaN)"],
    ["schedule with an infinite delay", (env, h) => env.schedule(Infinity, h), "schedule: delay must be a finite number >= 0 (got Infinity)"],
    ["timeout with a negative delay", (env) => env.timeout(-1), "timeout: delay must be a finite number >= 0 (got -1)"],
    ["timeout with a NaN delay", (env) => env.timeout(NaN), "timeout: delay must be a finite number >= 0 (got NaN)"],
    ["timeout with an infinite delay", (env) => env.timeout(Infinity), "timeout: delay must be a finite number >= 0 (got Infinity)"],
    ["scheduleAt in the past", (env, h) => env.scheduleAt(2, h), "scheduleAt: time must be a finite number >= now (got 2, now is 3)"],
    ["schedule with an unknown handler", (env) => env.schedule(1, 9), "schedule: unknown handler id 9 (registered ids are 1 to 1)"],
    ["schedule with the internal handler id 0", (env) => env.schedule(1, 0), "schedule: unknown handler id 0 (registered ids are 1 to 1)"],
    ["schedule with a fractional handler id", (env) => env.schedule(1, 1.5), "schedule: unknown handler id 1.5 (registered ids are 1 to 1)"],
    ["schedule with a fractional priority", (env, h) => env.schedule(1, h, 0, 0.5), "schedule: priority must be an integer from -1024 to 1023 (got 0.5)"],
    ["run until before now", (env) => env.run(1), "run: until must be a number >= now or an event (got 1, now is 3)"],
    ["succeed twice", (env) => env.event().succeed(1).succeed(2), "event: cannot succeed, the event was already triggered"],
    ["fail after succeed", (env) => env.event().succeed(1).fail(new Error("x")), "event: cannot fail, the event was already triggered"],
    ["succeed a timeout", (env) => env.timeout(1).succeed(undefined), "timeout: cannot succeed, the event was already triggered"],
    ["value of an untriggered event", (env) => env.event().value, "event: value is not available, the event has not been triggered yet"],
    ["register a non-function", (env) => env.register(5 as never), "register: handler must be a function (got 5)"],
    ["process of a non-generator", (env) => env.process(42 as never), "process: expected a generator or a generator function (got 42)"],
  ];
  it.each(cases)("%s", (_title, act, message) => {
    const env = new Environment();
    const handler = env.register(() => undefined);
    env.run(3);
    let thrown: unknown;
    try {
      act(env, handler);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toBe(message);
  });

  it("schedule with no handler registered says so", () => {
    const env = new Environment();
    expect(() => env.schedule(1, 1)).toThrow("schedule: unknown handler id 1 (no handler registered yet)");
  });
});

describe("a caller-supplied event set", () => {
  it("is used as given: events run in (time, priority, FIFO) order through it", () => {
    const queue = new LadderQueue(16);
    const env = new Environment({ eventSet: queue });
    const ran: number[] = [];
    const handler = env.register((payload) => ran.push(payload));
    env.schedule(2, handler, 1);
    env.schedule(1, handler, 2);
    env.schedule(1, handler, 3, -1);
    env.schedule(1, handler, 4);
    expect(queue.size).toBe(4);
    env.run();
    expect(ran).toEqual([3, 2, 4, 1]);
    expect(queue.size).toBe(0);
  });

  it("an unknown event-set name is a usage error that names the choices", () => {
    expect(() => new Environment({ eventSet: "splay" as never })).toThrow(UsageError);
    expect(() => new Environment({ eventSet: "splay" as never })).toThrow(/eventSet must be "ladder", "calendar", "heap" or an EventSet/);
  });
});
