/**
 * The 种草 → 养草 → 拔草 journey against the baseline: of the users a strategy first reaches in
 * the festival by influencer seeding or by the boost, how many click the merchant that reached
 * them, follow it, and buy from it through private traffic (the model tracks each user; see
 * src/market/journey.ts). The chart shows each stage's count as a paired difference from the
 * baseline (percent of the baseline's mean, 95% whiskers), a panel per stage and source; the
 * table under it gives the levels, the rates over the reached and the private GMV.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Messages } from "../messages.js";
import type { Comparison, KpiSummary } from "../types.js";
import { baselineMean } from "./forest.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";

/** The journey's stages, in order, by the stem of their KPI names (journey<Stem><Source>). */
export const JOURNEY_STAGES = ["Reached", "Clicked", "Followed", "PrivateBuyers"] as const;
/** Sources of the first touch, by the suffix of their KPI names. */
export const JOURNEY_CHART_SOURCES = ["Seeding", "Boost"] as const;
/** The columns of the journey table: stages over both sources, the rates over the reached, the harvest's GMV. */
export const JOURNEY_TABLE_KPIS = ["journeyReached", "journeyFollowed", "journeyPrivateBuyers", "journeyFollowRate", "journeyPrivateBuyerRate", "journeyPrivateGmv"] as const;

/** One whisker: a stage's count by one source, strategy against the baseline. */
export interface JourneyRow {
  readonly scenario: string;
  readonly stage: (typeof JOURNEY_STAGES)[number];
  readonly source: (typeof JOURNEY_CHART_SOURCES)[number];
  /** Paired difference and its 95% interval, percent of the baseline's mean. */
  readonly relative: number;
  readonly lo: number;
  readonly hi: number;
}

/** Whiskers of a comparison, stage by stage and source by source; a stage the baseline has none of (mean 0) is left out. */
export function journeyRows(comparison: Comparison, scenarios: readonly string[]): JourneyRow[] {
  const rows: JourneyRow[] = [];
  for (const source of JOURNEY_CHART_SOURCES) {
    for (const stage of JOURNEY_STAGES) {
      const kpi = `journey${stage}${source}`;
      const base = baselineMean(comparison, kpi);
      if (base === undefined || base === 0 || !Number.isFinite(base)) continue;
      for (const scenario of scenarios) {
        if (scenario === comparison.baseline) continue;
        const difference = comparison.strategies.find((strategy) => strategy.scenario === scenario)?.vsBaseline[kpi];
        if (difference === undefined || !Number.isFinite(difference.diff)) continue;
        const lo = (difference.ci95[0] / base) * 100;
        const hi = (difference.ci95[1] / base) * 100;
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) continue;
        rows.push({ scenario, stage, source, relative: (difference.diff / base) * 100, lo: Math.min(lo, hi), hi: Math.max(lo, hi) });
      }
    }
  }
  return rows;
}

/** Axis ticks of a panel: a round step, three to five ticks, always one at 0. */
export function journeyTicks(low: number, high: number): { domain: [number, number]; values: number[] } {
  const from = Math.min(0, low);
  const to = Math.max(0, high);
  const span = to - from || 1;
  const raw = span / 3;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const first = Math.floor(from / step);
  const last = Math.ceil(to / step);
  const values: number[] = [];
  for (let index = first; index <= last; index++) values.push(round(index * step));
  return { domain: [round(first * step), round(last * step)], values };
}

/**
 * A column per stage, a row per source; in each panel a dot and 95% whisker per strategy for its
 * paired difference from the baseline in percent of the baseline's mean, with a labelled 0 line.
 * The two sources of a stage share its x scale; each stage has its own (reaching nearly everyone
 * moves little, following and buying more).
 */
export function journeySpec(rows: readonly JourneyRow[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = messages.journey;
  const scenarios = context.scenarios.filter((name) => rows.some((row) => row.scenario === name));
  const stages = JOURNEY_STAGES.filter((stage) => rows.some((row) => row.stage === stage));
  const sources = JOURNEY_CHART_SOURCES.filter((source) => rows.some((row) => row.source === source)).map((source) => text.sources[source] ?? source);
  const values = rows.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    stage: row.stage,
    source: text.sources[row.source] ?? row.source,
    relative: round(row.relative),
    lo: round(row.lo),
    hi: round(row.hi),
    clear: row.lo > 0 || row.hi < 0,
  }));
  const y = { field: "scenario", type: "nominal", sort: scenarios.map((name) => scenarioLabel(context, name)), title: null, axis: { labelLimit: 160 } };
  const colour = { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend({ orient: "top" }, scenarios.length) };
  const columns = stages.map((stage, index) => {
    const ofStage = rows.filter((row) => row.stage === stage);
    const ticks = journeyTicks(Math.min(...ofStage.map((row) => row.lo)), Math.max(...ofStage.map((row) => row.hi)));
    // Every layer carries the same axis, or the merged axis drops the explicit ticks.
    const x = { type: "quantitative", title: text.axis, scale: { domain: ticks.domain, nice: false, zero: false }, axis: { values: ticks.values, labelOverlap: false, grid: false } };
    return {
      transform: [{ filter: { field: "stage", equal: stage } }],
      title: { text: text.stages[stage] ?? stage, fontSize: 13, fontWeight: "bold" },
      facet: {
        row: {
          field: "source",
          type: "nominal",
          sort: sources,
          title: null,
          // The sources are named once, left of the first stage.
          header: index === 0 ? { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold", labelLimit: 150 } : { labels: false },
        },
      },
      spec: {
        width: 170,
        height: { step: 16 },
        layer: [
          { mark: { type: "rule", color: "#333" }, encoding: { x: { datum: 0, ...x } } },
          {
            mark: { type: "rule", strokeWidth: 2 },
            encoding: {
              y: index === 0 ? y : { ...y, axis: { labels: false, ticks: false } },
              x: { field: "lo", ...x },
              x2: { field: "hi" },
              color: colour,
              opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.35 },
            },
          },
          {
            mark: { type: "point", filled: true, size: 36 },
            encoding: { y, x: { field: "relative", ...x }, color: colour, opacity: { condition: { test: "datum.clear", value: 1 }, value: 0.45 } },
          },
        ],
      },
    };
  });
  return {
    ...frame(messages.charts["journey"]?.title ?? ""),
    // Two short lines: the renderer sizes the chart to its estimate of a line's width.
    title: { text: messages.charts["journey"]?.title ?? "", subtitle: [...text.subtitle], anchor: "start", fontSize: 15 },
    data: { values },
    hconcat: columns,
    spacing: 14,
  } as TopLevelSpec;
}

/**
 * The journey table: a row per strategy, a column per {@link JOURNEY_TABLE_KPIS}; `cell` writes a
 * KPI's cell for a scenario (a mean with its interval, and under a strategy its paired difference
 * from the baseline), as the headline table does. Empty when the comparison has no journey KPIs.
 */
export function journeyTable(
  kpis: ReadonlyMap<string, Readonly<Record<string, KpiSummary>>>,
  baseline: string | undefined,
  scenarios: readonly string[],
  messages: Messages,
  cell: (kpi: string, scenario: string) => string,
): string {
  if (baseline === undefined) return "";
  const shown = scenarios.filter((scenario) => kpis.get(scenario)?.["journeyReached"] !== undefined);
  if (shown.length === 0) return "";
  const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const header = JOURNEY_TABLE_KPIS.map((kpi) => `<th>${escape(messages.journey.columns[kpi] ?? kpi)}</th>`).join("");
  const body = shown
    .map((scenario) => {
      const tag = scenario === baseline ? ` <small>(${escape(messages.baselineTag)})</small>` : "";
      return `<tr><th>${escape(scenario)}${tag}</th>${JOURNEY_TABLE_KPIS.map((kpi) => cell(kpi, scenario)).join("")}</tr>`;
    })
    .join("\n");
  return `<p class="note">${escape(messages.journey.tableNote)}</p>
<div class="table-wrap"><table class="journey">
<thead><tr><th>${escape(messages.strategy)}</th>${header}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}
