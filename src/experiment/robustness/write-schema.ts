/**
 * Rewrites scenarios/uncertainty/uncertainty.schema.json after a change to the uncertainty
 * file's fields: `npx tsx src/experiment/robustness/write-schema.ts`.
 */
import { writeFileSync } from "node:fs";
import { UNCERTAINTY_SCHEMA_FILE, uncertaintyJsonSchemaText } from "./uncertainty.js";

writeFileSync(UNCERTAINTY_SCHEMA_FILE, uncertaintyJsonSchemaText());
console.log(`wrote ${UNCERTAINTY_SCHEMA_FILE}`);
