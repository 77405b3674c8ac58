/**
 * Who gains: each merchant group's GMV against the baseline — by merchant type (brand, quick
 * brand, small merchant, influencer) and by festival registration — relative to the group's own
 * baseline GMV, with the paired 95% interval as a whisker, one per strategy. Whiskers of changes
 * that stay clear after the Benjamini–Hochberg adjustment are drawn solid.
 */
import type { TopLevelSpec } from "vega-lite";
import { decisionMessagesFor } from "../decisionMessages.js";
import type { Multiplicity } from "../multiplicity.js";
import type { Comparison } from "../types.js";
import { baselineMean } from "./forest.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";

/** The groups, in the order the chart and the table show them, with the kind of split each belongs to. */
export const GAIN_GROUPS = [
  { kpi: "gmvBrand", kind: "type" },
  { kpi: "gmvQuickBrand", kind: "type" },
  { kpi: "gmvSmall", kind: "type" },
  { kpi: "gmvInfluencer", kind: "type" },
  { kpi: "participantGmv", kind: "registration" },
  { kpi: "nonParticipantGmv", kind: "registration" },
] as const;

/** One whisker: a group's GMV change under one strategy, percent of the group's baseline GMV. */
export interface GainRow {
  readonly scenario: string;
  readonly kpi: string;
  readonly kind: string;
  readonly relative: number;
  readonly lo: number;
  readonly hi: number;
  readonly clear: boolean;
}

/** The rows of the chart: every strategy but the baseline, every group with a non-zero baseline GMV. */
export function gainRows(comparison: Comparison, scenarios: readonly string[], tests: Multiplicity): GainRow[] {
  const rows: GainRow[] = [];
  for (const group of GAIN_GROUPS) {
    const base = baselineMean(comparison, group.kpi);
    if (base === undefined || !(base > 0)) continue;
    for (const scenario of scenarios) {
      if (scenario === comparison.baseline) continue;
      const difference = comparison.strategies.find((strategy) => strategy.scenario === scenario)?.vsBaseline[group.kpi];
      if (difference === undefined || !Number.isFinite(difference.diff) || !Number.isFinite(difference.ci95[0]) || !Number.isFinite(difference.ci95[1])) continue;
      rows.push({
        scenario,
        kpi: group.kpi,
        kind: group.kind,
        relative: (difference.diff / base) * 100,
        lo: (difference.ci95[0] / base) * 100,
        hi: (difference.ci95[1] / base) * 100,
        clear: tests.of(scenario, group.kpi)?.clear === true,
      });
    }
  }
  return rows;
}

/** GMV change by merchant group against the baseline, with paired 95% whiskers. */
export function whoGainsSpec(rows: readonly GainRow[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const decision = decisionMessagesFor(messages.language);
  const scenarios = context.scenarios.filter((name) => rows.some((row) => row.scenario === name));
  const groups = GAIN_GROUPS.filter((group) => rows.some((row) => row.kpi === group.kpi)).map((group) => decision.groups[group.kpi] ?? group.kpi);
  const values = rows.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    group: decision.groups[row.kpi] ?? row.kpi,
    kind: decision.groupKinds[row.kind] ?? row.kind,
    relative: round(row.relative),
    lo: round(row.lo),
    hi: round(row.hi),
    clear: row.clear,
  }));
  const y = { field: "group", type: "nominal", sort: groups, title: null, axis: { labelLimit: 260 } };
  const yOffset = { field: "scenario", type: "nominal", sort: scenarios.map((name) => scenarioLabel(context, name)) };
  const colour = { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend({ orient: "top" }, scenarios.length) };
  return {
    ...frame(messages.charts["whoGains"]?.title ?? ""),
    width: 640,
    // A fixed height: a step size with yOffset sizes each strategy's band, not each group's.
    height: groups.length * (8 * scenarios.length + 14),
    data: { values },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#333" }, encoding: { x: { field: "zero", type: "quantitative" } } },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          yOffset,
          x: { field: "lo", type: "quantitative", title: decision.whoGainsAxis, axis: { labelExpr: "datum.value + '%'", tickCount: 8 } },
          x2: { field: "hi" },
          color: colour,
          opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.35 },
          tooltip: [{ field: "scenario", title: messages.strategy }, { field: "group", title: decision.group }, { field: "relative", title: "%" }, { field: "lo" }, { field: "hi" }],
        },
      },
      {
        mark: { type: "point", filled: true, size: 44 },
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
