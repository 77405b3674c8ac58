/**
 * Seeded random streams and samplers. Streams are named by paths (see `stream.ts`); samplers are
 * factories over a stream that validate once, plus unchecked `draw*` functions for hot loops.
 */
export type { RandomSource, StreamAlgorithm } from "./stream.js";
export { createStream, deriveStream, isValidSeed, SEED_RULE, seedFrom, streamAlgorithms, streamPath, substream } from "./stream.js";
export { AliasTable } from "./alias-table.js";
export { bernoulli } from "./bernoulli.js";
export { beta, drawBeta } from "./beta.js";
export { binomial, drawBinomial } from "./binomial.js";
export { categorical } from "./categorical.js";
export { empiricalDiscrete } from "./empirical-discrete.js";
export { drawExponential, drawStandardExponential, exponential, exponentialBeyondBits, exponentialFromBits } from "./exponential.js";
export { drawGamma, gamma } from "./gamma.js";
export { lognormal } from "./lognormal.js";
export { drawNormal, normal } from "./normal.js";
export { drawPoisson, drawPoissonInversion, poisson, PoissonTable } from "./poisson.js";
export { uniform } from "./uniform.js";
export type { NextArrival } from "./nhpp.js";
export { nhpp } from "./nhpp.js";
export type { DailyProfile } from "./daily-profile.js";
export { dailyProfile, dailyProfileArrivals } from "./daily-profile.js";
export { StreamFamily } from "./stream-family.js";
export { KeyedStream, mix32 } from "./keyed-stream.js";
