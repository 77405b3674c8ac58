/**
 * A click chooses its product only once the cart draw leaves a cart possible (Market.click): the
 * product matters to nothing before the cart decision but the decision's need factor, so the cart
 * uniform is held against the rate at the larger factor first. These tests run the same markets
 * with the product chosen first — a wrapper around click that picks it and hands it in, which is
 * how every click chose before — and compare what the choice can move, replication by replication:
 * carts per click, orders per cart, GMV per order, the share of GMV new to its buyer, repurchase,
 * needs leaked (met elsewhere) per order.
 * The deferred form must also pick far fewer products. A choice from the wrong range (any
 * category for a store visit's or a search's click) fails it at z ≈ 8–16; a need factor read from
 * another category than the product's (the first, at 1,500 users) is below what it resolves.
 */
import { describe, expect, it } from "vitest";
import { defaultConfig, Market } from "../../src/market/index.js";
import type { ModelConfig, SimulationResult } from "../../src/market/index.js";

const NONE = -1;

interface Internals {
  click: (user: number, merchant: number, category: number, product: number, source: number, time: number, day: number, live: boolean, known?: number) => void;
  pickProduct: (user: number, merchant: number, category: number, known?: number) => number;
  pickedRecord: number;
  run(): void;
  result(): SimulationResult;
}

interface Run {
  result: SimulationResult;
  picks: number;
}

function run(config: ModelConfig, replication: number, chooseFirst: boolean): Run {
  const market = new Market(config, config.seed, replication) as unknown as Internals;
  const click = market.click.bind(market);
  const pickProduct = market.pickProduct.bind(market);
  let picks = 0;
  market.pickProduct = (user, merchant, category, known) => {
    picks++;
    return pickProduct(user, merchant, category, known);
  };
  if (chooseFirst) {
    market.click = (user, merchant, category, product, source, time, day, live, known) => {
      if (product === NONE) {
        product = market.pickProduct(user, merchant, category, known);
        if (product === NONE) return;
        known = market.pickedRecord;
      }
      click(user, merchant, category, product, source, time, day, live, known);
    };
  }
  market.run();
  return { result: market.result(), picks };
}

/** The statistics the product's choice can move, for one run. */
function statistics(result: SimulationResult): number[] {
  let clicks = 0;
  let carts = 0;
  let orders = 0;
  let gmv = 0;
  for (const row of result.funnel) {
    clicks += row.clicks;
    carts += row.carts;
    orders += row.orders;
    gmv += row.gmv;
  }
  const leaked = (result.daily.needsLeaked ?? []).reduce((sum, value) => sum + value, 0);
  return [carts / clicks, orders / carts, gmv / orders, result.kpis.newProductGmvShare, result.kpis.repurchaseRate, leaked / orders];
}

const NAMES = ["carts per click", "orders per cart", "GMV per order", "new-to-buyer share of GMV", "repurchase rate", "needs leaked per order"];

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function variance(values: readonly number[]): number {
  const centre = mean(values);
  return values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1);
}

function compare(config: ModelConfig, replications: number): void {
  const deferred: number[][] = [];
  const first: number[][] = [];
  let deferredPicks = 0;
  let firstPicks = 0;
  for (let replication = 0; replication < replications; replication++) {
    const a = run(config, replication, false);
    const b = run(config, replication, true);
    deferred.push(statistics(a.result));
    first.push(statistics(b.result));
    deferredPicks += a.picks;
    firstPicks += b.picks;
  }
  // The deferred form chooses a product for the clicks that can cart, about one in five.
  expect(deferredPicks).toBeLessThan(0.4 * firstPicks);
  NAMES.forEach((name, index) => {
    const a = deferred.map((values) => values[index] ?? NaN);
    const b = first.map((values) => values[index] ?? NaN);
    const z = Math.abs(mean(a) - mean(b)) / Math.sqrt((variance(a) + variance(b)) / replications);
    // Welch's statistic on 2 × 10 replications: above 5 by chance about once in 10,000 runs.
    expect(z, name).toBeLessThan(5);
  });
}

function config(impulseFactor: number): ModelConfig {
  const base = defaultConfig();
  base.population.users = 1500;
  base.funnel.impulseFactor = impulseFactor;
  return base;
}

describe("a click's product chosen after its cart draw", () => {
  it("gives the law of choosing first (the default impulse factor, 0.6)", () => {
    compare(config(0.6), 10);
  });

  it("gives the law of choosing first when impulse purchases cart more often than needs (factor 1.5)", () => {
    compare(config(1.5), 10);
  });
});
