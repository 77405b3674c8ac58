/**
 * Calibration targets files: what `funnelsim calibrate` fits a scenario to, and which
 * parameters it may move.
 *
 *   read (YAML/JSON, as scenarios) → sanitize → targetsSchema (every problem at once)
 *     → cross checks: known KPIs and daily metrics, unique names, bounds in order, values a
 *       statistic can take, parameter paths that exist (as `--set` checks them)
 *
 * A target is a KPI of the run (`kpi: repurchaseRate`), a ratio of two (`kpi: gmv, per: orders`:
 * GMV per order), or a daily series over a window of days (`series: gmv, phase: festival,
 * statistic: mean`: GMV per day in the festival). Its fitted value is the mean over the
 * replications; its miss is counted in units of `tolerance` (or `standardError`), squared and
 * weighted. Checks that need the scenario (a date window inside its days, a bound the model
 * refuses) are made when the calibration is planned.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { MERCHANT_TYPES } from "../market/merchant-types.js";
import { DAILY_METRICS, FUNNEL_STAGES, KPIS, SOURCES } from "../market/result.js";
import { didYouMean } from "./did-you-mean.js";
import { formatPath, problem, type PathSegment } from "./messages.js";
import { readScenarioFile } from "./read.js";
import { parsePath, parseSetOption } from "./set.js";
import { issuesToProblems } from "./validate.js";

/** Where the committed targets schema lives, relative to the repository root. */
export const TARGETS_SCHEMA_FILE = "scenarios/calibration/targets.schema.json";

/** Windows of days a series target can name instead of dates. `festival` is every festival day (warm-up and peaks included). */
export const TARGET_PHASES = ["lead", "festival", "warmup", "peak", "tail", "all"] as const;
export type TargetPhase = (typeof TARGET_PHASES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const positive = z.number().finite().gt(0);

const targetSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z][\w.-]{0,63}$/, "must be a name of letters, digits, _ . - (starting with a letter, at most 64 characters)").describe("Name of the target, used in the report and the CSV."),
    source: z.string().optional().describe("Where the target value comes from (shown in the report)."),
    kpi: z.string().optional().describe(`A KPI of the run: ${KPIS.join(", ")}.`),
    series: z.string().optional().describe(`A daily series (${DAILY_METRICS.join(", ")}, or <stage>.<source>, gmv.<source>, gmv.type.<type>) over a window of days.`),
    per: z.string().optional().describe("Divide by this KPI (with kpi) or this daily series over the same window (with series): gmv per orders is the order value."),
    phase: z.enum(TARGET_PHASES).optional().describe("Window of a series target: lead, festival (every festival day), warmup, peak, tail, or all reported days. Default all, unless from/to are given."),
    from: isoDate.optional().describe("First day of a series target's window, YYYY-MM-DD (inclusive)."),
    to: isoDate.optional().describe("Last day of a series target's window, YYYY-MM-DD (inclusive)."),
    statistic: z.enum(["mean", "sum"]).optional().describe("A series target's statistic over its window's days: mean (per day, the default) or sum. Ignored with per (a ratio of the window's sums)."),
    value: z.number().finite().describe("The target value, in the units of the KPI or series (real yuan, real counts, shares in [0, 1])."),
    tolerance: positive.optional().describe("The miss that costs one unit of loss; the fit is within target when |fitted − value| ≤ tolerance. Give this or standardError."),
    standardError: positive.optional().describe("The target's standard error: the miss that costs one unit of loss; the fit is within target when |fitted − value| ≤ 2 standard errors. Give this or tolerance."),
    direction: z.enum(["equal", "atLeast", "atMost"]).default("equal").describe("equal (the default), or atLeast / atMost for a one-sided figure (\"over 70%\"): no loss on the allowed side."),
    weight: z.number().finite().min(0).max(1e6).default(1).describe("Weight of the target's squared miss in the loss (default 1)."),
  })
  .describe("One calibration target.");

const parameterSchema = z
  .strictObject({
    path: z.string().describe("The scenario value to fit, written as --set writes it: funnel.cartRate, categories[1].price."),
    min: z.number().finite().describe("Lower bound (inclusive) of the search."),
    max: z.number().finite().describe("Upper bound (inclusive) of the search."),
    start: z.number().finite().optional().describe("Starting value (default: the scenario's value, moved inside the bounds)."),
  })
  .describe("One parameter to fit, with its bounds.");

/** The schema of a targets file. */
export const targetsSchema = z.strictObject({
  $schema: z.string().optional().describe("Optional JSON Schema reference for editors."),
  description: z.string().default("").describe("What these targets are (shown in the report)."),
  replications: z.number().int().min(1).max(1000).optional().describe("Replications per evaluated candidate, the same seeds for every candidate (common random numbers). Default 4; --reps overrides."),
  maxEvaluations: z.number().int().min(1).max(100_000).optional().describe("Most candidates the optimizer evaluates (default 30 + 25 × parameters); --max-evaluations overrides."),
  targets: z.array(targetSchema).min(1).describe("The figures to fit."),
  parameters: z.array(parameterSchema).min(1).max(20).describe("The parameters to fit, each with bounds."),
});

export type TargetsInput = z.input<typeof targetsSchema>;
/** The parsed file, each list item undefined where it failed its own schema (indices kept). */
type ParsedTargets = Omit<z.output<typeof targetsSchema>, "targets" | "parameters"> & {
  readonly targets: readonly (z.output<typeof targetSchema> | undefined)[];
  readonly parameters: readonly (z.output<typeof parameterSchema> | undefined)[];
};

/** A validated target. */
export interface Target {
  readonly name: string;
  readonly source?: string;
  /** What is measured: a KPI, or a daily series over a window. */
  readonly measure:
    | { readonly type: "kpi"; readonly kpi: string; readonly per?: string }
    | {
        readonly type: "series";
        readonly metric: string;
        readonly per?: string;
        readonly statistic: "mean" | "sum";
        readonly window: { readonly phase: TargetPhase } | { readonly from?: string; readonly to?: string };
      };
  readonly value: number;
  /** The miss that costs one unit of loss (tolerance or standard error). */
  readonly scale: number;
  readonly scaleKind: "tolerance" | "standardError";
  readonly direction: "equal" | "atLeast" | "atMost";
  readonly weight: number;
}

/** A validated parameter to fit. */
export interface FitParameter {
  readonly path: string;
  readonly segments: readonly PathSegment[];
  readonly min: number;
  readonly max: number;
  readonly start?: number;
}

/** A validated targets file. */
export interface TargetsFile {
  readonly file: string;
  readonly description: string;
  readonly replications?: number;
  readonly maxEvaluations?: number;
  readonly targets: readonly Target[];
  readonly parameters: readonly FitParameter[];
}

/** KPIs that are shares or rates in [0, 1]; every other KPI and daily metric is a non-negative amount. */
const UNIT_KPIS: ReadonlySet<string> = new Set(["newProductGmvShare", "launchedGmvShare", "repurchaseRate", "returnRate", "avgTrust"]);
const UNIT_SERIES: ReadonlySet<string> = new Set(["avgTrust"]);

/** Whether `name` is a daily series every run records. */
export function isDailyMetric(name: string): boolean {
  if ((DAILY_METRICS as readonly string[]).includes(name)) return true;
  const [first, second, third, ...rest] = name.split(".");
  if (rest.length > 0 || first === undefined || second === undefined) return false;
  if (third === undefined) return ([...FUNNEL_STAGES, "gmv"] as string[]).includes(first) && (SOURCES as readonly string[]).includes(second);
  return first === "gmv" && second === "type" && (MERCHANT_TYPES as readonly string[]).includes(third);
}

const dailyNames = (): string[] => [...DAILY_METRICS, ...FUNNEL_STAGES.flatMap((stage) => SOURCES.map((source) => `${stage}.${source}`)), ...SOURCES.map((source) => `gmv.${source}`)];

function suggestion(name: string, known: readonly string[]): string {
  const near = didYouMean(name, known);
  return near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
}

/** The range a target's statistic can take: [0, 1] for shares, [0, ∞) otherwise (ratios included). */
function rangeOf(target: Target): { min: number; max: number } {
  const measure = target.measure;
  if (measure.per !== undefined) return { min: 0, max: Number.POSITIVE_INFINITY };
  if (measure.type === "kpi") return UNIT_KPIS.has(measure.kpi) ? { min: 0, max: 1 } : { min: 0, max: Number.POSITIVE_INFINITY };
  if (UNIT_SERIES.has(measure.metric) && measure.statistic === "mean") return { min: 0, max: 1 };
  return { min: 0, max: Number.POSITIVE_INFINITY };
}

/** Checks what the schema cannot: names, ranges, bounds, paths. Pure. */
function crossCheck(parsed: ParsedTargets, file: string): { problems: string[]; value: TargetsFile } {
  const problems: string[] = [];
  const targets: Target[] = [];
  const names = new Set<string>();
  parsed.targets.forEach((raw, index) => {
    if (raw === undefined) return;
    const at = (...rest: PathSegment[]): PathSegment[] => ["targets", index, ...rest];
    if (names.has(raw.name)) problems.push(problem(file, at("name"), "must be unique", raw.name));
    names.add(raw.name);
    let ok = true;
    if ((raw.kpi === undefined) === (raw.series === undefined)) {
      problems.push(problem(file, at(), "must name exactly one of kpi or series", raw.kpi ?? raw.series ?? null));
      ok = false;
    }
    if (raw.kpi !== undefined && !(KPIS as readonly string[]).includes(raw.kpi)) {
      problems.push(problem(file, at("kpi"), `must be a KPI: ${KPIS.join(", ")}${suggestion(raw.kpi, KPIS)}`, raw.kpi));
      ok = false;
    }
    if (raw.series !== undefined && !isDailyMetric(raw.series)) {
      problems.push(problem(file, at("series"), `must be a daily series: ${DAILY_METRICS.join(", ")}, or <stage>.<source>, gmv.<source>, gmv.type.<type>${suggestion(raw.series, dailyNames())}`, raw.series));
      ok = false;
    }
    if (raw.per !== undefined) {
      if (raw.kpi !== undefined && !(KPIS as readonly string[]).includes(raw.per)) {
        problems.push(problem(file, at("per"), `must be a KPI${suggestion(raw.per, KPIS)}`, raw.per));
        ok = false;
      }
      if (raw.series !== undefined && !isDailyMetric(raw.per)) {
        problems.push(problem(file, at("per"), `must be a daily series${suggestion(raw.per, dailyNames())}`, raw.per));
        ok = false;
      }
    }
    if (raw.kpi !== undefined) {
      for (const key of ["phase", "from", "to", "statistic"] as const) {
        if (raw[key] !== undefined) problems.push(problem(file, at(key), "applies to series targets only", raw[key]));
      }
    }
    if (raw.phase !== undefined && (raw.from !== undefined || raw.to !== undefined)) {
      problems.push(problem(file, at("phase"), "give a phase or from/to dates, not both", raw.phase));
    }
    if (raw.from !== undefined && raw.to !== undefined && raw.to < raw.from) problems.push(problem(file, at("to"), `must not be before from ${raw.from}`, raw.to));
    if ((raw.tolerance === undefined) === (raw.standardError === undefined)) {
      problems.push(problem(file, at(), "must give exactly one of tolerance or standardError", raw.tolerance ?? raw.standardError ?? null));
      ok = false;
    }
    if (!ok) return;
    const measure: Target["measure"] =
      raw.kpi !== undefined
        ? { type: "kpi", kpi: raw.kpi, ...(raw.per === undefined ? {} : { per: raw.per }) }
        : {
            type: "series",
            metric: raw.series as string,
            ...(raw.per === undefined ? {} : { per: raw.per }),
            statistic: raw.statistic ?? "mean",
            window: raw.from !== undefined || raw.to !== undefined ? { ...(raw.from === undefined ? {} : { from: raw.from }), ...(raw.to === undefined ? {} : { to: raw.to }) } : { phase: raw.phase ?? "all" },
          };
    const target: Target = {
      name: raw.name,
      ...(raw.source === undefined ? {} : { source: raw.source }),
      measure,
      value: raw.value,
      scale: (raw.tolerance ?? raw.standardError) as number,
      scaleKind: raw.tolerance !== undefined ? "tolerance" : "standardError",
      direction: raw.direction,
      weight: raw.weight,
    };
    const range = rangeOf(target);
    const impossible =
      target.direction === "atLeast" ? target.value > range.max : target.direction === "atMost" ? target.value < range.min : target.value < range.min || target.value > range.max;
    if (impossible) {
      const what = range.max === 1 ? "a share in [0, 1]" : "never negative";
      problems.push(problem(file, at("value"), `is outside what this target can take (${what})`, target.value));
    }
    targets.push(target);
  });

  const parameters: FitParameter[] = [];
  const paths = new Set<string>();
  parsed.parameters.forEach((raw, index) => {
    if (raw === undefined) return;
    const at = (...rest: PathSegment[]): PathSegment[] => ["parameters", index, ...rest];
    let ok = true;
    const segments = parsePath(raw.path);
    if (segments === undefined) {
      problems.push(problem(file, at("path"), "must be a path like funnel.cartRate or categories[1].price", raw.path));
      ok = false;
    } else {
      const key = formatPath(segments);
      if (paths.has(key)) problems.push(problem(file, at("path"), "must be unique", raw.path));
      paths.add(key);
      if (["name", "seed", "replications", "description", "$schema"].includes(String(segments[0]))) {
        problems.push(problem(file, at("path"), "cannot be fitted: it identifies the run rather than the market", raw.path));
        ok = false;
      }
      const checked = parseSetOption(`${raw.path}=${raw.min}`);
      if (!checked.ok) {
        // `--set: a.b: unknown key (did you mean …)` → this file's parameters[i].path.
        for (const line of checked.problems) problems.push(`${file}: ${formatPath(at("path"))}: ${line.replace(/^--set: /, "")}`);
        ok = false;
      }
    }
    if (raw.max <= raw.min) {
      problems.push(problem(file, at("max"), `must be above min ${raw.min} (bounds reversed or empty)`, raw.max));
      ok = false;
    }
    if (raw.start !== undefined && (raw.start < raw.min || raw.start > raw.max)) problems.push(problem(file, at("start"), `must lie within min..max (${raw.min}..${raw.max})`, raw.start));
    if (!ok || segments === undefined) return;
    parameters.push({ path: raw.path, segments, min: raw.min, max: raw.max, ...(raw.start === undefined ? {} : { start: raw.start }) });
  });
  return {
    problems,
    value: {
      file,
      description: parsed.description,
      ...(parsed.replications === undefined ? {} : { replications: parsed.replications }),
      ...(parsed.maxEvaluations === undefined ? {} : { maxEvaluations: parsed.maxEvaluations }),
      targets,
      parameters,
    },
  };
}

/** The top level with its lists unchecked: each item is checked on its own, so one bad item hides no other problem. */
const topSchema = targetsSchema.extend({
  targets: z.array(z.unknown()).min(1),
  parameters: z.array(z.unknown()).min(1).max(20),
});

type Issue = z.core.$ZodIssue;

/** Problem lines of zod issues, with unknown keys matched against the targets schema's own keys. */
function toProblems(issues: readonly Issue[], input: unknown, file: string): string[] {
  const lines: string[] = [];
  const rest: Issue[] = [];
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") {
      rest.push(issue);
      continue;
    }
    const path = issue.path as PathSegment[];
    const known = path.length === 0 ? Object.keys(targetsSchema.shape) : path[0] === "targets" ? Object.keys(targetSchema.shape) : Object.keys(parameterSchema.shape);
    for (const key of issue.keys) {
      const near = didYouMean(key, known);
      lines.push(`${file}: ${formatPath([...path, key])}: unknown key${near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`}`);
    }
  }
  return [...lines, ...issuesToProblems(rest, input, { writerOf: () => file, fallback: file })];
}

/**
 * Validates targets data (already parsed from a file).
 * @param file - how problems name the file.
 * @throws {InputError} listing every problem, `file: path: rule (got value)`.
 */
export function validateTargets(input: unknown, file: string): TargetsFile {
  const top = topSchema.safeParse(input, { reportInput: true });
  const problems: string[] = [];
  if (!top.success) problems.push(...toProblems(top.error.issues, input, file));
  const record = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const items = <T>(key: "targets" | "parameters", schema: z.ZodType<T>): (T | undefined)[] => {
    const list = record[key];
    if (!Array.isArray(list)) return [];
    const parsed: (T | undefined)[] = [];
    list.forEach((item, index) => {
      const result = schema.safeParse(item, { reportInput: true });
      parsed.push(result.success ? result.data : undefined);
      if (!result.success) problems.push(...toProblems(result.error.issues.map((issue) => ({ ...issue, path: [key, index, ...issue.path] }) as Issue), input, file));
    });
    return parsed;
  };
  const targets = items("targets", targetSchema);
  const parameters = items("parameters", parameterSchema);
  {
    // Items that failed their own schema sit out the cross checks; the others are checked too.
    const parsed: ParsedTargets = {
      description: top.success ? top.data.description : "",
      ...(top.success && top.data.replications !== undefined ? { replications: top.data.replications } : {}),
      ...(top.success && top.data.maxEvaluations !== undefined ? { maxEvaluations: top.data.maxEvaluations } : {}),
      targets,
      parameters,
    };
    const checked = crossCheck(parsed, file);
    problems.push(...checked.problems);
    if (problems.length === 0) return checked.value;
  }
  throw new InputError(problems);
}

/**
 * Reads and validates a targets file (YAML or JSON).
 * @throws {InputError} listing every problem.
 */
export async function loadTargets(file: string): Promise<TargetsFile> {
  const read = await readScenarioFile(file, file);
  if (!read.ok) throw new InputError([...read.problems]);
  try {
    const targets = validateTargets(read.data, file);
    if (read.problems.length > 0) throw new InputError([...read.problems]);
    return targets;
  } catch (error) {
    if (!(error instanceof InputError) || read.problems.length === 0) throw error;
    throw new InputError([...new Set([...read.problems, ...error.problems])]);
  }
}

/** The JSON Schema of targets files, for editors (the YAML language server). */
export function targetsJsonSchemaText(): string {
  const generated = z.toJSONSchema(targetsSchema, { io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    $id: "https://funnelsim.dev/targets.schema.json",
    title: "funnelsim calibration targets",
    description: "Targets for `funnelsim calibrate`: the figures to fit (KPIs, ratios of KPIs, daily series over a window) and the parameters to fit, with bounds.",
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
