/**
 * Number formatting for tables, axes and the reading. Written by hand rather than with Intl so
 * the output is the same bytes on every machine (report files are compared in tests).
 */
import { kpiKind } from "./kpis.js";
import type { Messages, UnitStep } from "./messages.js";

/** Rounds to `digits` significant digits and writes the result without exponent, and without trailing zeros unless `keepZeros`. */
export function formatSignificant(value: number, digits = 3, keepZeros = false): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  const text = value.toFixed(Math.min(decimals, 20));
  const trimmed = text.includes(".") && !keepZeros ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
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

/** A value in a unit step, e.g. ¥2.41bn or 24.1亿元; a negative one with its minus before the ¥: −¥2.41bn. */
export function formatInUnit(value: number, step: UnitStep, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  const text = `${step.prefix}${formatSignificant(Math.abs(value) / step.divisor, digits)}${step.suffix}`;
  return value < 0 ? `−${text}` : text;
}

/** A number with a fixed count of decimals, a true minus sign, and no "−0.0" for a tiny negative. */
function formatFixed(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace(/^-/, "−");
}

/**
 * A share in [0, 1] as a percentage with one decimal (more with `extraDigits`): 0.641 → "64.1%".
 * Signed, a share that rounds to zero is "0.0%", neither "+0.0%" nor "−0.0%".
 */
export function formatPercent(share: number, signed = false, extraDigits = 0): string {
  if (!Number.isFinite(share)) return "–";
  const text = formatFixed(share * 100, 1 + extraDigits);
  const sign = signed && share > 0 && /[1-9]/.test(text) ? "+" : "";
  return `${sign}${text}%`;
}

/**
 * A KPI value written the way its kind asks: money and counts in a unit chosen for `magnitude`
 * (the largest absolute value shown with it, so a table cell uses one unit) with 3 significant
 * digits, shares as % with one decimal, trust with 3 significant digits; `extraDigits` adds
 * digits where 3 would write two different numbers the same.
 */
export function formatKpiValue(kpi: string, value: number, messages: Messages, magnitude = value, extraDigits = 0): string {
  switch (kpiKind(kpi)) {
    case "money":
      return formatInUnit(value, unitFor(messages.money, magnitude), 3 + extraDigits);
    case "count":
      return formatInUnit(value, unitFor(messages.count, magnitude), 3 + extraDigits);
    case "share":
      return formatPercent(value, false, extraDigits);
    case "index":
      return formatSignificant(value, 3 + extraDigits);
  }
}

/**
 * A KPI difference with its sign in front of any unit ("−¥4.94bn", "+1.2 pp"): shares in
 * percentage points, others in the KPI's units. A difference that rounds to zero has no sign.
 */
export function formatKpiDifference(kpi: string, diff: number, messages: Messages, magnitude = diff, extraDigits = 0): string {
  if (!Number.isFinite(diff)) return "–";
  const text =
    kpiKind(kpi) === "share"
      ? `${formatFixed(Math.abs(diff) * 100, 1 + extraDigits)} ${messages.percentPoints}`
      : formatKpiValue(kpi, Math.abs(diff), messages, magnitude, extraDigits);
  // Units hold no digits, so a text without a non-zero digit is a difference that rounds to 0.
  const sign = !/[1-9]/.test(text) ? "" : diff > 0 ? "+" : "−";
  return `${sign}${text}`;
}

/** Most digits {@link extraDigitsFor} adds: beyond this the two ends are noise apart. */
const MAX_EXTRA_DIGITS = 4;

/**
 * The fewest extra digits (0 to 4) with which `write` tells an interval's two ends apart: so
 * "−0.00505 to −0.00465" is not written "−0.005 to −0.005". 0 when the ends are equal.
 */
export function extraDigitsFor(interval: readonly [number, number], write: (value: number, extraDigits: number) => string): number {
  const [lo, hi] = interval;
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || lo === hi) return 0;
  for (let extra = 0; extra < MAX_EXTRA_DIGITS; extra += 1) {
    if (write(lo, extra) !== write(hi, extra)) return extra;
  }
  return MAX_EXTRA_DIGITS;
}

/** A 95% interval, "95% CI a to b", with each end written by `write`. */
export function formatInterval(interval: readonly [number, number], write: (value: number) => string, messages: Messages): string {
  return `${messages.ciLabel} ${write(interval[0])}${messages.rangeJoin}${write(interval[1])}`;
}

/**
 * A swept parameter's value as a label shows it: numbers to 6 significant digits, so the float
 * noise of a computed value (0.17 × 1.2 = 0.20400000000000001) reads 0.204; other values as they are.
 */
export function formatParamValue(value: unknown): string {
  const text = String(value);
  const number = typeof value === "number" ? value : text.trim() === "" ? Number.NaN : Number(text);
  return Number.isFinite(number) ? formatSignificant(number, 6) : text;
}
