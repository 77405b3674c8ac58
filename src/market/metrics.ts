/**
 * Where a run's counts go while it runs: one Float64Array of daily cells, indexed by metric and
 * day, written from the hot loop with plain integer offsets. Per-source funnel counts and per
 * merchant-type GMV have their own blocks of metrics.
 */
import { DAILY_METRICS, SOURCES } from "./result.js";
import { MERCHANT_TYPES } from "./merchant-types.js";

/** Metric index of each daily metric. */
export const METRIC = Object.fromEntries(DAILY_METRICS.map((name, index) => [name, index])) as Record<(typeof DAILY_METRICS)[number], number>;

/** Index of a source (position in SOURCES). */
export const SOURCE = Object.fromEntries(SOURCES.map((name, index) => [name, index])) as Record<(typeof SOURCES)[number], number>;

/** First private source index: sources at or after it are private domain. */
export const FIRST_PRIVATE_SOURCE = SOURCE.followFeed;

const BASE = DAILY_METRICS.length;
/** Per-source blocks: impressions, clicks, carts, orders, gmv (each SOURCES.length wide). */
export const SOURCE_IMPRESSIONS = BASE;
export const SOURCE_CLICKS = BASE + SOURCES.length;
export const SOURCE_CARTS = BASE + 2 * SOURCES.length;
export const SOURCE_ORDERS = BASE + 3 * SOURCES.length;
export const SOURCE_GMV = BASE + 4 * SOURCES.length;
/** Per merchant-type GMV block. */
export const TYPE_GMV = BASE + 5 * SOURCES.length;
/** Number of metric rows. */
export const METRIC_COUNT = TYPE_GMV + MERCHANT_TYPES.length;

/** Names of every metric row, in index order. */
export function metricNames(): string[] {
  const names: string[] = [...DAILY_METRICS];
  for (const stage of ["impressions", "clicks", "carts", "orders", "gmv"]) for (const source of SOURCES) names.push(`${stage}.${source}`);
  for (const type of MERCHANT_TYPES) names.push(`gmv.type.${type}`);
  return names;
}

/** Metrics that are not scaled to real people or yuan. */
export const UNSCALED_METRICS: ReadonlySet<string> = new Set(["avgTrust"]);

/**
 * The daily cells of one run. Each metric row has one extra cell after the last day: the
 * "unrecorded" column that burn-in days write to, so the hot loop adds without a branch.
 */
export class DailyMetrics {
  readonly cells: Float64Array;
  /** Cells per metric row: days + 1. */
  readonly stride: number;
  constructor(readonly days: number) {
    this.stride = days + 1;
    this.cells = new Float64Array(METRIC_COUNT * this.stride);
  }
  /** The column a day writes to: the day itself when recorded, else the unrecorded column. */
  column(day: number): number {
    return day >= 0 && day < this.days ? day : this.days;
  }
  set(metric: number, day: number, value: number): void {
    this.cells[metric * this.stride + day] = value;
  }
  get(metric: number, day: number): number {
    return this.cells[metric * this.stride + day] ?? 0;
  }
  /** Sum over a range of recorded days [from, to). */
  sum(metric: number, from = 0, to = this.days): number {
    let total = 0;
    for (let day = from; day < to; day++) total += this.cells[metric * this.stride + day] ?? 0;
    return total;
  }
}
