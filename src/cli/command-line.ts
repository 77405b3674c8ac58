/**
 * The command line as recorded in the manifest and quoted in the resume hint.
 *
 * The manifest records the command that reproduces the results, so flags that only change how a
 * run proceeds — workers, progress, JSON on stdout, the report, --force, --resume, --shard and
 * the output folder — are left out: an interrupted-then-resumed run, a run with 4 workers and a
 * merge of shards all record the same command, and their manifests match byte for byte.
 */

import { isAbsolute, relative, sep } from "node:path";

/** Flags that take a value and do not change results. */
const EXECUTION_FLAGS_WITH_VALUE = new Set(["--workers", "--resume", "--out", "--lang", "--shard"]);
/** Boolean flags that do not change results. */
const EXECUTION_FLAGS = new Set(["--quiet", "--json", "--force", "--no-report", "--report", "--no-json", "--no-quiet", "--no-force", "--memory-check", "--no-memory-check", "--csv", "--no-csv", "--interactive", "--no-interactive"]);

/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(argument: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

/** `funnelsim` and the arguments, shell-quoted. */
export function commandText(args: readonly string[]): string {
  return ["funnelsim", ...args].map(shellQuote).join(" ");
}

/** An absolute path made relative to the working directory (outputs hold no absolute paths). */
function portable(argument: string): string {
  if (!isAbsolute(argument)) return argument;
  return relative(process.cwd(), argument).split(sep).join("/") || ".";
}

/**
 * The arguments that determine the results: `args` without execution-only flags
 * (`--workers 4`, `--workers=4`, `--quiet`, …), absolute paths made relative.
 */
export function resultArguments(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index] as string;
    const name = argument.split("=")[0] as string;
    if (EXECUTION_FLAGS.has(name)) continue;
    if (EXECUTION_FLAGS_WITH_VALUE.has(name)) {
      if (!argument.includes("=")) index += 1;
      continue;
    }
    kept.push(portable(argument));
  }
  return kept;
}

/**
 * The command that resumes an interrupted run: the same arguments with `--resume <out>` in place
 * of any `--out` or `--resume` (they name the same folder).
 */
export function resumeCommand(args: readonly string[], out: string): string {
  const kept: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const argument = args[index] as string;
    if (argument === "--resume" || argument === "--out") {
      index += 1;
      continue;
    }
    if (argument.startsWith("--resume=") || argument.startsWith("--out=")) continue;
    kept.push(argument);
  }
  return commandText([...kept, "--resume", out]);
}
