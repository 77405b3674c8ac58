/**
 * Experiment plans: what to simulate, as plain data.
 *
 * ```
 *  scenario files ──load──▶ plan (arms × replications = work units)
 *                                │ run each missing unit (in process or in workers, any order)
 *                                ▼
 *                  <out>/units/<unit id>.json   (one atomic file per finished unit)
 *                                │ assemble: a pure function, fixed order
 *                                ▼
 *        summary.json · comparison.json · sweep.json · sensitivity.json · *.csv · manifest.json
 * ```
 *
 * An **arm** is one configuration to replicate: a scenario of a run or a compare, or one point
 * of a sweep or sensitivity design. A **work unit** is (arm, replication). Its id
 * (`compare/boost-2x/base/rep-3`) depends only on the kind, the scenario name, the point and the
 * replication, and its random streams only on the seed and the replication — so replication r of
 * every strategy and every point shares its streams (common random numbers), and adding points
 * or replications changes nothing already computed. The plan is JSON-serializable: it is saved
 * beside the unit files, so a resume or a merge of shards rebuilds outputs from disk alone.
 */
import { createHash } from "node:crypto";
import { UsageError, formatValue } from "../errors.js";
import { isValidSeed, SEED_RULE } from "../random/index.js";
import type { ModelConfig } from "../market/parameters.js";
import { canonicalJson } from "./format.js";
import type { DesignValue, MorrisDesign, OatDesign, Point, SweepParam } from "./design/index.js";
import type { RobustnessPlan } from "./robustness/index.js";

/** The kinds of experiment, one per CLI command that simulates. */
export const EXPERIMENT_KINDS = ["run", "compare", "sweep", "sensitivity", "robustness"] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** A scenario as the loader gives it (structurally the scenario module's result). */
export interface ScenarioSource {
  /** Path of the file, relative to the working directory (never absolute: outputs must not depend on where they were made). */
  readonly file: string;
  /** The scenario's name (`config.name`). */
  readonly name: string;
  /** The resolved configuration, every default filled in. */
  readonly config: ModelConfig;
}

/**
 * Loads a scenario file with `--set path=value` overrides applied and validated.
 * @throws {InputError} listing every problem.
 */
export type ScenarioLoader = (file: string, sets: readonly string[]) => Promise<ScenarioSource>;

/** One scenario of a plan, as recorded in the manifest. */
export interface PlannedScenario {
  readonly name: string;
  readonly file: string;
  /** Root seed of the random streams (the `--seed` override, else the file's). */
  readonly seed: string | number;
  readonly replications: number;
  /** sha256 of the canonical JSON of `config` (keys sorted at every level). */
  readonly hash: string;
  /** The resolved configuration, with `seed` and `replications` as run. */
  readonly config: ModelConfig;
}

/** One configuration to replicate. */
export interface Arm {
  /** Value of the `scenario` column in the tables: the scenario name, or `<name>@<point id>`. */
  readonly label: string;
  /** Index into {@link ExperimentPlan.scenarios}. */
  readonly scenario: number;
  /** Design point id (see design/point.ts), or `""` for a scenario run as written. */
  readonly point: string;
  /** The point's assignments (empty for a scenario run as written). */
  readonly values: Readonly<Record<string, DesignValue>>;
  /** Folder of this arm's unit files under `units/`: `<kind>/<scenario>/<point key>`. */
  readonly folder: string;
  /** sha256 of the canonical JSON of the arm's configuration. */
  readonly hash: string;
  readonly config: ModelConfig;
}

/** One simulation to run: an arm and a replication. */
export interface WorkUnit {
  /** Stable id, also the unit file's path under `units/` without `.json`. */
  readonly id: string;
  /** Position in the plan; shard i of n runs the units with index % n == i − 1. */
  readonly index: number;
  /** Index into {@link ExperimentPlan.arms}. */
  readonly arm: number;
  /** How messages name the run: `scenario boost-2x, point base, replication 3, seed 116`. */
  readonly label: string;
  readonly config: ModelConfig;
  readonly seed: string | number;
  /** Replication number, 1 … R. */
  readonly replication: number;
}

/** What a sweep ran, for sweep.json and the manifest. */
export interface SweepPlan {
  readonly params: readonly SweepParam[];
  readonly zip: boolean;
  readonly points: readonly Point[];
}

/** What a sensitivity analysis ran. */
export type SensitivityPlan =
  | { readonly method: "oat"; readonly delta: number; readonly kpis: readonly string[]; readonly design: OatDesign }
  | {
      readonly method: "morris";
      readonly delta: number;
      readonly kpis: readonly string[];
      readonly trajectories: number;
      readonly design: MorrisDesign;
    };

/** Everything an experiment computes, as plain data (saved as `units/plan.json`). */
export interface ExperimentPlan {
  readonly kind: ExperimentKind;
  /** Name of the experiment: the (baseline) scenario's name; the default output folder. */
  readonly name: string;
  /** Replications of every arm. */
  readonly replications: number;
  readonly scenarios: readonly PlannedScenario[];
  readonly arms: readonly Arm[];
  /** compare: index of the baseline arm. */
  readonly baseline?: number;
  readonly sweep?: SweepPlan;
  readonly sensitivity?: SensitivityPlan;
  /** robustness: the uncertain parameters and their Latin hypercube draws (see robustness/plan.ts). */
  readonly robustness?: RobustnessPlan;
  /** Arms × replications, arm by arm. */
  readonly units: readonly WorkUnit[];
}

/** sha256 (hex) of a value's canonical JSON. */
export function hashOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** Characters kept as they are in a unit's path segment; anything else could upset a file system or a shell. */
const SAFE_SEGMENT = /^[A-Za-z0-9._=,+-]{1,96}$/;

/**
 * A file-system-safe path segment for a scenario name or point id: the text itself when it is
 * short and plain, else `h-` and 16 hex digits of its sha256 (long OAT point ids name every
 * parameter and would pass the 255-byte file name limit).
 */
export function pathSegment(text: string): string {
  if (SAFE_SEGMENT.test(text) && !text.startsWith(".")) return text;
  return `h-${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

/** The arm folder for a kind, scenario name and point id (`""` → `base`). */
export function armFolder(kind: ExperimentKind, scenario: string, point: string): string {
  return `${kind}/${pathSegment(scenario)}/${point === "" ? "base" : pathSegment(point)}`;
}

/** The arm's label in tables: the name, or `<name>@<point id>` for a design point. */
export function armLabel(scenario: string, point: string): string {
  return point === "" ? scenario : `${scenario}@${point}`;
}

/**
 * A scenario with the experiment's seed and replications written into its configuration, so the
 * configuration recorded (and hashed) is exactly the one run.
 */
export function plannedScenario(source: ScenarioSource, replications: number, seed?: string | number): PlannedScenario {
  // The command line checks --reps and --seed; a plan built in code gets the same rules here,
  // before anything runs or is written.
  if (typeof replications !== "number" || !Number.isSafeInteger(replications) || replications < 1 || replications > MAX_REPLICATIONS) {
    throw new UsageError(`experiment plan: replications must be an integer from 1 to ${MAX_REPLICATIONS} (got ${formatValue(replications)})`);
  }
  if (seed !== undefined && !isValidSeed(seed)) throw new UsageError(`experiment plan: ${SEED_RULE} (got ${formatValue(seed)})`);
  const effectiveSeed = seed ?? source.config.seed;
  if (!isValidSeed(effectiveSeed)) throw new UsageError(`experiment plan: ${source.file}: ${SEED_RULE} (got ${formatValue(effectiveSeed)})`);
  const config: ModelConfig = { ...source.config, seed: effectiveSeed, replications };
  return { name: source.name, file: source.file, seed: effectiveSeed, replications, hash: hashOf(config), config };
}

/** Most replications a plan may ask for: the scenario schema's bound, and the command line's for --reps. */
export const MAX_REPLICATIONS = 10_000;

/** Builds an arm of a planned scenario. */
export function makeArm(
  kind: ExperimentKind,
  scenarioIndex: number,
  scenario: PlannedScenario,
  point: string,
  values: Readonly<Record<string, DesignValue>>,
  config: ModelConfig,
): Arm {
  return {
    label: armLabel(scenario.name, point),
    scenario: scenarioIndex,
    point,
    values,
    folder: armFolder(kind, scenario.name, point),
    hash: hashOf(config),
    config,
  };
}

/**
 * The work units of a set of arms: every arm × replications 1 … R, arm by arm.
 * Arms that share a folder (a Morris trajectory revisiting a point) must be deduplicated first.
 */
export function unitsOf(arms: readonly Arm[], scenarios: readonly PlannedScenario[], replications: number): WorkUnit[] {
  const units: WorkUnit[] = [];
  arms.forEach((arm, armIndex) => {
    const scenario = scenarios[arm.scenario];
    if (scenario === undefined) throw new Error(`arm ${arm.label} names scenario ${arm.scenario}, which the plan does not have`);
    for (let replication = 1; replication <= replications; replication++) {
      units.push({
        id: `${arm.folder}/rep-${replication}`,
        index: units.length,
        arm: armIndex,
        label: `scenario ${scenario.name}, point ${arm.point === "" ? "base" : arm.point}, replication ${replication}, seed ${String(scenario.seed)}`,
        config: arm.config,
        seed: scenario.seed,
        replication,
      });
    }
  });
  return units;
}

/**
 * The identity of a plan: sha256 over what determines its results — the kind, the arms'
 * configurations (seed and replications included), the design and the funnelsim version.
 * Not the file names, the command line or the Node version, so a resume from another folder
 * or a merge of shards made on other machines matches.
 */
export function planHash(plan: ExperimentPlan, version: string): string {
  return hashOf({
    funnelsim: version,
    kind: plan.kind,
    replications: plan.replications,
    baseline: plan.baseline ?? null,
    arms: plan.arms.map((arm) => ({ label: arm.label, folder: arm.folder, hash: arm.hash })),
    sweep: plan.sweep ?? null,
    sensitivity: plan.sensitivity ?? null,
    // Only a robustness plan has the key, so the other kinds' hashes stay as they were. The
    // uncertainty file's name and the parameters' sources are left out: they change no result.
    ...(plan.robustness === undefined
      ? {}
      : {
          robustness: {
            kpi: plan.robustness.kpi,
            baseline: plan.robustness.baseline,
            params: plan.robustness.params.map((param) => ({ path: param.path, spec: param.spec })),
            draws: plan.robustness.draws,
          },
        }),
  });
}

/** A slice of the units: shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The units shard `shard` runs: those whose index % count == index − 1 (all units without a shard). */
export function shardUnits(units: readonly WorkUnit[], shard: Shard | undefined): WorkUnit[] {
  if (shard === undefined) return [...units];
  return units.filter((unit) => unit.index % shard.count === shard.index - 1);
}
