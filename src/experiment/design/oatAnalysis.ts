import { usageError } from "./messages.js";
import type { OatDesign } from "./oatDesign.js";

/** KPI at a parameter's low and high points, in the KPI's units. */
export interface OatKpis {
  readonly low: number;
  readonly high: number;
}

/** One bar of a tornado chart. */
export interface OatRow {
  /** Scenario path of the parameter. */
  readonly param: string;
  /** Parameter value at the low point (base × (1 − δ)). */
  readonly low: number;
  /** Parameter value at the high point (base × (1 + δ)). */
  readonly high: number;
  /** Parameter value at base. */
  readonly baseValue: number;
  /** KPI at the base point — the chart's centre line. */
  readonly baseKpi: number;
  /** KPI with this parameter at `low`. */
  readonly lowKpi: number;
  /** KPI with this parameter at `high`. */
  readonly highKpi: number;
  /** |highKpi − lowKpi|, in KPI units: the bar's length. */
  readonly swing: number;
}

function requireFinite(owner: string, what: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw usageError(owner, `${what} must be a finite number`, value);
}

/**
 * Tornado-chart rows of a one-at-a-time design, widest swing first (ties keep design order).
 *
 * @param design - the design from {@link oatDesign} whose points were run.
 * @param baseKpi - KPI at `design.base` (typically its mean over replications).
 * @param kpis - for every param of the design, the KPI at its low and high points.
 * @throws {UsageError} when a param of the design has no KPIs, an unknown param is given, or a
 *   KPI is not finite.
 */
export function oatAnalysis(design: OatDesign, baseKpi: number, kpis: Readonly<Record<string, OatKpis>>): OatRow[] {
  requireFinite("oatAnalysis", "baseKpi", baseKpi);
  const known = new Set(design.params.map((entry) => entry.param));
  for (const param of Object.keys(kpis)) {
    if (!known.has(param)) throw usageError("oatAnalysis", "kpis names a param the design does not have", param);
  }
  const rows = design.params.map((entry): OatRow => {
    const pair = kpis[entry.param];
    if (pair === undefined) throw usageError("oatAnalysis", "kpis needs { low, high } for every param of the design", entry.param);
    requireFinite("oatAnalysis", `kpis.${entry.param}.low`, pair.low);
    requireFinite("oatAnalysis", `kpis.${entry.param}.high`, pair.high);
    return {
      param: entry.param,
      low: entry.low,
      high: entry.high,
      baseValue: entry.baseValue,
      baseKpi,
      lowKpi: pair.low,
      highKpi: pair.high,
      swing: Math.abs(pair.high - pair.low),
    };
  });
  // Array.prototype.sort is stable, so equal swings keep the design's order.
  return rows.sort((a, b) => b.swing - a.swing);
}
