/**
 * The seeding-journey chart and table: paired differences against the baseline by stage and
 * source, a labelled 0 on every axis, and a table that gives the baseline its levels and each
 * strategy its paired Δ.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JOURNEY_TABLE_KPIS, journeyRows, journeySpec, journeyTable, journeyTicks } from "../../src/report/charts/journey.js";
import { buildHtml } from "../../src/report/html.js";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { chartContext, kpiTables } from "../../src/report/plan.js";
import type { Comparison } from "../../src/report/types.js";
import { FIXTURES } from "./helpers.js";

const results = loadResults(join(FIXTURES, "compare"));
const comparison = results.comparison as Comparison;

describe("journey chart", () => {
  it("has one whisker per strategy, stage and source, in percent of the baseline's mean, and none for the baseline", () => {
    const rows = journeyRows(comparison, ["baseline", "boost-2x", "coupon-66"]);
    expect(rows).toHaveLength(2 * 4 * 2);
    expect(rows.some((row) => row.scenario === "baseline")).toBe(false);
    const boost = comparison.strategies.find((strategy) => strategy.scenario === "boost-2x")!;
    const base = comparison.strategies.find((strategy) => strategy.scenario === "baseline")!.kpis["journeyFollowedBoost"]!.mean;
    const row = rows.find((entry) => entry.scenario === "boost-2x" && entry.stage === "Followed" && entry.source === "Boost")!;
    expect(row.relative).toBeCloseTo((boost.vsBaseline["journeyFollowedBoost"]!.diff / base) * 100, 9);
    expect(row.lo).toBeLessThanOrEqual(row.relative);
    expect(row.hi).toBeGreaterThanOrEqual(row.relative);
  });

  it("a stage the baseline has none of is left out (no relative scale)", () => {
    const zeroed: Comparison = {
      ...comparison,
      strategies: comparison.strategies.map((strategy) => ({
        ...strategy,
        kpis: { ...strategy.kpis, journeyPrivateBuyersBoost: { ...strategy.kpis["journeyPrivateBuyersBoost"]!, mean: 0 } },
      })),
    };
    const rows = journeyRows(zeroed, ["baseline", "boost-2x", "coupon-66"]);
    expect(rows.some((row) => row.stage === "PrivateBuyers" && row.source === "Boost")).toBe(false);
    expect(rows.some((row) => row.stage === "PrivateBuyers" && row.source === "Seeding")).toBe(true);
  });

  it("ticks every axis at 0 with a round step, the domain covering every whisker", () => {
    for (const [low, high] of [
      [-44.5, 13.2],
      [3, 27],
      [-120, -5],
      [-0.4, 0.2],
    ] as const) {
      const { domain, values } = journeyTicks(low, high);
      expect(values, `${low}..${high}`).toContain(0);
      expect(domain[0]).toBeLessThanOrEqual(Math.min(0, low));
      expect(domain[1]).toBeGreaterThanOrEqual(Math.max(0, high));
      expect(values.length).toBeGreaterThanOrEqual(3);
      expect(values.length).toBeLessThanOrEqual(6);
    }
    const spec = JSON.stringify(journeySpec(journeyRows(comparison, ["baseline", "boost-2x", "coupon-66"]), chartContext(results, messagesFor("en"))));
    expect(spec).toContain('"labelOverlap":false');
  });
});

describe("journey table", () => {
  const messages = messagesFor("en");
  const scenarios = ["baseline", "boost-2x", "coupon-66"];
  const kpis = kpiTables(results, scenarios);

  it("has a row per strategy, a column per journey KPI, and the baseline's row without a Δ", () => {
    const cells: string[] = [];
    const html = journeyTable(kpis, "baseline", scenarios, messages, (kpi, scenario) => {
      cells.push(`${scenario}/${kpi}`);
      return `<td>${scenario}/${kpi}</td>`;
    });
    expect(cells).toEqual(scenarios.flatMap((scenario) => JOURNEY_TABLE_KPIS.map((kpi) => `${scenario}/${kpi}`)));
    expect(html.match(/<tr>/g)).toHaveLength(1 + scenarios.length);
    expect(journeyTable(kpis, undefined, scenarios, messages, () => "")).toBe("");
  });

  it("sits under the journey chart in the page, its strategies' cells with paired Δ and the baseline's without", () => {
    const page = buildHtml({ results, messages, scenarios, kpis, reading: [], charts: [{ name: "journey", svg: "<svg></svg>" }] });
    const section = page.slice(page.indexOf('id="chart-journey"'), page.indexOf("</section>", page.indexOf('id="chart-journey"')));
    const rows = section.split("<tr>").slice(2);
    expect(rows).toHaveLength(3);
    expect(rows[0]).not.toContain("Δ");
    expect(rows[1]!.match(/Δ/g)).toHaveLength(JOURNEY_TABLE_KPIS.length);
  });
});
