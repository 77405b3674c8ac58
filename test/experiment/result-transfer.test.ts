import { describe, expect, it } from "vitest";
import { packResult, resultOfAnswer, unpackResult } from "../../src/experiment/result-transfer.js";
import { defaultConfig } from "../../src/market/parameters.js";
import type { SimulationResult } from "../../src/market/result.js";
import { simulate } from "../../src/market/simulation.js";

function smallRun(): SimulationResult {
  const config = defaultConfig();
  config.population.users = 300;
  config.merchants.count = 20;
  return simulate(config, { replication: 1 });
}

/** Through packResult, a structured clone (what postMessage does), and unpackResult. */
function roundTrip(result: SimulationResult): SimulationResult {
  const packed = packResult(result);
  if (packed === undefined) throw new Error("not packed");
  return unpackResult(structuredClone(packed));
}

describe("a result packed for the trip from a worker", () => {
  it("comes back key for key and bit for bit", () => {
    const result = smallRun();
    expect(result.products.some((row) => row.launchDay === null)).toBe(true);
    expect(result.products.some((row) => row.launchDay !== null)).toBe(true);
    const back = roundTrip(result);
    expect(JSON.stringify(back)).toBe(JSON.stringify(result));
    expect(Object.keys(back)).toEqual(Object.keys(result));
    expect(Object.keys(back.daily)).toEqual(Object.keys(result.daily));
    expect(back).toEqual(result);
  });

  it("keeps −0 and NaN in the daily series, which JSON would not show", () => {
    const result = smallRun();
    const edited = { ...result, daily: { ...result.daily, edge: [-0, Number.NaN, 1.5] } };
    const series = roundTrip(edited).daily.edge ?? [];
    expect(Object.is(series[0], -0)).toBe(true);
    expect(Number.isNaN(series[1])).toBe(true);
    expect(series[2]).toBe(1.5);
  });

  it("is not packed when a ledger row has a field it does not know, and then travels as it is", () => {
    const result = smallRun();
    const extended = { ...result, products: result.products.map((row) => ({ ...row, note: "x" })) };
    expect(packResult(extended)).toBeUndefined();
    expect(resultOfAnswer({ result: extended })).toBe(extended);
    const packed = packResult(result);
    expect(packed).toBeDefined();
    expect(resultOfAnswer({ packed: packed! })).toEqual(result);
  });
});
