/**
 * Stirling-series corrections used by the rejection samplers (binomial BTRS, poisson PTRS).
 * Internal to `random/`.
 */

/** fc(k) = log(k!) - [log(sqrt(2π)) + (k + 1/2) log(k + 1) - (k + 1)], exact for k <= 9. */
const tailTable = new Float64Array([
  0.0810614667953272, 0.0413406959554092, 0.0276779256849983, 0.02079067210376509, 0.0166446911898211,
  0.0138761288230707, 0.0118967099458917, 0.010411265261972, 0.00925546218271273, 0.00833056343336287,
]);

/** The Stirling remainder fc(k) of log(k!), within ~3e-11 for integer k >= 0 (far below the rejection tests’ needs). */
export function stirlingTail(k: number): number {
  if (k <= 9) return tailTable[k] as number;
  const kp1 = k + 1;
  const kp1sq = kp1 * kp1;
  return (1 / 12 - (1 / 360 - 1 / 1260 / kp1sq) / kp1sq) / kp1;
}

const halfLogTwoPi = 0.5 * Math.log(2 * Math.PI);

/** log(k!) for integer k >= 0, by table up to 9 and Stirling's series above. */
export function logFactorial(k: number): number {
  const kp1 = k + 1;
  return halfLogTwoPi + (k + 0.5) * Math.log(kp1) - kp1 + stirlingTail(k);
}
