/**
 * Using funnelsim as a library: build a configuration in code, run replications of two
 * strategies, and compare them with paired 95% intervals.
 *
 *   npx tsx examples/library.ts            (about 10 s)
 */
import { defaultConfig, simulate, type ModelConfig } from "../src/index.js";
import { pairedDifference } from "../src/stats/index.js";
import { validateConfig } from "../src/scenario/index.js";

/** The baseline at a small size, so the example runs in seconds. */
export function baseline(users = 3000): ModelConfig {
  const config = defaultConfig();
  config.population.users = users;
  return config;
}

/** The same market with the 2x boost — built from a plain object and validated like a file. */
export function boosted(users = 3000): ModelConfig {
  return validateConfig({ population: { users }, levers: { boost: { multiplier: 2 } } }, "in code");
}

/** GMV during the festival, per replication, for both strategies, and their paired difference. */
export function compareBoost(replications = 5, users = 3000) {
  // Replications 1…R, numbered as the command line numbers them: replication r here gives the
  // same numbers as row r of `funnelsim run`'s CSV files for the same scenario and seed.
  const festivalGmv = (config: ModelConfig) =>
    Array.from({ length: replications }, (_, index) => simulate(config, { replication: index + 1 }).kpis.gmvFestival);
  const base = festivalGmv(baseline(users));
  const boost = festivalGmv(boosted(users));
  return pairedDifference(boost, base);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const difference = compareBoost();
  const percent = (value: number | null | undefined) => `${((value ?? 0) * 100).toFixed(1)}%`;
  const [low, high] = difference.relativeCi95 ?? [0, 0];
  console.log(`2x boost: festival GMV ${percent(difference.relative)} (95% CI ${percent(low)} to ${percent(high)}) against the baseline`);
}
