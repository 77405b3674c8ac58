import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";

/**
 * Benjamini–Hochberg adjusted p-values (q-values) of a family of tests (Benjamini & Hochberg
 * 1995; R's `p.adjust(p, "BH")`): with the p-values sorted ascending, q_(i) = min over j ≥ i of
 * m·p_(j) / j, capped at 1. Calling a result clear where q < α keeps the expected share of false
 * discoveries among the clear results at most α (for independent or positively dependent tests).
 *
 * @param pValues - one p-value per test, each in [0, 1].
 * @returns the adjusted values, in the input's order.
 * @throws {UsageError} when a p-value is not a number in [0, 1].
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  pValues.forEach((p, index) => {
    if (!(p >= 0 && p <= 1)) throw new UsageError(ruleBroken("benjaminiHochberg", `pValues[${index}] must be a number in [0, 1]`, p));
  });
  const m = pValues.length;
  // Ties keep the input order, so the result does not depend on the sort's stability.
  const order = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const entry = order[rank - 1] as { p: number; index: number };
    running = Math.min(running, (m * entry.p) / rank);
    adjusted[entry.index] = running;
  }
  return adjusted;
}
