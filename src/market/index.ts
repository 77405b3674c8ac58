/** The market model's public API: configure, simulate, read results. */
export { Market } from "./simulation.js";
export { simulate } from "./api.js";
export type { SimulateOptions } from "./simulation.js";
export { modelConfigSchema, defaultConfig, MERCHANT_TYPES } from "./parameters.js";
export type { ModelConfig, ModelConfigInput, SegmentConfig, CategoryConfig, CouponConfig, MerchantType } from "./parameters.js";
export { KPIS, DAILY_METRICS, SOURCES, PUBLIC_SOURCES, PRIVATE_SOURCES, FUNNEL_STAGES } from "./result.js";
export type { SimulationResult, Kpi, DailyMetric, Source, Domain, FunnelRow, ProductRow } from "./result.js";
export { isNewToBuyer, NEW_TO_BUYER_DAYS } from "./purchases.js";
export { estimateMemory, estimateMemoryBytes, type MemoryEstimate } from "./memory.js";
export { PRODUCT_GMV_THRESHOLDS } from "./outputs.js";
