/**
 * Every validation message of `experiment/design/`, built in one place so the wording stays
 * uniform (`owner: rule (got value)`) and tests can quote it exactly.
 */

import { UsageError, formatValue } from "../../errors.js";

export { formatValue } from "../../errors.js";

/** A UsageError of the one shape every message takes: `owner: what must hold (got value)`. */
export function usageError(owner: string, rule: string, got: unknown): UsageError {
  return new UsageError(`${owner}: ${rule} (got ${formatValue(got)})`);
}
