/**
 * `funnelsim robustness`: which strategy wins under what we do not know. Reads the uncertainty
 * file, plans the Latin hypercube draws × strategies and hands the plan to the shared runner
 * (resume, shards, workers and the report as for every other command).
 */
import { InputError } from "../errors.js";
import type { ExperimentPlan, ScenarioLoader, ScenarioSource } from "../experiment/plan.js";
import { MAX_DRAWS, parseUncertainty, planRobustness } from "../experiment/robustness/index.js";
import { formatKpiValue } from "../report/format.js";
import { messagesFor } from "../report/messages.js";
import { readScenarioFile } from "../scenario/read.js";
import type { CliIo } from "./app.js";
import { portablePath as portable } from "./commands.js";
import { Problems, wholeNumber } from "./options.js";

type Args = Readonly<Record<string, unknown>>;

/** Draws when --draws is not given: enough for a Wilson interval of about ±15 points on a probability near one half, at 32 × strategies × replications runs. */
export const DEFAULT_DRAWS = 32;

/** What the command borrows from commands.ts, so the shared flags and runner stay in one place. */
export interface CommandKit<S extends { readonly sets: readonly string[]; readonly replications?: number; readonly seed?: string | number }> {
  readonly runSettings: (problems: Problems, args: Args, io: CliIo) => S;
  readonly loadAll: (files: readonly string[], sets: readonly string[]) => Promise<ScenarioSource[]>;
  readonly load: ScenarioLoader;
  readonly execute: (plan: ExperimentPlan, settings: S, argv: readonly string[], io: CliIo) => Promise<number>;
}

/** Runs `funnelsim robustness`. */
export async function runRobustness<S extends { readonly sets: readonly string[]; readonly replications?: number; readonly seed?: string | number }>(
  args: Args,
  argv: readonly string[],
  io: CliIo,
  kit: CommandKit<S>,
): Promise<number> {
  const problems = new Problems();
  const settings = kit.runSettings(problems, args, io);
  const baselineText = args["baseline"];
  if (Array.isArray(baselineText)) problems.add("--baseline", "may be given only once", baselineText);
  const uncertaintyText = args["uncertainty"];
  if (Array.isArray(uncertaintyText)) problems.add("--uncertainty", "may be given only once", uncertaintyText);
  else if (typeof uncertaintyText !== "string" || uncertaintyText.trim() === "") problems.add("--uncertainty", "must name the uncertainty file, e.g. scenarios/uncertainty/defaults.yaml", uncertaintyText ?? "nothing");
  const draws = wholeNumber(problems, "--draws", args["draws"], 2, MAX_DRAWS) ?? DEFAULT_DRAWS;
  problems.throwIfAny();
  // Problems name the file as written; outputs record it relative to the working directory.
  const label = String(uncertaintyText);
  const file = portable(label);
  const files = Array.isArray(args["scenarios"]) ? args["scenarios"].map(String) : [String(args["scenarios"])];
  const baselineFile = typeof baselineText === "string" ? baselineText : (files[0] as string);
  // The uncertainty file's problems and the scenarios' are reported together.
  const lines: string[] = [];
  const read = await readScenarioFile(label, label);
  let uncertainty;
  if (!read.ok) lines.push(...read.problems);
  else {
    try {
      uncertainty = parseUncertainty(read.data, label);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      lines.push(...error.problems);
    }
  }
  let all: ScenarioSource[] = [];
  try {
    all = await kit.loadAll([baselineFile, ...files.filter((name) => portable(name) !== portable(baselineFile))], settings.sets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    lines.push(...error.problems);
  }
  if (lines.length > 0 || uncertainty === undefined) throw new InputError(lines);
  const baseline = all[0] as ScenarioSource;
  const byFile = new Map(all.map((source) => [source.file, source]));
  const sources = files.map((name) => byFile.get(portable(name))).filter((source): source is ScenarioSource => source !== undefined);
  const plan = await planRobustness({
    sources,
    baseline,
    sets: settings.sets,
    load: kit.load,
    uncertainty,
    file,
    label,
    draws,
    ...(settings.replications === undefined ? {} : { replications: settings.replications }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
  });
  return kit.execute(plan, settings, argv, io);
}

interface StrategyJson {
  readonly scenario: string;
  readonly baseline: boolean;
  readonly pBest: { readonly p: number | null; readonly ci95: readonly (number | null)[] };
  readonly pBeatsBaseline?: { readonly p: number | null; readonly ci95: readonly (number | null)[] };
  readonly expectedRegret: { readonly mean: number | null };
}

function percent(value: number | null | undefined): string {
  return typeof value === "number" ? `${(value * 100).toFixed(0)}%` : "n/a";
}

function share(entry: { readonly p: number | null; readonly ci95: readonly (number | null)[] } | undefined): string {
  if (entry === undefined) return "–";
  return `${percent(entry.p)} [${percent(entry.ci95[0])}, ${percent(entry.ci95[1])}]`;
}

/** The stdout summary of robustness.json: one line per strategy. */
export function describeRobustness(text: string): string[] {
  const data = JSON.parse(text) as { baseline: string; kpi: string; draws: number; strategies: StrategyJson[]; flips: { param: string; flipsWinner: boolean; low: { winner: string }; high: { winner: string } }[] };
  const messages = messagesFor("en");
  const money = (value: number | null | undefined) => (typeof value === "number" ? formatKpiValue(data.kpi, value, messages, value, 1) : "n/a");
  const lines = [`${data.draws} draws of the uncertain parameters, ${data.kpi} against ${data.baseline}: P(beats baseline) and P(best) [95% Wilson CI], expected regret`];
  for (const strategy of data.strategies) {
    const beats = strategy.baseline ? "(baseline)".padEnd(17) : share(strategy.pBeatsBaseline).padEnd(17);
    lines.push(`  ${strategy.scenario.padEnd(20)} beats ${beats} best ${share(strategy.pBest).padEnd(17)} regret ${money(strategy.expectedRegret.mean)}`);
  }
  const flips = data.flips.filter((flip) => flip.flipsWinner);
  if (flips.length === 0) lines.push("  no uncertain parameter changes the most frequent winner between the low and the high half of its draws");
  for (const flip of flips) lines.push(`  ${flip.param}: low → ${flip.low.winner} wins most, high → ${flip.high.winner}`);
  return lines;
}
