import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import {
  AliasTable,
  bernoulli,
  beta,
  binomial,
  categorical,
  createStream,
  dailyProfile,
  deriveStream,
  empiricalDiscrete,
  exponential,
  gamma,
  lognormal,
  nhpp,
  normal,
  poisson,
  seedFrom,
  streamPath,
  substream,
  uniform,
} from "../../src/random/index.js";
import type { StreamAlgorithm } from "../../src/random/index.js";

const s = createStream("test/validation");
const flat24 = Array.from({ length: 24 }, () => 1);

/** Each bad call and the exact message it must throw. */
const cases: ReadonlyArray<readonly [string, () => unknown, string]> = [
  ["uniform rejects a NaN lo", () => uniform(s, NaN, 1), "uniform: lo must be finite (got NaN)"],
  ["uniform rejects an infinite hi", () => uniform(s, 0, Infinity), "uniform: hi must be finite (got Infinity)"],
  ["uniform rejects hi below lo", () => uniform(s, 2, 1), "uniform: hi must be >= lo (2) (got 1)"],
  ["bernoulli rejects p above 1", () => bernoulli(s, 1.5), "bernoulli: p must be in [0, 1] (got 1.5)"],
  ["bernoulli rejects a NaN p", () => bernoulli(s, NaN), "bernoulli: p must be in [0, 1] (got NaN)"],
  ["binomial rejects a negative n", () => binomial(s, -1, 0.5), "binomial: n must be an integer >= 0 (got -1)"],
  ["binomial rejects a fractional n", () => binomial(s, 2.5, 0.5), "binomial: n must be an integer >= 0 (got 2.5)"],
  ["binomial rejects p above 1", () => binomial(s, 10, 1.5), "binomial: p must be in [0, 1] (got 1.5)"],
  ["binomial rejects a negative p", () => binomial(s, 10, -0.1), "binomial: p must be in [0, 1] (got -0.1)"],
  ["poisson rejects a negative mean", () => poisson(s, -1), "poisson: mean must be finite and >= 0 (got -1)"],
  ["poisson rejects an infinite mean", () => poisson(s, Infinity), "poisson: mean must be finite and >= 0 (got Infinity)"],
  ["exponential rejects a zero rate", () => exponential(s, 0), "exponential: rate must be finite and > 0 (got 0)"],
  ["exponential rejects a string rate", () => exponential(s, "2" as unknown as number), 'exponential: rate must be finite and > 0 (got "2")'],
  ["normal rejects an infinite mu", () => normal(s, Infinity, 1), "normal: mu must be finite (got Infinity)"],
  ["normal rejects a negative sigma", () => normal(s, 0, -1), "normal: sigma must be finite and >= 0 (got -1)"],
  ["lognormal rejects a NaN sigma", () => lognormal(s, 0, NaN), "lognormal: sigma must be finite and >= 0 (got NaN)"],
  ["gamma rejects a zero shape", () => gamma(s, 0, 1), "gamma: shape must be finite and > 0 (got 0)"],
  ["gamma rejects a negative scale", () => gamma(s, 1, -2), "gamma: scale must be finite and > 0 (got -2)"],
  ["beta rejects a zero a", () => beta(s, 0, 1), "beta: a must be finite and > 0 (got 0)"],
  ["beta rejects an infinite b", () => beta(s, 1, Infinity), "beta: b must be finite and > 0 (got Infinity)"],
  ["categorical rejects empty weights", () => categorical(s, []), "categorical: weights must be finite and >= 0 with a positive sum (got [])"],
  ["categorical rejects a negative weight", () => categorical(s, [1, -1]), "categorical: weights must be finite and >= 0 with a positive sum (got [1, -1])"],
  ["categorical rejects all-zero weights", () => categorical(s, [0, 0]), "categorical: weights must be finite and >= 0 with a positive sum (got [0, 0])"],
  ["categorical rejects a NaN weight", () => categorical(s, [1, NaN]), "categorical: weights must be finite and >= 0 with a positive sum (got [1, NaN])"],
  [
    "categorical shortens a long weight list in the message",
    () => categorical(s, [...Array.from({ length: 11 }, () => 1), -1]),
    "categorical: weights must be finite and >= 0 with a positive sum (got [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, … 2 more])",
  ],
  ["AliasTable rejects an infinite weight", () => new AliasTable([1, Infinity]), "AliasTable: weights must be finite and >= 0 with a positive sum (got [1, Infinity])"],
  ["empiricalDiscrete rejects empty values", () => empiricalDiscrete(s, []), "empiricalDiscrete: values must be a non-empty list of finite numbers (got [])"],
  ["empiricalDiscrete rejects mismatched weights", () => empiricalDiscrete(s, [1, 2], [1, 2, 3]), "empiricalDiscrete: weights must have one entry per value (2) (got 3)"],
  ["empiricalDiscrete rejects negative weights", () => empiricalDiscrete(s, [1, 2], [1, -2]), "empiricalDiscrete: weights must be finite and >= 0 with a positive sum (got [1, -2])"],
  ["nhpp rejects a zero maxRate", () => nhpp(s, () => 1, 0), "nhpp: maxRate must be finite and > 0 (got 0)"],
  ["nhpp rejects a rate that is not a function", () => nhpp(s, 3 as unknown as () => number, 3), "nhpp: rate must be a function of time (got 3)"],
  ["dailyProfile rejects 23 weights", () => dailyProfile(flat24.slice(1), 10), "dailyProfile: hourlyWeights must have 24 entries (got 23)"],
  ["dailyProfile rejects a zero perDay", () => dailyProfile(flat24, 0), "dailyProfile: perDay must be finite and > 0 (got 0)"],
  ["streamPath rejects a negative replication", () => streamPath(116, -1, "arrivals"), "streamPath: replication must be an integer >= 0 (got -1)"],
  ["streamPath rejects a fractional replication", () => streamPath(116, 1.5, "arrivals"), "streamPath: replication must be an integer >= 0 (got 1.5)"],
  ["streamPath rejects an empty seed", () => streamPath("", 0, "arrivals"), 'streamPath: seed must be a non-empty string or a finite number (got "")'],
  ["streamPath rejects a purpose with a slash", () => streamPath(116, 0, "a/b"), 'streamPath: purpose must be a non-empty string without "/" (got "a/b")'],
  ["deriveStream rejects an empty purpose", () => deriveStream(116, 0, ""), 'streamPath: purpose must be a non-empty string without "/" (got "")'],
  ["substream rejects a name with a slash", () => substream("116/rep:0/x", "m/7"), 'substream: name must be a non-empty string without "/" (got "m/7")'],
  ["createStream rejects an empty path", () => createStream(""), 'createStream: path must be a non-empty string (got "")'],
  ["createStream rejects an unknown algorithm", () => createStream("x", "arc4" as StreamAlgorithm), 'createStream: algorithm must be "alea" or "xor4096" (got "arc4")'],
  ["seedFrom rejects an empty path", () => seedFrom(""), 'seedFrom: path must be a non-empty string (got "")'],
];

describe("parameter validation", () => {
  for (const [title, call, message] of cases) {
    it(title, () => {
      expect(call).toThrow(UsageError);
      expect(call).toThrow(message);
      try {
        call();
      } catch (error) {
        expect((error as Error).message).toBe(message);
      }
    });
  }

  it("nhpp throws when the rate exceeds maxRate while drawing", () => {
    const next = nhpp(createStream("test/nhpp-overrate"), () => 5, 4);
    expect(() => next(0)).toThrow(UsageError);
    expect(() => next(0)).toThrow(/^nhpp: rate\(.+\) must be in \[0, maxRate = 4\] \(got 5\)$/);
  });
});
