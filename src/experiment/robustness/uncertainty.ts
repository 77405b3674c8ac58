/**
 * The uncertainty file of `funnelsim robustness`: which parameters are uncertain, how (a range
 * or a distribution) and on whose word. Validation is a pure function of the parsed file that
 * collects every problem as `file: path: rule (got value)`; reading the file is the caller's.
 *
 * ```yaml
 * description: What we do not know about the market
 * parameters:
 *   - path: traffic.commerceShareResponse     # any --set path to a number
 *     distribution: uniform                   # uniform | triangular | normal | lognormal
 *     low: 0.2
 *     high: 0.8
 *     source: Assumed 0.5 in docs/parameters.md; any share between mostly reallocation and mostly new traffic is plausible.
 * ```
 */
import { formatValue, InputError } from "../../errors.js";
import { DISTRIBUTIONS, keptMass, type Distribution } from "../design/index.js";

/** One uncertain parameter, validated. */
export interface UncertainParameter {
  /** A scenario path as `--set` writes it. */
  readonly path: string;
  readonly spec: Distribution;
  /** Where the range comes from, or why it is assumed. */
  readonly source: string;
}

/** An uncertainty file, validated. */
export interface Uncertainty {
  readonly description: string;
  readonly parameters: readonly UncertainParameter[];
}

/** Most uncertain parameters a file may list: each adds a dimension the draws must cover. */
export const MAX_UNCERTAIN_PARAMETERS = 50;

/** The fields each distribution takes, required first. */
const FIELDS: Record<Distribution["distribution"], { readonly required: readonly string[]; readonly optional: readonly string[] }> = {
  uniform: { required: ["low", "high"], optional: [] },
  triangular: { required: ["low", "mode", "high"], optional: [] },
  normal: { required: ["mean", "sd"], optional: ["low", "high"] },
  lognormal: { required: ["median", "sigma"], optional: ["low", "high"] },
};

/** Parameters that name the run rather than the market. */
const NOT_UNCERTAIN = new Set(["name", "seed", "replications", "extends", "$schema", "description"]);

/** Smallest share of a distribution its truncation may keep: below it the bounds, not the distribution, decide the draws. */
const MIN_KEPT_MASS = 0.001;

/** A parameter path as --set accepts it: `a.b[0].c` or `a.b.0.c`. */
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\.\d+|\[\d+\])*$/;

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The smallest and largest values a distribution can draw (infinite where it is unbounded). */
export function supportOf(spec: Distribution): readonly [number, number] {
  switch (spec.distribution) {
    case "uniform":
    case "triangular":
      return [spec.low, spec.high];
    case "normal":
      return [spec.low ?? Number.NEGATIVE_INFINITY, spec.high ?? Number.POSITIVE_INFINITY];
    case "lognormal":
      return [Math.max(0, spec.low ?? 0), spec.high ?? Number.POSITIVE_INFINITY];
  }
}

/**
 * Validates a parsed uncertainty file.
 * @param file - how problems name the file.
 * @throws {InputError} listing every problem.
 */
export function parseUncertainty(data: unknown, file: string): Uncertainty {
  const problems: string[] = [];
  const add = (where: string, rule: string, got: unknown) => problems.push(`${file}: ${where}: ${rule} (got ${formatValue(got)})`);
  if (!isObject(data)) throw new InputError(`${file}: must be a mapping with a parameters list (got ${formatValue(data)})`);
  for (const key of Object.keys(data)) if (key !== "description" && key !== "parameters") add(key, "unknown key (an uncertainty file has description and parameters)", key);
  const description = data["description"] ?? "";
  if (typeof description !== "string") add("description", "must be text", description);
  const list = data["parameters"];
  const parameters: UncertainParameter[] = [];
  if (!Array.isArray(list) || list.length === 0) add("parameters", "must be a non-empty list of uncertain parameters", list ?? "nothing");
  else if (list.length > MAX_UNCERTAIN_PARAMETERS) add("parameters", `may list at most ${MAX_UNCERTAIN_PARAMETERS} parameters`, list.length);
  else {
    const seen = new Map<string, number>();
    list.forEach((entry: unknown, index) => {
      const at = `parameters[${index}]`;
      if (!isObject(entry)) {
        add(at, "must be a mapping with path, distribution, its figures and source", entry);
        return;
      }
      let ok = true;
      const path = entry["path"];
      if (typeof path !== "string" || !PATH.test(path)) {
        add(`${at}.path`, "must be a scenario path like traffic.commerceShareResponse or population.segments[0].share", path ?? "nothing");
        ok = false;
      } else if (NOT_UNCERTAIN.has(path)) {
        add(`${at}.path`, "names the run, not the market, and cannot be uncertain", path);
        ok = false;
      } else {
        const canonical = path.replace(/\[(\d+)\]/g, ".$1");
        const previous = seen.get(canonical);
        if (previous !== undefined) {
          add(`${at}.path`, `repeats parameters[${previous}]; list each parameter once`, path);
          ok = false;
        }
        seen.set(canonical, index);
      }
      const source = entry["source"];
      if (typeof source !== "string" || source.trim() === "") {
        add(`${at}.source`, "must say where the range comes from or why it is assumed", source ?? "nothing");
        ok = false;
      }
      const kind = entry["distribution"];
      if (!(DISTRIBUTIONS as readonly unknown[]).includes(kind)) {
        add(`${at}.distribution`, `must be one of ${DISTRIBUTIONS.join(", ")}`, kind ?? "nothing");
        return;
      }
      const name = kind as Distribution["distribution"];
      const fields = FIELDS[name];
      const known = new Set(["path", "distribution", "source", ...fields.required, ...fields.optional]);
      for (const key of Object.keys(entry)) {
        if (!known.has(key)) {
          add(`${at}.${key}`, `is not a field of a ${name} distribution (its fields: ${[...fields.required, ...fields.optional].join(", ")})`, entry[key]);
          ok = false;
        }
      }
      const numbers: Record<string, number> = {};
      for (const key of [...fields.required, ...fields.optional]) {
        const value = entry[key];
        if (value === undefined) {
          if (fields.required.includes(key)) {
            add(`${at}.${key}`, `is required for a ${name} distribution`, "nothing");
            ok = false;
          }
        } else if (typeof value !== "number" || !Number.isFinite(value)) {
          add(`${at}.${key}`, "must be a finite number", value);
          ok = false;
        } else numbers[key] = value;
      }
      if (!ok) return;
      const spec = distributionOf(name, numbers);
      const rules = distributionProblems(spec);
      for (const [key, rule, got] of rules) add(`${at}.${key}`, rule, got);
      if (rules.length === 0) parameters.push({ path: path as string, spec, source: (source as string).trim() });
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { description: (description as string).trim(), parameters };
}

function distributionOf(name: Distribution["distribution"], n: Readonly<Record<string, number>>): Distribution {
  const bounds = { ...(n["low"] === undefined ? {} : { low: n["low"] }), ...(n["high"] === undefined ? {} : { high: n["high"] }) };
  switch (name) {
    case "uniform":
      return { distribution: name, low: n["low"] as number, high: n["high"] as number };
    case "triangular":
      return { distribution: name, low: n["low"] as number, mode: n["mode"] as number, high: n["high"] as number };
    case "normal":
      return { distribution: name, mean: n["mean"] as number, sd: n["sd"] as number, ...bounds };
    case "lognormal":
      return { distribution: name, median: n["median"] as number, sigma: n["sigma"] as number, ...bounds };
  }
}

/** The rules a distribution's figures break, as [field, rule, value]. */
function distributionProblems(spec: Distribution): [string, string, number][] {
  const out: [string, string, number][] = [];
  if (spec.distribution === "uniform" || spec.distribution === "triangular") {
    if (!(spec.low < spec.high)) out.push(["high", `must be above low (${spec.low})`, spec.high]);
    if (spec.distribution === "triangular" && (spec.mode < spec.low || spec.mode > spec.high)) out.push(["mode", `must lie between low (${spec.low}) and high (${spec.high})`, spec.mode]);
    return out;
  }
  if (spec.distribution === "normal" && !(spec.sd > 0)) out.push(["sd", "must be above 0", spec.sd]);
  if (spec.distribution === "lognormal") {
    if (!(spec.median > 0)) out.push(["median", "must be above 0 (a lognormal value is positive)", spec.median]);
    if (!(spec.sigma > 0)) out.push(["sigma", "must be above 0", spec.sigma]);
    if (spec.low !== undefined && spec.low < 0) out.push(["low", "must be at least 0 (a lognormal value is positive)", spec.low]);
    if (spec.high !== undefined && !(spec.high > 0)) out.push(["high", "must be above 0 (a lognormal value is positive)", spec.high]);
  }
  if (spec.low !== undefined && spec.high !== undefined && !(spec.low < spec.high)) out.push(["high", `must be above low (${spec.low})`, spec.high]);
  if (out.length === 0 && keptMass(spec) < MIN_KEPT_MASS) {
    const centre = spec.distribution === "normal" ? `mean ${spec.mean}` : `median ${spec.median}`;
    out.push([spec.high !== undefined ? "high" : "low", `the bounds keep under 0.1% of the distribution; move them toward its ${centre}`, spec.high ?? spec.low ?? Number.NaN]);
  }
  return out;
}

/** Where the JSON Schema of uncertainty files is kept (for editor completion). */
export const UNCERTAINTY_SCHEMA_FILE = "scenarios/uncertainty/uncertainty.schema.json";

/**
 * The JSON Schema (draft 2020-12) of uncertainty files, built from the same field lists the
 * validator uses, for editors' completion (`# yaml-language-server: $schema=…`). The validator
 * stays the authority: it also checks the rules across fields (low < high, a mode inside the
 * range, truncation bounds that keep the distribution).
 */
export function uncertaintyJsonSchemaText(): string {
  const number = { type: "number" };
  const variants = DISTRIBUTIONS.map((name) => {
    const fields = FIELDS[name];
    const properties: Record<string, unknown> = {
      path: { type: "string", description: "A scenario path as --set writes it, e.g. traffic.commerceShareResponse" },
      distribution: { const: name },
      source: { type: "string", minLength: 1, description: "Where the range comes from, or why it is assumed" },
    };
    for (const key of [...fields.required, ...fields.optional]) properties[key] = number;
    return { type: "object", properties, required: ["path", "distribution", "source", ...fields.required], additionalProperties: false };
  });
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://funnelsim.dev/uncertainty.schema.json",
    title: "funnelsim uncertainty file",
    description: "The uncertain parameters of `funnelsim robustness`: each a scenario path, a distribution (uniform: low, high; triangular: low, mode, high; normal: mean, sd, optional low/high truncation; lognormal: median, sigma, optional low/high) and its source.",
    type: "object",
    properties: {
      description: { type: "string" },
      parameters: { type: "array", minItems: 1, maxItems: MAX_UNCERTAIN_PARAMETERS, items: { oneOf: variants } },
    },
    required: ["parameters"],
    additionalProperties: false,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
