/**
 * Every validation message of `stats/`, built in one place so the wording stays uniform
 * (`owner: rule (got value)`) and tests can quote it exactly.
 */

import { UsageError } from "../errors.js";

const maxListedItems = 10;

/** Renders a received value the way a reader of the message wants to see it. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, maxListedItems).map(formatValue);
    // A ten-thousand-replication vector must not become a megabyte-long message.
    if (value.length > maxListedItems) shown.push(`… ${value.length - maxListedItems} more`);
    return `[${shown.join(", ")}]`;
  }
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `owner: what must hold (got value)` — the one shape every message takes. */
export function ruleBroken(owner: string, rule: string, got: unknown): string {
  return `${owner}: ${rule} (got ${formatValue(got)})`;
}

/**
 * Checks that a sample has at least `minLength` values, all finite.
 *
 * @throws {UsageError} naming `owner`, the argument, and the first offending value.
 */
export function requireFiniteSample(
  owner: string,
  argument: string,
  values: readonly number[],
  minLength: number,
): void {
  if (values.length < minLength) {
    throw new UsageError(
      ruleBroken(owner, `${argument} needs at least ${minLength} value${minLength === 1 ? "" : "s"}`, values),
    );
  }
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new UsageError(ruleBroken(owner, `${argument}[${i}] must be a finite number`, value));
    }
  }
}
