import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { gainRows } from "../../src/report/charts/whoGains.js";
import { scorecardSection, testsOf, verdictOf, whoGainsSection } from "../../src/report/decision.js";
import { decisionMessagesFor } from "../../src/report/decisionMessages.js";
import { buildHtml } from "../../src/report/html.js";
import { loadResults } from "../../src/report/load.js";
import { messagesFor } from "../../src/report/messages.js";
import { kpiTables, scenarioOrder } from "../../src/report/plan.js";
import { readingOf } from "../../src/report/reading.js";
import type { Comparison, Results, ScorecardRow } from "../../src/report/types.js";
import { FIXTURES } from "./helpers.js";

const en = messagesFor("en");
const results = loadResults(join(FIXTURES, "compare"));

function page(input: Results): string {
  const scenarios = scenarioOrder(input);
  return buildHtml({ results: input, messages: en, scenarios, kpis: kpiTables(input, scenarios), reading: readingOf(input, scenarios, en), charts: [] });
}

describe("the scorecard", () => {
  it("reads comparison.json's scorecard block and comes first on the page, before the reading and the headline table", () => {
    expect(results.comparison?.scorecard?.strategies.map((row) => row.scenario)).toEqual(["boost-2x", "coupon-66"]);
    const html = page(results);
    const at = (text: string) => html.indexOf(text);
    expect(at('<h2 id="scorecard">Scorecard</h2>')).toBeGreaterThan(0);
    expect(at('<h2 id="scorecard">')).toBeLessThan(at("<h2>Reading</h2>"));
    expect(at("<h2>Reading</h2>")).toBeLessThan(at("<h2>Headline KPIs</h2>"));
    expect(at("<h2>Headline KPIs</h2>")).toBeLessThan(at('<h2 id="who-gains">'));
  });

  it("ranks the strategies by net GMV gained, with cost, return and verdict columns", () => {
    const section = scorecardSection(results, en);
    const card = results.comparison!.scorecard!;
    const ranked = [...card.strategies].sort((a, b) => b.netGmv.diff - a.netGmv.diff).map((row) => row.scenario);
    const order = [...section.matchAll(/<tr><td class="num">(\d)<\/td><th>([^<]+)<\/th>/g)].map((match) => match[2]);
    expect(order).toEqual(ranked);
    for (const header of ["Net GMV (after returns)", "Platform cost", "Net GMV per ¥1 of cost", "Verdict"]) expect(section).toContain(`<th>${header}</th>`);
    // The fixture's coupon costs ¥0.13bn a day for 11 days; its boost is the baseline's.
    expect(section).toMatch(/coupons ¥1\.43bn · boost 0 impressions/);
  });

  it("gives each strategy the verdict its intervals support", () => {
    const decision = decisionMessagesFor("en");
    const row = (scenario: string, net: [number, number, number], ratio?: [number, number, number]): ScorecardRow => ({
      scenario,
      gmv: { diff: net[0], ci95: [net[1], net[2]], relative: Number.NaN },
      netGmv: { diff: net[0], ci95: [net[1], net[2]], relative: Number.NaN },
      couponCost: { diff: 1e9, ci95: [1e9, 1e9], relative: Number.NaN },
      boostImpressions: { diff: 0, ci95: [0, 0], relative: Number.NaN },
      boostValue: { mean: 0, ci95: [0, 0] },
      cost: { mean: 1e9, ci95: [0.9e9, 1.1e9] },
      ...(ratio === undefined ? {} : { returnOnCost: { mean: ratio[0], ci95: [ratio[1], ratio[2]] } }),
    });
    const rows = [row("gains", [3e9, 2e9, 4e9], [2.6, 2.3, 2.9]), row("dear", [0.4e9, 0.2e9, 0.6e9], [0.39, 0.23, 0.55]), row("loses", [-2.8e9, -5.2e9, -0.6e9]), row("unclear", [0.1e9, -1e9, 1.2e9])];
    const comparison: Comparison = {
      baseline: "baseline",
      strategies: rows.map((entry) => ({ scenario: entry.scenario, kpis: {}, vsBaseline: { netGmv: entry.netGmv, gmv: entry.gmv } })),
    };
    const tests = testsOf({ ...results, comparison, manifest: { ...results.manifest, scenarios: [{ name: "baseline", file: "", hash: "", seed: 1, replications: 10, config: {} }] } }, comparison);
    expect(rows.map((entry) => verdictOf(entry, tests, decision).text)).toEqual([
      "Gains net GMV, clear; returns ¥2.6 per ¥1 of cost",
      "Gains net GMV, clear; returns only ¥0.39 per ¥1 of cost",
      "Loses net GMV after returns",
      "No clear change in net GMV",
    ]);
  });
});

describe("who gains", () => {
  it("a table and chart rows per merchant group with paired intervals relative to the group's baseline GMV", () => {
    const comparison = results.comparison!;
    const rows = gainRows(comparison, scenarioOrder(results), testsOf(results, comparison));
    expect(new Set(rows.map((row) => row.kpi))).toEqual(new Set(["gmvBrand", "gmvQuickBrand", "gmvSmall", "gmvInfluencer", "participantGmv", "nonParticipantGmv"]));
    const brand = rows.find((row) => row.scenario === "boost-2x" && row.kpi === "gmvBrand")!;
    const base = comparison.strategies.find((entry) => entry.scenario === "baseline")!.kpis["gmvBrand"]!.mean;
    const difference = comparison.strategies.find((entry) => entry.scenario === "boost-2x")!.vsBaseline["gmvBrand"]!;
    expect(brand.relative).toBeCloseTo((difference.diff / base) * 100, 10);
    expect(brand.lo).toBeCloseTo((difference.ci95[0] / base) * 100, 10);
    // The fixture's boost-2x moves 2 points of GMV from small merchants to brands.
    expect(brand.relative).toBeGreaterThan(0);
    expect(rows.find((row) => row.scenario === "boost-2x" && row.kpi === "gmvSmall")!.relative).toBeLessThan(0);
    const table = whoGainsSection(results, en, scenarioOrder(results));
    expect(table).toContain("<th>Brands <small>(By merchant type)</small></th>");
    expect(table).toContain("<th>Registered merchants <small>(By registration)</small></th>");
  });
});

describe("the decision catalog", () => {
  it("has every English key in Chinese, with the same arguments, and nested keys alike", () => {
    const english = decisionMessagesFor("en") as unknown as Record<string, unknown>;
    const chinese = decisionMessagesFor("zh-CN") as unknown as Record<string, unknown>;
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    for (const [key, value] of Object.entries(english)) {
      const other = chinese[key];
      if (typeof value === "function") expect((other as (...args: unknown[]) => string).length, key).toBe(value.length);
      else if (typeof value === "object" && value !== null) expect(Object.keys(other as object).sort(), key).toEqual(Object.keys(value).sort());
      if (typeof value === "string" && key !== "listJoin") expect(other, key).not.toBe(value);
    }
  });
});
