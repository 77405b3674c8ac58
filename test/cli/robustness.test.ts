import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { poolRunner } from "../../src/experiment/runner.js";
import { writeReport } from "../../src/report/index.js";
import { temporaryFolder } from "../experiment/helpers.js";
import { cli, TINY } from "./helpers.js";

const B = "scenarios/baseline.yaml";
const BOOST = "scenarios/boost-2x.yaml";
const PRIVATE = "scenarios/private-first.yaml";
const DEFAULTS = "scenarios/uncertainty/defaults.yaml";
const QUIET = ["--quiet", "--no-report"];

function uncertaintyFile(text: string): string {
  const file = join(temporaryFolder(), "u.yaml");
  writeFileSync(file, text);
  return file;
}

describe("funnelsim robustness", () => {
  it("--help shows usage and examples", async () => {
    const result = await cli(["robustness", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("funnelsim robustness");
    expect(result.stdout).toContain("--uncertainty");
    expect(result.stdout).toContain("Examples:");
  });

  it("the bundled uncertainty file plans against every bundled strategy (fake model), and prints one line per strategy", async () => {
    const out = temporaryFolder();
    const result = await cli(["robustness", "scenarios/baseline.yaml", BOOST, PRIVATE, "scenarios/coupon-66.yaml", "scenarios/festival-116.yaml", "scenarios/new-launch.yaml", "scenarios/public-first.yaml", "--uncertainty", DEFAULTS, "--draws", "3", "--reps", "1", "--out", out, ...QUIET]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("3 draws of the uncertain parameters, netGmv against baseline: P(beats baseline) and P(best) [95% Wilson CI], expected regret");
    expect(result.stdout).toMatch(/^ {2}boost-2x +beats \d+% \[\d+%, \d+%\] +best \d+% \[\d+%, \d+%\] +regret ¥/m);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.kind).toBe("robustness");
    expect(manifest.units).toBe(3 * 7);
    expect(manifest.design).toMatchObject({ type: "robustness", uncertainty: DEFAULTS, kpi: "netGmv", baseline: "baseline", draws: 3 });
  });

  it("reports the uncertainty file's and the scenarios' problems together, exit 2, nothing written", async () => {
    const out = join(temporaryFolder(), "never");
    const file = uncertaintyFile("parameters:\n  - path: traffic.commerceShareResponse\n    distribution: uniform\n    low: 0.5\n    high: 0.2\n    source: s\n");
    const result = await cli(["robustness", B, "scenarios/nope.yaml", "--uncertainty", file, "--draws", "1", "--out", out, ...QUIET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--draws: must be a whole number from 2 to 10000 (got "1")');
    const again = await cli(["robustness", B, "scenarios/nope.yaml", "--uncertainty", file, "--out", out, ...QUIET]);
    expect(again.code).toBe(2);
    const lines = again.stderr.trim().split("\n");
    expect(lines[0]).toBe(`${file}: parameters[0].high: must be above low (0.5) (got 0.2)`);
    expect(lines.some((line) => line.startsWith("scenarios/nope.yaml: "))).toBe(true);
    expect(again.stderr).not.toContain("internal error");
    expect(existsSync(out)).toBe(false);
  });

  it("names the bound of a range the scenario cannot take, and refuses a missing --uncertainty", async () => {
    const file = uncertaintyFile(
      "parameters:\n  - path: traffic.commerceShareResponse\n    distribution: uniform\n    low: 0.2\n    high: 1.4\n    source: s\n  - path: funnel.orderRate\n    distribution: normal\n    mean: 0.5\n    sd: 0.1\n    source: s\n",
    );
    const result = await cli(["robustness", B, BOOST, "--uncertainty", file, ...QUIET]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${file}: parameters[0].high (traffic.commerceShareResponse): must be <= 1 (got 1.4)\n`);
    const missing = await cli(["robustness", B, BOOST, ...QUIET]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('--uncertainty: must name the uncertainty file, e.g. scenarios/uncertainty/defaults.yaml (got "nothing")\n');
  });

  it("renders a report with the robustness charts and tables (fake model)", async () => {
    const out = temporaryFolder();
    expect((await cli(["robustness", B, BOOST, PRIVATE, "--uncertainty", DEFAULTS, "--draws", "10", "--reps", "2", "--out", out, ...QUIET])).code).toBe(0);
    const written = await writeReport(out, { lang: "en", png: false, onWarning: (message) => expect.fail(message) });
    expect(written.filter((path) => path.endsWith(".vl.json")).map((path) => path.replace(/^.*\//, ""))).toEqual(["robustnessProbabilities.vl.json", "robustnessRegret.vl.json", "robustnessDrivers.vl.json"]);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("P(beats baseline)");
    expect(html).toContain("Uncertain parameters");
    expect(html).toContain("Bijmolt, van Heerde &amp; Pieters (2005)");
    await writeReport(out, { lang: "zh-CN", png: false, onWarning: () => undefined });
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain("胜过基准的概率");
  }, 60_000);

  it("--json prints robustness.json; shards merged and an interrupted run resumed give the same bytes (fake model)", async () => {
    const args = ["robustness", B, BOOST, PRIVATE, "--uncertainty", DEFAULTS, "--draws", "4", "--reps", "2", ...QUIET];
    const whole = temporaryFolder();
    const json = await cli([...args, "--json", "--out", whole]);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(readFileSync(join(whole, "robustness.json"), "utf8"));
    const shards = [temporaryFolder(), temporaryFolder()];
    for (const [index, folder] of shards.entries()) expect((await cli([...args, "--shard", `${index + 1}/2`, "--out", folder])).code).toBe(0);
    const merged = temporaryFolder();
    const merge = await cli(["merge", ...shards, "--out", merged, "--no-report"]);
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain("draws of the uncertain parameters");
    for (const file of ["robustness.json", "draws.csv", "replications.csv"]) expect(readFileSync(join(merged, file), "utf8"), file).toBe(readFileSync(join(whole, file), "utf8"));
    // Resuming the first shard's folder runs only the other shard's units and completes it.
    const resumed = await cli([...args, "--resume", shards[0]!]);
    expect(resumed.code).toBe(0);
    expect(readFileSync(join(shards[0]!, "robustness.json"), "utf8")).toBe(readFileSync(join(whole, "robustness.json"), "utf8"));
  });

  it("gives byte-identical outputs with 1 or 2 workers (real model)", async () => {
    const args = ["robustness", B, BOOST, "--uncertainty", DEFAULTS, "--draws", "3", "--reps", "2", ...TINY, ...QUIET];
    const folders = [temporaryFolder(), temporaryFolder()];
    const real = { runner: poolRunner() };
    const one = await cli([...args, "--out", folders[0]!, "--workers", "1"], real);
    const two = await cli([...args, "--out", folders[1]!, "--workers", "2"], real);
    expect(one.stderr).toBe("");
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    for (const file of ["robustness.json", "draws.csv", "replications.csv", "manifest.json"]) {
      expect(readFileSync(join(folders[1]!, file), "utf8"), file).toBe(readFileSync(join(folders[0]!, file), "utf8"));
    }
  }, 120_000);
});
