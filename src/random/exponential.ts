import { UsageError } from "../errors.js";
import { isPositiveFinite, ruleBroken } from "./messages.js";
import type { RandomSource } from "./stream.js";

/**
 * One exponential deviate with rate `rate` (events per unit time; mean 1/rate time units).
 *
 * Unchecked: for hot loops; callers validate.
 */
export function drawExponential(source: RandomSource, rate: number): number {
  // log1p(-u) keeps precision for small u and is finite for every u in [0, 1).
  return -Math.log1p(-source()) / rate;
}

/**
 * An exponential sampler: waiting times between events of rate `rate` (per unit time).
 *
 * @throws {UsageError} if `rate` is not finite and > 0.
 */
export function exponential(source: RandomSource, rate: number): () => number {
  if (!isPositiveFinite(rate)) {
    throw new UsageError(ruleBroken("exponential", "rate must be finite and > 0", rate));
  }
  // Same arithmetic as drawExponential, so switching between the two keeps every draw.
  return () => -Math.log1p(-source()) / rate;
}

/**
 * The ziggurat for the standard exponential (Marsaglia & Tsang 2000) with 256 layers: the layer
 * comes from the top 8 bits of one 32-bit uniform and the abscissa from the other 24, so the two
 * are independent (Doornik 2005's point about the original, which reused the layer bits).
 * layerX[i] is the right edge of layer i (layer 0: the base strip's virtual width, which hides the
 * tail); layerRatio[i] = layerX[i + 1] / layerX[i].
 */
const EXP_LAYERS = 256;
const EXP_TAIL_START = 7.69711747013104972;
const EXP_LAYER_AREA = 3.949659822581572e-3;
const expLayerX = new Float64Array(EXP_LAYERS + 1);
const expLayerRatio = new Float64Array(EXP_LAYERS);
const expLayerF = new Float64Array(EXP_LAYERS + 1);
{
  expLayerX[0] = EXP_LAYER_AREA / Math.exp(-EXP_TAIL_START);
  expLayerX[1] = EXP_TAIL_START;
  for (let i = 2; i < EXP_LAYERS; i++) {
    const previous = expLayerX[i - 1] as number;
    expLayerX[i] = -Math.log(EXP_LAYER_AREA / previous + Math.exp(-previous));
  }
  expLayerX[EXP_LAYERS] = 0;
  for (let i = 0; i <= EXP_LAYERS; i++) expLayerF[i] = Math.exp(-(expLayerX[i] as number));
  for (let i = 0; i < EXP_LAYERS; i++) expLayerRatio[i] = (expLayerX[i + 1] as number) / (expLayerX[i] as number);
}
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_24 = 2 ** -24;

/**
 * One standard exponential deviate (mean 1) by the ziggurat: usually one uniform, a table lookup
 * and a comparison, against a logarithm per draw for {@link drawExponential} (about 3× faster
 * here). Its numbers differ from drawExponential's; the law is the same. Resolution: 2^-24 of
 * the layer's width.
 *
 * Only the common case is here, so that V8 inlines it small into hot loops; the rest (~1.1% of
 * draws) is {@link exponentialBeyondLayer}, which continues the same algorithm with the same draws.
 *
 * Unchecked: for hot loops. Stateless, so interleaving streams is safe.
 */
export function drawStandardExponential(source: RandomSource): number {
  const bits = (source() * TWO_POW_32) >>> 0;
  const deviate = exponentialFromBits(bits);
  return deviate >= 0 ? deviate : exponentialBeyondBits(source, bits);
}

/**
 * The ziggurat's common case for the 32 bits of a uniform draw (`(u × 2^32) >>> 0`): the deviate,
 * or −1 when the point is not under the next layer's edge (~1.1% of draws), which
 * {@link exponentialBeyondBits} then finishes from the same bits. For a caller that makes the draw
 * itself (the market keeps a user's arrival stream in locals for a user-day).
 */
export function exponentialFromBits(bits: number): number {
  const layer = bits >>> 24;
  const u = (bits & 0xffffff) * TWO_POW_MINUS_24;
  // ~98.9% of draws end here: the point lies under the next layer's edge, so under the curve.
  return u < (expLayerRatio[layer] as number) ? u * (expLayerX[layer] as number) : -1;
}

/** The rest of {@link drawStandardExponential} for bits that {@link exponentialFromBits} left (−1), drawing on from `source`. */
export function exponentialBeyondBits(source: RandomSource, bits: number): number {
  return exponentialBeyondLayer(source, bits >>> 24, (bits & 0xffffff) * TWO_POW_MINUS_24);
}

/**
 * The ziggurat's rare cases, for a point of `layer` at fraction `u` of its width that is not under
 * the next layer's edge: the tail, the wedge test, and on rejection the next tries.
 */
function exponentialBeyondLayer(source: RandomSource, layer: number, u: number): number {
  for (;;) {
    // Base layer beyond the tail start: the exponential is memoryless.
    if (layer === 0) return EXP_TAIL_START - Math.log1p(-source());
    const x = u * (expLayerX[layer] as number);
    const f0 = expLayerF[layer] as number;
    const f1 = expLayerF[layer + 1] as number;
    if (f0 + source() * (f1 - f0) < Math.exp(-x)) return x;
    const bits = (source() * TWO_POW_32) >>> 0;
    layer = bits >>> 24;
    u = (bits & 0xffffff) * TWO_POW_MINUS_24;
    if (u < (expLayerRatio[layer] as number)) return u * (expLayerX[layer] as number);
  }
}
