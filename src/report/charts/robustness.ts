/**
 * Robustness charts: each strategy's probability of beating the baseline and of being the best
 * over the draws of the uncertain parameters (95% Wilson whiskers), its expected regret, and a
 * heat map of which uncertain parameters move each strategy's advantage (partial rank
 * correlations, PRCC; Spearman where too few draws leave PRCC undefined).
 */
import type { TopLevelSpec } from "vega-lite";
import { robustnessMessages } from "../robustness-messages.js";
import type { Robustness } from "../types.js";
import { type ChartContext, frame, round, scenarioColour, scenarioLabel, scenarioLegend } from "./common.js";
import { kpiScale } from "./kpiScale.js";

const MEASURE_COLOURS = ["#4c78a8", "#f58518"];

/** P(beats baseline) and P(best) per strategy, in percent, with 95% Wilson whiskers. */
export function robustnessProbabilitiesSpec(robustness: Robustness, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = robustnessMessages(messages);
  const order = context.scenarios.filter((name) => robustness.strategies.some((strategy) => strategy.scenario === name));
  const values = order.flatMap((name) => {
    const strategy = robustness.strategies.find((entry) => entry.scenario === name);
    if (strategy === undefined) return [];
    const rows = [];
    if (strategy.pBeatsBaseline !== undefined) rows.push({ measure: text.beatsBaseline, share: strategy.pBeatsBaseline });
    rows.push({ measure: text.best, share: strategy.pBest });
    return rows
      .filter((row) => Number.isFinite(row.share.p))
      .map((row) => ({ scenario: scenarioLabel(context, name), measure: row.measure, p: round(row.share.p * 100), lo: round(row.share.ci95[0] * 100), hi: round(row.share.ci95[1] * 100) }));
  });
  const y = { field: "scenario", type: "nominal", sort: order.map((name) => scenarioLabel(context, name)), title: null, axis: { labelLimit: 240 } };
  const yOffset = { field: "measure", type: "nominal", sort: [text.beatsBaseline, text.best] };
  const colour = { field: "measure", type: "nominal", title: null, scale: { domain: [text.beatsBaseline, text.best], range: MEASURE_COLOURS }, legend: { orient: "top" } };
  return {
    ...frame(messages.charts["robustnessProbabilities"]?.title ?? ""),
    width: 480,
    height: { step: 30 },
    data: { values },
    layer: [
      { data: { values: [{ half: 50 }] }, mark: { type: "rule", color: "#999", strokeDash: [3, 3] }, encoding: { x: { field: "half", type: "quantitative" } } },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: { y, yOffset, x: { field: "lo", type: "quantitative", title: text.probability, scale: { domain: [0, 100] } }, x2: { field: "hi" }, color: colour },
      },
      { mark: { type: "point", filled: true, size: 50 }, encoding: { y, yOffset, x: { field: "p", type: "quantitative" }, color: colour } },
    ],
  } as TopLevelSpec;
}

/** Expected regret per strategy (net GMV lost against the best strategy of each draw), with its 95% interval over draws. */
export function robustnessRegretSpec(robustness: Robustness, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = robustnessMessages(messages);
  const order = context.scenarios.filter((name) => robustness.strategies.some((strategy) => strategy.scenario === name));
  const chosen = robustness.strategies.filter((strategy) => Number.isFinite(strategy.expectedRegret.mean));
  const magnitude = chosen.reduce((max, strategy) => Math.max(max, Math.abs(strategy.expectedRegret.mean), ...strategy.expectedRegret.ci95.filter(Number.isFinite).map(Math.abs)), 0);
  const scale = kpiScale(robustness.kpi, magnitude, messages);
  const unit = scale.label.replace(/^.*\((.*)\)$/, "$1");
  const values = order.flatMap((name) => {
    const strategy = chosen.find((entry) => entry.scenario === name);
    if (strategy === undefined) return [];
    const [lo, hi] = strategy.expectedRegret.ci95;
    return [
      {
        scenario: scenarioLabel(context, name),
        regret: round(strategy.expectedRegret.mean / scale.divisor),
        ...(Number.isFinite(lo) && Number.isFinite(hi) ? { lo: round(Math.max(0, lo) / scale.divisor), hi: round(hi / scale.divisor) } : {}),
      },
    ];
  });
  const y = { field: "scenario", type: "nominal", sort: order.map((name) => scenarioLabel(context, name)), title: null, axis: { labelLimit: 240 } };
  const colour = { field: "scenario", type: "nominal", title: messages.strategy, scale: scenarioColour(context, order), legend: scenarioLegend({ orient: "top" }, order.length) };
  return {
    ...frame(messages.charts["robustnessRegret"]?.title ?? ""),
    width: 480,
    height: { step: 24 },
    data: { values },
    layer: [
      { mark: { type: "bar", height: 14 }, encoding: { y, x: { field: "regret", type: "quantitative", title: text.regretAxis(unit) }, color: colour } },
      { transform: [{ filter: "isValid(datum.lo)" }], mark: { type: "rule", color: "#333" }, encoding: { y, x: { field: "lo", type: "quantitative" }, x2: { field: "hi" } } },
    ],
  } as TopLevelSpec;
}

/**
 * Heat map of the partial rank correlation of each uncertain parameter (rows) with each
 * strategy's advantage over the baseline (columns), from −1 (red: the strategy gains less as the
 * parameter rises) to +1 (blue). Cells with p < 0.05 are labelled in bold.
 */
export function robustnessDriversSpec(robustness: Robustness, context: ChartContext): TopLevelSpec {
  const messages = context.messages;
  const text = robustnessMessages(messages);
  const order = context.scenarios.filter((name) => robustness.strategies.some((strategy) => strategy.scenario === name && !strategy.baseline));
  const params = robustness.params.map((param) => param.path);
  const values = order.flatMap((name) => {
    const strategy = robustness.strategies.find((entry) => entry.scenario === name);
    return (strategy?.drivers ?? []).flatMap((driver) => {
      const value = Number.isFinite(driver.prcc) ? driver.prcc : driver.spearman;
      if (!Number.isFinite(value)) return [];
      return [{ scenario: scenarioLabel(context, name), param: driver.param, value: round(value), label: value.toFixed(2), clear: Number.isFinite(driver.pValue) && driver.pValue < 0.05 }];
    });
  });
  const x = { field: "scenario", type: "nominal", sort: order.map((name) => scenarioLabel(context, name)), title: null, axis: { labelAngle: -30, labelLimit: 200 } };
  const y = { field: "param", type: "nominal", sort: params, title: text.parameter, axis: { labelLimit: 320 } };
  return {
    ...frame(messages.charts["robustnessDrivers"]?.title ?? "", text.prcc),
    width: { step: 90 },
    height: { step: 28 },
    data: { values },
    layer: [
      { mark: { type: "rect" }, encoding: { x, y, color: { field: "value", type: "quantitative", title: "PRCC", scale: { domain: [-1, 1], scheme: "redblue" } } } },
      // Two text layers: Vega-Lite has no font-weight channel, so the clear cells get their own.
      ...[false, true].map((clear) => ({
        transform: [{ filter: clear ? "datum.clear" : "!datum.clear" }],
        mark: { type: "text", fontSize: 11, fontWeight: clear ? "bold" : "normal" },
        encoding: { x, y, text: { field: "label" }, color: { condition: { test: "abs(datum.value) > 0.6", value: "white" }, value: "#222" } },
      })),
    ],
  } as TopLevelSpec;
}
