import { describe, expect, it } from "vitest";
import { Environment, Resource, Store, type ProcessGenerator } from "../../src/engine/index.js";
import { exponential } from "./helpers.js";

/** Simulates an M/M/c queue on generator processes; returns each customer's wait in queue. */
function simulateQueue(lambda: number, mu: number, servers: number, customers: number, seed: string): Float64Array {
  const env = new Environment();
  const server = new Resource(env, servers);
  const arrival = exponential(`${seed}/arrivals`, lambda);
  const service = exponential(`${seed}/services`, mu);
  const waits = new Float64Array(customers);
  let served = 0;
  function* customer(): ProcessGenerator<void> {
    const arrived = env.now;
    const request = server.request();
    yield request;
    waits[served++] = env.now - arrived;
    yield env.timeout(service());
    server.release(request);
  }
  env.process(function* () {
    for (let i = 0; i < customers; i++) {
      env.process(customer());
      yield env.timeout(arrival());
    }
  });
  env.run();
  expect(served).toBe(customers);
  return waits;
}

/** Mean and 95% half-width from independent replications (t quantile for the given df). */
function replicationCi(means: readonly number[], t: number): { mean: number; half: number } {
  const n = means.length;
  const mean = means.reduce((a, x) => a + x, 0) / n;
  const variance = means.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, half: t * Math.sqrt(variance / n) };
}

function meanAfterWarmup(waits: Float64Array, warmup: number): number {
  let sum = 0;
  for (let i = warmup; i < waits.length; i++) sum += waits[i]!;
  return sum / (waits.length - warmup);
}

describe("queueing models against theory", () => {
  it("M/M/1 (λ=0.9, μ=1): mean wait in queue has a 95% CI covering ρ/(μ−λ) = 9", () => {
    // 10 replications of 200k customers (10k warm-up each); t(0.975, 9) = 2.262.
    const means: number[] = [];
    for (let r = 0; r < 10; r++) means.push(meanAfterWarmup(simulateQueue(0.9, 1, 1, 200_000, `mm1/rep:${r}`), 10_000));
    const { mean, half } = replicationCi(means, 2.262);
    expect(half).toBeLessThan(1); // the CI must be informative for the check to mean anything
    expect(Math.abs(mean - 9)).toBeLessThan(half);
  });

  it("M/M/3 (λ=2.4, μ=1): mean wait in queue matches Erlang C", () => {
    const lambda = 2.4;
    const mu = 1;
    const c = 3;
    const a = lambda / mu;
    const rho = a / c;
    // Erlang C: P(wait) = (a^c / c!) / ((1 − ρ) Σ_{k<c} a^k/k! + a^c/c!); Wq = P(wait) / (cμ − λ).
    let sum = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    const pWait = term / ((1 - rho) * sum + term);
    const wq = pWait / (c * mu - lambda);
    expect(wq).toBeCloseTo(1.07865, 4); // P(wait) = 2.304 / 3.56 = 0.64719; / 0.6 (hand-checked)
    const means: number[] = [];
    for (let r = 0; r < 10; r++) means.push(meanAfterWarmup(simulateQueue(lambda, mu, c, 100_000, `mm3/rep:${r}`), 5_000));
    const { mean, half } = replicationCi(means, 2.262);
    expect(half).toBeLessThan(0.1);
    expect(Math.abs(mean - wq)).toBeLessThan(half);
  });

  it("a Resource grants requests first come first served", () => {
    const env = new Environment();
    const server = new Resource(env, 1);
    const order: number[] = [];
    for (let i = 0; i < 5; i++) {
      env.process(function* () {
        const req = server.request();
        yield req;
        order.push(i);
        yield env.timeout(1);
        server.release(req);
      });
    }
    env.run();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(env.now).toBe(5);
  });

  it("releasing a queued request withdraws it", () => {
    const env = new Environment();
    const server = new Resource(env, 1);
    const held = server.request();
    const queued = server.request();
    expect(server.queueLength).toBe(1);
    server.release(queued);
    expect(server.queueLength).toBe(0);
    server.release(held);
    expect(server.count).toBe(0);
    expect(() => server.release(held)).toThrow("Resource: release of a request that this resource neither holds nor queues");
  });

  it("a Store hands items out FIFO and blocks getters until an item arrives", () => {
    const env = new Environment();
    const store = new Store<string>(env, 2);
    const got: [number, string][] = [];
    env.process(function* () {
      for (let i = 0; i < 3; i++) {
        const item = (yield store.get()) as string;
        got.push([env.now, item]);
      }
    });
    env.process(function* () {
      yield env.timeout(1);
      yield store.put("a");
      yield store.put("b");
      yield env.timeout(1);
      yield store.put("c");
    });
    env.run();
    expect(got).toEqual([
      [1, "a"],
      [1, "b"],
      [2, "c"],
    ]);
  });
});
