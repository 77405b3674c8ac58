/**
 * The command line: parses arguments with yargs, runs the command, and maps every outcome to an
 * exit code in one place.
 *
 *   0   done
 *   1   internal error (a bug): `funnelsim: internal error: <message>` and the stack
 *   2   bad input (a flag, a scenario, a folder the file system refuses): each problem on its own
 *       line, no stack
 *   130 interrupted (SIGINT/SIGTERM): finished runs are saved; the message says how to resume
 *
 * {@link main} takes its arguments and I/O as parameters, so tests run it in process.
 */
import yargs, { type Argv } from "yargs";
import { InputError, InterruptedError } from "../errors.js";
import { funnelsimVersion } from "../experiment/manifest.js";
import type { UnitRunner } from "../experiment/runner.js";
import { COMMANDS, runCommand, type ParsedCommand } from "./commands.js";

/** The flags that mean something before a command. */
const TOP_LEVEL_FLAGS: readonly string[] = ["--help", "--version"];

/** What the file system said, in words, for the refusals a user's path can cause. */
const FILE_SYSTEM_REASONS: Readonly<Record<string, string>> = {
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "already exists and is not a folder",
  EISDIR: "is a folder where a file is needed",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENAMETOOLONG: "the name is too long",
  ENOSPC: "no space left on the device",
};

/**
 * A file-system refusal (an --out under a file, a read-only folder, a full disk) as a problem
 * line, `path: what is wrong`, or undefined for any other error. Such an error comes from the
 * user's path or machine, not a bug, so it gets a line and exit 2 rather than a stack.
 */
export function fileSystemProblem(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const reason = typeof code === "string" ? FILE_SYSTEM_REASONS[code] : undefined;
  if (reason === undefined || typeof path !== "string") return undefined;
  // No verb: the same refusals come from reads (a folder given to `report`) as from writes.
  return `${dest ?? path}: ${reason} (${code})`;
}

/** What the CLI reads and writes, injected so tests can run it in process. */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** The stream the progress bar draws on (stderr), when it is a terminal; else undefined. */
  readonly progressStream?: NodeJS.WritableStream;
  /** Environment variables (for the schedulers' shard index). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
  /** Runs simulations (default: the worker pool with the market model). */
  readonly runner?: UnitRunner;
  /** Default for --workers (default: the cores available). */
  readonly defaultWorkers?: number;
}

/** A mistake yargs found on the command line (unknown option, missing argument). */
class UsageProblem extends Error {}

const EXAMPLES: Record<string, readonly [string, string][]> = {
  run: [
    ["$0 run scenarios/boost-2x.yaml", "20 replications of the 2x boost, outputs in reports/boost-2x/"],
    ["$0 run scenarios/baseline.yaml --reps 5 --set population.users=2000 --json", "a quick look, summary as JSON on stdout"],
  ],
  compare: [
    ["$0 compare scenarios/*.yaml --baseline scenarios/baseline.yaml --out reports/strategies", "every bundled strategy against the baseline"],
    ["$0 compare scenarios/boost-2x.yaml scenarios/coupon-66.yaml --reps 10", "two strategies against the first"],
  ],
  sweep: [
    ["$0 sweep scenarios/boost-2x.yaml --param levers.boost.multiplier=1,1.5,2,3", "GMV as the boost grows"],
    ["$0 sweep scenarios/coupon-66.yaml --param levers.coupons[0].faceValue=6,10 --param levers.coupons[0].threshold=30,60 --zip", "two coupon designs, values paired"],
  ],
  sensitivity: [
    ["$0 sensitivity scenarios/festival-116.yaml", "tornado of GMV over 8 key parameters, ±20%"],
    ["$0 sensitivity scenarios/baseline.yaml --method morris --trajectories 10 --kpi gmv,newCustomers", "Morris screening"],
  ],
  robustness: [
    [
      "$0 robustness scenarios/*.yaml --baseline scenarios/baseline.yaml --uncertainty scenarios/uncertainty/defaults.yaml",
      "P(beats baseline), P(best) and regret of every bundled strategy over 32 draws of the assumed parameters",
    ],
    [
      "$0 robustness scenarios/boost-2x.yaml scenarios/private-first.yaml --baseline scenarios/baseline.yaml --uncertainty scenarios/uncertainty/defaults.yaml --draws 16 --reps 3 --set population.users=1000",
      "a quick look: 16 draws × 3 strategies × 3 replications",
    ],
  ],
  validate: [["$0 validate scenarios/*.yaml", "check every bundled scenario"]],
  schema: [["$0 schema > scenario.schema.json", "the JSON Schema of scenario files"]],
  init: [["$0 init my-study", "a starter scenario in my-study/"]],
  report: [["$0 report reports/strategies --lang zh-CN", "charts and report.html in Chinese"]],
  merge: [["$0 merge shards/1 shards/2 shards/3 --out reports/sweep", "assemble a sharded run"]],
  query: [
    ["$0 query reports/strategies", "the tables and their columns"],
    ["$0 query reports/a reports/b \"SELECT run, avg(value) FROM replications WHERE kpi = 'gmv' GROUP BY run\"", "mean GMV of two runs"],
  ],
};

/** Options every simulating command has. */
function runOptions(builder: Argv): Argv {
  return builder
    .option("reps", { type: "string", describe: "Replications per scenario or point (default: the scenario's replications, 20)" })
    .option("seed", { type: "string", describe: "Root seed of the random streams (default: the scenario's seed, 116)" })
    .option("set", { type: "string", array: true, describe: "Override a scenario value, path=value (repeatable)" })
    .option("out", { type: "string", describe: "Output folder (default reports/<name>/ for run, reports/<name>-<command>/ otherwise)" })
    .option("json", { type: "boolean", describe: "Print the main JSON output on stdout and nothing else there" })
    .option("workers", { type: "string", describe: "Simulations at once (default: the number of cores)" })
    .option("quiet", { type: "boolean", describe: "No progress bar" })
    .option("report", { type: "boolean", default: true, describe: "Render charts and report.html (--no-report to skip)" })
    .option("lang", { type: "string", describe: "Report language: en or zh-CN (default en)" })
    .option("interactive", { type: "boolean", describe: "Report with tooltips and strategy toggles (vega-embed inlined, offline); default: static, no scripts" })
    .option("force", { type: "boolean", describe: "Replace a different run's results in --out" })
    .option("resume", { type: "string", describe: "Finish an interrupted run in this folder, reusing its saved runs" })
    .option("shard", { type: "string", describe: "Run slice i of n of the runs (i/n) and write a partial folder for `merge`" })
    .option("memory-check", { type: "boolean", default: true, describe: "Refuse runs larger than this machine's memory (--no-memory-check to skip)" })
    .option("csv", { type: "boolean", default: true, describe: "Write the tables as CSV beside the Parquet files (--no-csv: Parquet only; needs --no-report)" });
}

function examples(builder: Argv, command: string): Argv {
  let result = builder;
  for (const [line, description] of EXAMPLES[command] ?? []) result = result.example(line, description);
  return result;
}

/** Builds the yargs parser; `select` receives the chosen command and its arguments. */
function parser(select: (command: ParsedCommand) => void): Argv {
  const pick = (name: ParsedCommand["name"]) => (args: Record<string, unknown>) => select({ name, args });
  return yargs()
    .scriptName("funnelsim")
    .usage("$0 <command> [options]\n\nSimulate shoppers of a live-stream e-commerce festival from scenario files.")
    .parserConfiguration({ "parse-numbers": false, "parse-positional-numbers": false })
    .strict()
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((message, error) => {
      throw error ?? new UsageProblem(message);
    })
    .command("run <scenario>", "Run one scenario with replications", (b) => examples(runOptions(b.positional("scenario", { type: "string", describe: "Scenario file (YAML or JSON)" })), "run"), pick("run"))
    .command(
      "compare <scenarios..>",
      "Compare strategies against a baseline (paired replications)",
      (b) =>
        examples(
          runOptions(b.positional("scenarios", { type: "string", array: true, describe: "Scenario files" }).option("baseline", { type: "string", describe: "Baseline scenario file (default: the first)" })),
          "compare",
        ),
      pick("compare"),
    )
    .command(
      "sweep <scenario>",
      "Sweep parameters over values (grid or zipped)",
      (b) =>
        examples(
          runOptions(b.positional("scenario", { type: "string", describe: "Scenario file" }))
            .option("param", { type: "string", array: true, describe: "path=v1,v2,… to sweep (repeatable)" })
            .option("zip", { type: "boolean", describe: "Pair the i-th values of every --param instead of every combination" }),
          "sweep",
        ),
      pick("sweep"),
    )
    .command(
      "sensitivity <scenario>",
      "Sensitivity of KPIs to parameters: one-at-a-time ±delta or Morris screening",
      (b) =>
        examples(
          runOptions(b.positional("scenario", { type: "string", describe: "Scenario file" }))
            .option("params", { type: "string", describe: "Comma-separated parameter paths (default: 8 key levers and rates)" })
            .option("delta", { type: "string", describe: "Relative change, 0 < delta < 1 (default 0.2)" })
            .option("method", { type: "string", describe: "oat (tornado) or morris (screening) (default oat)" })
            .option("trajectories", { type: "string", describe: "Morris trajectories, at least 2 (default 10)" })
            .option("kpi", { type: "string", array: true, describe: "KPIs to analyse, comma-separated (default gmv)" }),
          "sensitivity",
        ),
      pick("sensitivity"),
    )
    .command(
      "robustness <scenarios..>",
      "Which strategy wins under uncertain parameters: Latin hypercube draws × strategies (paired replications)",
      (b) =>
        examples(
          runOptions(b.positional("scenarios", { type: "string", array: true, describe: "Strategy scenario files" }))
            .option("baseline", { type: "string", describe: "Baseline scenario file (default: the first)" })
            .option("uncertainty", { type: "string", describe: "Uncertainty file (YAML): the uncertain parameters, their ranges or distributions and sources" })
            .option("draws", { type: "string", describe: "Latin hypercube draws of the uncertain parameters (default 32)" }),
          "robustness",
        ),
      pick("robustness"),
    )
    .command(
      "validate <scenarios..>",
      "Check scenario files; prints ok or every problem",
      (b) => examples(b.positional("scenarios", { type: "string", array: true }).option("set", { type: "string", array: true, describe: "Override a value, path=value (repeatable)" }), "validate"),
      pick("validate"),
    )
    .command("schema", "Print the JSON Schema of scenario files", (b) => examples(b, "schema"), pick("schema"))
    .command("init [dir]", "Write a starter scenario (and its schema) into a folder", (b) => examples(b.positional("dir", { type: "string", default: "." }), "init"), pick("init"))
    .command(
      "report <dir>",
      "Render charts and report.html from a results folder",
      (b) => examples(b.positional("dir", { type: "string" }).option("lang", { type: "string", describe: "en or zh-CN (default en)" }).option("interactive", { type: "boolean", describe: "Report with tooltips and strategy toggles (vega-embed inlined, offline); default: static, no scripts" }), "report"),
      pick("report"),
    )
    .command(
      "merge <dirs..>",
      "Merge the folders of a sharded run into the outputs of one run",
      (b) =>
        examples(
          b
            .positional("dirs", { type: "string", array: true })
            .option("out", { type: "string", describe: "Merged output folder", demandOption: true })
            .option("force", { type: "boolean", describe: "Replace a different run's results in --out" })
            .option("json", { type: "boolean", describe: "Print the main JSON output on stdout" })
            .option("report", { type: "boolean", default: true, describe: "Render the report (--no-report to skip)" })
            .option("lang", { type: "string", describe: "en or zh-CN" })
            .option("csv", { type: "boolean", default: true, describe: "Write the tables as CSV beside the Parquet files (--no-csv: Parquet only; needs --no-report)" })
            .option("interactive", { type: "boolean", describe: "Report with tooltips and strategy toggles (vega-embed inlined, offline); default: static, no scripts" })
            .option("quiet", { type: "boolean", describe: "Accepted for symmetry with the other commands (merge draws no progress bar)" }),
          "merge",
        ),
      pick("merge"),
    )
    .command(
      "query <args..>",
      "Run SQL (DuckDB) over result folders; with no SQL, list the tables and their columns",
      (b) =>
        examples(
          b
            .positional("args", { type: "string", array: true, describe: "Result folders, then the SQL in quotes (tables: daily, replications, funnel, products, runs, points)" })
            .option("format", { type: "string", describe: "table, csv or json (default table)" }),
          "query",
        ),
      pick("query"),
    )
    .wrap(100)
    .demandCommand(1, "give a command")
    .help()
    .version(funnelsimVersion());
}

/** Parses argv: the chosen command, or the help/version text yargs produced. */
async function parse(argv: readonly string[]): Promise<{ command?: ParsedCommand; output: string }> {
  let command: ParsedCommand | undefined;
  const output = await new Promise<string>((resolve, reject) => {
    parser((chosen) => {
      command = chosen;
    }).parse([...argv], {}, (error, _args, text) => {
      if (error) reject(error);
      else resolve(text);
    });
  });
  return command === undefined ? { output } : { command, output };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Runs the CLI.
 * @param argv - the arguments after the program name.
 * @returns the exit code.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const first = argv[0];
  const known = first !== undefined && (COMMANDS as readonly string[]).includes(first);
  try {
    if (first !== undefined && !first.startsWith("-") && !known) {
      throw new InputError(`funnelsim: unknown command ${JSON.stringify(first)}; commands are ${COMMANDS.join(", ")} (see funnelsim --help)`);
    }
    // Before a command only --help and --version mean anything; anything else would otherwise be
    // reported as a missing command.
    if (first !== undefined && first.startsWith("-") && !TOP_LEVEL_FLAGS.includes(first)) {
      throw new InputError(`funnelsim: unknown option ${JSON.stringify(first)}; give a command first, e.g. funnelsim run --help (see funnelsim --help)`);
    }
    let parsed: Awaited<ReturnType<typeof parse>>;
    try {
      parsed = await parse(argv);
    } catch (error) {
      if (error instanceof UsageProblem) {
        const where = known ? `funnelsim ${first}` : "funnelsim";
        throw new InputError(`${where}: ${lowerFirst(error.message)} (see ${where} --help)`);
      }
      throw error;
    }
    if (parsed.command === undefined) {
      if (parsed.output !== "") io.stdout(parsed.output.endsWith("\n") ? parsed.output : `${parsed.output}\n`);
      return 0;
    }
    return await runCommand(parsed.command, argv, io);
  } catch (error) {
    if (error instanceof InputError) {
      for (const line of error.problems) io.stderr(`${line}\n`);
      return 2;
    }
    if (error instanceof InterruptedError) {
      io.stderr(`${error.message}\n`);
      return 130;
    }
    const refused = fileSystemProblem(error);
    if (refused !== undefined) {
      io.stderr(`${refused}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error && error.stack !== undefined ? `${error.stack}\n` : "";
    io.stderr(`funnelsim: internal error: ${message}\n${stack}`);
    return 1;
  }
}
