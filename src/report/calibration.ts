/**
 * The fit report of `funnelsim calibrate`: report.html from calibration.json alone — target
 * against fitted with 95% intervals, the loss over the evaluations, the fitted parameters with
 * their local uncertainty, and which parameters the targets barely constrain.
 *
 *   calibration.json ──specs (pure)──▶ Vega-Lite ──renderSvg──▶ SVG inlined in report.html
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { writeFileAtomic } from "../experiment/atomic.js";
import { escapeHtml } from "./html.js";
import { renderSvg } from "./render.js";

/** The parts of calibration.json the report reads. */
export interface CalibrationSummary {
  readonly scenario: string;
  readonly file: string;
  readonly targetsFile: string;
  readonly description: string;
  readonly replications: number;
  readonly seed: string | number;
  readonly loss: number | null;
  readonly stop: { readonly reason: string; readonly evaluations: number; readonly iterations: number };
  readonly method: { readonly name: string };
  readonly parameters: readonly {
    readonly path: string;
    readonly min: number;
    readonly max: number;
    readonly start: number;
    readonly fitted: number;
    readonly sd: number | null;
    readonly approx95: readonly [number, number] | null;
    readonly constrained: string;
    readonly lossProfile: { readonly values: readonly number[]; readonly losses: readonly (number | null)[] } | null;
    readonly effects: Readonly<Record<string, number | null>> | null;
  }[];
  readonly targets: readonly {
    readonly name: string;
    readonly measure: string;
    readonly source: string | null;
    readonly value: number;
    readonly direction: string;
    readonly tolerance?: number;
    readonly standardError?: number;
    readonly weight: number;
    readonly fitted: number | null;
    readonly ci95: readonly (number | null)[] | null;
    readonly z: number | null;
    readonly within: boolean;
  }[];
  readonly history: readonly { readonly evaluation: number; readonly loss: number | null; readonly best: number | null; readonly step: string }[];
}

/** Loss of every evaluation (points) and the best so far (line), log scale. */
export function lossSpec(summary: CalibrationSummary): TopLevelSpec {
  const values = summary.history.filter((row) => row.loss !== null && row.best !== null).map((row) => ({ evaluation: row.evaluation, loss: Math.max(row.loss as number, 1e-6), best: Math.max(row.best as number, 1e-6), step: row.step }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Loss over the evaluations",
    width: 560,
    height: 240,
    data: { values },
    layer: [
      { mark: { type: "point", filled: true, size: 30, opacity: 0.5 }, encoding: { x: { field: "evaluation", type: "quantitative", title: "evaluation" }, y: { field: "loss", type: "quantitative", scale: { type: "log" }, title: "loss (log)" }, color: { field: "step", type: "nominal", title: "step" } } },
      { mark: { type: "line", color: "black", interpolate: "step-after" }, encoding: { x: { field: "evaluation", type: "quantitative" }, y: { field: "best", type: "quantitative", scale: { type: "log" } } } },
    ],
  } as TopLevelSpec;
}

/** Each target's miss in its scale's units with the 95% interval; the band is ±1 (within a tolerance). */
export function missSpec(summary: CalibrationSummary): TopLevelSpec {
  const values = summary.targets.flatMap((target) => {
    const scale = target.tolerance ?? target.standardError;
    if (scale === undefined || target.fitted === null) return [];
    const z = (target.fitted - target.value) / scale;
    const lo = target.ci95?.[0] ?? target.fitted;
    const hi = target.ci95?.[1] ?? target.fitted;
    return [{ target: target.name, z, lo: ((lo ?? target.fitted) - target.value) / scale, hi: ((hi ?? target.fitted) - target.value) / scale, within: target.within ? "within" : "misses" }];
  });
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Fitted minus target, in tolerances (or standard errors), with 95% intervals",
    width: 560,
    height: { step: 24 },
    data: { values },
    layer: [
      { mark: { type: "rule", color: "#999", strokeDash: [4, 4] }, encoding: { x: { datum: 0, type: "quantitative" } } },
      { mark: { type: "rule" }, encoding: { y: { field: "target", type: "nominal", sort: null, title: null }, x: { field: "lo", type: "quantitative", title: "(fitted − target) / scale" }, x2: { field: "hi" } } },
      { mark: { type: "point", filled: true, size: 60 }, encoding: { y: { field: "target", type: "nominal", sort: null }, x: { field: "z", type: "quantitative" }, color: { field: "within", type: "nominal", title: null, scale: { domain: ["within", "misses"], range: ["#2a7", "#c33"] } } } },
    ],
  } as TopLevelSpec;
}

function number(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${(value / 1e9).toPrecision(4)}bn`;
  if (magnitude >= 1e6) return `${(value / 1e6).toPrecision(4)}M`;
  if (magnitude !== 0 && magnitude < 1e-3) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** The report page. */
export function calibrationHtml(summary: CalibrationSummary, charts: { loss: string; miss: string }): string {
  const direction = (value: string): string => (value === "atLeast" ? "≥ " : value === "atMost" ? "≤ " : "");
  const targetRows = summary.targets
    .map((target) => {
      const scale = target.tolerance !== undefined ? `± ${number(target.tolerance)} (tolerance)` : `± ${number(target.standardError)} (s.e.)`;
      const interval = target.ci95 === null ? "" : ` [${number(target.ci95[0])}, ${number(target.ci95[1])}]`;
      return `<tr><td>${escapeHtml(target.name)}</td><td>${escapeHtml(target.measure)}</td><td>${direction(target.direction)}${number(target.value)} ${scale}</td><td>${number(target.fitted)}${interval}</td><td>${target.within ? "within" : "<b>misses</b>"}</td><td>${number(target.weight)}</td><td>${escapeHtml(target.source ?? "")}</td></tr>`;
    })
    .join("\n");
  const parameterRows = summary.parameters
    .map((parameter) => {
      const interval = parameter.approx95 === null ? "n/a" : `[${number(parameter.approx95[0])}, ${number(parameter.approx95[1])}]`;
      const profile = parameter.lossProfile === null ? "" : parameter.lossProfile.values.map((value, index) => `${number(value)}: ${number(parameter.lossProfile?.losses[index])}`).join(" · ");
      const effects = Object.entries(parameter.effects ?? {})
        .filter(([, effect]) => effect !== null && Math.abs(effect) >= 0.5)
        .map(([name, effect]) => `${escapeHtml(name)} ${(effect as number) > 0 ? "+" : ""}${number(effect)}`)
        .join(", ");
      return `<tr><td>${escapeHtml(parameter.path)}</td><td>${number(parameter.min)} … ${number(parameter.max)}</td><td>${number(parameter.start)}</td><td><b>${number(parameter.fitted)}</b></td><td>${number(parameter.sd)}</td><td>${interval}</td><td>${parameter.constrained === "barely" ? "<b>barely</b>" : escapeHtml(parameter.constrained)}</td><td>${profile}</td><td>${effects || "none"}</td></tr>`;
    })
    .join("\n");
  const barely = summary.parameters.filter((parameter) => parameter.constrained === "barely").map((parameter) => parameter.path);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(summary.scenario)}: calibration</title>
<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:14px}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}figure{margin:1em 0}</style></head>
<body>
<h1>${escapeHtml(summary.scenario)} calibrated to ${escapeHtml(summary.targetsFile)}</h1>
<p>${escapeHtml(summary.description)}</p>
<p>${escapeHtml(summary.method.name)}; ${summary.stop.evaluations} evaluations in ${summary.stop.iterations} iterations (stopped: ${escapeHtml(summary.stop.reason)}); every candidate ran replications 1–${summary.replications} of seed ${escapeHtml(String(summary.seed))} (common random numbers). Final loss ${number(summary.loss)} (Σ weight · ((fitted − target) / scale)²). Fitted scenario: <code>fitted.yaml</code>; every evaluation: <code>evaluations.csv</code>.</p>
<h2>Target and fitted</h2>
<table><tr><th>target</th><th>measure</th><th>target value</th><th>fitted [95% CI over replications]</th><th></th><th>weight</th><th>source</th></tr>
${targetRows}</table>
<figure>${charts.miss}</figure>
<h2>Parameters</h2>
<p>sd: the local standard deviation from the curvature of the loss at the optimum (Gauss–Newton, probes at ±5% of each range on the same replications); with tolerances as scales it is the move that costs about one tolerance. <b>barely</b>: sd over half the range, or no target moves the parameter — its fitted value says little. ${barely.length === 0 ? "Every parameter is constrained by the targets." : `The targets barely constrain: ${barely.map(escapeHtml).join(", ")}.`}</p>
<table><tr><th>parameter</th><th>bounds</th><th>start</th><th>fitted</th><th>sd</th><th>≈ 95%</th><th>constrained</th><th>loss at −5% · optimum · +5%</th><th>targets it moves (change over the whole range, in scales)</th></tr>
${parameterRows}</table>
<h2>Loss</h2>
<figure>${charts.loss}</figure>
</body></html>
`;
}

/**
 * Writes report.html into a calibration's folder.
 * @returns the files written.
 */
export async function writeCalibrationReport(out: string): Promise<string[]> {
  const summary = JSON.parse(readFileSync(join(out, "calibration.json"), "utf8")) as CalibrationSummary;
  const [loss, miss] = await Promise.all([renderSvg(lossSpec(summary)), renderSvg(missSpec(summary))]);
  const file = join(out, "report.html");
  writeFileAtomic(file, calibrationHtml(summary, { loss, miss }));
  return [file];
}
