/**
 * The due needs' looks (Market.needLook): in each of the user's sessions a due need's look does
 * something (tries the store or searches) with probability 1 − (1 − storeVisitProbability)(1 −
 * searchProbability), independently of the sessions before. The market draws the sessions between
 * such looks (geometric) instead of a draw per session; these tests watch the sessions of a run
 * and check that law: the share of a due need's sessions that serve it, and that share after a
 * served session and after an unserved one (a gap counted from the wrong session, or a stale
 * schedule kept after the need moved, shows as a dependence on the previous session).
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Market } from "../../src/market/index.js";
import type { ModelConfig } from "../../src/market/index.js";

interface Tally {
  trials: number;
  served: number;
  afterServed: number;
  servedAfterServed: number;
  afterUnserved: number;
  servedAfterUnserved: number;
}

/** Runs a market and classifies every (session, due need) pair by whether the need was served. */
function watch(config: ModelConfig): Tally {
  const market = new Market(config, config.seed, 0) as unknown as {
    session: (...args: number[]) => void;
    serveNeed: (user: number, category: number, day: number) => number;
    sessionTime: number;
    population: { users: { due: Float64Array } };
    run(): void;
  };
  const categories = config.categories.length;
  const patience = config.traffic.needPatienceDays;
  const tally: Tally = { trials: 0, served: 0, afterServed: 0, servedAfterServed: 0, afterUnserved: 0, servedAfterUnserved: 0 };
  // Per (user, category): the due time of the need at its last trial and whether it was served.
  const lastDue = new Float64Array(config.population.users * categories).fill(NaN);
  const lastServed = new Uint8Array(config.population.users * categories);
  let servedNow: Set<number> = new Set();
  const session = market.session.bind(market);
  const serveNeed = market.serveNeed.bind(market);
  market.serveNeed = (user, category, day) => {
    servedNow.add(user * categories + category);
    return serveNeed(user, category, day);
  };
  market.session = (user, ...rest) => {
    const time = market.sessionTime;
    const due = market.population.users.due;
    const trials: [number, number][] = [];
    for (let category = 0; category < categories; category++) {
      const at = due[user * categories + category] ?? Infinity;
      // A trial: due, and not past its patience (that session it leaks instead).
      if (at <= time && time - at <= patience) trials.push([user * categories + category, at]);
    }
    servedNow = new Set();
    session(user, ...rest);
    for (const [slot, at] of trials) {
      const served = servedNow.has(slot);
      tally.trials++;
      if (served) tally.served++;
      // The same need episode (its due time unchanged) seen at the user's previous session too.
      if (lastDue[slot] === at) {
        if (lastServed[slot] === 1) {
          tally.afterServed++;
          if (served) tally.servedAfterServed++;
        } else {
          tally.afterUnserved++;
          if (served) tally.servedAfterUnserved++;
        }
      }
      lastDue[slot] = at;
      lastServed[slot] = served ? 1 : 0;
    }
    // Needs due at this session but not a trial of the next (met, leaked) drop out by their due time.
  };
  market.run();
  return tally;
}

/** |observed share − p| in standard errors of a binomial share over n trials. */
function zScore(hits: number, n: number, p: number): number {
  return Math.abs(hits / n - p) / Math.sqrt((p * (1 - p)) / n);
}

function config(store: number, search: number): ModelConfig {
  const base = defaultConfig();
  base.population.users = 1500;
  base.traffic.storeVisitProbability = store;
  base.traffic.searchProbability = search;
  return base;
}

describe("due needs' looks", () => {
  for (const [store, search] of [
    [0.2, 0.35],
    // A small probability: most gaps come from beyond the 16-entry table.
    [0.04, 0.06],
  ] as const) {
    const p = 1 - (1 - store) * (1 - search);
    it(`serve a due need in a session with probability ${p.toFixed(4)}, whatever the session before did (store ${store}, search ${search})`, () => {
      const tally = watch(config(store, search));
      expect(tally.trials).toBeGreaterThan(20_000);
      expect(tally.afterServed).toBeGreaterThan(500);
      expect(tally.afterUnserved).toBeGreaterThan(5_000);
      // 4.5 standard errors: each check fails by chance about once in 150,000 runs.
      expect(zScore(tally.served, tally.trials, p)).toBeLessThan(4.5);
      expect(zScore(tally.servedAfterServed, tally.afterServed, p)).toBeLessThan(4.5);
      expect(zScore(tally.servedAfterUnserved, tally.afterUnserved, p)).toBeLessThan(4.5);
    });
  }

  it("never serve a need when neither the store nor the search is ever tried", () => {
    const tally = watch(config(0, 0));
    expect(tally.trials).toBeGreaterThan(20_000);
    expect(tally.served).toBe(0);
  });
});
