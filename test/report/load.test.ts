import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/experiment/format.js";
import { InputError } from "../../src/errors.js";
import { parseCsv, parseCsvRecords } from "../../src/report/csv.js";
import { productGmvBins } from "../../src/report/aggregate.js";
import { loadResults } from "../../src/report/load.js";
import { FIXTURES } from "./helpers.js";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "funnelsim-report-load-"));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const MANIFEST = JSON.stringify({ funnelsim: "0.1.0", node: "v20", command: "funnelsim run x.yaml", kind: "run", scenarios: [] });

describe("CSV parsing", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks (RFC 4180)", () => {
    expect(parseCsvRecords('a,"b,c","say ""hi""","two\nlines"\r\n1,2,3,4\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines"],
      ["1", "2", "3", "4"],
    ]);
  });

  it("reads back exactly what the result writer writes (any text: commas, quotes, CR, LF)", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "Z", "7", ",", '"', "\n", "\r", " ", "新"), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 20 }), (records) => {
        expect(parseCsvRecords(records.map(csvLine).join(""))).toEqual(records);
      }),
      { numRuns: 2000, seed: 20261128 },
    );
  });

  it("a quote inside an unquoted field opens a quoted part; a trailing comma is one more empty field", () => {
    expect(parseCsvRecords('ab"c,d"e,f\nx,')).toEqual([["abc,de", "f"], ["x", ""]]);
  });

  it("keys rows by the header and keeps empty fields (a missing value) as empty strings", () => {
    expect(parseCsv("scenario,replication,kpi,value\nbase,1,gmv,\n").rows).toEqual([{ scenario: "base", replication: "1", kpi: "gmv", value: "" }]);
  });
});

describe("loadResults", () => {
  it("reads the compare fixture: baseline, strategies, and every table", () => {
    const results = loadResults(join(FIXTURES, "compare"));
    expect(results.manifest.kind).toBe("compare");
    expect(results.comparison?.baseline).toBe("baseline");
    expect(results.comparison?.strategies.map((strategy) => strategy.scenario)).toEqual(["baseline", "boost-2x", "coupon-66"]);
    expect(results.daily.length).toBeGreaterThan(1000);
    expect(results.funnel.length).toBe(3 * 3 * 10);
    expect(results.products.some((row) => row.launchDay === null)).toBe(true);
    expect(results.manifest.extra["baseline"]).toBe("baseline");
  });

  it("a folder without manifest.json is an InputError that says so", () => {
    expect(() => loadResults(folder({}))).toThrow(InputError);
    expect(() => loadResults(folder({}))).toThrow("manifest.json: (file): is missing: not a funnelsim results folder");
  });

  it("bad numbers and missing columns are listed together, each with file and line", () => {
    const dir = folder({
      "manifest.json": MANIFEST,
      "replications.csv": "scenario,replication,kpi,value\nbase,1,gmv,12x\nbase,one,gmv,3\n",
      "funnel.csv": "scenario,replication,source\n",
    });
    let error: unknown;
    try {
      loadResults(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      `${dir}/replications.csv: line 2 value: must be a number (got "12x")`,
      `${dir}/replications.csv: line 3 replication: must be a whole number (got "one")`,
      `${dir}/funnel.csv: header: needs the columns domain, impressions, clicks, carts, orders, gmv (got "scenario,replication,source")`,
    ]);
  });

  it("an unreadable manifest is one problem, named with its folder, not also 'missing'", () => {
    const dir = folder({ "manifest.json": "{not json" });
    expect(() => loadResults(dir)).toThrow(InputError);
    try {
      loadResults(dir);
    } catch (caught) {
      const problems = (caught as InputError).problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]?.startsWith(`${dir}/manifest.json: (file): is not valid JSON`), problems[0]).toBe(true);
    }
  });

  const PRODUCTS_HEADER = "scenario,replication,product,merchant,merchantType,category,launchDay,registered,orders,gmv";
  const scenario = (name: string, realMerchants: number, count: number) => ({ name, file: `${name}.yaml`, hash: "", seed: 1, replications: 1, config: { population: { realMerchants }, merchants: { count } } });

  it("reads realProducts from products.csv when the column is there", () => {
    const dir = folder({
      "manifest.json": JSON.stringify({ funnelsim: "0.1.0", node: "v20", command: "", kind: "run", scenarios: [scenario("a", 1000, 10)] }),
      "products.csv": `${PRODUCTS_HEADER},realProducts\na,1,0,0,small,food,,true,1,2e7,250\n`,
    });
    expect(loadResults(dir).products.map((row) => row.realProducts)).toEqual([250]);
  });

  it("without a realProducts column (an older folder), takes realMerchants / merchants.count of the scenario's manifest config, else the first scenario's, else 1", () => {
    const rows = ["a", "b", "a@levers.boost.multiplier=2"].map((name) => `${name},1,0,0,small,food,,true,1,2e7`).join("\n");
    const dir = folder({
      "manifest.json": JSON.stringify({ funnelsim: "0.1.0", node: "v20", command: "", kind: "compare", scenarios: [scenario("a", 1000, 10), scenario("b", 600, 200)] }),
      "products.csv": `${PRODUCTS_HEADER}\n${rows}\n`,
    });
    // a: 1000 / 10; b: 600 / 200; a name the manifest lacks (a sweep's arm): the first scenario's.
    expect(loadResults(dir).products.map((row) => row.realProducts)).toEqual([100, 3, 100]);
    const bare = folder({ "manifest.json": MANIFEST, "products.csv": `${PRODUCTS_HEADER}\na,1,0,0,small,food,,true,1,2e7\n` });
    expect(loadResults(bare).products.map((row) => row.realProducts)).toEqual([1]);
  });

  it("reads daily.csv's unit column, accepts a folder written before it, and names a unit it does not know", () => {
    const withUnit = folder({ "manifest.json": MANIFEST, "daily.csv": "scenario,replication,day,metric,value,unit\na,1,2022-11-11,gmv,5,yuan\na,1,2022-11-11,avgTrust,0.5,index\n" });
    expect(loadResults(withUnit).daily.map((row) => row.unit)).toEqual(["yuan", "index"]);
    const older = folder({ "manifest.json": MANIFEST, "daily.csv": "scenario,replication,day,metric,value\na,1,2022-11-11,gmv,5\n" });
    expect(loadResults(older).daily.map((row) => row.unit)).toEqual([""]);
    const bad = folder({ "manifest.json": MANIFEST, "daily.csv": "scenario,replication,day,metric,value,unit\na,1,2022-11-11,gmv,5,CNY\n" });
    expect(() => loadResults(bad)).toThrow('daily.csv: line 2 unit: must be one of yuan, count, share, index (got "CNY")');
  });

  it("reads comparison.json's scorecard block: the value of a boost impression and each strategy's return", () => {
    const card = loadResults(join(FIXTURES, "compare")).comparison?.scorecard;
    expect(card?.yuanPerBoostImpression.mean).toBeGreaterThan(0);
    expect(card?.strategies.find((row) => row.scenario === "coupon-66")?.returnOnCost?.mean).toBeGreaterThan(0);
  });

  it("a realProducts that is not a positive number is a problem with its line", () => {
    const dir = folder({ "manifest.json": MANIFEST, "products.csv": `${PRODUCTS_HEADER},realProducts\na,1,0,0,small,food,,true,1,2e7,0\na,1,1,0,small,food,,true,1,2e7,\n` });
    expect(() => loadResults(dir)).toThrow('products.csv: line 2 realProducts: must be a positive number (got "0")');
    expect(() => loadResults(dir)).toThrow('products.csv: line 3 realProducts: must be a positive number (got "")');
  });

  it("the fixtures' product bins add up to the KPI productsOver10M, with the column (compare) and without it (run)", () => {
    for (const fixture of ["compare", "run"]) {
      const results = loadResults(join(FIXTURES, fixture));
      const kpis = fixture === "run" ? results.summary?.kpis : results.comparison?.strategies.find((strategy) => strategy.scenario === "baseline")?.kpis;
      const over10M = productGmvBins(results.products, ["baseline"])
        .filter((bin) => bin.lo >= 1e7 * (1 - 1e-12))
        .reduce((sum, bin) => sum + bin.products, 0);
      expect(over10M, fixture).toBeGreaterThan(0);
      expect(over10M, fixture).toBeCloseTo(kpis?.["productsOver10M"]?.mean ?? Number.NaN, 6);
    }
  });

  it("null statistics in JSON (an undefined KPI) load as NaN rather than failing", () => {
    const dir = folder({
      "manifest.json": MANIFEST,
      "summary.json": JSON.stringify({ scenario: "base", seed: 1, replications: 2, kpis: { gmv: { mean: null, sd: null, ci95: [null, null] } } }),
    });
    expect(Number.isNaN(loadResults(dir).summary?.kpis["gmv"]?.mean)).toBe(true);
  });
});
