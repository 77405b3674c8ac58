/**
 * Independent Poisson counts of a few kinds, drawn together from one uniform: the joint
 * distribution of the counts, tabulated over every vector whose total is at most a cut K, is
 * inverted with a guide table (as {@link PoissonTable} does for one count); the rest of the mass,
 * totals above K, is one more outcome of the table, drawn exactly when it comes up: its total from
 * the Poisson tail beyond K, then each of its units given a kind in proportion to the kinds' means
 * (given the total, independent Poisson counts are multinomial). So a draw has the distribution of
 * independent Poisson counts, up to the uniform's resolution, as every table inversion here.
 *
 * A draw is packed into one small integer, COUNT_BITS bits a kind, kind 0 in the lowest bits.
 */
import type { RandomSource } from "./stream.js";

/** Bits of one kind's count in a packed draw. */
export const COUNT_BITS = 6;
/** Mask of one kind's count in a packed draw (shifted down). */
export const COUNT_MASK = (1 << COUNT_BITS) - 1;
/** Kinds a vector can hold: five counts of six bits stay within a small integer. */
const MAX_KINDS = 5;
/** Above this total mean no table is built (callers draw impression by impression). */
const MAX_TOTAL_MEAN = 16;
/** The tabulated totals stop where at most this share of draws is left to the tail's exact path... */
const TAIL_SHARE = 0.002;
/** ...unless the table would exceed this many vectors (the tail is then larger, and still exact). */
const MAX_ENTRIES = 8192;

/** A joint table of independent Poisson counts (see the file's comment). */
export class PoissonVector {
  /** cumulative[i] = P(outcome <= i) in table order; Infinity at the last (the tail's) outcome. */
  private readonly cumulative: Float64Array;
  /** Packed counts of each outcome; -1 for the tail's. */
  private readonly packed: Int32Array;
  /** guide[j]: the first outcome whose cumulative exceeds j / cells. */
  private readonly guide: Int32Array;
  private readonly cells: number;
  /** The first total of the tail, and P(total <= first + i | total >= first) (Infinity at the end). */
  private readonly tailFirst: number;
  private readonly tailCumulative: Float64Array;
  /** A tail unit's kind: the first kind whose cut exceeds a uniform (means' cumulative shares). */
  private readonly cuts: Float64Array;

  private constructor(means: readonly number[], last: number) {
    const kinds = means.length;
    const total = means.reduce((sum, mean) => sum + mean, 0);
    // Each kind's probabilities of 0..last, by the recurrence the scalar inversion uses.
    const pmf = means.map((mean) => {
      const values = new Float64Array(last + 1);
      let pk = Math.exp(-mean);
      for (let k = 0; k <= last; k++) {
        values[k] = pk;
        pk *= mean / (k + 1);
      }
      return values;
    });
    const cumulative: number[] = [];
    const packed: number[] = [];
    let sum = 0;
    const visit = (kind: number, left: number, probability: number, value: number): void => {
      if (kind === kinds) {
        if (probability <= 0) return;
        sum += probability;
        cumulative.push(sum);
        packed.push(value);
        return;
      }
      const values = pmf[kind]!;
      // A kind of mean 0 takes only the count 0.
      const top = (means[kind] ?? 0) > 0 ? left : 0;
      for (let k = 0; k <= top; k++) {
        visit(kind + 1, left - k, probability * (values[k] ?? 0), value + k * 2 ** (COUNT_BITS * kind));
      }
    };
    visit(0, last, 1, 0);
    cumulative.push(Infinity);
    packed.push(-1);
    this.cumulative = Float64Array.from(cumulative);
    this.packed = Int32Array.from(packed);
    let cells = 64;
    while (cells < cumulative.length) cells *= 2;
    this.cells = cells;
    this.guide = new Int32Array(cells);
    let answer = 0;
    for (let cell = 0; cell < cells; cell++) {
      while (cell / cells >= (this.cumulative[answer] as number)) answer++;
      this.guide[cell] = answer;
    }
    // The tail: totals above `last`, up to the largest a packed count holds (the mass beyond is
    // below 1e-18 at the means a table is built for).
    this.tailFirst = last + 1;
    const tail: number[] = [];
    let pk = Math.exp(-total);
    for (let k = 1; k <= last + 1; k++) pk *= total / k;
    for (let k = last + 1; k <= COUNT_MASK; k++) {
      tail.push(pk);
      pk *= total / (k + 1);
    }
    const tailMass = tail.reduce((acc, value) => acc + value, 0);
    let running = 0;
    this.tailCumulative = Float64Array.from(tail, (value, index) => {
      running += value;
      return index === tail.length - 1 ? Infinity : running / tailMass;
    });
    let lastKind = 0;
    for (let kind = 0; kind < kinds; kind++) if ((means[kind] ?? 0) > 0) lastKind = kind;
    let share = 0;
    this.cuts = Float64Array.from(means, (mean, kind) => {
      share += mean / total;
      return kind >= lastKind ? Infinity : share;
    });
  }

  /**
   * The table for independent Poisson counts of these means (at most five kinds, each >= 0), or
   * null when their total is 0 or too large to tabulate (above 16).
   */
  static of(means: readonly number[]): PoissonVector | null {
    if (means.length === 0 || means.length > MAX_KINDS) return null;
    const total = means.reduce((sum, mean) => sum + mean, 0);
    if (!(total > 0) || !(total <= MAX_TOTAL_MEAN)) return null;
    const kinds = means.filter((mean) => mean > 0).length;
    // The smallest cut whose tail is at most TAIL_SHARE, within MAX_ENTRIES vectors.
    let last = 0;
    let below = Math.exp(-total);
    let pk = below;
    for (;;) {
      const next = last + 1;
      if (entries(next, kinds) > MAX_ENTRIES || 1 - below <= TAIL_SHARE || next >= COUNT_MASK) break;
      pk *= total / next;
      below += pk;
      last = next;
    }
    return new PoissonVector(means, last);
  }

  /** One draw: the counts packed, kind k at bits COUNT_BITS·k (see COUNT_MASK). */
  draw(source: RandomSource): number {
    const u = source();
    const cumulative = this.cumulative;
    let k = this.guide[(u * this.cells) | 0] as number;
    while (u >= (cumulative[k] as number)) k++;
    const value = this.packed[k] as number;
    return value >= 0 ? value : this.drawTail(source);
  }

  /** A total above the table's, and its units' kinds. */
  private drawTail(source: RandomSource): number {
    const u = source();
    const tail = this.tailCumulative;
    let index = 0;
    while (u >= (tail[index] as number)) index++;
    const total = this.tailFirst + index;
    const cuts = this.cuts;
    let value = 0;
    for (let unit = 0; unit < total; unit++) {
      const v = source();
      let kind = 0;
      while (v >= (cuts[kind] as number)) kind++;
      value += 2 ** (COUNT_BITS * kind);
    }
    return value;
  }
}

/** Vectors of `kinds` nonnegative counts with total at most `last`: C(last + kinds, kinds). */
function entries(last: number, kinds: number): number {
  let count = 1;
  for (let index = 1; index <= kinds; index++) count = (count * (last + index)) / index;
  return Math.round(count);
}
