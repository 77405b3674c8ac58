/**
 * docs/parameters.md, generated from the scenario JSON Schema (itself generated from the zod
 * model schema): one table per section with each parameter's path, default, range and the
 * description that carries its source, then a table of the default entries of each list of
 * entries (segments, peak days, categories). A test keeps the committed document in step.
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

/** A list of entries whose default is not empty: its entries get a table of their own. */
interface ListDefault {
  readonly path: string;
  readonly item: JsonSchemaNode;
  readonly entries: readonly Record<string, unknown>[];
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

/** The default entries of a list of entries (objects), or null when it has none. */
function defaultEntries(node: JsonSchemaNode): readonly Record<string, unknown>[] | null {
  const value = node.default;
  if (node.type !== "array" || node.items?.type !== "object" || !Array.isArray(value) || value.length === 0) return null;
  return value.every((item) => typeof item === "object" && item !== null && !Array.isArray(item)) ? (value as Record<string, unknown>[]) : null;
}

/** A value in a code span: numbers with thousands separators, anything else as JSON. */
function valueCode(value: unknown): string {
  return typeof value === "number" ? code(formatNumber(value)) : code(JSON.stringify(value));
}

/**
 * The Default cell. `inEntry`: the field belongs to each entry of a list, so its default is only
 * what an entry that omits it gets — the list's default entries (tabled separately) may differ.
 */
function defaultOf(node: JsonSchemaNode, required: boolean, inEntry: boolean): string {
  if (!("default" in node)) return required ? "required" : "—";
  const value = node.default;
  const entries = defaultEntries(node);
  if (entries !== null) return `${entries.length} entries (listed below the table)`;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0) return "—";
  return inEntry ? `${valueCode(value)} if an entry omits it` : valueCode(value);
}

function collect(node: JsonSchemaNode, path: string, rows: Row[], lists: ListDefault[], required = false, inEntry = false): void {
  const isObject = node.type === "object" && node.properties !== undefined;
  if (!isObject || node.description !== undefined) {
    rows.push({ path, defaultText: defaultOf(node, required, inEntry), range: rangeOf(node), description: node.description ?? "" });
  }
  const entries = defaultEntries(node);
  if (entries !== null && node.items !== undefined) lists.push({ path, item: node.items, entries });
  const isList = !isObject && node.type === "array" && node.items?.type === "object";
  const children = isObject ? node : isList ? node.items : undefined;
  const separator = isObject ? "." : "[].";
  for (const [key, child] of Object.entries(children?.properties ?? {})) {
    collect(child, `${path}${separator}${key}`, rows, lists, children?.required?.includes(key) === true, inEntry || isList);
  }
}

function table(rows: readonly Row[]): string {
  const lines = ["| Path | Default | Range | Description and source |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    lines.push(`| ${code(row.path)} | ${cell(row.defaultText)} | ${cell(row.range)} | ${prose(row.description)} |`);
  }
  return lines.join("\n");
}

/** A cell of the default-entries table: text as prose, numbers formatted, anything else as JSON. */
function entryCell(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return prose(value);
  if (typeof value === "number") return formatNumber(value);
  return cell(code(JSON.stringify(value)));
}

/** The default entries of a list, one row each; a field an entry leaves out shows the field's default. */
function listTable(list: ListDefault): string {
  const fields = Object.keys(list.item.properties ?? {});
  const lines = [
    `### Default entries of ${code(list.path)}`,
    "",
    `The list in effect when a scenario does not set ${code(list.path)}. A list given in a scenario replaces it whole; \`--set ${list.path}[0].<field>=…\` edits one of these entries.`,
    "",
    `| ${fields.map(code).join(" | ")} |`,
    `| ${fields.map(() => "---").join(" | ")} |`,
  ];
  for (const entry of list.entries) {
    lines.push(`| ${fields.map((field) => entryCell(field in entry ? entry[field] : list.item.properties?.[field]?.default)).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** A section: its parameters' table, then a table of each list's default entries. */
function section(title: string, rows: readonly Row[], lists: readonly ListDefault[]): string {
  return [`## ${title}`, table(rows), ...lists.map(listTable)].join("\n\n");
}

/** The whole document's text, ending in a newline. */
export function parametersDoc(): string {
  const schema = scenarioJsonSchema() as JsonSchemaNode;
  const properties = schema.properties ?? {};
  const topRows: Row[] = [];
  const topLists: ListDefault[] = [];
  const sections: string[] = [];
  for (const [key, node] of Object.entries(properties)) {
    if (key === "$schema") continue;
    const isSection = (node.type === "object" && node.properties !== undefined) || (node.type === "array" && node.items?.type === "object");
    if (!isSection) {
      collect(node, key, topRows, topLists);
      continue;
    }
    const rows: Row[] = [];
    const lists: ListDefault[] = [];
    collect(node, key, rows, lists);
    sections.push(section(key, rows, lists));
  }
  return [
    "# Model parameters",
    "",
    `<!-- Generated from src/market/parameters.ts by \`${PARAMETERS_DOC_COMMAND}\`; do not edit by hand. -->`,
    "",
    "Every parameter of the funnelsim model: its path in a scenario file, its default, the values it",
    "accepts and where the default comes from ([seed] = the 116 festival announcement; shared/DOMAIN.md",
    "holds the sources). Units are in the names or descriptions: days, yuan, per-day rates, probabilities",
    "in [0, 1]. `[]` in a path means each entry of a list; such a field's Default is what an entry that",
    "omits it gets, not the value in effect — a list's default entries are tabled below its section's",
    "table. Rules across fields (windows inside the simulated days, unique segment names, shares summing",
    "to more than 0) are checked when a scenario loads.",
    "",
    section("Scenario", topRows, topLists),
    "",
    sections.join("\n\n"),
    "",
  ].join("\n");
}
