/**
 * Chart texts of the forest panels, the paired daily differences, zoomed axes and the stage
 * conversion chart, in English and Simplified Chinese. Kept beside the main catalog
 * (messages.ts) and looked up by its `language`, so the zh-CN set is checked key by key against
 * the English one in tests like the main catalog.
 */
import type { Messages } from "./messages.js";

const en = {
  /** x axis of the forest panel of money and counts. */
  forestRelative: "Money and counts: difference against the baseline (% of its mean)",
  /** x axis of the forest panel of shares and trust. */
  forestPoints: "Shares: difference in percentage points (trust: points on its 0–100 scale)",
  /** Axis title of a panel for the KPIs that move far more than the rest of their kind. */
  forestWide: (relative: boolean): string => (relative ? "KPIs that move far more, own axis (% of the baseline mean)" : "Shares that move far more, own axis (percentage points)"),
  /** Unit after a relative axis label. */
  percentUnit: "%",
  /** Unit after a percentage-point axis label. */
  pointsUnit: " pp",
  /** Subtitle of a paired daily-difference chart. */
  pairedNote: "Each panel: strategy − baseline per day, mean of the paired replication differences, with its 95% band.",
  /** Subtitle of a level chart in small multiples. */
  levelNote: "One panel per strategy, the baseline in grey in each; bands are 95% intervals, clipped to the metric's range.",
  /** Names the shared y axis of small multiples in the subtitle. */
  yAxis: (title: string) => `y axis: ${title}; x axis: date.`,
  /** Said on a chart whose y axis does not start at 0. */
  zoomed: (low: string, high: string) => `Axis zoomed to ${low}–${high}; it does not start at 0.`,
  /** y axis of a daily difference chart of a count or index. */
  difference: (what: string) => `${what}: strategy − baseline`,
  /** y axis of a daily share difference. */
  shareDifference: "New-to-buyer share, strategy − baseline (pp)",
  /** y axis of the stage-conversion chart. */
  conversionRate: "Conversion from the stage before (%)",
  conversionNote: "Dots: mean over replications of each stage's conversion (click/impression, cart/click, order/cart), whiskers: 95% intervals. Each stage and domain has its own axis, zoomed to the rates: it does not start at 0.",
  /** A table row's unit after the KPI's name. */
  tableUnit: (unit: string) => ` (${unit})`,
  /** The unit of a share row: levels in %, differences in points. */
  tableShareUnit: " (%; Δ in pp)",
  /** Added to the table's note. */
  tableNote: "Each row has one unit, in its heading; under each number is its 95% interval.",
  /** Names of the manifest's further fields (the experiment layer's keys); others show as they are. */
  manifestExtra: { hash: "Experiment hash", replications: "Replications per scenario", units: "Runs (work units)", baseline: "Baseline", design: "Design", workers: "Workers", shard: "Shard" } as Record<string, string>,
  /** The command-line summary after a run. */
  cli: {
    run: (scenario: string, replications: number) => `${scenario}: ${replications} replications, mean [95% CI]`,
    compare: (baseline: string) => `GMV against ${baseline}: difference [95% CI, paired], relative`,
    sweep: "GMV by point: mean [95% CI]",
    oat: (delta: string) => `One-at-a-time ±${delta}: swing of each KPI, widest first`,
    morris: "Morris screening: μ* (importance) and σ (non-linearity, interactions)",
    results: (dir: string) => `results in ${dir}/`,
  },
  /** The three conversions by the stage they lead to. */
  conversions: { clicks: "Click / impression", carts: "Cart / click", orders: "Order / cart" } as Record<string, string>,
};

/** The shape of the chart-text catalog. */
export type ChartMessages = typeof en;

const zhCN: ChartMessages = {
  forestRelative: "金额与数量：相对基准的差异（占基准均值的%）",
  forestPoints: "占比：相差的百分点（信任度：按0–100计的点数）",
  forestWide: (relative: boolean) => (relative ? "变化远大于其余的指标，单独坐标轴（占基准均值的%）" : "变化远大于其余的占比，单独坐标轴（百分点）"),
  percentUnit: "%",
  pointsUnit: "",
  pairedNote: "每个小图：每日的策略 − 基准，为按重复配对之差的均值及其95%置信带。",
  levelNote: "每个策略一个小图，基准以灰色画在每个小图中；置信带为95%区间，截断在指标的取值范围内。",
  yAxis: (title: string) => `纵轴：${title}；横轴：日期。`,
  zoomed: (low: string, high: string) => `纵轴放大至${low}–${high}，不从0开始。`,
  difference: (what: string) => `${what}：策略 − 基准`,
  shareDifference: "新品GMV占比：策略 − 基准（个百分点）",
  conversionRate: "相对上一环节的转化率（%）",
  conversionNote: "点：各环节转化率（点击/曝光、加购/点击、下单/加购）在各次重复上的均值；须线：95%置信区间。每个环节和流量域有各自的坐标轴，按转化率放大，不从0开始。",
  tableUnit: (unit: string) => `（${unit}）`,
  tableShareUnit: "（%；Δ为百分点）",
  tableNote: "每行只用一个单位，见行首；每个数字下方为其95%置信区间。",
  manifestExtra: { hash: "实验哈希", replications: "每个场景的重复次数", units: "运行次数（工作单元）", baseline: "基准", design: "实验设计", workers: "并行进程数", shard: "分片" },
  cli: {
    run: (scenario: string, replications: number) => `${scenario}：${replications}次重复，均值［95%置信区间］`,
    compare: (baseline: string) => `相对 ${baseline} 的GMV：差异［95%置信区间，配对］，相对变化`,
    sweep: "各扫描点的GMV：均值［95%置信区间］",
    oat: (delta: string) => `单因素±${delta}：各指标的摆幅，从大到小`,
    morris: "Morris筛选：μ*（重要性）与σ（非线性、交互作用）",
    results: (dir: string) => `结果保存在 ${dir}/`,
  },
  conversions: { clicks: "点击 / 曝光", carts: "加购 / 点击", orders: "下单 / 加购" },
};

/** The chart texts in the language of a message catalog. */
export function chartMessages(messages: Messages): ChartMessages {
  return messages.language === "zh-CN" ? zhCN : en;
}

/** Both catalogs, for the key-by-key test. */
export const CHART_CATALOGS: Readonly<Record<"en" | "zh-CN", ChartMessages>> = { en, "zh-CN": zhCN };
