/**
 * Shared helpers for the market tests: load a bundled scenario with overrides, run replications,
 * and paired statistics across them (replication r of two scenarios shares its random streams).
 */
import { loadScenario } from "../../src/scenario/index.js";
import { simulate } from "../../src/market/index.js";
import type { ModelConfig, SimulationResult } from "../../src/market/index.js";
import { pairedDifference, summarize } from "../../src/stats/index.js";

/** Loads a bundled scenario (path from the repository root) with `--set` overrides. */
export async function scenario(file: string, sets: readonly string[] = []): Promise<ModelConfig> {
  return (await loadScenario(file, { sets })).config;
}

/** Runs replications 0..reps-1 of a config. */
export function replicate(config: ModelConfig, reps: number): SimulationResult[] {
  return Array.from({ length: reps }, (_, replication) => simulate(config, { replication }));
}

/** Sum of a daily series over the days whose phase is in `phases` (or the first `limit` of them). */
export function phaseSum(result: SimulationResult, metric: string, phases: readonly string[], limit = Infinity): number {
  const series = result.daily[metric] ?? [];
  let total = 0;
  let taken = 0;
  result.phase.forEach((phase, day) => {
    if (phases.includes(phase) && taken < limit) {
      total += series[day] ?? 0;
      taken++;
    }
  });
  return total;
}

/** Paired difference of a per-replication statistic between two scenarios. */
export function paired(treatment: readonly SimulationResult[], baseline: readonly SimulationResult[], statistic: (result: SimulationResult) => number) {
  return pairedDifference(treatment.map(statistic), baseline.map(statistic));
}

export { summarize };

/** Festival phases (warm-up and peak days included). */
export const FESTIVAL = ["warmup", "festival", "peak"] as const;

/**
 * Replications of bundled scenarios at the comparison size, run once per test file and shared
 * by its tests: enough that paired intervals resolve effects of about 1–2%.
 */
export function comparisonRunner(replications: number, users = 6000): (file: string) => Promise<SimulationResult[]> {
  const runs = new Map<string, SimulationResult[]>();
  return async (file) => {
    let results = runs.get(file);
    if (results === undefined) {
      results = replicate(await scenario(file, [`population.users=${users}`]), replications);
      runs.set(file, results);
    }
    return results;
  };
}
