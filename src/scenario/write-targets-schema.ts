/**
 * Rewrites scenarios/calibration/targets.schema.json from the targets schema:
 * `npx tsx src/scenario/write-targets-schema.ts`.
 */
import { writeFileSync } from "node:fs";
import { TARGETS_SCHEMA_FILE, targetsJsonSchemaText } from "./targets.js";

writeFileSync(TARGETS_SCHEMA_FILE, targetsJsonSchemaText());
console.log(`wrote ${TARGETS_SCHEMA_FILE}`);
