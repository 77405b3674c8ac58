/**
 * The JSON Schema of scenario files, generated from the zod model schema, so editors (the YAML
 * language server) check and complete scenarios as they are typed. Written to
 * scenarios/scenario.schema.json by write-schema.ts; a test keeps the file in step.
 */
import { z } from "zod";
import { modelConfigSchema } from "../market/parameters.js";

/** Where the committed schema lives, relative to the repository root. */
export const SCHEMA_FILE = "scenarios/scenario.schema.json";

/** The command that rewrites {@link SCHEMA_FILE}. */
export const SCHEMA_COMMAND = "npx tsx src/scenario/write-schema.ts";

/**
 * The JSON Schema (draft 2020-12) of a scenario as written: every field optional, defaults
 * shown, unknown keys rejected. Cross-field rules (windows inside the horizon, unique segment
 * names) cannot be expressed in it; the loader checks them.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  // io "input": a scenario file is the input side of the schema (defaults make fields optional).
  const generated = z.toJSONSchema(modelConfigSchema, { io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: "https://funnelsim.dev/scenario.schema.json",
    title: "funnelsim scenario",
    description:
      "A funnelsim scenario: the model configuration of one strategy for the 116 festival. Every field is optional; `extends` names a parent file whose values this one overrides.",
    ...rest,
  };
}

/** The schema file's exact text: two-space JSON with a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
