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
 * Experiments (replications, comparisons, sweeps, sensitivity) are in `runExperiment` and the
 * planners; statistics in `summarize` and `pairedDifference`; the kernel in `Environment`.
 */
export * from "./market/index.js";
export { loadScenario, validateConfig, type LoadedScenario, type LoadOptions } from "./scenario/index.js";
export { scenarioJsonSchema } from "./scenario/schema.js";
export { summarize, pairedDifference, unpairedDifference, tQuantile, OnlineMoments } from "./stats/index.js";
export { planRun, planCompare, planSweep, planSensitivity, runExperiment, mergeShards, inProcessRunner, poolRunner } from "./experiment/index.js";
export { writeReport } from "./report/index.js";
export { Environment } from "./engine/index.js";
export { deriveStream, streamPath } from "./random/index.js";
export { InputError, UsageError, InterruptedError } from "./errors.js";
