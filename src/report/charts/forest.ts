/**
 * The forest plot: each KPI's difference against the baseline, relative to the baseline's
 * mean, with its 95% interval as a whisker, one dot per strategy. Whiskers that miss the zero
 * line are the changes the replications support.
 */
import type { TopLevelSpec } from "vega-lite";
import { FOREST_KPIS } from "../kpis.js";
import type { Comparison } from "../types.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";

/** One whisker of the forest plot. */
export interface ForestRow {
  readonly scenario: string;
  readonly kpi: string;
  /** Relative difference and its interval, percent of the baseline mean. */
  readonly relative: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * The baseline's mean of a KPI: from the baseline's own entry when comparison.json lists it,
 * else recovered from any strategy's diff / relative (relative = diff / baseline mean).
 */
export function baselineMean(comparison: Comparison, kpi: string): number | undefined {
  const own = comparison.strategies.find((strategy) => strategy.scenario === comparison.baseline)?.kpis[kpi]?.mean;
  if (own !== undefined && Number.isFinite(own)) return own;
  for (const strategy of comparison.strategies) {
    const difference = strategy.vsBaseline[kpi];
    if (difference !== undefined && Number.isFinite(difference.relative) && difference.relative !== 0 && Number.isFinite(difference.diff)) {
      return difference.diff / difference.relative;
    }
  }
  return undefined;
}

/**
 * Forest rows of a comparison, in forest-KPI order then strategy order; KPIs whose baseline
 * mean is 0 or unknown (no relative scale) are left out.
 */
export function forestRows(comparison: Comparison, scenarios: readonly string[]): ForestRow[] {
  const rows: ForestRow[] = [];
  for (const kpi of FOREST_KPIS) {
    const base = baselineMean(comparison, kpi);
    if (base === undefined || base === 0 || !Number.isFinite(base)) continue;
    for (const scenario of scenarios) {
      if (scenario === comparison.baseline) continue;
      const difference = comparison.strategies.find((strategy) => strategy.scenario === scenario)?.vsBaseline[kpi];
      if (difference === undefined || !Number.isFinite(difference.diff)) continue;
      const lo = difference.ci95[0] / base;
      const hi = difference.ci95[1] / base;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
      // A negative baseline mean flips the interval's ends.
      rows.push({ scenario, kpi, relative: (difference.diff / base) * 100, lo: Math.min(lo, hi) * 100, hi: Math.max(lo, hi) * 100 });
    }
  }
  return rows;
}

/**
 * KPI differences against the baseline (percent of the baseline mean) with 95% whiskers.
 *
 * @param rows - {@link forestRows} of the comparison.
 */
export function forestSpec(rows: readonly ForestRow[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const scenarios = context.scenarios.filter((name) => rows.some((row) => row.scenario === name));
  const kpis = FOREST_KPIS.filter((kpi) => rows.some((row) => row.kpi === kpi)).map((kpi) => messages.kpis[kpi] ?? kpi);
  const values = rows.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    kpi: messages.kpis[row.kpi] ?? row.kpi,
    relative: round(row.relative),
    lo: round(row.lo),
    hi: round(row.hi),
    // Whiskers that include 0 are drawn lighter: the interval does not support a change.
    clear: row.lo > 0 || row.hi < 0,
  }));
  const y = { field: "kpi", type: "nominal", sort: kpis, title: null, axis: { labelLimit: 320 } };
  const yOffset = { field: "scenario", type: "nominal", sort: scenarios.map((name) => scenarioLabel(context, name)) };
  const colour = { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend({ orient: "top" }, scenarios.length) };
  return {
    ...frame(messages.charts["forest"]?.title ?? ""),
    width: 520,
    // One band per KPI, tall enough for a whisker per strategy side by side.
    height: { step: Math.min(36, 7 * scenarios.length + 8) },
    data: { values },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#333" }, encoding: { x: { field: "zero", type: "quantitative" } } },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          yOffset,
          x: { field: "lo", type: "quantitative", title: messages.relativeDifference },
          x2: { field: "hi" },
          color: colour,
          opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.35 },
        },
      },
      {
        mark: { type: "point", filled: true, size: 40 },
        encoding: {
          y,
          yOffset,
          x: { field: "relative", type: "quantitative" },
          color: colour,
          opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.45 },
        },
      },
    ],
  } as TopLevelSpec;
}
