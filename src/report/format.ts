/**
 * Number formatting for tables, axes and the reading. Written by hand rather than with Intl so
 * the output is the same bytes on every machine (report files are compared in tests).
 */
import { kpiKind } from "./kpis.js";
import type { Messages, UnitStep } from "./messages.js";

/** Rounds to `digits` significant digits and writes the result without exponent or trailing zeros. */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const text = value.toFixed(Math.min(decimals, 20));
  const trimmed = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  // toFixed keeps a "-0" for tiny negatives that round to zero; a table should say 0.
  return trimmed === "-0" ? "0" : trimmed.replace(/^-/, "−");
}

/** The step of a unit ladder for values up to `magnitude` (the largest absolute value shown together). */
export function unitFor(ladder: readonly UnitStep[], magnitude: number): UnitStep {
  const size = Math.abs(magnitude);
  for (const step of ladder) if (size >= step.at) return step;
  const last = ladder[ladder.length - 1];
  if (last === undefined) throw new Error("unit ladder is empty");
  return last;
}

/** A value in a unit step, e.g. ¥2.41bn or 24.1亿元. */
export function formatInUnit(value: number, step: UnitStep, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  return `${step.prefix}${formatSignificant(value / step.divisor, digits)}${step.suffix}`;
}

/** A share in [0, 1] as a percentage with one decimal: 0.641 → "64.1%". */
export function formatPercent(share: number, signed = false): string {
  if (!Number.isFinite(share)) return "–";
  const text = (share * 100).toFixed(1).replace(/^-0\.0$/, "0.0");
  const sign = signed && share * 100 >= 0.05 ? "+" : "";
  return `${sign}${text.replace(/^-/, "−")}%`;
}

/** A KPI value written the way its kind asks (money and counts with units, shares as %, trust as 0.xxx). */
export function formatKpiValue(kpi: string, value: number, messages: Messages, magnitude = value): string {
  switch (kpiKind(kpi)) {
    case "money":
      return formatInUnit(value, unitFor(messages.money, magnitude));
    case "count":
      return formatInUnit(value, unitFor(messages.count, magnitude));
    case "share":
      return formatPercent(value);
    case "index":
      return Number.isFinite(value) ? value.toFixed(3).replace(/^-/, "−") : "–";
  }
}

/** A KPI difference: shares in percentage points, others in the KPI's units, always with a sign. */
export function formatKpiDifference(kpi: string, diff: number, messages: Messages, magnitude = diff): string {
  if (!Number.isFinite(diff)) return "–";
  const sign = diff > 0 ? "+" : "";
  if (kpiKind(kpi) === "share") {
    const points = (diff * 100).toFixed(1).replace(/^-0\.0$/, "0.0").replace(/^-/, "−");
    return `${sign}${points} ${messages.percentPoints}`;
  }
  return `${sign}${formatKpiValue(kpi, diff, messages, magnitude)}`;
}

/** A 95% interval, "95% CI a to b", with each end written by `write`. */
export function formatInterval(interval: readonly [number, number], write: (value: number) => string, messages: Messages): string {
  return `${messages.ciLabel} ${write(interval[0])}${messages.rangeJoin}${write(interval[1])}`;
}
