/**
 * Every validation message of `stats/`, built in one place so the wording stays uniform
 * (`owner: rule (got value)`) and tests can quote it exactly.
 */

import { UsageError, ruleBroken } from "../errors.js";

export { formatValue, ruleBroken } from "../errors.js";

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
