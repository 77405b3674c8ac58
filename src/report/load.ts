/**
 * The report's one I/O module: reads a results folder into typed rows. Every problem found is
 * collected and thrown together as one {@link InputError}, each as `file: where: what (got value)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { parseCsv } from "./csv.js";
import { parseRobustness } from "./robustness-load.js";
import type {
  Comparison,
  DailyRow,
  FunnelCsvRow,
  KpiDifference,
  KpiSummary,
  Manifest,
  ManifestScenario,
  MorrisRow,
  OatRow,
  ParamValue,
  ProductCsvRow,
  ReplicationRow,
  Results,
  Scorecard,
  ScorecardRow,
  ValueWithInterval,
  ResultKind,
  RunSummary,
  Sensitivity,
  Sweep,
  SweepPoint,
} from "./types.js";

const KINDS: readonly ResultKind[] = ["run", "compare", "sweep", "sensitivity", "robustness"];
/** Stop listing problems after this many: one bad column would otherwise print every line. */
const MAX_PROBLEMS = 20;

/** Collects problems with a file and where in it they are. */
class Problems {
  readonly list: string[] = [];
  add(file: string, where: string, what: string, got?: unknown): void {
    if (this.list.length >= MAX_PROBLEMS) return;
    const shown = got === undefined ? "" : ` (got ${JSON.stringify(got)})`;
    this.list.push(`${file}: ${where}: ${what}${shown}`);
  }
}

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What readJson gives for a file that is there but is not JSON (already reported). */
const INVALID = Symbol("invalid JSON");

function readJson(dir: string, file: string, problems: Problems): unknown {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as unknown;
  } catch (error) {
    problems.add(file, "(file)", `is not valid JSON: ${(error as Error).message}`);
    return INVALID;
  }
}

/** readJson for the optional files: an invalid one is reported once, then treated as absent. */
function readOptionalJson(dir: string, file: string, problems: Problems): unknown {
  const value = readJson(dir, file, problems);
  return value === INVALID ? undefined : value;
}

function readCsv(dir: string, file: string, columns: readonly string[], problems: Problems): Record<string, string>[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  const { header, rows } = parseCsv(readFileSync(path, "utf8"));
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    problems.add(file, "header", `needs the columns ${missing.join(", ")}`, header.join(","));
    return [];
  }
  return rows;
}

/** Reads one numeric CSV field; "" and "NaN" are NaN (a KPI can be undefined), other text is a problem. */
function csvNumber(file: string, line: number, row: Record<string, string>, column: string, problems: Problems): number {
  const text = row[column] ?? "";
  if (text === "" || text === "NaN") return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) problems.add(file, `line ${line} ${column}`, "must be a number", text);
  return value;
}

/** The units daily.csv's `unit` column may hold (src/experiment/units.ts). */
const DAILY_UNITS = ["yuan", "count", "share", "index"];

function dailyUnit(line: number, row: Record<string, string>, problems: Problems): string {
  const unit = row["unit"];
  if (unit === undefined) return "";
  if (!DAILY_UNITS.includes(unit)) problems.add("daily.csv", `line ${line} unit`, `must be one of ${DAILY_UNITS.join(", ")}`, unit);
  return unit;
}

function csvInteger(file: string, line: number, row: Record<string, string>, column: string, problems: Problems): number {
  const text = row[column] ?? "";
  const value = text === "" ? Number.NaN : Number(text);
  // One line per bad cell: "one" is not a whole number, whatever else it is not.
  if (!Number.isInteger(value)) problems.add(file, `line ${line} ${column}`, "must be a whole number", text);
  return value;
}

function jsonNumber(file: string, where: string, value: unknown, problems: Problems): number {
  // JSON has no NaN; writers emit null for an undefined KPI, which the report shows as missing.
  if (value === null) return Number.NaN;
  if (typeof value !== "number") {
    problems.add(file, where, "must be a number", value);
    return Number.NaN;
  }
  return value;
}

function jsonString(file: string, where: string, value: unknown, problems: Problems): string {
  if (typeof value !== "string") {
    problems.add(file, where, "must be a string", value);
    return "";
  }
  return value;
}

function interval(file: string, where: string, value: unknown, problems: Problems): readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    problems.add(file, where, "must be [lo, hi]", value);
    return [Number.NaN, Number.NaN];
  }
  return [jsonNumber(file, `${where}[0]`, value[0], problems), jsonNumber(file, `${where}[1]`, value[1], problems)];
}

function kpiSummaries(file: string, where: string, value: unknown, problems: Problems): Record<string, KpiSummary> {
  const out: Record<string, KpiSummary> = {};
  if (!isObject(value)) {
    problems.add(file, where, "must be an object of KPIs", value);
    return out;
  }
  for (const [kpi, entry] of Object.entries(value)) {
    if (!isObject(entry)) {
      problems.add(file, `${where}.${kpi}`, "must be { mean, sd, ci95 }", entry);
      continue;
    }
    out[kpi] = {
      mean: jsonNumber(file, `${where}.${kpi}.mean`, entry["mean"], problems),
      sd: jsonNumber(file, `${where}.${kpi}.sd`, entry["sd"] ?? null, problems),
      ci95: interval(file, `${where}.${kpi}.ci95`, entry["ci95"], problems),
    };
  }
  return out;
}

function kpiDifferences(file: string, where: string, value: unknown, problems: Problems): Record<string, KpiDifference> {
  const out: Record<string, KpiDifference> = {};
  if (value === undefined || value === null) return out;
  if (!isObject(value)) {
    problems.add(file, where, "must be an object of KPIs", value);
    return out;
  }
  for (const [kpi, entry] of Object.entries(value)) {
    if (!isObject(entry)) {
      problems.add(file, `${where}.${kpi}`, "must be { diff, ci95, relative }", entry);
      continue;
    }
    out[kpi] = {
      diff: jsonNumber(file, `${where}.${kpi}.diff`, entry["diff"], problems),
      ci95: interval(file, `${where}.${kpi}.ci95`, entry["ci95"], problems),
      relative: jsonNumber(file, `${where}.${kpi}.relative`, entry["relative"] ?? null, problems),
    };
  }
  return out;
}

function parseManifest(value: unknown, problems: Problems): Manifest {
  const file = "manifest.json";
  if (!isObject(value)) {
    // An unreadable manifest was reported by readJson already.
    if (value !== INVALID) problems.add(file, "(file)", value === undefined ? "is missing: not a funnelsim results folder" : "must be an object");
    return { funnelsim: "", node: "", command: "", kind: "run", scenarios: [], extra: {} };
  }
  const kind = value["kind"];
  if (!KINDS.includes(kind as ResultKind)) problems.add(file, "kind", `must be one of ${KINDS.join(", ")}`, kind);
  const scenarios: ManifestScenario[] = [];
  const list = value["scenarios"];
  if (!Array.isArray(list)) problems.add(file, "scenarios", "must be an array", list);
  else
    list.forEach((entry: unknown, index) => {
      const where = `scenarios[${index}]`;
      if (!isObject(entry)) {
        problems.add(file, where, "must be an object", entry);
        return;
      }
      const seed = entry["seed"];
      scenarios.push({
        name: jsonString(file, `${where}.name`, entry["name"], problems),
        file: typeof entry["file"] === "string" ? entry["file"] : "",
        hash: typeof entry["hash"] === "string" ? entry["hash"] : "",
        seed: typeof seed === "string" || typeof seed === "number" ? seed : "",
        replications: typeof entry["replications"] === "number" ? entry["replications"] : Number.NaN,
        config: isObject(entry["config"]) ? entry["config"] : {},
      });
    });
  const extra: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!["funnelsim", "node", "command", "kind", "scenarios"].includes(key)) extra[key] = field;
  }
  return {
    funnelsim: String(value["funnelsim"] ?? ""),
    node: String(value["node"] ?? ""),
    command: String(value["command"] ?? ""),
    kind: KINDS.includes(kind as ResultKind) ? (kind as ResultKind) : "run",
    scenarios,
    extra,
  };
}

/** realMerchants / merchants.count of a resolved configuration, when both are positive numbers. */
function realProductsOf(config: Json | undefined): number | undefined {
  const population = config?.["population"];
  const merchants = config?.["merchants"];
  const real = isObject(population) ? population["realMerchants"] : undefined;
  const count = isObject(merchants) ? merchants["count"] : undefined;
  if (typeof real !== "number" || typeof count !== "number" || !(real > 0) || !(count > 0)) return undefined;
  return real / count;
}

/**
 * Real products per simulated product of a scenario, for a products.csv written before it had
 * the column realProducts: from the manifest's configuration of the scenario of that name, else
 * of its first scenario (a sweep's arms share it), else 1.
 */
function realProductsFallback(manifest: Manifest): (scenario: string) => number {
  const first = realProductsOf(manifest.scenarios[0]?.config) ?? 1;
  return (scenario) => realProductsOf(manifest.scenarios.find((entry) => entry.name === scenario)?.config) ?? first;
}

function parseSummary(value: unknown, problems: Problems): RunSummary | undefined {
  const file = "summary.json";
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    problems.add(file, "(file)", "must be an object", value);
    return undefined;
  }
  const seed = value["seed"];
  return {
    scenario: jsonString(file, "scenario", value["scenario"], problems),
    seed: typeof seed === "string" || typeof seed === "number" ? seed : "",
    replications: jsonNumber(file, "replications", value["replications"], problems),
    kpis: kpiSummaries(file, "kpis", value["kpis"], problems),
  };
}

function valueWithInterval(file: string, where: string, value: unknown, problems: Problems): ValueWithInterval {
  if (!isObject(value)) {
    problems.add(file, where, "must be { mean, ci95 }", value);
    return { mean: Number.NaN, ci95: [Number.NaN, Number.NaN] };
  }
  return { mean: jsonNumber(file, `${where}.mean`, value["mean"], problems), ci95: interval(file, `${where}.ci95`, value["ci95"], problems) };
}

/** comparison.json's optional scorecard block (src/experiment/scorecard.ts). */
function parseScorecard(file: string, value: unknown, problems: Problems): Scorecard | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value["strategies"])) {
    problems.add(file, "scorecard", "must be { yuanPerBoostImpression, strategies: [...] }", value);
    return undefined;
  }
  const differences = (where: string, entry: Json) => kpiDifferences(file, where, { gmv: entry["gmv"], netGmv: entry["netGmv"], couponCost: entry["couponCost"], boostImpressions: entry["boostImpressions"] }, problems);
  const strategies = (value["strategies"] as unknown[]).map((entry, index): ScorecardRow => {
    const where = `scorecard.strategies[${index}]`;
    const object = isObject(entry) ? entry : {};
    const found = differences(where, object);
    const missing = { diff: Number.NaN, ci95: [Number.NaN, Number.NaN] as const, relative: Number.NaN };
    const ratio = object["returnOnCost"];
    const row: ScorecardRow = {
      scenario: jsonString(file, `${where}.scenario`, object["scenario"], problems),
      gmv: found["gmv"] ?? missing,
      netGmv: found["netGmv"] ?? missing,
      couponCost: found["couponCost"] ?? missing,
      boostImpressions: found["boostImpressions"] ?? missing,
      boostValue: valueWithInterval(file, `${where}.boostValue`, object["boostValue"], problems),
      cost: valueWithInterval(file, `${where}.cost`, object["cost"], problems),
    };
    return ratio === null || ratio === undefined ? row : { ...row, returnOnCost: valueWithInterval(file, `${where}.returnOnCost`, ratio, problems) };
  });
  return { yuanPerBoostImpression: valueWithInterval(file, "scorecard.yuanPerBoostImpression", value["yuanPerBoostImpression"], problems), strategies };
}

function parseComparison(value: unknown, problems: Problems): Comparison | undefined {
  const file = "comparison.json";
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value["strategies"])) {
    problems.add(file, "(file)", "must be { baseline, strategies: [...] }", value);
    return undefined;
  }
  const scorecard = parseScorecard(file, value["scorecard"], problems);
  return {
    ...(scorecard === undefined ? {} : { scorecard }),
    baseline: jsonString(file, "baseline", value["baseline"], problems),
    strategies: (value["strategies"] as unknown[]).map((entry, index) => {
      const where = `strategies[${index}]`;
      const object = isObject(entry) ? entry : {};
      return {
        scenario: jsonString(file, `${where}.scenario`, object["scenario"], problems),
        kpis: kpiSummaries(file, `${where}.kpis`, object["kpis"], problems),
        vsBaseline: kpiDifferences(file, `${where}.vsBaseline`, object["vsBaseline"], problems),
      };
    }),
  };
}

function paramValue(file: string, where: string, value: unknown, problems: Problems): ParamValue {
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  problems.add(file, where, "must be a number, string or boolean", value);
  return "";
}

function parseSweep(value: unknown, problems: Problems): Sweep | undefined {
  const file = "sweep.json";
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value["params"]) || !Array.isArray(value["points"])) {
    problems.add(file, "(file)", "must be { scenario, params: [...], zip, points: [...] }", value);
    return undefined;
  }
  const params = (value["params"] as unknown[]).map((entry, index) => {
    const object = isObject(entry) ? entry : {};
    const values = Array.isArray(object["values"]) ? (object["values"] as unknown[]) : [];
    return {
      path: jsonString(file, `params[${index}].path`, object["path"], problems),
      values: values.map((item, j) => paramValue(file, `params[${index}].values[${j}]`, item, problems)),
    };
  });
  const points = (value["points"] as unknown[]).map((entry, index): SweepPoint => {
    const object = isObject(entry) ? entry : {};
    const values: Record<string, ParamValue> = {};
    for (const [path, item] of Object.entries(isObject(object["values"]) ? object["values"] : {})) {
      values[path] = paramValue(file, `points[${index}].values.${path}`, item, problems);
    }
    return {
      id: jsonString(file, `points[${index}].id`, object["id"], problems),
      values,
      kpis: kpiSummaries(file, `points[${index}].kpis`, object["kpis"], problems),
    };
  });
  return { scenario: String(value["scenario"] ?? ""), params, zip: value["zip"] === true, points };
}

function parseSensitivity(value: unknown, problems: Problems): Sensitivity | undefined {
  const file = "sensitivity.json";
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value["rows"])) {
    problems.add(file, "(file)", "must be { scenario, method, delta, params, rows: [...] }", value);
    return undefined;
  }
  const method = value["method"];
  const scenario = String(value["scenario"] ?? "");
  const delta = typeof value["delta"] === "number" ? value["delta"] : Number.NaN;
  const params = Array.isArray(value["params"]) ? (value["params"] as unknown[]) : [];
  const rows = value["rows"] as unknown[];
  const num = (row: Json, key: string, index: number) => jsonNumber(file, `rows[${index}].${key}`, row[key], problems);
  const str = (row: Json, key: string, index: number) => jsonString(file, `rows[${index}].${key}`, row[key], problems);
  if (method === "oat") {
    return {
      scenario,
      method,
      delta,
      params,
      rows: rows.map((entry, index): OatRow => {
        const row = isObject(entry) ? entry : {};
        const base: OatRow = {
          param: str(row, "param", index),
          kpi: str(row, "kpi", index),
          baseValue: num(row, "baseValue", index),
          low: num(row, "low", index),
          high: num(row, "high", index),
          lowKpi: num(row, "lowKpi", index),
          highKpi: num(row, "highKpi", index),
          swing: num(row, "swing", index),
        };
        return typeof row["baseKpi"] === "number" ? { ...base, baseKpi: row["baseKpi"] } : base;
      }),
    };
  }
  if (method === "morris") {
    return {
      scenario,
      method,
      delta,
      params,
      rows: rows.map((entry, index): MorrisRow => {
        const row = isObject(entry) ? entry : {};
        return {
          param: str(row, "param", index),
          kpi: str(row, "kpi", index),
          mu: num(row, "mu", index),
          muStar: num(row, "muStar", index),
          sigma: num(row, "sigma", index),
        };
      }),
    };
  }
  problems.add(file, "method", 'must be "oat" or "morris"', method);
  return undefined;
}

/**
 * Reads a results folder: manifest.json (required) and whichever of summary.json,
 * comparison.json, sweep.json, sensitivity.json, daily.csv, replications.csv, funnel.csv and
 * products.csv it holds.
 *
 * @param dir - the folder a funnelsim command wrote.
 * @throws {InputError} listing every problem found (a missing manifest, a bad number, a missing
 *   column), at most 20.
 */
export function loadResults(dir: string): Results {
  const problems = new Problems();
  const manifest = parseManifest(readJson(dir, "manifest.json", problems), problems);
  const summary = parseSummary(readOptionalJson(dir, "summary.json", problems), problems);
  const comparison = parseComparison(readOptionalJson(dir, "comparison.json", problems), problems);
  const sweep = parseSweep(readOptionalJson(dir, "sweep.json", problems), problems);
  const sensitivity = parseSensitivity(readOptionalJson(dir, "sensitivity.json", problems), problems);
  const robustness = parseRobustness(readOptionalJson(dir, "robustness.json", problems), (where, what, got) => problems.add("robustness.json", where, what, got));

  // Data lines start at line 2 (line 1 is the header); the +2 makes messages point at the file's lines.
  const daily = readCsv(dir, "daily.csv", ["scenario", "replication", "day", "metric", "value"], problems).map(
    (row, index): DailyRow => ({
      scenario: row["scenario"] ?? "",
      replication: csvInteger("daily.csv", index + 2, row, "replication", problems),
      day: row["day"] ?? "",
      metric: row["metric"] ?? "",
      value: csvNumber("daily.csv", index + 2, row, "value", problems),
      // Optional: folders written before the column existed lack it.
      unit: dailyUnit(index + 2, row, problems),
    }),
  );
  const replications = readCsv(dir, "replications.csv", ["scenario", "replication", "kpi", "value"], problems).map(
    (row, index): ReplicationRow => ({
      scenario: row["scenario"] ?? "",
      replication: csvInteger("replications.csv", index + 2, row, "replication", problems),
      kpi: row["kpi"] ?? "",
      value: csvNumber("replications.csv", index + 2, row, "value", problems),
    }),
  );
  const funnelColumns = ["scenario", "replication", "source", "domain", "impressions", "clicks", "carts", "orders", "gmv"];
  const funnel = readCsv(dir, "funnel.csv", funnelColumns, problems).map((row, index): FunnelCsvRow => {
    const n = (column: string) => csvNumber("funnel.csv", index + 2, row, column, problems);
    return {
      scenario: row["scenario"] ?? "",
      replication: csvInteger("funnel.csv", index + 2, row, "replication", problems),
      source: row["source"] ?? "",
      domain: row["domain"] ?? "",
      impressions: n("impressions"),
      clicks: n("clicks"),
      carts: n("carts"),
      orders: n("orders"),
      gmv: n("gmv"),
    };
  });
  const productColumns = ["scenario", "replication", "product", "merchant", "merchantType", "category", "launchDay", "registered", "orders", "gmv"];
  const fallback = realProductsFallback(manifest);
  const products = readCsv(dir, "products.csv", productColumns, problems).map((row, index): ProductCsvRow => {
    const line = index + 2;
    const launch = row["launchDay"] ?? "";
    // realProducts is optional: folders written before the column existed lack it.
    const realText = row["realProducts"];
    const realProducts = realText === undefined ? fallback(row["scenario"] ?? "") : realText === "" ? Number.NaN : Number(realText);
    if (!(realProducts > 0)) problems.add("products.csv", `line ${line} realProducts`, "must be a positive number", realText);
    return {
      scenario: row["scenario"] ?? "",
      replication: csvInteger("products.csv", line, row, "replication", problems),
      product: csvInteger("products.csv", line, row, "product", problems),
      merchant: csvInteger("products.csv", line, row, "merchant", problems),
      merchantType: row["merchantType"] ?? "",
      category: row["category"] ?? "",
      // An empty or "null" launchDay marks a product in the catalog from the start.
      launchDay: launch === "" || launch === "null" ? null : csvInteger("products.csv", line, row, "launchDay", problems),
      registered: row["registered"] === "true" || row["registered"] === "1",
      orders: csvNumber("products.csv", line, row, "orders", problems),
      gmv: csvNumber("products.csv", line, row, "gmv", problems),
      realProducts,
    };
  });
  // Each line names its file inside the folder, so a user with several folders knows which.
  if (problems.list.length > 0) throw new InputError(problems.list.map((line) => `${dir.replace(/\/+$/, "")}/${line}`));
  const results: Results = { manifest, daily, replications, funnel, products };
  return {
    ...results,
    ...(summary === undefined ? {} : { summary }),
    ...(comparison === undefined ? {} : { comparison }),
    ...(sweep === undefined ? {} : { sweep }),
    ...(sensitivity === undefined ? {} : { sensitivity }),
    ...(robustness === undefined ? {} : { robustness }),
  };
}
