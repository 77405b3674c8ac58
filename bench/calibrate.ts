/**
 * A calibration's time: `funnelsim calibrate` of the 4 parameters of
 * scenarios/calibration/public-figures.yaml on the 3,000-user default (scenarios/baseline.yaml),
 * as a user runs it (a pool session of --workers threads), into a temporary folder.
 *
 *   npm run bench -- calibrate [--workers 2] [--reps 4] [--max-evaluations 100] [--json]
 *
 * Prints wall time and the process's CPU time (every thread's, from process.cpuUsage), the
 * evaluations and replications run, and the machine's conditions: on a shared machine the wall
 * time says as much about the neighbours as about funnelsim, the CPU time less so.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/app.js";
import { describeMachine, intOption, machineConditions, peakRssBytes, report, stringOption, type Bench, type BenchArgs } from "./common.js";

async function run(args: BenchArgs): Promise<void> {
  const workers = intOption(args, "workers", 2);
  const scenario = stringOption(args, "scenario", "scenarios/baseline.yaml");
  const targets = stringOption(args, "targets", "scenarios/calibration/public-figures.yaml");
  const out = mkdtempSync(join(tmpdir(), "funnelsim-bench-calibrate-"));
  const argv = ["calibrate", scenario, "--targets", targets, "--out", join(out, "run"), "--workers", String(workers), "--no-report", "--quiet"];
  if (args.options.has("reps")) argv.push("--reps", String(intOption(args, "reps", 4)));
  if (args.options.has("max-evaluations")) argv.push("--max-evaluations", String(intOption(args, "max-evaluations", 100)));
  const before = machineConditions();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let stderr = "";
  const code = await main(argv, { stdout: () => {}, stderr: (text) => void (stderr += text), env: {} });
  const wall = (performance.now() - start) / 1000;
  const usage = process.cpuUsage(cpuStart);
  const cpu = (usage.user + usage.system) / 1e6;
  if (code !== 0) throw new Error(`bench calibrate: exit ${code}: ${stderr}`);
  const summary = JSON.parse(readFileSync(join(out, "run", "calibration.json"), "utf8")) as { stop: { evaluations: number; reason: string }; replications: number; loss: number; parameters: unknown[] };
  const evaluations = readFileSync(join(out, "run", "evaluations.csv"), "utf8").trim().split("\n").length - 1;
  rmSync(out, { recursive: true, force: true });
  const after = machineConditions();
  report(
    args,
    { bench: "calibrate", scenario, targets, workers, parameters: summary.parameters.length, replications: summary.replications, evaluations, stop: summary.stop.reason, wallSeconds: wall, cpuSeconds: cpu, loss: summary.loss, peakRssBytes: peakRssBytes(), before, after },
    [
      `calibrate ${scenario} to ${targets}: ${summary.parameters.length} parameters, ${evaluations} evaluations (optimizer ${summary.stop.evaluations}, stopped: ${summary.stop.reason}) × ${summary.replications} replications, ${workers} workers`,
      `  wall ${(wall / 60).toFixed(2)} min, CPU ${(cpu / 60).toFixed(2)} min (all threads), final loss ${summary.loss.toPrecision(4)}, peak RSS ${(peakRssBytes() / 2 ** 20).toFixed(0)} MiB (main thread's process)`,
      `  before: ${describeMachine(before)}`,
      `  after:  ${describeMachine(after)}`,
    ],
  );
}

export const calibrateBench: Bench & { byNameOnly: true } = {
  description: "time of a 4-parameter calibration on the 3,000-user default (wall and CPU)",
  byNameOnly: true,
  run,
};
