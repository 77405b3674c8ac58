/**
 * New products' share of GMV per strategy — new to the buyer within 30 days (the seed's
 * definition of 上新) and launched during the festival — as bars with 95% whiskers.
 */
import type { TopLevelSpec } from "vega-lite";
import type { KpiSummary } from "../types.js";
import { formatPercent } from "../format.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel } from "./common.js";

const SHARE_KPIS = ["newProductGmvShare", "launchedGmvShare"] as const;

/**
 * Bars of newProductGmvShare and launchedGmvShare per strategy with 95% intervals.
 *
 * @param kpis - scenario → KPI summaries (summary.json, comparison.json); shares are fractions.
 */
export function newProductShareSpec(kpis: ReadonlyMap<string, Readonly<Record<string, KpiSummary>>>, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const values: Record<string, unknown>[] = [];
  for (const scenario of context.scenarios) {
    const table = kpis.get(scenario);
    if (table === undefined) continue;
    for (const kpi of SHARE_KPIS) {
      const summary = table[kpi];
      if (summary === undefined || !Number.isFinite(summary.mean)) continue;
      values.push({
        scenario: scenarioLabel(context, scenario),
        kind: messages.shareKinds[kpi] ?? kpi,
        mean: round(summary.mean * 100),
        lo: round(summary.ci95[0] * 100),
        hi: round(summary.ci95[1] * 100),
        label: formatPercent(summary.mean),
      });
    }
  }
  const scenarios = context.scenarios.filter((name) => values.some((row) => row["scenario"] === scenarioLabel(context, name)));
  const kinds = SHARE_KPIS.map((kpi) => messages.shareKinds[kpi] ?? kpi);
  const y = { field: "scenario", type: "nominal", sort: scenarios.map((name) => scenarioLabel(context, name)), title: null };
  return {
    ...frame(messages.charts["newProductShare"]?.title ?? ""),
    data: { values },
    facet: { column: { field: "kind", type: "nominal", sort: kinds, title: null } },
    spec: {
      width: 280,
      height: { step: 26 },
      layer: [
        {
          mark: { type: "bar", height: 14 },
          encoding: {
            y,
            x: { field: "mean", type: "quantitative", title: messages.share, scale: { domain: [0, 100] } },
            color: { field: "scenario", type: "nominal", scale: scenarioColour(context, scenarios), legend: null },
          },
        },
        { mark: { type: "rule", color: "#222" }, encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } },
        { mark: { type: "text", align: "left", dx: 6, fontSize: 10 }, encoding: { y, x: { field: "hi", type: "quantitative" }, text: { field: "label" } } },
      ],
    },
  } as TopLevelSpec;
}
