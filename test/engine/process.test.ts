import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { Environment, Interrupt, type ProcessGenerator, type SimEvent } from "../../src/engine/index.js";

describe("generator processes", () => {
  it("a timeout resumes the process after its delay with its value", () => {
    const env = new Environment();
    const seen: [number, unknown][] = [];
    env.process(function* () {
      const v = yield env.timeout(2.5, "tick");
      seen.push([env.now, v]);
      yield env.timeout(1);
      seen.push([env.now, "done"]);
    });
    env.run();
    expect(seen).toEqual([
      [2.5, "tick"],
      [3.5, "done"],
    ]);
  });

  it("yielding a process waits for it and receives its return value", () => {
    const env = new Environment();
    const child = env.process(function* (): ProcessGenerator<number> {
      yield env.timeout(4);
      return 42;
    });
    let got: unknown;
    let at = -1;
    env.process(function* () {
      got = yield child;
      at = env.now;
    });
    env.run();
    expect(got).toBe(42);
    expect(at).toBe(4);
  });

  it("run(event) returns the event's value and stops there", () => {
    const env = new Environment();
    const p = env.process(function* (): ProcessGenerator<string> {
      yield env.timeout(3);
      return "ok";
    });
    env.timeout(10);
    expect(env.run(p)).toBe("ok");
    expect(env.now).toBe(3);
    expect(env.pending).toBe(1);
  });

  it("run(event) on an event that can never trigger throws", () => {
    const env = new Environment();
    expect(() => env.run(env.event())).toThrow("run: no events left but the until event was never triggered");
  });

  it("an event triggered with succeed resumes every waiting process in order", () => {
    const env = new Environment();
    const gate = env.event<string>();
    const order: string[] = [];
    for (const name of ["a", "b", "c"]) {
      env.process(function* () {
        const v = yield gate;
        order.push(`${name}:${String(v)}`);
      });
    }
    env.process(function* () {
      yield env.timeout(1);
      gate.succeed("open");
    });
    env.run();
    expect(order).toEqual(["a:open", "b:open", "c:open"]);
  });

  it("interrupt throws an Interrupt with the cause into the process, which may catch it", () => {
    const env = new Environment();
    const log: string[] = [];
    const worker = env.process(function* () {
      try {
        yield env.timeout(10);
        log.push("finished");
      } catch (error) {
        log.push(`interrupted at ${env.now} by ${String((error as Interrupt).cause)}`);
        expect(error).toBeInstanceOf(Interrupt);
      }
      yield env.timeout(1);
      log.push(`resumed until ${env.now}`);
    });
    env.process(function* () {
      yield env.timeout(3);
      worker.interrupt("break");
    });
    env.run();
    expect(log).toEqual(["interrupted at 3 by break", "resumed until 4"]);
  });

  it("an interrupted process no longer waits for its old target", () => {
    const env = new Environment();
    let resumed = 0;
    const worker = env.process(function* () {
      try {
        yield env.timeout(5);
      } catch {
        // ignore the interrupt and wait on something else
      }
      resumed++;
      yield env.timeout(100);
      resumed++;
    });
    env.process(function* () {
      yield env.timeout(1);
      worker.interrupt();
    });
    env.run(50);
    expect(resumed).toBe(1);
  });

  it("interrupting a terminated process is an error", () => {
    const env = new Environment();
    const p = env.process(function* () {
      yield env.timeout(1);
    }, "shopper");
    env.run();
    expect(() => p.interrupt()).toThrow(new UsageError('process "shopper": cannot interrupt a process that has terminated'));
  });

  it("a process that yields a failed event can catch the error", () => {
    const env = new Environment();
    const ev = env.event();
    let caught: unknown;
    env.process(function* () {
      try {
        yield ev;
      } catch (error) {
        caught = error;
      }
    });
    env.process(function* () {
      yield env.timeout(1);
      ev.fail(new Error("boom"));
    });
    env.run();
    expect((caught as Error).message).toBe("boom");
  });

  it("a failure nobody handles stops run by throwing it", () => {
    const env = new Environment();
    env.process(function* () {
      yield env.timeout(2);
      throw new Error("unhandled in process");
    });
    env.timeout(5);
    expect(() => env.run()).toThrow("unhandled in process");
    expect(env.now).toBe(2);
  });

  it("a failed event with no waiter stops run; a defused one does not", () => {
    const env = new Environment();
    env.event().fail(new Error("lonely"));
    expect(() => env.run()).toThrow("lonely");
    const env2 = new Environment();
    const ev = env2.event();
    ev.fail(new Error("handled"));
    ev.defuse();
    expect(() => env2.run()).not.toThrow();
  });

  it("a process failure propagates to a process waiting on it", () => {
    const env = new Environment();
    const child = env.process(function* () {
      yield env.timeout(1);
      throw new Error("child failed");
    });
    let caught = "";
    env.process(function* () {
      try {
        yield child;
      } catch (error) {
        caught = (error as Error).message;
      }
    });
    env.run();
    expect(caught).toBe("child failed");
  });

  it("yielding a non-event throws a UsageError into the process", () => {
    const env = new Environment();
    let caught: unknown;
    env.process(function* () {
      try {
        yield 5 as unknown as SimEvent;
      } catch (error) {
        caught = error;
      }
    }, "bad");
    env.run();
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toBe('process "bad": a process may only yield events (got 5)');
  });

  it("allOf succeeds when all events have, with every value", () => {
    const env = new Environment();
    const a = env.timeout(1, "a");
    const b = env.timeout(3, "b");
    let at = -1;
    let values: unknown[] = [];
    env.process(function* () {
      const result = (yield env.allOf([a, b])) as Map<SimEvent, unknown>;
      at = env.now;
      values = [result.get(a), result.get(b)];
    });
    env.run();
    expect(at).toBe(3);
    expect(values).toEqual(["a", "b"]);
  });

  it("anyOf succeeds at the first event, with the events processed so far", () => {
    const env = new Environment();
    const a = env.timeout(1, "a");
    const b = env.timeout(3, "b");
    let at = -1;
    let keys: unknown[] = [];
    env.process(function* () {
      const result = (yield env.anyOf([b, a])) as Map<SimEvent, unknown>;
      at = env.now;
      keys = [...result.values()];
    });
    env.run();
    expect(at).toBe(1);
    expect(keys).toEqual(["a"]);
  });

  it("allOf fails with the first failure, and the process can catch it", () => {
    const env = new Environment();
    const bad = env.event();
    let caught = "";
    env.process(function* () {
      try {
        yield env.allOf([env.timeout(5), bad]);
      } catch (error) {
        caught = (error as Error).message;
      }
    });
    env.process(function* () {
      yield env.timeout(1);
      bad.fail(new Error("part failed"));
    });
    env.run();
    expect(caught).toBe("part failed");
  });

  it("allOf and anyOf of no events succeed at once", () => {
    const env = new Environment();
    const all = env.allOf([]);
    const any = env.anyOf([]);
    env.run();
    expect(all.ok && any.ok).toBe(true);
    expect(env.now).toBe(0);
  });

  it("process starts run before ordinary events at the same time", () => {
    const env = new Environment();
    const log: string[] = [];
    const h = env.register(() => log.push("callback"));
    env.schedule(0, h);
    env.process(function* () {
      log.push("process");
      yield env.timeout(0);
    });
    env.run();
    expect(log).toEqual(["process", "callback"]);
  });
});
