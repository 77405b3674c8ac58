/**
 * Summaries the charts draw, computed from the long-format rows: per-day means with 95%
 * t-intervals over replications, paired daily differences against the baseline, funnel totals
 * and product-GMV histograms. Pure functions; output order is fixed (scenario order given,
 * then date) so the specs built from them are the same bytes on every run.
 */
import { pairedDifference, summarize, unpairedDifference } from "../stats/index.js";
import type { DailyRow, FunnelCsvRow, ProductCsvRow } from "./types.js";

/** A daily mean with its 95% interval over replications. */
export interface DailyBand {
  readonly scenario: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  /** Replications behind the mean. */
  readonly n: number;
}

/** scenario → date → replication → value, for one metric. */
type Cube = Map<string, Map<string, Map<number, number>>>;

function cube(rows: readonly DailyRow[], metric: string): Cube {
  const out: Cube = new Map();
  for (const row of rows) {
    if (row.metric !== metric || !Number.isFinite(row.value)) continue;
    let byDate = out.get(row.scenario);
    if (byDate === undefined) out.set(row.scenario, (byDate = new Map()));
    let byReplication = byDate.get(row.day);
    if (byReplication === undefined) byDate.set(row.day, (byReplication = new Map()));
    byReplication.set(row.replication, row.value);
  }
  return out;
}

function sortedDates(byDate: Map<string, unknown>): string[] {
  // YYYY-MM-DD sorts as text in calendar order.
  return [...byDate.keys()].sort();
}

function band(scenario: string, date: string, values: readonly number[]): DailyBand {
  const summary = summarize(values);
  return { scenario, date, mean: summary.mean, lo: summary.ci95[0], hi: summary.ci95[1], n: summary.n };
}

/**
 * Per-day mean of a metric with a 95% t-interval over replications, for each scenario.
 *
 * @param rows - daily.csv rows (other metrics are ignored).
 * @param metric - e.g. "gmv", "followerStock".
 * @param scenarios - scenario order of the output; scenarios without the metric are left out.
 */
export function dailyBands(rows: readonly DailyRow[], metric: string, scenarios: readonly string[]): DailyBand[] {
  const data = cube(rows, metric);
  const out: DailyBand[] = [];
  for (const scenario of scenarios) {
    const byDate = data.get(scenario);
    if (byDate === undefined) continue;
    for (const date of sortedDates(byDate)) {
      out.push(band(scenario, date, [...(byDate.get(date)?.values() ?? [])]));
    }
  }
  return out;
}

/**
 * Per-day mean of numerator / denominator (each replication's own ratio) with a 95% interval;
 * days where the denominator is 0 are left out.
 */
export function dailyRatioBands(rows: readonly DailyRow[], numerator: string, denominator: string, scenarios: readonly string[]): DailyBand[] {
  const top = cube(rows, numerator);
  const bottom = cube(rows, denominator);
  const out: DailyBand[] = [];
  for (const scenario of scenarios) {
    const byDate = top.get(scenario);
    const below = bottom.get(scenario);
    if (byDate === undefined || below === undefined) continue;
    for (const date of sortedDates(byDate)) {
      const ratios: number[] = [];
      for (const [replication, value] of byDate.get(date) ?? []) {
        const divisor = below.get(date)?.get(replication);
        if (divisor !== undefined && divisor !== 0) ratios.push(value / divisor);
      }
      if (ratios.length > 0) out.push(band(scenario, date, ratios));
    }
  }
  return out;
}

/**
 * Per-day difference strategy − baseline of a metric with a 95% interval. Replications with the
 * same number share random streams (common random numbers), so where both scenarios have the
 * same replications the difference is paired; otherwise it falls back to Welch's interval.
 */
export function dailyDifferenceBands(rows: readonly DailyRow[], metric: string, baseline: string, strategies: readonly string[]): DailyBand[] {
  const data = cube(rows, metric);
  const base = data.get(baseline);
  const out: DailyBand[] = [];
  if (base === undefined) return out;
  for (const scenario of strategies) {
    if (scenario === baseline) continue;
    const byDate = data.get(scenario);
    if (byDate === undefined) continue;
    for (const date of sortedDates(byDate)) {
      const treated = byDate.get(date);
      const reference = base.get(date);
      if (treated === undefined || reference === undefined) continue;
      const shared = [...treated.keys()].filter((replication) => reference.has(replication)).sort((a, b) => a - b);
      if (shared.length === treated.size && shared.length === reference.size && shared.length > 0) {
        const result = pairedDifference(
          shared.map((replication) => treated.get(replication) as number),
          shared.map((replication) => reference.get(replication) as number),
        );
        out.push({ scenario, date, mean: result.diff, lo: result.ci95[0], hi: result.ci95[1], n: result.n });
      } else if (treated.size >= 2 && reference.size >= 2) {
        const result = unpairedDifference([...treated.values()], [...reference.values()]);
        out.push({ scenario, date, mean: result.diff, lo: result.ci95[0], hi: result.ci95[1], n: Math.min(treated.size, reference.size) });
      }
    }
  }
  return out;
}

/** Funnel totals of one scenario and domain, averaged over replications. */
export interface FunnelTotals {
  readonly scenario: string;
  readonly domain: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly carts: number;
  readonly orders: number;
  readonly gmv: number;
}

/**
 * Funnel totals per scenario and domain (public, private), summed over sources and averaged
 * over replications, in the given scenario order and public before private.
 */
export function funnelTotals(rows: readonly FunnelCsvRow[], scenarios: readonly string[]): FunnelTotals[] {
  const out: FunnelTotals[] = [];
  const domains = [...new Set(rows.map((row) => row.domain))].sort((a, b) => (a === "public" ? -1 : b === "public" ? 1 : a.localeCompare(b)));
  for (const scenario of scenarios) {
    for (const domain of domains) {
      const selected = rows.filter((row) => row.scenario === scenario && row.domain === domain);
      if (selected.length === 0) continue;
      const replications = new Set(selected.map((row) => row.replication)).size;
      const sum = (key: "impressions" | "clicks" | "carts" | "orders" | "gmv") =>
        selected.reduce((total, row) => total + (Number.isFinite(row[key]) ? row[key] : 0), 0) / replications;
      out.push({ scenario, domain, impressions: sum("impressions"), clicks: sum("clicks"), carts: sum("carts"), orders: sum("orders"), gmv: sum("gmv") });
    }
  }
  return out;
}

/** One bin of the product-GMV histogram on a log10 scale. */
export interface GmvBin {
  readonly scenario: string;
  /** Lower and upper edge of the bin, yuan. */
  readonly lo: number;
  readonly hi: number;
  /** Geometric centre of the bin, yuan: where the bin is drawn on a log axis. */
  readonly mid: number;
  /** Real products in the bin (each simulated product counts as the real ones it stands for), mean per replication. */
  readonly products: number;
  /** 95% t-interval of `products` over replications (a replication with none in the bin counts 0). */
  readonly productsLo: number;
  readonly productsHi: number;
}

/** Bins per factor of ten: fine enough to see the tail, coarse enough for a few hundred products. */
const BINS_PER_DECADE = 4;

/**
 * Histogram of product GMV on log10 bins (products with no GMV are left out: they have no place
 * on a log axis), as mean real products per replication so scenarios with different replication
 * counts compare, with a 95% t-interval over replications. Each simulated product counts
 * `realProducts` times, so the bins add up to the KPIs productsOver10M and productsOver100M.
 * Every scenario gets the same bins, empty ones included, so lines meet 0.
 */
export function productGmvBins(rows: readonly ProductCsvRow[], scenarios: readonly string[]): GmvBin[] {
  const positive = rows.filter((row) => Number.isFinite(row.gmv) && row.gmv > 0);
  if (positive.length === 0) return [];
  const logs = positive.map((row) => Math.log10(row.gmv));
  // A loop, not Math.min(...logs): a compare holds hundreds of thousands of product rows, more
  // arguments than a call can take.
  let lowest = Infinity;
  let highest = -Infinity;
  for (const value of logs) {
    if (value < lowest) lowest = value;
    if (value > highest) highest = value;
  }
  const first = Math.floor(lowest * BINS_PER_DECADE);
  const last = Math.floor(highest * BINS_PER_DECADE);
  const out: GmvBin[] = [];
  for (const scenario of scenarios) {
    const selected = rows.filter((row) => row.scenario === scenario);
    if (selected.length === 0) continue;
    const replications = [...new Set(selected.map((row) => row.replication))].sort((a, b) => a - b);
    // bin → replication → real products, so each bin gets a mean and an interval over replications.
    const counts = new Map<number, Map<number, number>>();
    for (const row of selected) {
      if (!(row.gmv > 0)) continue;
      const bin = Math.floor(Math.log10(row.gmv) * BINS_PER_DECADE);
      let byReplication = counts.get(bin);
      if (byReplication === undefined) counts.set(bin, (byReplication = new Map()));
      byReplication.set(row.replication, (byReplication.get(row.replication) ?? 0) + row.realProducts);
    }
    for (let bin = first; bin <= last; bin += 1) {
      const byReplication = counts.get(bin);
      const summary = summarize(replications.map((replication) => byReplication?.get(replication) ?? 0));
      out.push({
        scenario,
        lo: 10 ** (bin / BINS_PER_DECADE),
        hi: 10 ** ((bin + 1) / BINS_PER_DECADE),
        mid: 10 ** ((bin + 0.5) / BINS_PER_DECADE),
        products: summary.mean,
        productsLo: summary.ci95[0],
        productsHi: summary.ci95[1],
      });
    }
  }
  return out;
}

/** Replication values of one KPI per scenario, replications in ascending order. */
export function kpiValues(rows: readonly { scenario: string; replication: number; kpi: string; value: number }[], kpi: string, scenario: string): number[] {
  return rows
    .filter((row) => row.kpi === kpi && row.scenario === scenario && Number.isFinite(row.value))
    .sort((a, b) => a.replication - b.replication)
    .map((row) => row.value);
}
