import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatCsv } from "../../src/cli/query.js";
import { runExperiment, type ExperimentOptions } from "../../src/experiment/experiment.js";
import { writeParquetTables } from "../../src/experiment/parquet.js";
import { planCompare } from "../../src/experiment/planners.js";
import { openResults } from "../../src/experiment/query.js";
import { inProcessRunner } from "../../src/experiment/runner.js";
import { TABLE_COLUMNS, TABLE_NAMES } from "../../src/experiment/tables.js";
import { KPIS, kpiUnit } from "../../src/market/result.js";
import { kpiKind } from "../../src/report/kpis.js";
import { fakeSimulate, shuffledRunner, source, temporaryFolder } from "./helpers.js";

const plan = () => planCompare([source("baseline"), source("boost-2x", (c) => (c.levers.boost.multiplier = 2))], source("baseline"), { replications: 3 });
const options = (out: string, extra: Partial<ExperimentOptions> = {}): ExperimentOptions => ({
  out,
  command: "funnelsim compare a b",
  runner: inProcessRunner(fakeSimulate),
  ...extra,
});
const parquetBytes = (folder: string) => Object.fromEntries(TABLE_NAMES.map((name) => [name, readFileSync(join(folder, `${name}.parquet`)).toString("base64")]));

describe("Parquet tables", () => {
  it("have typed columns (the CSV's, plus unit where values mix units) and decode to the CSV's rows, byte for byte", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    const database = await openResults([out]);
    try {
      const views = await database.describe();
      for (const name of TABLE_NAMES) {
        const view = views.find((entry) => entry.name === name);
        expect(view?.columns, name).toEqual([{ name: "run", type: "VARCHAR" }, ...TABLE_COLUMNS[name].map((column) => ({ name: column.name, type: column.type }))]);
        const csvColumns = TABLE_COLUMNS[name].filter((column) => column.csv).map((column) => `"${column.name}"`);
        // The fake model's products include a category with a comma, one with quotes, a null launch day and -0 orders.
        const decoded = await database.query(`SELECT ${csvColumns.join(", ")} FROM ${name}`);
        expect(formatCsv(decoded), name).toBe(readFileSync(join(out, `${name}.csv`), "utf8"));
      }
      expect(TABLE_COLUMNS.daily.filter((column) => !column.csv).map((column) => column.name)).toEqual([]);
      expect(TABLE_COLUMNS.replications.filter((column) => !column.csv).map((column) => column.name)).toEqual(["unit"]);
    } finally {
      database.close();
    }
  });

  it("give each value its unit: GMV in yuan, counts, shares, the trust index", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    const database = await openResults([out]);
    try {
      const units = await database.query("SELECT metric, unit FROM daily WHERE metric IN ('gmv', 'gmv.store', 'gmv.type.brand', 'orders', 'avgTrust', 'couponCost') GROUP BY ALL ORDER BY metric");
      expect(units.rows).toEqual([
        ["avgTrust", "index"],
        ["couponCost", "yuan"],
        ["gmv", "yuan"],
        ["gmv.store", "yuan"],
        ["gmv.type.brand", "yuan"],
        ["orders", "count"],
      ]);
      const missing = await database.query("SELECT count(*) FROM daily WHERE unit IS NULL");
      expect(missing.rows[0]?.[0]).toBe(0n);
    } finally {
      database.close();
    }
  });

  it("KPI units agree with the kinds the report formats KPIs by", () => {
    const asUnit = { money: "yuan", count: "count", share: "share", index: "index" } as const;
    for (const kpi of KPIS) expect(kpiUnit(kpi), kpi).toBe(asUnit[kpiKind(kpi)]);
  });

  it("are byte-identical for the same run, whatever order the units finish in", async () => {
    const a = temporaryFolder();
    const b = temporaryFolder();
    await runExperiment(plan(), options(a));
    await runExperiment(plan(), options(b, { runner: shuffledRunner(fakeSimulate, "parquet"), workers: 2 }));
    expect(parquetBytes(b)).toEqual(parquetBytes(a));
  });

  it("with csv: false, are the only tables written, and an earlier run's CSV tables go", async () => {
    const out = temporaryFolder();
    await runExperiment(plan(), options(out));
    await runExperiment(plan(), options(out, { csv: false }));
    const names = readdirSync(out).sort();
    expect(names.filter((name) => name.endsWith(".csv"))).toEqual([]);
    expect(names.filter((name) => name.endsWith(".parquet"))).toEqual(["daily.parquet", "funnel.parquet", "products.parquet", "replications.parquet"]);
    expect(existsSync(join(out, "manifest.json"))).toBe(true);
  });

  it("are replaced whole or not at all: a failed write keeps the old file and leaves no temporary file", async () => {
    const out = temporaryFolder();
    writeFileSync(join(out, "daily.parquet"), "old");
    const bad = { name: "daily" as const, columns: TABLE_COLUMNS.daily, rows: [["baseline", 1, "28 Sep 2022", "gmv", "yuan", 1]] };
    await expect(writeParquetTables(out, [bad])).rejects.toThrow('not a YYYY-MM-DD date: "28 Sep 2022"');
    expect(readFileSync(join(out, "daily.parquet"), "utf8")).toBe("old");
    expect(readdirSync(out)).toEqual(["daily.parquet"]);
  });
});
