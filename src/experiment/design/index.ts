/**
 * Experimental designs as pure data: sweeps (grid, zip), one-at-a-time sensitivity, and Morris
 * elementary-effects screening. A design lists {@link Point}s with canonical ids; the experiment
 * runner runs them and hands the KPIs back to the matching analysis function.
 */
export { formatDesignValue, makePoint, pointId, roundDesignValue, type DesignValue, type Point } from "./point.js";
export type { SweepParam } from "./sweepParam.js";
export { gridPoints } from "./gridPoints.js";
export { zipPoints } from "./zipPoints.js";
export { oatDesign, type OatDesign, type OatParamPoints } from "./oatDesign.js";
export { oatAnalysis, type OatKpis, type OatRow } from "./oatAnalysis.js";
export {
  morrisDesign,
  type MorrisDesign,
  type MorrisOptions,
  type MorrisParam,
  type MorrisStep,
  type MorrisTrajectory,
} from "./morrisDesign.js";
export { morrisAnalysis, type MorrisEffect } from "./morrisAnalysis.js";
export { latinHypercube } from "./latinHypercube.js";
export { DISTRIBUTIONS, keptMass, normalCdf, quantileOf, type Distribution } from "./distributions.js";
