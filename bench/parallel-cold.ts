/**
 * The `parallel` bench's cold 1-worker run, in a process of its own (see parallel.ts):
 *
 *   tsx bench/parallel-cold.ts <users> <replications> <output file>
 *
 * Loads what the bench's main thread loads, times `runUnits(units, {workers: 1})` — the model's
 * code as cold as in a fresh `funnelsim run --workers 1` — writes the results, serialized in unit
 * order, to the output file and prints one JSON line {seconds, coresUsed, arrivals} on stdout
 * (arrivals: seconds from the start at which each result came, in arrival order).
 */
import { writeFileSync } from "node:fs";
import { runUnits } from "../src/experiment/pool.js";
import { parallelUnits } from "./parallel-units.js";

const [users, replications, output] = process.argv.slice(2);
if (users === undefined || replications === undefined || output === undefined) {
  throw new Error("usage: parallel-cold.ts <users> <replications> <output file>");
}
const units = parallelUnits(Number(users), Number(replications));
const cpuBefore = process.cpuUsage();
const start = performance.now();
const arrivals: number[] = [];
const results = await runUnits(units, { workers: 1, onResult: () => void arrivals.push((performance.now() - start) / 1000) });
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuBefore);
writeFileSync(output, JSON.stringify(units.map((unit) => results.get(unit.id))));
process.stdout.write(`${JSON.stringify({ seconds, coresUsed: (cpu.user + cpu.system) / 1e6 / seconds, arrivals })}\n`);
