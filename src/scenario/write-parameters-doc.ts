/**
 * Rewrites docs/parameters.md from the model schema. Run after changing
 * src/market/parameters.ts: `npx tsx src/scenario/write-parameters-doc.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PARAMETERS_DOC_FILE, parametersDoc } from "./parameters-doc.js";

mkdirSync(dirname(PARAMETERS_DOC_FILE), { recursive: true });
writeFileSync(PARAMETERS_DOC_FILE, parametersDoc());
console.log(`wrote ${PARAMETERS_DOC_FILE}`);
