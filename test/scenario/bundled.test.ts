import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";

const strategies = ["baseline", "boost-2x", "new-launch", "coupon-66", "public-first", "private-first", "festival-116"];
const bundled = [
  ...readdirSync("scenarios").filter((name) => name.endsWith(".yaml")).map((name) => `scenarios/${name}`),
  ...readdirSync("scenarios/validation").filter((name) => name.endsWith(".yaml")).map((name) => `scenarios/validation/${name}`),
];

describe("bundled scenarios", () => {
  it("every strategy the brief names is bundled", () => {
    for (const name of strategies) expect(bundled).toContain(`scenarios/${name}.yaml`);
    expect(bundled).toContain("scenarios/validation/bass-limit.yaml");
    expect(bundled).toContain("scenarios/validation/coupon-no-pullforward.yaml");
  });

  it.each(bundled)("%s loads and is named after its file", async (file) => {
    const loaded = await loadScenario(file);
    expect(loaded.name).toBe(path.basename(file, ".yaml"));
    expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each(bundled)("%s opens with the schema modeline and a question, and extends baseline unless it is baseline", async (file) => {
    const text = await readFile(file, "utf8");
    const lines = text.split("\n");
    const schemaPath = file.includes("/validation/") ? "../scenario.schema.json" : "./scenario.schema.json";
    expect(lines[0]).toBe(`# yaml-language-server: $schema=${schemaPath}`);
    expect(lines[1]).toMatch(/^# Question: /);
    if (file === "scenarios/baseline.yaml") expect(text).not.toMatch(/^extends:/m);
    else if (!file.includes("/validation/")) expect(text).toMatch(/^extends: \.\/baseline\.yaml$/m);
  });

  it("the strategies set the levers they are named for", async () => {
    const load = async (name: string) => (await loadScenario(`scenarios/${name}.yaml`)).config;
    const baseline = await load("baseline");
    expect(baseline.levers.boost.multiplier).toBe(1);
    expect(baseline.levers.coupons).toEqual([]);
    expect(baseline.levers.launches.merchantShare).toBe(0.3);
    expect((await load("boost-2x")).levers.boost.multiplier).toBe(2);
    const launch = await load("new-launch");
    expect([launch.levers.launches.merchantShare, launch.levers.launches.cadenceDays, launch.levers.rewards.launch]).toEqual([0.75, 7, 0.2]);
    const coupon = (await load("coupon-66")).levers.coupons;
    expect(coupon).toHaveLength(1);
    expect(coupon[0]).toMatchObject({ name: "66购物红利", faceValue: 10, threshold: 66, distribution: "venue", claimRate: 0.6, validityDays: 3 });
    expect(coupon[0]!.pullForwardProbability).toBeGreaterThan(0);
    expect((await load("public-first")).levers.effort).toEqual({ seedingMultiplier: 2, boostBidMultiplier: 1.5, liveHoursMultiplier: 0.7, fanEngagementMultiplier: 0.8, appliesTo: "registered" });
    const privateFirst = await load("private-first");
    expect(privateFirst.levers.effort).toMatchObject({ liveHoursMultiplier: 1.6, fanEngagementMultiplier: 1.5, seedingMultiplier: 0.5 });
    expect(privateFirst.levers.rewards.fan).toBe(0.2);
    const festival = await load("festival-116");
    expect(festival.levers.boost.multiplier).toBe(2);
    expect([festival.levers.launches.merchantShare, festival.levers.launches.cadenceDays]).toEqual([0.75, 7]);
    expect(festival.levers.coupons).toEqual(coupon);
    expect(festival.levers.rewards).toEqual({ registration: 0.15, fan: 0.2, launch: 0.2 });
    const noPull = (await loadScenario("scenarios/validation/coupon-no-pullforward.yaml")).config.levers.coupons;
    expect(noPull).toEqual([{ ...coupon[0], pullForwardProbability: 0 }]);
  });

  it("the Bass-limit check holds every exposure still", async () => {
    const config = (await loadScenario("scenarios/validation/bass-limit.yaml")).config;
    expect(config.population.segments).toHaveLength(1);
    expect(config.categories).toHaveLength(1);
    expect(config.merchants.count).toBe(1);
    expect(config.merchants.types.brand.productsAtStart).toBe(1);
    expect(config.funnel.repeatPurchase).toBe(false);
    expect(config.calendar.hourlyProfile).toEqual(Array(24).fill(1));
    expect(config.calendar.peakDays).toEqual([]);
    expect(config.levers.coupons).toEqual([]);
    expect(config.levers.launches.merchantShare).toBe(0);
    expect(config.wordOfMouth).toEqual({ contactsPerDay: 0.1, activeDays: 1000 });
  });
});
