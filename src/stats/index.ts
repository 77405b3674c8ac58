/**
 * Replication statistics: online collectors, t quantiles, summaries with 95% intervals, and
 * paired (common random numbers) and Welch comparisons. Imports nothing of funnelsim's but
 * the errors module.
 */
export { OnlineMoments } from "./onlineMoments.js";
export { normalQuantile } from "./normalQuantile.js";
export { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";
export { tCdf } from "./tCdf.js";
export { tQuantile } from "./tQuantile.js";
export { summarize, type Summary } from "./summarize.js";
export { pairedDifference, type PairedDifference } from "./pairedDifference.js";
export { unpairedDifference, type UnpairedDifference } from "./unpairedDifference.js";
export { ratioOfMeans, type RatioOfMeans } from "./ratioOfMeans.js";
export { benjaminiHochberg } from "./benjaminiHochberg.js";
