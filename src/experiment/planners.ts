/**
 * Plan builders, one per experiment kind: they turn loaded scenarios and a design into an
 * {@link ExperimentPlan}. Design points are applied through the scenario loader as `--set`
 * overrides, so every point is validated exactly like a file and fails with the same messages.
 */
import { InputError, UsageError } from "../errors.js";
import { KPIS } from "../market/result.js";
import { createStream } from "../random/index.js";
import {
  gridPoints,
  morrisDesign,
  oatDesign,
  zipPoints,
  type DesignValue,
  type MorrisParam,
  type Point,
  type SweepParam,
} from "./design/index.js";
import {
  makeArm,
  plannedScenario,
  unitsOf,
  type Arm,
  type ExperimentPlan,
  type PlannedScenario,
  type ScenarioLoader,
  type ScenarioSource,
} from "./plan.js";

/** Options shared by every plan. */
export interface PlanOptions {
  /** Replications per arm (default: the (baseline) scenario's `replications`). */
  readonly replications?: number;
  /** Root seed for every scenario (default: each scenario's `seed`). */
  readonly seed?: string | number;
}

/** Plans `funnelsim run`: one scenario, R replications. */
export function planRun(source: ScenarioSource, options: PlanOptions = {}): ExperimentPlan {
  const replications = options.replications ?? source.config.replications;
  const scenario = plannedScenario(source, replications, options.seed);
  const arms = [makeArm("run", 0, scenario, "", {}, scenario.config)];
  return { kind: "run", name: scenario.name, replications, scenarios: [scenario], arms, units: unitsOf(arms, [scenario], replications) };
}

/**
 * Plans `funnelsim compare`: every strategy and the baseline, R replications each, replication r
 * of all of them on the same random streams when their seeds agree.
 *
 * The baseline is listed among the strategies where it appears in `sources` (it is run once even
 * when also given as `--baseline`), or first when it does not appear. Scenarios are told apart by
 * file; two files with one name are refused, since names label the outputs.
 *
 * @throws {InputError} when two different files share a scenario name.
 */
export function planCompare(sources: readonly ScenarioSource[], baseline: ScenarioSource, options: PlanOptions = {}): ExperimentPlan {
  const list: ScenarioSource[] = [];
  const seenFiles = new Set<string>();
  const add = (source: ScenarioSource): void => {
    if (seenFiles.has(source.file)) return;
    seenFiles.add(source.file);
    list.push(source);
  };
  if (!sources.some((source) => source.file === baseline.file)) add(baseline);
  sources.forEach(add);
  const byName = new Map<string, string>();
  const problems: string[] = [];
  for (const source of list) {
    const other = byName.get(source.name);
    if (other !== undefined) {
      problems.push(`${source.file}: name: must differ from ${other}'s, as names label the outputs (got ${JSON.stringify(source.name)})`);
    }
    byName.set(source.name, source.file);
  }
  if (problems.length > 0) throw new InputError(problems);
  const replications = options.replications ?? baseline.config.replications;
  const scenarios = list.map((source) => plannedScenario(source, replications, options.seed));
  const arms = scenarios.map((scenario, index) => makeArm("compare", index, scenario, "", {}, scenario.config));
  const baselineIndex = list.findIndex((source) => source.file === baseline.file);
  return {
    kind: "compare",
    name: baseline.name,
    replications,
    scenarios,
    arms,
    baseline: baselineIndex,
    units: unitsOf(arms, scenarios, replications),
  };
}

/** What a design-based plan needs to build its points' configurations. */
export interface DesignPlanInput extends PlanOptions {
  /** The scenario as loaded with the user's `--set` overrides. */
  readonly source: ScenarioSource;
  /** The user's `--set` overrides, applied before each point's values. */
  readonly sets: readonly string[];
  readonly load: ScenarioLoader;
}

/** The `--set` text of one design value (numbers in shortest round-trip form, which parses back exactly). */
export function setText(path: string, value: DesignValue): string {
  if (typeof value === "number") return `${path}=${Object.is(value, -0) ? "0" : String(value)}`;
  if (typeof value === "boolean") return `${path}=${value ? "true" : "false"}`;
  return `${path}=${value}`;
}

/**
 * Loads every distinct point of a design as an arm (the same id twice, as when Morris
 * trajectories cross, is one arm). Problems of all points are reported together.
 */
async function pointArms(kind: "sweep" | "sensitivity", scenario: PlannedScenario, points: readonly Point[], input: DesignPlanInput): Promise<Arm[]> {
  // The loader names a value's source `--set`; a point's values came from the design's flag.
  const flag = kind === "sweep" ? "--param" : "--params";
  const arms: Arm[] = [];
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const point of points) {
    if (seen.has(point.id)) continue;
    seen.add(point.id);
    const sets = [...input.sets, ...Object.entries(point.values).map(([path, value]) => setText(path, value))];
    try {
      const loaded = await input.load(input.source.file, sets);
      const config = { ...loaded.config, seed: scenario.seed, replications: scenario.replications };
      arms.push(makeArm(kind, 0, scenario, point.id, point.values, config));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A problem names the path and the value, which identifies the point; the same problem
      // from several points is reported once.
      for (const raw of error.problems) {
        const at = raw.startsWith("--set: ") ? raw.slice("--set: ".length, raw.indexOf(":", "--set: ".length)) : undefined;
        const where = at === undefined ? undefined : pathKeys(at).join(".");
        const fromPoint = where !== undefined && Object.keys(point.values).some((path) => {
          const keys = pathKeys(path).join(".");
          return keys === where || keys.startsWith(`${where}.`);
        });
        const problem = fromPoint ? `${flag}${raw.slice("--set".length)}` : raw;
        if (!problems.includes(problem)) problems.push(problem);
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return arms;
}

/** Turns a design module's UsageError (bad parameter list) into a user's InputError under `flag`. */
function asInputError<T>(flag: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    // A design module names itself ("gridPoints: …"); the user knows the flag, not the module.
    if (error instanceof UsageError) throw new InputError(`${flag}: ${error.message.replace(/^\w+: /, "")}`);
    throw error;
  }
}

/**
 * Most points a sweep may have. A point is a scenario validated in planning (~1 ms) and run for
 * every replication (~0.5 CPU-s each at 3,000 users): 10,000 points × 20 replications is already
 * over a day on two cores. A grid that big is usually a typo in a value list.
 */
export const MAX_DESIGN_POINTS = 10_000;

/** Parameters a design may not vary: they identify the run rather than the market. */
const NOT_VARIABLE = new Set(["name", "seed", "replications", "extends", "$schema", "description"]);

function checkVariable(flag: string, paths: readonly string[]): void {
  const problems = paths.filter((path) => NOT_VARIABLE.has(path)).map((path) => `${flag}: ${path}: cannot be varied (use --seed or --reps) (got ${JSON.stringify(path)})`);
  if (problems.length > 0) throw new InputError(problems);
}

/**
 * Plans `funnelsim sweep`: a grid (every combination) or a zip (i-th values together) of
 * parameter values, R replications per point on the same streams.
 * @throws {InputError} on a bad parameter list or a point that fails validation.
 */
export async function planSweep(input: DesignPlanInput & { readonly params: readonly SweepParam[]; readonly zip: boolean }): Promise<ExperimentPlan> {
  checkVariable("--param", input.params.map((param) => param.path));
  const points = asInputError("--param", () => (input.zip ? zipPoints(input.params) : gridPoints(input.params)));
  if (points.length > MAX_DESIGN_POINTS) {
    const sizes = input.params.map((param) => param.values.length).join(" × ");
    throw new InputError(
      `--param: the ${input.zip ? "zipped lists give" : `grid (${sizes}) has`} ${points.length} points; at most ${MAX_DESIGN_POINTS} (each is validated as a scenario and run for every replication): use fewer values${input.zip ? "" : ", or --zip to pair the lists"} (got ${points.length})`,
    );
  }
  const replications = input.replications ?? input.source.config.replications;
  const scenario = plannedScenario(input.source, replications, input.seed);
  const arms = await pointArms("sweep", scenario, points, input);
  return {
    kind: "sweep",
    name: scenario.name,
    replications,
    scenarios: [scenario],
    arms,
    sweep: { params: input.params, zip: input.zip, points },
    units: unitsOf(arms, [scenario], replications),
  };
}

/**
 * The key numeric levers and behaviours screened when `--params` is not given: the boost, the
 * launch push, the main conversion rates and the private-domain responses — one or two per
 * question of DOMAIN.md, each non-zero by default so a relative ±Δ moves it.
 */
export const DEFAULT_SENSITIVITY_PARAMS = [
  "levers.boost.multiplier",
  "levers.launches.merchantShare",
  "traffic.newLaunchTrafficMultiplier",
  "traffic.commerceShareResponse",
  "funnel.clickRate.feed",
  "funnel.orderRate",
  "traffic.storeVisitProbability",
  "levers.effort.liveHoursMultiplier",
] as const;

/** Options of {@link planSensitivity}. */
export interface SensitivityInput extends DesignPlanInput {
  readonly params: readonly string[];
  /** Relative half-range: each parameter moves over base × (1 ∓ delta). */
  readonly delta: number;
  readonly method: "oat" | "morris";
  /** Morris trajectories (≥ 2). */
  readonly trajectories: number;
  /** KPIs analysed (rows per parameter × KPI). */
  readonly kpis: readonly string[];
}

/** A path's segments, written as `--set` writes them (`levers.coupons[0].faceValue`) or dotted (`levers.coupons.0.faceValue`). */
function pathKeys(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/** Reads a path of a configuration (either form of {@link pathKeys}). */
function valueAt(config: unknown, path: string): unknown {
  let node = config;
  for (const key of pathKeys(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Plans `funnelsim sensitivity`: one-at-a-time ±Δ around the scenario (a tornado chart) or
 * Morris trajectories over base × [1 − Δ, 1 + Δ] (screening). The Morris design's draws come from
 * the stream `<seed>/morris`, so the same seed gives the same trajectories.
 * @throws {InputError} when a parameter is not a non-zero number of the scenario, a KPI is
 *   unknown, or a point fails validation.
 */
export async function planSensitivity(input: SensitivityInput): Promise<ExperimentPlan> {
  checkVariable("--params", input.params);
  const problems: string[] = [];
  const base: Record<string, number> = {};
  for (const path of input.params) {
    const value = valueAt(input.source.config, path);
    if (typeof value !== "number" || !Number.isFinite(value) || value === 0) {
      problems.push(`--params: ${path}: must name a non-zero number of the scenario (got ${value === undefined ? "nothing" : JSON.stringify(value)})`);
    } else base[path] = value;
  }
  const known = new Set<string>(KPIS);
  for (const kpi of input.kpis) if (!known.has(kpi)) problems.push(`--kpi: must be one of ${KPIS.join(", ")} (got ${JSON.stringify(kpi)})`);
  if (problems.length > 0) throw new InputError(problems);
  const replications = input.replications ?? input.source.config.replications;
  const scenario = plannedScenario(input.source, replications, input.seed);
  if (input.method === "oat") {
    const design = asInputError("--params", () => oatDesign(base, input.delta));
    const arms = await pointArms("sensitivity", scenario, design.points, input);
    return {
      kind: "sensitivity",
      name: scenario.name,
      replications,
      scenarios: [scenario],
      arms,
      sensitivity: { method: "oat", delta: input.delta, kpis: input.kpis, design },
      units: unitsOf(arms, [scenario], replications),
    };
  }
  const params: MorrisParam[] = Object.entries(base).map(([path, value]) => {
    const a = value * (1 - input.delta);
    const b = value * (1 + input.delta);
    return { path, lo: Math.min(a, b), hi: Math.max(a, b) };
  });
  const source = createStream(`${String(scenario.seed)}/morris`);
  const design = asInputError("--params", () => morrisDesign({ params, trajectories: input.trajectories, source }));
  const arms = await pointArms("sensitivity", scenario, design.points, input);
  return {
    kind: "sensitivity",
    name: scenario.name,
    replications,
    scenarios: [scenario],
    arms,
    sensitivity: { method: "morris", delta: input.delta, kpis: input.kpis, trajectories: input.trajectories, design },
    units: unitsOf(arms, [scenario], replications),
  };
}
