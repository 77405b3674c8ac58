/**
 * What a calibration measures and how it scores a candidate: each target's statistic in one
 * replication, the mean over replications, and the loss
 *
 *   L = Σ_k w_k · z_k²,   z_k = (mean_k − value_k) / scale_k
 *
 * with z_k set to 0 on the allowed side of a one-sided target (atLeast, atMost). With `scale` a
 * standard error this is the χ² of the fit; with a tolerance, a miss of one tolerance costs 1.
 */
import { buildCalendar, type Phase } from "../../market/calendar.js";
import type { ModelConfig } from "../../market/parameters.js";
import type { SimulationResult } from "../../market/result.js";
import type { Target } from "../../scenario/targets.js";
import { problem } from "../../scenario/messages.js";

/** Phases each window name covers. */
const PHASES_OF: Readonly<Record<string, readonly Phase[]>> = {
  lead: ["lead"],
  festival: ["warmup", "festival", "peak"],
  warmup: ["warmup"],
  peak: ["peak"],
  tail: ["tail"],
  all: ["lead", "warmup", "festival", "peak", "tail"],
};

/** The day indices (of the reported days) a series target's window covers. */
export function windowDays(target: Target, dates: readonly string[], phases: readonly Phase[]): number[] {
  const measure = target.measure;
  if (measure.type !== "series") return [];
  const window = measure.window;
  const days: number[] = [];
  if ("phase" in window) {
    const wanted = PHASES_OF[window.phase] ?? [];
    phases.forEach((phase, day) => {
      if (wanted.includes(phase)) days.push(day);
    });
  } else {
    dates.forEach((date, day) => {
      if ((window.from === undefined || date >= window.from) && (window.to === undefined || date <= window.to)) days.push(day);
    });
  }
  return days;
}

/**
 * Checks that every series target's window holds days of the scenario.
 * @returns problem lines naming the targets file.
 */
export function checkWindows(targets: readonly Target[], config: ModelConfig, file: string): string[] {
  const calendar = buildCalendar(config);
  const problems: string[] = [];
  targets.forEach((target, index) => {
    if (target.measure.type !== "series") return;
    if (windowDays(target, calendar.dates, calendar.phase).length > 0) return;
    const window = target.measure.window;
    const first = calendar.dates[0] ?? "?";
    const last = calendar.dates.at(-1) ?? "?";
    const got = "phase" in window ? window.phase : `${window.from ?? first}..${window.to ?? last}`;
    problems.push(problem(file, ["targets", index, "phase" in window ? "phase" : "from"], `holds none of the scenario's reported days (${first}..${last})`, got));
  });
  return problems;
}

/** A target's statistic in one replication (NaN when its denominator is 0). */
export function statisticOf(target: Target, result: SimulationResult): number {
  const measure = target.measure;
  if (measure.type === "kpi") {
    const kpis = result.kpis as Readonly<Record<string, number>>;
    const value = kpis[measure.kpi] ?? Number.NaN;
    if (measure.per === undefined) return value;
    const per = kpis[measure.per] ?? Number.NaN;
    return per === 0 ? Number.NaN : value / per;
  }
  const days = windowDays(target, result.dates, result.phase);
  const sum = (metric: string): number => {
    const series = result.daily[metric];
    if (series === undefined) throw new Error(`the run has no daily series ${metric}`);
    let total = 0;
    for (const day of days) total += series[day] ?? 0;
    return total;
  };
  if (measure.per !== undefined) {
    const per = sum(measure.per);
    return per === 0 ? Number.NaN : sum(measure.metric) / per;
  }
  const total = sum(measure.metric);
  return measure.statistic === "sum" ? total : total / days.length;
}

/** The signed miss of a mean in units of the target's scale, 0 on a one-sided target's allowed side. */
export function zScore(target: Target, mean: number): number {
  const z = (mean - target.value) / target.scale;
  if (target.direction === "atLeast") return Math.min(0, z);
  if (target.direction === "atMost") return Math.max(0, z);
  return z;
}

/** The loss of a candidate from each target's mean (NaN if any mean is not a number). */
export function lossOf(targets: readonly Target[], means: readonly number[]): number {
  let loss = 0;
  targets.forEach((target, index) => {
    const z = zScore(target, means[index] ?? Number.NaN);
    loss += target.weight * z * z;
  });
  return loss;
}

/** Whether a fitted mean meets its target: within the tolerance, or within two standard errors. */
export function withinTarget(target: Target, mean: number): boolean {
  const allowed = target.scaleKind === "tolerance" ? 1 : 2;
  return Math.abs(zScore(target, mean)) <= allowed;
}

/** How a target is written in tables: `gmv per orders`, `gmv mean per day, festival`. */
export function describeMeasure(target: Target): string {
  const measure = target.measure;
  if (measure.type === "kpi") return measure.per === undefined ? measure.kpi : `${measure.kpi} / ${measure.per}`;
  const window = "phase" in measure.window ? measure.window.phase : `${measure.window.from ?? "start"}..${measure.window.to ?? "end"}`;
  if (measure.per !== undefined) return `Σ ${measure.metric} / Σ ${measure.per}, ${window}`;
  return `${measure.metric} ${measure.statistic === "mean" ? "per day" : "sum"}, ${window}`;
}
