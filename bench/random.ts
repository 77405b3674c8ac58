/**
 * Draw throughput of the random streams and hot-loop samplers, in nanoseconds per draw.
 * Each case has its own loop so every call site stays monomorphic, as it is in the market's
 * hot loop; a shared loop over closures would measure megamorphic dispatch instead.
 *
 *   npm run bench -- random [--draws 5000000] [--json]    (once registered in bench/main.ts)
 */
import {
  AliasTable,
  createStream,
  drawBinomial,
  drawExponential,
  drawGamma,
  drawNormal,
  drawPoisson,
  drawStandardExponential,
  type RandomSource,
} from "../src/random/index.js";
import { describeMachine, intOption, machineConditions, report, type Bench, type BenchArgs } from "./common.js";

type Case = (source: RandomSource, draws: number) => number;

/** The cases, each returning a checksum so the loop cannot be optimized away. */
const cases: Readonly<Record<string, Case>> = {
  "stream alea": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += s();
    return sum;
  },
  "exponential(1)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawExponential(s, 1);
    return sum;
  },
  "exp(1) ziggurat": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawStandardExponential(s);
    return sum;
  },
  "normal": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawNormal(s);
    return sum;
  },
  "gamma(2.5)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawGamma(s, 2.5);
    return sum;
  },
  "binomial(20, 0.2)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawBinomial(s, 20, 0.2);
    return sum;
  },
  "binomial(1e6, 0.3)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawBinomial(s, 1_000_000, 0.3);
    return sum;
  },
  "poisson(3)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawPoisson(s, 3);
    return sum;
  },
  "poisson(1e4)": (s, draws) => {
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += drawPoisson(s, 10_000);
    return sum;
  },
  "alias(100)": (s, draws) => {
    const table = new AliasTable(Array.from({ length: 100 }, (_, i) => 1 + (i % 10)));
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += table.sample(s);
    return sum;
  },
  "alias(100k)": (s, draws) => {
    const table = new AliasTable(Array.from({ length: 100_000 }, (_, i) => 1 + (i % 10)));
    let sum = 0;
    for (let i = 0; i < draws; i++) sum += table.sample(s);
    return sum;
  },
};

/** Nanoseconds per draw for every case: the best of three timed runs after a warm-up. */
export function randomThroughput(draws: number): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, run] of Object.entries(cases)) {
    run(createStream("bench/warmup"), Math.min(draws, 200_000));
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const source = createStream(`bench/${name}/${r}`);
      const start = performance.now();
      const checksum = run(source, draws);
      const elapsed = performance.now() - start;
      if (!Number.isFinite(checksum)) throw new Error(`random bench: ${name} produced ${checksum}`);
      best = Math.min(best, elapsed);
    }
    result[name] = (best * 1e6) / draws;
  }
  return result;
}

/** The `random` bench (register it in bench/main.ts as `random: randomBench`). */
export const randomBench: Bench = {
  description: "random streams and hot-loop samplers: ns per draw",
  run(args: BenchArgs): void {
    const draws = intOption(args, "draws", 5_000_000);
    const nsPerDraw = randomThroughput(draws);
    report(
      args,
      { bench: "random", draws, nsPerDraw, machine: machineConditions() },
      [
        `random: ns per draw (${draws} draws, best of 3) on ${describeMachine()}`,
        ...Object.entries(nsPerDraw).map(([name, ns]) => `  ${name.padEnd(20)} ${ns.toFixed(1)}`),
      ],
    );
  },
};
