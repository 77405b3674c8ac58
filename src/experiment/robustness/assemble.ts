/**
 * The outputs of `funnelsim robustness`, by a pure function of the plan and the unit results
 * (walked in the plan's fixed order, so workers, shards and resumes cannot change a byte):
 *
 * - robustness.json: per strategy, the probability over draws that it beats the baseline and
 *   that it is the best (95% Wilson intervals), its expected regret, its mean advantage, and the
 *   rank correlations of each uncertain parameter with its advantage; per parameter, the most
 *   frequent winner in the lower and the upper half of its draws.
 * - draws.csv: one row per draw × strategy (the drawn values, the strategy's mean KPI, its paired
 *   advantage over the baseline with a 95% interval, rank, best, regret).
 * - replications.csv: every KPI of every run, as the other commands write it.
 *
 * The daily, funnel and product tables of the other commands are not written: draws × strategies
 * × replications of them would run to millions of lines and the analysis uses none of them.
 */
import { KPIS, kpiUnit, type SimulationResult } from "../../market/result.js";
import { summarize } from "../../stats/index.js";
import { kpiDifference, kpiStats, resultsByArm, type AssembledOutputs, type KpiStats } from "../assemble.js";
import { csvLine, finiteOrNull, prettyJson } from "../format.js";
import { TABLE_COLUMNS, tableCsv, type Cell, type ResultTable } from "../tables.js";
import type { Manifest } from "../manifest.js";
import type { ExperimentPlan } from "../plan.js";
import { associations, wilsonProportion, type Proportion } from "./analysis.js";

function kpiValue(result: SimulationResult, kpi: string): number {
  const value = (result.kpis as Readonly<Record<string, number | null>>)[kpi];
  return typeof value === "number" ? value : Number.NaN;
}

function proportionJson(proportion: Proportion): Record<string, unknown> {
  return { p: finiteOrNull(proportion.p), ci95: proportion.ci95.map(finiteOrNull), count: proportion.count, draws: proportion.draws };
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
}

/** The per-draw figures of one strategy. */
interface DrawFigures {
  readonly mean: number;
  readonly advantage: number;
  readonly advantageCi: readonly [number | null, number | null];
  /** Squared standard error of the advantage from the replications (NaN with one). */
  readonly noise: number;
  rank: number;
  best: boolean;
  regret: number;
}

/**
 * Every output file of a robustness plan, by name.
 * @throws {Error} when a unit of the plan has no result.
 */
export function robustnessOutputs(plan: ExperimentPlan, manifest: Manifest, results: ReadonlyMap<string, SimulationResult>): AssembledOutputs {
  const robustness = plan.robustness;
  if (robustness === undefined) throw new Error("a robustness plan needs its draws");
  const { kpi } = robustness;
  const strategyCount = plan.scenarios.length;
  const baseline = robustness.baseline;
  const names = plan.scenarios.map((scenario) => scenario.name);
  // samples[arm] = the KPI over replications; results arranged by arm.
  const byArm = resultsByArm(plan, results);
  const samples = byArm.map((list) => list.map((result) => kpiValue(result, kpi)));
  const sampleOf = (draw: number, strategy: number) => samples[draw * strategyCount + strategy] ?? [];

  // figures[draw][strategy]
  const figures: DrawFigures[][] = robustness.draws.map((_, d) => {
    const base = sampleOf(d, baseline);
    const row = names.map((_, s): DrawFigures => {
      const sample = sampleOf(d, s);
      const finite = sample.length > 0 && sample.every(Number.isFinite);
      const mean = finite ? summarize(sample).mean : Number.NaN;
      const difference = kpiDifference(sample, base);
      const paired = sample.map((value, r) => value - (base[r] as number));
      return {
        mean,
        advantage: difference.diff ?? Number.NaN,
        advantageCi: difference.ci95,
        noise: sampleVariance(paired) / paired.length,
        rank: 0,
        best: false,
        regret: Number.NaN,
      };
    });
    const best = row.reduce((top, entry, s) => (Number.isFinite(entry.mean) && (top < 0 || entry.mean > (row[top] as DrawFigures).mean) ? s : top), -1);
    for (const entry of row) {
      entry.rank = Number.isFinite(entry.mean) ? 1 + row.filter((other) => Number.isFinite(other.mean) && other.mean > entry.mean).length : Number.NaN;
      entry.regret = best < 0 ? Number.NaN : (row[best] as DrawFigures).mean - entry.mean;
    }
    if (best >= 0) (row[best] as DrawFigures).best = true;
    return row;
  });

  const drawCount = robustness.draws.length;
  const paramColumns = robustness.params.map((param) => robustness.draws.map((draw) => draw.values[param.path] as number));
  const column = (s: number, pick: (entry: DrawFigures) => number) => figures.map((row) => pick(row[s] as DrawFigures));
  const stats = (values: readonly number[]): KpiStats => kpiStats(values);
  const bestMeans = figures.map((row) => Math.max(...row.map((entry) => entry.mean)));
  const meanBest = stats(bestMeans).mean;
  const baselineMeans = column(baseline, (entry) => entry.mean);
  const baselineMean = stats(baselineMeans).mean;

  const strategies = names.map((name, s) => {
    const isBaseline = s === baseline;
    const regrets = column(s, (entry) => entry.regret);
    const regret = stats(regrets);
    const entry: Record<string, unknown> = {
      scenario: name,
      baseline: isBaseline,
      [kpi]: stats(column(s, (figure) => figure.mean)),
      pBest: proportionJson(wilsonProportion(figures.filter((row) => row[s]?.best === true).length, drawCount)),
      expectedRegret: regret,
      relativeRegret: regret.mean === null || meanBest === null || meanBest === 0 ? null : finiteOrNull(regret.mean / meanBest),
      maxRegret: regrets.every(Number.isFinite) ? finiteOrNull(Math.max(...regrets)) : null,
    };
    if (!isBaseline) {
      const advantages = column(s, (figure) => figure.advantage);
      const advantage = stats(advantages);
      const noise = column(s, (figure) => figure.noise);
      const spread = sampleVariance(advantages);
      const meanNoise = noise.reduce((sum, value) => sum + value, 0) / noise.length;
      const clearly = (test: (ci: readonly [number | null, number | null]) => boolean) =>
        proportionJson(wilsonProportion(figures.filter((row) => test((row[s] as DrawFigures).advantageCi)).length, drawCount));
      const hasIntervals = plan.replications >= 2;
      const drivers = associations(paramColumns, advantages.every(Number.isFinite) ? advantages : advantages.map(() => Number.NaN));
      Object.assign(entry, {
        pBeatsBaseline: proportionJson(wilsonProportion(advantages.filter((value) => value > 0).length, drawCount)),
        pClearlyBeatsBaseline: hasIntervals ? clearly((ci) => ci[0] !== null && ci[0] > 0) : null,
        pClearlyLosesToBaseline: hasIntervals ? clearly((ci) => ci[1] !== null && ci[1] < 0) : null,
        advantage,
        relativeAdvantage: advantage.mean === null || baselineMean === null || baselineMean === 0 ? null : finiteOrNull(advantage.mean / baselineMean),
        replicationNoiseShare: Number.isFinite(meanNoise) && spread > 0 ? finiteOrNull(meanNoise / spread) : null,
        drivers: robustness.params.map((param, j) => {
          const association = drivers[j];
          return {
            param: param.path,
            spearman: finiteOrNull(association?.spearman ?? Number.NaN),
            prcc: finiteOrNull(association?.prcc ?? Number.NaN),
            pValue: finiteOrNull(association?.pValue ?? Number.NaN),
          };
        }),
      });
    }
    return entry;
  });

  // Per parameter: who wins where it is low and where it is high (split at its median draw).
  const flips = robustness.params.map((param, j) => {
    const values = paramColumns[j] as number[];
    const order = values.map((value, d) => ({ value, d })).sort((a, b) => a.value - b.value || a.d - b.d);
    const half = Math.floor(drawCount / 2);
    const halves = [order.slice(0, half), order.slice(drawCount - half)];
    const side = (list: readonly { value: number; d: number }[]) => {
      const counts = names.map((_, s) => list.filter(({ d }) => figures[d]?.[s]?.best === true).length);
      const most = Math.max(...counts);
      const leaders = names.filter((_, s) => counts[s] === most);
      return {
        draws: list.length,
        // A tie for the most wins names no winner: a half that cannot choose flips nothing.
        winner: leaders.length === 1 ? (leaders[0] as string) : null,
        pBest: Object.fromEntries(names.map((name, s) => [name, list.length === 0 ? null : finiteOrNull((counts[s] as number) / list.length)])),
      };
    };
    const low = side(halves[0] ?? []);
    const high = side(halves[1] ?? []);
    return {
      param: param.path,
      // The halves' edges: the low half's largest value and the high half's smallest.
      low: { upTo: finiteOrNull(halves[0]?.[halves[0].length - 1]?.value ?? Number.NaN), ...low },
      high: { from: finiteOrNull(halves[1]?.[0]?.value ?? Number.NaN), ...high },
      flipsWinner: low.winner !== null && high.winner !== null && low.winner !== high.winner,
    };
  });

  const json = prettyJson({
    baseline: names[baseline],
    kpi,
    uncertainty: robustness.file,
    draws: drawCount,
    replications: plan.replications,
    params: robustness.params.map((param) => ({ path: param.path, ...param.spec, source: param.source })),
    strategies,
    flips,
  });

  const paths = robustness.params.map((param) => param.path);
  const drawsCsv: string[] = [csvLine(["draw", "seed", ...paths, "strategy", kpi, "advantage", "advantageLow", "advantageHigh", "rank", "best", "regret"])];
  robustness.draws.forEach((draw, d) => {
    names.forEach((name, s) => {
      const entry = figures[d]?.[s] as DrawFigures;
      const isBaseline = s === baseline;
      drawsCsv.push(
        csvLine([
          d + 1,
          draw.seed,
          ...paths.map((path) => draw.values[path]),
          name,
          entry.mean,
          isBaseline ? null : entry.advantage,
          isBaseline ? null : entry.advantageCi[0],
          isBaseline ? null : entry.advantageCi[1],
          entry.rank,
          entry.best,
          entry.regret,
        ]),
      );
    });
  });

  // replications: the same table as the other commands write (CSV and, with it, Parquet).
  const rows: Cell[][] = [];
  plan.arms.forEach((arm, armIndex) => {
    (byArm[armIndex] ?? []).forEach((result, index) => {
      for (const name of KPIS) rows.push([arm.label, index + 1, name, kpiUnit(name), kpiValue(result, name)]);
    });
  });
  const replications: ResultTable = { name: "replications", columns: TABLE_COLUMNS.replications, rows };

  const files = new Map([
    ["robustness.json", json],
    ["draws.csv", drawsCsv.join("")],
    ["replications.csv", tableCsv(replications)],
    ["manifest.json", prettyJson(manifest)],
  ]);
  return { files, tables: [replications] };
}
