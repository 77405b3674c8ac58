/**
 * The typed rows of a results folder, as {@link loadResults} parses them. The shapes follow the
 * files the experiment layer writes (manifest.json, summary.json, comparison.json, sweep.json,
 * sensitivity.json and the long-format CSVs); the report reads these rows and nothing else.
 */

/** The kinds of command whose output folder the report can read. */
export type ResultKind = "run" | "compare" | "sweep" | "sensitivity" | "robustness";

/** A KPI's mean over replications with its sample sd and 95% t-interval. */
export interface KpiSummary {
  readonly mean: number;
  readonly sd: number;
  readonly ci95: readonly [number, number];
}

/** A KPI's difference against the baseline (strategy − baseline) with its 95% interval. */
export interface KpiDifference {
  /** Difference of means, in the KPI's units. */
  readonly diff: number;
  /** 95% interval of the difference, in the KPI's units. */
  readonly ci95: readonly [number, number];
  /** diff / baseline mean (a fraction, not percent); may be non-finite when the baseline is 0. */
  readonly relative: number;
}

/** The calendar part of a scenario's resolved configuration: all the report needs of it. */
export interface CalendarConfig {
  readonly festivalStart: string;
  readonly festivalDays: number;
  readonly peakDays: readonly { readonly date: string; readonly multiplier?: number }[];
}

/** One scenario as the manifest records it. */
export interface ManifestScenario {
  readonly name: string;
  readonly file: string;
  readonly hash: string;
  readonly seed: string | number;
  readonly replications: number;
  /** The resolved model configuration (src/market/parameters.ts `ModelConfig`), kept untyped here. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** manifest.json: what was run, with which versions, seeds and configurations. */
export interface Manifest {
  readonly funnelsim: string;
  readonly node: string;
  readonly command: string;
  readonly kind: ResultKind;
  readonly scenarios: readonly ManifestScenario[];
  /** Any further top-level fields, kept for the report's manifest section. */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** summary.json of a run. */
export interface RunSummary {
  readonly scenario: string;
  readonly seed: string | number;
  readonly replications: number;
  readonly kpis: Readonly<Record<string, KpiSummary>>;
}

/** One strategy of comparison.json. */
export interface ComparedStrategy {
  readonly scenario: string;
  readonly kpis: Readonly<Record<string, KpiSummary>>;
  /** Missing for the baseline itself when the file lists it among the strategies. */
  readonly vsBaseline: Readonly<Record<string, KpiDifference>>;
}

/** A mean over replications with its 95% interval (NaN where the file says null). */
export interface ValueWithInterval {
  readonly mean: number;
  readonly ci95: readonly [number, number];
}

/** One strategy's row of comparison.json's scorecard (src/experiment/scorecard.ts). */
export interface ScorecardRow {
  readonly scenario: string;
  readonly gmv: KpiDifference;
  readonly netGmv: KpiDifference;
  /** Coupon spend beyond the baseline's, yuan. */
  readonly couponCost: KpiDifference;
  /** Boost impressions beyond the baseline's. */
  readonly boostImpressions: KpiDifference;
  /** Those impressions valued at the baseline's feed GMV per impression, yuan. */
  readonly boostValue: ValueWithInterval;
  /** Coupon spend + boost value, yuan. */
  readonly cost: ValueWithInterval;
  /** Net GMV gained per yuan of cost; undefined where the cost is not clearly above 0. */
  readonly returnOnCost?: ValueWithInterval;
}

/** comparison.json's scorecard block: the platform's cost and return of each strategy. */
export interface Scorecard {
  /** The baseline's feed GMV per feed impression, yuan: what a boost impression is valued at. */
  readonly yuanPerBoostImpression: ValueWithInterval;
  readonly strategies: readonly ScorecardRow[];
}

/** comparison.json of a compare. */
export interface Comparison {
  readonly baseline: string;
  readonly strategies: readonly ComparedStrategy[];
  /** Missing in folders written before comparison.json had it. */
  readonly scorecard?: Scorecard;
}

/** One row of daily.csv: a metric's value on one day of one replication. */
export interface DailyRow {
  readonly scenario: string;
  readonly replication: number;
  /** YYYY-MM-DD. */
  readonly day: string;
  readonly metric: string;
  readonly value: number;
  /** yuan, count or index (daily.csv's `unit` column); "" in folders written before it existed. */
  readonly unit: string;
}

/** One row of replications.csv. */
export interface ReplicationRow {
  readonly scenario: string;
  readonly replication: number;
  readonly kpi: string;
  readonly value: number;
}

/** One row of funnel.csv: a traffic source's funnel totals in one replication. */
export interface FunnelCsvRow {
  readonly scenario: string;
  readonly replication: number;
  readonly source: string;
  readonly domain: string;
  readonly impressions: number;
  readonly clicks: number;
  readonly carts: number;
  readonly orders: number;
  readonly gmv: number;
}

/** One row of products.csv (gmv in real yuan per real product). */
export interface ProductCsvRow {
  readonly scenario: string;
  readonly replication: number;
  readonly product: number;
  readonly merchant: number;
  readonly merchantType: string;
  readonly category: string;
  /** Festival day of the launch, or null for products in the catalog from the start. */
  readonly launchDay: number | null;
  readonly registered: boolean;
  readonly orders: number;
  readonly gmv: number;
  /**
   * Real products this simulated product stands for (realMerchants / merchants.count): from the
   * column of that name, or for an older folder without it, from the manifest's configuration.
   */
  readonly realProducts: number;
}

/** A value a sweep assigns to a parameter. */
export type ParamValue = number | string | boolean;

/** One point of sweep.json. */
export interface SweepPoint {
  readonly id: string;
  readonly values: Readonly<Record<string, ParamValue>>;
  readonly kpis: Readonly<Record<string, KpiSummary>>;
}

/** sweep.json. */
export interface Sweep {
  readonly scenario: string;
  readonly params: readonly { readonly path: string; readonly values: readonly ParamValue[] }[];
  readonly zip: boolean;
  readonly points: readonly SweepPoint[];
}

/** One bar of a tornado chart (one-at-a-time sensitivity). */
export interface OatRow {
  readonly param: string;
  readonly kpi: string;
  readonly baseValue: number;
  /** Parameter value at the low point. */
  readonly low: number;
  /** Parameter value at the high point. */
  readonly high: number;
  readonly lowKpi: number;
  readonly highKpi: number;
  /** |highKpi − lowKpi|, in KPI units. */
  readonly swing: number;
  /** KPI at the base point, when the file records it. */
  readonly baseKpi?: number;
}

/** One row of Morris screening. */
export interface MorrisRow {
  readonly param: string;
  readonly kpi: string;
  readonly mu: number;
  readonly muStar: number;
  readonly sigma: number;
}

/** sensitivity.json. */
export type Sensitivity =
  | { readonly scenario: string; readonly method: "oat"; readonly delta: number; readonly params: readonly unknown[]; readonly rows: readonly OatRow[] }
  | { readonly scenario: string; readonly method: "morris"; readonly delta: number; readonly params: readonly unknown[]; readonly rows: readonly MorrisRow[] };

/** A share of draws with its 95% Wilson interval (robustness.json). */
export interface RobustnessShare {
  readonly p: number;
  readonly ci95: readonly [number, number];
  readonly count: number;
  readonly draws: number;
}

/** One strategy of robustness.json (money in the KPI's yuan). */
export interface RobustnessStrategy {
  readonly scenario: string;
  readonly baseline: boolean;
  readonly pBest: RobustnessShare;
  /** Absent for the baseline itself. */
  readonly pBeatsBaseline?: RobustnessShare;
  /** Draws where the paired 95% interval of the advantage lies above 0 (absent with one replication). */
  readonly pClearlyBeatsBaseline?: RobustnessShare;
  readonly pClearlyLosesToBaseline?: RobustnessShare;
  /** Mean over draws of (best strategy's KPI − this one's), with a t-interval over draws. */
  readonly expectedRegret: { readonly mean: number; readonly ci95: readonly [number, number] };
  readonly relativeRegret: number;
  /** Mean over draws of the paired difference from the baseline. */
  readonly advantage?: { readonly mean: number; readonly ci95: readonly [number, number] };
  readonly relativeAdvantage?: number;
  /** Replication noise's share of the advantage's variance across draws. */
  readonly replicationNoiseShare: number;
  /** Rank correlations of each uncertain parameter with the advantage over the baseline. */
  readonly drivers: readonly { readonly param: string; readonly spearman: number; readonly prcc: number; readonly pValue: number }[];
}

/** One uncertain parameter of robustness.json: its distribution's figures and source. */
export interface RobustnessParam {
  readonly path: string;
  readonly distribution: string;
  readonly source: string;
  /** low, high, mode, mean, sd, median, sigma as the file gives them. */
  readonly figures: Readonly<Record<string, number>>;
}

/** The most frequent winner in the lower and upper half of one parameter's draws (null on a tie). */
export interface RobustnessFlip {
  readonly param: string;
  readonly low: { readonly edge: number; readonly winner: string | null };
  readonly high: { readonly edge: number; readonly winner: string | null };
  readonly flipsWinner: boolean;
}

/** robustness.json. */
export interface Robustness {
  readonly baseline: string;
  readonly kpi: string;
  readonly uncertainty: string;
  readonly draws: number;
  readonly replications: number;
  readonly params: readonly RobustnessParam[];
  readonly strategies: readonly RobustnessStrategy[];
  readonly flips: readonly RobustnessFlip[];
}

/** Everything a results folder holds; files that are absent are empty arrays or undefined. */
export interface Results {
  readonly manifest: Manifest;
  readonly summary?: RunSummary;
  readonly comparison?: Comparison;
  readonly sweep?: Sweep;
  readonly sensitivity?: Sensitivity;
  readonly robustness?: Robustness;
  readonly daily: readonly DailyRow[];
  readonly replications: readonly ReplicationRow[];
  readonly funnel: readonly FunnelCsvRow[];
  readonly products: readonly ProductCsvRow[];
}
