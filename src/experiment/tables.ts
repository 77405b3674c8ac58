/**
 * The long result tables (daily, replications, funnel, products) as typed rows: one builder feeds
 * both the CSV text and the Parquet files, so the two hold the same rows in the same order.
 *
 * Each column has a SQL type (what Parquet stores and DuckDB shows) and says whether the CSV has
 * it: daily has a `unit` column in both; replications' `unit` column (where one value column
 * mixes yuan, counts, shares and an index) is in the Parquet table only, as replications.csv's
 * readers expect its four columns.
 */
import { csvLine } from "./format.js";

/** The SQL types the tables use (DuckDB's names). */
export type ColumnType = "VARCHAR" | "INTEGER" | "DOUBLE" | "DATE" | "BOOLEAN";

/** One column of a result table. */
export interface TableColumn {
  readonly name: string;
  readonly type: ColumnType;
  /** Also written to the table's CSV file (false: Parquet only). */
  readonly csv: boolean;
}

/** A cell: text, a number (NaN and ±Infinity are missing values), a boolean, or null (missing). */
export type Cell = string | number | boolean | null | undefined;

/** A result table: its name (the file's, without extension), columns and rows in output order. */
export interface ResultTable {
  readonly name: "daily" | "replications" | "funnel" | "products";
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

const column = (name: string, type: ColumnType, csv = true): TableColumn => ({ name, type, csv });

/** Columns of each table, in file order. */
export const TABLE_COLUMNS: Readonly<Record<ResultTable["name"], readonly TableColumn[]>> = {
  daily: [column("scenario", "VARCHAR"), column("replication", "INTEGER"), column("day", "DATE"), column("metric", "VARCHAR"), column("value", "DOUBLE"), column("unit", "VARCHAR")],
  replications: [column("scenario", "VARCHAR"), column("replication", "INTEGER"), column("kpi", "VARCHAR"), column("unit", "VARCHAR", false), column("value", "DOUBLE")],
  funnel: [
    column("scenario", "VARCHAR"),
    column("replication", "INTEGER"),
    column("source", "VARCHAR"),
    column("domain", "VARCHAR"),
    // Scaled to the real platform (simulated counts × real users per simulated user): not whole numbers.
    column("impressions", "DOUBLE"),
    column("clicks", "DOUBLE"),
    column("carts", "DOUBLE"),
    column("orders", "DOUBLE"),
    column("gmv", "DOUBLE"),
  ],
  products: [
    column("scenario", "VARCHAR"),
    column("replication", "INTEGER"),
    column("product", "INTEGER"),
    column("merchant", "INTEGER"),
    column("merchantType", "VARCHAR"),
    column("category", "VARCHAR"),
    column("launchDay", "INTEGER"),
    column("registered", "BOOLEAN"),
    column("orders", "DOUBLE"),
    column("gmv", "DOUBLE"),
    column("realProducts", "DOUBLE"),
  ],
};

/** The table names, in the order they are written. */
export const TABLE_NAMES: readonly ResultTable["name"][] = ["daily", "replications", "funnel", "products"];

/** The CSV text of a table: its CSV columns only, header first (format.ts's rules for numbers). */
export function tableCsv(table: ResultTable): string {
  const kept = table.columns.flatMap((entry, index) => (entry.csv ? [index] : []));
  const lines: string[] = [csvLine(kept.map((index) => table.columns[index]?.name))];
  if (kept.length === table.columns.length) for (const row of table.rows) lines.push(csvLine(row));
  else for (const row of table.rows) lines.push(csvLine(kept.map((index) => row[index])));
  return lines.join("");
}
