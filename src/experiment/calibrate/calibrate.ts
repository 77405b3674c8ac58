/**
 * `funnelsim calibrate`: fits parameters of a scenario to targets by Nelder–Mead over the
 * parameters' boxes, every candidate simulated with the same replications (common random
 * numbers), its replications run in the worker pool.
 *
 * ```
 *  scenario + targets ──plan──▶ boxes, start, run hash
 *        │ Nelder–Mead (ask/tell) asks for points ──▶ candidate configs (--set, validated)
 *        │      each candidate: replications 1…R on the seed's streams, in the pool
 *        │      <out>/units/calibrate/<candidate>/rep-<r>.json  (each target's statistic)
 *        │ optimum ──▶ ±5% of each range around it (the local sensitivity, one batch)
 *        ▼
 *  fitted.yaml (extends the input) · calibration.json · evaluations.csv · manifest.json · report.html
 * ```
 *
 * Resumable, not shardable. The optimizer is a pure function of the losses it is told, and every
 * replication's statistics are saved as they finish, so `--resume` replays the path from disk and
 * simulates only what is missing: the outputs are the same bytes. Shards cannot help: the next
 * candidate depends on the last one's loss, so machines of a batch cluster, which run their
 * slices independently, would have to exchange results at every step (a few seconds of work
 * each). Within one machine the replications of a candidate — and the n + 1 vertices of the
 * first simplex, the points of a shrink, the 2n points of the sensitivity — run in parallel.
 */
import { join, posix, relative, sep } from "node:path";
import { stringify } from "yaml";
import { InputError, InterruptedError } from "../../errors.js";
import type { ModelConfig } from "../../market/parameters.js";
import type { SimulationResult } from "../../market/result.js";
import { unwrap, schemaAt } from "../../scenario/schema-walk.js";
import { parseSetOption } from "../../scenario/set.js";
import { formatPath, type PathSegment } from "../../scenario/messages.js";
import type { FitParameter, TargetsFile } from "../../scenario/targets.js";
import { summarizeFinite } from "../../stats/summarize.js";
import { readFileSync } from "node:fs";
import { removeTemporaryFiles, writeFileAtomic } from "../atomic.js";
import { canonicalJson, compactJson, csvLine, prettyJson } from "../format.js";
import { funnelsimVersion } from "../manifest.js";
import { hashOf, plannedScenario, type PlannedScenario, type ScenarioLoader, type ScenarioSource, type WorkUnit } from "../plan.js";
import { setText } from "../planners.js";
import type { UnitRunner } from "../runner.js";
import { dropReplacedRun, hasReplacedRun, prepareOutputFolder, REPLACED_FOLDER, UNITS_FOLDER } from "../store.js";
import { roundSignificant, toBounded, toUnbounded, type Box } from "./bounds.js";
import { nelderMead, type NelderMeadStep } from "./nelder-mead.js";
import { checkWindows, describeMeasure, lossOf, statisticOf, withinTarget, zScore } from "./objective.js";
import { localSensitivity, type ParameterSensitivity } from "./sensitivity.js";

/** Replications per candidate when neither --reps nor the targets file says. */
export const DEFAULT_CALIBRATION_REPLICATIONS = 4;
/** Significant digits of every evaluated value (see roundSignificant). */
export const SIGNIFICANT_DIGITS = 4;
/** First simplex: a step of this many logits from the start along each axis (≈ a fifth of the range at mid-range). */
export const INITIAL_STEP = 0.8;
/** Convergence: vertices within this many logits of the best (≈ 0.5% of the range at mid-range)… */
export const X_TOLERANCE = 0.02;
/** …and losses within this of the best. */
export const F_TOLERANCE = 0.01;
/** The sensitivity probes each parameter this share of its range either side of the optimum. */
export const PROBE_SHARE = 0.05;

/** Evaluations allowed by default for n parameters. */
export function defaultMaxEvaluations(parameters: number): number {
  return 30 + 25 * parameters;
}

/** What to calibrate. */
export interface CalibrationInput {
  /** The scenario, loaded with the user's --set overrides. */
  readonly source: ScenarioSource;
  /** The user's --set overrides (written into the fitted scenario too). */
  readonly sets: readonly string[];
  readonly load: ScenarioLoader;
  readonly targets: TargetsFile;
  readonly replications?: number;
  readonly seed?: string | number;
  readonly maxEvaluations?: number;
}

/** How to run it. */
export interface CalibrationOptions {
  readonly out: string;
  /** The command line recorded in the manifest. */
  readonly command: string;
  readonly runner: UnitRunner;
  readonly workers: number;
  readonly force?: boolean;
  readonly resume?: boolean;
  readonly signal?: AbortSignal;
  /** Called after each evaluation: how many so far, the budget, the best loss. */
  readonly onProgress?: (evaluations: number, budget: number, best: number) => void;
  readonly resumeCommand?: string;
  readonly outFlag?: string;
}

/** A calibration as planned (before anything runs). */
export interface CalibrationPlan {
  readonly scenario: PlannedScenario;
  readonly targets: TargetsFile;
  readonly parameters: readonly (FitParameter & { readonly start: number })[];
  readonly replications: number;
  readonly maxEvaluations: number;
  readonly hash: string;
}

/** One evaluated candidate. */
export interface Evaluation {
  /** 1-based, in the order the optimizer asked. */
  readonly evaluation: number;
  readonly iteration: number;
  readonly step: NelderMeadStep | "sensitivity";
  readonly values: readonly number[];
  readonly loss: number;
  /** Each target's mean over the replications. */
  readonly means: readonly number[];
  /** Each target's statistic in each replication: [target][replication]. */
  readonly statistics: readonly (readonly number[])[];
}

/** What {@link runCalibration} returns. */
export interface CalibrationOutcome {
  readonly out: string;
  readonly outputs: ReadonlyMap<string, string>;
  /** Replications simulated by this call, and found on disk. */
  readonly ran: number;
  readonly reused: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node) && typeof segment === "number") node = node[segment];
    else if (isRecord(node) && typeof segment === "string") node = node[segment];
    else return undefined;
  }
  return node;
}

/** Whether the schema allows only whole numbers at a path. */
function isWholeNumberPath(segments: readonly PathSegment[]): boolean {
  const schema = schemaAt(segments);
  if (schema === undefined) return false;
  const inner = unwrap(schema) as unknown as { isInt?: boolean };
  return inner.isInt === true;
}

/** The `--set` problems of a bound, as lines naming the targets file. */
function boundProblems(error: unknown, file: string, at: readonly PathSegment[]): string[] {
  if (!(error instanceof InputError)) throw error;
  return error.problems.map((line) => `${file}: ${formatPath(at)}: ${line.replace(/^--set: /, "")}`);
}

/**
 * Plans a calibration: checks what needs the scenario (windows inside its days, parameters that
 * are numbers of it, bounds it accepts) and fixes the start and the run's identity.
 * @throws {InputError} listing every problem.
 */
export async function planCalibration(input: CalibrationInput): Promise<CalibrationPlan> {
  const { targets, source } = input;
  const file = targets.file;
  const problems: string[] = [...checkWindows(targets.targets, source.config, file)];
  const parameters: (FitParameter & { start: number })[] = [];
  for (const [index, parameter] of targets.parameters.entries()) {
    const at: PathSegment[] = ["parameters", index];
    const current = valueAt(source.config, parameter.segments);
    if (typeof current !== "number" || !Number.isFinite(current)) {
      problems.push(`${file}: ${formatPath([...at, "path"])}: must name a number of the scenario (got ${current === undefined ? "nothing" : JSON.stringify(current)})`);
      continue;
    }
    if (isWholeNumberPath(parameter.segments)) {
      problems.push(`${file}: ${formatPath([...at, "path"])}: is a whole number; calibrate fits continuous values (got ${JSON.stringify(parameter.path)})`);
      continue;
    }
    let boundsOk = true;
    for (const bound of ["min", "max"] as const) {
      try {
        await input.load(source.file, [...input.sets, setText(parameter.path, parameter[bound])]);
      } catch (error) {
        problems.push(...boundProblems(error, file, [...at, bound]));
        boundsOk = false;
      }
    }
    if (!boundsOk) continue;
    const start = Math.min(parameter.max, Math.max(parameter.min, parameter.start ?? current));
    parameters.push({ ...parameter, start });
  }
  if (problems.length > 0) throw new InputError(problems);
  const replications = input.replications ?? targets.replications ?? DEFAULT_CALIBRATION_REPLICATIONS;
  const maxEvaluations = input.maxEvaluations ?? targets.maxEvaluations ?? defaultMaxEvaluations(parameters.length);
  if (maxEvaluations < parameters.length + 1) {
    throw new InputError(`--max-evaluations: must be at least the parameters + 1 = ${parameters.length + 1}, the first simplex (got ${maxEvaluations})`);
  }
  const scenario = plannedScenario(source, replications, input.seed);
  const hash = hashOf({
    funnelsim: funnelsimVersion(),
    kind: "calibrate",
    scenario: scenario.hash,
    targets: targets.targets,
    parameters: parameters.map(({ path, min, max, start }) => ({ path, min, max, start })),
    replications,
    maxEvaluations,
    method: { name: "nelder-mead", step: INITIAL_STEP, xTolerance: X_TOLERANCE, fTolerance: F_TOLERANCE, digits: SIGNIFICANT_DIGITS, probe: PROBE_SHARE },
  });
  return { scenario, targets, parameters, replications, maxEvaluations, hash };
}

/** A unit's saved statistics (one replication of one candidate). */
interface StatisticsFile {
  readonly unit: string;
  readonly run: string;
  readonly values: Readonly<Record<string, number>>;
  readonly statistics: readonly (number | null)[];
}

/** The candidate's key: its values by path, canonical. */
function candidateKey(plan: CalibrationPlan, values: readonly number[]): string {
  return canonicalJson(Object.fromEntries(plan.parameters.map((parameter, index) => [parameter.path, values[index]])));
}

/** Evaluates candidates: the cache in memory, unit files on disk, the runner for the rest. */
class Evaluator {
  readonly evaluations: Evaluation[] = [];
  private readonly cache = new Map<string, { means: number[]; statistics: number[][]; loss: number }>();
  ran = 0;
  reused = 0;

  constructor(
    private readonly plan: CalibrationPlan,
    private readonly input: CalibrationInput,
    private readonly options: CalibrationOptions,
  ) {}

  private unitFile(id: string): string {
    return join(this.options.out, UNITS_FOLDER, `${id}.json`);
  }

  private readSaved(id: string): (number | null)[] | undefined {
    if (!this.options.resume) return undefined;
    try {
      const file = JSON.parse(readFileSync(this.unitFile(id), "utf8")) as Partial<StatisticsFile>;
      if (file.unit !== id || file.run !== this.plan.hash || !Array.isArray(file.statistics) || file.statistics.length !== this.plan.targets.targets.length) return undefined;
      return [...file.statistics];
    } catch {
      return undefined;
    }
  }

  /** Evaluates a batch of points (values in parameter order), in order; records each as an evaluation. */
  async evaluate(points: readonly (readonly number[])[], iteration: number, step: Evaluation["step"]): Promise<number[]> {
    const plan = this.plan;
    const targets = plan.targets.targets;
    const pending = new Map<string, { folder: string; config: ModelConfig; values: readonly number[]; statistics: (number | null)[][] }>();
    for (const values of points) {
      const key = candidateKey(plan, values);
      if (this.cache.has(key) || pending.has(key)) continue;
      const sets = [...this.input.sets, ...plan.parameters.map((parameter, index) => setText(parameter.path, values[index] as number))];
      const loaded = await this.input.load(this.input.source.file, sets);
      const config: ModelConfig = { ...loaded.config, seed: plan.scenario.seed, replications: plan.replications };
      const folder = `calibrate/${hashOf(key).slice(0, 16)}`;
      pending.set(key, { folder, config, values, statistics: [] });
    }
    const units: WorkUnit[] = [];
    const owner = new Map<string, { key: string; replication: number }>();
    for (const [key, candidate] of pending) {
      for (let replication = 1; replication <= plan.replications; replication++) {
        const id = `${candidate.folder}/rep-${replication}`;
        const saved = this.readSaved(id);
        if (saved !== undefined) {
          candidate.statistics[replication - 1] = saved;
          this.reused += 1;
          continue;
        }
        owner.set(id, { key, replication });
        units.push({
          id,
          index: units.length,
          arm: 0,
          label: `candidate ${key}, replication ${replication}, seed ${String(plan.scenario.seed)}`,
          config: candidate.config,
          seed: plan.scenario.seed,
          replication,
        });
      }
    }
    if (units.length > 0 && this.options.signal?.aborted !== true) {
      await this.options.runner(units, {
        workers: this.options.workers,
        ...(this.options.signal === undefined ? {} : { signal: this.options.signal }),
        onResult: (unit: WorkUnit, result: SimulationResult) => {
          const where = owner.get(unit.id);
          const candidate = where === undefined ? undefined : pending.get(where.key);
          if (where === undefined || candidate === undefined) throw new Error(`calibrate: a result for ${unit.id}, which was not asked for`);
          const statistics = targets.map((target) => {
            const value = statisticOf(target, result);
            return Number.isFinite(value) ? value : null;
          });
          const file: StatisticsFile = { unit: unit.id, run: plan.hash, values: JSON.parse(where.key) as Record<string, number>, statistics };
          writeFileAtomic(this.unitFile(unit.id), compactJson(file));
          candidate.statistics[where.replication - 1] = statistics;
          this.ran += 1;
        },
      });
    }
    if (this.options.signal?.aborted === true) throw this.interrupted();
    for (const [key, candidate] of pending) {
      const byTarget = targets.map((_, target) => candidate.statistics.map((row) => (row[target] === null || row[target] === undefined ? Number.NaN : (row[target] as number))));
      if (candidate.statistics.length !== plan.replications || byTarget.some((row) => row.length !== plan.replications)) {
        throw new Error(`calibrate: candidate ${key} has ${candidate.statistics.length} of ${plan.replications} replications after running`);
      }
      const means = byTarget.map((row) => (row.some((value) => Number.isNaN(value)) ? Number.NaN : row.reduce((sum, value) => sum + value, 0) / row.length));
      this.cache.set(key, { means, statistics: byTarget, loss: lossOf(targets, means) });
    }
    return points.map((values) => {
      const found = this.cache.get(candidateKey(plan, values));
      if (found === undefined) throw new Error("calibrate: a candidate vanished from the cache");
      this.evaluations.push({ evaluation: this.evaluations.length + 1, iteration, step, values: [...values], loss: found.loss, means: found.means, statistics: found.statistics });
      const best = Math.min(...this.evaluations.map((evaluation) => (Number.isNaN(evaluation.loss) ? Number.POSITIVE_INFINITY : evaluation.loss)));
      this.options.onProgress?.(this.evaluations.length, plan.maxEvaluations, best);
      return found.loss;
    });
  }

  interrupted(): InterruptedError {
    const out = this.options.out;
    const hint = this.options.resumeCommand === undefined ? "" : `; resume with: ${this.options.resumeCommand}`;
    const kept = hasReplacedRun(out) ? `; the results it replaces stay in ${join(out, REPLACED_FOLDER)} until it completes` : "";
    return new InterruptedError(`interrupted: ${this.evaluations.length} evaluations done, ${this.ran + this.reused} replications saved in ${out}${hint}${kept}`);
  }
}

/**
 * Runs a planned calibration into `options.out` and writes its outputs.
 * @throws {InputError} when `out` holds another run (without force) or, on resume, not this one.
 * @throws {InterruptedError} when aborted; what finished is saved and `--resume` goes on.
 */
export async function runCalibration(plan: CalibrationPlan, input: CalibrationInput, options: CalibrationOptions): Promise<CalibrationOutcome> {
  const { out } = options;
  prepareOutputFolder(out, plan.hash, {
    ...(options.force === undefined ? {} : { force: options.force }),
    ...(options.resume === undefined ? {} : { resume: options.resume }),
    ...(options.outFlag === undefined ? {} : { flag: options.outFlag }),
  });
  removeTemporaryFiles(out);
  const manifest = buildCalibrationManifest(plan, options.command);
  // The plan file's shape is the one store.ts reads back (manifest.hash, plan.units), so --resume
  // and --force treat a calibration folder as every other.
  writeFileAtomic(join(out, UNITS_FOLDER, "plan.json"), compactJson({ manifest, shard: null, plan: { kind: "calibrate", units: [], calibration: planSummary(plan) } }));

  const evaluator = new Evaluator(plan, input, options);
  const boxes: Box[] = plan.parameters.map(({ min, max }) => ({ min, max }));
  const toValues = (u: readonly number[]): number[] => u.map((value, index) => roundSignificant(toBounded(value, boxes[index] as Box), SIGNIFICANT_DIGITS));
  const start = plan.parameters.map((parameter, index) => toUnbounded(parameter.start, boxes[index] as Box));
  const optimizer = nelderMead(start, { step: INITIAL_STEP, maxEvaluations: plan.maxEvaluations, xTolerance: X_TOLERANCE, fTolerance: F_TOLERANCE });
  let next = optimizer.next();
  while (next.done !== true) {
    const request = next.value;
    const losses = await evaluator.evaluate(request.points.map(toValues), request.iteration, request.step);
    next = optimizer.next(losses);
  }
  const result = next.value;
  const bestValues = toValues(result.x);
  const best = evaluator.evaluations.find((evaluation) => candidateKey(plan, evaluation.values) === candidateKey(plan, bestValues));
  if (best === undefined) throw new Error("calibrate: the optimum was never evaluated");

  // The local sensitivity: each parameter ±PROBE_SHARE of its range (inside the bounds), one batch.
  const probes: number[][] = [];
  plan.parameters.forEach((parameter, index) => {
    const width = parameter.max - parameter.min;
    for (const sign of [-1, 1]) {
      const values = [...bestValues];
      values[index] = roundSignificant(Math.min(parameter.max, Math.max(parameter.min, (bestValues[index] as number) + sign * PROBE_SHARE * width)), SIGNIFICANT_DIGITS);
      probes.push(values);
    }
  });
  await evaluator.evaluate(probes, result.iterations, "sensitivity");
  const probeEvaluations = evaluator.evaluations.slice(-probes.length);
  const sensitivity = localSensitivity(plan, best, probeEvaluations);

  const fittedSets = plan.parameters.map((parameter, index) => setText(parameter.path, bestValues[index] as number));
  const fitted = await input.load(input.source.file, [...input.sets, ...fittedSets]);
  const outputs = new Map<string, string>();
  outputs.set("fitted.yaml", fittedYaml(plan, input, out, fitted.config, bestValues, best.loss));
  outputs.set("evaluations.csv", evaluationsCsv(plan, evaluator.evaluations));
  outputs.set("calibration.json", prettyJson(summaryJson(plan, input, evaluator.evaluations, best, result, sensitivity)));
  outputs.set("manifest.json", prettyJson(manifest));
  for (const [name, text] of outputs) if (name !== "manifest.json") writeFileAtomic(join(out, name), text);
  writeFileAtomic(join(out, "manifest.json"), outputs.get("manifest.json") as string);
  dropReplacedRun(out);
  return { out, outputs, ran: evaluator.ran, reused: evaluator.reused };
}

function planSummary(plan: CalibrationPlan): Record<string, unknown> {
  return {
    targetsFile: plan.targets.file,
    replications: plan.replications,
    maxEvaluations: plan.maxEvaluations,
    parameters: plan.parameters.map(({ path, min, max, start }) => ({ path, min, max, start })),
    targets: plan.targets.targets,
  };
}

/** The manifest of a calibration: what reruns it (no timestamps, no absolute paths). */
function buildCalibrationManifest(plan: CalibrationPlan, command: string): Record<string, unknown> {
  const scenario = plan.scenario;
  return {
    funnelsim: funnelsimVersion(),
    node: process.version,
    command,
    kind: "calibrate",
    hash: plan.hash,
    replications: plan.replications,
    scenarios: [{ name: scenario.name, file: scenario.file, seed: scenario.seed, replications: scenario.replications, hash: scenario.hash, config: scenario.config }],
    calibration: planSummary(plan),
  };
}

/** A path with `/` separators, as YAML's `extends` and the outputs write it. */
function portable(path: string): string {
  return path.split(sep).join(posix.sep);
}

/** Writes `value` at `segments` in a plain object, creating mappings on the way. */
function setIn(target: Record<string, unknown>, segments: readonly PathSegment[], value: unknown): void {
  let node: Record<string, unknown> = target;
  segments.forEach((segment, depth) => {
    const key = String(segment);
    if (depth === segments.length - 1) node[key] = value;
    else {
      if (!isRecord(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
  });
}

/**
 * The fitted scenario: `extends` the input and sets every fitted value and every --set override.
 * A value inside a list is written as the whole list from the fitted configuration, since
 * `extends` replaces lists rather than merging them.
 */
function fittedYaml(plan: CalibrationPlan, input: CalibrationInput, out: string, config: ModelConfig, values: readonly number[], loss: number): string {
  const paths: (readonly PathSegment[])[] = [];
  for (const text of input.sets) {
    const parsed = parseSetOption(text);
    if (parsed.ok) paths.push(parsed.override.path);
  }
  plan.parameters.forEach((parameter) => paths.push(parameter.segments));
  const body: Record<string, unknown> = {};
  for (const segments of paths) {
    let cut = segments.length;
    for (let depth = 1; depth < segments.length; depth++) {
      if (Array.isArray(valueAt(config, segments.slice(0, depth)))) {
        cut = depth;
        break;
      }
    }
    const prefix = segments.slice(0, cut);
    setIn(body, prefix, structuredClone(valueAt(config, prefix)));
  }
  const document = {
    extends: portable(relative(out, input.source.file)),
    name: `${plan.scenario.name}-calibrated`,
    description: `${plan.scenario.name} calibrated to ${plan.targets.file} (loss ${loss.toPrecision(4)}).`,
    ...body,
  };
  const header = [
    `# Written by funnelsim calibrate: ${plan.scenario.file} fitted to ${plan.targets.file}`,
    `# (${plan.replications} replications per candidate, seed ${String(plan.scenario.seed)}; see calibration.json and report.html).`,
    ...plan.parameters.map((parameter, index) => `#   ${parameter.path}: ${values[index]} (searched ${parameter.min}..${parameter.max}, started at ${parameter.start})`),
  ];
  return `${header.join("\n")}\n${stringify(document, { lineWidth: 0 })}`;
}

function evaluationsCsv(plan: CalibrationPlan, evaluations: readonly Evaluation[]): string {
  const targets = plan.targets.targets;
  let text = csvLine(["evaluation", "iteration", "step", ...plan.parameters.map((parameter) => parameter.path), "loss", ...targets.map((target) => target.name)]);
  for (const evaluation of evaluations) {
    text += csvLine([evaluation.evaluation, evaluation.iteration, evaluation.step, ...evaluation.values, evaluation.loss, ...evaluation.means]);
  }
  return text;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
}

function summaryJson(
  plan: CalibrationPlan,
  input: CalibrationInput,
  evaluations: readonly Evaluation[],
  best: Evaluation,
  result: { readonly evaluations: number; readonly iterations: number; readonly reason: string },
  sensitivity: readonly ParameterSensitivity[],
): Record<string, unknown> {
  let bestSoFar = Number.POSITIVE_INFINITY;
  const history = evaluations
    .filter((evaluation) => evaluation.step !== "sensitivity")
    .map((evaluation) => {
      if (evaluation.loss < bestSoFar) bestSoFar = evaluation.loss;
      return { evaluation: evaluation.evaluation, iteration: evaluation.iteration, step: evaluation.step, loss: finite(evaluation.loss), best: finite(bestSoFar) };
    });
  return {
    scenario: plan.scenario.name,
    file: plan.scenario.file,
    targetsFile: plan.targets.file,
    description: plan.targets.description,
    seed: plan.scenario.seed,
    replications: plan.replications,
    sets: input.sets,
    method: {
      name: "Nelder–Mead (Lagarias et al. 1998), bounds by a logistic transform",
      maxEvaluations: plan.maxEvaluations,
      initialStep: INITIAL_STEP,
      xTolerance: X_TOLERANCE,
      fTolerance: F_TOLERANCE,
      significantDigits: SIGNIFICANT_DIGITS,
      probeShare: PROBE_SHARE,
    },
    stop: { reason: result.reason, evaluations: result.evaluations, iterations: result.iterations },
    loss: finite(best.loss),
    parameters: plan.parameters.map((parameter, index) => {
      const local = sensitivity[index];
      return {
        path: parameter.path,
        min: parameter.min,
        max: parameter.max,
        start: parameter.start,
        fitted: best.values[index],
        sd: local?.sd ?? null,
        approx95: local?.approx95 ?? null,
        constrained: local?.constrained ?? "unknown",
        lossProfile: local?.profile ?? null,
        effects: local?.effects ?? null,
      };
    }),
    targets: plan.targets.targets.map((target, index) => {
      const mean = best.means[index] ?? Number.NaN;
      const values = (best.statistics[index] ?? []).filter((value) => Number.isFinite(value));
      const summary = values.length === plan.replications && values.length > 0 ? summarizeFinite(values) : undefined;
      return {
        name: target.name,
        measure: describeMeasure(target),
        source: target.source ?? null,
        value: target.value,
        direction: target.direction,
        [target.scaleKind]: target.scale,
        weight: target.weight,
        fitted: finite(mean),
        ci95: summary === undefined || plan.replications < 2 ? null : [finite(summary.ci95[0]), finite(summary.ci95[1])],
        z: finite(zScore(target, mean)),
        within: Number.isFinite(mean) ? withinTarget(target, mean) : false,
      };
    }),
    history,
  };
}
