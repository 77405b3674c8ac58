/**
 * The library's entry to one run: checks what a researcher hands it, then runs the model.
 *
 * The model itself (`simulation.ts`) trusts its configuration: the command line, the scenario
 * loader and the experiment planners validate every configuration before a run, and the worker
 * pool loads the model without the schema. A configuration edited in code reaches the model
 * only through here, so a value out of range gets the same message a scenario file would —
 * `simulate config: population.users: … (got 0)` — instead of NaN results or a crash deep inside.
 */
import { UsageError, formatValue } from "../errors.js";
import { isValidSeed, SEED_RULE } from "../random/index.js";
import { validateConfig } from "../scenario/validate.js";
import type { ModelConfig } from "./parameters.js";
import type { SimulationResult } from "./result.js";
import { simulate as runModel, type SimulateOptions } from "./simulation.js";

/** The label that starts each problem line about a configuration given to {@link simulate}. */
export const SIMULATE_CONFIG_LABEL = "simulate config";

/**
 * Runs one replication of a scenario.
 *
 * @param config a configuration: `defaultConfig()` or a loaded scenario's `config`, edited as you
 *   like; it is validated (and its defaults filled) exactly like a scenario file.
 * @param options the replication (an integer ≥ 0; the command line numbers its replications
 *   1…R, so replication r here gives row r of its CSV files) and optionally the root seed
 *   (default: the config's).
 * @returns daily series, KPIs, the funnel by source and the product ledger, scaled to real users.
 * @throws {InputError} listing every problem of the configuration.
 * @throws {UsageError} for options that are not an object, a replication that is not an integer
 *   ≥ 0, or a seed that is not a finite number or a non-empty text without "/".
 */
export function simulate(config: ModelConfig, options: SimulateOptions): SimulationResult {
  if (typeof options !== "object" || options === null) {
    throw new UsageError(`simulate: options must be an object such as { replication: 1 } (got ${formatValue(options)})`);
  }
  const { replication, seed } = options;
  if (typeof replication !== "number" || !Number.isSafeInteger(replication) || replication < 0) {
    throw new UsageError(`simulate: options.replication must be an integer >= 0 (got ${formatValue(replication)})`);
  }
  if (seed !== undefined && !isValidSeed(seed)) throw new UsageError(`simulate: options.seed: ${SEED_RULE} (got ${formatValue(seed)})`);
  // The schema holds the configuration's own seed to the same rule.
  const checked = validateConfig(config, SIMULATE_CONFIG_LABEL);
  return runModel(checked, seed === undefined ? { replication } : { replication, seed });
}
