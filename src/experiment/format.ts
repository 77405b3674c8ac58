/**
 * Deterministic text for every output: the same values give the same bytes on any machine.
 *
 * Numbers are written in JavaScript's shortest round-trip form (`String(n)`), which is fully
 * specified by ECMAScript, so it does not depend on locale or platform. Negative zero is written
 * `0` (it only arises from arithmetic on zeros and would make otherwise equal files differ), and
 * a value that is not a finite number (NaN, ±Infinity: an undefined statistic) is written `null`
 * in JSON and as an empty field in CSV — never `NaN` or `Infinity`, which JSON readers reject.
 */

/** A JSON value as funnelsim writes it. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json | undefined };

/**
 * A finite number or null: what a statistic becomes in an output file.
 * @param value - any number.
 * @returns the value with -0 turned into 0, or null when it is NaN or infinite.
 */
export function finiteOrNull(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Object.is(value, -0) ? 0 : value;
}

/**
 * The CSV text of a number: shortest round-trip form, `0` for -0, empty for NaN and ±Infinity.
 * @param value - a number, or null/undefined for a missing value (empty field).
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return Object.is(value, -0) ? "0" : String(value);
}

/*
 * JSON needs no replacer for those rules: JSON.stringify already writes -0 as `0` and NaN and
 * ±Infinity as `null` (ECMA-262, SerializeJSONProperty: ToString of a finite number, else "null").
 * A replacer would be a function call per value — over a second of `npm start`'s main thread for
 * the 45 MB of unit files — for the same bytes.
 */

/**
 * Pretty JSON (two-space indent, trailing newline) for the output files people read. Keys stay in
 * the order the object was built, so builders fix the order by construction.
 */
export function prettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Compact JSON (no whitespace, trailing newline) for unit files, which are many and large. */
export function compactJson(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, or a line break.
 * @param value - text, a number, a boolean, or null/undefined (an empty field).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line with its `\n` terminator. */
export function csvLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\n`;
}

/**
 * JSON with object keys sorted at every level: the canonical form hashed to identify a
 * configuration, independent of the order keys were written in a scenario file.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const child = (value as Record<string, unknown>)[key];
      if (child !== undefined) sorted[key] = sortKeys(child);
    }
    return sorted;
  }
  return value;
}
