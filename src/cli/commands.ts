/**
 * The commands: each checks its flags, loads scenarios, plans and runs the experiment, renders
 * the report and prints. Printing is the CLI's job alone; the experiment layer only writes files.
 */
import { existsSync } from "node:fs";
import { totalmem } from "node:os";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import { writeFileAtomic } from "../experiment/atomic.js";
import { mergeShards, runExperiment } from "../experiment/experiment.js";
import { MAX_REPLICATIONS, pathSegment, type ExperimentPlan, type ScenarioLoader, type ScenarioSource, type Shard } from "../experiment/plan.js";
import { describeRobustness, runRobustness } from "./robustness.js";
import { DEFAULT_SENSITIVITY_PARAMS, planCompare, planRun, planSensitivity, planSweep } from "../experiment/planners.js";
import { defaultWorkers } from "../experiment/pool.js";
import { poolRunner } from "../experiment/runner.js";
import { estimateMemory } from "../market/memory.js";
import { formatKpiValue } from "../report/format.js";
import { chartMessages } from "../report/chartMessages.js";
import { type Messages, messagesFor } from "../report/messages.js";
import { loadScenario } from "../scenario/index.js";
import { scenarioJsonSchemaText } from "../scenario/schema.js";
import type { CliIo } from "./app.js";
import { commandText, resultArguments, resumeCommand } from "./command-line.js";
import {
  choiceOption,
  deltaOption,
  kpiOption,
  listOption,
  paramOptions,
  Problems,
  folderOption,
  seedOption,
  shardFromEnvironment,
  shardOption,
  wholeNumber,
} from "./options.js";
import { createProgress } from "./progress.js";
import { STARTER_SCENARIO } from "./starter.js";

/** Every command, in help order. */
export const COMMANDS = ["run", "compare", "sweep", "sensitivity", "robustness", "validate", "schema", "init", "report", "merge", "query"] as const;

/** A command as yargs parsed it. */
export interface ParsedCommand {
  readonly name: (typeof COMMANDS)[number];
  readonly args: Readonly<Record<string, unknown>>;
}

type Args = Readonly<Record<string, unknown>>;

/** Report languages. */
const LANGUAGES = ["en", "zh-CN"] as const;
type Language = (typeof LANGUAGES)[number];

/**
 * A path as the outputs record it: relative to the working directory with `/` separators, so
 * manifests do not depend on where the project sits on disk.
 */
export function portablePath(path: string): string {
  const relativePath = isAbsolute(path) ? relative(process.cwd(), path) : path;
  return (relativePath === "" ? "." : relativePath).split(sep).join("/");
}

/** The scenario loader the experiment layer uses: scenario/'s loadScenario, paths made portable. */
const load: ScenarioLoader = async (file, sets) => {
  const loaded = await loadScenario(file, { sets });
  return { file: portablePath(file), name: loaded.name, config: loaded.config };
};

/** Loads several scenarios, reporting every file's problems together. */
async function loadAll(files: readonly string[], sets: readonly string[]): Promise<ScenarioSource[]> {
  const problems: string[] = [];
  const sources: ScenarioSource[] = [];
  for (const file of files) {
    try {
      sources.push(await load(file, sets));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const line of error.problems) if (!problems.includes(line)) problems.push(line);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return sources;
}

/** Options shared by the commands that simulate. */
interface RunSettings {
  readonly replications?: number;
  readonly seed?: string | number;
  readonly sets: readonly string[];
  readonly out?: string;
  readonly resume: boolean;
  readonly force: boolean;
  readonly workers: number;
  readonly quiet: boolean;
  readonly json: boolean;
  readonly report: boolean;
  readonly lang: Language;
  /** --interactive: the report embeds vega-embed for tooltips and strategy toggles. */
  readonly interactive: boolean;
  readonly shard?: Shard;
  readonly memoryCheck: boolean;
  readonly csv: boolean;
}

function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Checks the flags every simulating command shares; problems go to `problems`. */
function runSettings(problems: Problems, args: Args, io: CliIo): RunSettings {
  const replications = wholeNumber(problems, "--reps", args["reps"], 1, MAX_REPLICATIONS);
  const seed = seedOption(problems, args["seed"]);
  const workers = wholeNumber(problems, "--workers", args["workers"], 1, 1024);
  const lang = choiceOption(problems, "--lang", args["lang"], LANGUAGES);
  const shard = args["shard"] === undefined ? shardFromEnvironment(problems, io.env) : shardOption(problems, args["shard"]);
  const sets = stringList(args["set"]);
  sets.forEach((text) => {
    if (text.trim() === "") problems.add("--set", "must be written path=value, e.g. population.users=2000", text);
  });
  const outText = folderOption(problems, "--out", args["out"]);
  const resumeText = folderOption(problems, "--resume", args["resume"], "must name the folder of the interrupted run");
  if (outText !== undefined && resumeText !== undefined && resolve(outText) !== resolve(resumeText)) {
    problems.add("--resume", `names a different folder than --out ${outText}; give only --resume`, resumeText);
  }
  if (args["json"] === true && shard !== undefined) problems.add("--json", "has nothing to print for a shard, which assembles no outputs; drop --json or --shard", true);
  return {
    ...(replications === undefined ? {} : { replications }),
    ...(seed === undefined ? {} : { seed }),
    sets,
    ...(resumeText ?? outText) === undefined ? {} : { out: (resumeText ?? outText) as string },
    resume: resumeText !== undefined,
    force: args["force"] === true,
    workers: workers ?? io.defaultWorkers ?? defaultWorkers(),
    quiet: args["quiet"] === true,
    json: args["json"] === true,
    report: args["report"] !== false,
    lang: lang ?? "en",
    interactive: args["interactive"] === true,
    ...(shard === undefined ? {} : { shard }),
    memoryCheck: args["memory-check"] !== false,
    csv: csvSetting(problems, args),
  };
}

/** --csv (default) or --no-csv; the report reads the CSV tables, so --no-csv needs --no-report. */
function csvSetting(problems: Problems, args: Args): boolean {
  const csv = args["csv"] !== false;
  if (!csv && args["report"] !== false) problems.add("--no-csv", "the report reads the CSV tables; add --no-report, or keep the CSV files", "--no-csv");
  return csv;
}

const GIB = 1024 ** 3;

/**
 * Refuses a plan whose simulations, run `workers` at once, would need more memory than the
 * machine has (the market model's estimate).
 */
function checkMemory(plan: ExperimentPlan, settings: RunSettings): void {
  if (!settings.memoryCheck || plan.arms.length === 0) return;
  // The largest run decides; the parameter that drives most of its memory is the one to lower.
  const largest = plan.arms.map((arm) => ({ arm, estimate: estimateMemory(arm.config) })).reduce((a, b) => (b.estimate.total > a.estimate.total ? b : a));
  const perRun = largest.estimate.total;
  const atOnce = Math.max(1, Math.min(settings.workers, plan.units.length));
  const need = perRun * atOnce;
  const have = totalmem();
  if (need > have) {
    const byMerchants = largest.estimate.merchants > largest.estimate.users;
    const field = byMerchants ? "merchants.count" : "population.users";
    const value = byMerchants ? largest.arm.config.merchants.count : largest.arm.config.population.users;
    throw new InputError(
      `${field}: ${atOnce} simulation${atOnce > 1 ? "s" : ""} at once (--workers ${settings.workers}) need about ${(need / GIB).toFixed(1)} GiB (${(perRun / GIB).toFixed(2)} GiB each), more than this machine's ${(have / GIB).toFixed(1)} GiB; lower ${field} or --workers, or add --no-memory-check (got ${value})`,
    );
  }
}

/** Default output folder: `reports/<name>` for run, `reports/<name>-<kind>` otherwise. */
function defaultOut(plan: ExperimentPlan): string {
  const name = pathSegment(plan.name);
  return plan.kind === "run" ? `reports/${name}` : `reports/${name}-${plan.kind}`;
}

/** The main JSON output of each kind (what --json prints). */
const MAIN_OUTPUT: Record<ExperimentPlan["kind"], string> = {
  run: "summary.json",
  compare: "comparison.json",
  sweep: "sweep.json",
  sensitivity: "sensitivity.json",
  robustness: "robustness.json",
};

/** Renders the report of a results folder; its warnings (a missing CJK font) go to stderr. */
async function renderReport(out: string, lang: Language, io: CliIo, interactive = false): Promise<string[]> {
  // Loaded when a report is drawn: validate, schema, init and --no-report runs skip vega's start-up.
  const { writeReport } = await import("../report/index.js");
  return writeReport(out, { lang, interactive, onWarning: (message) => io.stderr(`funnelsim: report: ${message}\n`) });
}

/**
 * A KPI's value as the report writes it (money ¥235bn, shares 24.2%, counts in k/M/bn), one
 * digit more than the report's tables since the summary shows no interval digits of its own.
 */
function formatNumberIn(value: unknown, kpi: string, messages: Messages): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "n/a";
  return formatKpiValue(kpi, value, messages, value, 1);
}

function formatPercent(value: unknown): string {
  return typeof value === "number" ? `${value >= 0 ? "+" : ""}${(value * 100).toFixed(1)}%` : "n/a";
}

interface KpiJson {
  readonly mean?: number | null;
  readonly ci95?: readonly (number | null)[];
}

/** A short human summary of the main output, for stdout when --json is not given, in the report's language. */
function describeOutputs(kind: ExperimentPlan["kind"], text: string | undefined, lang: Language = "en"): string {
  if (text === undefined) return "";
  const data = JSON.parse(text) as Record<string, unknown>;
  const lines: string[] = [];
  const messages = messagesFor(lang);
  const words = chartMessages(messages).cli;
  // Padded to terminal columns: a full-width (Chinese) character takes two.
  const pad = (label: string, width: number) => label + " ".repeat(Math.max(0, width - [...label].reduce((sum, char) => sum + (/[\u2e80-\u9fff\uff00-\uff60]/u.test(char) ? 2 : 1), 0)));
  // KPI names in the language (English keeps the field names scripts grep for).
  const name = (kpi: string) => (lang === "en" ? kpi : (messages.kpis[kpi] ?? kpi));
  const formatNumber = (value: unknown, kpi = "") => formatNumberIn(value, kpi, messages);
  if (kind === "run") {
    const kpis = data["kpis"] as Record<string, KpiJson>;
    lines.push(words.run(data["scenario"] as string, data["replications"] as number));
    for (const [kpi, stats] of Object.entries(kpis)) {
      lines.push(`  ${pad(name(kpi), 20)} ${formatNumber(stats.mean, kpi)} [${formatNumber(stats.ci95?.[0], kpi)}, ${formatNumber(stats.ci95?.[1], kpi)}]`);
    }
  } else if (kind === "compare") {
    const strategies = data["strategies"] as { scenario: string; kpis: Record<string, KpiJson>; vsBaseline: Record<string, { diff: number | null; ci95: (number | null)[]; relative: number | null }> }[];
    lines.push(words.compare(data["baseline"] as string));
    for (const strategy of strategies) {
      const gmv = strategy.vsBaseline["gmv"];
      lines.push(`  ${pad(strategy.scenario, 20)} ${formatNumber(gmv?.diff, "gmv")} [${formatNumber(gmv?.ci95[0], "gmv")}, ${formatNumber(gmv?.ci95[1], "gmv")}] ${formatPercent(gmv?.relative)}`);
    }
  } else if (kind === "robustness") {
    lines.push(...describeRobustness(text));
  } else if (kind === "sweep") {
    const points = data["points"] as { id: string; kpis: Record<string, KpiJson> }[];
    lines.push(words.sweep);
    for (const point of points) {
      const gmv = point.kpis["gmv"];
      lines.push(`  ${point.id}: ${formatNumber(gmv?.mean, "gmv")} [${formatNumber(gmv?.ci95?.[0], "gmv")}, ${formatNumber(gmv?.ci95?.[1], "gmv")}]`);
    }
  } else {
    const rows = data["rows"] as Record<string, unknown>[];
    if (data["method"] === "oat") {
      lines.push(words.oat(`${(data["delta"] as number) * 100}%`));
      for (const row of rows) lines.push(`  ${pad(name(String(row["kpi"])), 12)} ${pad(String(row["param"]), 36)} ${formatNumber(row["swing"], String(row["kpi"]))}`);
    } else {
      lines.push(words.morris);
      for (const row of rows) lines.push(`  ${pad(name(String(row["kpi"])), 12)} ${pad(String(row["param"]), 36)} μ*=${formatNumber(row["muStar"], String(row["kpi"]))} σ=${formatNumber(row["sigma"], String(row["kpi"]))}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Runs a plan into its folder, then the report, then prints. */
async function execute(plan: ExperimentPlan, settings: RunSettings, argv: readonly string[], io: CliIo): Promise<number> {
  checkMemory(plan, settings);
  const out = settings.out ?? defaultOut(plan);
  const progress = createProgress(io.progressStream ?? process.stderr, io.progressStream !== undefined && !settings.quiet);
  let outcome;
  try {
    outcome = await runExperiment(plan, {
      out,
      command: commandText(resultArguments(argv)),
      runner: io.runner ?? poolRunner(),
      workers: settings.workers,
      force: settings.force,
      resume: settings.resume,
      ...(settings.shard === undefined ? {} : { shard: settings.shard }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onProgress: (done, total) => progress.update(done, total),
      resumeCommand: resumeCommand(argv, out),
      outFlag: settings.resume ? `--resume ${out}` : `--out ${out}`,
      csv: settings.csv,
    });
  } finally {
    progress.stop();
  }
  if (settings.shard !== undefined) {
    io.stderr(`shard ${settings.shard.index}/${settings.shard.count}: ${outcome.ran + outcome.reused} runs saved in ${out}; when every shard is done: funnelsim merge <shard folders…> --out DIR\n`);
    return 0;
  }
  if (settings.report) {
    try {
      await renderReport(out, settings.lang, io, settings.interactive);
    } catch (error) {
      // The results are safe on disk; say so before the error itself is reported.
      io.stderr(`funnelsim: results saved in ${out}/, but the report failed; render it again with: funnelsim report ${out}\n`);
      throw error;
    }
  }
  const main = outcome.outputs.get(MAIN_OUTPUT[plan.kind]);
  if (settings.json) io.stdout(main ?? "");
  else io.stdout(`${describeOutputs(plan.kind, main, settings.lang)}${chartMessages(messagesFor(settings.lang)).cli.results(out)}\n`);
  return 0;
}

async function runRun(args: Args, argv: readonly string[], io: CliIo): Promise<number> {
  const problems = new Problems();
  const settings = runSettings(problems, args, io);
  problems.throwIfAny();
  const [source] = await loadAll([String(args["scenario"])], settings.sets);
  if (source === undefined) throw new Error("loadAll returned no scenario");
  const plan = planRun(source, { ...pick(settings) });
  return execute(plan, settings, argv, io);
}

function pick(settings: RunSettings): { replications?: number; seed?: string | number } {
  return {
    ...(settings.replications === undefined ? {} : { replications: settings.replications }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
  };
}

async function runCompare(args: Args, argv: readonly string[], io: CliIo): Promise<number> {
  const problems = new Problems();
  const settings = runSettings(problems, args, io);
  const baselineText = args["baseline"];
  if (Array.isArray(baselineText)) problems.add("--baseline", "may be given only once", baselineText);
  problems.throwIfAny();
  const files = stringList(args["scenarios"]);
  const baselineFile = typeof baselineText === "string" ? baselineText : (files[0] as string);
  // The baseline loads first so its problems lead; it is run once even when also listed.
  const all = await loadAll([baselineFile, ...files.filter((file) => portablePath(file) !== portablePath(baselineFile))], settings.sets);
  const baseline = all[0] as ScenarioSource;
  const byFile = new Map(all.map((source) => [source.file, source]));
  const sources = files.map((file) => byFile.get(portablePath(file)) as ScenarioSource);
  const plan = planCompare(sources, baseline, pick(settings));
  const seeds = new Set(plan.scenarios.map((scenario) => String(scenario.seed)));
  if (seeds.size > 1 && !settings.json) {
    io.stderr(`funnelsim: note: the scenarios have different seeds (${[...seeds].join(", ")}), so they do not share random streams and paired intervals are wider; pass --seed to align them\n`);
  }
  return execute(plan, settings, argv, io);
}

async function runSweep(args: Args, argv: readonly string[], io: CliIo): Promise<number> {
  const problems = new Problems();
  const settings = runSettings(problems, args, io);
  const params = paramOptions(problems, args["param"]);
  if (args["param"] === undefined) problems.add("--param", "is required, e.g. --param levers.boost.multiplier=1,1.5,2", "nothing");
  problems.throwIfAny();
  const [source] = await loadAll([String(args["scenario"])], settings.sets);
  if (source === undefined) throw new Error("loadAll returned no scenario");
  const plan = await planSweep({ source, sets: settings.sets, load, params, zip: args["zip"] === true, ...pick(settings) });
  return execute(plan, settings, argv, io);
}

async function runSensitivity(args: Args, argv: readonly string[], io: CliIo): Promise<number> {
  const problems = new Problems();
  const settings = runSettings(problems, args, io);
  const params = args["params"] === undefined ? [...DEFAULT_SENSITIVITY_PARAMS] : listOption(args["params"]);
  if (params.length === 0 || params.some((param) => param === "")) problems.add("--params", "must list parameter paths separated by commas", args["params"]);
  const delta = deltaOption(problems, args["delta"]) ?? 0.2;
  const method = choiceOption(problems, "--method", args["method"], ["oat", "morris"] as const) ?? "oat";
  const trajectories = wholeNumber(problems, "--trajectories", args["trajectories"], 2, 1000) ?? 10;
  const kpis = kpiOption(problems, args["kpi"]) ?? ["gmv"];
  if (args["trajectories"] !== undefined && method !== "morris") problems.add("--trajectories", "applies to --method morris only", args["trajectories"]);
  problems.throwIfAny();
  const [source] = await loadAll([String(args["scenario"])], settings.sets);
  if (source === undefined) throw new Error("loadAll returned no scenario");
  const plan = await planSensitivity({ source, sets: settings.sets, load, params, delta, method, trajectories, kpis, ...pick(settings) });
  return execute(plan, settings, argv, io);
}

async function runValidate(args: Args, io: CliIo): Promise<number> {
  const sets = stringList(args["set"]);
  let failed = false;
  for (const file of stringList(args["scenarios"])) {
    try {
      await loadScenario(file, { sets });
      io.stdout(`ok ${file}\n`);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      failed = true;
      for (const line of error.problems) io.stderr(`${line}\n`);
    }
  }
  return failed ? 2 : 0;
}

async function runInit(args: Args, io: CliIo): Promise<number> {
  const dir = String(args["dir"] ?? ".");
  const scenarioFile = join(dir, "scenario.yaml");
  const schemaFile = join(dir, "scenario.schema.json");
  const existing = [scenarioFile, schemaFile].filter((file) => existsSync(file));
  if (existing.length > 0) {
    throw new InputError(existing.map((file) => `${portablePath(file)}: already exists; init never overwrites: choose another folder or remove it`));
  }
  writeFileAtomic(schemaFile, scenarioJsonSchemaText());
  writeFileAtomic(scenarioFile, STARTER_SCENARIO);
  io.stdout(`wrote ${portablePath(scenarioFile)}\nwrote ${portablePath(schemaFile)}\nnext: funnelsim run ${portablePath(scenarioFile)}\n`);
  return 0;
}

async function runReport(args: Args, io: CliIo): Promise<number> {
  const problems = new Problems();
  const lang = choiceOption(problems, "--lang", args["lang"], LANGUAGES) ?? "en";
  const dir = String(args["dir"]);
  if (!existsSync(join(dir, "manifest.json"))) problems.add("report", `${dir} holds no funnelsim results (no manifest.json); give the --out folder of a run`, dir);
  problems.throwIfAny();
  const files = await renderReport(dir, lang, io, args["interactive"] === true);
  for (const file of files) io.stdout(`wrote ${file}\n`);
  return 0;
}

async function runMerge(args: Args, io: CliIo): Promise<number> {
  const problems = new Problems();
  const lang = choiceOption(problems, "--lang", args["lang"], LANGUAGES) ?? "en";
  const out = folderOption(problems, "--out", args["out"]);
  const csv = csvSetting(problems, args);
  problems.throwIfAny();
  if (out === undefined) throw new InputError(["--out: must name a folder"]);
  const outcome = await mergeShards(stringList(args["dirs"]), out, { force: args["force"] === true, csv });
  if (args["report"] !== false) await renderReport(out, lang, io, args["interactive"] === true);
  const main = outcome.outputs.get(MAIN_OUTPUT[outcome.manifest.kind]);
  if (args["json"] === true) io.stdout(main ?? "");
  else io.stdout(`${describeOutputs(outcome.manifest.kind, main)}results in ${out}/\n`);
  return 0;
}

/**
 * Runs a parsed command.
 * @param argv - the raw arguments (recorded in the manifest, quoted in the resume hint).
 * @returns the exit code.
 */
export async function runCommand(command: ParsedCommand, argv: readonly string[], io: CliIo): Promise<number> {
  const { args } = command;
  switch (command.name) {
    case "run":
      return runRun(args, argv, io);
    case "compare":
      return runCompare(args, argv, io);
    case "sweep":
      return runSweep(args, argv, io);
    case "sensitivity":
      return runSensitivity(args, argv, io);
    case "robustness":
      return runRobustness(args, argv, io, { runSettings, loadAll, load, execute });
    case "validate":
      return runValidate(args, io);
    case "schema":
      io.stdout(scenarioJsonSchemaText());
      return 0;
    case "init":
      return runInit(args, io);
    case "report":
      return runReport(args, io);
    case "merge":
      return runMerge(args, io);
    case "query":
      // Loaded when used: the other commands skip DuckDB's start-up.
      return (await import("./query.js")).runQuery(args, io);
  }
}
