/**
 * The robustness report's tables: per strategy the probabilities over draws, regret and
 * advantage; per uncertain parameter its distribution, source and the winner in each half of
 * its draws. Built into report.html by html.ts.
 */
import { formatKpiDifference, formatKpiValue, formatParamValue, formatPercent } from "./format.js";
import { escapeHtml } from "./html.js";
import type { Messages } from "./messages.js";
import { robustnessMessages } from "./robustness-messages.js";
import type { Robustness, RobustnessShare } from "./types.js";

function shareCell(share: RobustnessShare | undefined, messages: Messages): string {
  if (share === undefined || !Number.isFinite(share.p)) return `<td class="num">–</td>`;
  const interval = `${formatPercent(share.ci95[0], false, -1)}${messages.rangeJoin}${formatPercent(share.ci95[1], false, -1)}`;
  return `<td class="num">${escapeHtml(formatPercent(share.p, false, -1))}<span class="ci">${escapeHtml(`${messages.ciLabel} ${interval}`)}</span><span class="ci">${escapeHtml(`${share.count} / ${share.draws}`)}</span></td>`;
}

function moneyCell(kpi: string, estimate: { readonly mean: number; readonly ci95: readonly [number, number] } | undefined, messages: Messages, signed: boolean, relative?: number): string {
  if (estimate === undefined || !Number.isFinite(estimate.mean)) return `<td class="num">–</td>`;
  const magnitude = Math.max(Math.abs(estimate.mean), ...estimate.ci95.filter(Number.isFinite).map(Math.abs));
  const write = (value: number) => (signed ? formatKpiDifference(kpi, value, messages, magnitude) : formatKpiValue(kpi, value, messages, magnitude));
  const share = relative !== undefined && Number.isFinite(relative) ? ` (${formatPercent(relative, signed)})` : "";
  const interval = estimate.ci95.every(Number.isFinite) ? `<span class="ci">${escapeHtml(`${messages.ciLabel} ${write(estimate.ci95[0])}${messages.rangeJoin}${write(estimate.ci95[1])}`)}</span>` : "";
  return `<td class="num">${escapeHtml(write(estimate.mean))}${escapeHtml(share)}${interval}</td>`;
}

/** The headline table of a robustness report. */
export function robustnessTable(robustness: Robustness, scenarios: readonly string[], messages: Messages): string {
  const text = robustnessMessages(messages);
  const order = scenarios.filter((name) => robustness.strategies.some((strategy) => strategy.scenario === name));
  const rows = order.map((name) => {
    const strategy = robustness.strategies.find((entry) => entry.scenario === name);
    if (strategy === undefined) return "";
    const tag = strategy.baseline ? ` <small>(${escapeHtml(messages.baselineTag)})</small>` : "";
    const noise = Number.isFinite(strategy.replicationNoiseShare) ? formatPercent(strategy.replicationNoiseShare, false, -1) : "–";
    return `<tr><th>${escapeHtml(name)}${tag}</th>${shareCell(strategy.pBeatsBaseline, messages)}${shareCell(strategy.pClearlyBeatsBaseline, messages)}${shareCell(strategy.pBest, messages)}${moneyCell(robustness.kpi, strategy.expectedRegret, messages, false, strategy.relativeRegret)}${moneyCell(robustness.kpi, strategy.advantage, messages, true, strategy.relativeAdvantage)}<td class="num">${escapeHtml(noise)}</td></tr>`;
  });
  const header = [messages.strategy, text.beatsBaseline, text.clearlyBeats, text.best, text.regret, text.advantage, text.noise].map((title) => `<th>${escapeHtml(title)}</th>`).join("");
  return `<h2>${escapeHtml(messages.headline)}</h2>
<p class="note">${escapeHtml(text.headlineNote(robustness.draws, robustness.replications, robustness.baseline))}</p>
<div class="table-wrap"><table>
<thead><tr>${header}</tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table></div>`;
}

/** The uncertain parameters: distribution, source, and who wins in the low and the high half of the draws. */
export function uncertainParametersTable(robustness: Robustness, messages: Messages): string {
  const text = robustnessMessages(messages);
  const rows = robustness.params.map((param) => {
    const figures = Object.entries(param.figures)
      .map(([key, value]) => `${key} ${formatParamValue(value)}`)
      .join(", ");
    const flip = robustness.flips.find((entry) => entry.param === param.path);
    const winner = (name: string | null | undefined) => escapeHtml(name ?? text.tie);
    const flipCell =
      flip === undefined
        ? "<td>–</td>"
        : `<td${flip.flipsWinner ? ' style="font-weight:700"' : ""}>${escapeHtml(text.lowHalf)} (≤ ${escapeHtml(formatParamValue(flip.low.edge))}): ${winner(flip.low.winner)}<br>${escapeHtml(text.highHalf)} (≥ ${escapeHtml(formatParamValue(flip.high.edge))}): ${winner(flip.high.winner)}</td>`;
    return `<tr><td class="path">${escapeHtml(param.path)}</td><td>${escapeHtml(param.distribution)}: ${escapeHtml(figures)}</td>${flipCell}<td>${escapeHtml(param.source)}</td></tr>`;
  });
  const header = [text.parameter, text.distribution, text.flipHeader, text.source].map((title) => `<th>${escapeHtml(title)}</th>`).join("");
  return `<h3>${escapeHtml(text.uncertainParameters)} (<code>${escapeHtml(robustness.uncertainty)}</code>)</h3><table><thead><tr>${header}</tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}
