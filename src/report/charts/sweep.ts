/**
 * Sweeps: how KPIs respond to the swept parameters. One parameter (or a zipped list) gives a
 * line per KPI with 95% bands; two crossed parameters give a heatmap per KPI.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Sweep } from "../types.js";
import { formatParamValue, formatSignificant } from "../format.js";
import { shortPaths, valuesLabel } from "../labels.js";
import { type ChartContext, frame, round } from "./common.js";
import { kpiScale } from "./kpiScale.js";

/** KPIs a sweep chart shows, when the sweep recorded them: GMV, what lasts, customers, trust. */
export const SWEEP_KPIS = ["gmv", "gmvTail", "gmvPrivateTail", "newCustomers", "followersEnd", "avgTrust", "newProductGmvShare", "productsOver10M"] as const;

function shownKpis(sweep: Sweep): string[] {
  return SWEEP_KPIS.filter((kpi) => sweep.points.some((point) => point.kpis[kpi] !== undefined && Number.isFinite(point.kpis[kpi].mean))).slice(0, 6);
}

function largestOf(sweep: Sweep, kpi: string): number {
  return sweep.points.reduce((max, point) => {
    const summary = point.kpis[kpi];
    return summary === undefined ? max : Math.max(max, Math.abs(summary.mean), Math.abs(summary.ci95[1]));
  }, 0);
}

/** True when the sweep is drawn as a heatmap: two parameters crossed on a grid. */
export function isHeatmapSweep(sweep: Sweep): boolean {
  return !sweep.zip && sweep.params.length === 2;
}

/**
 * A line per KPI across the sweep's points with 95% bands. With one numeric parameter the x axis
 * is its value; with zipped or several parameters it is the point, in the file's order.
 */
export function sweepLineSpec(sweep: Sweep, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const single = sweep.params.length === 1 ? sweep.params[0] : undefined;
  const numeric = single !== undefined && sweep.points.every((point) => typeof point.values[single.path] === "number");
  // A point is labelled by its values under short parameter names, numbers to 6 significant digits.
  const short = shortPaths(sweep.params.map((param) => param.path));
  const pointLabel = (values: Readonly<Record<string, unknown>>) => valuesLabel(Object.entries(values), short);
  const order = sweep.points.map((point) => pointLabel(point.values));
  const values = shownKpis(sweep).flatMap((kpi) => {
    const scale = kpiScale(kpi, largestOf(sweep, kpi), messages);
    return sweep.points.flatMap((point) => {
      const summary = point.kpis[kpi];
      if (summary === undefined || !Number.isFinite(summary.mean)) return [];
      const x = numeric && single !== undefined ? round(point.values[single.path] as number) : pointLabel(point.values);
      return [{ kpi: scale.label, x, mean: round(summary.mean / scale.divisor), lo: round(summary.ci95[0] / scale.divisor), hi: round(summary.ci95[1] / scale.divisor) }];
    });
  });
  const x = numeric
    ? { field: "x", type: "quantitative", title: single?.path ?? messages.parameterValue, scale: { zero: false } }
    : { field: "x", type: "ordinal", sort: order, title: single?.path ?? messages.point, axis: { labelAngle: -30, labelLimit: 160 } };
  const kpiOrder = [...new Set(values.map((row) => row.kpi))];
  return {
    ...frame(messages.charts["sweepLine"]?.title ?? "", sweep.scenario),
    data: { values },
    facet: { field: "kpi", type: "nominal", sort: kpiOrder, title: null, header: { labelFontWeight: "bold" } },
    columns: 3,
    spec: {
      width: 220,
      height: 150,
      layer: [
        { mark: { type: "area", opacity: 0.2, color: "#4c78a8" }, encoding: { x, y: { field: "lo", type: "quantitative", title: null, scale: { zero: false } }, y2: { field: "hi" } } },
        { mark: { type: "line", color: "#4c78a8", point: true }, encoding: { x, y: { field: "mean", type: "quantitative" } } },
      ],
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}

/**
 * A heatmap per KPI over two crossed parameters, each cell labelled with its mean.
 */
export function sweepHeatmapSpec(sweep: Sweep, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const [first, second] = sweep.params;
  const xPath = first?.path ?? "";
  const yPath = second?.path ?? "";
  const short = shortPaths([xPath, yPath]);
  const kpis = shownKpis(sweep).slice(0, 3);
  const values = kpis.flatMap((kpi) => {
    const scale = kpiScale(kpi, largestOf(sweep, kpi), messages);
    const means = sweep.points.map((point) => point.kpis[kpi]?.mean ?? Number.NaN).filter(Number.isFinite);
    const low = Math.min(...means);
    const high = Math.max(...means);
    return sweep.points.flatMap((point) => {
      const summary = point.kpis[kpi];
      if (summary === undefined || !Number.isFinite(summary.mean)) return [];
      const mean = summary.mean / scale.divisor;
      // Cells in the darker part of the colour ramp get white text so the number stays legible.
      const dark = high > low && summary.mean >= low + 0.6 * (high - low);
      return [{ kpi: scale.label, x: formatParamValue(point.values[xPath]), y: formatParamValue(point.values[yPath]), mean: round(mean), label: formatSignificant(mean), dark }];
    });
  });
  const sortOf = (values: readonly unknown[] | undefined) => (values ?? []).map((value) => formatParamValue(value));
  const panels = kpis.map((kpi) => {
    const label = kpiScale(kpi, largestOf(sweep, kpi), messages).label;
    return {
      title: { text: label, fontSize: 12, anchor: "start" },
      width: { step: 56 },
      height: { step: 36 },
      transform: [{ filter: { field: "kpi", equal: label } }],
      layer: [
        {
          mark: { type: "rect" },
          encoding: {
            x: { field: "x", type: "ordinal", sort: sortOf(first?.values), title: short.get(xPath) ?? xPath, axis: { labelAngle: 0 } },
            y: { field: "y", type: "ordinal", sort: sortOf(second?.values), title: short.get(yPath) ?? yPath },
            color: { field: "mean", type: "quantitative", title: null, scale: { scheme: "blues" }, legend: { orient: "right", gradientLength: 100 } },
          },
        },
        {
          mark: { type: "text", fontSize: 10 },
          encoding: {
            x: { field: "x", type: "ordinal", sort: sortOf(first?.values) },
            y: { field: "y", type: "ordinal", sort: sortOf(second?.values) },
            text: { field: "label" },
            color: { condition: { test: "datum.dark", value: "white" }, value: "#222" },
          },
        },
      ],
    };
  });
  return {
    // The axes name the last segment of each path; the subtitle names both in full.
    ...frame(messages.charts["sweepHeatmap"]?.title ?? "", `${sweep.scenario} · x: ${xPath} · y: ${yPath}`),
    data: { values },
    hconcat: panels,
    resolve: { scale: { color: "independent" } },
  } as TopLevelSpec;
}
