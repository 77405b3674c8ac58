/**
 * The model bench's layers measure what they say: with clicks off no click happens, and with
 * impressions off none is shown, whatever sources the model has.
 */
import { describe, expect, it } from "vitest";
import { layerConfig } from "../../bench/model.js";
import { simulate } from "../../src/market/index.js";

const sum = (series: readonly number[] | undefined) => (series ?? []).reduce((total, value) => total + value, 0);

describe("model bench layers", () => {
  it("impressions: sessions show impressions but nobody clicks, so nothing is ordered", () => {
    const result = simulate(layerConfig(400, "impressions"), { replication: 0 });
    expect(sum(result.daily.sessions)).toBeGreaterThan(0);
    expect(sum(result.daily.impressions)).toBeGreaterThan(0);
    expect(sum(result.daily.clicks)).toBe(0);
    expect(sum(result.daily.orders)).toBe(0);
  });

  it("sessions: sessions happen and show nothing", () => {
    const result = simulate(layerConfig(400, "sessions"), { replication: 0 });
    expect(sum(result.daily.sessions)).toBeGreaterThan(0);
    expect(sum(result.daily.impressions)).toBe(0);
    expect(sum(result.daily.clicks)).toBe(0);
  });

  it("full is the default scenario: users click and order", () => {
    const result = simulate(layerConfig(400, "full"), { replication: 0 });
    expect(sum(result.daily.clicks)).toBeGreaterThan(0);
    expect(sum(result.daily.orders)).toBeGreaterThan(0);
  });
});
