/**
 * Assembly: every output file from the plan and the unit results, by a pure function that walks
 * the plan in its fixed order (arm by arm, replication by replication). Which unit finished
 * first, how many workers or shards ran, and whether a run was resumed cannot change a byte.
 *
 * Missing values: a statistic that cannot be computed (a KPI that is not a finite number in some
 * replication) is written as `null` in JSON and as an empty field in CSV.
 */
import { MERCHANT_TYPES } from "../market/parameters.js";
import { DAILY_METRICS, KPIS, kpiUnit, SOURCES, type SimulationResult } from "../market/result.js";
import { pairedDifference, summarize } from "../stats/index.js";
import { morrisAnalysis, oatAnalysis, type OatKpis } from "./design/index.js";
import { finiteOrNull, prettyJson } from "./format.js";
import type { Manifest } from "./manifest.js";
import type { ExperimentPlan } from "./plan.js";
import { robustnessOutputs } from "./robustness/index.js";
import { TABLE_COLUMNS, TABLE_NAMES, tableCsv, type Cell, type ResultTable } from "./tables.js";
import { dailyUnit } from "./units.js";
import { scorecardOf } from "./scorecard.js";

/** Mean, sd and 95% t-interval of one KPI over replications (null where undefined). */
export interface KpiStats {
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ci95: readonly [number | null, number | null];
}

/** A paired difference against the baseline, as comparison.json writes it. */
export interface KpiDifference {
  readonly diff: number | null;
  readonly ci95: readonly [number | null, number | null];
  /** diff / baseline mean, a fraction; null when the baseline mean is 0. */
  readonly relative: number | null;
}

/**
 * The daily metrics written to daily.csv: every {@link DAILY_METRICS} entry, then GMV by
 * source (`gmv.<source>`) and by merchant type (`gmv.type.<type>`). Per-source impressions,
 * clicks, carts and orders are in funnel.csv instead.
 */
export const DAILY_CSV_METRICS: readonly string[] = [
  ...DAILY_METRICS,
  ...SOURCES.map((source) => `gmv.${source}`),
  ...MERCHANT_TYPES.map((type) => `gmv.type.${type}`),
];

const allFinite = (values: readonly number[]): boolean => values.length > 0 && values.every((value) => Number.isFinite(value));

/**
 * {@link KpiStats} of a sample; all null when the sample is empty or holds a non-finite value.
 * One replication gives a mean but no spread: sd and the interval are null, not 0 and
 * [mean, mean], which a reader (or the report) would take for a certain value.
 */
export function kpiStats(values: readonly number[]): KpiStats {
  if (!allFinite(values)) return { mean: null, sd: null, ci95: [null, null] };
  const summary = summarize(values);
  if (values.length < 2) return { mean: finiteOrNull(summary.mean), sd: null, ci95: [null, null] };
  return { mean: finiteOrNull(summary.mean), sd: finiteOrNull(summary.sd), ci95: [finiteOrNull(summary.ci95[0]), finiteOrNull(summary.ci95[1])] };
}

/** {@link KpiDifference} of paired samples (same index = same replication = same streams). */
export function kpiDifference(treatment: readonly number[], baseline: readonly number[]): KpiDifference {
  if (!allFinite(treatment) || !allFinite(baseline) || treatment.length !== baseline.length) {
    return { diff: null, ci95: [null, null], relative: null };
  }
  const difference = pairedDifference(treatment, baseline);
  const spread = treatment.length >= 2;
  return {
    diff: finiteOrNull(difference.diff),
    // One pair gives a difference but no interval (see kpiStats).
    ci95: spread ? [finiteOrNull(difference.ci95[0]), finiteOrNull(difference.ci95[1])] : [null, null],
    relative: difference.relative === null ? null : finiteOrNull(difference.relative),
  };
}

/** A KPI value of a result; NaN when the simulation did not report it (written as null). */
function kpiValue(result: SimulationResult, kpi: string): number {
  const value = (result.kpis as Readonly<Record<string, number | null>>)[kpi];
  return typeof value === "number" ? value : Number.NaN;
}

/** Results of a plan arranged by arm and replication, with KPI samples. */
interface Arranged {
  /** results[arm][replication − 1] */
  readonly results: readonly (readonly SimulationResult[])[];
  /** samples[arm][kpi] = one value per replication */
  readonly samples: readonly Readonly<Record<string, readonly number[]>>[];
}

/**
 * The results arranged by arm, each arm's list in replication order.
 * @throws {Error} when a unit of the plan has no result.
 */
export function resultsByArm(plan: ExperimentPlan, results: ReadonlyMap<string, SimulationResult>): SimulationResult[][] {
  const byArm: SimulationResult[][] = plan.arms.map(() => []);
  const missing: string[] = [];
  for (const unit of plan.units) {
    const result = results.get(unit.id);
    if (result === undefined) missing.push(unit.id);
    else (byArm[unit.arm] as SimulationResult[])[unit.replication - 1] = result;
  }
  if (missing.length > 0) {
    throw new Error(`cannot assemble outputs: ${missing.length} of ${plan.units.length} runs have no result (first: ${missing[0]})`);
  }
  return byArm;
}

function arrange(plan: ExperimentPlan, results: ReadonlyMap<string, SimulationResult>): Arranged {
  const byArm = resultsByArm(plan, results);
  const samples = byArm.map((list) => {
    const record: Record<string, number[]> = {};
    for (const kpi of KPIS) record[kpi] = list.map((result) => kpiValue(result, kpi));
    return record;
  });
  return { results: byArm, samples };
}

function kpiTable(samples: Readonly<Record<string, readonly number[]>>): Record<string, KpiStats> {
  const table: Record<string, KpiStats> = {};
  for (const kpi of KPIS) table[kpi] = kpiStats(samples[kpi] ?? []);
  return table;
}

function meanOf(values: readonly number[]): number {
  return allFinite(values) ? summarize(values).mean : Number.NaN;
}

/**
 * The long tables shared by every kind: daily, replications, funnel, products, as typed rows
 * (tables.ts); the CSV files and the Parquet files are both written from these rows.
 */
function tables(plan: ExperimentPlan, arranged: Arranged): ResultTable[] {
  const daily: Cell[][] = [];
  const replications: Cell[][] = [];
  const funnel: Cell[][] = [];
  const products: Cell[][] = [];
  const units = DAILY_CSV_METRICS.map(dailyUnit);
  plan.arms.forEach((arm, armIndex) => {
    const list = arranged.results[armIndex] ?? [];
    list.forEach((result, index) => {
      const replication = index + 1;
      result.dates.forEach((date, day) => {
        DAILY_CSV_METRICS.forEach((metric, metricIndex) => daily.push([arm.label, replication, date, metric, result.daily[metric]?.[day], units[metricIndex]]));
      });
      for (const kpi of KPIS) replications.push([arm.label, replication, kpi, kpiUnit(kpi), kpiValue(result, kpi)]);
      for (const row of result.funnel) funnel.push([arm.label, replication, row.source, row.domain, row.impressions, row.clicks, row.carts, row.orders, row.gmv]);
      for (const row of result.products) {
        products.push([arm.label, replication, row.product, row.merchant, row.merchantType, row.category, row.launchDay, row.registered, row.orders, row.gmv, row.realProducts]);
      }
    });
  });
  const rows = { daily, replications, funnel, products };
  return TABLE_NAMES.map((name) => ({ name, columns: TABLE_COLUMNS[name], rows: rows[name] }));
}

function summaryJson(plan: ExperimentPlan, arranged: Arranged): string {
  const scenario = plan.scenarios[0];
  return prettyJson({
    scenario: scenario?.name,
    seed: scenario?.seed,
    replications: plan.replications,
    kpis: kpiTable(arranged.samples[0] ?? {}),
  });
}

function comparisonJson(plan: ExperimentPlan, arranged: Arranged): string {
  const baselineIndex = plan.baseline ?? 0;
  const baselineSamples = arranged.samples[baselineIndex] ?? {};
  return prettyJson({
    baseline: plan.arms[baselineIndex]?.label,
    strategies: plan.arms.map((arm, armIndex) => {
      const samples = arranged.samples[armIndex] ?? {};
      const vsBaseline: Record<string, KpiDifference> = {};
      for (const kpi of KPIS) vsBaseline[kpi] = kpiDifference(samples[kpi] ?? [], baselineSamples[kpi] ?? []);
      return { scenario: arm.label, kpis: kpiTable(samples), vsBaseline };
    }),
    scorecard: scorecardOf(
      plan.arms.map((arm, armIndex) => ({ label: arm.label, results: arranged.results[armIndex] ?? [] })),
      baselineIndex,
    ),
  });
}

function sweepJson(plan: ExperimentPlan, arranged: Arranged): string {
  const sweep = plan.sweep;
  if (sweep === undefined) throw new Error("a sweep plan needs its design");
  const armOf = new Map(plan.arms.map((arm, index) => [arm.point, index]));
  return prettyJson({
    scenario: plan.scenarios[0]?.name,
    params: sweep.params.map((param) => ({ path: param.path, values: param.values })),
    zip: sweep.zip,
    points: sweep.points.map((point) => ({
      id: point.id,
      values: point.values,
      kpis: kpiTable(arranged.samples[armOf.get(point.id) ?? -1] ?? {}),
    })),
  });
}

function sensitivityJson(plan: ExperimentPlan, arranged: Arranged): string {
  const sensitivity = plan.sensitivity;
  if (sensitivity === undefined) throw new Error("a sensitivity plan needs its design");
  const armOf = new Map(plan.arms.map((arm, index) => [arm.point, index]));
  const meanAt = (pointId: string, kpi: string): number => meanOf(arranged.samples[armOf.get(pointId) ?? -1]?.[kpi] ?? []);
  const scenario = plan.scenarios[0]?.name;
  if (sensitivity.method === "oat") {
    const design = sensitivity.design;
    const rows = sensitivity.kpis.flatMap((kpi) => {
      const baseKpi = meanAt(design.base.id, kpi);
      const pairs: Record<string, OatKpis> = {};
      for (const entry of design.params) pairs[entry.param] = { low: meanAt(entry.lowPoint.id, kpi), high: meanAt(entry.highPoint.id, kpi) };
      const finite = Number.isFinite(baseKpi) && Object.values(pairs).every((pair) => Number.isFinite(pair.low) && Number.isFinite(pair.high));
      // oatAnalysis needs finite KPIs; with an undefined one, rows keep design order and say null.
      const analysed = finite
        ? oatAnalysis(design, baseKpi, pairs)
        : design.params.map((entry) => ({ param: entry.param, baseValue: entry.baseValue, low: entry.low, high: entry.high, baseKpi, lowKpi: pairs[entry.param]?.low ?? Number.NaN, highKpi: pairs[entry.param]?.high ?? Number.NaN, swing: Number.NaN }));
      return analysed.map((row) => ({
        param: row.param,
        kpi,
        baseValue: row.baseValue,
        low: row.low,
        high: row.high,
        baseKpi: row.baseKpi,
        lowKpi: row.lowKpi,
        highKpi: row.highKpi,
        swing: row.swing,
      }));
    });
    return prettyJson({
      scenario,
      method: "oat",
      delta: sensitivity.delta,
      replications: plan.replications,
      params: design.params.map((entry) => ({ path: entry.param, baseValue: entry.baseValue, low: entry.low, high: entry.high })),
      rows,
    });
  }
  const design = sensitivity.design;
  interface MorrisRow {
    param: string;
    kpi: string;
    mu: number | null;
    muStar: number | null;
    sigma: number | null;
  }
  const rows = sensitivity.kpis.flatMap((kpi): MorrisRow[] => {
    const outputs = design.points.map((point) => meanAt(point.id, kpi));
    if (!outputs.every((value) => Number.isFinite(value))) {
      return design.params.map((param) => ({ param: param.path, kpi, mu: null, muStar: null, sigma: null }));
    }
    return morrisAnalysis(design, outputs).map((effect) => ({ param: effect.param, kpi, mu: effect.mu, muStar: effect.muStar, sigma: effect.sigma }));
  });
  return prettyJson({
    scenario,
    method: "morris",
    delta: sensitivity.delta,
    replications: plan.replications,
    trajectories: sensitivity.trajectories,
    levels: design.levels,
    params: design.params.map((param) => ({ path: param.path, low: param.lo, high: param.hi })),
    rows,
  });
}

/** Everything an experiment writes: the text files by name, and the long tables as typed rows. */
export interface AssembledOutputs {
  /** File name → contents, in a fixed order: the kind's JSON, the CSV tables, manifest.json. */
  readonly files: Map<string, string>;
  /** The long tables (daily, replications, funnel, products), written as Parquet too. */
  readonly tables: readonly ResultTable[];
}

/**
 * Every output of an experiment from its plan, manifest and unit results. Pure: the same
 * arguments give the same strings and rows, whatever order `results` was filled in.
 *
 * @param results - one result per unit id of the plan.
 * @throws {Error} when a unit of the plan has no result.
 */
export function assembleAll(plan: ExperimentPlan, manifest: Manifest, results: ReadonlyMap<string, SimulationResult>): AssembledOutputs {
  // A robustness analysis writes its own tables (see robustness/assemble.ts).
  if (plan.kind === "robustness") return robustnessOutputs(plan, manifest, results);
  const arranged = arrange(plan, results);
  const files = new Map<string, string>();
  if (plan.kind === "run") files.set("summary.json", summaryJson(plan, arranged));
  if (plan.kind === "compare") files.set("comparison.json", comparisonJson(plan, arranged));
  if (plan.kind === "sweep") files.set("sweep.json", sweepJson(plan, arranged));
  if (plan.kind === "sensitivity") files.set("sensitivity.json", sensitivityJson(plan, arranged));
  const long = tables(plan, arranged);
  for (const table of long) files.set(`${table.name}.csv`, tableCsv(table));
  files.set("manifest.json", prettyJson(manifest));
  return { files, tables: long };
}

/**
 * Every text output file of an experiment, by name ({@link assembleAll}'s files).
 * @returns file name → contents, in a fixed order: the kind's JSON, the CSV tables, manifest.json.
 * @throws {Error} when a unit of the plan has no result.
 */
export function assembleOutputs(plan: ExperimentPlan, manifest: Manifest, results: ReadonlyMap<string, SimulationResult>): Map<string, string> {
  return assembleAll(plan, manifest, results).files;
}
