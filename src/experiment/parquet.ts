/**
 * Parquet copies of the long result tables (daily.parquet, replications.parquet, funnel.parquet,
 * products.parquet), written by DuckDB (`@duckdb/node-api`): rows go in through an appender, in
 * data chunks, in output order, then `COPY … TO … (FORMAT parquet)` writes the file.
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
import type { DuckDBConnection, DuckDBDateValue, DuckDBValue } from "@duckdb/node-api";

/** The DuckDB client module (imported when outputs are first written). */
type DuckDBApi = typeof import("@duckdb/node-api");
import { temporaryPath } from "./atomic.js";
import type { Cell, ColumnType, ResultTable } from "./tables.js";

/**
 * Compression of the Parquet files. ZSTD: of the codecs every Parquet reader has (pyarrow,
 * polars, Spark, DuckDB), the smallest files for these tables at a write time close to Snappy's
 * (measured by `npm run bench -- parquet --compression snappy|zstd`).
 */
export const PARQUET_COMPRESSION: ParquetCompression = "zstd";

/** Codecs {@link writeParquetTables} accepts (the bench compares them). */
export type ParquetCompression = "zstd" | "snappy" | "gzip" | "uncompressed";

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

/** A cell as the DuckDB value of a column of `type`; missing values (null, undefined, NaN, ±Infinity) as NULL. */
function duckdbValue(type: ColumnType, value: Cell, dates: DateCache): DuckDBValue {
  if (value === null || value === undefined || (typeof value === "number" && !Number.isFinite(value))) return null;
  switch (type) {
    case "VARCHAR":
      return String(value);
    case "INTEGER":
      return Number(value);
    case "DOUBLE":
      // -0 is written 0, as in the CSV files (format.ts).
      return Object.is(value, -0) ? 0 : Number(value);
    case "BOOLEAN":
      return value === true;
    case "DATE":
      return dates.get(String(value));
  }
}

/** Rows per data chunk: DuckDB's vector size, the most one chunk holds. */
const CHUNK_ROWS = 2048;

/**
 * Loads a table's rows into a DuckDB table of the same name and columns, a data chunk of columns
 * at a time (about twice as fast as appending cell by cell, measured on the daily table).
 */
async function loadTable(api: DuckDBApi, connection: DuckDBConnection, table: ResultTable, dates: DateCache): Promise<void> {
  const columns = table.columns.map((column) => `${sqlIdentifier(column.name)} ${column.type}`).join(", ");
  await connection.run(`CREATE TABLE ${sqlIdentifier(table.name)} (${columns})`);
  const appender = await connection.createAppender(table.name);
  const types = table.columns.map((column) => column.type);
  const duckdbTypes = types.map((type) => api[type]);
  try {
    for (let start = 0; start < table.rows.length; start += CHUNK_ROWS) {
      const rows = table.rows.slice(start, start + CHUNK_ROWS);
      const chunk = api.DuckDBDataChunk.create(duckdbTypes, rows.length);
      types.forEach((type, index) => chunk.setColumnValues(index, rows.map((row) => duckdbValue(type, row[index], dates))));
      appender.appendDataChunk(chunk);
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
export async function writeParquetTables(folder: string, tables: readonly ResultTable[], compression: ParquetCompression = PARQUET_COMPRESSION): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  // Loaded when outputs are written: validate, schema, init and shard runs skip DuckDB's start-up.
  const api = await import("@duckdb/node-api");
  const dates = new DateCache((days) => new api.DuckDBDateValue(days));
  const instance = await api.DuckDBInstance.create(":memory:", WRITER_SETTINGS);
  const connection = await instance.connect();
  const written: string[] = [];
  try {
    for (const table of tables) {
      const path = join(folder, `${table.name}.parquet`);
      const temporary = temporaryPath(path);
      try {
        await loadTable(api, connection, table, dates);
        await connection.run(`COPY ${sqlIdentifier(table.name)} TO ${sqlString(temporary)} (FORMAT parquet, COMPRESSION ${compression})`);
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
