/**
 * The merchant types, in output order. A module of its own, apart from the scenario schema in
 * parameters.ts: the simulation needs the names, not zod, so a pool worker that only simulates
 * does not load the schema library (~0.2 s of each worker's start).
 */
export const MERCHANT_TYPES = ["brand", "quickBrand", "small", "influencer"] as const;
export type MerchantType = (typeof MERCHANT_TYPES)[number];
