import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PARAMETERS_DOC_COMMAND, PARAMETERS_DOC_FILE, parametersDoc } from "../../src/scenario/parameters-doc.js";
import { SCHEMA_COMMAND, SCHEMA_FILE, scenarioJsonSchema, scenarioJsonSchemaText } from "../../src/scenario/schema.js";
import { defaultConfig } from "../../src/market/parameters.js";

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
    expect(doc).toContain("| `levers.coupons[].faceValue` | `6` if an entry omits it | (0, 1,000,000] |");
    expect(doc).toContain("| `population.segments[].name` | required | non-empty text |");
  });

  it("lists the default entries of each list, and labels per-entry defaults as what an omitted field gets", () => {
    const doc = parametersDoc();
    const defaults = defaultConfig();
    // The list rows point to the entries' tables rather than to the source file.
    expect(doc).not.toContain("see parameters.ts");
    expect(doc).toContain(`| \`population.segments\` | ${defaults.population.segments.length} entries (listed below the table) |`);
    expect(doc).toContain("| `population.segments[].sessionsPerDay` | `2` if an entry omits it |");
    expect(doc).toContain("| `calendar.peakDays[].multiplier` | `2` if an entry omits it |");
    // An empty default list has no table, and a field of a list of entries is labelled even then.
    expect(doc).toContain("| `levers.coupons` | `[]` |");
    expect(doc).not.toContain("### Default entries of `levers.coupons`");

    const tableAfter = (heading: string): string[] => {
      const start = doc.indexOf(`### Default entries of \`${heading}\``);
      expect(start, `a table of the default ${heading}`).toBeGreaterThan(-1);
      const rest = doc.slice(start).split("\n").slice(1);
      const first = rest.findIndex((line) => line.startsWith("|"));
      const end = rest.findIndex((line, index) => index > first && !line.startsWith("|"));
      return rest.slice(first, end < 0 ? undefined : end);
    };
    const rowsOf = (lines: string[]) => lines.slice(2).map((line) => line.slice(2, -2).split(" | "));
    const check = (heading: string, entries: readonly Record<string, unknown>[]) => {
      const lines = tableAfter(heading);
      const header = (lines[0] ?? "").slice(2, -2).split(" | ").map((name) => name.replace(/`/g, ""));
      expect(header).toEqual(Object.keys(entries[0] ?? {}));
      expect(rowsOf(lines)).toEqual(entries.map((entry) => header.map((field) => String(entry[field]))));
    };
    // The values in effect: each entry as the normalized default configuration has it.
    check("population.segments", defaults.population.segments);
    check("calendar.peakDays", defaults.calendar.peakDays);
    check("categories", defaults.categories);
    expect(tableAfter("population.segments")).toContain("| loyalFan | 0.3 | 2.5 | 5 | 1.3 | 0.7 | 1.6 | 6 | 0.66 | 0.01 |");
    // Each list's table follows its own section.
    expect(doc.indexOf("### Default entries of `calendar.peakDays`")).toBeGreaterThan(doc.indexOf("\n## calendar\n"));
    expect(doc.indexOf("### Default entries of `calendar.peakDays`")).toBeLessThan(doc.indexOf("\n## categories\n"));
  });
});
