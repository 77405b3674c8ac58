/**
 * The reading of a robustness report: the most frequent winner, each other strategy's chance of
 * beating the baseline and its regret, the parameters that flip the winner, the strongest driver
 * of each strategy's advantage, and a warning where replication noise dominates.
 */
import { formatKpiValue, formatPercent } from "./format.js";
import type { Messages } from "./messages.js";
import { robustnessMessages } from "./robustness-messages.js";
import type { Robustness, RobustnessShare } from "./types.js";

/** Noise share above which a strategy's probabilities are flagged as partly luck. */
const NOISY = 0.5;

function percent(share: RobustnessShare | undefined): string {
  return share === undefined ? "–" : formatPercent(share.p, false, -1);
}

function interval(share: RobustnessShare | undefined, messages: Messages): string {
  if (share === undefined) return "–";
  return `${messages.ciLabel} ${formatPercent(share.ci95[0], false, -1)}${messages.rangeJoin}${formatPercent(share.ci95[1], false, -1)}`;
}

/** The reading's sentences, in `scenarios` order. */
export function robustnessSentences(robustness: Robustness, scenarios: readonly string[], messages: Messages): string[] {
  const text = robustnessMessages(messages);
  const sentences: string[] = [];
  const order = scenarios
    .map((name) => robustness.strategies.find((strategy) => strategy.scenario === name))
    .filter((strategy): strategy is NonNullable<typeof strategy> => strategy !== undefined);
  const winner = [...order].filter((strategy) => Number.isFinite(strategy.pBest.p)).sort((a, b) => b.pBest.p - a.pBest.p)[0];
  if (winner !== undefined) {
    sentences.push(text.winnerSentence(winner.scenario, percent(winner.pBest), interval(winner.pBest, messages), winner.baseline ? "–" : percent(winner.pBeatsBaseline)));
  }
  for (const strategy of order) {
    if (strategy.baseline || strategy === winner || strategy.pBeatsBaseline === undefined) continue;
    const regret = formatKpiValue(robustness.kpi, strategy.expectedRegret.mean, messages);
    sentences.push(text.beatsSentence(strategy.scenario, percent(strategy.pBeatsBaseline), interval(strategy.pBeatsBaseline, messages), regret));
  }
  const flips = robustness.flips.filter((flip) => flip.flipsWinner && flip.low.winner !== null && flip.high.winner !== null);
  if (flips.length === 0) sentences.push(text.noFlipSentence);
  for (const flip of flips) sentences.push(text.flipSentence(flip.param, flip.low.winner as string, flip.high.winner as string));
  for (const strategy of order) {
    if (strategy.baseline) continue;
    const strongest = [...strategy.drivers].filter((driver) => Number.isFinite(driver.prcc) && driver.pValue < 0.05).sort((a, b) => Math.abs(b.prcc) - Math.abs(a.prcc))[0];
    if (strongest !== undefined) sentences.push(text.driverSentence(strategy.scenario, strongest.param, strongest.prcc.toFixed(2)));
    if (strategy.replicationNoiseShare > NOISY) sentences.push(text.noiseSentence(strategy.scenario, formatPercent(strategy.replicationNoiseShare, false, -1)));
  }
  return sentences;
}
