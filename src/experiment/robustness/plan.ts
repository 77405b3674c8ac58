/**
 * Plans `funnelsim robustness`: Latin hypercube draws of the uncertain parameters, and in every
 * draw each strategy and the baseline with the draw's values applied, R replications each.
 *
 * ```
 *  uncertainty file ──LHS (stream <seed>/robustness/lhs)──▶ draws 1 … N
 *  strategies + baseline × draws ──load with --set values──▶ arms (draw by draw)
 *  arms × replications ──▶ units: robustness/<scenario>/draw-<d>/rep-<r>
 * ```
 *
 * Common random numbers: within a draw every strategy runs replication r on the same streams
 * (root seed `<seed>-draw-<d>`), so the strategies' differences in that draw carry little noise.
 * Across draws the roots differ, so the draws are independent samples of (parameters, noise)
 * and the shares of draws estimate probabilities without a shared noise term.
 */
import { InputError, formatValue } from "../../errors.js";
import { createStream } from "../../random/index.js";
import { latinHypercube, quantileOf, roundDesignValue } from "../design/index.js";
import { planCompare, setText, type PlanOptions } from "../planners.js";
import { makeArm, type Arm, type ExperimentPlan, type PlannedScenario, type ScenarioLoader, type ScenarioSource, type WorkUnit } from "../plan.js";
import { supportOf, type UncertainParameter, type Uncertainty } from "./uncertainty.js";

/** The KPI a robustness analysis ranks strategies by: GMV after returns, what the platform keeps. */
export const ROBUSTNESS_KPI = "netGmv";

/** One Latin hypercube draw of the uncertain parameters. */
export interface RobustnessDraw {
  /** `draw-<d>`, d = 1 … N: the point id of the draw's arms. */
  readonly id: string;
  /** Root seed of the draw's replications (every strategy of the draw shares it). */
  readonly seed: string;
  /** Parameter path → drawn value. */
  readonly values: Readonly<Record<string, number>>;
}

/** What a robustness analysis ran, for robustness.json and the manifest. */
export interface RobustnessPlan {
  /** The uncertainty file, as given (relative to the working directory). */
  readonly file: string;
  readonly kpi: string;
  /** Index into the plan's scenarios of the baseline. */
  readonly baseline: number;
  readonly params: readonly UncertainParameter[];
  readonly draws: readonly RobustnessDraw[];
}

/** Most draws a plan may have (each runs every strategy for every replication). */
export const MAX_DRAWS = 10_000;

/** Options of {@link planRobustness}. */
export interface RobustnessInput extends PlanOptions {
  /** The strategies, as loaded with the user's `--set` overrides. */
  readonly sources: readonly ScenarioSource[];
  readonly baseline: ScenarioSource;
  /** The user's `--set` overrides, applied before each draw's values. */
  readonly sets: readonly string[];
  readonly load: ScenarioLoader;
  readonly uncertainty: Uncertainty;
  /** How outputs name the uncertainty file (relative to the working directory). */
  readonly file: string;
  /** How problems name it (default `file`): the path as the user wrote it. */
  readonly label?: string;
  readonly draws: number;
}

function pathKeys(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/** Reads a path of a configuration. */
export function valueAt(config: unknown, path: string): unknown {
  let node = config;
  for (const key of pathKeys(path)) {
    if (node === null || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[Number(key)] : (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The root seed of draw d's replications. */
export function drawSeed(seed: string | number, draw: number): string {
  return `${String(seed)}-draw-${draw}`;
}

/** A loader's `--set: path: rule (got v)` problem, re-addressed to the uncertainty file. */
function readdress(line: string, where: string): string {
  const match = /^--set: [^:]+: (.*)$/.exec(line);
  return match === null ? line : `${where}: ${match[1] as string}`;
}

/**
 * Plans `funnelsim robustness`.
 * @throws {InputError} when a parameter is not a number of the scenarios, is a lever the
 *   strategies set differently, or can be drawn outside what the scenario accepts; or when a
 *   strategy file fails to load.
 */
export async function planRobustness(input: RobustnessInput): Promise<ExperimentPlan> {
  const { uncertainty } = input;
  const file = input.label ?? input.file;
  if (!Number.isSafeInteger(input.draws) || input.draws < 2 || input.draws > MAX_DRAWS) {
    throw new InputError(`--draws: must be a whole number from 2 to ${MAX_DRAWS} (got ${formatValue(input.draws)})`);
  }
  // Every strategy runs on the baseline's seed (or --seed): common random numbers need one root.
  const seed = input.seed ?? input.baseline.config.seed;
  const compare = planCompare(input.sources, input.baseline, { ...(input.replications === undefined ? {} : { replications: input.replications }), seed });
  const scenarios: readonly PlannedScenario[] = compare.scenarios;
  const baselineIndex = compare.baseline ?? 0;
  const baseline = scenarios[baselineIndex] as PlannedScenario;
  const problems: string[] = [];
  uncertainty.parameters.forEach((param, index) => {
    const at = `${file}: parameters[${index}].path`;
    const base = valueAt(baseline.config, param.path);
    if (typeof base !== "number" || !Number.isFinite(base)) {
      problems.push(`${at}: must name a number of the scenario, as --set would (got ${formatValue(param.path)}, which is ${base === undefined ? "not there" : formatValue(base)} in ${baseline.name})`);
      return;
    }
    for (const scenario of scenarios) {
      const value = valueAt(scenario.config, param.path);
      if (value !== base) {
        problems.push(
          `${at}: is a lever the strategies differ on (${scenario.name} sets ${formatValue(value)}, ${baseline.name} ${formatValue(base)}); an uncertain parameter must be a fact of the market, the same in every strategy (got ${formatValue(param.path)})`,
        );
        break;
      }
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  // The ends of each range, tried on the baseline: a range the scenario cannot take fails here,
  // naming the bound, rather than in some draw.
  for (const [index, param] of uncertainty.parameters.entries()) {
    const [lo, hi] = supportOf(param.spec);
    const ends: [string, number][] = [];
    if (Number.isFinite(lo)) ends.push([param.spec.distribution === "lognormal" && param.spec.low === undefined ? "median" : "low", lo]);
    if (Number.isFinite(hi)) ends.push(["high", hi]);
    for (const [field, value] of ends) {
      try {
        await input.load(input.baseline.file, [...input.sets, setText(param.path, value)]);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const line of error.problems) {
          const problem = readdress(line, `${file}: parameters[${index}].${field} (${param.path})`);
          if (!problems.includes(problem)) problems.push(problem);
        }
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  const sample = latinHypercube(input.draws, uncertainty.parameters.length, createStream(`${String(seed)}/robustness/lhs`));
  const draws: RobustnessDraw[] = sample.map((coordinates, index) => {
    const values: Record<string, number> = {};
    uncertainty.parameters.forEach((param, j) => {
      values[param.path] = roundDesignValue(quantileOf(param.spec, coordinates[j] as number));
    });
    return { id: `draw-${index + 1}`, seed: drawSeed(seed, index + 1), values };
  });

  const arms: Arm[] = [];
  for (const draw of draws) {
    const drawSets = Object.entries(draw.values).map(([path, value]) => setText(path, value));
    for (const [scenarioIndex, scenario] of scenarios.entries()) {
      try {
        const loaded = await input.load(scenario.file, [...input.sets, ...drawSets]);
        const config = { ...loaded.config, seed: draw.seed, replications: scenario.replications };
        arms.push(makeArm("robustness", scenarioIndex, scenario, draw.id, draw.values, config));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        for (const line of error.problems) {
          const problem = readdress(line, `${file}: ${draw.id} of ${scenario.name}`);
          if (!problems.includes(problem)) problems.push(problem);
        }
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  const replications = compare.replications;
  const units: WorkUnit[] = [];
  arms.forEach((arm, armIndex) => {
    const draw = draws[Math.floor(armIndex / scenarios.length)] as RobustnessDraw;
    const scenario = scenarios[arm.scenario] as PlannedScenario;
    for (let replication = 1; replication <= replications; replication++) {
      units.push({
        id: `${arm.folder}/rep-${replication}`,
        index: units.length,
        arm: armIndex,
        label: `scenario ${scenario.name}, ${draw.id}, replication ${replication}, seed ${draw.seed}`,
        config: arm.config,
        seed: draw.seed,
        replication,
      });
    }
  });
  return {
    kind: "robustness",
    name: baseline.name,
    replications,
    scenarios,
    arms,
    robustness: { file: input.file, kpi: ROBUSTNESS_KPI, baseline: baselineIndex, params: uncertainty.parameters, draws },
    units,
  };
}

