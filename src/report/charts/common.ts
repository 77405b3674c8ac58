/**
 * What every chart shares: the context a builder gets (messages, scenario order, calendar),
 * the look (fonts, sizes, colours by scenario), the festival window and peak-day marks, and
 * rounding of inlined data so specs stay small and byte-stable.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Messages, UnitStep } from "../messages.js";

/** A layer of a layered Vega-Lite spec. */
export type LayerChild = Extract<TopLevelSpec, { layer: unknown }>["layer"][number];

/** The festival calendar as the charts mark it. */
export interface ChartCalendar {
  /** First festival day, YYYY-MM-DD. */
  readonly festivalStart: string;
  /** Last festival day, YYYY-MM-DD. */
  readonly festivalEnd: string;
  /** The peak day to mark (11.11), YYYY-MM-DD. */
  readonly peak?: string;
}

/** What a spec builder needs besides its rows. */
export interface ChartContext {
  readonly messages: Messages;
  /** Scenarios in display order (the baseline first in a comparison); fixes colours and order. */
  readonly scenarios: readonly string[];
  /** The baseline's name in a comparison. */
  readonly baseline?: string;
  readonly calendar?: ChartCalendar;
  /**
   * What legends and axes call each scenario (`scenarioLabels`): the arms of a sweep by their
   * values, `multiplier=2`, rather than their long names. A scenario not in it shows its name.
   */
  readonly labels?: ReadonlyMap<string, string>;
}

/** The name a chart shows for a scenario. */
export function scenarioLabel(context: ChartContext, scenario: string): string {
  return context.labels?.get(scenario) ?? scenario;
}

/**
 * Fonts named in every spec: DejaVu Sans for Latin text and Noto Sans CJK for Chinese (the
 * families the PNG renderer loads), then what browsers have, so inline SVG reads anywhere.
 */
export const FONT_FAMILY = "DejaVu Sans, Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, Helvetica, Arial, sans-serif";

/** Colours of strategies: Tableau 10, with the baseline in grey so the eye goes to the strategies. */
const PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#ff9da6", "#bab0ac"];
const BASELINE_COLOUR = "#5b5b5b";

/**
 * Colour scale of scenarios: fixed domain and range so a strategy has one colour in every chart.
 * The domain holds the scenarios' labels ({@link scenarioLabel}), which the data rows must carry.
 */
export function scenarioColour(context: ChartContext, scenarios: readonly string[] = context.scenarios): { domain: string[]; range: string[] } {
  let next = 0;
  const range = context.scenarios.map((name) => {
    if (name === context.baseline) return BASELINE_COLOUR;
    const colour = PALETTE[next % PALETTE.length] as string;
    next += 1;
    return colour;
  });
  const domain: string[] = [];
  const chosen: string[] = [];
  context.scenarios.forEach((name, index) => {
    if (scenarios.includes(name)) {
      domain.push(scenarioLabel(context, name));
      chosen.push(range[index] as string);
    }
  });
  return { domain, range: chosen };
}

/** Rounds to 6 significant digits: more than a chart can show, and it keeps vl.json small and stable. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(6));
}

/** The top-level fields every chart carries: schema, title, white background, fonts and sizes. */
export function frame(title: string, subtitle?: string | string[]): Pick<TopLevelSpec, "$schema" | "title" | "background" | "config" | "padding"> {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: subtitle === undefined ? { text: title, anchor: "start", fontSize: 15 } : { text: title, subtitle, anchor: "start", fontSize: 15 },
    background: "white",
    padding: 8,
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", gridColor: "#e6e6e6" },
      legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 260 },
      header: { labelFontSize: 12, titleFontSize: 12 },
    },
  };
}

/** Adds whole days to a YYYY-MM-DD date (UTC, so no daylight-saving step). */
export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The x channel of every time chart: calendar days read as UTC so no time zone shifts a day. */
export function dateX(title: string): Record<string, unknown> {
  return {
    field: "date",
    type: "temporal",
    timeUnit: "utcyearmonthdate",
    title,
    axis: { format: "%m-%d", labelAngle: 0, tickCount: { interval: "week", step: 1 }, grid: false },
  };
}

/**
 * Layers that mark the festival window (a shaded span with its name) and the peak day (a rule
 * labelled with its date, 11.11), drawn under the data. Empty when the calendar is unknown.
 */
export function festivalLayers(context: ChartContext): LayerChild[] {
  const calendar = context.calendar;
  if (calendar === undefined) return [];
  const layers: LayerChild[] = [
    {
      data: { values: [{ start: calendar.festivalStart, end: calendar.festivalEnd, label: context.messages.festival }] },
      layer: [
        {
          mark: { type: "rect", color: "#f2b134", opacity: 0.12 },
          encoding: {
            x: { field: "start", type: "temporal", timeUnit: "utcyearmonthdate" },
            x2: { field: "end", timeUnit: "utcyearmonthdate" },
          },
        },
        {
          mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 4, color: "#a8741a", fontSize: 11 },
          encoding: {
            x: { field: "start", type: "temporal", timeUnit: "utcyearmonthdate" },
            y: { value: 0 },
            text: { field: "label" },
          },
        },
      ],
    },
  ];
  if (calendar.peak !== undefined) {
    const [, month, day] = calendar.peak.split("-");
    layers.push({
      data: { values: [{ date: calendar.peak, label: `${Number(month)}.${Number(day)}` }] },
      layer: [
        {
          mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] },
          encoding: { x: { field: "date", type: "temporal", timeUnit: "utcyearmonthdate" } },
        },
        {
          mark: { type: "text", align: "right", baseline: "top", dx: -3, dy: 4, color: "#c0392b", fontSize: 11, fontWeight: "bold" },
          encoding: {
            x: { field: "date", type: "temporal", timeUnit: "utcyearmonthdate" },
            y: { value: 0 },
            text: { field: "label" },
          },
        },
      ],
    });
  }
  return layers;
}

/**
 * A Vega expression that writes an axis value in a unit ladder (1万, 1亿 or 10k, 1M): d3's SI
 * prefixes ("10G") are neither Chinese nor how money is written in English.
 */
export function unitLabelExpression(ladder: readonly UnitStep[]): string {
  const quote = (text: string) => JSON.stringify(text);
  let expression = "format(datum.value, '~g')";
  for (const step of [...ladder].reverse()) {
    if (step.at <= 0) continue;
    expression = `abs(datum.value) >= ${step.at} ? ${quote(step.prefix)} + format(datum.value / ${step.divisor}, '~g') + ${quote(step.suffix)} : ${expression}`;
  }
  return expression;
}

/** Powers of ten from `low` to `high`: the ticks of a log axis, one a decade. */
export function decades(low: number, high: number): number[] {
  const out: number[] = [];
  for (let exponent = Math.ceil(Math.log10(low)); exponent <= Math.floor(Math.log10(high)); exponent += 1) out.push(10 ** exponent);
  return out;
}

/** The legend of a line-and-band chart: line symbols at full opacity, not the pale band. */
export const LINE_LEGEND = { orient: "top", symbolType: "stroke", symbolStrokeWidth: 3, symbolOpacity: 1 } as const;

/** Most legend entries side by side: more (a sweep's points) wrap into rows of this many, so the legend stays as wide as the chart. */
const LEGEND_COLUMNS = 3;

/** A top legend of `entries` scenarios: one row for a few, rows of three for more. */
export function scenarioLegend<T extends object>(legend: T, entries: number): T | (T & { columns: number }) {
  return entries > LEGEND_COLUMNS + 1 ? { ...legend, columns: LEGEND_COLUMNS } : legend;
}
