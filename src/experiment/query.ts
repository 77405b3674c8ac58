/**
 * SQL over result folders: DuckDB (in memory) with one view per table over every folder given,
 * each row tagged with a `run` column naming its folder.
 *
 *   daily, replications, funnel, products   the long tables (the Parquet file; a folder written
 *                                           before Parquet, or with --no-csv's opposite, is read
 *                                           from its CSV file, which has no `unit` column)
 *   runs                                    one row per folder, from manifest.json
 *   points                                  one row per design point and parameter (sweep and
 *                                           sensitivity runs), from units/plan.json
 *
 * Views over several folders are `UNION ALL BY NAME`, so folders written by different funnelsim
 * versions combine (a column one lacks is NULL there).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue, type Json } from "@duckdb/node-api";
import { InputError } from "../errors.js";
import type { Manifest } from "./manifest.js";
import { sqlIdentifier, sqlString } from "./parquet.js";
import { readPlanFiles } from "./store.js";
import { TABLE_COLUMNS, TABLE_NAMES } from "./tables.js";

/** A result folder and the `run` value its rows get. */
export interface ResultFolder {
  /** The folder as given (trailing `/` removed): the `run` column's value. */
  readonly run: string;
  readonly path: string;
}

/** One column of a query's result. */
export interface QueryColumn {
  readonly name: string;
  /** DuckDB's type name, e.g. `VARCHAR`, `BIGINT`, `DOUBLE`, `DATE`, `INTEGER[]`. */
  readonly type: string;
}

/** A query's result: columns, and rows of DuckDB values with their JSON forms. */
export interface QueryResult {
  readonly columns: readonly QueryColumn[];
  /** Cells as DuckDB gives them (numbers, bigints, strings, booleans, null, value objects). */
  readonly rows: readonly (readonly DuckDBValue[])[];
  /** The same cells as JSON values (dates and decimals as text, lists as arrays). */
  readonly json: readonly (readonly Json[])[];
}

/** A view and its columns, for `funnelsim query DIR` with no SQL. */
export interface ViewDescription {
  readonly name: string;
  readonly rows: number;
  readonly columns: readonly QueryColumn[];
}

/** The views every results database has (when some folder holds them), in listing order. */
export const VIEW_NAMES: readonly string[] = [...TABLE_NAMES, "runs", "points"];

/** What makes a folder a results folder: a manifest or one of the tables. */
function holdsResults(path: string): boolean {
  if (existsSync(join(path, "manifest.json"))) return true;
  return TABLE_NAMES.some((name) => existsSync(join(path, `${name}.parquet`)) || existsSync(join(path, `${name}.csv`)));
}

/**
 * Checks the folders: each must exist and hold funnelsim results, and none may be given twice.
 * @throws {InputError} with every problem at once.
 */
export function resultFolders(paths: readonly string[]): ResultFolder[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const folders: ResultFolder[] = [];
  for (const path of paths) {
    const run = path.length > 1 ? path.replace(/\/+$/, "") : path;
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      problems.push(`query: ${path}: no such folder; give the --out folders of runs, then the SQL in quotes (got ${JSON.stringify(path)})`);
      continue;
    }
    if (!isFolder) {
      problems.push(`query: ${path}: is a file, not a results folder; give the --out folders of runs, then the SQL in quotes (got ${JSON.stringify(path)})`);
      continue;
    }
    if (!holdsResults(path)) {
      problems.push(`query: ${path}: holds no funnelsim results (no manifest.json, daily.parquet or daily.csv); give the --out folder of a completed run (got ${JSON.stringify(path)})`);
      continue;
    }
    const key = resolve(path);
    const previous = seen.get(key);
    if (previous !== undefined) {
      problems.push(`query: ${path}: is the same folder as ${previous}; give each folder once (got ${JSON.stringify(path)})`);
      continue;
    }
    seen.set(key, path);
    folders.push({ run, path });
  }
  if (problems.length > 0) throw new InputError(problems);
  return folders;
}

/** The SELECT that reads one table of one folder, or undefined when the folder lacks it. */
function tableSource(folder: ResultFolder, name: (typeof TABLE_NAMES)[number]): string | undefined {
  const run = `${sqlString(folder.run)} AS run`;
  const parquet = join(folder.path, `${name}.parquet`);
  if (existsSync(parquet)) return `SELECT ${run}, * FROM read_parquet(${sqlString(parquet)})`;
  const csv = join(folder.path, `${name}.csv`);
  if (!existsSync(csv)) return undefined;
  const columns = TABLE_COLUMNS[name]
    .filter((column) => column.csv)
    .map((column) => `${sqlString(column.name)}: ${sqlString(column.type)}`)
    .join(", ");
  return `SELECT ${run}, * FROM read_csv(${sqlString(csv)}, header = true, delim = ',', quote = '"', columns = {${columns}})`;
}

function readManifest(folder: ResultFolder): Partial<Manifest> | undefined {
  try {
    return JSON.parse(readFileSync(join(folder.path, "manifest.json"), "utf8")) as Partial<Manifest>;
  } catch {
    return undefined;
  }
}

/** A SQL literal of a JS value (text, number, or NULL). */
function literal(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return "NULL";
  return typeof value === "number" ? (Number.isFinite(value) ? String(value) : "NULL") : sqlString(value);
}

async function createRunsView(connection: DuckDBConnection, folders: readonly ResultFolder[]): Promise<void> {
  await connection.run(
    "CREATE TABLE runs (run VARCHAR, kind VARCHAR, hash VARCHAR, replications INTEGER, units INTEGER, scenarios INTEGER, baseline VARCHAR, command VARCHAR, funnelsim VARCHAR, node VARCHAR)",
  );
  for (const folder of folders) {
    const manifest = readManifest(folder);
    const values = [
      folder.run,
      manifest?.kind,
      manifest?.hash,
      manifest?.replications,
      manifest?.units,
      manifest?.scenarios?.length,
      manifest?.baseline,
      manifest?.command,
      manifest?.funnelsim,
      manifest?.node,
    ];
    await connection.run(`INSERT INTO runs VALUES (${values.map((value) => literal(value)).join(", ")})`);
  }
}

async function createPointsView(connection: DuckDBConnection, folders: readonly ResultFolder[]): Promise<void> {
  await connection.run("CREATE TABLE points (run VARCHAR, scenario VARCHAR, point VARCHAR, param VARCHAR, value VARCHAR, number DOUBLE)");
  const rows: string[] = [];
  for (const folder of folders) {
    // The whole run's plan, else any shard's: every plan file of a run lists all its arms.
    const plan = readPlanFiles(folder.path)[0]?.plan;
    for (const arm of plan?.arms ?? []) {
      for (const [param, value] of Object.entries(arm.values)) {
        rows.push(`(${[folder.run, arm.label, arm.point, param, String(value)].map((text) => literal(text)).join(", ")}, ${typeof value === "number" ? literal(value) : "NULL"})`);
      }
    }
  }
  for (let start = 0; start < rows.length; start += 1000) await connection.run(`INSERT INTO points VALUES ${rows.slice(start, start + 1000).join(", ")}`);
}

/** DuckDB's message as problem lines: the first prefixed `query: `, its context lines kept. */
function duckdbProblem(error: unknown, hint?: string): InputError {
  const message = error instanceof Error ? error.message : String(error);
  const problems = message
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => (index === 0 ? `query: ${line}` : line));
  return new InputError(hint === undefined ? problems : [...problems, hint]);
}

/** An open results database: run SQL on it, describe its views, close it. */
export interface ResultsDatabase {
  /** The views it has, in {@link VIEW_NAMES} order. */
  readonly views: readonly string[];
  /**
   * Runs SQL (one statement or several; the last one's rows are returned).
   * @throws {InputError} with DuckDB's message when DuckDB refuses it.
   */
  query(sql: string): Promise<QueryResult>;
  /** Each view's columns and row count. */
  describe(): Promise<ViewDescription[]>;
  close(): void;
}

/**
 * Opens DuckDB over result folders (see the module comment for the views).
 * @throws {InputError} when a folder is missing, holds no results, or a table file is unreadable.
 */
export async function openResults(paths: readonly string[]): Promise<ResultsDatabase> {
  const folders = resultFolders(paths);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const views: string[] = [];
  try {
    for (const name of TABLE_NAMES) {
      const sources = folders.map((folder) => tableSource(folder, name)).filter((source): source is string => source !== undefined);
      if (sources.length === 0) continue;
      await connection.run(`CREATE VIEW ${sqlIdentifier(name)} AS ${sources.join(" UNION ALL BY NAME ")}`);
      views.push(name);
    }
    await createRunsView(connection, folders);
    views.push("runs");
    await createPointsView(connection, folders);
    views.push("points");
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw duckdbProblem(error);
  }
  const hint = `query: the tables are ${views.join(", ")}; funnelsim query ${paths.join(" ")} lists their columns`;
  const run = async (sql: string): Promise<QueryResult> => {
    let reader;
    try {
      reader = await connection.runAndReadAll(sql);
    } catch (error) {
      throw duckdbProblem(error, hint);
    }
    const names = reader.columnNames();
    const types = reader.columnTypes();
    return {
      columns: names.map((name, index) => ({ name, type: String(types[index]) })),
      rows: reader.getRows(),
      json: reader.getRowsJson(),
    };
  };
  return {
    views,
    query: run,
    async describe() {
      const described: ViewDescription[] = [];
      for (const view of views) {
        const columns = await run(`DESCRIBE ${sqlIdentifier(view)}`);
        const count = await run(`SELECT count(*) FROM ${sqlIdentifier(view)}`);
        described.push({
          name: view,
          rows: Number(count.rows[0]?.[0] ?? 0),
          columns: columns.rows.map((row) => ({ name: String(row[0]), type: String(row[1]) })),
        });
      }
      return described;
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
