/**
 * The market model on the default festival scenario: simulated user-days per second on one core
 * and memory per user.
 *
 *   npm run bench -- model [--users 100000] [--runs 3] [--days 96] [--layer full|impressions|sessions] [--json]
 *
 * user-days = users × simulated days (burn-in included): every simulated day costs about the same,
 * recorded or not. The rate is CPU time of this process (user + system, `process.cpuUsage`), so
 * other load on a shared machine inflates it less than wall time would; wall seconds are reported
 * too. `--days D` runs only the first D simulated days of the horizon (the default burn-in is the
 * first 30, the festival days 30–74): a short horizon, for 1M and 10M users, and the output says so.
 *
 * `--layer` measures a part of the model, to see where the time of a user-day goes: `impressions`
 * turns every click off (click rates, store visits, searches, word of mouth, notification opens and
 * fan-group reach at 0), leaving the sessions and the impressions they draw; `sessions` also shows
 * no impression (and no merchant streams, so no notification is shown), leaving the skeleton: one
 * event per user-day, its sessions' arrival times, keys, fatigue, coupons and need timers, and the
 * day starts. Outputs of those runs mean nothing; only their cost does.
 *
 * Memory is measured in a child process started with --expose-gc, one per bench: the RSS growth
 * over an empty baseline after a forced GC, with the run's structures alive, per user (live), and
 * the peak RSS over the same baseline (peak: arrays being doubled while growing count twice).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { defaultConfig, Market } from "../src/market/index.js";
import type { ModelConfig } from "../src/market/index.js";
import { describeMachine, formatRate, intOption, machineConditions, median, report, stringOption, type Bench, type BenchArgs } from "./common.js";

/** Result of one model run. */
export interface ModelRun {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly userDays: number;
  readonly userDaysPerSecond: number;
}

/** Simulated days of the default scenario. */
function fullHorizon(): number {
  const calendar = defaultConfig().calendar;
  return calendar.burnInDays + calendar.leadDays + calendar.festivalDays + calendar.tailDays;
}

/** How much of the model a bench runs (see the file's comment). */
export type Layer = "full" | "impressions" | "sessions";
export const LAYERS: readonly Layer[] = ["full", "impressions", "sessions"];

/** The default scenario for `users` users, with only `layer` of the model at work. */
export function layerConfig(users: number, layer: Layer = "full"): ModelConfig {
  const config = defaultConfig();
  config.population.users = users;
  if (layer !== "full") {
    const rates = config.funnel.clickRate as Record<string, number>;
    for (const source of Object.keys(rates)) rates[source] = 0;
    config.traffic.storeVisitProbability = 0;
    config.traffic.searchProbability = 0;
    config.traffic.notificationOpenProbability = 0;
    config.traffic.fanGroupReach = 0;
    config.wordOfMouth.contactsPerDay = 0;
  }
  if (layer === "sessions") {
    for (const segment of config.population.segments) segment.commerceImpressionsPerSession = 0;
    config.traffic.mallImpressionsPerSession = 0;
    config.traffic.followFeedImpressionsPerFollow = 0;
    config.traffic.venueVisitProbability = 0;
    // No live streams, so no "now live" notification is shown either (a few events a merchant-day).
    config.levers.effort.liveHoursMultiplier = 0;
    config.levers.effort.appliesTo = "all";
  }
  return config;
}

/** Builds the default scenario's market for `users` users, with only `layer` of the model at work. */
function market(users: number, replication: number, layer: Layer = "full"): Market {
  const config = layerConfig(users, layer);
  return new Market(config, config.seed, replication);
}

/** Runs the default scenario once (its first `days` days) with `users` users; CPU-time rate. */
export function modelRun(users: number, replication: number, days = fullHorizon(), layer: Layer = "full"): ModelRun {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const run = market(users, replication, layer);
  run.run(days);
  run.result();
  const wallSeconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const userDays = users * days;
  return { cpuSeconds, wallSeconds, userDays, userDaysPerSecond: userDays / cpuSeconds };
}

/** What the memory child reports. */
export interface MemoryFigures {
  /** RSS growth with the run alive, after GC, per user. */
  readonly bytesPerUser: number;
  /** Peak RSS growth over the baseline during the run, per user. */
  readonly peakBytesPerUser: number;
  readonly peakRssBytes: number;
}

/** In this process (started with --expose-gc): memory of one run. */
function measureMemory(users: number, days: number): MemoryFigures {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error("the memory child needs --expose-gc");
  // Warm the code (and tsx's transforms) so compiled code is in the baseline, not the growth.
  market(Math.min(users, 1000), 99).run(3);
  gc();
  gc();
  const baseline = process.memoryUsage().rss;
  const run = market(users, 0);
  run.run(days);
  gc();
  gc();
  const live = process.memoryUsage().rss - baseline;
  const peak = process.resourceUsage().maxRSS * 1024;
  void run.ordersPerUser.length;
  return { bytesPerUser: Math.max(0, live) / users, peakBytesPerUser: Math.max(0, peak - baseline) / users, peakRssBytes: peak };
}

/** Memory of one run, measured in a fresh child process with --expose-gc. */
export function memoryInChild(users: number, days: number): MemoryFigures | null {
  const child = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "--memory-child", String(users), String(days)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as MemoryFigures;
  } catch {
    process.stderr.write(`model bench: memory child failed (status ${child.status}): ${child.stderr.slice(-500)}\n`);
    return null;
  }
}

/** The `model` bench. */
export const modelBench: Bench = {
  description: "market model, default festival: simulated user-days per CPU-second (one core) and bytes per user",
  run(args: BenchArgs): void {
    const users = intOption(args, "users", 100_000);
    const runs = Math.max(1, intOption(args, "runs", 3));
    const horizon = fullHorizon();
    const days = Math.min(horizon, Math.max(1, intOption(args, "days", horizon)));
    const layer = stringOption(args, "layer", "full") as Layer;
    if (!LAYERS.includes(layer)) throw new Error(`bench: --layer must be one of ${LAYERS.join(", ")} (got ${layer})`);
    modelRun(Math.min(users, 2000), 99, days, layer);
    const results: ModelRun[] = [];
    for (let run = 0; run < runs; run++) results.push(modelRun(users, run, days, layer));
    const rates = results.map((result) => result.userDaysPerSecond);
    const rate = median(rates);
    // Memory is the full model's (a layer holds the same structures, less filled).
    const memory = layer === "full" ? memoryInChild(users, days) : null;
    const machine = machineConditions();
    const horizonNote = days === horizon ? `full horizon (${horizon} days)` : `SHORT HORIZON: first ${days} of ${horizon} simulated days`;
    report(
      args,
      {
        bench: "model",
        users,
        days,
        layer,
        fullHorizon: days === horizon,
        userDays: results[0]?.userDays ?? 0,
        userDaysPerSecond: Math.round(rate),
        clock: "cpu",
        runs: rates.map(Math.round),
        cpuSecondsPerRun: median(results.map((result) => result.cpuSeconds)),
        wallSecondsPerRun: median(results.map((result) => result.wallSeconds)),
        bytesPerUser: memory === null ? null : Math.round(memory.bytesPerUser),
        peakBytesPerUser: memory === null ? null : Math.round(memory.peakBytesPerUser),
        machine,
      },
      [
        `model users=${users}${layer === "full" ? "" : `, layer ${layer} only`}, ${horizonNote}: median ${formatRate(rate)} user-days per CPU-second over ${runs} runs [${rates.map(formatRate).join(", ")}], ${median(results.map((r) => r.cpuSeconds)).toFixed(2)} CPU s (${median(results.map((r) => r.wallSeconds)).toFixed(2)} wall s) a run`,
        memory === null
          ? layer === "full"
            ? "  memory: not measured (child failed)"
            : `  memory: not measured for a layer; ${describeMachine(machine)}`
          : `  memory ≈ ${Math.round(memory.bytesPerUser)} bytes per user live (RSS growth after GC), peak ${Math.round(memory.peakBytesPerUser)} (peak RSS growth); ${describeMachine(machine)}`,
      ],
    );
  },
};

// The memory child: `node --expose-gc --import tsx bench/model.ts --memory-child <users> <days>`.
if (process.argv[2] === "--memory-child" && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(measureMemory(Number(process.argv[3]), Number(process.argv[4])))}\n`);
}
