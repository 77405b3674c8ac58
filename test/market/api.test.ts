/**
 * The library's simulate checks what it is given: a configuration edited in code gets the
 * messages a scenario file would, and bad options a UsageError, before anything runs.
 */
import { describe, expect, it } from "vitest";
import { InputError, UsageError } from "../../src/errors.js";
import { defaultConfig, simulate } from "../../src/market/index.js";
import { simulate as runModel } from "../../src/market/simulation.js";
import { validateConfig } from "../../src/scenario/index.js";
import type { ModelConfig } from "../../src/market/index.js";

const small = (): ModelConfig => {
  const config = defaultConfig();
  config.population.users = 300;
  config.calendar.tailDays = 2;
  return config;
};

describe("simulate (library entry)", () => {
  it("gives the model's own result for a valid configuration", () => {
    expect(JSON.stringify(simulate(small(), { replication: 1 }))).toBe(JSON.stringify(runModel(small(), { replication: 1 })));
  });

  it("lists every problem of an edited configuration, as a scenario file would", () => {
    const config = small();
    config.population.users = 0;
    config.funnel.cartRate = 2;
    let error: unknown;
    try {
      simulate(config, { replication: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as Error).message;
    expect(message).toContain("simulate config: population.users: must be >= 1 (got 0)");
    expect(message).toContain("simulate config: funnel.cartRate: must be <= 1 (got 2)");
  });

  it("refuses options that are missing, a replication that is not an integer >= 0, a seed with a /", () => {
    expect(() => simulate(small(), undefined as never)).toThrow(UsageError);
    for (const replication of [-1, 1.5, Number.NaN]) expect(() => simulate(small(), { replication })).toThrow(/replication must be an integer >= 0/);
    expect(() => simulate(small(), { replication: 0, seed: "a/b" })).toThrow(/seed must be a finite number or a non-empty text without/);
  });
});

describe("default configurations", () => {
  it("are fresh each time: editing one's lists changes no later one, loaded or built", async () => {
    const first = defaultConfig();
    first.population.segments[0]!.share = 0.99;
    first.calendar.peakDays[0]!.multiplier = 9;
    first.levers.coupons.push({ ...first.levers.coupons[0]!, name: "x" } as never);
    const second = defaultConfig();
    expect(second.population.segments[0]!.share).not.toBe(0.99);
    expect(second.calendar.peakDays[0]!.multiplier).not.toBe(9);
    expect(second.levers.coupons).toEqual([]);
    const validated = validateConfig({}, "in code");
    validated.population.segments[1]!.share = 0.77;
    expect(validateConfig({}, "in code").population.segments[1]!.share).not.toBe(0.77);
    expect(defaultConfig().population.segments[1]!.share).not.toBe(0.77);
  });
});
