/**
 * The robustness report's own strings, in English and Simplified Chinese: its table headers,
 * chart axes and reading sentences. (Chart titles, the report kind and the reading's note sit
 * with every other kind's in messages.ts.)
 */
import type { Messages } from "./messages.js";

const en = {
  beatsBaseline: "P(beats baseline)",
  clearlyBeats: "P(clearly beats)",
  best: "P(best)",
  regret: "Expected regret",
  advantage: "Mean advantage",
  noise: "Noise share",
  probability: "Probability over draws (%)",
  measure: "Measure",
  regretAxis: (unit: string) => `Expected regret, net GMV (${unit})`,
  parameter: "Uncertain parameter",
  prcc: "Partial rank correlation with the advantage over the baseline (Spearman where the draws are too few for it)",
  flipHeader: "Winner by half of the draws",
  lowHalf: "Low half",
  highHalf: "High half",
  tie: "tie",
  distribution: "Distribution",
  source: "Source or reason",
  uncertainParameters: "Uncertain parameters",
  headlineNote: (draws: number, replications: number, baseline: string) =>
    `Over ${draws} Latin hypercube draws of the uncertain parameters, each strategy and the baseline (${baseline}) run ${replications} paired replications per draw. P(beats baseline): share of draws where its mean net GMV exceeds the baseline's; P(clearly beats): where the paired 95% interval lies above 0; P(best): where it has the highest mean net GMV of all. Brackets: 95% Wilson intervals over draws. Regret: the best strategy's net GMV minus this one's, averaged over draws (95% t-interval). Noise share: how much of the advantage's spread across draws is replication noise rather than the parameters (near 1: add replications).`,
  winnerSentence: (name: string, best: string, ci: string, beats: string) => `${name} is the best strategy in ${best} of the draws (${ci}), and beats the baseline in ${beats}.`,
  beatsSentence: (name: string, beats: string, ci: string, regret: string) => `${name} beats the baseline in ${beats} of the draws (${ci}); its expected regret against the best strategy is ${regret}.`,
  flipSentence: (param: string, low: string, high: string) => `The winner turns on ${param}: ${low} wins most draws where it is low, ${high} where it is high.`,
  noFlipSentence: "No uncertain parameter changes the most frequent winner between the low and the high half of its draws.",
  driverSentence: (name: string, param: string, prcc: string) => `${name}'s advantage moves most with ${param} (partial rank correlation ${prcc}).`,
  noiseSentence: (name: string, share: string) => `For ${name}, replication noise is ${share} of the advantage's spread across draws: its probabilities are partly luck of the replications; more replications would sharpen them.`,
};

type RobustnessMessages = typeof en;

const zh: RobustnessMessages = {
  beatsBaseline: "胜过基准的概率",
  clearlyBeats: "明确胜过的概率",
  best: "最优的概率",
  regret: "期望遗憾",
  advantage: "平均优势",
  noise: "噪声占比",
  probability: "各抽样中的概率（%）",
  measure: "指标",
  regretAxis: (unit: string) => `期望遗憾，净GMV（${unit}）`,
  parameter: "不确定参数",
  prcc: "与相对基准优势的偏秩相关系数（抽样过少时为Spearman相关系数）",
  flipHeader: "按抽样一半划分的最优策略",
  lowHalf: "取值偏低的一半",
  highHalf: "取值偏高的一半",
  tie: "并列",
  distribution: "分布",
  source: "来源或理由",
  uncertainParameters: "不确定参数",
  headlineNote: (draws: number, replications: number, baseline: string) =>
    `对不确定参数做${draws}次拉丁超立方抽样，每次抽样中各策略与${baseline}各运行${replications}次配对重复。胜过基准的概率：其平均净GMV高于基准的抽样占比；明确胜过：配对95%区间高于0的抽样占比；最优的概率：其平均净GMV在所有策略中最高的抽样占比。括号内为各抽样上的95% Wilson区间。遗憾：最优策略的净GMV减去该策略的净GMV，在各抽样上取平均（95% t区间）。噪声占比：优势在各抽样间的离散中来自重复随机性而非参数的部分（接近1时应增加重复次数）。`,
  winnerSentence: (name: string, best: string, ci: string, beats: string) => `${name}在${best}的抽样中是最优策略（${ci}），在${beats}的抽样中胜过基准。`,
  beatsSentence: (name: string, beats: string, ci: string, regret: string) => `${name}在${beats}的抽样中胜过基准（${ci}）；相对最优策略的期望遗憾为${regret}。`,
  flipSentence: (param: string, low: string, high: string) => `最优策略取决于${param}：该参数偏低时${low}胜出最多，偏高时${high}胜出最多。`,
  noFlipSentence: "没有任何不确定参数在其取值偏低与偏高的两半抽样之间改变最常胜出的策略。",
  driverSentence: (name: string, param: string, prcc: string) => `${name}的优势受${param}影响最大（偏秩相关系数${prcc}）。`,
  noiseSentence: (name: string, share: string) => `对${name}而言，重复随机性占优势在各抽样间离散的${share}：其概率部分取决于重复的运气，增加重复次数可使其更精确。`,
};

/** The robustness strings in the report's language. */
export function robustnessMessages(messages: Messages): RobustnessMessages {
  return messages.language === "zh-CN" ? zh : en;
}
