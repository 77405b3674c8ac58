/**
 * Which charts a results folder gets, in which order, built from its rows: every chart whose
 * data the folder holds, for any kind of command. Also derives what the builders share — the
 * scenario order (baseline first), the festival calendar and each scenario's KPI summaries.
 */
import type { TopLevelSpec } from "vega-lite";
import { summarize } from "../stats/index.js";
import { dailyBands, dailyDifferenceBands, dailyRatioBands, kpiValues, productGmvBins } from "./aggregate.js";
import { type ChartCalendar, type ChartContext, addDays } from "./charts/common.js";
import { forestRows, forestSpec } from "./charts/forest.js";
import { funnelRates, funnelSpec } from "./charts/funnel.js";
import { journeyRows, journeySpec } from "./charts/journey.js";
import { ratioRows } from "./charts/smallMultiples.js";
import { newProductShareSpec } from "./charts/newProductShare.js";
import { productGmvSpec } from "./charts/productGmv.js";
import { publicPrivateSpec } from "./charts/publicPrivate.js";
import { robustnessDriversSpec, robustnessProbabilitiesSpec, robustnessRegretSpec } from "./charts/robustness.js";
import { morrisSpec, tornadoSpec } from "./charts/sensitivity.js";
import { isHeatmapSweep, sweepHeatmapSpec, sweepLineSpec } from "./charts/sweep.js";
import { gainRows, whoGainsSpec } from "./charts/whoGains.js";
import { multiplicityOf, replicationCount } from "./multiplicity.js";
import { avgTrustSpec, followerStockSpec, gmvDailySpec, gmvVsBaselineSpec, newProductDailySpec } from "./charts/timeSeries.js";
import { scenarioLabels } from "./labels.js";
import type { Messages } from "./messages.js";
import type { KpiSummary, Results } from "./types.js";

/** The names of the charts, which are also their file names. */
export const CHART_NAMES = [
  "robustnessProbabilities",
  "robustnessRegret",
  "robustnessDrivers",
  "tornado",
  "morris",
  "sweepLine",
  "sweepHeatmap",
  "gmvDaily",
  "forest",
  "whoGains",
  "gmvVsBaseline",
  "publicPrivate",
  "funnel",
  "newProductShare",
  "newProductDaily",
  "followerStock",
  "avgTrust",
  "productGmv",
  "journey",
] as const;
export type ChartName = (typeof CHART_NAMES)[number];

/** Most lines a daily chart of a sweep draws; beyond it only the sweep chart is drawn. */
const MAX_LINES = 8;

/** One chart of the report. */
export interface PlannedChart {
  readonly name: ChartName;
  readonly spec: TopLevelSpec;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The festival calendar of a resolved configuration: window from `calendar.festivalStart` for
 * `festivalDays` days, and the peak day with the largest multiplier (11.11 in the defaults).
 */
export function calendarOf(config: Readonly<Record<string, unknown>> | undefined): ChartCalendar | undefined {
  const calendar = config?.["calendar"];
  if (!isObject(calendar)) return undefined;
  const start = calendar["festivalStart"];
  const days = calendar["festivalDays"];
  if (typeof start !== "string" || typeof days !== "number" || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return undefined;
  const peaks = Array.isArray(calendar["peakDays"]) ? (calendar["peakDays"] as unknown[]).filter(isObject) : [];
  let peak: string | undefined;
  let best = Number.NEGATIVE_INFINITY;
  for (const entry of peaks) {
    const date = entry["date"];
    const multiplier = typeof entry["multiplier"] === "number" ? entry["multiplier"] : 1;
    if (typeof date === "string" && multiplier > best) {
      best = multiplier;
      peak = date;
    }
  }
  const window = { festivalStart: start, festivalEnd: addDays(start, days - 1) };
  return peak === undefined ? window : { ...window, peak };
}

/** Scenarios in display order: the baseline first, then the order the results list them. */
export function scenarioOrder(results: Results): string[] {
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name !== undefined && name !== "" && !names.includes(name)) names.push(name);
  };
  add(results.comparison?.baseline ?? results.robustness?.baseline);
  results.robustness?.strategies.forEach((strategy) => add(strategy.scenario));
  results.comparison?.strategies.forEach((strategy) => add(strategy.scenario));
  add(results.summary?.scenario);
  results.manifest.scenarios.forEach((scenario) => add(scenario.name));
  // Scenarios only the tables name (a sweep's points, say) come last, in first-seen order.
  for (const row of results.daily) add(row.scenario);
  return names;
}

/** The baseline's name, when the results compare strategies. */
export function baselineOf(results: Results): string | undefined {
  return results.comparison?.baseline ?? results.robustness?.baseline;
}

/**
 * KPI summaries per scenario: from summary.json and comparison.json, and for a scenario they
 * do not cover (a baseline that comparison.json leaves out), summarized from replications.csv.
 */
export function kpiTables(results: Results, scenarios: readonly string[]): Map<string, Readonly<Record<string, KpiSummary>>> {
  const tables = new Map<string, Readonly<Record<string, KpiSummary>>>();
  if (results.summary !== undefined) tables.set(results.summary.scenario, results.summary.kpis);
  for (const strategy of results.comparison?.strategies ?? []) tables.set(strategy.scenario, strategy.kpis);
  for (const scenario of scenarios) {
    if (tables.has(scenario)) continue;
    const table: Record<string, KpiSummary> = {};
    const kpis = [...new Set(results.replications.filter((row) => row.scenario === scenario).map((row) => row.kpi))];
    for (const kpi of kpis) {
      const values = kpiValues(results.replications, kpi, scenario);
      if (values.length > 0) table[kpi] = summarize(values);
    }
    if (Object.keys(table).length > 0) tables.set(scenario, table);
  }
  return tables;
}

/** The context every builder of these results shares. */
export function chartContext(results: Results, messages: Messages): ChartContext {
  const scenarios = scenarioOrder(results);
  const baseline = baselineOf(results);
  const config = results.manifest.scenarios.find((scenario) => scenario.name === baseline)?.config ?? results.manifest.scenarios[0]?.config;
  const calendar = calendarOf(config);
  return {
    messages,
    scenarios,
    labels: scenarioLabels(scenarios),
    ...(baseline === undefined ? {} : { baseline }),
    ...(calendar === undefined ? {} : { calendar }),
  };
}

/**
 * Every chart the results hold data for, specs built and in report order: sensitivity and sweep
 * charts first for those kinds, then GMV, the comparison, the loops, new products, the flywheel,
 * trust and the product distribution.
 */
export function planCharts(results: Results, messages: Messages): PlannedChart[] {
  const context = chartContext(results, messages);
  const scenarios = context.scenarios;
  const charts: PlannedChart[] = [];
  // A robustness analysis writes no daily tables: its charts are the decision's, and only those.
  const robustness = results.robustness;
  if (robustness !== undefined) {
    if (robustness.strategies.length > 0) {
      charts.push({ name: "robustnessProbabilities", spec: robustnessProbabilitiesSpec(robustness, context) });
      charts.push({ name: "robustnessRegret", spec: robustnessRegretSpec(robustness, context) });
    }
    if (robustness.params.length > 0 && robustness.strategies.some((strategy) => !strategy.baseline)) charts.push({ name: "robustnessDrivers", spec: robustnessDriversSpec(robustness, context) });
    return charts;
  }
  const hasMetric = (metric: string) => results.daily.some((row) => row.metric === metric);
  const sensitivity = results.sensitivity;
  if (sensitivity !== undefined && sensitivity.rows.length > 0) {
    if (sensitivity.method === "oat") charts.push({ name: "tornado", spec: tornadoSpec(sensitivity.rows, context, sensitivity.delta) });
    else charts.push({ name: "morris", spec: morrisSpec(sensitivity.rows, context) });
  }
  const sweep = results.sweep;
  if (sweep !== undefined && sweep.points.length > 0) {
    if (isHeatmapSweep(sweep)) charts.push({ name: "sweepHeatmap", spec: sweepHeatmapSpec(sweep, context) });
    else charts.push({ name: "sweepLine", spec: sweepLineSpec(sweep, context) });
  }
  // A sensitivity design runs dozens of arms that differ by one parameter step: their daily
  // lines would be a tangle, and the tornado or Morris chart already says what they show.
  if (results.manifest.kind === "sensitivity") return charts;
  // Same for a large sweep: a chart per day with a line per point reads only for a few points.
  if (results.manifest.kind === "sweep" && scenarios.filter((name) => results.daily.some((row) => row.scenario === name)).length > MAX_LINES) return charts;
  if (hasMetric("gmv")) charts.push({ name: "gmvDaily", spec: gmvDailySpec(dailyBands(results.daily, "gmv", scenarios), context) });
  if (results.comparison !== undefined) {
    const rows = forestRows(results.comparison, scenarios);
    if (rows.length > 0) charts.push({ name: "forest", spec: forestSpec(rows, context) });
    const gains = gainRows(results.comparison, scenarios, multiplicityOf(results.comparison, replicationCount(results)));
    if (gains.length > 0) charts.push({ name: "whoGains", spec: whoGainsSpec(gains, context) });
  }
  if (context.baseline !== undefined && hasMetric("gmv")) {
    const bands = dailyDifferenceBands(results.daily, "gmv", context.baseline, scenarios);
    if (bands.length > 0) charts.push({ name: "gmvVsBaseline", spec: gmvVsBaselineSpec(bands, context) });
  }
  if (hasMetric("gmvPublic") && hasMetric("gmvPrivate")) {
    charts.push({
      name: "publicPrivate",
      spec: publicPrivateSpec(dailyBands(results.daily, "gmvPublic", scenarios), dailyBands(results.daily, "gmvPrivate", scenarios), context),
    });
  }
  if (results.funnel.length > 0) charts.push({ name: "funnel", spec: funnelSpec(funnelRates(results.funnel, scenarios), context) });
  const tables = kpiTables(results, scenarios);
  if ([...tables.values()].some((table) => table["newProductGmvShare"] !== undefined)) {
    charts.push({ name: "newProductShare", spec: newProductShareSpec(tables, context) });
  }
  if (hasMetric("gmvNewToBuyer") && hasMetric("gmv")) {
    // A share needs GMV: days (or whole runs) without sales have no share to draw.
    const bands = dailyRatioBands(results.daily, "gmvNewToBuyer", "gmv", scenarios);
    const differences = context.baseline === undefined ? [] : dailyDifferenceBands(ratioRows(results.daily, "gmvNewToBuyer", "gmv", "newToBuyerShare"), "newToBuyerShare", context.baseline, scenarios);
    if (bands.length > 0) charts.push({ name: "newProductDaily", spec: newProductDailySpec(bands, context, differences) });
  }
  // In a comparison, followers and trust are drawn as paired differences against the baseline.
  const paired = (metric: string) => (context.baseline === undefined ? [] : dailyDifferenceBands(results.daily, metric, context.baseline, scenarios));
  if (hasMetric("followerStock")) charts.push({ name: "followerStock", spec: followerStockSpec(dailyBands(results.daily, "followerStock", scenarios), context, paired("followerStock")) });
  if (results.comparison !== undefined) {
    const rows = journeyRows(results.comparison, scenarios);
    if (rows.length > 0) charts.push({ name: "journey", spec: journeySpec(rows, context) });
  }
  if (hasMetric("avgTrust")) charts.push({ name: "avgTrust", spec: avgTrustSpec(dailyBands(results.daily, "avgTrust", scenarios), context, paired("avgTrust")) });
  if (results.products.length > 0) {
    const bins = productGmvBins(results.products, scenarios);
    if (bins.length > 0) charts.push({ name: "productGmv", spec: productGmvSpec(bins, context) });
  }
  return charts;
}

