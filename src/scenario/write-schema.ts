/**
 * Rewrites scenarios/scenario.schema.json from the model schema. Run after changing
 * src/market/parameters.ts: `npx tsx src/scenario/write-schema.ts`.
 */
import { writeFileSync } from "node:fs";
import { SCHEMA_FILE, scenarioJsonSchemaText } from "./schema.js";

writeFileSync(SCHEMA_FILE, scenarioJsonSchemaText());
console.log(`wrote ${SCHEMA_FILE}`);
