/**
 * Parquet copies of the long result tables (daily.parquet, replications.parquet, funnel.parquet,
 * products.parquet), written by DuckDB (`@duckdb/node-api`): rows go in through an appender in
 * output order, then `COPY … TO … (FORMAT parquet)` writes the file.
 *
 * Deterministic: DuckDB runs with one thread and keeps insertion order, so the same rows give the
 * same bytes (the file's footer names the DuckDB version that wrote it, so another DuckDB version
 * may write other bytes for the same rows). Atomic like every other output: DuckDB writes a
 * temporary name in the same folder, which is flushed to disk and renamed over the target.
 *
 * Types: text VARCHAR, counters INTEGER, values DOUBLE, dates DATE, flags BOOLEAN; a value that is
 * not a finite number (an empty CSV field) is NULL.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import type { DuckDBAppender, DuckDBConnection, DuckDBDateValue } from "@duckdb/node-api";
import { temporaryPath } from "./atomic.js";
import type { Cell, ColumnType, ResultTable } from "./tables.js";

/**
 * Compression of the Parquet files. ZSTD: of the codecs every Parquet reader has (pyarrow,
 * polars, Spark, DuckDB), the smallest files for these tables at a write time close to Snappy's
 * (measured by `npm run bench -- parquet --compression snappy|zstd`).
 */
export const PARQUET_COMPRESSION = "zstd";

/** Settings of the DuckDB instance that writes: one thread and insertion order, for fixed bytes. */
const WRITER_SETTINGS: Readonly<Record<string, string>> = { threads: "1", preserve_insertion_order: "true" };

/** A path as a SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A column name as a SQL identifier. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
function epochDays(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** DuckDB date values by `YYYY-MM-DD` text, made once each (a table repeats few dates many times). */
class DateCache {
  private readonly values = new Map<string, DuckDBDateValue>();
  constructor(private readonly make: (days: number) => DuckDBDateValue) {}
  get(text: string): DuckDBDateValue {
    let value = this.values.get(text);
    if (value === undefined) {
      value = this.make(epochDays(text));
      this.values.set(text, value);
    }
    return value;
  }
}

/** Appends one cell of a column of `type`; missing values (null, undefined, NaN, ±Infinity) as NULL. */
function appendCell(appender: DuckDBAppender, type: ColumnType, value: Cell, dates: DateCache): void {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) {
    appender.appendNull();
    return;
  }
  switch (type) {
    case "VARCHAR":
      appender.appendVarchar(String(value));
      return;
    case "INTEGER":
      appender.appendInteger(Number(value));
      return;
    case "DOUBLE":
      // -0 is written 0, as in the CSV files (format.ts).
      appender.appendDouble(Object.is(value, -0) ? 0 : Number(value));
      return;
    case "BOOLEAN":
      appender.appendBoolean(value === true);
      return;
    case "DATE": {
      appender.appendDate(dates.get(String(value)));
      return;
    }
  }
}

/** Loads a table's rows into a DuckDB table of the same name and columns. */
async function loadTable(connection: DuckDBConnection, table: ResultTable, dates: DateCache): Promise<void> {
  const columns = table.columns.map((column) => `${sqlIdentifier(column.name)} ${column.type}`).join(", ");
  await connection.run(`CREATE TABLE ${sqlIdentifier(table.name)} (${columns})`);
  const appender = await connection.createAppender(table.name);
  const types = table.columns.map((column) => column.type);
  try {
    for (const row of table.rows) {
      for (let index = 0; index < types.length; index++) appendCell(appender, types[index] as ColumnType, row[index], dates);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

/** Flushes a file DuckDB wrote to disk (its data, before the rename makes it visible). */
function fsyncFile(path: string): void {
  const descriptor = openSync(path, "r");
  try {
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes each table to `<folder>/<name>.parquet`, atomically, in the order given.
 * @returns the paths written.
 * @throws DuckDB's or the file system's error, after removing the temporary file.
 */
export async function writeParquetTables(folder: string, tables: readonly ResultTable[]): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  // Loaded when outputs are written: validate, schema, init and shard runs skip DuckDB's start-up.
  const { DuckDBDateValue, DuckDBInstance } = await import("@duckdb/node-api");
  const dates = new DateCache((days) => new DuckDBDateValue(days));
  const instance = await DuckDBInstance.create(":memory:", WRITER_SETTINGS);
  const connection = await instance.connect();
  const written: string[] = [];
  try {
    for (const table of tables) {
      const path = join(folder, `${table.name}.parquet`);
      const temporary = temporaryPath(path);
      try {
        await loadTable(connection, table, dates);
        await connection.run(`COPY ${sqlIdentifier(table.name)} TO ${sqlString(temporary)} (FORMAT parquet, COMPRESSION ${PARQUET_COMPRESSION})`);
        await connection.run(`DROP TABLE ${sqlIdentifier(table.name)}`);
        fsyncFile(temporary);
        mkdirSync(dirname(path), { recursive: true });
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      written.push(path);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return written;
}
