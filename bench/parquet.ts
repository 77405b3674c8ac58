/**
 * Size and write time of the long tables as Parquet against CSV, for a 100-point sweep.
 *
 *   npm run bench -- parquet [--points 100] [--reps 2] [--users 3000] [--repeat 3] [--compression zstd] [--json]
 *
 * What is measured: a sweep of scenarios/baseline.yaml over `--points` values of
 * levers.boost.multiplier, `--reps` replications each, planned as `funnelsim sweep` plans it.
 * Running every unit of it would take minutes, so the model runs `--reps` real replications of
 * the baseline at `--users` users (the default horizon and merchants) and every point reuses them
 * with each value multiplied by a factor of its own (1 + point × 1e-4): the tables have the row
 * count, shapes and magnitudes of the real sweep, and no two points repeat a value, so neither
 * format can compress one point's rows into another's.
 *
 * From the same typed rows (experiment/tables.ts, built once and not timed), the bench times
 * writing the four CSV files (text built and written atomically, as a run does) and writing the
 * four Parquet files (DuckDB: rows appended, COPY to Parquet, fsync, rename; ZSTD unless
 * `--compression` names another codec), alternating
 * which goes first, `--repeat` times; times are medians, sizes are the files' bytes. DuckDB's
 * client is loaded once before the rounds, as a run loads it once.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../src/experiment/atomic.js";
import { assembleAll } from "../src/experiment/assemble.js";
import { buildManifest } from "../src/experiment/manifest.js";
import { PARQUET_COMPRESSION, writeParquetTables, type ParquetCompression } from "../src/experiment/parquet.js";
import type { ScenarioLoader } from "../src/experiment/plan.js";
import { planSweep } from "../src/experiment/planners.js";
import { tableCsv, type ResultTable } from "../src/experiment/tables.js";
import { simulate } from "../src/market/api.js";
import type { SimulationResult } from "../src/market/result.js";
import { loadScenario } from "../src/scenario/index.js";
import { describeMachine, intOption, machineConditions, median, report, stringOption, type Bench, type BenchArgs } from "./common.js";

const CODECS: readonly ParquetCompression[] = ["zstd", "snappy", "gzip", "uncompressed"];

const scaleValues = (values: readonly number[], factor: number): number[] => values.map((value) => value * factor);

/** A real result with every value (daily series, KPIs, funnel, product ledger) scaled by `factor`. */
function scaled(result: SimulationResult, factor: number): SimulationResult {
  const daily: Record<string, number[]> = {};
  for (const [metric, values] of Object.entries(result.daily)) daily[metric] = scaleValues(values, factor);
  const kpis = Object.fromEntries(Object.entries(result.kpis).map(([kpi, value]) => [kpi, value * factor])) as SimulationResult["kpis"];
  return {
    ...result,
    daily,
    kpis,
    funnel: result.funnel.map((row) => ({ ...row, impressions: row.impressions * factor, clicks: row.clicks * factor, carts: row.carts * factor, orders: row.orders * factor, gmv: row.gmv * factor })),
    products: result.products.map((row) => ({ ...row, orders: row.orders * factor, gmv: row.gmv * factor })),
  };
}

function fileBytes(folder: string, names: readonly string[]): number {
  return names.reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

function writeCsv(folder: string, tables: readonly ResultTable[]): void {
  for (const table of tables) writeFileAtomic(join(folder, `${table.name}.csv`), tableCsv(table));
}

const MB = 1024 * 1024;

async function run(args: BenchArgs): Promise<void> {
  const points = intOption(args, "points", 100);
  const reps = intOption(args, "reps", 2);
  const users = intOption(args, "users", 3000);
  const repeat = Math.max(1, intOption(args, "repeat", 3));
  const compression = stringOption(args, "compression", PARQUET_COMPRESSION) as ParquetCompression;
  if (!CODECS.includes(compression)) throw new Error(`bench: --compression must be one of ${CODECS.join(", ")} (got ${compression})`);
  const sets = [`population.users=${users}`];
  const load: ScenarioLoader = async (file, extra) => {
    const loaded = await loadScenario(file, { sets: extra });
    return { file, name: loaded.name, config: loaded.config };
  };
  const source = await load("scenarios/baseline.yaml", sets);
  const values = Array.from({ length: points }, (_, index) => 1 + index / 50);
  const plan = await planSweep({ source, sets, load, params: [{ path: "levers.boost.multiplier", values }], zip: false, replications: reps });
  const real = Array.from({ length: reps }, (_, index) => simulate(source.config, { replication: index + 1 }));
  const results = new Map<string, SimulationResult>();
  for (const unit of plan.units) {
    const base = real[unit.replication - 1] as SimulationResult;
    results.set(unit.id, scaled(base, 1 + unit.arm * 1e-4));
  }
  const { tables } = assembleAll(plan, buildManifest(plan, "funnelsim bench parquet"), results);
  const rows = tables.reduce((sum, table) => sum + table.rows.length, 0);

  // DuckDB's client is loaded (and its first instance made) once before the rounds: a run pays that
  // once too, and it is not part of writing the rows.
  const warm = mkdtempSync(join(tmpdir(), "funnelsim-bench-parquet-"));
  await writeParquetTables(warm, []);
  rmSync(warm, { recursive: true, force: true });

  const csvNames = tables.map((table) => `${table.name}.csv`);
  const parquetNames = tables.map((table) => `${table.name}.parquet`);
  const csvSeconds: number[] = [];
  const parquetSeconds: number[] = [];
  let csvBytes = 0;
  let parquetBytes = 0;
  const tableSizes: Record<string, { csv: number; parquet: number }> = {};
  for (let round = 0; round < repeat; round++) {
    const folder = mkdtempSync(join(tmpdir(), "funnelsim-bench-parquet-"));
    try {
      const timeCsv = () => {
        const start = performance.now();
        writeCsv(folder, tables);
        csvSeconds.push((performance.now() - start) / 1000);
      };
      const timeParquet = async () => {
        const start = performance.now();
        await writeParquetTables(folder, tables, compression);
        parquetSeconds.push((performance.now() - start) / 1000);
      };
      if (round % 2 === 0) {
        timeCsv();
        await timeParquet();
      } else {
        await timeParquet();
        timeCsv();
      }
      csvBytes = fileBytes(folder, csvNames);
      parquetBytes = fileBytes(folder, parquetNames);
      for (const table of tables) tableSizes[table.name] = { csv: fileBytes(folder, [`${table.name}.csv`]), parquet: fileBytes(folder, [`${table.name}.parquet`]) };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const csvTime = median(csvSeconds);
  const parquetTime = median(parquetSeconds);
  const conditions = machineConditions();
  report(
    args,
    { bench: "parquet", points, reps, users, compression, units: plan.units.length, rows, repeat, csvBytes, parquetBytes, csvSeconds: csvTime, parquetSeconds: parquetTime, tables: tableSizes, machine: conditions },
    [
      `parquet: ${points}-point sweep × ${reps} replications (${plan.units.length} units, ${rows.toLocaleString("en")} rows; each point reuses ${reps} real baseline replications at ${users} users, values scaled per point)`,
      `  CSV      ${(csvBytes / MB).toFixed(1).padStart(7)} MB   write ${csvTime.toFixed(2)} s`,
      `  Parquet  ${(parquetBytes / MB).toFixed(1).padStart(7)} MB   write ${parquetTime.toFixed(2)} s   (${compression}; ${(csvBytes / parquetBytes).toFixed(1)}× smaller)`,
      ...tables.map((table) => {
        const size = tableSizes[table.name] ?? { csv: 0, parquet: 0 };
        return `    ${`${table.name}:`.padEnd(14)} ${table.rows.length.toLocaleString("en").padStart(10)} rows   CSV ${(size.csv / MB).toFixed(2).padStart(8)} MB   Parquet ${(size.parquet / MB).toFixed(2).padStart(7)} MB`;
      }),
      `  median of ${repeat} rounds (CSV and Parquet alternating first); ${describeMachine(conditions)}`,
    ],
  );
}

export const parquetBench: Bench = {
  description: "size and write time of the result tables as Parquet against CSV, for a 100-point sweep",
  run,
};
