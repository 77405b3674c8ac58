/**
 * Benchmark entry: `npm run bench -- <name> [--options] [--json]`; with no name, every registered
 * bench at its default sizes (except those marked byNameOnly, such as `instructions`). Add a bench
 * by adding one file and one line to {@link benches}.
 */
import { parseArgs, type Bench } from "./common.js";
import { holdBench } from "./hold.js";
import { mm1Bench } from "./mm1.js";
import { allocBench } from "./alloc.js";
import { modelBench } from "./model.js";
import { parallelBench } from "./parallel.js";
import { randomBench } from "./random.js";
import { instructionsBench } from "./instructions.js";
import { parquetBench } from "./parquet.js";

/** Every bench by subcommand name; other folders register theirs here (e.g. `model`, `parallel`). */
export const benches: Record<string, Bench> = {
  hold: holdBench,
  mm1: mm1Bench,
  alloc: allocBench,
  model: modelBench,
  parallel: parallelBench,
  random: randomBench,
  instructions: instructionsBench,
  parquet: parquetBench,
};

async function main(argv: readonly string[]): Promise<void> {
  const first = argv[0];
  if (first === "--help" || first === "help") {
    for (const [name, bench] of Object.entries(benches)) process.stdout.write(`${name.padEnd(10)} ${bench.description}\n`);
    return;
  }
  if (first !== undefined && !first.startsWith("--")) {
    const bench = benches[first];
    if (bench === undefined) {
      process.stderr.write(`bench: unknown bench ${JSON.stringify(first)}; known: ${Object.keys(benches).join(", ")}\n`);
      process.exitCode = 2;
      return;
    }
    await bench.run(parseArgs(argv.slice(1)));
    return;
  }
  const args = parseArgs(argv);
  for (const bench of Object.values(benches)) if (!("byNameOnly" in bench)) await bench.run(args);
}

await main(process.argv.slice(2));
