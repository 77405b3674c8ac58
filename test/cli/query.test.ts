import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shuffledRunner, fakeSimulate, temporaryFolder } from "../experiment/helpers.js";
import { cli } from "./helpers.js";

const B = "scenarios/baseline.yaml";
const BOOST = "scenarios/boost-2x.yaml";
const QUIET = ["--quiet", "--no-report"];

/** A compare run (fake model) in a fresh folder. */
async function compareRun(extra: readonly string[] = []): Promise<string> {
  const out = temporaryFolder();
  const result = await cli(["compare", B, BOOST, "--reps", "2", "--out", out, ...QUIET, ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

describe("funnelsim query", () => {
  it("runs SQL over two folders, a run column naming each, printed as an aligned table", async () => {
    const a = await compareRun();
    const b = await compareRun(["--seed", "7"]);
    const result = await cli(["query", a, `${b}/`, "SELECT run, count(*) AS rows, count(DISTINCT scenario) AS scenarios FROM replications GROUP BY run ORDER BY run"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const width = Math.max(a.length, b.length);
    // 2 scenarios × 2 replications × 25 KPIs; counts are right-aligned; the trailing / is not part of the run's name.
    expect(result.stdout).toBe(
      [`${"run".padEnd(width)}  rows  scenarios`, `${"-".repeat(width)}  ----  ---------`, ...[a, b].sort().map((run) => `${run.padEnd(width)}   100          2`), "(2 rows)", ""].join("\n"),
    );
  });

  it("prints CSV and JSON with --format", async () => {
    const a = await compareRun();
    const sql = "SELECT scenario, replication, value, unit, value > 0 AS positive FROM replications WHERE kpi = 'gmv' ORDER BY scenario, replication LIMIT 2";
    const csv = await cli(["query", a, sql, "--format", "csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.split("\n");
    expect(lines[0]).toBe("scenario,replication,value,unit,positive");
    expect(lines[1]).toMatch(/^baseline,1,\d+(\.\d+)?,yuan,true$/);
    const json = await cli(["query", a, sql, "--format", "json"]);
    const rows = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ scenario: "baseline", replication: 1, unit: "yuan", positive: true });
    expect(typeof rows[0]?.["value"]).toBe("number");
    const count = await cli(["query", a, "SELECT count(*) AS n, DATE '2022-10-01' AS day FROM funnel", "--format", "json"]);
    expect(JSON.parse(count.stdout)).toEqual([{ n: 40, day: "2022-10-01" }]);
    const bad = await cli(["query", a, "SELECT 1", "--format", "xml"]);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: '--format: must be table, csv or json (got "xml")\n' });
  });

  it("with no SQL lists the tables and their columns", async () => {
    const a = await compareRun();
    const result = await cli(["query", a]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("daily (");
    expect(result.stdout).toMatch(/^ {2}day +DATE$/m);
    expect(result.stdout).toMatch(/^ {2}unit +VARCHAR$/m);
    expect(result.stdout).toMatch(/^replications \(100 rows\)$/m);
    expect(result.stdout).toMatch(/^runs \(1 row\)$/m);
    expect(result.stdout.match(/^\S.*$/gm)?.map((line) => line.split(" ")[0])).toEqual(["daily", "replications", "funnel", "products", "runs", "points"]);
  });

  it("gives DuckDB's message for bad SQL, exit 2, no stack", async () => {
    const a = await compareRun();
    const result = await cli(["query", a, "SELEC * FROM daily"]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")[0]).toBe('query: Parser Error: syntax error at or near "SELEC"');
    expect(result.stderr).toContain("query: the tables are daily, replications, funnel, products, runs, points");
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const missing = await cli(["query", a, "SELECT * FROM sales"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^query: Catalog Error: Table with name sales does not exist!/);
  });

  it("refuses folders without results, every one at once, exit 2", async () => {
    const empty = temporaryFolder();
    const a = await compareRun();
    const result = await cli(["query", empty, join(empty, "nowhere"), a, "SELECT 1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        `query: ${empty}: holds no funnelsim results (no manifest.json, daily.parquet or daily.csv); give the --out folder of a completed run (got ${JSON.stringify(empty)})`,
        `query: ${join(empty, "nowhere")}: no such folder; give the --out folders of runs, then the SQL in quotes (got ${JSON.stringify(join(empty, "nowhere"))})`,
        "",
      ].join("\n"),
    );
  });

  it("reads a folder's CSV tables where it has no Parquet (written before Parquet), typed alike", async () => {
    const a = await compareRun();
    const old = await compareRun();
    for (const name of readdirSync(old)) if (name.endsWith(".parquet")) rmSync(join(old, name));
    const sql = "SELECT * EXCLUDE (run, unit) FROM daily WHERE run = ? ORDER BY ALL";
    const fromParquet = await cli(["query", a, old, sql.replace("?", `'${a}'`), "--format", "csv"]);
    const fromCsv = await cli(["query", a, old, sql.replace("?", `'${old}'`), "--format", "csv"]);
    expect(fromCsv.stderr).toBe("");
    expect(fromCsv.stdout).toBe(fromParquet.stdout);
    const units = await cli(["query", a, old, "SELECT run, count(unit) AS units FROM daily GROUP BY run ORDER BY units", "--format", "csv"]);
    const dailyRows = readFileSync(join(a, "daily.csv"), "utf8").trimEnd().split("\n").length - 1;
    expect(units.stdout.split("\n").slice(1, 3).map((line) => line.split(",")[1])).toEqual(["0", String(dailyRows)]);
  });

  it("lists design points of a sweep in the points table", async () => {
    const out = temporaryFolder();
    const sweep = await cli(["sweep", B, "--param", "levers.boost.multiplier=1,2", "--reps", "1", "--out", out, ...QUIET]);
    expect(sweep.code, sweep.stderr).toBe(0);
    const result = await cli(["query", out, "SELECT param, number FROM points ORDER BY number", "--format", "csv"]);
    expect(result.stdout).toBe("param,number\nlevers.boost.multiplier,1\nlevers.boost.multiplier,2\n");
  });
});

describe("--no-csv", () => {
  it("writes the Parquet tables only, and needs --no-report since the report reads the CSVs", async () => {
    const refused = await cli(["run", B, "--reps", "1", "--no-csv", "--quiet", "--out", temporaryFolder()]);
    expect(refused).toEqual({ code: 2, stdout: "", stderr: '--no-csv: the report reads the CSV tables; add --no-report, or keep the CSV files (got "--no-csv")\n' });
    const out = temporaryFolder();
    const result = await cli(["run", B, "--reps", "1", "--no-csv", ...QUIET, "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(out).filter((name) => /\.(csv|parquet)$/.test(name)).sort()).toEqual(["daily.parquet", "funnel.parquet", "products.parquet", "replications.parquet"]);
    // An execution-only flag: the manifest records the same command as a run with CSVs.
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).command).toBe("funnelsim run scenarios/baseline.yaml --reps 1");
  });
});

describe("Parquet outputs", () => {
  it("are the same bytes for --workers 1 and --workers 2 (units finishing in another order)", async () => {
    const one = await compareRun(["--workers", "1"]);
    const two = temporaryFolder();
    const result = await cli(["compare", B, BOOST, "--reps", "2", "--out", two, ...QUIET, "--workers", "2"], { runner: shuffledRunner(fakeSimulate, "workers") });
    expect(result.code).toBe(0);
    for (const name of ["daily", "replications", "funnel", "products"]) {
      expect(readFileSync(join(two, `${name}.parquet`)).equals(readFileSync(join(one, `${name}.parquet`))), name).toBe(true);
    }
  });
});
