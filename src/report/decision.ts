/**
 * The parts of a comparison's report that lead to a decision: the scorecard (each strategy's net
 * GMV, GMV, cost to the platform and return on that cost, ranked, with a verdict the intervals
 * support) and the who-gains table (GMV by merchant group). HTML fragments, built from
 * comparison.json alone; "clear" is the Benjamini–Hochberg call of multiplicity.ts throughout.
 */
import { GAIN_GROUPS } from "./charts/whoGains.js";
import { baselineMean } from "./charts/forest.js";
import { type DecisionMessages, decisionMessagesFor } from "./decisionMessages.js";
import { extraDigitsFor, formatInterval, formatKpiDifference, formatKpiValue, formatPercent, formatSignificant } from "./format.js";
import type { Messages } from "./messages.js";
import { excludesZero, type Multiplicity, multiplicityOf, replicationCount } from "./multiplicity.js";
import type { Comparison, KpiDifference, Results, ScorecardRow, ValueWithInterval } from "./types.js";

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** The page's style for these sections (appended to the report's own). */
export const DECISION_STYLE = `
table.scorecard td.verdict { max-width: 280px; }
table.scorecard td.verdict.gains { color: #1a6b2f; font-weight: 600; }
table.scorecard td.verdict.loses { color: #a3261b; font-weight: 600; }
table.scorecard td .parts { display: block; color: #666; font-size: 11px; white-space: normal; max-width: 220px; }
td .rel.clear { font-weight: 700; }
`;

/** A difference relative to the baseline's mean (in %), with its interval, as one cell's lines. */
function relativeCell(kpi: string, difference: KpiDifference, base: number | undefined, messages: Messages, clear: boolean): string {
  if (!Number.isFinite(difference.diff)) return `<td class="num">–</td>`;
  const absoluteMagnitude = Math.max(Math.abs(difference.diff), Math.abs(difference.ci95[0]), Math.abs(difference.ci95[1]));
  const absolute = formatKpiDifference(kpi, difference.diff, messages, absoluteMagnitude);
  if (base === undefined || base === 0 || !Number.isFinite(base)) return `<td class="num"><span class="rel${clear ? " clear" : ""}">${escape(absolute)}</span></td>`;
  const interval = [difference.ci95[0] / base, difference.ci95[1] / base] as const;
  const format = (value: number, extra: number) => formatPercent(value, true, extra);
  const extra = extraDigitsFor(interval, format);
  const write = (value: number) => format(value, extra);
  const ci = Number.isFinite(interval[0]) ? formatInterval(interval, write, messages) : "";
  return `<td class="num"><span class="rel${clear ? " clear" : ""}">${escape(write(difference.diff / base))}</span><span class="ci">${escape(ci)}</span><span class="ci">${escape(absolute)}</span></td>`;
}

function moneyWithInterval(value: ValueWithInterval, messages: Messages): string {
  const magnitude = Math.max(Math.abs(value.mean), Math.abs(value.ci95[0]), Math.abs(value.ci95[1]));
  const level = (number: number, extra: number) => formatKpiValue("gmv", number, messages, magnitude, extra);
  const extra = extraDigitsFor(value.ci95, level);
  const write = (number: number) => level(number, extra);
  return `${escape(write(value.mean))}${Number.isFinite(value.ci95[0]) ? `<span class="ci">${escape(formatInterval(value.ci95, write, messages))}</span>` : ""}`;
}

/** True when a cost is there: its mean and its interval's lower end above 0. */
function hasCost(row: ScorecardRow): boolean {
  return row.cost.mean > 0 && (!Number.isFinite(row.cost.ci95[0]) || row.cost.ci95[0] > 0);
}

/** The verdict of one strategy, and its class (gains, loses or none). */
export function verdictOf(row: ScorecardRow, tests: Multiplicity, decision: DecisionMessages): { text: string; tone: "gains" | "loses" | "none" } {
  const netClear = tests.of(row.scenario, "netGmv")?.clear === true;
  const gmvClear = tests.of(row.scenario, "gmv")?.clear === true;
  let text: string;
  let tone: "gains" | "loses" | "none" = "none";
  if (netClear && row.netGmv.diff > 0) {
    text = decision.verdicts["gains"] ?? "";
    tone = "gains";
  } else if (netClear && row.netGmv.diff < 0) {
    text = decision.verdicts["loses"] ?? "";
    tone = "loses";
  } else if (gmvClear && row.gmv.diff > 0) text = decision.verdicts["gmvOnly"] ?? "";
  // An interval that excludes 0 on its own, beside "no clear change", would read as a contradiction: say why.
  else if (excludesZero(row.netGmv.ci95)) text = decision.verdicts["unclearAdjusted"] ?? "";
  else text = decision.verdicts["unclear"] ?? "";
  const ratio = row.returnOnCost;
  if (ratio !== undefined && Number.isFinite(ratio.mean) && hasCost(row) && row.netGmv.diff > 0) {
    const value = decision.perYuan(formatSignificant(ratio.mean, 2, true));
    // Below ¥1 per ¥1 only when the whole interval says so.
    text += ratio.ci95[1] < 1 ? decision.verdictBelowCost(value) : decision.verdictReturn(value);
  }
  return { text, tone };
}

/** The comparison's tests, adjusted together (one family for the scorecard, the table, the chart and the reading). */
export function testsOf(results: Results, comparison: Comparison): Multiplicity {
  return multiplicityOf(comparison, replicationCount(results));
}

/**
 * The scorecard section: strategies ranked by net GMV gained, with GMV, the platform's cost, the
 * return on that cost and a verdict. Empty without comparison.json's scorecard block.
 */
export function scorecardSection(results: Results, messages: Messages): string {
  const comparison = results.comparison;
  const card = comparison?.scorecard;
  if (comparison === undefined || card === undefined || card.strategies.length === 0) return "";
  const decision = decisionMessagesFor(messages.language);
  const tests = testsOf(results, comparison);
  const ranked = [...card.strategies].sort((a, b) => (Number.isFinite(b.netGmv.diff) ? b.netGmv.diff : -Infinity) - (Number.isFinite(a.netGmv.diff) ? a.netGmv.diff : -Infinity));
  const headers = ["rank", "strategy", "netGmv", "gmv", "cost", "returnOnCost", "verdict"].map((key) => `<th>${escape(decision.scorecardHeaders[key] ?? key)}</th>`).join("");
  const rows = ranked.map((row, index) => {
    const net = relativeCell("netGmv", row.netGmv, baselineMean(comparison, "netGmv"), messages, tests.of(row.scenario, "netGmv")?.clear === true);
    const gmv = relativeCell("gmv", row.gmv, baselineMean(comparison, "gmv"), messages, tests.of(row.scenario, "gmv")?.clear === true);
    const parts = decision.costParts(
      formatKpiValue("couponCost", row.couponCost.diff, messages),
      formatKpiDifference("boostImpressions", row.boostImpressions.diff, messages),
      formatKpiValue("gmv", row.boostValue.mean, messages),
    );
    const cost = `<td class="num">${moneyWithInterval(row.cost, messages)}<span class="parts">${escape(parts)}</span></td>`;
    const ratio = row.returnOnCost;
    // Two significant digits with their trailing zeros, so a return and its bounds read alike (¥0.40, ¥0.23 to ¥0.57).
    const write = (value: number) => decision.perYuan(formatSignificant(value, 2, true));
    const returnCell =
      ratio !== undefined && Number.isFinite(ratio.mean) && hasCost(row)
        ? `<td class="num">${escape(write(ratio.mean))}${Number.isFinite(ratio.ci95[0]) ? `<span class="ci">${escape(formatInterval(ratio.ci95, write, messages))}</span>` : ""}</td>`
        : `<td class="num">${escape(decision.noCost)}</td>`;
    const verdict = verdictOf(row, tests, decision);
    return `<tr><td class="num">${index + 1}</td><th>${escape(row.scenario)}</th>${net}${gmv}${cost}${returnCell}<td class="verdict ${verdict.tone}">${escape(verdict.text)}</td></tr>`;
  });
  const perImpression = decision.perYuan(formatSignificant(card.yuanPerBoostImpression.mean, 2, true));
  return `<h2 id="scorecard">${escape(decision.scorecard)}</h2>
<p class="note decision">${escape(decision.scorecardNote(perImpression))}</p>
<div class="table-wrap"><table class="scorecard">
<thead><tr>${headers}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

/** The who-gains table: one row per merchant group, one column per strategy. Empty without the group KPIs. */
export function whoGainsSection(results: Results, messages: Messages, scenarios: readonly string[]): string {
  const comparison = results.comparison;
  if (comparison === undefined) return "";
  const decision = decisionMessagesFor(messages.language);
  const tests = testsOf(results, comparison);
  const strategies = scenarios.filter((scenario) => scenario !== comparison.baseline && comparison.strategies.some((entry) => entry.scenario === scenario));
  const groups = GAIN_GROUPS.filter((group) => strategies.some((scenario) => comparison.strategies.find((entry) => entry.scenario === scenario)?.vsBaseline[group.kpi] !== undefined));
  if (groups.length === 0 || strategies.length === 0) return "";
  const header = strategies.map((scenario) => `<th>${escape(scenario)}</th>`).join("");
  const body = groups.map((group) => {
    const base = baselineMean(comparison, group.kpi);
    const baseCell = base === undefined ? `<td class="num">–</td>` : `<td class="num">${escape(formatKpiValue(group.kpi, base, messages))}</td>`;
    const cells = strategies.map((scenario) => {
      const difference = comparison.strategies.find((entry) => entry.scenario === scenario)?.vsBaseline[group.kpi];
      return difference === undefined ? `<td class="num">–</td>` : relativeCell(group.kpi, difference, base, messages, tests.of(scenario, group.kpi)?.clear === true);
    });
    return `<tr><th>${escape(decision.groups[group.kpi] ?? group.kpi)} <small>(${escape(decision.groupKinds[group.kind] ?? group.kind)})</small></th>${baseCell}${cells.join("")}</tr>`;
  });
  return `<h2 id="who-gains">${escape(decision.whoGains)}</h2>
<p class="note decision">${escape(decision.whoGainsNote)}</p>
<div class="table-wrap"><table class="who-gains">
<thead><tr><th>${escape(decision.group)}</th><th>${escape(comparison.baseline)} <small>(${escape(messages.baselineTag)})</small></th>${header}</tr></thead>
<tbody>
${body.join("\n")}
</tbody></table></div>`;
}
