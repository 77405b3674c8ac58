/**
 * Experiments: replications, comparisons, sweeps and sensitivity analyses of scenarios, run as
 * work units saved one file each and assembled into the output tables (see plan.ts for the
 * pipeline). The CLI is the main user; researchers can call the same functions from scripts.
 */
export { assembleOutputs, DAILY_CSV_METRICS, kpiDifference, kpiStats, type KpiDifference, type KpiStats } from "./assemble.js";
export { removeTemporaryFiles, writeFileAtomic } from "./atomic.js";
export { mergeShards, runExperiment, type ExperimentOptions, type ExperimentOutcome, type MergeOutcome } from "./experiment.js";
export { openResults, type QueryResult, type ResultsDatabase } from "./query.js";
export { canonicalJson, compactJson, csvField, csvLine, finiteOrNull, formatNumber, prettyJson } from "./format.js";
export { buildManifest, funnelsimVersion, type Manifest, type ManifestDesign, type ManifestScenario } from "./manifest.js";
export {
  EXPERIMENT_KINDS,
  hashOf,
  planHash,
  shardUnits,
  type Arm,
  type ExperimentKind,
  type ExperimentPlan,
  type PlannedScenario,
  type ScenarioLoader,
  type ScenarioSource,
  type SensitivityPlan,
  type Shard,
  type SweepPlan,
  type WorkUnit,
} from "./plan.js";
export {
  DEFAULT_SENSITIVITY_PARAMS,
  planCompare,
  planRun,
  planSensitivity,
  planSweep,
  type DesignPlanInput,
  type PlanOptions,
  type SensitivityInput,
} from "./planners.js";
export { inProcessRunner, poolRunner, UnitError, type SimulateFunction, type UnitRunner, type UnitRunnerOptions } from "./runner.js";
export { prepareOutputFolder, readPlanFiles, type PlanFile } from "./store.js";
export { latinHypercube, quantileOf, type Distribution } from "./design/index.js";
export { parseUncertainty, planRobustness, type RobustnessInput, type RobustnessPlan, type Uncertainty } from "./robustness/index.js";
