/**
 * How much memory a run will take, estimated before it starts, so a run too large for the machine
 * is refused with the estimate instead of failing halfway.
 */
import type { ModelConfig } from "./parameters.js";

/**
 * Bytes per user, measured with `npm run bench -- model` (typed arrays per user, relation and
 * purchase records, pending session events), rounded up.
 */
export const BYTES_PER_USER = 700;
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
