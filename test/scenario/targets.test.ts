import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { KPIS } from "../../src/market/result.js";
import { loadTargets, TARGETS_SCHEMA_FILE, targetsJsonSchemaText, validateTargets } from "../../src/scenario/targets.js";

function problemsOf(input: unknown): string[] {
  try {
    validateTargets(input, "t.yaml");
  } catch (error) {
    if (error instanceof InputError) return [...error.problems];
    throw error;
  }
  return [];
}

const parameter = { path: "funnel.cartRate", min: 0.1, max: 0.3 };
const target = { name: "aov", kpi: "gmv", per: "orders", value: 70, tolerance: 5 };

describe("targets files", () => {
  it("accepts the bundled public figures", async () => {
    const targets = await loadTargets("scenarios/calibration/public-figures.yaml");
    expect(targets.targets.map((item) => item.name)).toEqual(["gmvPerDayFestival", "gmvPerDayTail", "publicShare", "orderValue", "repurchase", "returns", "newProductShare"]);
    expect(targets.parameters).toHaveLength(4);
  });

  it("reports every problem at once: unknown KPI, missing path, reversed bounds, impossible value", () => {
    const second = problemsOf({
      targets: [
        { name: "a", kpi: "gvm", value: 1, tolerance: 1 },
        { name: "b", kpi: "repurchaseRate", value: 1.2, tolerance: 0.05 },
        { name: "c", series: "gmv.nowhere", value: 1, standardError: 1 },
        { name: "d", kpi: "orders", value: 5 },
        { name: "d", series: "gmv", phase: "festival", from: "2022-10-01", value: 1, tolerance: 1 },
        { name: "g", kpi: "orders", value: 1, tolerance: 1, weight: -1 },
        { name: "e", kpi: "gmvTail", value: -3, tolerance: 1 },
        { name: "f", kpi: "newProductGmvShare", direction: "atLeast", value: 1.5, tolerance: 0.1 },
      ],
      parameters: [
        { path: "funnel.cartRat", min: 0.1, max: 0.3 },
        { path: "funnel.orderRate", min: 0.6, max: 0.4 },
        { path: "seed", min: 1, max: 2 },
      ],
    });
    expect(second).toEqual([
      "t.yaml: targets[5].weight: must be >= 0 (got -1)",
      `t.yaml: targets[0].kpi: must be a KPI: ${KPIS.join(", ")} (did you mean "gmv"?) (got "gvm")`,
      "t.yaml: targets[1].value: is outside what this target can take (a share in [0, 1]) (got 1.2)",
      expect.stringMatching(/^t\.yaml: targets\[2\]\.series: must be a daily series: .* \(got "gmv\.nowhere"\)$/),
      "t.yaml: targets[3]: must give exactly one of tolerance or standardError (got null)",
      't.yaml: targets[4].name: must be unique (got "d")',
      't.yaml: targets[4].phase: give a phase or from/to dates, not both (got "festival")',
      "t.yaml: targets[6].value: is outside what this target can take (never negative) (got -3)",
      "t.yaml: targets[7].value: is outside what this target can take (a share in [0, 1]) (got 1.5)",
      't.yaml: parameters[0].path: funnel.cartRat: unknown key (did you mean "cartRate"?)',
      "t.yaml: parameters[1].max: must be above min 0.6 (bounds reversed or empty) (got 0.4)",
      't.yaml: parameters[2].path: cannot be fitted: it identifies the run rather than the market (got "seed")',
    ]);
  });

  it("names missing sections and unknown keys", () => {
    expect(problemsOf({ target: [target] })).toEqual([
      't.yaml: target: unknown key (did you mean "targets"?)',
      "t.yaml: targets: is required (got nothing)",
      "t.yaml: parameters: is required (got nothing)",
    ]);
    expect(problemsOf({ targets: [{ ...target, tolerence: 5 }], parameters: [parameter] })).toEqual(['t.yaml: targets[0].tolerence: unknown key (did you mean "tolerance"?)']);
  });

  it("accepts a KPI ratio, a series over dates and a one-sided target", () => {
    const targets = validateTargets(
      {
        targets: [target, { name: "tail", series: "gmv", from: "2022-11-12", to: "2022-11-30", statistic: "sum", value: 1e9, standardError: 1e8 }, { name: "rep", kpi: "repurchaseRate", direction: "atLeast", value: 0.7, tolerance: 0.05 }],
        parameters: [parameter],
      },
      "t.yaml",
    );
    expect(targets.targets[1]?.measure).toEqual({ type: "series", metric: "gmv", statistic: "sum", window: { from: "2022-11-12", to: "2022-11-30" } });
    expect(targets.targets[2]?.direction).toBe("atLeast");
    expect(targets.parameters[0]?.segments).toEqual(["funnel", "cartRate"]);
  });

  it("keeps the committed JSON Schema in step with the schema", () => {
    expect(readFileSync(TARGETS_SCHEMA_FILE, "utf8")).toBe(targetsJsonSchemaText());
  });
});
