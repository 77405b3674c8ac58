/**
 * `funnelsim query DIR... ["SQL"]`: DuckDB over result folders (src/experiment/query.ts), printed
 * as an aligned table, CSV or JSON; with no SQL, the tables and their columns.
 *
 * The last argument is the SQL unless it is an existing folder (or the only argument).
 */
import { statSync } from "node:fs";
import type { DuckDBValue, Json } from "@duckdb/node-api";
import { csvLine } from "../experiment/format.js";
import { openResults, type QueryResult, type ViewDescription } from "../experiment/query.js";
import type { CliIo } from "./app.js";
import { choiceOption, Problems } from "./options.js";

/** Output formats of `query`. */
export const QUERY_FORMATS = ["table", "csv", "json"] as const;
type QueryFormat = (typeof QUERY_FORMATS)[number];

/** DuckDB's numeric type names: their columns are right-aligned in a table. */
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Splits the positional arguments into folders and the SQL (undefined: list the tables). */
export function splitQueryArguments(args: readonly string[]): { folders: string[]; sql: string | undefined } {
  const last = args[args.length - 1];
  if (args.length < 2 || last === undefined || isFolder(last)) return { folders: [...args], sql: undefined };
  return { folders: args.slice(0, -1), sql: last };
}

/** A cell as table or CSV text: NULL (table) or empty (CSV) when missing, else DuckDB's text. */
function cellText(value: DuckDBValue, missing: string): string {
  if (value === null) return missing;
  return String(value);
}

/** An aligned table: a header, a rule, the rows; numbers right-aligned; the row count last. */
export function formatTable(result: QueryResult): string {
  const header = result.columns.map((column) => column.name);
  const cells = result.rows.map((row) => row.map((value) => cellText(value, "NULL")));
  const widths = header.map((name, index) => Math.max(name.length, ...cells.map((row) => (row[index] ?? "").length)));
  const right = result.columns.map((column) => NUMERIC.test(column.type));
  const line = (row: readonly string[]) =>
    row
      .map((text, index) => (right[index] ? text.padStart(widths[index] ?? 0) : text.padEnd(widths[index] ?? 0)))
      .join("  ")
      .trimEnd();
  const lines = [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...cells.map(line)];
  const count = result.rows.length;
  return `${lines.join("\n")}\n(${count} row${count === 1 ? "" : "s"})\n`;
}

/** CSV (RFC 4180, format.ts's rules): a header, then the rows; missing values empty. */
export function formatCsv(result: QueryResult): string {
  const lines = [csvLine(result.columns.map((column) => column.name))];
  for (const row of result.rows) lines.push(csvLine(row.map((value) => (value === null ? null : typeof value === "number" ? value : cellText(value, "")))));
  return lines.join("");
}

/** A cell as JSON: numbers as numbers (64-bit integers too while exact), NaN/±Infinity as null. */
function jsonCell(value: DuckDBValue, json: Json): Json {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return json;
}

/** JSON: an array of row objects, one row a line. */
export function formatJson(result: QueryResult): string {
  const names = result.columns.map((column) => column.name);
  const rows = result.rows.map((row, rowIndex) => {
    const object: Record<string, Json> = {};
    names.forEach((name, index) => {
      object[name] = jsonCell(row[index] ?? null, result.json[rowIndex]?.[index] ?? null);
    });
    return JSON.stringify(object);
  });
  return rows.length === 0 ? "[]\n" : `[\n${rows.join(",\n")}\n]\n`;
}

/** The tables and their columns, as `funnelsim query DIR` prints them. */
export function formatViews(views: readonly ViewDescription[]): string {
  const lines: string[] = [];
  for (const view of views) {
    lines.push(`${view.name} (${view.rows} row${view.rows === 1 ? "" : "s"})`);
    const width = Math.max(...view.columns.map((column) => column.name.length));
    for (const column of view.columns) lines.push(`  ${column.name.padEnd(width)}  ${column.type}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Runs `funnelsim query`. */
export async function runQuery(args: Readonly<Record<string, unknown>>, io: CliIo): Promise<number> {
  const problems = new Problems();
  const format: QueryFormat = choiceOption(problems, "--format", args["format"], QUERY_FORMATS) ?? "table";
  const positional = Array.isArray(args["args"]) ? args["args"].map(String) : [];
  const { folders, sql } = splitQueryArguments(positional);
  if (sql !== undefined && sql.trim() === "") problems.add("query", "the SQL is empty; give a statement such as 'SELECT * FROM runs'", sql);
  problems.throwIfAny();
  const database = await openResults(folders);
  try {
    if (sql === undefined) {
      io.stdout(formatViews(await database.describe()));
      return 0;
    }
    const result = await database.query(sql);
    io.stdout(format === "csv" ? formatCsv(result) : format === "json" ? formatJson(result) : formatTable(result));
    return 0;
  } finally {
    database.close();
  }
}
