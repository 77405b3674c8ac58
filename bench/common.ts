/**
 * Helpers shared by the benchmarks: argument parsing, medians, the machine's conditions, memory.
 * Benchmarks print human-readable lines, or exactly one JSON line each with `--json`.
 */
import * as os from "node:os";

/** Parsed command line of one bench: `--name value` pairs and bare `--flag`s. */
export interface BenchArgs {
  readonly json: boolean;
  /** Raw option values by name (without the dashes); a bare flag maps to "true". */
  readonly options: ReadonlyMap<string, string>;
}

/** A registered benchmark: a one-line description and an entry point. */
export interface Bench {
  readonly description: string;
  run(args: BenchArgs): void | Promise<void>;
}

/** Parses `--key value` and `--flag` arguments. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`bench: unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      options.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      options.set(arg.slice(2), next);
      i++;
    } else {
      options.set(arg.slice(2), "true");
    }
  }
  return { json: options.get("json") === "true", options };
}

/** An integer option (accepts 1e6 and 1_000_000), or the default. */
export function intOption(args: BenchArgs, name: string, fallback: number): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 0) throw new Error(`bench: --${name} must be a non-negative integer (got ${raw})`);
  return value;
}

/** A string option, or the default. */
export function stringOption(args: BenchArgs, name: string, fallback: string): string {
  return args.options.get(name) ?? fallback;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The conditions a figure was measured under. */
export interface MachineConditions {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly loadAverage: readonly number[];
}

/** CPU model, core count, Node version and the 1/5/15-minute load average right now. */
export function machineConditions(): MachineConditions {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    node: process.version,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** One line describing the machine, for human-readable output. */
export function describeMachine(conditions: MachineConditions = machineConditions()): string {
  return `${conditions.cpu}, ${conditions.cores} cores, node ${conditions.node}, load ${conditions.loadAverage.join(" ")}`;
}

/** Peak resident set size of this process so far, in bytes. */
export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Formats a rate in millions or thousands per second. */
export function formatRate(perSecond: number): string {
  return perSecond >= 1e6 ? `${(perSecond / 1e6).toFixed(2)}M` : `${(perSecond / 1e3).toFixed(1)}k`;
}

/** Prints one JSON line (the machine-readable form) or the human lines. */
export function report(args: BenchArgs, record: Record<string, unknown>, human: readonly string[]): void {
  if (args.json) {
    process.stdout.write(`${JSON.stringify(record)}\n`);
  } else {
    for (const line of human) process.stdout.write(`${line}\n`);
  }
}
