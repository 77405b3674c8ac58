/**
 * The manifest: enough to rerun an experiment and get the same bytes — funnelsim and Node
 * versions, the command, each scenario's resolved configuration with its hash and seed, and the
 * design. It holds no timestamps and no absolute paths, so it is itself reproducible.
 */
import { readFileSync } from "node:fs";
import type { ExperimentKind, ExperimentPlan, PlannedScenario } from "./plan.js";
import { planHash } from "./plan.js";
import type { DesignValue } from "./design/index.js";

/** A scenario as the manifest records it. */
export interface ManifestScenario {
  readonly name: string;
  readonly file: string;
  readonly seed: string | number;
  readonly replications: number;
  readonly hash: string;
  readonly config: PlannedScenario["config"];
}

/** The design of a sweep or sensitivity analysis, as the manifest records it. */
export type ManifestDesign =
  | { readonly type: "sweep"; readonly zip: boolean; readonly params: readonly { readonly path: string; readonly values: readonly DesignValue[] }[]; readonly points: readonly string[] }
  | {
      readonly type: "oat" | "morris";
      readonly delta: number;
      readonly kpis: readonly string[];
      readonly params: readonly string[];
      readonly trajectories?: number;
      readonly levels?: number;
      readonly points: readonly string[];
    }
  | {
      readonly type: "robustness";
      readonly uncertainty: string;
      readonly kpi: string;
      readonly baseline: string;
      readonly params: readonly string[];
      readonly draws: number;
    };

/** Contents of `manifest.json`. */
export interface Manifest {
  /** funnelsim's version (package.json). */
  readonly funnelsim: string;
  /** Node's version, e.g. `v20.20.0`. */
  readonly node: string;
  /** The command that made these results, shell-quoted: `funnelsim compare …` (the CLI leaves out flags that only change how it runs). */
  readonly command: string;
  readonly kind: ExperimentKind;
  /** Identity of the run ({@link planHash}): equal hashes mean the same results. */
  readonly hash: string;
  readonly replications: number;
  /** Number of work units (simulations). */
  readonly units: number;
  /** compare: the baseline's name. */
  readonly baseline?: string;
  readonly scenarios: readonly ManifestScenario[];
  readonly design?: ManifestDesign;
}

let cachedVersion: string | undefined;

/** funnelsim's version from package.json. */
export function funnelsimVersion(): string {
  if (cachedVersion === undefined) {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    cachedVersion = String((JSON.parse(text) as { version?: unknown }).version ?? "0.0.0");
  }
  return cachedVersion;
}

function designOf(plan: ExperimentPlan): ManifestDesign | undefined {
  const robustness = plan.robustness;
  if (robustness !== undefined) {
    return {
      type: "robustness",
      uncertainty: robustness.file,
      kpi: robustness.kpi,
      baseline: plan.scenarios[robustness.baseline]?.name ?? "",
      params: robustness.params.map((param) => param.path),
      draws: robustness.draws.length,
    };
  }
  if (plan.sweep !== undefined) {
    return {
      type: "sweep",
      zip: plan.sweep.zip,
      params: plan.sweep.params.map((param) => ({ path: param.path, values: param.values })),
      points: plan.sweep.points.map((point) => point.id),
    };
  }
  const sensitivity = plan.sensitivity;
  if (sensitivity === undefined) return undefined;
  if (sensitivity.method === "oat") {
    return {
      type: "oat",
      delta: sensitivity.delta,
      kpis: sensitivity.kpis,
      params: sensitivity.design.params.map((entry) => entry.param),
      points: sensitivity.design.points.map((point) => point.id),
    };
  }
  return {
    type: "morris",
    delta: sensitivity.delta,
    kpis: sensitivity.kpis,
    params: sensitivity.design.params.map((param) => param.path),
    trajectories: sensitivity.trajectories,
    levels: sensitivity.design.levels,
    points: sensitivity.design.points.map((point) => point.id),
  };
}

/**
 * Builds the manifest of a plan.
 * @param command - the command line as recorded (no absolute paths).
 * @param version - funnelsim's version (default: package.json's).
 * @param nodeVersion - Node's version (default: the running one).
 */
export function buildManifest(plan: ExperimentPlan, command: string, version = funnelsimVersion(), nodeVersion = process.version): Manifest {
  const design = designOf(plan);
  const baseline = plan.baseline === undefined ? undefined : plan.arms[plan.baseline]?.label;
  return {
    funnelsim: version,
    node: nodeVersion,
    command,
    kind: plan.kind,
    hash: planHash(plan, version),
    replications: plan.replications,
    units: plan.units.length,
    ...(baseline === undefined ? {} : { baseline }),
    scenarios: plan.scenarios.map((scenario) => ({
      name: scenario.name,
      file: scenario.file,
      seed: scenario.seed,
      replications: scenario.replications,
      hash: scenario.hash,
      config: scenario.config,
    })),
    ...(design === undefined ? {} : { design }),
  };
}
