import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { KPIS } from "../../src/market/result.js";
import { temporaryFolder } from "../experiment/helpers.js";
import { cli } from "./helpers.js";

const B = "scenarios/baseline.yaml";
const scratch = temporaryFolder("funnelsim-cli-");
const out = (name: string) => join(scratch, name);
const notFunnelsim = out("not-funnelsim");
mkdirSync(notFunnelsim);
writeFileSync(join(notFunnelsim, "notes.txt"), "mine");
const aFile = out("a-file");
writeFileSync(aFile, "x");
const emptyFolder = out("empty");
mkdirSync(emptyFolder);
const sameNameA = out("same-a.yaml");
const sameNameB = out("same-b.yaml");
writeFileSync(sameNameA, "name: twin\n");
writeFileSync(sameNameB, "name: twin\n");
const initTaken = out("init-taken");
mkdirSync(initTaken);
writeFileSync(join(initTaken, "scenario.yaml"), "name: mine\n");

/** How the CLI names a file outside the working directory: relative to it. */
const portable = (path: string) => relative(process.cwd(), path);

const COMMANDS = "run, compare, sweep, sensitivity, robustness, validate, schema, init, report, merge, query";

/** [title, arguments, exact stderr lines, environment] — every one exits 2 with no stack trace. */
const CASES: readonly [string, readonly string[], readonly string[], Record<string, string>?][] = [
  ["no command", [], ["funnelsim: give a command (see funnelsim --help)"]],
  ["an unknown command", ["nope"], [`funnelsim: unknown command "nope"; commands are ${COMMANDS} (see funnelsim --help)`]],
  ["an option before any command", ["-x", "run", B], ['funnelsim: unknown option "-x"; give a command first, e.g. funnelsim run --help (see funnelsim --help)']],
  ["a missing scenario argument", ["run"], ["funnelsim run: not enough non-option arguments: got 0, need at least 1 (see funnelsim run --help)"]],
  ["an unknown option", ["run", B, "--bogus"], ["funnelsim run: unknown argument: bogus (see funnelsim run --help)"]],
  ["two unknown options", ["compare", B, "--bogus", "--other"], ["funnelsim compare: unknown arguments: bogus, other (see funnelsim compare --help)"]],
  ["--reps 0", ["run", B, "--reps", "0"], ['--reps: must be a whole number from 1 to 10000 (got "0")']],
  ["--reps as text", ["run", B, "--reps", "abc"], ['--reps: must be a whole number from 1 to 10000 (got "abc")']],
  ["--reps fractional", ["run", B, "--reps", "1.5"], ['--reps: must be a whole number from 1 to 10000 (got "1.5")']],
  ["--reps too many", ["run", B, "--reps", "10001"], ['--reps: must be a whole number from 1 to 10000 (got "10001")']],
  ["--reps twice", ["run", B, "--reps", "3", "--reps", "4"], ['--reps: may be given only once (got ["3","4"])']],
  ["--workers -1", ["run", B, "--workers", "-1"], ['--workers: must be a whole number from 1 to 1024 (got "-1")']],
  ["--workers 0", ["run", B, "--workers", "0"], ['--workers: must be a whole number from 1 to 1024 (got "0")']],
  ["an empty --seed", ["run", B, "--seed", ""], ['--seed: must be a non-empty text or integer without "/" (got "")']],
  ["a --seed with /", ["run", B, "--seed", "a/b"], ['--seed: must be a non-empty text or integer without "/" (got "a/b")']],
  ["an unknown --lang", ["run", B, "--lang", "fr"], ['--lang: must be en or zh-CN (got "fr")']],
  ["--shard 0/3", ["run", B, "--shard", "0/3"], ['--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/8 (got "0/3")']],
  ["--shard 4/3", ["run", B, "--shard", "4/3"], ['--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/8 (got "4/3")']],
  ["--shard as text", ["run", B, "--shard", "half"], ['--shard: must be i/n with 1 ≤ i ≤ n, e.g. 2/8 (got "half")']],
  ["--json with a shard", ["run", B, "--shard", "1/2", "--json"], ["--json: has nothing to print for a shard, which assembles no outputs; drop --json or --shard (got true)"]],
  ["an empty --set", ["run", B, "--set", ""], ['--set: must be written path=value, e.g. population.users=2000 (got "")']],
  ["--set without =", ["run", B, "--set", "nosuchequals"], ['--set: "nosuchequals" must be written path=value, e.g. levers.boost.multiplier=2']],
  ["--set on a path that does not exist", ["run", B, "--set", "population.userz=3"], ['--set: population.userz: unknown key (did you mean "users"?)']],
  ["--set out of range", ["run", B, "--set", "population.users=0"], ["--set: population.users: must be >= 1 (got 0)"]],
  ["a missing scenario file", ["run", "nope.yaml"], ["nope.yaml: file not found"]],
  ["a folder as scenario", ["compare", B, "scenarios/validation"], ['scenarios/validation: unsupported file type "(none)": write the scenario as .yaml, .yml or .json']],
  ["problems of several files at once", ["compare", "a.yaml", "b.yaml"], ["a.yaml: file not found", "b.yaml: file not found"]],
  ["two scenarios with one name", ["compare", sameNameA, sameNameB], [`${portable(sameNameB)}: name: must differ from ${portable(sameNameA)}'s, as names label the outputs (got "twin")`]],
  ["--baseline twice", ["compare", B, "--baseline", B, "--baseline", B], [`--baseline: may be given only once (got ["${B}","${B}"])`]],
  ["sweep without --param", ["sweep", B], ['--param: is required, e.g. --param levers.boost.multiplier=1,1.5,2 (got "nothing")']],
  ["--param without =", ["sweep", B, "--param", "levers.boost.multiplier"], ['--param: must be written path=v1,v2,…, e.g. levers.boost.multiplier=1,1.5,2 (got "levers.boost.multiplier")']],
  ["--param without values", ["sweep", B, "--param", "levers.boost.multiplier="], ['--param: levers.boost.multiplier: needs at least one value (got "levers.boost.multiplier=")']],
  ["--param with an empty value", ["sweep", B, "--param", "levers.boost.multiplier=1,,2"], ['--param: levers.boost.multiplier: values must not be empty (got "levers.boost.multiplier=1,,2")']],
  ["--param with a repeated value", ["sweep", B, "--param", "levers.boost.multiplier=1,1"], ["--param: levers.boost.multiplier: values must be distinct (got 1)"]],
  ["--param on the seed", ["sweep", B, "--param", "seed=1,2"], ['--param: seed: cannot be varied (use --seed or --reps) (got "seed")']],
  ["--param on one path twice", ["sweep", B, "--param", "levers.boost.multiplier=1,2", "--param", "levers.boost.multiplier=3"], ['--param: each path may be swept only once (got "levers.boost.multiplier")']],
  ["--zip with unequal lists", ["sweep", B, "--zip", "--param", "levers.boost.multiplier=1,2", "--param", "funnel.orderRate=0.4"], ['--param: every param needs as many values as levers.boost.multiplier (2) (got "funnel.orderRate has 1")']],
  ["a --param value the scenario rejects", ["sweep", B, "--param", "levers.boost.multiplier=-1,2"], ["--param: levers.boost.multiplier: must be >= 0 (got -1)"]],
  ["a --param path that does not exist", ["sweep", B, "--param", "levers.bost.multiplier=1,2"], ['--param: levers.bost: unknown key (did you mean "boost"?)']],
  ["--delta 1.5", ["sensitivity", B, "--delta", "1.5"], ['--delta: must be a number between 0 and 1, exclusive (got "1.5")']],
  ["--delta 0", ["sensitivity", B, "--delta", "0"], ['--delta: must be a number between 0 and 1, exclusive (got "0")']],
  ["an unknown --method", ["sensitivity", B, "--method", "sobol"], ['--method: must be oat or morris (got "sobol")']],
  ["one Morris trajectory", ["sensitivity", B, "--method", "morris", "--trajectories", "1"], ['--trajectories: must be a whole number from 2 to 1000 (got "1")']],
  ["--trajectories with OAT", ["sensitivity", B, "--trajectories", "5"], ['--trajectories: applies to --method morris only (got "5")']],
  ["a misspelt --kpi", ["sensitivity", B, "--kpi", "gmvv"], ['--kpi: unknown KPI; did you mean gmv? (got "gmvv")']],
  ["an unknown --kpi", ["sensitivity", B, "--kpi", "zzzzzzzz"], [`--kpi: unknown KPI; KPIs are ${KPIS.join(", ")} (got "zzzzzzzz")`]],
  ["--params naming nothing", ["sensitivity", B, "--params", "levers.nope"], ["--params: levers.nope: must name a non-zero number of the scenario (got nothing)"]],
  ["--params naming text", ["sensitivity", B, "--params", "levers.boost.policy"], ['--params: levers.boost.policy: must name a non-zero number of the scenario (got "registeredOnly")']],
  ["--params naming a zero", ["sensitivity", B, "--params", "calendar.leadDays"], ["--params: calendar.leadDays: must name a non-zero number of the scenario (got 0)"]],
  ["an empty --params", ["sensitivity", B, "--params", ""], ['--params: must list parameter paths separated by commas (got "")']],
  ["a probability pushed past 1", ["sensitivity", B, "--params", "funnel.clickRate.store", "--reps", "2"], ["--params: funnel.clickRate.store: must be <= 1 (got 1.2)"]],
  ["--out and --resume apart", ["run", B, "--out", out("x"), "--resume", out("y")], [`--resume: names a different folder than --out ${out("x")}; give only --resume (got "${out("y")}")`]],
  ["--resume of an empty folder", ["run", B, "--resume", emptyFolder], [`--resume ${emptyFolder}: holds no funnelsim run to resume (no manifest.json or units/plan.json)`]],
  ["--out naming a file", ["run", B, "--out", aFile], [`--out ${aFile}: is a file, not a folder; choose another --out`]],
  ["--out of someone else's files", ["run", B, "--out", notFunnelsim], [`--out ${notFunnelsim}: is not empty and holds no funnelsim results; choose another --out or add --force to write into it`]],
  ["report of a folder without results", ["report", emptyFolder], [`report: ${emptyFolder} holds no funnelsim results (no manifest.json); give the --out folder of a run (got "${emptyFolder}")`]],
  ["merge without --out", ["merge", emptyFolder], ["funnelsim merge: missing required argument: out (see funnelsim merge --help)"]],
  ["merge of a folder holding no shard", ["merge", emptyFolder, "--out", out("merged")], [`${emptyFolder}: holds no funnelsim shard (no units/plan*.json)`]],
  ["init over an existing scenario", ["init", initTaken], [`${portable(initTaken)}/scenario.yaml: already exists; init never overwrites: choose another folder or remove it`]],
  ["a Slurm task outside the array", ["run", B], ['SLURM_ARRAY_TASK_ID: must lie in the array\'s 4 tasks from SLURM_ARRAY_TASK_MIN 1 (got "9")'], { SLURM_ARRAY_TASK_ID: "9", SLURM_ARRAY_TASK_COUNT: "4", SLURM_ARRAY_TASK_MIN: "1" }],
  ["a Kubernetes index without a count", ["run", B], ['JOB_COMPLETION_INDEX: needs FUNNELSIM_SHARD_COUNT (the Job\'s completions) to know the number of shards (got "0")'], { JOB_COMPLETION_INDEX: "0" }],
];

describe("bad command lines exit 2 with exact messages and no stack trace", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
  it.each(CASES)("%s", async (_title, args, lines, env = {}) => {
    const simulating = ["run", "compare", "sweep", "sensitivity"].includes(args[0] ?? "");
    const result = await cli(simulating ? [...args, "--quiet", "--no-report"] : args, { env });
    expect(result.stderr).toBe(lines.map((line) => `${line}\n`).join(""));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});
