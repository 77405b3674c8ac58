/**
 * The forest plot: each KPI's difference against the baseline with its 95% interval as a
 * whisker, one dot per strategy, on two panels with an x axis each: money and counts as a
 * relative change (% of the baseline mean), shares (and trust, 0–1) as a difference in
 * percentage points — a share's relative change (+23 pp on a 9.6% base is +242%) would squash
 * every other whisker. Whiskers that miss the labelled zero line are the changes the
 * replications support. Rows are KPIs, strategies side by side within a row, so the whole
 * chart fits one screen.
 */
import type { TopLevelSpec } from "vega-lite";
import { chartMessages } from "../chartMessages.js";
import { FOREST_KPIS, kpiKind } from "../kpis.js";
import type { Comparison } from "../types.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";

/** The two panels: relative change (money, counts) and percentage points (shares, trust). */
export type ForestPanel = "relative" | "points";

/** The panel of a KPI: shares and trust in points, the rest relative to the baseline's mean. */
export function forestPanel(kpi: string): ForestPanel {
  const kind = kpiKind(kpi);
  return kind === "share" || kind === "index" ? "points" : "relative";
}

/** One whisker of the forest plot. */
export interface ForestRow {
  readonly scenario: string;
  readonly kpi: string;
  readonly panel: ForestPanel;
  /**
   * The difference and its interval: percent of the baseline mean on the relative panel,
   * percentage points (difference × 100) on the points panel.
   */
  readonly value: number;
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
 * Forest rows of a comparison, in forest-KPI order then strategy order. A KPI of the relative
 * panel whose baseline mean is 0 or unknown (no relative scale) is left out; shares and trust
 * need no baseline mean.
 */
export function forestRows(comparison: Comparison, scenarios: readonly string[]): ForestRow[] {
  const rows: ForestRow[] = [];
  for (const kpi of FOREST_KPIS) {
    const panel = forestPanel(kpi);
    const base = panel === "points" ? 1 : baselineMean(comparison, kpi);
    if (base === undefined || base === 0 || !Number.isFinite(base)) continue;
    // Points: a difference of shares × 100. Relative: the difference over the baseline's mean, in %.
    const scale = panel === "points" ? 100 : 100 / base;
    for (const scenario of scenarios) {
      if (scenario === comparison.baseline) continue;
      const difference = comparison.strategies.find((strategy) => strategy.scenario === scenario)?.vsBaseline[kpi];
      if (difference === undefined || !Number.isFinite(difference.diff)) continue;
      const lo = difference.ci95[0] * scale;
      const hi = difference.ci95[1] * scale;
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
      // A negative baseline mean flips the interval's ends.
      rows.push({ scenario, kpi, panel, value: difference.diff * scale, lo: Math.min(lo, hi), hi: Math.max(lo, hi) });
    }
  }
  return rows;
}

/** A Vega expression for an axis label with its sign and unit: "+10%", "0", "−2 pp". */
function signedLabel(unit: string): string {
  return `datum.value > 0 ? '+' + format(datum.value, '~g') + ${JSON.stringify(unit)} : datum.value < 0 ? '\u2212' + format(-datum.value, '~g') + ${JSON.stringify(unit)} : '0'`;
}

/** How far a KPI's whiskers reach from 0: the largest absolute end of its intervals. */
function extent(rows: readonly ForestRow[], kpi: string): number {
  return rows.filter((row) => row.kpi === kpi).reduce((max, row) => Math.max(max, Math.abs(row.lo), Math.abs(row.hi), Math.abs(row.value)), 0);
}

/** A KPI reaching this many times further than the panel's median KPI gets a panel of its own scale. */
const WIDE_FACTOR = 4;

/**
 * Splits a panel's rows in two when some KPIs reach more than {@link WIDE_FACTOR} times further
 * than the median KPI (launched products' share moves by +23 pp where the other shares move by
 * under 1 pp): the far-reaching ones get a second panel with its own axis, so they do not
 * squash the others' whiskers into dots. One group when no KPI stands out.
 */
export function splitByExtent(rows: readonly ForestRow[]): ForestRow[][] {
  if (rows.length === 0) return [];
  const kpis = [...new Set(rows.map((row) => row.kpi))];
  const extents = kpis.map((kpi) => extent(rows, kpi)).sort((a, b) => a - b);
  const median = extents[Math.floor((extents.length - 1) / 2)] ?? 0;
  if (!(median > 0)) return [[...rows]];
  const wide = new Set(kpis.filter((kpi) => extent(rows, kpi) > WIDE_FACTOR * median));
  if (wide.size === 0 || wide.size === kpis.length) return [[...rows]];
  return [rows.filter((row) => !wide.has(row.kpi)), rows.filter((row) => wide.has(row.kpi))];
}

/** Height of one KPI's row: a whisker per strategy side by side, 5 px apart. */
function rowStep(strategies: number): number {
  return Math.min(32, 4 * strategies + 8);
}

/**
 * KPI differences against the baseline with 95% whiskers: the relative panel above, the
 * percentage-point panel below, each with its own x axis and a zero rule.
 *
 * @param rows - {@link forestRows} of the comparison.
 */
export function forestSpec(rows: readonly ForestRow[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = chartMessages(messages);
  const scenarios = context.scenarios.filter((name) => rows.some((row) => row.scenario === name));
  const colour = { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend({ orient: "top" }, scenarios.length) };
  const yOffset = { field: "scenario", type: "nominal", sort: scenarios.map((name) => scenarioLabel(context, name)) };
  const panel = (selected: readonly ForestRow[], title: string, unit: string) => {
    const kpis = FOREST_KPIS.filter((kpi) => selected.some((row) => row.kpi === kpi)).map((kpi) => messages.kpis[kpi] ?? kpi);
    const values = selected.map((row) => ({
      scenario: scenarioLabel(context, row.scenario),
      kpi: messages.kpis[row.kpi] ?? row.kpi,
      value: round(row.value),
      lo: round(row.lo),
      hi: round(row.hi),
      // Whiskers that include 0 are drawn lighter: the interval does not support a change.
      clear: row.lo > 0 || row.hi < 0,
    }));
    const y = { field: "kpi", type: "nominal", sort: kpis, title: null, axis: { labelLimit: 300, grid: true, gridColor: "#f0f0f0" } };
    const x = { type: "quantitative", title, axis: { labelExpr: signedLabel(unit), grid: true } };
    return {
      width: 600,
      height: { step: rowStep(scenarios.length), for: "position" },
      data: { values },
      layer: [
        { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#333", strokeWidth: 1.2 }, encoding: { x: { field: "zero", type: "quantitative" } } },
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: { y, yOffset, x: { ...x, field: "lo" }, x2: { field: "hi" }, color: colour, opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.35 } },
        },
        {
          mark: { type: "point", filled: true, size: 36 },
          encoding: { y, yOffset, x: { ...x, field: "value" }, color: colour, opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.45 } },
        },
      ],
    };
  };
  const panels = (["relative", "points"] as const).flatMap((which) => {
    const title = which === "relative" ? text.forestRelative : text.forestPoints;
    const unit = which === "relative" ? text.percentUnit : text.pointsUnit;
    return splitByExtent(rows.filter((row) => row.panel === which)).map((group, index) => panel(group, index === 0 ? title : text.forestWide(which === "relative"), unit));
  });
  return {
    ...frame(messages.charts["forest"]?.title ?? ""),
    vconcat: panels,
    spacing: 18,
    // Each panel has its own x axis; both left-align their KPI labels in one column.
    resolve: { scale: { x: "independent", y: "independent" } },
  } as TopLevelSpec;
}
