/**
 * The parameters that differ between two resolved configurations, as dotted paths with both
 * values — what a strategy changes against the baseline.
 */

/** One differing parameter. */
export interface ConfigDifference {
  /** Dotted path, array items by index: `levers.boost.multiplier`, `levers.coupons.0.faceValue`. */
  readonly path: string;
  /** Value in the baseline, JSON text; "—" when the baseline lacks the field. */
  readonly baseline: string;
  /** Value in the strategy, JSON text; "—" when the strategy lacks the field. */
  readonly strategy: string;
}

/** Fields that name or describe a scenario rather than set the model. */
const IGNORED = new Set(["name", "description", "extends", "$schema", "seed", "replications"]);

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return value === undefined ? "—" : JSON.stringify(value);
}

function walk(path: string, a: unknown, b: unknown, out: ConfigDifference[]): void {
  const join = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  // An object on one side and nothing on the other (a coupon added) lists the object's leaves,
  // so each field reads as its own row rather than one long JSON cell.
  if ((isObject(a) || a === undefined) && (isObject(b) || b === undefined) && (a !== undefined || b !== undefined)) {
    const left: Readonly<Record<string, unknown>> = a ?? {};
    const right: Readonly<Record<string, unknown>> = b ?? {};
    // Sorted keys so the table's order does not depend on how each file was written.
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])].sort();
    for (const key of keys) {
      if (path === "" && IGNORED.has(key)) continue;
      walk(join(key), left[key], right[key], out);
    }
    return;
  }
  // Arrays compare item by item, so a changed coupon field is one row and an added coupon is
  // a row per field with "—" on the side that lacks it.
  if (Array.isArray(a) && Array.isArray(b) && (a.length === b.length || [...a, ...b].every((item) => isObject(item)))) {
    for (let index = 0; index < Math.max(a.length, b.length); index += 1) walk(join(index), a[index], b[index], out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, baseline: text(a), strategy: text(b) });
}

/**
 * Every leaf that differs between a baseline and a strategy configuration, in path order;
 * names, descriptions, seeds and replication counts are left out (they are in the manifest).
 */
export function diffConfigs(baseline: unknown, strategy: unknown): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  walk("", baseline, strategy, out);
  return out;
}
