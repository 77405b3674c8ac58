/**
 * Test doubles for the experiment layer: a fast, deterministic stand-in for the market model's
 * simulate, scenario sources built from the default configuration, and runners that finish
 * units in a shuffled order.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { defaultConfig, MERCHANT_TYPES, type ModelConfig } from "../../src/market/parameters.js";
import { DAILY_METRICS, KPIS, PUBLIC_SOURCES, SOURCES, type SimulationResult } from "../../src/market/result.js";
import { createStream } from "../../src/random/index.js";
import type { ScenarioLoader, ScenarioSource, WorkUnit } from "../../src/experiment/plan.js";
import type { SimulateFunction, UnitRunner } from "../../src/experiment/runner.js";

/**
 * A stand-in simulate: every number depends only on (seed, replication) and a few config values,
 * like the real model's streams, so common random numbers hold and the boost has an effect.
 */
export const fakeSimulate: SimulateFunction = (config, options) => {
  const seed = options.seed ?? config.seed;
  const draw = createStream(`${String(seed)}/rep:${options.replication}/fake`);
  const shared = draw(); // the part of the noise every strategy shares
  const boost = config.levers.boost.multiplier;
  const days = 3;
  const dates = ["2022-09-28", "2022-09-29", "2022-09-30"].slice(0, days);
  const daily: Record<string, number[]> = {};
  for (const metric of [...DAILY_METRICS, ...SOURCES.map((s) => `gmv.${s}`), ...MERCHANT_TYPES.map((t) => `gmv.type.${t}`)]) {
    daily[metric] = dates.map(() => Math.round(draw() * 1000) / 10);
  }
  const kpis = {} as Record<(typeof KPIS)[number], number>;
  for (const kpi of KPIS) kpis[kpi] = 1000 * (1 + shared) * (1 + 0.1 * boost) + 5 * draw();
  kpis.newProductGmvShare = shared;
  return {
    scenario: config.name,
    seed: String(seed),
    replication: options.replication,
    dates,
    festivalDay: [0, 1, 2],
    phase: ["warmup", "warmup", "warmup"],
    daily,
    kpis,
    funnel: SOURCES.map((source) => ({
      source,
      domain: (PUBLIC_SOURCES as readonly string[]).includes(source) ? "public" : "private",
      impressions: 100,
      clicks: 10,
      carts: 3,
      orders: 1,
      gmv: 70 * (1 + shared),
    })),
    products: [
      { product: 0, merchant: 0, merchantType: "brand", category: "food, fresh", launchDay: null, registered: true, orders: 3, gmv: 210, realProducts: 50 },
      { product: 1, merchant: 0, merchantType: "brand", category: 'say "hi"', launchDay: 2, registered: false, orders: -0, gmv: 0, realProducts: 50 },
    ],
    scale: 1000,
    userDays: 3000,
  } satisfies SimulationResult;
};

/** A scenario source from the default configuration with some values changed. */
export function source(name: string, change: (config: ModelConfig) => void = () => {}, file = `scenarios/${name}.yaml`): ScenarioSource {
  const config = defaultConfig();
  config.name = name;
  change(config);
  return { file, name, config };
}

/** A loader that applies `path=value` sets (numbers only) to a default-config scenario. */
export const fakeLoader: ScenarioLoader = async (file, sets) => {
  const name = file.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
  return source(name, (config) => {
    for (const text of sets) {
      const [path, value] = text.split("=") as [string, string];
      const keys = path.split(".");
      let node = config as unknown as Record<string, unknown>;
      for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[keys[keys.length - 1] as string] = Number(value);
    }
  }, file);
};

/** Units in a shuffled order (seeded), as threads finishing at random would report them. */
export function shuffledRunner(simulate: SimulateFunction, seed: string): UnitRunner {
  return async (units, options) => {
    const order: WorkUnit[] = [...units];
    const draw = createStream(seed);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(draw() * (i + 1));
      [order[i], order[j]] = [order[j] as WorkUnit, order[i] as WorkUnit];
    }
    for (const unit of order) {
      if (options.signal?.aborted) return;
      options.onResult(unit, simulate(unit.config, { seed: unit.seed, replication: unit.replication }));
    }
  };
}

/** A fresh temporary folder. */
export function temporaryFolder(prefix = "funnelsim-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file under `folder` (relative path → contents), for byte comparisons. */
export function readTree(folder: string, options: { skip?: (path: string) => boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const key = relative(folder, path);
      if (options.skip?.(key)) continue;
      if (statSync(path).isDirectory()) walk(path);
      // Parquet is binary: compared as base64, byte for byte.
      else files[key] = name.endsWith(".parquet") ? readFileSync(path).toString("base64") : readFileSync(path, "utf8");
    }
  };
  walk(folder);
  return files;
}
