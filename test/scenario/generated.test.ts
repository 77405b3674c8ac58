import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PARAMETERS_DOC_COMMAND, PARAMETERS_DOC_FILE, parametersDoc } from "../../src/scenario/parameters-doc.js";
import { SCHEMA_COMMAND, SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from "../../src/scenario/schema.js";

function committed(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

describe("generated files", () => {
  it(`${SCHEMA_FILE} equals the schema generated from parameters.ts (regenerate: ${SCHEMA_COMMAND})`, () => {
    const upToDate = committed(SCHEMA_FILE) === scenarioJsonSchemaText();
    expect(upToDate, `${SCHEMA_FILE} is out of date; run: ${SCHEMA_COMMAND}`).toBe(true);
  });

  it(`${PARAMETERS_DOC_FILE} equals the document generated from parameters.ts (regenerate: ${PARAMETERS_DOC_COMMAND})`, () => {
    const upToDate = committed(PARAMETERS_DOC_FILE) === parametersDoc();
    expect(upToDate, `${PARAMETERS_DOC_FILE} is out of date; run: ${PARAMETERS_DOC_COMMAND}`).toBe(true);
  });

  it("the JSON Schema names itself, rejects unknown keys and keeps every field optional", () => {
    const schema = scenarioJsonSchema() as {
      $id: string;
      title: string;
      additionalProperties: boolean;
      required?: string[];
      properties: Record<string, { properties?: Record<string, { additionalProperties?: boolean }> }>;
    };
    expect(schema.$id).toBe("https://funnelsim.dev/scenario.schema.json");
    expect(schema.title).toBe("funnelsim scenario");
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties.levers?.properties?.boost?.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(["extends", "levers", "population", "calendar"]));
  });

  it("the parameters document has a table per section and a row per parameter", () => {
    const doc = parametersDoc();
    for (const section of ["Scenario", "population", "calendar", "categories", "merchants", "traffic", "funnel", "levers"]) {
      expect(doc).toContain(`\n## ${section}\n`);
    }
    expect(doc).toContain("| `levers.boost.multiplier` | `1` | [0, 20] |");
    expect(doc).toContain("| `levers.coupons[].faceValue` | `6` | (0, 1,000,000] |");
    expect(doc).toContain("| `population.segments[].name` | required | non-empty text |");
  });
});
