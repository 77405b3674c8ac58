/**
 * How product GMV spreads: real products per log-scale GMV bin by strategy (each simulated
 * product stands for several real ones, as in the KPI "products over ¥10M"), with the seed's
 * 新品超级计划 thresholds (¥10M and ¥100M) drawn as rules and 95% bands over replications. In
 * a comparison, one panel per strategy (./smallMultiples.ts) with the baseline dashed grey in
 * each, instead of seven overlapping step lines.
 */
import type { TopLevelSpec } from "vega-lite";
import type { GmvBin } from "../aggregate.js";
import { chartMessages } from "../chartMessages.js";
import { panel, panelGrid, strategiesOf, strategyColour } from "./smallMultiples.js";
import { type ChartContext, type LayerChild, decades, frame, LINE_LEGEND, round, scenarioColour, scenarioLabel, scenarioLegend, unitDecades, unitLabelExpression } from "./common.js";

/** Height of a panel: the symlog axis needs room for a tick per decade of products. */
const PANEL_HEIGHT = 150;

/**
 * Product-GMV distribution (log x) with ¥10M and ¥100M rules: small multiples against the
 * baseline in a comparison, else one step line per scenario; bands are 95% intervals over
 * replications, clipped at 0.
 *
 * @param bins - `productGmvBins(rows, scenarios)`: mean real products per replication per bin.
 */
export function productGmvSpec(bins: readonly GmvBin[], context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const title = messages.charts["productGmv"]?.title ?? "";
  const scenarios = context.scenarios.filter((name) => bins.some((row) => row.scenario === name));
  // A step from each bin's lower edge to its upper one (step-after, and a closing point at the
  // last bin's upper edge), so the line and band cover each bin exactly; counts are clipped at 0.
  const values = (rows: readonly GmvBin[]) =>
    context.scenarios.flatMap((scenario) => {
      const own = rows.filter((row) => row.scenario === scenario);
      const last = own[own.length - 1];
      return [...own.map((row) => ({ row, edge: row.lo })), ...(last === undefined ? [] : [{ row: last, edge: last.hi }])].map(({ row, edge }) => ({
        scenario: scenarioLabel(context, row.scenario),
        edge: round(edge),
        products: round(row.products),
        lo: round(Math.max(0, row.productsLo)),
        hi: round(Math.max(0, row.productsHi)),
      }));
    });
  const smallest = bins.reduce((min, row) => Math.min(min, row.lo), Number.POSITIVE_INFINITY);
  const biggest = bins.reduce((max, row) => Math.max(max, row.hi), 0);
  // The axis always reaches past ¥100M so both thresholds show even when no product gets near.
  const domain = [round(Number.isFinite(smallest) ? Math.min(smallest, 1e5) : 1), round(Math.max(biggest, 3e8))] as const;
  // Tick labels in the count ladder (10万, 1000万; 10k, 10M): the axis title names the currency,
  // and "1,000万元" beside "100万元" would not fit a panel's decade.
  const xTicks = unitDecades(messages.count, domain[0], domain[1]);
  // Ticks of the symlog y axis at 0 and each power of ten up to the largest bin, so its labels
  // say how many products a height is (a tick count alone labels 0, 50, 100… and hides the tail).
  const tallest = bins.reduce((max, row) => Math.max(max, row.products, row.productsHi), 0);
  const yTicks = [0, ...(tallest > 0 ? decades(Math.min(1, 10 ** Math.floor(Math.log10(tallest))), tallest) : [])];
  const strategies = strategiesOf(bins, context);
  const multiples = context.baseline !== undefined && strategies.length > 0;
  const x = { field: "edge", type: "quantitative", scale: { type: "log", domain: [...domain], nice: false }, title: multiples ? null : messages.productGmv, axis: { values: xTicks, labelExpr: unitLabelExpression(messages.count, xTicks), grid: false } };
  // A symlog axis keeps the few products in the tail visible next to the many small ones.
  // Headroom above the tallest bin (×5, most of a decade) keeps the threshold labels off the lines.
  const y = { type: "quantitative", title: multiples ? null : messages.productsPerReplication, scale: { type: "symlog", ...(tallest > 0 ? { domain: [0, round(tallest * 5)], nice: false } : {}) }, axis: { values: yTicks, labelExpr: unitLabelExpression(messages.count, yTicks) } };
  const thresholds: LayerChild = {
    data: { values: [{ at: 1e7, label: messages.over10M }, { at: 1e8, label: messages.over100M }] },
    layer: [
      { mark: { type: "rule", color: "#c0392b", strokeDash: [4, 3] }, encoding: { x: { field: "at", type: "quantitative" } } },
      // ¥10M's label left of its rule, ¥100M's right of its: in a narrow panel they never meet.
      ...[0, 1].map((index) => ({
        transform: [{ filter: `datum.at == ${index === 0 ? 1e7 : 1e8}` }],
        mark: { type: "text", align: index === 0 ? "right" : "left", baseline: "top", dx: index === 0 ? -3 : 3, dy: 3, color: "#c0392b", fontWeight: "bold", fontSize: 11 },
        encoding: { x: { field: "at", type: "quantitative" }, y: { value: 0 }, text: { field: "label" } },
      })),
    ],
  } as LayerChild;
  if (multiples) {
    const base = values(bins.filter((row) => row.scenario === context.baseline));
    const panels = strategies.map((strategy) => {
      const own = values(bins.filter((row) => row.scenario === strategy));
      const colour = strategyColour(context, strategy);
      const layers: LayerChild[] = [
        thresholds,
        { data: { values: base }, mark: { type: "line", interpolate: "step-after", color: "#8a8a8a", strokeWidth: 1.2, strokeDash: [3, 2] }, encoding: { x, y: { ...y, field: "products" } } } as LayerChild,
        { data: { values: own }, mark: { type: "area", interpolate: "step-after", color: colour, opacity: 0.25 }, encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" } } } as LayerChild,
        { data: { values: own }, mark: { type: "line", interpolate: "step-after", color: colour, strokeWidth: 1.6 }, encoding: { x, y: { ...y, field: "products" } } } as LayerChild,
      ];
      return panel(context, strategy, layers, PANEL_HEIGHT);
    });
    const notes = chartMessages(messages);
    return panelGrid(title, [notes.levelNote, notes.axes(messages.productsPerReplication, messages.productGmv)], panels);
  }
  return {
    ...frame(title),
    width: 640,
    height: 260,
    layer: [
      thresholds,
      {
        data: { values: values(bins) },
        mark: { type: "area", interpolate: "step-after", opacity: 0.18 },
        encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color: { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend(LINE_LEGEND, scenarios.length) } },
      },
      {
        data: { values: values(bins) },
        mark: { type: "line", interpolate: "step-after", strokeWidth: 1.8 },
        encoding: {
          x,
          y: { ...y, field: "products" },
          color: { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, scenarios), legend: scenarioLegend(LINE_LEGEND, scenarios.length) },
        },
      },
    ],
  } as TopLevelSpec;
}
