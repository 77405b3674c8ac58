/**
 * docs/parameters.md, generated from the scenario JSON Schema (itself generated from the zod
 * model schema): one table per section with each parameter's path, default, range and the
 * description that carries its source. A test keeps the committed document in step.
 */
import { scenarioJsonSchema } from "./schema.js";

/** Where the committed document lives, relative to the repository root. */
export const PARAMETERS_DOC_FILE = "docs/parameters.md";

/** The command that rewrites {@link PARAMETERS_DOC_FILE}. */
export const PARAMETERS_DOC_COMMAND = "npx tsx src/scenario/write-parameters-doc.ts";

/** The parts of a JSON Schema node the document reads. */
interface JsonSchemaNode {
  readonly type?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly properties?: Record<string, JsonSchemaNode>;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly required?: readonly string[];
}

interface Row {
  readonly path: string;
  readonly defaultText: string;
  readonly range: string;
  readonly description: string;
}

// zod gives every .int() the safe-integer bounds; they are no one's real range.
const SAFE = Number.MAX_SAFE_INTEGER;

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** Prose cells: also keep `<seed>` from being read as an HTML tag. */
function prose(text: string): string {
  return cell(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function code(text: string): string {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) && Math.abs(value) >= 10_000 ? value.toLocaleString("en-US") : String(value);
}

function numberRange(node: JsonSchemaNode): string {
  const low = node.exclusiveMinimum ?? node.minimum;
  const high = node.exclusiveMaximum ?? node.maximum;
  const hasLow = low !== undefined && low > -SAFE;
  const hasHigh = high !== undefined && high < SAFE;
  const prefix = node.type === "integer" ? "integer " : "";
  if (hasLow && hasHigh) {
    const open = node.exclusiveMinimum !== undefined ? "(" : "[";
    const close = node.exclusiveMaximum !== undefined ? ")" : "]";
    return `${prefix}${open}${formatNumber(low)}, ${formatNumber(high)}${close}`;
  }
  if (hasLow) return `${prefix}${node.exclusiveMinimum !== undefined ? ">" : "≥"} ${formatNumber(low)}`;
  if (hasHigh) return `${prefix}${node.exclusiveMaximum !== undefined ? "<" : "≤"} ${formatNumber(high)}`;
  return node.type === "integer" ? "integer" : "any number";
}

function rangeOf(node: JsonSchemaNode): string {
  if (node.enum !== undefined) return node.enum.map((value) => JSON.stringify(value)).join(", ");
  if (node.anyOf !== undefined) return node.anyOf.map(rangeOf).join(" or ");
  switch (node.type) {
    case "number":
    case "integer":
      return numberRange(node);
    case "boolean":
      return "true, false";
    case "string":
      if (node.pattern !== undefined) return `text matching ${code(node.pattern)}`;
      return node.minLength !== undefined && node.minLength > 0 ? "non-empty text" : "text";
    case "array": {
      const count =
        node.minItems !== undefined && node.minItems === node.maxItems
          ? `exactly ${node.minItems} `
          : node.minItems !== undefined && node.minItems > 0
            ? `${node.minItems} or more `
            : "";
      const item = node.items;
      const itemText = item === undefined ? "items" : item.type === "object" ? "entries (fields below)" : `items, each ${rangeOf(item)}`;
      return `list of ${count}${itemText}`;
    }
    case "object":
      return "mapping";
    default:
      return "any";
  }
}

function defaultOf(node: JsonSchemaNode, required: boolean): string {
  if (!("default" in node)) return required ? "required" : "—";
  const value = node.default;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "object" && item !== null)) {
    const names = value.map((item) => (item as { name?: unknown; date?: unknown }).name ?? (item as { date?: unknown }).date);
    const listed = names.every((name) => typeof name === "string") ? `: ${names.join(", ")}` : "";
    return `${value.length} entries${listed} (see parameters.ts)`;
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return "—";
  if (typeof value === "number") return code(formatNumber(value));
  return code(JSON.stringify(value));
}

function collect(node: JsonSchemaNode, path: string, rows: Row[], required = false): void {
  const isObject = node.type === "object" && node.properties !== undefined;
  if (!isObject || node.description !== undefined) {
    rows.push({ path, defaultText: defaultOf(node, required), range: rangeOf(node), description: node.description ?? "" });
  }
  const children = isObject ? node : node.type === "array" && node.items?.type === "object" ? node.items : undefined;
  const separator = isObject ? "." : "[].";
  for (const [key, child] of Object.entries(children?.properties ?? {})) {
    collect(child, `${path}${separator}${key}`, rows, children?.required?.includes(key) === true);
  }
}

function table(rows: readonly Row[]): string {
  const lines = ["| Path | Default | Range | Description and source |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    lines.push(`| ${code(row.path)} | ${cell(row.defaultText)} | ${cell(row.range)} | ${prose(row.description)} |`);
  }
  return lines.join("\n");
}

/** The whole document's text, ending in a newline. */
export function parametersDoc(): string {
  const schema = scenarioJsonSchema() as JsonSchemaNode;
  const properties = schema.properties ?? {};
  const topRows: Row[] = [];
  const sections: string[] = [];
  for (const [key, node] of Object.entries(properties)) {
    if (key === "$schema") continue;
    const isSection = (node.type === "object" && node.properties !== undefined) || (node.type === "array" && node.items?.type === "object");
    if (!isSection) {
      collect(node, key, topRows);
      continue;
    }
    const rows: Row[] = [];
    collect(node, key, rows);
    sections.push(`## ${key}\n\n${table(rows)}`);
  }
  return [
    "# Model parameters",
    "",
    `<!-- Generated from src/market/parameters.ts by \`${PARAMETERS_DOC_COMMAND}\`; do not edit by hand. -->`,
    "",
    "Every parameter of the funnelsim model: its path in a scenario file, its default, the values it",
    "accepts and where the default comes from ([seed] = the 116 festival announcement; shared/DOMAIN.md",
    "holds the sources). Units are in the names or descriptions: days, yuan, per-day rates, probabilities",
    "in [0, 1]. `[]` in a path means each entry of a list. Rules across fields (windows inside the",
    "simulated days, unique segment names, shares summing to more than 0) are checked when a scenario",
    "loads.",
    "",
    "## Scenario",
    "",
    table(topRows),
    "",
    sections.join("\n\n"),
    "",
  ].join("\n");
}
