/**
 * Every validation message of `experiment/design/`, built in one place so the wording stays
 * uniform (`owner: rule (got value)`) and tests can quote it exactly.
 */

import { UsageError } from "../../errors.js";

const maxListedItems = 10;

/** Renders a received value the way a reader of the message wants to see it. */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) {
    const shown = value.slice(0, maxListedItems).map(formatValue);
    if (value.length > maxListedItems) shown.push(`… ${value.length - maxListedItems} more`);
    return `[${shown.join(", ")}]`;
  }
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A UsageError of the one shape every message takes: `owner: what must hold (got value)`. */
export function usageError(owner: string, rule: string, got: unknown): UsageError {
  return new UsageError(`${owner}: ${rule} (got ${formatValue(got)})`);
}
