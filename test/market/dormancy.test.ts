/**
 * The dormancy rule: a follow with no engagement for more than dormantAfterDays drops off with
 * probability unfollowRatePerDay on each day start. The sweep draws a geometric number of days per
 * visit instead of one Bernoulli per day; these checks hold it to the per-day rule's survival curve.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, simulate } from "../../src/market/index.js";
import { DormancySchedule } from "../../src/market/dormancy.js";

describe("dormant follows", () => {
  // Nobody engages: no sessions, no notifications opened, no fan-group posts read, so every
  // follow made at the start (time 0) is dormant from the first day start after dormantAfterDays,
  // and survives day start j with probability (1 − rate)^(j − that day + 1).
  it.each([
    { dormantAfterDays: 3.5, firstDormant: 4 },
    { dormantAfterDays: 0.5, firstDormant: 1 },
    { dormantAfterDays: 7, firstDormant: 8 },
  ])("without engagement, follows survive as the per-day Bernoulli rule says (dormantAfterDays $dormantAfterDays)", ({ dormantAfterDays, firstDormant }) => {
    const rate = 0.05;
    const config = defaultConfig();
    config.population.users = 3000;
    config.population.realUsers = 3000;
    config.calendar.burnInDays = 0;
    for (const segment of config.population.segments) {
      segment.sessionsPerDay = 0;
      segment.unfollowRatePerDay = rate;
    }
    config.traffic.dormantAfterDays = dormantAfterDays;
    config.traffic.notificationOpenProbability = 0;
    config.traffic.fanGroupReach = 0;
    const broken: string[] = [];
    let checked = 0;
    for (const replication of [1, 2]) {
      const stock = simulate(config, { replication }).daily["followerStock"] ?? [];
      const start = stock[0] ?? 0;
      expect(start).toBeGreaterThan(5000);
      for (let day = 0; day < stock.length; day++) {
        const survive = Math.pow(1 - rate, Math.max(0, day - firstDormant + 1));
        const expected = start * survive;
        // Day 0's own sweep may already drop follows only when dormancy starts on day 0 (never here).
        const sd = Math.sqrt(start * survive * (1 - survive));
        if (Math.abs((stock[day] ?? 0) - expected) > 5 * sd + 1e-9) broken.push(`replication ${replication} day ${day}: ${stock[day]} vs ${expected.toFixed(1)} ± ${sd.toFixed(1)}`);
        if (day > 0 && (stock[day] ?? 0) > (stock[day - 1] ?? 0)) broken.push(`replication ${replication} day ${day}: the stock grew`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it("finds the first dormant day by the sweep's own comparison", () => {
    const schedule = new DormancySchedule(30, 100, [0.02]);
    expect(schedule.firstDormantDay(0)).toBe(31);
    expect(schedule.firstDormantDay(0.25)).toBe(31);
    expect(schedule.firstDormantDay(1)).toBe(32);
    expect(schedule.hop).toBe(30);
    for (const lastEngaged of [0, 0.1, 1, 2.999999, 17.5, Math.fround(40.3)]) {
      const day = schedule.firstDormantDay(lastEngaged);
      expect(day - lastEngaged > 30).toBe(true);
      expect(day - 1 - lastEngaged > 30).toBe(false);
    }
    expect(new DormancySchedule(0.5, 100, [0.02]).hop).toBe(1);
  });
});
