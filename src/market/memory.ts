/**
 * How much memory a run will take, estimated before it starts, so a run too large for the machine
 * is refused with the estimate instead of failing halfway.
 */
import type { ModelConfig } from "./parameters.js";

/**
 * Bytes per user, measured with `npm run bench -- model --users 100000` over the full horizon:
 * peak RSS growth 839–968 bytes a user over six runs (median 898), live 818–956 (median 832),
 * on 2026-12-04 with the due-need looks' schedule of 4 bytes a user and category; the code before
 * it gave 817–925 peak (median 860) and 806–843 live in the same hour. The RSS readings move by
 * ±60 between runs of one code. Rounded up to the median peak plus ~10%, the highest plus ~2%.
 * Earlier: 848 peak and 799 live on 2026-12-03, 731 and 699 before issue #19's due-need row (32
 * bytes a user) and dormancy schedule (≈ 7 bytes a follow, 2 a relation record). Per-user typed
 * arrays and two stream families, relation records, purchase records and the seeding journey's 7
 * bytes make it up. Short horizons measure less (unfilled pools are not resident yet): use the
 * full one.
 */
export const BYTES_PER_USER = 990;
/** Fixed cost of a run: merchants, products, daily metric cells, code. */
const FIXED_BYTES = 64 * 1024 * 1024;

/** Products a merchant holds at most, for the estimate (catalog plus a festival's launches). */
const PRODUCTS_PER_MERCHANT = 30;

/** One simulation's estimated peak memory by what drives it, in bytes. */
export interface MemoryEstimate {
  /** Users' state: population.users × {@link BYTES_PER_USER}. */
  readonly users: number;
  /** Merchants' products and their daily ledgers: grows with merchants.count and the horizon. */
  readonly merchants: number;
  /** Everything else: merchants' tables, daily metric cells, code. */
  readonly fixed: number;
  readonly total: number;
}

/** Estimated peak memory of one simulation, by what drives it. */
export function estimateMemory(config: ModelConfig): MemoryEstimate {
  const days = config.calendar.burnInDays + config.calendar.leadDays + config.calendar.festivalDays + config.calendar.tailDays;
  const users = config.population.users * BYTES_PER_USER;
  const merchants = config.merchants.count * PRODUCTS_PER_MERCHANT * (days * 8 + 200);
  return { users, merchants, fixed: FIXED_BYTES, total: FIXED_BYTES + users + merchants };
}

/**
 * Estimated peak memory of one simulation, in bytes.
 */
export function estimateMemoryBytes(config: ModelConfig): number {
  return estimateMemory(config).total;
}
