/**
 * funnelsim's library API, for researchers who script experiments or extend the model:
 *
 *   import { defaultConfig, simulate } from "funnelsim";
 *   const config = defaultConfig();
 *   config.levers.boost.multiplier = 2;
 *   const result = simulate(config, { replication: 0 });
 *   result.kpis.gmv; result.daily.gmvPrivate; result.funnel; result.products;
 *
 * Scenario files load with `loadScenario` (YAML/JSON, `extends`, `--set`-style overrides) and
 * plain objects validate with `validateConfig`; both throw `InputError` listing every problem.
 * Experiments (replications, comparisons, sweeps, sensitivity, robustness) are in `runExperiment` and the
 * planners; statistics in `summarize` and `pairedDifference`; the kernel in `Environment` (with
 * `Resource`, `Store` and generator processes).
 */
import type { ReportOptions } from "./report/index.js";

export * from "./market/index.js";
export { loadScenario, validateConfig, type LoadedScenario, type LoadOptions } from "./scenario/index.js";
export { scenarioJsonSchema } from "./scenario/schema.js";
export { summarize, pairedDifference, unpairedDifference, tQuantile, OnlineMoments } from "./stats/index.js";
export { planRun, planCompare, planSweep, planSensitivity, runExperiment, mergeShards, inProcessRunner, poolRunner } from "./experiment/index.js";
export { planRobustness, parseUncertainty, latinHypercube } from "./experiment/index.js";
export { openResults, type QueryResult, type ResultsDatabase } from "./experiment/index.js";
export {
  Condition,
  Environment,
  Interrupt,
  Process,
  Request,
  Resource,
  SimEvent,
  Store,
  Timeout,
  type EnvironmentOptions,
  type Handler,
  type ProcessGenerator,
} from "./engine/index.js";
export { deriveStream, streamPath } from "./random/index.js";
export { InputError, UsageError, InterruptedError } from "./errors.js";
export type { ReportOptions };

/**
 * Renders the report of a results folder (see `src/report/index.ts`). The renderer (vega,
 * vega-lite, resvg) loads on the first call rather than with the package: a script that only
 * simulates starts in a third of the time.
 */
export async function writeReport(outDir: string, options: ReportOptions): Promise<string[]> {
  const report = await import("./report/index.js");
  return report.writeReport(outDir, options);
}
