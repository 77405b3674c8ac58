/**
 * The report: charts and a one-page HTML summary of a results folder.
 *
 *   results folder ──loadResults──▶ rows ──planCharts──▶ Vega-Lite specs ──renderSvg──▶ SVG ──renderPng──▶ PNG
 *                                     └──readingOf / kpiTables──────────────────────────────▶ report.html
 *
 * Everything but {@link loadResults} and the file writing here is a pure function of the rows.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildHtml, type PageChart } from "./html.js";
import { interactiveScripts } from "./interactive.js";
import { loadResults } from "./load.js";
import { type Language, messagesFor } from "./messages.js";
import { chartContext, kpiTables, planCharts } from "./plan.js";
import { readingOf } from "./reading.js";
import { findFonts, renderPngAsync, renderSvg } from "./render.js";

export { loadResults } from "./load.js";
export { CATALOGS, messagesFor, type Language, type Messages } from "./messages.js";
export { planCharts, chartContext, CHART_NAMES, type ChartName, type PlannedChart } from "./plan.js";
export { renderSvg, renderPng, renderPngAsync, findFonts, type FontSet } from "./render.js";
export type * from "./types.js";

/** Options of {@link writeReport}. */
export interface ReportOptions {
  /** Language of titles, labels, tables and the reading. */
  readonly lang: Language;
  /**
   * Called with each warning (no CJK font for Chinese PNGs); default `process.emitWarning`, which
   * the CLI may print. The library itself never writes to the console.
   */
  readonly onWarning?: (message: string) => void;
  /** Write the PNGs (default true). Rendering them is most of the time a report takes. */
  readonly png?: boolean;
  /**
   * Embed the charts' specs and the vega, vega-lite and vega-embed browser builds (inlined, no
   * network) for tooltips and strategy toggles (default false: a static, script-free page).
   */
  readonly interactive?: boolean;
}

/** Writes a file by way of a temporary name and a rename, so a reader never sees half a file. */
function writeAtomic(path: string, content: string | Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Renders the report of a results folder: every chart as `charts/<name>.vl.json` (open it in
 * the Vega editor), `.svg` and `.png`, and a self-contained `report.html` in the folder itself.
 * A chart whose data the folder lacks is left out; old chart files are not removed.
 * Same inputs give the same vl.json and HTML bytes.
 *
 * @param outDir - a folder written by `funnelsim run|compare|sweep|sensitivity`.
 * @returns the paths written, report.html last.
 * @throws {InputError} when the folder is not a readable results folder.
 */
export async function writeReport(outDir: string, options: ReportOptions): Promise<string[]> {
  const messages = messagesFor(options.lang);
  const warn = options.onWarning ?? ((message: string) => process.emitWarning(message, "FunnelsimReportWarning"));
  const results = loadResults(outDir);
  const context = chartContext(results, messages);
  const charts = planCharts(results, messages);
  const chartDir = join(outDir, "charts");
  mkdirSync(chartDir, { recursive: true });
  const fonts = findFonts();
  if (options.lang === "zh-CN" && fonts.cjk.length === 0) {
    warn("no CJK font found under /usr/share/fonts: Chinese text in the PNG charts may show as boxes (Debian: apt-get install fonts-noto-cjk)");
  }
  const written: string[] = [];
  const rendered: PageChart[] = [];
  // PNGs render on resvg's worker threads while the loop builds the next SVG; written in chart order.
  const pngs: { path: string; png: Promise<Buffer> }[] = [];
  for (const chart of charts) {
    const base = join(chartDir, chart.name);
    writeAtomic(`${base}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    const warnings: string[] = [];
    const svg = await renderSvg(chart.spec, warnings);
    // A Vega-Lite warning means a spec the builders got wrong; pass it on rather than hide it.
    for (const warning of warnings) warn(`chart ${chart.name}: ${warning}`);
    writeAtomic(`${base}.svg`, svg);
    written.push(`${base}.vl.json`, `${base}.svg`);
    if (options.png !== false) {
      const png = renderPngAsync(svg, fonts);
      // Handled here so a failure waits for the await below instead of going unhandled meanwhile.
      png.catch(() => undefined);
      pngs.push({ path: `${base}.png`, png });
      written.push(`${base}.png`);
    }
    rendered.push({ name: chart.name, svg });
  }
  for (const { path, png } of pngs) writeAtomic(path, await png);
  const html = buildHtml({
    results,
    messages,
    scenarios: context.scenarios,
    kpis: kpiTables(results, context.scenarios),
    reading: readingOf(results, context.scenarios, messages),
    charts: rendered,
    ...(options.interactive === true ? { scripts: interactiveScripts(charts) } : {}),
  });
  const htmlPath = join(outDir, "report.html");
  writeAtomic(htmlPath, html);
  written.push(htmlPath);
  return written;
}
