/**
 * Running an experiment end to end: prepare the folder, save the plan, run the units not yet on
 * disk (saving each as it finishes), then assemble every output from the unit files.
 *
 * Because each finished unit is on disk before the next starts and outputs come only from unit
 * files, an interrupt loses at most the units running at that instant, `--resume` finishes the
 * rest, and a sharded run merged later gives the same bytes as one run on one machine.
 */
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { InputError, InterruptedError } from "../errors.js";
import type { SimulationResult } from "../market/result.js";
import { removeTemporaryFiles, writeFileAtomic } from "./atomic.js";
import { assembleAll } from "./assemble.js";
import { buildManifest, type Manifest } from "./manifest.js";
import { writeParquetTables } from "./parquet.js";
import { shardUnits, type ExperimentPlan, type Shard, type WorkUnit } from "./plan.js";
import type { UnitRunner } from "./runner.js";
import type { ResultTable } from "./tables.js";
import {
  dropReplacedRun,
  hasReplacedRun,
  planFileName,
  prepareOutputFolder,
  REPLACED_FOLDER,
  readPlanFiles,
  readUnit,
  unitExists,
  unitPath,
  UNITS_FOLDER,
  writePlanFile,
  writeUnit,
  type PlanFile,
} from "./store.js";

/** Options of {@link runExperiment}. */
export interface ExperimentOptions {
  /** Output folder (relative to the working directory in everything written). */
  readonly out: string;
  /** The command line recorded in the manifest (shell-quoted text). */
  readonly command: string;
  /** Runs the simulations (see runner.ts). */
  readonly runner: UnitRunner;
  /** Simulations at once (default 1). */
  readonly workers?: number;
  /** Replace a different run's results in `out`. */
  readonly force?: boolean;
  /** Keep units already saved in `out` (which must hold this run). */
  readonly resume?: boolean;
  /** Run only this slice of the units and write only unit files and the shard's plan. */
  readonly shard?: Shard;
  /** Stop starting units when aborted; the run then throws {@link InterruptedError}. */
  readonly signal?: AbortSignal;
  /** Progress: units done (saved or reused) of the units this process is responsible for. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The command that resumes this run, quoted in the interrupt message. */
  readonly resumeCommand?: string;
  /** How `out` was named on the command line, for messages (default `--out <out>`). */
  readonly outFlag?: string;
  /** Write the long tables as CSV too (default true; Parquet is always written). */
  readonly csv?: boolean;
}

/** What {@link runExperiment} did. */
export interface ExperimentOutcome {
  readonly out: string;
  readonly manifest: Manifest;
  /** Units simulated by this call. */
  readonly ran: number;
  /** Units found on disk and reused (resume). */
  readonly reused: number;
  /** The assembled outputs by file name (empty for a shard, which assembles nothing). */
  readonly outputs: ReadonlyMap<string, string>;
}

/** Reads every unit of a plan from `folders` (the first that has it). */
function collectResults(plan: ExperimentPlan, hash: string, folders: readonly string[]): { results: Map<string, SimulationResult>; missing: WorkUnit[] } {
  const results = new Map<string, SimulationResult>();
  const missing: WorkUnit[] = [];
  for (const unit of plan.units) {
    let found: SimulationResult | undefined;
    for (const folder of folders) {
      found = readUnit(folder, unit.id, hash);
      if (found !== undefined) break;
    }
    if (found === undefined) missing.push(unit);
    else results.set(unit.id, found);
  }
  return { results, missing };
}

/**
 * Writes assembled outputs atomically: the text files (the CSV tables unless `csv` is false), the
 * Parquet tables, manifest.json last (its presence marks a complete folder).
 */
async function writeOutputs(out: string, outputs: ReadonlyMap<string, string>, tables: readonly ResultTable[], csv: boolean): Promise<void> {
  for (const [name, text] of outputs) {
    if (name === "manifest.json") continue;
    // Without CSV, a CSV table left by an earlier run of the same results goes, so every file in the folder is this command's.
    if (!csv && name.endsWith(".csv")) rmSync(join(out, name), { force: true });
    else writeFileAtomic(join(out, name), text);
  }
  await writeParquetTables(out, tables);
  const manifest = outputs.get("manifest.json");
  if (manifest !== undefined) writeFileAtomic(join(out, "manifest.json"), manifest);
}

/**
 * Runs a planned experiment into `options.out` and assembles its outputs.
 *
 * @returns what was run and the assembled outputs.
 * @throws {InputError} when `out` holds another run (without force) or, on resume, not this one.
 * @throws {InterruptedError} when aborted: every finished unit is saved; the message says how many
 *   and how to resume.
 * @throws {UnitError} when a simulation fails.
 */
export async function runExperiment(plan: ExperimentPlan, options: ExperimentOptions): Promise<ExperimentOutcome> {
  const { out } = options;
  const manifest = buildManifest(plan, options.command);
  prepareOutputFolder(out, manifest.hash, {
    ...(options.force === undefined ? {} : { force: options.force }),
    ...(options.resume === undefined ? {} : { resume: options.resume }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.outFlag === undefined ? {} : { flag: options.outFlag }),
  });
  const mine = shardUnits(plan.units, options.shard);
  // A shard clears only its own leftovers: sibling shards may be writing into the same folder.
  const own = options.shard === undefined ? undefined : new Set([...mine.map((unit) => unitPath(out, unit.id)), join(out, UNITS_FOLDER, planFileName(options.shard))]);
  removeTemporaryFiles(out, own === undefined ? undefined : (target) => own.has(target));
  writePlanFile(out, { manifest, shard: options.shard ?? null, plan });

  const todo = options.resume ? mine.filter((unit) => readUnit(out, unit.id, manifest.hash) === undefined) : mine;
  const reused = mine.length - todo.length;
  let done = reused;
  options.onProgress?.(done, mine.length);
  if (!options.signal?.aborted) {
    await options.runner(todo, {
      workers: options.workers ?? 1,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onResult: (unit, result) => {
        writeUnit(out, unit, manifest.hash, result);
        done += 1;
        options.onProgress?.(done, mine.length);
      },
    });
  }
  if (options.signal?.aborted) {
    const saved = mine.filter((unit) => unitExists(out, unit.id)).length;
    const hint = options.resumeCommand === undefined ? "" : `; resume with: ${options.resumeCommand}`;
    const kept = hasReplacedRun(out) ? `; the results it replaces stay in ${join(out, REPLACED_FOLDER)} until it completes` : "";
    throw new InterruptedError(`interrupted: ${saved} of ${mine.length} runs saved in ${out}${hint}${kept}`);
  }
  if (options.shard !== undefined) return { out, manifest, ran: todo.length, reused, outputs: new Map() };

  const { results, missing } = collectResults(plan, manifest.hash, [out]);
  if (missing.length > 0) throw new Error(`${missing.length} runs have no saved result after running (first: ${missing[0]?.id})`);
  const { files: outputs, tables } = assembleAll(plan, manifest, results);
  await writeOutputs(out, outputs, tables, options.csv ?? true);
  dropReplacedRun(out);
  return { out, manifest, ran: todo.length, reused, outputs };
}

/** What {@link mergeShards} did. */
export interface MergeOutcome {
  readonly out: string;
  readonly manifest: Manifest;
  readonly outputs: ReadonlyMap<string, string>;
}

/**
 * Merges the folders written by `--shard i/n` runs into the outputs one unsharded run would have
 * written (unit files copied too, so the merged folder can be resumed or merged again).
 *
 * @param folders - shard output folders (several shards may share one folder).
 * @param out - the merged output folder.
 * @throws {InputError} when the folders hold different runs (scenario, seed, design or funnelsim
 *   version: the manifest hash), a shard appears twice, shards are missing (named), or a shard
 *   lacks some of its runs.
 */
export async function mergeShards(folders: readonly string[], out: string, options: { readonly force?: boolean; readonly csv?: boolean } = {}): Promise<MergeOutcome> {
  const found: { folder: string; file: PlanFile }[] = [];
  const problems: string[] = [];
  for (const folder of folders) {
    const files = readPlanFiles(folder);
    if (files.length === 0) problems.push(`${folder}: holds no funnelsim shard (no units/plan*.json)`);
    for (const file of files) found.push({ folder, file });
  }
  if (problems.length > 0) throw new InputError(problems);
  const first = found[0];
  if (first === undefined) throw new InputError("merge: needs at least one shard folder");
  const hash = first.file.manifest.hash;
  for (const { folder, file } of found) {
    if (file.manifest.hash !== hash) {
      problems.push(
        `${folder}: is a shard of a different run than ${first.folder} (hash ${file.manifest.hash.slice(0, 12)} ≠ ${hash.slice(0, 12)}: scenario, seed, design or funnelsim version differ)`,
      );
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  // A complete (unsharded) plan file counts as having every unit; otherwise every shard of one count must be there once.
  const complete = found.find(({ file }) => file.shard === null);
  if (complete === undefined) {
    const counts = [...new Set(found.map(({ file }) => file.shard?.count ?? 0))];
    if (counts.length > 1) problems.push(`merge: the shards were cut in different counts (${counts.join(", ")}); merge shards of one --shard i/n run`);
    const count = counts[0] ?? 0;
    const seen = new Map<number, string>();
    for (const { folder, file } of found) {
      const index = file.shard?.index ?? 0;
      const previous = seen.get(index);
      if (previous !== undefined && previous !== folder) problems.push(`merge: shard ${index}/${count} appears twice (${previous} and ${folder})`);
      seen.set(index, folder);
    }
    const absent: number[] = [];
    for (let index = 1; index <= count; index++) if (!seen.has(index)) absent.push(index);
    if (absent.length > 0) problems.push(`merge: missing shard${absent.length > 1 ? "s" : ""} ${absent.map((index) => `${index}/${count}`).join(", ")}; run ${absent.length > 1 ? "them" : "it"} and merge again`);
  }
  if (problems.length > 0) throw new InputError(problems);

  const { plan } = first.file;
  const folderList = [...new Set(found.map(({ folder }) => folder))];
  const { results, missing } = collectResults(plan, hash, folderList);
  if (missing.length > 0) {
    throw new InputError(
      `merge: ${missing.length} of ${plan.units.length} runs are missing (first: ${missing[0]?.id}); finish the shard that owns them with --resume, then merge again`,
    );
  }
  const manifest: Manifest = first.file.manifest;
  // Merging into one of the shard folders keeps its files; any other folder is checked like --out.
  const inPlace = folderList.some((folder) => resolve(folder) === resolve(out));
  if (!inPlace) prepareOutputFolder(out, hash, { ...(options.force === undefined ? {} : { force: options.force }), flag: `--out ${out}` });
  removeTemporaryFiles(out);
  // Unit files are rewritten from the parsed results: JSON round-trips numbers exactly, so the
  // bytes equal the shard's, and nothing is copied half-way if the merge is killed.
  for (const unit of plan.units) {
    const result = results.get(unit.id);
    if (result !== undefined) writeUnit(out, unit, hash, result);
  }
  writePlanFile(out, { manifest, shard: null, plan });
  const { files: outputs, tables } = assembleAll(plan, manifest, results);
  await writeOutputs(out, outputs, tables, options.csv ?? true);
  if (!inPlace) dropReplacedRun(out);
  return { out, manifest, outputs };
}
