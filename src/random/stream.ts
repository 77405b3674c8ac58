/**
 * Seeded random streams, each named by a path such as `116/rep:3/arrivals`.
 *
 * A stream's sequence depends on its path and nothing else — never on a run counter, on the
 * order streams were created, or on global state. Two consequences the experiment layer relies on:
 *
 * - Adding a replication or a sweep point creates new paths and changes no existing stream, so
 *   earlier results stay reproducible bit for bit.
 * - Replication r of two strategies run with the same seed draws `seed/rep:r/arrivals` etc. from
 *   identical streams (common random numbers), so their difference carries less noise.
 *
 * To keep that second property, give each independent source of randomness its own purpose
 * (and {@link substream} per entity where useful) rather than sharing one stream, so a strategy
 * that draws more from one purpose does not shift the draws of another.
 */
import seedrandom from "seedrandom";
import { UsageError } from "../errors.js";
import { ruleBroken } from "./messages.js";

/**
 * A source of uniform deviates on [0, 1). Every sampler in `random/` draws from one.
 *
 * Streams from {@link createStream} have 32 bits of resolution (steps of 2^-32), which is what
 * seedrandom's fast generators give per call.
 */
export type RandomSource = () => number;

/** The seedrandom generators a stream may use: both are fast (~100M draws/s) and well tested. */
export type StreamAlgorithm = "alea" | "xor4096";

/** The algorithms accepted by {@link createStream}, for validation and CLI help. */
export const streamAlgorithms: readonly StreamAlgorithm[] = ["alea", "xor4096"] as const;

/**
 * Creates the stream named by `path`: the same path always yields the same sequence.
 *
 * @param path - the stream's full name, usually from {@link streamPath} or {@link substream}.
 * @param algorithm - `"alea"` (default; fastest) or `"xor4096"` (longer period, 4096-bit state).
 * @returns a {@link RandomSource} of uniform deviates on [0, 1).
 * @throws {UsageError} if `path` is not a non-empty string or `algorithm` is unknown.
 */
export function createStream(path: string, algorithm: StreamAlgorithm = "alea"): RandomSource {
  if (typeof path !== "string" || path.length === 0) {
    throw new UsageError(ruleBroken("createStream", "path must be a non-empty string", path));
  }
  // A local, never-global generator: the built-in global generator and seedrandom's global state stay untouched.
  if (algorithm === "alea") return seedrandom.alea(path);
  if (algorithm === "xor4096") return seedrandom.xor4096(path);
  throw new UsageError(ruleBroken("createStream", 'algorithm must be "alea" or "xor4096"', algorithm));
}

/**
 * The path of the stream a replication uses for one purpose: exactly `<seed>/rep:<r>/<purpose>`.
 *
 * @param seed - the experiment's base seed (e.g. `116` or `"pilot"`).
 * @param replication - the replication index, an integer >= 0.
 * @param purpose - what the stream drives (e.g. `"arrivals"`); must not contain `/`.
 * @throws {UsageError} if the seed is empty or not finite, the replication is not an integer >= 0,
 *   or the purpose is empty or contains `/`.
 */
export function streamPath(seed: string | number, replication: number, purpose: string): string {
  const seedIsValid =
    (typeof seed === "string" && seed.length > 0) || (typeof seed === "number" && Number.isFinite(seed));
  if (!seedIsValid) {
    throw new UsageError(ruleBroken("streamPath", "seed must be a non-empty string or a finite number", seed));
  }
  if (typeof replication !== "number" || !Number.isSafeInteger(replication) || replication < 0) {
    throw new UsageError(ruleBroken("streamPath", "replication must be an integer >= 0", replication));
  }
  checkSegment("streamPath", "purpose", purpose);
  return `${seed}/rep:${replication}/${purpose}`;
}

/** What a run's root seed may be: a number, or text that cannot be mistaken for a path. */
export const SEED_RULE = 'seed must be a finite number or a non-empty text without "/"';

/**
 * Whether `seed` may root a run's stream paths: a finite number, or a non-empty text without `/`
 * (a `/` would let two different seeds give the same path, e.g. `a/rep:1` and `a`).
 */
export function isValidSeed(seed: unknown): seed is string | number {
  return (typeof seed === "number" && Number.isFinite(seed)) || (typeof seed === "string" && seed.trim().length > 0 && !seed.includes("/"));
}

/**
 * The stream of one replication and purpose: `createStream(streamPath(seed, replication, purpose))`.
 *
 * @throws {UsageError} as {@link streamPath}.
 */
export function deriveStream(seed: string | number, replication: number, purpose: string): RandomSource {
  return createStream(streamPath(seed, replication, purpose));
}

/**
 * Extends a stream path by one segment, e.g. `substream("116/rep:3/arrivals", "merchant:7")`
 * gives `116/rep:3/arrivals/merchant:7`. One stream per entity keeps an entity's draws fixed
 * when other entities are added or draw more.
 *
 * @throws {UsageError} if `parentPath` is empty, or `name` is empty or contains `/`.
 */
export function substream(parentPath: string, name: string): string {
  if (typeof parentPath !== "string" || parentPath.length === 0) {
    throw new UsageError(ruleBroken("substream", "parentPath must be a non-empty string", parentPath));
  }
  checkSegment("substream", "name", name);
  return `${parentPath}/${name}`;
}

/**
 * A 32-bit unsigned integer derived from a path, for tools that take an integer seed
 * (a worker, an external program). Like streams, it depends on the path only.
 *
 * @returns an integer in [0, 2^32).
 * @throws {UsageError} if `path` is not a non-empty string.
 */
export function seedFrom(path: string): number {
  if (typeof path !== "string" || path.length === 0) {
    throw new UsageError(ruleBroken("seedFrom", "path must be a non-empty string", path));
  }
  // A different prefix than any stream so the integer is not the first draw of stream `path`.
  return seedrandom.alea(`seedFrom:${path}`).int32() >>> 0;
}

function checkSegment(owner: string, name: string, value: unknown): void {
  // A `/` inside a segment would make two different (parent, name) pairs give one path.
  if (typeof value !== "string" || value.length === 0 || value.includes("/")) {
    throw new UsageError(ruleBroken(owner, `${name} must be a non-empty string without "/"`, value));
  }
}
