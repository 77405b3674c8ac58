/**
 * The Nelder–Mead simplex method (Nelder & Mead 1965), in the form of Lagarias, Reeds, Wright &
 * Wright (1998, "Convergence properties of the Nelder–Mead simplex method in low dimensions",
 * SIAM J. Optim. 9(1)), with the standard coefficients: reflection 1, expansion 2, contraction
 * ½, shrink ½. It minimizes a function of n unbounded variables without derivatives; bounds are
 * the caller's business (see bounds.ts).
 *
 * Written as an ask/tell generator rather than over a callback: the generator yields the points
 * it needs (a batch: the n + 1 vertices of the first simplex, the n points of a shrink, else
 * one point) and is resumed with their values. The caller can so evaluate a batch in parallel,
 * asynchronously, or from a cache, and the method stays a pure function of the values it is told:
 * the same values give the same path, which is what makes a calibration resumable.
 *
 * Ties are broken by position (a stable sort), never by chance. It stops when the simplex is
 * small in x (every vertex within `xTolerance` of the best, in the max norm) and flat in f (every
 * value within `fTolerance` of the best) — SciPy's rule — or when `maxEvaluations` is spent.
 */
import { UsageError } from "../../errors.js";

/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial step along each axis from the start (the first simplex), one number or one per axis. */
  readonly step: number | readonly number[];
  /** Evaluations allowed in all (the first simplex included). */
  readonly maxEvaluations: number;
  /** Convergence in x: max-norm distance of every vertex from the best. */
  readonly xTolerance: number;
  /** Convergence in f: every vertex's value within this of the best. */
  readonly fTolerance: number;
}

/** The steps of the method, named in what it asks for. */
export type NelderMeadStep = "initial" | "reflect" | "expand" | "contractOutside" | "contractInside" | "shrink";

/** What the generator asks for: points to evaluate, and why. */
export interface NelderMeadRequest {
  readonly step: NelderMeadStep;
  /** Iteration the request belongs to (0 for the first simplex). */
  readonly iteration: number;
  readonly points: readonly (readonly number[])[];
}

/** Why the method stopped. */
export type StopReason = "converged" | "maxEvaluations";

/** What the method returns. */
export interface NelderMeadResult {
  readonly x: readonly number[];
  readonly f: number;
  readonly evaluations: number;
  readonly iterations: number;
  readonly reason: StopReason;
  /** The final simplex, best first. */
  readonly simplex: readonly { readonly x: readonly number[]; readonly f: number }[];
}

interface Vertex {
  x: number[];
  f: number;
}

const REFLECTION = 1;
const EXPANSION = 2;
const CONTRACTION = 0.5;
const SHRINK = 0.5;

/** A value the method can compare: NaN (a failed evaluation) counts as +∞, worse than any. */
function comparable(value: number): number {
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

/**
 * Minimizes over R^n by Nelder–Mead, as an ask/tell generator: each `yield` is a request whose
 * points must be answered, through `next(values)`, with one value per point in order.
 * @throws {UsageError} on an empty start, a non-finite start or bad options, or when answered
 *   with the wrong number of values.
 */
export function* nelderMead(start: readonly number[], options: NelderMeadOptions): Generator<NelderMeadRequest, NelderMeadResult, readonly number[]> {
  const n = start.length;
  if (n === 0 || start.some((value) => !Number.isFinite(value))) throw new UsageError(`nelderMead: start must be finite numbers, at least one (got ${JSON.stringify(start)})`);
  const steps = typeof options.step === "number" ? start.map(() => options.step as number) : [...options.step];
  if (steps.length !== n || steps.some((step) => !Number.isFinite(step) || step === 0)) throw new UsageError(`nelderMead: step must be non-zero, one per coordinate (got ${JSON.stringify(options.step)})`);
  if (!Number.isInteger(options.maxEvaluations) || options.maxEvaluations < n + 1) {
    throw new UsageError(`nelderMead: maxEvaluations must be an integer of at least n + 1 = ${n + 1} (got ${options.maxEvaluations})`);
  }
  if (!(options.xTolerance >= 0) || !(options.fTolerance >= 0)) throw new UsageError("nelderMead: tolerances must be >= 0");

  let evaluations = 0;
  let iteration = 0;
  function* ask(step: NelderMeadStep, points: number[][]): Generator<NelderMeadRequest, number[], readonly number[]> {
    const values = yield { step, iteration, points: points.map((point) => [...point]) };
    if (values.length !== points.length) throw new UsageError(`nelderMead: ${points.length} values expected, got ${values.length}`);
    evaluations += points.length;
    return values.map(comparable);
  }

  const firstPoints: number[][] = [[...start]];
  for (let axis = 0; axis < n; axis++) {
    const point = [...start];
    point[axis] = (point[axis] as number) + (steps[axis] as number);
    firstPoints.push(point);
  }
  const firstValues = yield* ask("initial", firstPoints);
  let simplex: Vertex[] = firstPoints.map((x, index) => ({ x, f: firstValues[index] as number }));
  const order = (): void => {
    // Array.prototype.sort is stable: equal values keep their order, so ties go the same way every time.
    simplex = simplex.sort((a, b) => a.f - b.f);
  };
  order();

  const converged = (): boolean => {
    const best = simplex[0] as Vertex;
    return simplex.every((vertex) => Math.abs(vertex.f - best.f) <= options.fTolerance || (vertex.f === best.f)) &&
      simplex.every((vertex) => vertex.x.every((value, axis) => Math.abs(value - (best.x[axis] as number)) <= options.xTolerance));
  };
  const finish = (reason: StopReason): NelderMeadResult => {
    const best = simplex[0] as Vertex;
    return { x: [...best.x], f: best.f, evaluations, iterations: iteration, reason, simplex: simplex.map((vertex) => ({ x: [...vertex.x], f: vertex.f })) };
  };
  // A point along the line from the centroid c through the worst vertex w: c + t·(c − w).
  const along = (centroid: readonly number[], worst: readonly number[], t: number): number[] => centroid.map((c, axis) => c + t * (c - (worst[axis] as number)));

  for (;;) {
    if (converged()) return finish("converged");
    if (evaluations >= options.maxEvaluations) return finish("maxEvaluations");
    iteration += 1;
    const worst = simplex[n] as Vertex;
    const centroid = new Array<number>(n).fill(0);
    for (let index = 0; index < n; index++) {
      const vertex = simplex[index] as Vertex;
      for (let axis = 0; axis < n; axis++) centroid[axis] = (centroid[axis] as number) + (vertex.x[axis] as number) / n;
    }
    const best = simplex[0] as Vertex;
    const secondWorst = simplex[n - 1] as Vertex;
    const reflected = along(centroid, worst.x, REFLECTION);
    const [fr] = (yield* ask("reflect", [reflected])) as [number];
    let accepted: Vertex | undefined;
    if (fr < best.f) {
      if (evaluations >= options.maxEvaluations) accepted = { x: reflected, f: fr };
      else {
        const expanded = along(centroid, worst.x, REFLECTION * EXPANSION);
        const [fe] = (yield* ask("expand", [expanded])) as [number];
        accepted = fe < fr ? { x: expanded, f: fe } : { x: reflected, f: fr };
      }
    } else if (fr < secondWorst.f) {
      accepted = { x: reflected, f: fr };
    } else if (evaluations >= options.maxEvaluations) {
      // No evaluation left for a contraction: keep the simplex as it is.
      return finish("maxEvaluations");
    } else if (fr < worst.f) {
      const contracted = along(centroid, worst.x, REFLECTION * CONTRACTION);
      const [fc] = (yield* ask("contractOutside", [contracted])) as [number];
      if (fc <= fr) accepted = { x: contracted, f: fc };
    } else {
      const contracted = along(centroid, worst.x, -CONTRACTION);
      const [fcc] = (yield* ask("contractInside", [contracted])) as [number];
      if (fcc < worst.f) accepted = { x: contracted, f: fcc };
    }
    if (accepted !== undefined) {
      simplex[n] = accepted;
    } else {
      if (evaluations >= options.maxEvaluations) return finish("maxEvaluations");
      const shrunk = simplex.slice(1).map((vertex) => vertex.x.map((value, axis) => (best.x[axis] as number) + SHRINK * (value - (best.x[axis] as number))));
      const values = yield* ask("shrink", shrunk);
      simplex = [best, ...shrunk.map((x, index) => ({ x, f: values[index] as number }))];
    }
    order();
  }
}

/**
 * Runs {@link nelderMead} on a synchronous function (tests, small problems).
 * @returns the result and every request with its values, in order.
 */
export function minimize(f: (x: readonly number[]) => number, start: readonly number[], options: NelderMeadOptions): NelderMeadResult {
  const generator = nelderMead(start, options);
  let next = generator.next();
  while (next.done !== true) next = generator.next(next.value.points.map((point) => f(point)));
  return next.value;
}
