/**
 * Atomic file writes: write the whole text to a temporary name in the same folder, flush it to
 * disk, then rename it over the target. A rename within one file system is atomic on POSIX, so a
 * reader — or a run killed at any instant — sees either the old file whole or the new one whole,
 * never a truncated mix. Temporary names start with `.` and end in `.tmp`, so a crash can only
 * leave such leftovers, which {@link removeTemporaryFiles} clears on the next run.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/** The temporary name used while writing `path` (exported for tests). */
export function temporaryPath(path: string): string {
  counter += 1;
  return join(dirname(path), `.${basename(path)}.${process.pid}.${counter}.tmp`);
}

/**
 * Writes `text` to `path` atomically (temp file, fsync, rename), creating parent folders.
 * Synchronous on purpose: a unit's result is saved before anything else can run, so an
 * interrupt arriving between two units never finds one half-saved.
 * @throws the file system's error (disk full, permission), after removing the temp file.
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = temporaryPath(path);
  try {
    const descriptor = openSync(temporary, "w");
    try {
      writeSync(descriptor, text);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** The file a temporary name of {@link temporaryPath} was writing, or undefined for another name. */
export function temporaryTarget(path: string): string | undefined {
  const match = /^\.(.+)\.\d+\.\d+\.tmp$/.exec(basename(path));
  return match === null ? undefined : join(dirname(path), match[1]!);
}

/**
 * Removes the temporary files a killed writer may have left under `folder` (recursively).
 * @param only - when given, removes only the temporary files of targets it accepts: a shard
 *   sharing the folder with other shards must not remove a file another shard is writing now.
 * @returns how many were removed.
 */
export function removeTemporaryFiles(folder: string, only?: (target: string) => boolean): number {
  let removed = 0;
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) removed += removeTemporaryFiles(path, only);
    else if (entry.name.startsWith(".") && entry.name.endsWith(".tmp")) {
      if (only !== undefined) {
        const target = temporaryTarget(path);
        if (target === undefined || !only(target)) continue;
      }
      rmSync(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}
