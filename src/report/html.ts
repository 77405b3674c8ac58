/**
 * report.html: one self-contained page — inline SVG charts, inline CSS, no scripts and no
 * external resources — so it opens offline, can be mailed, and prints (`--interactive` appends
 * inlined vega-embed scripts, interactive.ts). Sections: the reading,
 * the headline KPI table, the charts (each with the question it answers), the parameters that
 * differ between strategies, and the manifest.
 */
import { chartMessages } from "./chartMessages.js";
import { journeyTable } from "./charts/journey.js";
import { diffConfigs } from "./configDiff.js";
import { DECISION_STYLE, scorecardSection, whoGainsSection } from "./decision.js";
import { formatParamValue, formatPercent } from "./format.js";
import { HEADLINE_KPIS, kpiKind } from "./kpis.js";
import { scenarioSummary } from "./labels.js";
import type { Messages } from "./messages.js";
import { robustnessTable, uncertainParametersTable } from "./robustness-html.js";
import { intervalDigits, type RowFormat, rowFormat, shownClear } from "./tableFormat.js";
import type { Comparison, KpiDifference, KpiSummary, Results } from "./types.js";

/** A rendered chart as the page shows it. */
export interface PageChart {
  readonly name: string;
  readonly svg: string;
}

/** What the page is built from. */
export interface PageInput {
  readonly results: Results;
  readonly messages: Messages;
  readonly scenarios: readonly string[];
  readonly kpis: ReadonlyMap<string, Readonly<Record<string, KpiSummary>>>;
  readonly reading: readonly string[];
  readonly charts: readonly PageChart[];
  /** Scripts to end the page with (the interactive report, interactive.ts); none by default. */
  readonly scripts?: string;
}

/** The kinds of report whose notes differ: a sensitivity analysis by its method. */
type ReportKind = "run" | "compare" | "sweep" | "oat" | "morris" | "robustness";

function reportKind(results: Results): ReportKind {
  if (results.robustness !== undefined) return "robustness";
  if (results.sensitivity !== undefined) return results.sensitivity.method;
  if (results.sweep !== undefined) return "sweep";
  return results.comparison === undefined ? "run" : "compare";
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Makes the ids inside one SVG unique on the page: Vega numbers clip paths and gradients from
 * 1 in every SVG, and with several SVGs inline a `url(#clip1)` would pick the first one.
 */
export function prefixSvgIds(svg: string, prefix: string): string {
  return svg
    .replace(/\bid="([^"]+)"/g, (_match, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_match, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_match, id: string) => `href="#${prefix}-${id}"`);
}

const STYLE = `
body { font-family: "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", Helvetica, Arial, sans-serif; color: #222; margin: 0; background: #fafafa; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: white; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 24px 0 4px; }
p.note, p.answers { color: #555; font-size: 13px; margin: 4px 0 10px; }
p.meta { color: #666; font-size: 13px; margin: 0; }
ul.reading li { margin: 6px 0; line-height: 1.45; }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0; }
th, td { border: 1px solid #e2e2e2; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; font-weight: 600; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td .ci, td .diff { display: block; color: #666; font-size: 11px; }
td.num .ci { white-space: normal; }
td .diff.clear { color: #222; font-weight: 700; }
th .unit { font-weight: normal; color: #666; }
table.kpis th:first-child { position: sticky; left: 0; z-index: 1; min-width: 9em; max-width: 13em; }
table.kpis td.num { padding: 4px 6px; }
td code, td.path { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 8px 0 28px; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
.table-wrap { overflow-x: auto; }
`;

/** The largest absolute finite value of a list (0 when none is finite). */
function largest(values: readonly number[]): number {
  return values.reduce((max, value) => (Number.isFinite(value) ? Math.max(max, Math.abs(value)) : max), 0);
}

/** The largest absolute mean or bound of a set of KPI summaries: what picks a row's unit. */
function rowMagnitude(summaries: readonly (KpiSummary | undefined)[]): number {
  return largest(summaries.flatMap((summary) => (summary === undefined ? [] : [summary.mean, ...summary.ci95])));
}

/** A KPI's heading: its name and the row's one unit. */
function kpiHeading(kpi: string, format: RowFormat, messages: Messages): string {
  return `${escapeHtml(messages.kpis[kpi] ?? kpi)}<span class="unit">${escapeHtml(format.unit)}</span>`;
}

/**
 * A mean with its 95% interval, and in a comparison the difference against the baseline with
 * its interval, all in the row's unit ({@link rowFormat}); the difference is bold only where
 * its interval excludes 0 as written.
 */
function kpiCell(kpi: string, summary: KpiSummary | undefined, format: RowFormat, messages: Messages, difference?: KpiDifference): string {
  if (summary === undefined || !Number.isFinite(summary.mean)) return `<td class="num">–</td>`;
  const shown = difference !== undefined && Number.isFinite(difference.diff) ? difference : undefined;
  const levelDigits = intervalDigits(summary.ci95, format.level);
  const write = (value: number) => format.level(value, levelDigits);
  const cell = `${escapeHtml(write(summary.mean))}<span class="ci">${escapeHtml(write(summary.ci95[0]) + messages.rangeJoin + write(summary.ci95[1]))}</span>`;
  if (shown === undefined) return `<td class="num">${cell}</td>`;
  const changeDigits = intervalDigits(shown.ci95, format.change);
  const writeChange = (value: number) => format.change(value, changeDigits);
  const clear = shownClear(shown.ci95, writeChange);
  // Shares (in points) and trust get no relative change: a second percentage would be easy to misread.
  const relative = Number.isFinite(shown.relative) && !["share", "index"].includes(kpiKind(kpi)) ? ` (${formatPercent(shown.relative, true)})` : "";
  return `<td class="num">${cell}<span class="diff${clear ? " clear" : ""}">Δ ${escapeHtml(writeChange(shown.diff))}${escapeHtml(relative)}</span><span class="ci">${escapeHtml(writeChange(shown.ci95[0]) + messages.rangeJoin + writeChange(shown.ci95[1]))}</span></td>`;
}

function differenceCell(kpi: string, scenario: string, comparison: Comparison | undefined, summary: KpiSummary | undefined, format: RowFormat, messages: Messages): string {
  const difference = comparison?.strategies.find((strategy) => strategy.scenario === scenario)?.vsBaseline[kpi];
  return kpiCell(kpi, summary, format, messages, difference);
}

/** A cell of the journey table: the baseline's level, or a strategy's difference, one unit per KPI column. */
function journeyCell(input: PageInput, kpi: string, scenario: string): string {
  const { kpis, messages, results, scenarios } = input;
  const format = rowFormat(kpi, rowMagnitude(scenarios.map((name) => kpis.get(name)?.[kpi])), messages);
  const summary = kpis.get(scenario)?.[kpi];
  return scenario === results.comparison?.baseline ? kpiCell(kpi, summary, format, messages) : differenceCell(kpi, scenario, results.comparison, summary, format, messages);
}

function sweepTable(input: PageInput): string {
  const { messages, results } = input;
  const sweep = results.sweep;
  if (sweep === undefined) return "";
  const kpis = HEADLINE_KPIS.filter((kpi) => sweep.points.some((point) => point.kpis[kpi] !== undefined && Number.isFinite(point.kpis[kpi].mean))).slice(0, 8);
  const paths = sweep.params.map((param) => param.path);
  // One unit per column here: a column is one KPI across the points.
  const formats = new Map(kpis.map((kpi) => [kpi, rowFormat(kpi, rowMagnitude(sweep.points.map((point) => point.kpis[kpi])), messages)]));
  const header = [...paths.map((path) => `<th><code>${escapeHtml(path)}</code></th>`), ...kpis.map((kpi) => `<th>${kpiHeading(kpi, formats.get(kpi) as RowFormat, messages)}</th>`)].join("");
  const rows = sweep.points.map((point) => {
    const values = paths.map((path) => `<td class="num">${escapeHtml(point.values[path] === undefined ? "–" : formatParamValue(point.values[path]))}</td>`).join("");
    return `<tr>${values}${kpis.map((kpi) => kpiCell(kpi, point.kpis[kpi], formats.get(kpi) as RowFormat, messages)).join("")}</tr>`;
  });
  return `<h2>${escapeHtml(messages.headline)}</h2>
<p class="note">${escapeHtml(messages.headlineNotes.sweep)} ${escapeHtml(chartMessages(messages).tableNote)}</p>
<div class="table-wrap"><table>
<thead><tr>${header}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

function headlineTable(input: PageInput): string {
  const { messages, results, scenarios, kpis } = input;
  // A sweep's table is its points; a sensitivity analysis has its chart instead of a table.
  if (results.sweep !== undefined) return sweepTable(input);
  if (results.robustness !== undefined) return robustnessTable(results.robustness, scenarios, messages);
  if (results.manifest.kind === "sensitivity") return "";
  const shown = scenarios.filter((scenario) => kpis.has(scenario));
  if (shown.length === 0) return "";
  const rows = HEADLINE_KPIS.filter((kpi) => shown.some((scenario) => kpis.get(scenario)?.[kpi] !== undefined));
  const baseline = results.comparison?.baseline;
  const header = shown
    .map((scenario) => `<th>${escapeHtml(scenario)}${scenario === baseline ? ` <small>(${escapeHtml(messages.baselineTag)})</small>` : ""}</th>`)
    .join("");
  const body = rows
    .map((kpi) => {
      const format = rowFormat(kpi, rowMagnitude(shown.map((scenario) => kpis.get(scenario)?.[kpi])), messages);
      const cells = shown
        .map((scenario) => {
          const summary = kpis.get(scenario)?.[kpi];
          return scenario === baseline || baseline === undefined ? kpiCell(kpi, summary, format, messages) : differenceCell(kpi, scenario, results.comparison, summary, format, messages);
        })
        .join("");
      return `<tr><th>${kpiHeading(kpi, format, messages)}</th>${cells}</tr>`;
    })
    .join("\n");
  // Without a baseline (a run) the table holds means only, and its note says no more.
  const note = baseline === undefined ? messages.headlineNotes.run : messages.headlineNotes.compare;
  return `<h2>${escapeHtml(messages.headline)}</h2>
<p class="note">${escapeHtml(note)} ${escapeHtml(chartMessages(messages).tableNote)}</p>
<div class="table-wrap"><table class="kpis">
<thead><tr><th>${escapeHtml(messages.kpi)}</th>${header}</tr></thead>
<tbody>
${body}
</tbody></table></div>`;
}

function parametersSection(input: PageInput): string {
  const { messages, results } = input;
  const parts: string[] = [];
  if (results.sweep !== undefined) {
    const rows = results.sweep.params.map((param) => `<tr><td class="path">${escapeHtml(param.path)}</td><td>${escapeHtml(param.values.map((value) => formatParamValue(value)).join(", "))}</td></tr>`);
    parts.push(`<h3>${escapeHtml(messages.sweptParameters)}</h3><table><thead><tr><th>${escapeHtml(messages.parameterPath)}</th><th>${escapeHtml(messages.values)}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`);
  }
  if (results.robustness !== undefined) parts.push(uncertainParametersTable(results.robustness, messages));
  const scenarios = results.manifest.scenarios;
  if (scenarios.length >= 2) {
    const baselineName = results.comparison?.baseline ?? results.robustness?.baseline ?? scenarios[0]?.name ?? "";
    const baseline = scenarios.find((scenario) => scenario.name === baselineName) ?? scenarios[0];
    const rows: string[] = [];
    for (const scenario of scenarios) {
      if (baseline === undefined || scenario === baseline) continue;
      const differences = diffConfigs(baseline.config, scenario.config);
      differences.forEach((difference, index) => {
        const first = index === 0 ? `<th rowspan="${differences.length}">${escapeHtml(scenario.name)}</th>` : "";
        rows.push(`<tr>${first}<td class="path">${escapeHtml(difference.path)}</td><td><code>${escapeHtml(difference.baseline)}</code></td><td><code>${escapeHtml(difference.strategy)}</code></td></tr>`);
      });
    }
    const table =
      rows.length === 0
        ? `<p class="note">${escapeHtml(messages.parametersNone)}</p>`
        : `<table><thead><tr><th>${escapeHtml(messages.strategy)}</th><th>${escapeHtml(messages.parameterPath)}</th><th>${escapeHtml(messages.baselineValue(baselineName))}</th><th>${escapeHtml(messages.strategyValue)}</th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
    parts.push(table);
  }
  if (parts.length === 0) return "";
  return `<h2>${escapeHtml(messages.parameters)}</h2>\n${parts.join("\n")}`;
}

function manifestSection(input: PageInput): string {
  const { messages, results } = input;
  const manifest = results.manifest;
  const fields: [string, string][] = [
    [messages.manifestFields["funnelsim"] ?? "funnelsim", manifest.funnelsim],
    [messages.manifestFields["node"] ?? "node", manifest.node],
    [messages.manifestFields["command"] ?? "command", manifest.command],
    [messages.manifestFields["kind"] ?? "kind", manifest.kind],
    // Further fields the experiment layer records (start time, workers...) as they are.
    ...Object.keys(manifest.extra)
      .filter((key) => key !== "design")
      .sort()
      .map((key): [string, string] => {
        const value = manifest.extra[key];
        return [chartMessages(messages).manifestExtra[key] ?? key, typeof value === "string" ? value : JSON.stringify(value)];
      }),
  ];
  const design = manifest.extra["design"];
  if (typeof design === "object" && design !== null) {
    // The design's point list can run to hundreds of ids; its type and parameters say what ran.
    const { points, ...rest } = design as Record<string, unknown>;
    const count = Array.isArray(points) ? points.length : 0;
    fields.push([chartMessages(messages).manifestExtra["design"] ?? "design", `${JSON.stringify(rest)}${count > 0 ? ` (${messages.pointCount(count)})` : ""}`]);
  }
  const fieldRows = fields.map(([name, value]) => `<tr><th>${escapeHtml(name)}</th><td><code>${escapeHtml(value)}</code></td></tr>`).join("");
  const headers = ["name", "file", "hash", "seed", "replications"].map((key) => `<th>${escapeHtml(messages.scenarioHeaders[key] ?? key)}</th>`).join("");
  const scenarioRows = manifest.scenarios
    .map((scenario) => `<tr><td>${escapeHtml(scenario.name)}</td><td><code>${escapeHtml(scenario.file)}</code></td><td><code>${escapeHtml(scenario.hash.slice(0, 12))}</code></td><td class="num">${escapeHtml(String(scenario.seed))}</td><td class="num">${escapeHtml(Number.isFinite(scenario.replications) ? String(scenario.replications) : "–")}</td></tr>`)
    .join("");
  return `<h2>${escapeHtml(messages.manifest)}</h2>
<table><tbody>${fieldRows}</tbody></table>
<table><thead><tr>${headers}</tr></thead><tbody>${scenarioRows}</tbody></table>`;
}

function chartsSection(input: PageInput): string {
  const { messages, charts } = input;
  if (charts.length === 0) return "";
  const baseline = input.results.comparison?.baseline;
  const figures = charts.map((chart) => {
    const text = messages.charts[chart.name];
    return `<section class="chart" id="chart-${escapeHtml(chart.name)}">
<h3>${escapeHtml(text?.title ?? chart.name)}</h3>
<p class="answers">${escapeHtml(text?.answers ?? "")}</p>
<figure data-chart="${escapeHtml(chart.name)}">${prefixSvgIds(chart.svg, chart.name)}</figure>
${chart.name === "journey" ? journeyTable(input.kpis, baseline, input.scenarios, messages, (kpi, scenario) => journeyCell(input, kpi, scenario)) : ""}</section>`;
  });
  return `<h2>${escapeHtml(messages.chartsSection)}</h2>\n${figures.join("\n")}`;
}

/**
 * The whole page as HTML text. Deterministic: the same input gives the same bytes.
 */
export function buildHtml(input: PageInput): string {
  const { messages, results } = input;
  const kind = messages.kindNames[results.manifest.kind] ?? results.manifest.kind;
  const title = messages.htmlTitle(kind);
  // A sweep's or sensitivity design's arms are counted, not listed: their names run to hundreds of characters.
  const summary = scenarioSummary(input.scenarios);
  const names = `${summary.scenarios.join(", ")}${summary.arms > 0 ? ` · ${messages.pointCount(summary.arms)}` : ""}`;
  const reading =
    input.reading.length === 0
      ? ""
      : `<h2>${escapeHtml(messages.reading)}</h2>
<p class="note">${escapeHtml(messages.readingNotes[reportKind(results)])}</p>
<ul class="reading">
${input.reading.map((sentence) => `<li>${escapeHtml(sentence)}</li>`).join("\n")}
</ul>`;
  return `<!doctype html>
<html lang="${escapeHtml(messages.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}${DECISION_STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(names)}</p>
<p class="meta"><code>${escapeHtml(results.manifest.command)}</code></p>
${scorecardSection(results, messages)}
${reading}
${headlineTable(input)}
${whoGainsSection(results, messages, input.scenarios)}
${chartsSection(input)}
${parametersSection(input)}
${manifestSection(input)}
</main>
${input.scripts ?? ""}
</body>
</html>
`;
}
