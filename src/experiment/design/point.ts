import { usageError } from "./messages.js";

/** A value a design can assign to a scenario parameter. */
export type DesignValue = number | string | boolean;

/**
 * One design point: an assignment of values to scenario parameter paths, with a canonical id.
 *
 * `id` depends only on the assignments, never on the point's position in a design, so adding
 * points to a sweep leaves every existing id — and the random streams derived from it —
 * unchanged.
 */
export interface Point<V extends DesignValue = DesignValue> {
  /** Canonical `path=value` pairs sorted by path, comma-separated; see {@link pointId}. */
  readonly id: string;
  /** Parameter path (e.g. `levers.coupon.faceValue`) → value, keys in id order. */
  readonly values: Readonly<Record<string, V>>;
}

/**
 * A computed design value rounded to 15 significant digits: 0.17 × 1.2 is 0.20400000000000001 in
 * binary, which would otherwise show in point ids, arm labels and files. Fifteen digits drop that
 * noise (the last two of a double's 17) and change a value by under 1e-15 of itself.
 */
export function roundDesignValue(value: number): number {
  return Number(value.toPrecision(15));
}

/** Characters that would make an id ambiguous to read back or to use as a stream-path segment. */
const forbiddenPathCharacters = /[=,/"\s]/;

/**
 * Checks a parameter path: non-empty, free of `=`, `,`, `/`, `"` and whitespace.
 *
 * @throws {UsageError} naming `owner` and the path.
 */
export function requirePath(owner: string, path: unknown): asserts path is string {
  if (typeof path !== "string" || path.length === 0 || forbiddenPathCharacters.test(path)) {
    throw usageError(owner, 'path must be a non-empty string without "=", ",", "/", quotes or spaces', path);
  }
}

/**
 * Checks one value: a finite number, a string or a boolean.
 *
 * @throws {UsageError} naming `owner` and the path.
 */
export function requireDesignValue(owner: string, path: string, value: unknown): asserts value is DesignValue {
  const ok =
    typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
  if (!ok) throw usageError(owner, `${path}: value must be a finite number, a string or a boolean`, value);
}

/**
 * Canonical text of one value: numbers in JavaScript's shortest round-trip form (−0 as 0),
 * booleans as `true`/`false`, strings JSON-quoted so `"2"` never collides with 2 or `"true"`
 * with true.
 */
export function formatDesignValue(value: DesignValue): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return value ? "true" : "false";
}

/** Compares by UTF-16 code units: unlike localeCompare, identical on every machine and locale. */
function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical id of an assignment, e.g. `boost.multiplier=2,levers.coupon.faceValue=6`:
 * pairs sorted by path, so the order params were listed in does not matter. The empty
 * assignment (the base scenario) has the id `""`.
 */
export function pointId(values: Readonly<Record<string, DesignValue>>): string {
  return Object.keys(values)
    .sort(comparePaths)
    .map((path) => `${path}=${formatDesignValue(values[path] as DesignValue)}`)
    .join(",");
}

/** Builds a {@link Point} from an assignment; keys of `values` are stored in id order. */
export function makePoint<V extends DesignValue>(values: Readonly<Record<string, V>>): Point<V> {
  const sorted: Record<string, V> = {};
  for (const path of Object.keys(values).sort(comparePaths)) sorted[path] = values[path] as V;
  return { id: pointId(sorted), values: sorted };
}
