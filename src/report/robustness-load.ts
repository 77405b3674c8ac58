/**
 * Reading robustness.json into the report's rows (see {@link Robustness}). Called by load.ts,
 * which owns the file reading and collects the problems.
 */
import type { Robustness, RobustnessFlip, RobustnessParam, RobustnessShare, RobustnessStrategy } from "./types.js";

/** Records one problem: `robustness.json: where: what (got value)`. */
export type AddProblem = (where: string, what: string, got?: unknown) => void;

type Json = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses robustness.json (a value already read as JSON).
 * @returns undefined when the file is absent or not an object (the latter reported).
 */
export function parseRobustness(value: unknown, add: AddProblem): Robustness | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Array.isArray(value["strategies"]) || !Array.isArray(value["params"])) {
    add("(file)", "must be { baseline, kpi, draws, params: [...], strategies: [...], flips: [...] }", value);
    return undefined;
  }
  const number = (where: string, item: unknown): number => {
    if (item === null || item === undefined) return Number.NaN;
    if (typeof item !== "number") {
      add(where, "must be a number", item);
      return Number.NaN;
    }
    return item;
  };
  const text = (where: string, item: unknown): string => {
    if (typeof item !== "string") {
      add(where, "must be a string", item);
      return "";
    }
    return item;
  };
  const pair = (where: string, item: unknown): readonly [number, number] =>
    Array.isArray(item) && item.length === 2 ? [number(`${where}[0]`, item[0]), number(`${where}[1]`, item[1])] : (add(where, "must be [lo, hi]", item), [Number.NaN, Number.NaN]);
  const share = (where: string, item: unknown): RobustnessShare | undefined => {
    if (item === undefined || item === null) return undefined;
    if (!isObject(item)) {
      add(where, "must be { p, ci95, count, draws }", item);
      return undefined;
    }
    return { p: number(`${where}.p`, item["p"]), ci95: pair(`${where}.ci95`, item["ci95"]), count: number(`${where}.count`, item["count"]), draws: number(`${where}.draws`, item["draws"]) };
  };
  const estimate = (where: string, item: unknown) => {
    if (!isObject(item)) {
      add(where, "must be { mean, sd, ci95 }", item);
      return { mean: Number.NaN, ci95: [Number.NaN, Number.NaN] as const };
    }
    return { mean: number(`${where}.mean`, item["mean"]), ci95: pair(`${where}.ci95`, item["ci95"]) };
  };
  const params = (value["params"] as unknown[]).map((entry, index): RobustnessParam => {
    const where = `params[${index}]`;
    const object = isObject(entry) ? entry : {};
    const figures: Record<string, number> = {};
    for (const [key, item] of Object.entries(object)) if (typeof item === "number") figures[key] = item;
    return { path: text(`${where}.path`, object["path"]), distribution: text(`${where}.distribution`, object["distribution"]), source: String(object["source"] ?? ""), figures };
  });
  const strategies = (value["strategies"] as unknown[]).map((entry, index): RobustnessStrategy => {
    const where = `strategies[${index}]`;
    const object = isObject(entry) ? entry : {};
    const isBaseline = object["baseline"] === true;
    const drivers = Array.isArray(object["drivers"]) ? (object["drivers"] as unknown[]) : [];
    const pBest = share(`${where}.pBest`, object["pBest"]) ?? { p: Number.NaN, ci95: [Number.NaN, Number.NaN], count: Number.NaN, draws: Number.NaN };
    const beats = share(`${where}.pBeatsBaseline`, object["pBeatsBaseline"]);
    const clearly = share(`${where}.pClearlyBeatsBaseline`, object["pClearlyBeatsBaseline"]);
    const loses = share(`${where}.pClearlyLosesToBaseline`, object["pClearlyLosesToBaseline"]);
    return {
      scenario: text(`${where}.scenario`, object["scenario"]),
      baseline: isBaseline,
      pBest,
      ...(beats === undefined ? {} : { pBeatsBaseline: beats }),
      ...(clearly === undefined ? {} : { pClearlyBeatsBaseline: clearly }),
      ...(loses === undefined ? {} : { pClearlyLosesToBaseline: loses }),
      expectedRegret: estimate(`${where}.expectedRegret`, object["expectedRegret"]),
      relativeRegret: number(`${where}.relativeRegret`, object["relativeRegret"]),
      ...(isBaseline ? {} : { advantage: estimate(`${where}.advantage`, object["advantage"]), relativeAdvantage: number(`${where}.relativeAdvantage`, object["relativeAdvantage"]) }),
      replicationNoiseShare: number(`${where}.replicationNoiseShare`, object["replicationNoiseShare"]),
      drivers: drivers.map((driver, j) => {
        const item = isObject(driver) ? driver : {};
        const at = `${where}.drivers[${j}]`;
        return { param: text(`${at}.param`, item["param"]), spearman: number(`${at}.spearman`, item["spearman"]), prcc: number(`${at}.prcc`, item["prcc"]), pValue: number(`${at}.pValue`, item["pValue"]) };
      }),
    };
  });
  const flips = (Array.isArray(value["flips"]) ? (value["flips"] as unknown[]) : []).map((entry, index): RobustnessFlip => {
    const where = `flips[${index}]`;
    const object = isObject(entry) ? entry : {};
    const side = (key: "low" | "high", edge: "upTo" | "from") => {
      const item = isObject(object[key]) ? (object[key] as Json) : {};
      const winner = item["winner"];
      return { edge: number(`${where}.${key}.${edge}`, item[edge]), winner: typeof winner === "string" ? winner : null };
    };
    return { param: text(`${where}.param`, object["param"]), low: side("low", "upTo"), high: side("high", "from"), flipsWinner: object["flipsWinner"] === true };
  });
  return {
    baseline: text("baseline", value["baseline"]),
    kpi: text("kpi", value["kpi"]),
    uncertainty: String(value["uncertainty"] ?? ""),
    draws: number("draws", value["draws"]),
    replications: number("replications", value["replications"]),
    params,
    strategies,
    flips,
  };
}
