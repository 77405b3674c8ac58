/**
 * `funnelsim calibrate <scenario> --targets <file>`: checks the flags, loads the scenario and the
 * targets (every problem of both at once), runs the calibration, renders its report and prints
 * target against fitted.
 */
import { InputError } from "../errors.js";
import { runCalibration, planCalibration } from "../experiment/calibrate/calibrate.js";
import { pathSegment } from "../experiment/plan.js";
import { openPoolSession } from "../experiment/calibrate/pool-session.js";
import { loadTargets, type TargetsFile } from "../scenario/targets.js";
import type { CliIo } from "./app.js";
import { commandText, resultArguments, resumeCommand } from "./command-line.js";
import { load, portablePath, runSettings, type Args } from "./commands.js";
import { Problems, wholeNumber } from "./options.js";
import { createProgress } from "./progress.js";

interface TargetJson {
  readonly name: string;
  readonly value: number;
  readonly fitted: number | null;
  readonly ci95: readonly (number | null)[] | null;
  readonly within: boolean;
  readonly direction: string;
}

interface ParameterJson {
  readonly path: string;
  readonly fitted: number;
  readonly sd: number | null;
  readonly constrained: string;
}

function short(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${(value / 1e9).toPrecision(4)}e9`;
  if (magnitude >= 1e6) return `${(value / 1e6).toPrecision(4)}e6`;
  return value.toPrecision(4).replace(/\.?0+$/, (match) => (match.includes(".") ? "" : match));
}

/** Target against fitted and the parameters, for stdout. */
function describe(text: string): string {
  const data = JSON.parse(text) as { loss: number | null; stop: { reason: string; evaluations: number }; targets: TargetJson[]; parameters: ParameterJson[] };
  const lines = [`calibrated in ${data.stop.evaluations} evaluations (${data.stop.reason}), loss ${short(data.loss)}`];
  lines.push("  target               value       fitted [95% CI]");
  for (const target of data.targets) {
    const sign = target.direction === "atLeast" ? "≥" : target.direction === "atMost" ? "≤" : " ";
    const interval = target.ci95 === null ? "" : ` [${short(target.ci95[0])}, ${short(target.ci95[1])}]`;
    lines.push(`  ${target.name.padEnd(20)} ${sign}${short(target.value).padEnd(10)} ${short(target.fitted)}${interval}${target.within ? "" : "  (misses)"}`);
  }
  lines.push("  parameter                                fitted     ± sd        constrained");
  for (const parameter of data.parameters) {
    lines.push(`  ${parameter.path.padEnd(40)} ${short(parameter.fitted).padEnd(10)} ${short(parameter.sd).padEnd(11)} ${parameter.constrained}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Runs the calibrate command. */
export async function runCalibrate(args: Args, argv: readonly string[], io: CliIo): Promise<number> {
  const problems = new Problems();
  const settings = runSettings(problems, args, io);
  const maxEvaluations = wholeNumber(problems, "--max-evaluations", args["max-evaluations"], 2, 100_000);
  if (settings.shard !== undefined) {
    problems.add(
      "--shard",
      "does not apply to calibrate: each candidate depends on the last one's loss, so slices cannot run apart; its replications run in parallel with --workers, and --resume continues an interrupted calibration",
      `${settings.shard.index}/${settings.shard.count}`,
    );
  }
  const targetsText = args["targets"];
  if (Array.isArray(targetsText)) problems.add("--targets", "may be given only once", targetsText);
  else if (typeof targetsText !== "string" || targetsText.trim() === "") problems.add("--targets", "must name a targets file", targetsText ?? "nothing");
  problems.throwIfAny();

  // The scenario's and the targets' problems together, so one try shows all of them.
  const lines: string[] = [];
  let targets: TargetsFile | undefined;
  let source;
  try {
    targets = await loadTargets(portablePath(String(targetsText)));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    lines.push(...error.problems);
  }
  try {
    source = await load(String(args["scenario"]), settings.sets);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    lines.push(...error.problems);
  }
  if (lines.length > 0 || targets === undefined || source === undefined) throw new InputError(lines);
  const input = {
    source,
    sets: settings.sets,
    load,
    targets,
    ...(settings.replications === undefined ? {} : { replications: settings.replications }),
    ...(settings.seed === undefined ? {} : { seed: settings.seed }),
    ...(maxEvaluations === undefined ? {} : { maxEvaluations }),
  };
  const plan = await planCalibration(input);
  const out = settings.out ?? `reports/${pathSegment(plan.scenario.name)}-calibrate`;
  const progress = createProgress(io.progressStream ?? process.stderr, io.progressStream !== undefined && !settings.quiet);
  // One pool for the whole calibration: a candidate's few replications would otherwise pay for
  // starting the threads again every time.
  const session = io.runner === undefined ? openPoolSession(settings.workers) : undefined;
  let outcome;
  try {
    outcome = await runCalibration(plan, input, {
      out,
      command: commandText(resultArguments(argv)),
      runner: io.runner ?? (session as NonNullable<typeof session>).runner,
      workers: settings.workers,
      force: settings.force,
      resume: settings.resume,
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onProgress: (done, budget) => progress.update(Math.min(done, budget), budget),
      resumeCommand: resumeCommand(argv, out),
      outFlag: settings.resume ? `--resume ${out}` : `--out ${out}`,
    });
  } finally {
    progress.stop();
    await session?.close();
  }
  if (settings.report) {
    try {
      const { writeCalibrationReport } = await import("../report/calibration.js");
      await writeCalibrationReport(out);
    } catch (error) {
      io.stderr(`funnelsim: results saved in ${out}/, but the report failed\n`);
      throw error;
    }
  }
  const summary = outcome.outputs.get("calibration.json") ?? "";
  if (settings.json) io.stdout(summary);
  else io.stdout(`${describe(summary)}fitted scenario in ${out}/fitted.yaml; results in ${out}/\n`);
  return 0;
}
