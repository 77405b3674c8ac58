/**
 * Scenarios: loading YAML/JSON files (extends, --set), validation with every problem at once,
 * the JSON Schema for editors and the parameters document.
 */
export { loadScenario, type LoadedScenario, type LoadOptions } from "./load.js";
export { validateConfig } from "./validate.js";
export { canonicalJson, configHash } from "./hash.js";
export { scenarioJsonSchema } from "./schema.js";
