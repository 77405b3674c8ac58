/**
 * How much memory a run will take, estimated before it starts, so a run too large for the machine
 * is refused with the estimate instead of failing halfway.
 */
import type { ModelConfig } from "./parameters.js";

/**
 * Bytes per user, measured with `npm run bench -- model --users 100000` over the full horizon
 * (peak RSS growth 772 bytes a user, live 767: per-user typed arrays and two stream families
 * ~150, relation records ~400, purchase records ~160, pending events), rounded up with ~10%
 * margin. Short horizons measure less (unfilled pools are not resident yet): use the full one.
 */
export const BYTES_PER_USER = 850;
/** Fixed cost of a run: merchants, products, daily metric cells, code. */
const FIXED_BYTES = 64 * 1024 * 1024;

/**
 * Estimated peak memory of one simulation, in bytes.
 */
export function estimateMemoryBytes(config: ModelConfig): number {
  const days = config.calendar.burnInDays + config.calendar.leadDays + config.calendar.festivalDays + config.calendar.tailDays;
  const productsPerMerchant = 30;
  return FIXED_BYTES + config.population.users * BYTES_PER_USER + config.merchants.count * productsPerMerchant * (days * 8 + 200) ;
}
