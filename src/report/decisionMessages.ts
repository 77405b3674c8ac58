/**
 * The strings of the report's decision parts — the scorecard, who gains, and the reading's
 * sentences about losses, costs, returns and multiplicity — in English and Simplified Chinese.
 * A catalog of its own beside messages.ts, in the same shape rules (checked key by key in tests).
 */

const en = {
  scorecard: "Scorecard",
  scorecardNote: (perImpression: string) =>
    `Strategies ranked by the net GMV (after returns) they add against the baseline: strategy − baseline, paired by replication, with 95% intervals. The platform's cost is its coupon spend plus the boost impressions it gives beyond the baseline's, valued at the baseline's GMV per feed impression (${perImpression}: what such a feed slot sells when it shows an ordinary item). The return is net GMV gained per ¥1 of that cost (a ratio of means with a delta-method interval), shown where the cost is clearly above 0. A verdict calls a change clear only where it survives the Benjamini–Hochberg adjustment over every difference of the comparison.`,
  scorecardHeaders: {
    rank: "#",
    strategy: "Strategy",
    netGmv: "Net GMV (after returns)",
    gmv: "GMV",
    cost: "Platform cost",
    returnOnCost: "Net GMV per ¥1 of cost",
    verdict: "Verdict",
  } as Record<string, string>,
  costParts: (coupon: string, impressions: string, value: string) => `coupons ${coupon} · boost ${impressions} impressions ≈ ${value}`,
  noCost: "no clear cost",
  perYuan: (value: string) => `¥${value}`,
  verdicts: {
    gains: "Gains net GMV, clear",
    loses: "Loses net GMV after returns",
    gmvOnly: "More GMV, but no clear gain in net GMV after returns",
    unclear: "No clear change in net GMV",
  } as Record<string, string>,
  verdictReturn: (value: string) => `; returns ${value} per ¥1 of cost`,
  verdictBelowCost: (value: string) => `; returns only ${value} per ¥1 of cost`,
  // Who gains
  whoGains: "Who gains",
  whoGainsNote:
    "GMV by merchant type and by festival registration against the baseline: strategy − baseline, paired by replication, relative to the baseline's GMV of the same group, with 95% intervals. Bold marks a change that stays clear after the Benjamini–Hochberg adjustment.",
  group: "Merchants",
  groups: {
    gmvBrand: "Brands",
    gmvQuickBrand: "Quick brands (快品牌)",
    gmvSmall: "Small merchants",
    gmvInfluencer: "Influencer sellers (达人)",
    participantGmv: "Registered merchants",
    nonParticipantGmv: "Unregistered merchants",
  } as Record<string, string>,
  groupKinds: { type: "By merchant type", registration: "By registration" } as Record<string, string>,
  whoGainsAxis: "GMV against the baseline (% of the group's baseline GMV)",
  // The reading
  sentenceRunDates: (scenario: string, gmv: string, ci: string, from: string, to: string) => `${scenario}: GMV ${gmv} (${ci}) over the simulated days, ${from} to ${to}.`,
  clauseLoses: (change: string, ci: string) => `loses net GMV after returns: ${change} (${ci})`,
  clauseCost: (total: string, parts: string) => `costs the platform ${total} (${parts})`,
  costPartCoupon: (value: string) => `coupons ${value}`,
  listJoin: ", ",
  costPartBoost: (impressions: string, value: string) => `${impressions} extra boost impressions ≈ ${value}`,
  clauseReturn: (value: string, ci: string) => `returns ${value} of net GMV per ¥1 of that cost (${ci})`,
  sentenceMultiplicity: (tests: number, expected: string, unadjusted: number, adjusted: number) =>
    `Of these ${tests} paired 95% intervals, about ${expected} would exclude 0 by chance alone even if no strategy changed anything; ${unadjusted} do. "Clear" above means clear after the Benjamini–Hochberg adjustment (false discovery rate 5%), which ${adjusted} pass.`,
};

/** The shape of the decision catalog. */
export type DecisionMessages = typeof en;

const zhCN: DecisionMessages = {
  scorecard: "策略评分卡",
  scorecardNote: (perImpression: string) =>
    `按相对基准增加的净GMV（扣除退货）排序：策略 − 基准，按重复配对，附95%置信区间。平台成本为优惠券支出加上超出基准的助推曝光，助推曝光按基准中推荐流每次曝光的GMV（${perImpression}，即该流量位展示普通内容时的销售额）折算。回报为每1元成本带来的净GMV增量（均值之比，delta法置信区间），仅在成本明确大于0时给出。只有经Benjamini–Hochberg校正（对本次对比的全部差异）后仍成立的变化，结论才称为“明确”。`,
  scorecardHeaders: {
    rank: "#",
    strategy: "策略",
    netGmv: "净GMV（扣除退货）",
    gmv: "GMV",
    cost: "平台成本",
    returnOnCost: "每1元成本的净GMV",
    verdict: "结论",
  },
  costParts: (coupon: string, impressions: string, value: string) => `优惠券 ${coupon} · 助推曝光 ${impressions} 次 ≈ ${value}`,
  noCost: "无明确成本",
  perYuan: (value: string) => `${value}元`,
  verdicts: {
    gains: "净GMV明确增加",
    loses: "扣除退货后净GMV减少",
    gmvOnly: "GMV增加，但扣除退货后净GMV无明确增加",
    unclear: "净GMV无明确变化",
  },
  verdictReturn: (value: string) => `；每1元成本带来${value}`,
  verdictBelowCost: (value: string) => `；每1元成本仅带来${value}`,
  whoGains: "谁受益",
  whoGainsNote: "按商家类型和活动报名情况划分的GMV相对基准的变化：策略 − 基准，按重复配对，相对于该组商家的基准GMV，附95%置信区间。加粗表示经Benjamini–Hochberg校正后仍明确的变化。",
  group: "商家",
  groups: {
    gmvBrand: "品牌商家",
    gmvQuickBrand: "快品牌",
    gmvSmall: "中小商家",
    gmvInfluencer: "达人",
    participantGmv: "已报名商家",
    nonParticipantGmv: "未报名商家",
  },
  groupKinds: { type: "按商家类型", registration: "按报名情况" },
  whoGainsAxis: "相对基准的GMV变化（占该组基准GMV的%）",
  sentenceRunDates: (scenario: string, gmv: string, ci: string, from: string, to: string) => `${scenario}：模拟期（${from}至${to}）内GMV ${gmv}（${ci}）。`,
  clauseLoses: (change: string, ci: string) => `扣除退货后净GMV减少：${change}（${ci}）`,
  clauseCost: (total: string, parts: string) => `平台成本${total}（${parts}）`,
  costPartCoupon: (value: string) => `优惠券${value}`,
  listJoin: "，",
  costPartBoost: (impressions: string, value: string) => `额外助推曝光${impressions}次 ≈ ${value}`,
  clauseReturn: (value: string, ci: string) => `每1元成本带来净GMV ${value}（${ci}）`,
  sentenceMultiplicity: (tests: number, expected: string, unadjusted: number, adjusted: number) =>
    `在这${tests}个配对95%置信区间中，即使没有任何策略产生影响，也约有${expected}个会因随机性而不含0；实际不含0的有${unadjusted}个。上文的“明确”指经Benjamini–Hochberg校正（错误发现率5%）后仍成立，共${adjusted}个。`,
};

/** The decision catalogs by language (the `language` of a {@link Messages} catalog). */
export const DECISION_CATALOGS: Readonly<Record<string, DecisionMessages>> = { en, "zh-CN": zhCN };

/** The decision catalog of a language; English for one it does not have. */
export function decisionMessagesFor(language: string): DecisionMessages {
  return DECISION_CATALOGS[language] ?? en;
}
