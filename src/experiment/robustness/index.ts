/**
 * Robustness of strategies under uncertain parameters: the uncertainty file, the plan (Latin
 * hypercube draws × strategies), the statistics and the outputs. See plan.ts for the pipeline.
 */
export { associations, pearson, ranks, spearman, wilsonProportion, type Association, type Proportion } from "./analysis.js";
export { robustnessOutputs } from "./assemble.js";
export { drawSeed, MAX_DRAWS, planRobustness, ROBUSTNESS_KPI, type RobustnessDraw, type RobustnessInput, type RobustnessPlan } from "./plan.js";
export { MAX_UNCERTAIN_PARAMETERS, parseUncertainty, supportOf, UNCERTAINTY_SCHEMA_FILE, uncertaintyJsonSchemaText, type UncertainParameter, type Uncertainty } from "./uncertainty.js";
