/**
 * The funnel as its stage conversion rates — click / impression, cart / click, order / cart —
 * per strategy (rows) and traffic domain, each a dot at the mean over replications with its 95%
 * interval as a whisker. Each stage and domain has its own linear x axis: a click rate of 3% and
 * an order rate of 35% share no useful scale, and a log axis of counts hid the differences.
 */
import type { TopLevelSpec } from "vega-lite";
import { summarize } from "../../stats/index.js";
import { chartMessages } from "../chartMessages.js";
import type { FunnelCsvRow } from "../types.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel } from "./common.js";

/** The three conversions: each stage over the one before it. */
export const CONVERSIONS = [
  { stage: "clicks", from: "impressions" },
  { stage: "carts", from: "clicks" },
  { stage: "orders", from: "carts" },
] as const;

/** One conversion of one scenario and domain: mean over replications with its 95% interval (fractions). */
export interface FunnelRate {
  readonly scenario: string;
  readonly domain: string;
  /** The stage converted to: clicks (click / impression), carts (cart / click), orders (order / cart). */
  readonly stage: (typeof CONVERSIONS)[number]["stage"];
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
}

/**
 * Stage conversion rates per scenario and domain: each replication's totals (summed over the
 * domain's sources) give its rate, and the rates are summarized over replications. Scenario order
 * as given, public before private; a replication whose earlier stage is 0 has no rate.
 */
export function funnelRates(rows: readonly FunnelCsvRow[], scenarios: readonly string[]): FunnelRate[] {
  const domains = [...new Set(rows.map((row) => row.domain))].sort((a, b) => (a === "public" ? -1 : b === "public" ? 1 : a.localeCompare(b)));
  const out: FunnelRate[] = [];
  for (const scenario of scenarios) {
    for (const domain of domains) {
      const totals = new Map<number, { impressions: number; clicks: number; carts: number; orders: number }>();
      for (const row of rows) {
        if (row.scenario !== scenario || row.domain !== domain) continue;
        const total = totals.get(row.replication) ?? { impressions: 0, clicks: 0, carts: 0, orders: 0 };
        for (const key of ["impressions", "clicks", "carts", "orders"] as const) if (Number.isFinite(row[key])) total[key] += row[key];
        totals.set(row.replication, total);
      }
      if (totals.size === 0) continue;
      const replications = [...totals.keys()].sort((a, b) => a - b);
      for (const { stage, from } of CONVERSIONS) {
        const rates = replications.flatMap((replication) => {
          const total = totals.get(replication);
          return total === undefined || !(total[from] > 0) ? [] : [total[stage] / total[from]];
        });
        if (rates.length === 0) continue;
        const summary = summarize(rates);
        out.push({ scenario, domain, stage, mean: summary.mean, lo: summary.ci95[0], hi: summary.ci95[1], n: summary.n });
      }
    }
  }
  return out;
}

/**
 * Stage conversion rates with 95% whiskers: a row of panels per conversion, a column per domain.
 *
 * @param rates - {@link funnelRates} of the funnel rows.
 */
export function funnelSpec(rates: readonly FunnelRate[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = chartMessages(messages);
  const scenarios = context.scenarios.filter((name) => rates.some((row) => row.scenario === name));
  const labels = scenarios.map((name) => scenarioLabel(context, name));
  const values = rates.map((row) => ({
    scenario: scenarioLabel(context, row.scenario),
    domain: messages.domains[row.domain] ?? row.domain,
    conversion: text.conversions[row.stage] ?? row.stage,
    mean: round(row.mean * 100),
    lo: round(Math.max(0, row.lo) * 100),
    hi: round(Math.min(1, row.hi) * 100),
  }));
  const y = { field: "scenario", type: "nominal", sort: labels, title: null };
  const colour = { field: "scenario", type: "nominal", scale: scenarioColour(context, scenarios), legend: null };
  return {
    ...frame(messages.charts["funnel"]?.title ?? "", text.conversionNote),
    data: { values },
    facet: {
      row: { field: "conversion", type: "nominal", title: null, sort: CONVERSIONS.map(({ stage }) => text.conversions[stage] ?? stage), header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } },
      column: { field: "domain", type: "nominal", title: null, sort: [messages.domains["public"], messages.domains["private"]] },
    },
    spec: {
      width: 330,
      height: { step: 14 },
      layer: [
        { mark: { type: "rule", strokeWidth: 2 }, encoding: { y, x: { field: "lo", type: "quantitative", title: text.conversionRate, scale: { zero: false } }, x2: { field: "hi" }, color: colour } },
        { mark: { type: "point", filled: true, size: 40 }, encoding: { y, x: { field: "mean", type: "quantitative" }, color: colour } },
      ],
    },
    // Each stage and domain its own axis: rates of 3% and 35% on one axis would flatten both.
    resolve: { scale: { x: "independent" }, axis: { x: "independent" } },
  } as TopLevelSpec;
}
