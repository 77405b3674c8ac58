/**
 * How the KPI tables write numbers: one unit per KPI row (or sweep column), named once in its
 * heading ("GMV (¥ bn)"), so a cell never mixes +¥177M with +¥2.2bn; three significant digits
 * with their trailing zeros kept (+19.0, not +19); counts under 100,000 written in full (925,
 * not 0.925k); bounds of a difference keep their sign (+0.03 to +0.41); and an interval that
 * excludes 0 gets the digits that show it, or is not marked clear.
 */
import { chartMessages } from "./chartMessages.js";
import { unitFor } from "./format.js";
import { kpiKind } from "./kpis.js";
import type { Messages } from "./messages.js";

/** Counts below this are written in full (no k, no 万): at most five digits. */
const FULL_COUNT_BELOW = 1e5;
/** Significant digits of a table number. */
const DIGITS = 3;
/** Most extra digits an interval gets to tell its ends apart or to show it misses 0. */
const MAX_EXTRA = 3;

/**
 * A number with `digits` significant digits, trailing zeros kept (2.20, 19.0), no exponent, a
 * true minus sign, and with `signed` a plus on a positive number. A number that rounds to 0 is
 * "0" with the decimals it was asked for and no sign.
 */
export function formatFixedSignificant(value: number, digits: number, signed = false): string {
  if (!Number.isFinite(value)) return "–";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(20, Math.max(0, digits - 1 - magnitude));
  let text = Math.abs(value).toFixed(decimals);
  // Rounding may carry into a new digit (9.996 → 10.00): one decimal fewer keeps the count.
  if (decimals > 0 && Number(text) >= 10 ** (magnitude + 1)) text = Math.abs(value).toFixed(decimals - 1);
  if (!/[1-9]/.test(text)) return text;
  return value < 0 ? `−${text}` : signed ? `+${text}` : text;
}

/** A number with a fixed count of decimals; signed, "+" before a positive one that does not round to 0. */
function formatDecimals(value: number, decimals: number, signed: boolean): string {
  if (!Number.isFinite(value)) return "–";
  const text = Math.abs(value).toFixed(decimals);
  if (!/[1-9]/.test(text)) return text;
  return value < 0 ? `−${text}` : signed ? `+${text}` : text;
}

/** How the numbers of one KPI row are written. */
export interface RowFormat {
  /** What the row heading adds after the KPI's name: "(¥ bn)", "（亿元）", "(%; Δ in pp)"; "" for none. */
  readonly unit: string;
  /** A level (mean or bound) with `extra` more digits. */
  level(value: number, extra: number): string;
  /** A difference (or its bound), signed, with `extra` more digits. */
  change(value: number, extra: number): string;
}

/**
 * The format of a KPI row whose numbers reach `magnitude` (the largest absolute mean or bound of
 * the levels in the row): money in one unit of the ladder, counts in one unit or in full below
 * 100,000, shares in % with Δ in percentage points, trust as it is.
 */
export function rowFormat(kpi: string, magnitude: number, messages: Messages): RowFormat {
  const text = chartMessages(messages);
  const kind = kpiKind(kpi);
  if (kind === "share") {
    return {
      unit: text.tableShareUnit,
      level: (value, extra) => formatDecimals(value * 100, 1 + extra, false),
      change: (value, extra) => formatDecimals(value * 100, 1 + extra, true),
    };
  }
  if (kind === "index") {
    return {
      unit: "",
      level: (value, extra) => formatFixedSignificant(value, DIGITS + extra),
      change: (value, extra) => formatFixedSignificant(value, DIGITS + extra, true),
    };
  }
  const ladder = kind === "money" ? messages.money : messages.count;
  const last = ladder[ladder.length - 1];
  const step = kind === "count" && Math.abs(magnitude) < FULL_COUNT_BELOW && last !== undefined ? last : unitFor(ladder, magnitude);
  // In full, a count is an integer: 925, not 925.3; a fraction only where the count is below 100.
  const whole = (value: number, extra: number, signed: boolean) =>
    step.divisor === 1 && kind === "count" && Math.abs(value) >= 100 ? formatDecimals(value, 0, signed) : formatFixedSignificant(value / step.divisor, DIGITS + extra, signed);
  return {
    unit: step.axis === "" ? "" : text.tableUnit(step.axis),
    level: (value, extra) => whole(value, extra, false),
    change: (value, extra) => whole(value, extra, true),
  };
}

/**
 * The fewest extra digits (0 to 3) with which `write` tells an interval's ends apart and, for
 * an interval that excludes 0, writes its end nearest 0 with a non-zero digit ("+0.03", not
 * "0.0"); 0 when no count of digits does it.
 */
export function intervalDigits(interval: readonly [number, number], write: (value: number, extra: number) => string): number {
  const [lo, hi] = interval;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return 0;
  const clear = lo > 0 || hi < 0;
  const near = Math.abs(lo) < Math.abs(hi) ? lo : hi;
  for (let extra = 0; extra <= MAX_EXTRA; extra += 1) {
    const apart = lo === hi || write(lo, extra) !== write(hi, extra);
    const shown = !clear || /[1-9]/.test(write(near, extra));
    if (apart && shown) return extra;
  }
  return 0;
}

/**
 * True when an interval excludes 0 and its written ends say so: neither end reads as 0. An
 * interval "0.0 to +0.4" is not marked clear even where its lower end is 0.0004.
 */
export function shownClear(interval: readonly [number, number], write: (value: number) => string): boolean {
  const [lo, hi] = interval;
  if (!(lo > 0 || hi < 0)) return false;
  return /[1-9]/.test(write(lo)) && /[1-9]/.test(write(hi));
}
