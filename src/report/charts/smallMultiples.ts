/**
 * Daily series of a comparison as small multiples, one panel per strategy on a shared y axis,
 * instead of seven overlapping lines with overlapping bands:
 *
 * - levels (GMV per day): the strategy's line and 95% band over the baseline's line in grey,
 *   bands clipped to the metric's range (no GMV below 0);
 * - differences against the baseline (GMV, followers, trust, new-product share): the mean of the
 *   paired per-replication differences with its 95% band, around a labelled zero rule, so a
 *   band that misses 0 is a change the replications support, however close the levels are.
 */
import type { TopLevelSpec } from "vega-lite";
import type { DailyBand } from "../aggregate.js";
import { chartMessages } from "../chartMessages.js";
import type { DailyRow } from "../types.js";
import { type ChartContext, type LayerChild, dateX, festivalLayers, frame, round, scenarioColour, scenarioLabel } from "./common.js";

/** Panels side by side: three fit the page's 1,180 px with their axes. */
const COLUMNS = 3;
const PANEL_WIDTH = 270;
const PANEL_HEIGHT = 120;

/** What a small-multiples chart needs besides its rows. */
export interface MultiplesOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly yTitle: string;
  /** Values are divided by this before drawing (a unit step, or 0.01 for percent). */
  readonly divisor: number;
  /** The metric's range, drawn values clipped to it (in drawn units); omitted ends are open. */
  readonly clip?: { readonly min?: number; readonly max?: number };
  /** d3 format of the y labels. */
  readonly yFormat?: string;
  /** A rule at y = 0 (differences). */
  readonly zeroRule?: boolean;
}

function clipped(value: number, clip: MultiplesOptions["clip"]): number {
  let out = value;
  if (clip?.min !== undefined) out = Math.max(out, clip.min);
  if (clip?.max !== undefined) out = Math.min(out, clip.max);
  return out;
}

function rowsOf(bands: readonly DailyBand[], context: ChartContext, options: MultiplesOptions) {
  return bands.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    date: row.date,
    mean: round(clipped(row.mean / options.divisor, options.clip)),
    lo: round(clipped(row.lo / options.divisor, options.clip)),
    hi: round(clipped(row.hi / options.divisor, options.clip)),
  }));
}

/**
 * One panel per strategy of `panels`, each drawing `bands` of that strategy (and of the
 * `reference` scenario in grey when given), with the festival marks, on a shared y scale.
 */
function multiples(strategies: readonly string[], bands: readonly DailyBand[], context: ChartContext, options: MultiplesOptions, reference?: string): TopLevelSpec {
  const colours = scenarioColour(context);
  const colourOf = (name: string) => colours.range[colours.domain.indexOf(scenarioLabel(context, name))] ?? "#333";
  // The axis title goes into the subtitle, once: a long title beside a short panel would set its height.
  const y = { type: "quantitative", title: null, axis: { ...(options.yFormat === undefined ? {} : { format: options.yFormat }), tickCount: 4 } };
  const x = { ...dateX(context.messages.date), title: null, axis: { format: "%m-%d", labelAngle: 0, tickCount: { interval: "week", step: 2 }, grid: false } };
  const panels = strategies.map((strategy) => {
    const own = rowsOf(bands.filter((row) => row.scenario === strategy), context, options);
    const base = reference === undefined ? [] : rowsOf(bands.filter((row) => row.scenario === reference), context, options);
    const layers: LayerChild[] = [
      ...festivalLayers(context),
      ...(options.zeroRule === true ? [{ data: { values: [{ zero: 0 }] }, mark: { type: "rule", color: "#333" }, encoding: { y: { field: "zero", type: "quantitative" } } } as LayerChild] : []),
      ...(base.length === 0 ? [] : [{ data: { values: base }, mark: { type: "line", color: "#8a8a8a", strokeWidth: 1.2, strokeDash: [3, 2] }, encoding: { x, y: { ...y, field: "mean" } } } as LayerChild]),
      { data: { values: own }, mark: { type: "area", color: colourOf(strategy), opacity: 0.25 }, encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" } } } as LayerChild,
      { data: { values: own }, mark: { type: "line", color: colourOf(strategy), strokeWidth: 1.6 }, encoding: { x, y: { ...y, field: "mean" } } } as LayerChild,
    ];
    return { title: { text: scenarioLabel(context, strategy), fontSize: 12, anchor: "start" }, width: PANEL_WIDTH, height: PANEL_HEIGHT, layer: layers };
  });
  return {
    ...frame(options.title, [options.subtitle, chartMessages(context.messages).yAxis(options.yTitle)]),
    columns: COLUMNS,
    concat: panels,
    spacing: { row: 14, column: 16 },
    // One y scale for all panels: a bigger change looks bigger whichever panel it is in.
    resolve: { scale: { y: "shared", x: "shared" } },
  } as TopLevelSpec;
}

/** The strategies of a comparison that have bands, in display order, the baseline left out. */
function strategiesOf(bands: readonly DailyBand[], context: ChartContext): string[] {
  return context.scenarios.filter((name) => name !== context.baseline && bands.some((row) => row.scenario === name));
}

/**
 * Levels per strategy, one panel each, the baseline's mean as a grey dashed line in every panel.
 *
 * @param bands - `dailyBands` of every scenario, the baseline's included.
 */
export function levelMultiplesSpec(bands: readonly DailyBand[], context: ChartContext, options: Omit<MultiplesOptions, "subtitle">): TopLevelSpec {
  return multiples(strategiesOf(bands, context), bands, context, { ...options, subtitle: chartMessages(context.messages).levelNote }, context.baseline);
}

/**
 * Paired daily differences against the baseline, one panel per strategy, around a zero rule.
 *
 * @param bands - `dailyDifferenceBands` (strategy − baseline, paired by replication).
 */
export function differenceMultiplesSpec(bands: readonly DailyBand[], context: ChartContext, options: Omit<MultiplesOptions, "subtitle" | "zeroRule">): TopLevelSpec {
  return multiples(strategiesOf(bands, context), bands, context, { ...options, subtitle: chartMessages(context.messages).pairedNote, zeroRule: true });
}

/**
 * Daily rows of a ratio, numerator / denominator per scenario, replication and day (days with a
 * denominator of 0 left out), as rows of metric `name`: so a ratio's paired differences come
 * from the same per-replication pairing as any other metric's.
 */
export function ratioRows(rows: readonly DailyRow[], numerator: string, denominator: string, name: string): DailyRow[] {
  const below = new Map<string, number>();
  for (const row of rows) if (row.metric === denominator) below.set(`${row.scenario}\u0000${row.replication}\u0000${row.day}`, row.value);
  const out: DailyRow[] = [];
  for (const row of rows) {
    if (row.metric !== numerator) continue;
    const divisor = below.get(`${row.scenario}\u0000${row.replication}\u0000${row.day}`);
    if (divisor !== undefined && divisor !== 0 && Number.isFinite(divisor)) out.push({ ...row, metric: name, value: row.value / divisor });
  }
  return out;
}
