/**
 * The funnel impression → click → cart → order per strategy (rows) and traffic domain
 * (columns), as bars on a log axis (impressions outnumber orders a thousandfold) labelled with
 * each stage's conversion from the stage before.
 */
import type { TopLevelSpec } from "vega-lite";
import { FUNNEL_STAGES } from "../../market/result.js";
import type { FunnelTotals } from "../aggregate.js";
import { formatPercent, formatSignificant, unitFor } from "../format.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel } from "./common.js";

/**
 * Funnel bars per strategy and domain with stage conversion labels.
 *
 * @param totals - `funnelTotals(rows, scenarios)`: mean totals per replication.
 */
export function funnelSpec(totals: readonly FunnelTotals[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const values = totals.flatMap((row) =>
    FUNNEL_STAGES.map((stage, index) => {
      const count = row[stage];
      const previous = index === 0 ? undefined : row[FUNNEL_STAGES[index - 1] as (typeof FUNNEL_STAGES)[number]];
      const unit = unitFor(messages.count, count);
      const conversion = previous === undefined || previous <= 0 ? "" : ` · ${formatPercent(count / previous)}`;
      return {
        scenario: scenarioLabel(context, row.scenario),
        domain: messages.domains[row.domain] ?? row.domain,
        stage: messages.stages[stage] ?? stage,
        order: index,
        count: round(count),
        label: `${unit.prefix}${formatSignificant(count / unit.divisor)}${unit.suffix}${conversion}`,
      };
    }),
  );
  const scenarios = context.scenarios.filter((name) => totals.some((row) => row.scenario === name));
  const stageOrder = FUNNEL_STAGES.map((stage) => messages.stages[stage] ?? stage);
  const positive = values.filter((row) => row.count > 0).map((row) => row.count);
  // The log axis starts a little below the smallest bar so every bar has a visible length.
  const floor = positive.length === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.min(...positive)) - 0.5);
  // ...and ends a decade and a half above the largest, leaving room for the labels right of the bars.
  const ceiling = positive.length === 0 ? 10 : 10 ** Math.ceil(Math.log10(Math.max(...positive)) + 1.5);
  return {
    ...frame(messages.charts["funnel"]?.title ?? "", messages.conversionFromPrevious),
    // Bars on a log axis need an explicit start (0 has no place on it): the axis floor.
    data: { values: values.map((row) => ({ ...row, base: round(floor) })) },
    facet: {
      row: { field: "scenario", type: "nominal", title: null, sort: scenarios.map((name) => scenarioLabel(context, name)), header: { labelAngle: 0, labelAlign: "left", labelFontWeight: "bold" } },
      column: { field: "domain", type: "nominal", title: null, sort: [messages.domains["public"], messages.domains["private"]] },
    },
    spec: {
      width: 300,
      height: 88,
      layer: [
        {
          mark: { type: "bar", height: 16 },
          encoding: {
            y: { field: "stage", type: "nominal", sort: stageOrder, title: null },
            // No axis: every bar carries its count, and a log axis' ticks would only add noise.
            x: { field: "count", type: "quantitative", scale: { type: "log", domain: [floor, ceiling], nice: false }, axis: null },
            x2: { field: "base" },
            color: { field: "scenario", type: "nominal", scale: scenarioColour(context, scenarios), legend: null },
          },
        },
        {
          mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#333" },
          encoding: {
            y: { field: "stage", type: "nominal", sort: stageOrder },
            x: { field: "count", type: "quantitative" },
            text: { field: "label" },
          },
        },
      ],
    },
    resolve: { scale: { x: "shared" } },
  } as TopLevelSpec;
}
