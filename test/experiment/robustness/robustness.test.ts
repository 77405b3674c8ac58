import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError, InterruptedError } from "../../../src/errors.js";
import { mergeShards, runExperiment, type ExperimentOptions } from "../../../src/experiment/experiment.js";
import { planHash, type ExperimentPlan } from "../../../src/experiment/plan.js";
import { planRobustness } from "../../../src/experiment/robustness/plan.js";
import { parseUncertainty, UNCERTAINTY_SCHEMA_FILE, uncertaintyJsonSchemaText, type Uncertainty } from "../../../src/experiment/robustness/uncertainty.js";
import { inProcessRunner, type SimulateFunction } from "../../../src/experiment/runner.js";
import { createStream } from "../../../src/random/index.js";
import { fakeLoader, fakeSimulate, readTree, shuffledRunner, source, temporaryFolder } from "../helpers.js";

/**
 * A market where the winner is known: the boost gains 100 × (θ − 0.5) net GMV over the
 * baseline and private effort loses as much, θ = traffic.commerceShareResponse. So the boost
 * wins every draw with θ > 0.5 and private effort every draw below; funnel.orderRate does
 * nothing. The noise comes from the replication's streams only, which every strategy of a draw
 * shares (common random numbers), so it cancels in the differences.
 */
const flipSimulate: SimulateFunction = (config, options) => {
  const result = fakeSimulate(config, options);
  const theta = config.traffic.commerceShareResponse;
  const strategy = config.levers.boost.multiplier === 2 ? 1 : config.levers.effort.liveHoursMultiplier === 1.6 ? -1 : 0;
  const noise = createStream(`${String(options.seed)}/rep:${options.replication}/flip`)();
  return { ...result, kpis: { ...result.kpis, netGmv: 1000 + 50 * noise + strategy * 100 * (theta - 0.5) } };
};

const UNCERTAINTY: Uncertainty = parseUncertainty(
  {
    parameters: [
      { path: "traffic.commerceShareResponse", distribution: "uniform", low: 0, high: 1, source: "test: the parameter that decides" },
      { path: "funnel.orderRate", distribution: "triangular", low: 0.3, mode: 0.5, high: 0.7, source: "test: a parameter that does nothing" },
    ],
  },
  "test.yaml",
);

const strategies = () => [
  source("baseline"),
  source("boost", (config) => (config.levers.boost.multiplier = 2)),
  source("private", (config) => (config.levers.effort.liveHoursMultiplier = 1.6)),
];

/** The loader gives each file its strategy's levers, then the draw's values. */
const loader: typeof fakeLoader = async (file, sets) => {
  const loaded = await fakeLoader(file, sets);
  if (loaded.name === "boost") loaded.config.levers.boost.multiplier = 2;
  if (loaded.name === "private") loaded.config.levers.effort.liveHoursMultiplier = 1.6;
  return loaded;
};

const plan = (draws = 20, replications = 3): Promise<ExperimentPlan> =>
  planRobustness({ sources: strategies(), baseline: source("baseline"), sets: [], load: loader, uncertainty: UNCERTAINTY, file: "test.yaml", draws, replications });

const options = (out: string, extra: Partial<ExperimentOptions> = {}): ExperimentOptions => ({ out, command: "funnelsim robustness test", runner: inProcessRunner(flipSimulate), ...extra });
const outputsOf = (folder: string) => readTree(folder, { skip: (path) => path.startsWith("units") });

describe("planRobustness", () => {
  it("runs every strategy in every draw, draw by draw, with one root seed per draw shared by the strategies", async () => {
    const planned = await plan(4, 2);
    expect(planned.units).toHaveLength(4 * 3 * 2);
    expect(planned.units.slice(0, 6).map((unit) => unit.id)).toEqual([
      "robustness/baseline/draw-1/rep-1",
      "robustness/baseline/draw-1/rep-2",
      "robustness/boost/draw-1/rep-1",
      "robustness/boost/draw-1/rep-2",
      "robustness/private/draw-1/rep-1",
      "robustness/private/draw-1/rep-2",
    ]);
    const seeds = (draw: string) => new Set(planned.units.filter((unit) => unit.id.includes(`/${draw}/`)).map((unit) => unit.seed));
    expect(seeds("draw-1")).toEqual(new Set(["116-draw-1"]));
    expect(seeds("draw-2")).toEqual(new Set(["116-draw-2"]));
    const arm = planned.arms[3];
    expect(arm?.label).toBe("baseline@draw-2");
    expect(arm?.config.traffic.commerceShareResponse).toBe(planned.robustness?.draws[1]?.values["traffic.commerceShareResponse"]);
  });

  it("has a plan hash that the uncertainty file's name and sources do not change, but its ranges do", async () => {
    const base = planHash(await plan(4, 2), "0");
    const renamed = await planRobustness({ sources: strategies(), baseline: source("baseline"), sets: [], load: loader, uncertainty: { ...UNCERTAINTY, parameters: UNCERTAINTY.parameters.map((param) => ({ ...param, source: "other words" })) }, file: "elsewhere/u.yaml", draws: 4, replications: 2 });
    expect(planHash(renamed, "0")).toBe(base);
    const wider = parseUncertainty({ parameters: [{ path: "traffic.commerceShareResponse", distribution: "uniform", low: 0, high: 0.9, source: "s" }, { path: "funnel.orderRate", distribution: "triangular", low: 0.3, mode: 0.5, high: 0.7, source: "s" }] }, "u.yaml");
    const changed = await planRobustness({ sources: strategies(), baseline: source("baseline"), sets: [], load: loader, uncertainty: wider, file: "test.yaml", draws: 4, replications: 2 });
    expect(planHash(changed, "0")).not.toBe(base);
  });

  it("refuses, all at once, a parameter that is not a number of the scenario and a lever the strategies differ on", async () => {
    const uncertainty = parseUncertainty(
      {
        parameters: [
          { path: "funnel.nope", distribution: "uniform", low: 0, high: 1, source: "x" },
          { path: "levers.boost.multiplier", distribution: "uniform", low: 1, high: 3, source: "x" },
        ],
      },
      "u.yaml",
    );
    const planning = planRobustness({ sources: strategies(), baseline: source("baseline"), sets: [], load: loader, uncertainty, file: "u.yaml", draws: 4 });
    await expect(planning).rejects.toThrow(InputError);
    await planning.catch((error: InputError) =>
      expect(error.problems).toEqual([
        'u.yaml: parameters[0].path: must name a number of the scenario, as --set would (got "funnel.nope", which is not there in baseline)',
        'u.yaml: parameters[1].path: is a lever the strategies differ on (boost sets 2, baseline 1); an uncertain parameter must be a fact of the market, the same in every strategy (got "levers.boost.multiplier")',
      ]),
    );
  });
});

describe("robustness outputs", () => {
  it("finds the known flip: each of two strategies best in exactly the draws on its side of θ = 0.5, and θ, not the idle parameter, drives the advantage", async () => {
    const out = temporaryFolder();
    const outcome = await runExperiment(await plan(), options(out));
    const json = JSON.parse(outcome.outputs.get("robustness.json") as string);
    const byName = Object.fromEntries(json.strategies.map((entry: { scenario: string }) => [entry.scenario, entry]));
    // LHS puts exactly 10 of 20 draws in each half of θ's range.
    expect(byName.boost.pBest.count).toBe(10);
    expect(byName.private.pBest.count).toBe(10);
    expect(byName.baseline.pBest.count).toBe(0);
    expect(byName.boost.pBeatsBaseline).toEqual({ p: 0.5, ci95: [expect.closeTo(0.299, 3), expect.closeTo(0.701, 3)], count: 10, draws: 20 });
    const theta = json.flips.find((flip: { param: string }) => flip.param === "traffic.commerceShareResponse");
    expect(theta).toMatchObject({ flipsWinner: true, low: { winner: "private" }, high: { winner: "boost" } });
    const driver = (name: string, param: string) => byName[name].drivers.find((entry: { param: string }) => entry.param === param);
    expect(driver("boost", "traffic.commerceShareResponse").prcc).toBeGreaterThan(0.99);
    expect(driver("private", "traffic.commerceShareResponse").prcc).toBeLessThan(-0.99);
    // θ explains the advantage exactly, leaving the idle parameter nothing: no PRCC, a weak Spearman.
    expect(driver("boost", "funnel.orderRate").prcc).toBeNull();
    expect(Math.abs(driver("boost", "funnel.orderRate").spearman)).toBeLessThan(0.5);
    // Regret: the best strategy's net GMV minus this one's — 0 where it wins, 200|θ − 0.5| where the other does.
    const rows = readFileSync(join(out, "draws.csv"), "utf8").trim().split("\n");
    expect(rows).toHaveLength(1 + 20 * 3);
    expect(rows[0]).toBe("draw,seed,traffic.commerceShareResponse,funnel.orderRate,strategy,netGmv,advantage,advantageLow,advantageHigh,rank,best,regret");
    for (const line of rows.slice(1)) {
      const cells = line.split(",");
      const value = Number(cells[2]);
      if (cells[4] === "boost") expect(Number(cells[11])).toBeCloseTo(value > 0.5 ? 0 : 200 * (0.5 - value), 6);
      if (cells[4] === "boost") expect(cells[10]).toBe(value > 0.5 ? "true" : "false");
    }
    // Common random numbers: the noise cancels, so no replication noise is left in the advantage.
    expect(byName.boost.replicationNoiseShare).toBeLessThan(1e-9);
  });

  it("writes the same bytes whatever order units finish in, after an interrupted run is resumed, and from merged shards", async () => {
    const reference = temporaryFolder();
    await runExperiment(await plan(6, 2), options(reference));
    const shuffled = temporaryFolder();
    await runExperiment(await plan(6, 2), options(shuffled, { runner: shuffledRunner(flipSimulate, "shuffle") }));
    expect(outputsOf(shuffled)).toEqual(outputsOf(reference));

    const resumed = temporaryFolder();
    const controller = new AbortController();
    const first = runExperiment(await plan(6, 2), options(resumed, { signal: controller.signal, onProgress: (done) => done === 10 && controller.abort() }));
    await expect(first).rejects.toThrow(InterruptedError);
    let simulated = 0;
    const counting: SimulateFunction = (config, run) => {
      simulated += 1;
      return flipSimulate(config, run);
    };
    await runExperiment(await plan(6, 2), options(resumed, { resume: true, runner: inProcessRunner(counting) }));
    expect(simulated).toBe(36 - 10);
    expect(outputsOf(resumed)).toEqual(outputsOf(reference));

    const shards = [temporaryFolder(), temporaryFolder()];
    for (const [index, folder] of shards.entries()) await runExperiment(await plan(6, 2), options(folder, { shard: { index: index + 1, count: 2 } }));
    const merged = temporaryFolder();
    await mergeShards(shards, merged);
    expect(outputsOf(merged)).toEqual(outputsOf(reference));
  });
});

describe("parseUncertainty", () => {
  it("reports every problem of a file at once, as file: path: rule (got value)", () => {
    const bad = {
      parameters: [
        { path: "traffic.commerceShareResponse", distribution: "uniform", low: 0.8, high: 0.2, source: "s" },
        { path: "funnel.orderRate", distribution: "beta", source: "s" },
        { path: "seed", distribution: "uniform", low: 0, high: 1, source: "s" },
        { path: "traffic.storeVisitProbability", distribution: "triangular", low: 0.1, mode: 0.5, high: 0.3 },
        { path: "funnel.cartRate", distribution: "normal", mean: 0.17, sd: 0, mode: 1, source: "s" },
        { path: "funnel.cartRate", distribution: "lognormal", median: -1, sigma: "wide", source: "s" },
        { path: "funnel.impulseFactor", distribution: "normal", mean: 0, sd: 1, low: 5, high: 6, source: "s" },
      ],
      extra: 1,
    };
    expect(() => parseUncertainty(bad, "u.yaml")).toThrow(InputError);
    try {
      parseUncertainty(bad, "u.yaml");
    } catch (error) {
      expect((error as InputError).problems).toEqual([
        "u.yaml: extra: unknown key (an uncertainty file has description and parameters) (got \"extra\")",
        "u.yaml: parameters[0].high: must be above low (0.8) (got 0.2)",
        'u.yaml: parameters[1].distribution: must be one of uniform, triangular, normal, lognormal (got "beta")',
        'u.yaml: parameters[2].path: names the run, not the market, and cannot be uncertain (got "seed")',
        'u.yaml: parameters[3].source: must say where the range comes from or why it is assumed (got "nothing")',
        "u.yaml: parameters[4].mode: is not a field of a normal distribution (its fields: mean, sd, low, high) (got 1)",
        'u.yaml: parameters[5].path: repeats parameters[4]; list each parameter once (got "funnel.cartRate")',
        'u.yaml: parameters[5].sigma: must be a finite number (got "wide")',
        "u.yaml: parameters[6].high: the bounds keep under 0.1% of the distribution; move them toward its mean 0 (got 6)",
      ]);
    }
  });

  it("refuses a file that is not a mapping, and an empty parameter list", () => {
    expect(() => parseUncertainty([1, 2], "u.yaml")).toThrow(new InputError("u.yaml: must be a mapping with a parameters list (got [1, 2])"));
    expect(() => parseUncertainty({ parameters: [] }, "u.yaml")).toThrow(new InputError("u.yaml: parameters: must be a non-empty list of uncertain parameters (got [])"));
  });
});

describe("the uncertainty file's JSON Schema", () => {
  it("is the committed file (regenerate: npx tsx src/experiment/robustness/write-schema.ts) and the bundled file points editors to it", () => {
    expect(readFileSync(UNCERTAINTY_SCHEMA_FILE, "utf8")).toBe(uncertaintyJsonSchemaText());
    expect(readFileSync("scenarios/uncertainty/defaults.yaml", "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=./uncertainty.schema.json");
  });

  it("lists each distribution's fields as the validator reads them", () => {
    const schema = JSON.parse(uncertaintyJsonSchemaText());
    const variants = schema.properties.parameters.items.oneOf as { properties: Record<string, unknown>; required: string[] }[];
    const normal = variants.find((variant) => (variant.properties["distribution"] as { const: string }).const === "normal");
    expect(normal?.required).toEqual(["path", "distribution", "source", "mean", "sd"]);
    expect(Object.keys(normal?.properties ?? {})).toEqual(["path", "distribution", "source", "mean", "sd", "low", "high"]);
  });
});
