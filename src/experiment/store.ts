/**
 * The output folder on disk: unit files, the saved plan, and the checks that keep one folder to
 * one run.
 *
 * ```
 * <out>/units/plan.json                  plan + manifest (a shard writes plan.shard-<i>-of-<n>.json)
 * <out>/units/<kind>/<scenario>/<point>/rep-<r>.json   one finished simulation each
 * <out>/summary.json … manifest.json     assembled outputs (manifest.json last: it marks completion)
 * ```
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { SimulationResult } from "../market/result.js";
import { writeFileAtomic } from "./atomic.js";
import { compactJson } from "./format.js";
import type { Manifest } from "./manifest.js";
import type { ExperimentPlan, Shard, WorkUnit } from "./plan.js";

/** Folder of the unit files inside an output folder. */
export const UNITS_FOLDER = "units";

/**
 * Where a forced run keeps the results it replaces until it completes: an interrupted or failed
 * replacement then loses nothing, and a completed one leaves none of the old run's files (another
 * kind's comparison.json, charts) beside its own.
 */
export const REPLACED_FOLDER = ".replaced-run";

/** What a plan file holds. */
export interface PlanFile {
  readonly manifest: Manifest;
  readonly shard: Shard | null;
  readonly plan: ExperimentPlan;
}

/** A unit file: the result with the run it belongs to. */
interface UnitFile {
  readonly unit: string;
  readonly run: string;
  readonly result: SimulationResult;
}

/** Name of the plan file of a shard, or of the whole run. */
export function planFileName(shard: Shard | null | undefined): string {
  return shard ? `plan.shard-${shard.index}-of-${shard.count}.json` : "plan.json";
}

/** Path of a unit's file. */
export function unitPath(out: string, unitId: string): string {
  return join(out, UNITS_FOLDER, `${unitId}.json`);
}

/** Saves the plan file (atomically). */
export function writePlanFile(out: string, file: PlanFile): void {
  writeFileAtomic(join(out, UNITS_FOLDER, planFileName(file.shard)), compactJson(file));
}

/** Every plan file in an output folder (the whole run's and any shards'), unparsed problems skipped. */
export function readPlanFiles(out: string): PlanFile[] {
  const folder = join(out, UNITS_FOLDER);
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => /^plan(\.shard-\d+-of-\d+)?\.json$/.test(name)).sort();
  } catch {
    return [];
  }
  const files: PlanFile[] = [];
  for (const name of names) {
    try {
      const file = JSON.parse(readFileSync(join(folder, name), "utf8")) as Partial<PlanFile> | null;
      if (isPlanFile(file)) files.push(file);
    } catch {
      // Plan files are written atomically, so an unreadable one was not written by funnelsim: ignore it.
    }
  }
  return files;
}

function isPlanFile(file: Partial<PlanFile> | null): file is PlanFile {
  return (
    typeof file === "object" &&
    file !== null &&
    typeof file.manifest?.hash === "string" &&
    typeof file.plan === "object" &&
    file.plan !== null &&
    Array.isArray(file.plan.units) &&
    (file.shard === null || (typeof file.shard === "object" && typeof file.shard?.index === "number"))
  );
}

/** The hash of the run whose results a folder holds (manifest.json, else a plan file), if any. */
export function folderRunHash(out: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { hash?: unknown };
    if (typeof manifest.hash === "string") return manifest.hash;
  } catch {
    // no complete run: look for a plan file below
  }
  return readPlanFiles(out)[0]?.manifest.hash;
}

/** Saves one unit's result (atomically, synchronously). */
export function writeUnit(out: string, unit: WorkUnit, runHash: string, result: SimulationResult): void {
  const file: UnitFile = { unit: unit.id, run: runHash, result };
  writeFileAtomic(unitPath(out, unit.id), compactJson(file));
}

/**
 * Reads a unit's saved result, or undefined when it is absent, unreadable or from another run
 * (then the unit is simply run again).
 */
export function readUnit(out: string, unitId: string, runHash: string): SimulationResult | undefined {
  let text: string;
  try {
    text = readFileSync(unitPath(out, unitId), "utf8");
  } catch {
    return undefined;
  }
  try {
    const file = JSON.parse(text) as Partial<UnitFile>;
    if (file.unit !== unitId || file.run !== runHash || file.result === undefined) return undefined;
    return file.result;
  } catch {
    return undefined;
  }
}

/** Whether a unit's file exists (without parsing it). */
export function unitExists(out: string, unitId: string): boolean {
  return existsSync(unitPath(out, unitId));
}

/** Options of {@link prepareOutputFolder}. */
export interface PrepareOptions {
  /** Replace a different run's results. */
  readonly force?: boolean;
  /** Keep this run's finished units (the folder must hold this run). */
  readonly resume?: boolean;
  /** A shard of the run: other shards' files in the same folder are kept. */
  readonly shard?: Shard;
  /** How the folder was named on the command line, for messages. */
  readonly flag?: string;
}

function isEmptyFolder(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return true;
  }
}

/** Whether `out` holds nothing but a units/ folder without a plan yet: another shard is starting in it. */
function isShardBeingStarted(out: string): boolean {
  try {
    const entries = readdirSync(out);
    return entries.length === 1 && entries[0] === UNITS_FOLDER && statSync(join(out, UNITS_FOLDER)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Makes `out` ready for the run `hash`: refuses a folder holding another run's results (or files
 * that are not funnelsim's) unless forced, and clears stale unit files unless resuming.
 * @throws {InputError} with the fix in the message.
 */
export function prepareOutputFolder(out: string, hash: string, options: PrepareOptions = {}): void {
  const flag = options.flag ?? `--out ${out}`;
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new InputError(`${flag}: is a file, not a folder; choose another --out`);
  }
  const existing = folderRunHash(out);
  if (options.resume) {
    if (existing === undefined) throw new InputError(`${flag}: holds no funnelsim run to resume (no manifest.json or units/plan.json)`);
    if (existing !== hash) {
      throw new InputError(
        `${flag}: holds a different run (hash ${existing.slice(0, 12)}, this command's is ${hash.slice(0, 12)}); resume with the command that made it, or start afresh with another --out`,
      );
    }
    return;
  }
  if (existing === undefined) {
    // A sibling shard starting at the same moment may have made units/ but not yet renamed its plan file into it.
    if (options.shard !== undefined && isShardBeingStarted(out)) return;
    if (!isEmptyFolder(out) && !options.force) {
      throw new InputError(`${flag}: is not empty and holds no funnelsim results; choose another --out or add --force to write into it`);
    }
    return;
  }
  if (existing !== hash) {
    if (!options.force) {
      throw new InputError(
        `${flag}: holds the results of a different run (hash ${existing.slice(0, 12)}, this command's is ${hash.slice(0, 12)}); choose another --out or add --force to replace them`,
      );
    }
    setAsideReplacedRun(out);
    return;
  }
  // The same run again without --resume: start afresh (a shard keeps its siblings' files).
  if (options.shard === undefined) rmSync(join(out, UNITS_FOLDER), { recursive: true, force: true });
}

/**
 * Moves a run that --force replaces into {@link REPLACED_FOLDER}, manifest.json first so the
 * folder never looks complete meanwhile. When that folder already holds a replaced run (an earlier
 * replacement was interrupted), what is in `out` now is that replacement's partial work: it is
 * removed, and the complete results kept aside stay.
 */
function setAsideReplacedRun(out: string): void {
  const aside = join(out, REPLACED_FOLDER);
  const keep = !existsSync(aside);
  if (keep) mkdirSync(aside);
  const entries = readdirSync(out).filter((name) => name !== REPLACED_FOLDER);
  const ordered = [...entries.filter((name) => name === "manifest.json"), ...entries.filter((name) => name !== "manifest.json")];
  for (const name of ordered) {
    if (keep) renameSync(join(out, name), join(aside, name));
    else rmSync(join(out, name), { recursive: true, force: true });
  }
}

/** Deletes the results a completed run replaced (see {@link REPLACED_FOLDER}). */
export function dropReplacedRun(out: string): void {
  rmSync(join(out, REPLACED_FOLDER), { recursive: true, force: true });
}

/** Whether `out` keeps a run that an unfinished --force replacement set aside. */
export function hasReplacedRun(out: string): boolean {
  return existsSync(join(out, REPLACED_FOLDER));
}
