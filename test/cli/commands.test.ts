import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resultArguments, resumeCommand, shellQuote } from "../../src/cli/command-line.js";
import { inProcessRunner } from "../../src/experiment/runner.js";
import { loadScenario } from "../../src/scenario/index.js";
import { fakeSimulate as inProcessFake, readTree, temporaryFolder } from "../experiment/helpers.js";
import { cli } from "./helpers.js";

const B = "scenarios/baseline.yaml";
const BOOST = "scenarios/boost-2x.yaml";
const QUIET = ["--quiet", "--no-report"];

describe("help", () => {
  it.each(["run", "compare", "sweep", "sensitivity", "validate", "schema", "init", "report", "merge", "query"])("%s --help shows usage and examples, exit 0", async (command) => {
    const result = await cli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`funnelsim ${command}`);
    expect(result.stdout).toContain("Examples:");
    expect(result.stderr).toBe("");
  });
  it("report --interactive writes a page with the vega-embed scripts; without it, a page with none", async () => {
    const { cpSync, mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = join(mkdtempSync(join(tmpdir(), "funnelsim-cli-interactive-")), "compare");
    cpSync("test/report/fixtures/compare", dir, { recursive: true });
    expect((await cli(["report", dir, "--interactive"])).code).toBe(0);
    expect(readFileSync(join(dir, "report.html"), "utf8")).toContain("vegaEmbed(");
    expect((await cli(["report", dir])).code).toBe(0);
    expect(readFileSync(join(dir, "report.html"), "utf8")).not.toContain("<script");
  }, 60_000);
  it("lists every command at the top level", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of ["run", "compare", "sweep", "sensitivity", "validate", "schema", "init", "report", "merge", "query"]) expect(result.stdout).toContain(`funnelsim ${command}`);
  });
  it("prints the version", async () => {
    const result = await cli(["--version"]);
    expect(result.stdout).toBe(`${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
  });
});

describe("simulating commands (fake model)", () => {
  it("run --json prints exactly summary.json and nothing else", async () => {
    const out = temporaryFolder();
    const result = await cli(["run", B, "--reps", "3", "--json", "--out", out, ...QUIET]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(out, "summary.json"), "utf8"));
    expect(result.stderr).toBe("");
  });

  it("run without --json prints a summary in the KPIs' units: yuan, %, k/M/bn", async () => {
    const out = temporaryFolder();
    const result = await cli(["run", B, "--reps", "3", "--out", out, ...QUIET]);
    expect(result.code).toBe(0);
    const line = (kpi: string) => result.stdout.split("\n").find((text) => text.trimStart().startsWith(`${kpi} `)) ?? "";
    expect(line("gmv")).toMatch(/^ {2}gmv +−?¥[\d.]+(k|M|bn)? \[−?¥[\d.]+(k|M|bn)?, −?¥[\d.]+(k|M|bn)?\]$/);
    expect(line("returnRate")).toMatch(/^ {2}returnRate +−?[\d.]+% \[/);
    expect(line("avgTrust")).not.toContain("¥");
    expect(result.stdout).not.toMatch(/\de[+-]\d/);
  });

  it("refuses an --out the file system cannot hold, and --out or --resume given twice, with a line and exit 2", async () => {
    const folder = temporaryFolder();
    const file = join(folder, "afile");
    writeFileSync(file, "x");
    const under = await cli(["run", B, "--reps", "1", "--out", join(file, "sub"), ...QUIET]);
    expect(under.code).toBe(2);
    expect(under.stderr).toMatch(/afile\/sub.*: a part of the path is a file, not a folder \(ENOTDIR\)\n$/);
    expect(under.stderr).not.toContain("internal error");
    const twice = await cli(["run", B, "--reps", "1", "--out", join(folder, "a"), "--out", join(folder, "b"), ...QUIET]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("--out: may be given only once");
    const resumeTwice = await cli(["run", B, "--reps", "1", "--resume", join(folder, "a"), "--resume", join(folder, "b"), ...QUIET]);
    expect(resumeTwice.stderr).toContain("--resume: may be given only once");
    expect(readdirSync(folder)).toEqual(["afile"]);
  });

  it("compare runs a baseline listed among the strategies once", async () => {
    const out = temporaryFolder();
    const result = await cli(["compare", B, BOOST, "--baseline", B, "--reps", "2", "--json", "--out", out, ...QUIET]);
    expect(result.code).toBe(0);
    const comparison = JSON.parse(result.stdout);
    expect(comparison.baseline).toBe("baseline");
    expect(comparison.strategies.map((s: { scenario: string }) => s.scenario)).toEqual(["baseline", "boost-2x"]);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.units).toBe(4);
    expect(manifest.command).toBe(`funnelsim compare ${B} ${BOOST} --baseline ${B} --reps 2`);
  });

  it("compare puts a baseline given only as --baseline first", async () => {
    const out = temporaryFolder();
    const result = await cli(["compare", BOOST, "--baseline", B, "--reps", "2", "--json", "--out", out, ...QUIET]);
    expect(JSON.parse(result.stdout).strategies.map((s: { scenario: string }) => s.scenario)).toEqual(["baseline", "boost-2x"]);
  });

  it("records no execution-only flag, so any worker count gives the same manifest", async () => {
    const a = temporaryFolder();
    const b = temporaryFolder();
    await cli(["run", B, "--reps", "2", "--out", a, ...QUIET, "--workers", "1"]);
    await cli(["run", B, "--reps", "2", "--out", b, "--workers=3", "--lang", "zh-CN", "--no-report", "--quiet", "--force"]);
    const tree = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });
    expect(tree(b)).toEqual(tree(a));
  });

  it("sweep writes sweep.json with one entry per point", async () => {
    const out = temporaryFolder();
    const result = await cli(["sweep", BOOST, "--param", "levers.boost.multiplier=1,2", "--param", "levers.launches.merchantShare=0.3,0.7", "--reps", "2", "--json", "--out", out, ...QUIET]);
    expect(result.code).toBe(0);
    const sweep = JSON.parse(result.stdout);
    expect(sweep.points.map((p: { id: string }) => p.id)).toEqual([
      "levers.boost.multiplier=1,levers.launches.merchantShare=0.3",
      "levers.boost.multiplier=1,levers.launches.merchantShare=0.7",
      "levers.boost.multiplier=2,levers.launches.merchantShare=0.3",
      "levers.boost.multiplier=2,levers.launches.merchantShare=0.7",
    ]);
    expect(sweep.zip).toBe(false);
    expect(readFileSync(join(out, "replications.csv"), "utf8")).toContain('"boost-2x@levers.boost.multiplier=1,levers.launches.merchantShare=0.3",1,gmv,');
  });

  it("sensitivity runs 2k + 1 OAT points over the default parameters", async () => {
    const out = temporaryFolder();
    const result = await cli(["sensitivity", B, "--reps", "2", "--json", "--out", out, ...QUIET]);
    expect(result.code).toBe(0);
    const sensitivity = JSON.parse(result.stdout);
    expect(sensitivity.method).toBe("oat");
    expect(sensitivity.delta).toBe(0.2);
    expect(sensitivity.rows).toHaveLength(8);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).units).toBe(17 * 2);
  });

  it("sensitivity --method morris gives the same trajectories for the same seed", async () => {
    const args = ["sensitivity", B, "--method", "morris", "--trajectories", "3", "--params", "levers.boost.multiplier,funnel.orderRate", "--kpi", "gmv,orders", "--reps", "2", "--json", ...QUIET];
    const a = await cli([...args, "--out", temporaryFolder()]);
    const b = await cli([...args, "--out", temporaryFolder()]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout).rows).toHaveLength(4);
  });

  it("prints a readable summary and where the results are without --json", async () => {
    const out = temporaryFolder();
    const result = await cli(["run", B, "--reps", "2", "--out", out, ...QUIET]);
    expect(result.stdout).toMatch(/^baseline: 2 replications, mean \[95% CI\]\n {2}gmv {18}/);
    expect(result.stdout.endsWith(`results in ${out}/\n`)).toBe(true);
  });

  it("with --lang zh-CN the summary is in Chinese too: KPI names and numbers as the report writes them", async () => {
    const out = temporaryFolder();
    const result = await cli(["run", B, "--reps", "2", "--lang", "zh-CN", "--out", out, ...QUIET]);
    expect(result.stdout).toMatch(/^baseline：2次重复，均值［95%置信区间］\n {2}GMV {18}[\d.]+(亿元|万元|元) \[/);
    // Columns line up on a terminal: a Chinese character takes two columns.
    expect(result.stdout).toMatch(/\n {2}净GMV（扣除退货） {4}\d/);
    expect(result.stdout.endsWith(`结果保存在 ${out}/\n`)).toBe(true);
  });

  it("refuses to overwrite a different run's folder without --force, exit 2", async () => {
    const out = temporaryFolder();
    expect((await cli(["run", B, "--reps", "2", "--out", out, ...QUIET])).code).toBe(0);
    const again = await cli(["run", B, "--reps", "3", "--out", out, ...QUIET]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/holds the results of a different run/);
    expect((await cli(["run", B, "--reps", "3", "--out", out, "--force", ...QUIET])).code).toBe(0);
  });

  it("writes a shard's partial folder and merges shards into the unsharded outputs", async () => {
    const args = ["compare", B, BOOST, "--reps", "3", ...QUIET];
    const reference = temporaryFolder();
    await cli([...args, "--out", reference]);
    const shards = [temporaryFolder(), temporaryFolder()];
    const first = await cli([...args, "--shard", "1/2", "--out", shards[0]!]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^shard 1\/2: 3 runs saved in /);
    // The second shard from the environment, as a Slurm array task would.
    await cli([...args, "--out", shards[1]!], { env: { SLURM_ARRAY_TASK_ID: "1", SLURM_ARRAY_TASK_COUNT: "2" } });
    const blank = await cli(["merge", ...shards, "--out", " ", "--no-report"]);
    expect(blank).toEqual({ code: 2, stdout: "", stderr: '--out: must name a folder (got " ")\n' });
    const merged = temporaryFolder();
    const result = await cli(["merge", ...shards, "--out", merged, "--no-report", "--json"]);
    expect(result.code).toBe(0);
    const tree = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });
    expect(tree(merged)).toEqual(tree(reference));
    expect(result.stdout).toBe(tree(reference)["comparison.json"]);
  });

  it("exits 130 when interrupted and names the resume command", async () => {
    const out = temporaryFolder();
    const controller = new AbortController();
    let count = 0;
    const result = await cli(["run", B, "--reps", "4", "--out", out, ...QUIET], {
      signal: controller.signal,
      runner: inProcessRunner((config, options) => {
        count += 1;
        if (count === 2) controller.abort();
        return inProcessFake(config, options);
      }),
    });
    expect(result.code).toBe(130);
    expect(result.stderr).toBe(`interrupted: 2 of 4 runs saved in ${out}; resume with: funnelsim run ${B} --reps 4 --quiet --no-report --resume ${out}\n`);
  });

  it("maps a failing simulation to exit 1 with the run named", async () => {
    const result = await cli(["run", B, "--reps", "2", "--out", temporaryFolder(), ...QUIET], {
      runner: inProcessRunner(() => {
        throw new Error("kaboom");
      }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^funnelsim: internal error: run failed: scenario baseline, point base, replication 1, seed 116: kaboom\n.*UnitError/s);
  });
});


describe("validate, schema, init", () => {
  it("validate prints ok per file and exits 0", async () => {
    const result = await cli(["validate", B, BOOST]);
    expect(result).toEqual({ code: 0, stdout: `ok ${B}\nok ${BOOST}\n`, stderr: "" });
  });
  it("validate prints every problem of the bad files and exits 2", async () => {
    const result = await cli(["validate", B, "missing.yaml"]);
    expect(result).toEqual({ code: 2, stdout: `ok ${B}\n`, stderr: "missing.yaml: file not found\n" });
  });
  it("a scenario seed holding a / is a validation problem (exit 2), not a failure inside the run", async () => {
    for (const command of [["validate", B], ["run", B, "--reps", "1", ...QUIET]]) {
      const result = await cli([...command, "--set", "seed=a/b"]);
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr).toBe('--set: seed: must be an integer or a non-blank text without "/" (got "a/b")\n');
    }
  });
  it("schema prints the JSON Schema", async () => {
    const result = await cli(["schema"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).title).toBe("funnelsim scenario");
  });
  it("init writes a starter scenario that validates, with the modeline and its schema", async () => {
    const dir = join(temporaryFolder(), "study");
    const result = await cli(["init", dir]);
    expect(result.code).toBe(0);
    const text = readFileSync(join(dir, "scenario.yaml"), "utf8");
    expect(text.startsWith("# yaml-language-server: $schema=./scenario.schema.json\n")).toBe(true);
    expect(existsSync(join(dir, "scenario.schema.json"))).toBe(true);
    const loaded = await loadScenario(join(dir, "scenario.yaml"));
    expect(loaded.config.levers.boost.multiplier).toBe(2);
    expect((await cli(["init", dir])).code).toBe(2);
  });
});

describe("the recorded command line", () => {
  it("drops flags that do not change results", () => {
    expect(resultArguments(["run", "a.yaml", "--workers", "4", "--quiet", "--out=x", "--reps", "3", "--resume", "d", "--shard", "1/2", "--json", "--no-report", "--lang", "en", "--force", "--no-memory-check", "--interactive"])).toEqual([
      "run",
      "a.yaml",
      "--reps",
      "3",
    ]);
  });
  it("quotes arguments for a shell only when needed", () => {
    expect(shellQuote("levers.coupons[0].faceValue=6")).toBe("'levers.coupons[0].faceValue=6'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("scenarios/a.yaml")).toBe("scenarios/a.yaml");
  });
  it("resumes with --resume in place of --out", () => {
    expect(resumeCommand(["run", "a.yaml", "--out", "d", "--reps", "2"], "d")).toBe("funnelsim run a.yaml --reps 2 --resume d");
  });
});

describe("memory", () => {
  it("refuses a population too large for this machine, naming the estimate and the override", async () => {
    const result = await cli(["run", B, "--set", "population.users=50000000", "--reps", "1000", "--workers", "1024", "--out", temporaryFolder(), ...QUIET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^population\.users: 1000 simulations at once \(--workers 1024\) need about \d+\.\d GiB \(\d+\.\d\d GiB each\), more than this machine's \d+\.\d GiB; lower population\.users or --workers, or add --no-memory-check \(got 50000000\)\n$/,
    );
  });

  it("names merchants.count when the merchants' products take most of the memory", async () => {
    const result = await cli(["run", B, "--set", "merchants.count=1000000", "--set", "population.users=300", "--reps", "50", "--workers", "50", "--out", temporaryFolder(), ...QUIET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^merchants\.count: 50 simulations at once .*; lower merchants\.count or --workers, or add --no-memory-check \(got 1000000\)\n$/);
  });
});
