/**
 * The reading: a few sentences in plain words computed from the numbers. In a comparison a
 * difference is claimed only where it stays clear after the Benjamini–Hochberg adjustment over
 * every paired difference of the comparison (multiplicity.ts); otherwise the sentence says there
 * is no clear difference and gives the interval, so the reader sees how large an effect the run
 * could miss. Each strategy's sentence leads with net GMV (a loss after returns said as one),
 * then GMV, the platform's cost and return (the scorecard), then its largest clear changes
 * chosen from every KPI.
 */
import { baselineMean } from "./charts/forest.js";
import { kpiTables } from "./plan.js";
import { extraDigitsFor, formatInterval, formatKpiDifference, formatKpiValue, formatParamValue, formatPercent, formatSignificant } from "./format.js";
import { type DecisionMessages, decisionMessagesFor } from "./decisionMessages.js";
import { kpiKind } from "./kpis.js";
import type { Messages } from "./messages.js";
import { excludesZero, multiplicityOf, replicationCount } from "./multiplicity.js";
import { robustnessSentences } from "./robustness-reading.js";
import type { Comparison, KpiDifference, KpiSummary, MorrisRow, OatRow, Results, ScorecardRow, Sweep } from "./types.js";

/** At most this many clauses after net GMV, GMV and the cost per strategy: a reading, not a table. */
const MAX_EXTRA_CLAUSES = 3;

/**
 * One clause about a KPI difference: relative to the baseline for money and counts, in
 * percentage points for shares, in trust units for trust — with as many digits as it takes to
 * tell the interval's ends apart.
 */
function differenceParts(kpi: string, difference: KpiDifference, comparison: Comparison, messages: Messages): { change: string; ci: string } | undefined {
  const kind = kpiKind(kpi);
  if (kind === "share" || kind === "index") {
    const magnitude = Math.max(Math.abs(difference.ci95[0]), Math.abs(difference.ci95[1]));
    const format = (value: number, extra: number) => formatKpiDifference(kpi, value, messages, magnitude, extra);
    const extra = extraDigitsFor(difference.ci95, format);
    const write = (value: number) => format(value, extra);
    return { change: write(difference.diff), ci: formatInterval(difference.ci95, write, messages) };
  }
  const base = baselineMean(comparison, kpi);
  if (base === undefined || base === 0 || !Number.isFinite(base)) return undefined;
  const lo = difference.ci95[0] / base;
  const hi = difference.ci95[1] / base;
  const interval = [Math.min(lo, hi), Math.max(lo, hi)] as const;
  const format = (value: number, extra: number) => formatPercent(value, true, extra);
  const extra = extraDigitsFor(interval, format);
  return { change: format(difference.diff / base, extra), ci: formatInterval(interval, (value) => format(value, extra), messages) };
}

/**
 * One clause about a KPI difference: relative to the baseline for money and counts, in
 * percentage points for shares, in trust units for trust — with as many digits as it takes to
 * tell the interval's ends apart. `clear` is the multiplicity-adjusted call (see multiplicity.ts).
 */
function differenceClause(kpi: string, difference: KpiDifference, comparison: Comparison, messages: Messages, clear: boolean): string | undefined {
  const label = messages.kpis[kpi] ?? kpi;
  // Mid-sentence a KPI name starts lower case ("new buyer–merchant pairs"), unless it starts with an acronym (GMV).
  const name = /^[A-Z][a-z]/.test(label) ? `${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
  const parts = differenceParts(kpi, difference, comparison, messages);
  if (parts === undefined) return undefined;
  if (clear) return messages.clauseChange(name, parts.change, parts.ci);
  // An interval that excludes 0 on its own but not after the adjustment is said as such, so the
  // reader does not see "no clear difference" beside an interval that seems to contradict it.
  return excludesZero(difference.ci95) ? messages.clauseNotClearAdjusted(name, parts.ci) : messages.clauseNoClear(name, parts.ci);
}

/** The size of a difference relative to the baseline's mean, for ranking clauses; NaN when unknown. */
function relativeSize(kpi: string, difference: KpiDifference, comparison: Comparison): number {
  if (Number.isFinite(difference.relative)) return Math.abs(difference.relative);
  const base = baselineMean(comparison, kpi);
  return base === undefined || base === 0 ? Number.NaN : Math.abs(difference.diff / base);
}

/**
 * KPIs the reading's leading clauses or its cost clause already cover: net GMV and GMV lead each
 * sentence, and the lever costs (coupon spend and redemptions, boost impressions) are the cost.
 */
const COVERED_KPIS: readonly string[] = ["netGmv", "gmv", "couponCost", "couponRedemptions", "boostImpressions"];

/** A money value written with the unit its own size calls for. */
function money(value: number, messages: Messages): string {
  return formatKpiValue("gmv", value, messages, value);
}

/** The cost and return clauses of a strategy, from the scorecard; none without a clear cost. */
function costClauses(row: ScorecardRow | undefined, messages: Messages, decision: DecisionMessages): string[] {
  if (row === undefined || !(row.cost.mean > 0) || !(row.cost.ci95[0] > 0)) return [];
  const parts: string[] = [];
  if (row.couponCost.diff > 0) parts.push(decision.costPartCoupon(money(row.couponCost.diff, messages)));
  if (row.boostValue.mean > 0) {
    parts.push(decision.costPartBoost(formatKpiValue("boostImpressions", row.boostImpressions.diff, messages), money(row.boostValue.mean, messages)));
  }
  const clauses = [decision.clauseCost(money(row.cost.mean, messages), parts.join(decision.listJoin))];
  const ratio = row.returnOnCost;
  if (ratio !== undefined && Number.isFinite(ratio.mean)) {
    const write = (value: number) => decision.perYuan(formatSignificant(value, 2, true));
    const ci = Number.isFinite(ratio.ci95[0]) ? formatInterval(ratio.ci95, write, messages) : "–";
    clauses.push(decision.clauseReturn(write(ratio.mean), ci));
  }
  return clauses;
}

function compareSentences(results: Results, comparison: Comparison, scenarios: readonly string[], messages: Messages): string[] {
  const decision = decisionMessagesFor(messages.language);
  const tests = multiplicityOf(comparison, replicationCount(results));
  const isClear = (scenario: string, kpi: string) => tests.of(scenario, kpi)?.clear === true;
  const sentences: string[] = [];
  for (const scenario of scenarios) {
    if (scenario === comparison.baseline) continue;
    const strategy = comparison.strategies.find((entry) => entry.scenario === scenario);
    if (strategy === undefined) continue;
    const clauses: string[] = [];
    // Net GMV first: what the strategy leaves after returns, and a loss is said as one.
    const net = strategy.vsBaseline["netGmv"];
    if (net !== undefined) {
      const clear = isClear(scenario, "netGmv");
      if (clear && net.diff < 0) {
        const parts = differenceParts("netGmv", net, comparison, messages);
        if (parts !== undefined) clauses.push(decision.clauseLoses(parts.change, parts.ci));
      } else {
        const clause = differenceClause("netGmv", net, comparison, messages, clear);
        if (clause !== undefined) clauses.push(clause);
      }
    }
    const gmv = strategy.vsBaseline["gmv"];
    if (gmv !== undefined) {
      const clause = differenceClause("gmv", gmv, comparison, messages, isClear(scenario, "gmv"));
      if (clause !== undefined) clauses.push(clause);
    }
    clauses.push(...costClauses(comparison.scorecard?.strategies.find((row) => row.scenario === scenario), messages, decision));
    // Then, from every other KPI, the clear changes largest relative to the baseline (a −22%
    // change of products over ¥10M before a −1% change of trust); ties keep the file's order.
    const clear = Object.entries(strategy.vsBaseline)
      .flatMap(([kpi, difference], order) => {
        if (COVERED_KPIS.includes(kpi) || !isClear(scenario, kpi)) return [];
        const size = relativeSize(kpi, difference, comparison);
        return [{ kpi, difference, order, size: Number.isFinite(size) ? size : 0 }];
      })
      .sort((a, b) => b.size - a.size || a.order - b.order);
    let extra = 0;
    for (const { kpi, difference } of clear) {
      if (extra >= MAX_EXTRA_CLAUSES) break;
      const clause = differenceClause(kpi, difference, comparison, messages, true);
      if (clause !== undefined) {
        clauses.push(clause);
        extra++;
      }
    }
    if (clauses.length > 0) sentences.push(messages.sentenceVsBaseline(scenario, clauses));
  }
  if (tests.tests > 0) sentences.push(decision.sentenceMultiplicity(tests.tests, String(Math.round(tests.expectedByChance)), tests.unadjustedClear, tests.adjustedClear));
  return sentences;
}

/** The first and last simulated day of the daily table, when it has rows. */
function simulatedDays(results: Results): readonly [string, string] | undefined {
  let first: string | undefined;
  let last: string | undefined;
  for (const row of results.daily) {
    if (first === undefined || row.day < first) first = row.day;
    if (last === undefined || row.day > last) last = row.day;
  }
  return first === undefined || last === undefined ? undefined : [first, last];
}

function runSentences(scenario: string, kpis: Readonly<Record<string, KpiSummary>>, messages: Messages, days?: readonly [string, string]): string[] {
  const sentences: string[] = [];
  const gmv = kpis["gmv"];
  if (gmv !== undefined && Number.isFinite(gmv.mean)) {
    const write = (value: number) => formatKpiValue("gmv", value, messages, gmv.mean);
    const ci = formatInterval(gmv.ci95, write, messages);
    // "Over the simulated days" names them when the daily table says which they are.
    sentences.push(days === undefined ? messages.sentenceRun(scenario, write(gmv.mean), ci) : decisionMessagesFor(messages.language).sentenceRunDates(scenario, write(gmv.mean), ci, days[0], days[1]));
    const publicGmv = kpis["gmvPublic"]?.mean;
    const privateGmv = kpis["gmvPrivate"]?.mean;
    if (publicGmv !== undefined && privateGmv !== undefined && gmv.mean > 0) {
      sentences.push(messages.sentenceSplit(formatPercent(publicGmv / gmv.mean), formatPercent(privateGmv / gmv.mean)));
    }
  }
  const share = kpis["newProductGmvShare"];
  if (share !== undefined && Number.isFinite(share.mean)) {
    sentences.push(messages.sentenceNewShare(formatPercent(share.mean), formatInterval(share.ci95, (value) => formatPercent(value), messages)));
  }
  const over10 = kpis["productsOver10M"];
  const over100 = kpis["productsOver100M"];
  if (over10 !== undefined && over100 !== undefined) {
    sentences.push(messages.sentenceProducts(formatKpiValue("productsOver10M", over10.mean, messages), formatKpiValue("productsOver100M", over100.mean, messages)));
  }
  return sentences;
}

function sweepSentences(sweep: Sweep, messages: Messages): string[] {
  const kpi = sweep.points.some((point) => point.kpis["gmv"] !== undefined) ? "gmv" : Object.keys(sweep.points[0]?.kpis ?? {})[0];
  if (kpi === undefined) return [];
  const points = sweep.points.filter((point) => point.kpis[kpi] !== undefined && Number.isFinite(point.kpis[kpi].mean));
  if (points.length < 2) return [];
  const mean = (point: (typeof points)[number]) => point.kpis[kpi]?.mean ?? Number.NaN;
  // Ties keep the file's order: the first point with the extreme value is named.
  const best = points.reduce((top, point) => (mean(point) > mean(top) ? point : top));
  const worst = points.reduce((low, point) => (mean(point) < mean(low) ? point : low));
  const label = (point: (typeof points)[number]) => Object.entries(point.values).map(([path, value]) => `${path} = ${formatParamValue(value)}`).join(", ");
  const magnitude = Math.abs(mean(best));
  const write = (value: number) => formatKpiValue(kpi, value, messages, magnitude);
  const sentences = [messages.sentenceSweepBest(messages.kpis[kpi] ?? kpi, label(best), write(mean(best)), label(worst), write(mean(worst)))];
  const bestCi = best.kpis[kpi]?.ci95;
  const worstCi = worst.kpis[kpi]?.ci95;
  if (bestCi !== undefined && worstCi !== undefined) sentences.push(bestCi[0] > worstCi[1] ? messages.sentenceSweepClear : messages.sentenceSweepUnclear);
  return sentences;
}

function firstKpi(rows: readonly { kpi: string }[]): string | undefined {
  return rows.some((row) => row.kpi === "gmv") ? "gmv" : rows[0]?.kpi;
}

function oatSentences(rows: readonly OatRow[], delta: number, messages: Messages): string[] {
  const kpi = firstKpi(rows);
  if (kpi === undefined) return [];
  const ranked = rows.filter((row) => row.kpi === kpi && Number.isFinite(row.swing)).sort((a, b) => b.swing - a.swing).slice(0, 3);
  if (ranked.length === 0) return [];
  const magnitude = ranked[0]?.swing ?? 0;
  const named = ranked.map((row) => `${row.param} (${messages.swing(formatKpiValue(kpi, row.swing, messages, magnitude))})`);
  return [messages.sentenceOat(messages.kpis[kpi] ?? kpi, Number.isFinite(delta) ? formatPercent(delta) : "δ", named)];
}

function morrisSentences(rows: readonly MorrisRow[], messages: Messages): string[] {
  const kpi = firstKpi(rows);
  if (kpi === undefined) return [];
  const ranked = rows.filter((row) => row.kpi === kpi && Number.isFinite(row.muStar)).sort((a, b) => b.muStar - a.muStar);
  if (ranked.length === 0) return [];
  const sentences = [messages.sentenceMorris(messages.kpis[kpi] ?? kpi, ranked.slice(0, 3).map((row) => row.param))];
  // Only influential parameters are worth flagging as non-linear: σ ≥ μ* of a negligible effect says little.
  const threshold = (ranked[0]?.muStar ?? 0) * 0.1;
  const nonlinear = ranked.filter((row) => row.muStar >= threshold && row.sigma >= row.muStar).map((row) => row.param);
  if (nonlinear.length > 0) sentences.push(messages.sentenceMorrisNonlinear(nonlinear));
  return sentences;
}

/**
 * The reading of a results folder, sentence by sentence, in the catalog's language.
 *
 * @param scenarios - display order (baseline first).
 */
export function readingOf(results: Results, scenarios: readonly string[], messages: Messages): string[] {
  const sentences: string[] = [];
  if (results.robustness !== undefined) return robustnessSentences(results.robustness, scenarios, messages);
  if (results.sensitivity !== undefined) {
    const sensitivity = results.sensitivity;
    sentences.push(...(sensitivity.method === "oat" ? oatSentences(sensitivity.rows, sensitivity.delta, messages) : morrisSentences(sensitivity.rows, messages)));
  }
  if (results.sweep !== undefined) sentences.push(...sweepSentences(results.sweep, messages));
  const tables = kpiTables(results, scenarios);
  const days = simulatedDays(results);
  if (results.comparison !== undefined) {
    const baseline = results.comparison.baseline;
    const baseKpis = tables.get(baseline);
    if (baseKpis !== undefined) sentences.push(...runSentences(baseline, baseKpis, messages, days).slice(0, 1));
    sentences.push(...compareSentences(results, results.comparison, scenarios, messages));
  } else if (results.summary !== undefined) {
    sentences.push(...runSentences(results.summary.scenario, results.summary.kpis, messages, days));
  } else if (results.sweep === undefined && results.sensitivity === undefined) {
    for (const scenario of scenarios) {
      const kpis = tables.get(scenario);
      if (kpis !== undefined) sentences.push(...runSentences(scenario, kpis, messages, days));
    }
  }
  return sentences;
}
