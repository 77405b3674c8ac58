/**
 * `funnelsim calibrate` end to end on a small, short market (400 users, 30 merchants, a 14-day
 * festival): recovery of hidden values, bad input, the same bytes for any worker count, and
 * resume after an interrupt.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/app.js";
import { inProcessRunner, type UnitRunner } from "../../src/experiment/runner.js";
import { simulate } from "../../src/market/simulation.js";
import { loadScenario } from "../../src/scenario/index.js";
import { temporaryFolder } from "../experiment/helpers.js";
import { cli } from "./helpers.js";

const SMALL = "test/fixtures/calibration/small.yaml";
const HIDDEN = "test/fixtures/calibration/hidden.yaml";
const model = inProcessRunner(simulate);
const OUTPUTS = ["calibration.json", "evaluations.csv", "fitted.yaml", "manifest.json"];

function read(folder: string): Record<string, string> {
  return Object.fromEntries(OUTPUTS.map((name) => [name, readFileSync(join(folder, name), "utf8")]));
}

/**
 * Replications of the recovery: at 400 users one replication's order value has a sampling error
 * of ≈ 2% (≈ 1,500 orders, prices spread ±80%), which is ≈ ¥4 of food's price (a third of orders);
 * over 8 replications ≈ ¥1.5, so the ¥5 tolerance below is ≈ 3 standard errors, not ≈ 1.
 */
const RECOVERY_REPLICATIONS = 8;

function targetsYaml(values: { orders: number; orderValue: number }, maxEvaluations: number, replications = 2): string {
  return `replications: ${replications}
maxEvaluations: ${maxEvaluations}
targets:
  - { name: orders, kpi: orders, value: ${values.orders}, tolerance: ${values.orders * 0.01} }
  - { name: orderValue, kpi: gmv, per: orders, value: ${values.orderValue}, tolerance: ${values.orderValue * 0.01} }
parameters:
  - { path: funnel.cartRate, min: 0.1, max: 0.4 }
  - { path: "categories[0].price", min: 30, max: 100 }
`;
}

describe("funnelsim calibrate", () => {
  let folder: string;
  let hidden: { orders: number; orderValue: number };

  beforeAll(async () => {
    folder = temporaryFolder("funnelsim-calibrate-");
    // The targets: what the hidden values (cartRate 0.24, food at ¥60) give on replications 1–8.
    const { config } = await loadScenario(HIDDEN);
    const runs = Array.from({ length: RECOVERY_REPLICATIONS }, (_, index) => index + 1).map((replication) => simulate(config, { seed: config.seed, replication }).kpis);
    hidden = {
      orders: runs.reduce((sum, kpis) => sum + kpis.orders, 0) / runs.length,
      orderValue: runs.reduce((sum, kpis) => sum + kpis.gmv / kpis.orders, 0) / runs.length,
    };
  });

  it("recovers hidden parameter values from targets their run produced, starting elsewhere", async () => {
    const targets = join(folder, "recovery.yaml");
    writeFileSync(targets, targetsYaml(hidden, 50, RECOVERY_REPLICATIONS));
    const out = join(folder, "recovery");
    const result = await cli(["calibrate", SMALL, "--targets", targets, "--out", out, "--no-report"], { runner: model });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "calibration.json"), "utf8")) as { parameters: { path: string; start: number; fitted: number }[]; targets: { within: boolean }[] };
    const [cartRate, price] = summary.parameters;
    // Started at small.yaml's 0.17 and ¥45; hidden at 0.24 and ¥60. Stated tolerances: within
    // 0.02 and ¥5 (under 7% of each search range).
    expect(cartRate?.start).toBe(0.17);
    expect(price?.start).toBe(45);
    expect(Math.abs((cartRate?.fitted ?? 0) - 0.24)).toBeLessThanOrEqual(0.02);
    expect(Math.abs((price?.fitted ?? 0) - 60)).toBeLessThanOrEqual(5);
    expect(summary.targets.every((target) => target.within)).toBe(true);
    // The fitted scenario extends the input and loads to the fitted values.
    const fitted = await loadScenario(join(out, "fitted.yaml"));
    expect(fitted.config.funnel.cartRate).toBe(cartRate?.fitted);
    expect(fitted.config.categories[0]?.price).toBe(price?.fitted);
    expect(fitted.config.population.users).toBe(400);
    expect(readFileSync(join(out, "fitted.yaml"), "utf8")).toMatch(/^extends: .*test\/fixtures\/calibration\/small.yaml$/m);
    const csv = readFileSync(join(out, "evaluations.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("evaluation,iteration,step,funnel.cartRate,categories[0].price,loss,orders,orderValue");
    expect(csv.at(-1)).toMatch(/^\d+,\d+,sensitivity,/);
  });

  it("writes the same bytes with one worker, two workers, and after an interrupt and --resume", async () => {
    const targets = join(folder, "short.yaml");
    writeFileSync(targets, targetsYaml(hidden, 8));
    const args = (out: string) => ["calibrate", SMALL, "--targets", targets, "--no-report", "--out", out];
    const one = join(folder, "one");
    const first = await cli([...args(one), "--workers", "1"], { runner: undefined } as unknown as Partial<CliIo>);
    expect(first.code).toBe(0);
    const two = join(folder, "two");
    expect((await cli([...args(two), "--workers", "2"], { runner: undefined } as unknown as Partial<CliIo>)).code).toBe(0);
    expect(read(two)).toEqual(read(one));

    // Interrupted after 7 replications: exit 130, then --resume simulates only the rest.
    const resumed = join(folder, "resumed");
    const controller = new AbortController();
    let finished = 0;
    const interrupting: UnitRunner = (units, options) =>
      model(units, {
        ...options,
        onResult: (unit, result) => {
          options.onResult(unit, result);
          finished += 1;
          if (finished === 7) controller.abort();
        },
      });
    const stopped = await cli(args(resumed), { runner: interrupting, signal: controller.signal });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(/^interrupted: \d+ evaluations done, 7 replications saved in .*; resume with: funnelsim calibrate .* --resume /);
    let simulated = 0;
    const counting: UnitRunner = (units, options) => {
      simulated += units.length;
      return model(units, options);
    };
    const again = await cli(["calibrate", SMALL, "--targets", targets, "--no-report", "--resume", resumed], { runner: counting });
    expect(again.code).toBe(0);
    expect(read(resumed)).toEqual(read(one));
    const total = readFileSync(join(one, "evaluations.csv"), "utf8").trim().split("\n").length - 1;
    expect(simulated).toBeLessThan(total * 2 - 6);
  });

  it("reports every problem of the targets file at once, exit 2", async () => {
    const targets = join(folder, "bad.yaml");
    writeFileSync(
      targets,
      `targets:
  - { name: a, kpi: gmvv, value: 1, tolerance: 1 }
  - { name: b, kpi: returnRate, value: 1.4, tolerance: 0.1 }
parameters:
  - { path: funnel.nowhere, min: 0, max: 1 }
  - { path: funnel.cartRate, min: 0.3, max: 0.1 }
`,
    );
    const result = await cli(["calibrate", SMALL, "--targets", targets]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    // Problems name the file as the outputs do: relative to the working directory.
    const label = relative(process.cwd(), targets);
    expect(result.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: targets\\[0\\]\\.kpi: must be a KPI: .* \\(did you mean "gmv"\\?\\) \\(got "gmvv"\\)$`)),
      `${label}: targets[1].value: is outside what this target can take (a share in [0, 1]) (got 1.4)`,
      `${label}: parameters[0].path: funnel.nowhere: unknown key`,
      `${label}: parameters[1].max: must be above min 0.3 (bounds reversed or empty) (got 0.1)`,
    ]);
  });

  it("reports what only the scenario can tell, at once: a window outside its days, a bound it refuses, a whole number, a missing scenario value", async () => {
    const targets = join(folder, "plan.yaml");
    writeFileSync(
      targets,
      `targets:
  - { name: late, series: gmv, from: 2023-01-01, value: 1, tolerance: 1 }
parameters:
  - { path: funnel.cartRate, min: 0.1, max: 1.5 }
  - { path: merchants.count, min: 10, max: 50 }
  - { path: "levers.coupons[0].faceValue", min: 1, max: 10 }
`,
    );
    const result = await cli(["calibrate", SMALL, "--targets", targets, "--shard", "1/2"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--shard: does not apply to calibrate/);
    const planned = await cli(["calibrate", SMALL, "--targets", targets]);
    expect(planned.code).toBe(2);
    const label = relative(process.cwd(), targets);
    expect(planned.stderr.trim().split("\n")).toEqual([
      `${label}: targets[0].from: holds none of the scenario's reported days (2022-09-28..2022-10-16) (got "2023-01-01..2022-10-16")`,
      `${label}: parameters[0].max: funnel.cartRate: must be <= 1 (got 1.5)`,
      `${label}: parameters[1].path: is a whole number; calibrate fits continuous values (got "merchants.count")`,
      `${label}: parameters[2].path: must name a number of the scenario (got nothing)`,
    ]);
  });
});
