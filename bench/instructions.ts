/**
 * Where the market model's instructions go, per simulated user-day, by function and by source line:
 *
 *   npm run bench -- instructions [--users 12000] [--days 40] [--layer full|impressions|sessions] [--top 30] [--misses [--ll-bytes N]] [--json]
 *
 * Timings on a shared VM swing by up to 2× from minute to minute, so a 5% change cannot be seen
 * in them; instruction counts can. This bench runs the default scenario once under valgrind's
 * callgrind (needs `valgrind`: `apt-get install valgrind`), with V8 logging every compiled code
 * object and its source positions, then maps each executed instruction of JIT code to the
 * function and the line it was compiled from (inlined code to the inlined function's line).
 * Counts repeat to within 0.3% from run to run (V8 runs single-threaded), so two commits compare
 * directly. The run is ~50× slower than native: keep it small; the code it sees is the same
 * optimized code a large run uses, only cache misses are missing (see `--misses`).
 *
 * `--misses` counts, instead of instructions, the data reads and writes that miss callgrind's
 * simulated last-level cache (`--cache-sim=yes`): what instruction counts cannot show, and what
 * separates a large population's rate from a small one's. Run it with the population of interest
 * (e.g. 100k users for a few days): misses depend on the state's size. The caches simulated are
 * the host's as the CPU reports them; a VM may report a shared L3 of hundreds of MB, in which every
 * population fits. `--ll-bytes N` simulates a last level of N bytes instead (16-way, 64-byte
 * lines), e.g. 2097152 for a core's L2: the misses that cost most when the L3 is shared.
 *
 * Lines are mapped back to the TypeScript through tsx's inline source maps. The headline figure
 * is the JIT's code (the model itself, optimized or not) per user-day, users × days; native code —
 * startup, the compiler, the GC, and V8's code log that this profile needs — is listed by
 * function when it weighs, and weighs most on small runs: compare runs of one size.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Market } from "../src/market/index.js";
import { LAYERS, layerConfig, type Layer } from "./model.js";
import { intOption, report, stringOption, type Bench, type BenchArgs } from "./common.js";

/** A compiled code object from V8's log. */
interface CodeObject {
  readonly start: number;
  readonly size: number;
  readonly name: string;
  /** Script id of the function, or -1 when unknown. */
  script: number;
  /** [pc offset, source position, inlining id] triples, by pc offset. */
  positions: number[];
  /** Function index (into `inlined`) of each inlining id. */
  inlinings: number[];
  /** Shared-function-info addresses of the inlined functions. */
  inlined: string[];
  readonly sfi: string;
}

/**
 * JIT code that is not the model's: the module loader (tsx's transform and lexer, Node's own
 * `node:` modules such as the source-map cache, and the lexers' WebAssembly). It runs once, while
 * the scripts load, so per user-day it is a fixed cost spread over the run, not model work: the
 * headline leaves it out and prints it apart. The model's dependencies (seedrandom) stay in.
 */
export const LOADER_CODE = /node_modules\/tsx\/|\bnode:|^wasm-function/;

/** Reverses V8's log escaping (`\x2C` for commas, `\n`, `\\`, `\xNN`, `\uNNNN`). */
export function unescapeLog(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== "\\") {
      out += char;
      continue;
    }
    const next = text[index + 1];
    if (next === "n") {
      out += "\n";
      index++;
    } else if (next === "\\") {
      out += "\\";
      index++;
    } else if (next === "x") {
      out += String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 4), 16));
      index += 3;
    } else if (next === "u") {
      out += String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 6), 16));
      index += 5;
    } else {
      out += char;
    }
  }
  return out;
}

/** A script V8 ran: its url, where its lines start, and the original lines its source map points to. */
interface Script {
  readonly url: string;
  readonly lineStarts: number[];
  /** Per generated line: [generated column, original line (1-based)] pairs, by column; empty without a map. */
  readonly map: number[][];
  /** The original source's lines (from the map's sourcesContent, or the script itself). */
  readonly lines: string[];
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes a source map's `mappings` into [generated column, original line] pairs per generated line. */
export function decodeMappings(mappings: string): number[][] {
  const lines: number[][] = [];
  let originalLine = 0;
  for (const generated of mappings.split(";")) {
    const pairs: number[] = [];
    let column = 0;
    for (const segment of generated.split(",")) {
      if (segment.length === 0) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) {
        originalLine += values[2] ?? 0;
        pairs.push(column, originalLine + 1);
      }
    }
    lines.push(pairs);
  }
  return lines;
}

/** A script from its source text: with tsx's inline source map, lines map back to the .ts file. */
export function scriptOf(url: string, source: string): Script {
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) if (source.charCodeAt(index) === 10) lineStarts.push(index + 1);
  const inline = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(source);
  if (inline !== null) {
    try {
      const map = JSON.parse(Buffer.from(inline[1] ?? "", "base64").toString("utf8")) as { mappings?: string; sources?: string[]; sourcesContent?: (string | null)[] };
      // tsx leaves sourcesContent empty and names the file instead.
      const file = map.sources?.[0];
      const original = map.sourcesContent?.[0] ?? (typeof file === "string" ? readFileSync(file, "utf8") : undefined);
      if (typeof map.mappings === "string" && typeof original === "string") return { url, lineStarts, map: decodeMappings(map.mappings), lines: original.split("\n") };
    } catch {
      // Not a map we can read: fall back to the lines V8 ran.
    }
  }
  return { url, lineStarts, map: [], lines: source.split("\n") };
}

/** Index of the last value ≤ `value` in ascending `sorted` (0 when there is none). */
function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The line (1-based) of a source position: the original line when the script has a map. */
export function lineAt(script: Script, position: number): number {
  const starts = script.lineStarts;
  const low = lastAtOrBelow(starts, position);
  if (script.map.length === 0) return low + 1;
  const column = position - (starts[low] ?? 0);
  const pairs = script.map[low] ?? [];
  let line = -1;
  for (let index = 0; index < pairs.length; index += 2) {
    if ((pairs[index] ?? 0) > column) break;
    line = pairs[index + 1] ?? -1;
  }
  return line;
}

/** Code objects by start address, script sources by id, and the script of each function. */
function readV8Log(path: string): { codes: CodeObject[]; scripts: Map<number, Script>; sfiScript: Map<string, number> } {
  const byStart = new Map<number, CodeObject>();
  const scripts = new Map<number, Script>();
  const sfiScript = new Map<string, number>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line.startsWith("code-creation,JS,")) {
      const fields = line.split(",");
      const start = Number.parseInt(fields[4] ?? "0", 16);
      const size = Number(fields[5] ?? 0);
      const sfi = fields[fields.length - 2] ?? "";
      byStart.set(start, { start, size, name: fields.slice(6, -2).join(","), script: -1, positions: [], inlinings: [], inlined: [], sfi });
    } else if (line.startsWith("code-source-info,")) {
      const fields = line.split(",");
      const code = byStart.get(Number.parseInt(fields[1] ?? "0", 16));
      if (code === undefined) continue;
      code.script = Number(fields[2]);
      sfiScript.set(code.sfi, code.script);
      for (const match of (fields[5] ?? "").matchAll(/C(\d+)O(\d+)(?:I(\d+))?/g)) code.positions.push(Number(match[1]), Number(match[2]), match[3] === undefined ? -1 : Number(match[3]));
      for (const match of (fields[6] ?? "").matchAll(/F(\d+)O(\d+)(?:I(\d+))?/g)) code.inlinings.push(Number(match[1]));
      code.inlined = [...(fields[7] ?? "").matchAll(/S(0x[0-9a-f]+)/g)].map((match) => match[1] ?? "");
    } else if (line.startsWith("script-source,")) {
      const first = line.indexOf(",", 14);
      const second = line.indexOf(",", first + 1);
      const id = Number(line.slice(14, first));
      const url = line.slice(first + 1, second);
      if (!url.includes("/src/") && !url.includes("/bench/")) continue;
      scripts.set(id, scriptOf(url, unescapeLog(line.slice(second + 1))));
    }
  }
  const codes = [...byStart.values()].sort((a, b) => a.start - b.start);
  return { codes, scripts, sfiScript };
}

/**
 * Counts by address of code outside any shared object (the JIT's), and in total, of the sum of
 * the named events (`Ir`: instructions; `DLmr`, `DLmw`: last-level cache misses of data reads and
 * writes, with --cache-sim=yes). Also returns the simulated caches (callgrind's `desc:` lines).
 */
export function readCallgrind(path: string, eventNames: readonly string[]): { jit: Map<number, number>; native: Map<string, number>; total: number; caches: string[] } {
  const jit = new Map<number, number>();
  const native = new Map<string, number>();
  const objectNames = new Map<string, string>();
  const functionNames = new Map<string, string>();
  let object = "";
  let fn = "";
  let address = 0;
  let skipNext = false;
  let total = 0;
  let columns: number[] = [];
  const caches: string[] = [];
  const name = (tag: string, table: Map<string, string>): string => {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(tag.trim());
    if (match === null) return tag.trim();
    if (match[2] !== undefined) table.set(match[1] ?? "", match[2]);
    return table.get(match[1] ?? "") ?? tag;
  };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const first = line.charCodeAt(0);
    if (line.startsWith("events:")) {
      const events = line.slice(7).trim().split(/\s+/);
      columns = eventNames.map((event) => events.indexOf(event)).filter((index) => index >= 0);
    } else if (line.startsWith("desc:") && /cache/i.test(line)) caches.push(line.slice(5).trim());
    else if (line.startsWith("ob=")) object = name(line.slice(3), objectNames);
    else if (line.startsWith("cob=")) name(line.slice(4), objectNames);
    else if (line.startsWith("fn=")) fn = name(line.slice(3), functionNames);
    else if (line.startsWith("cfn=")) name(line.slice(4), functionNames);
    else if (line.startsWith("calls=")) skipNext = true;
    else if ((first >= 48 && first <= 57) || first === 43 || first === 45) {
      const parts = line.split(" ");
      if (parts.length < 3) continue;
      const at = parts[0] ?? "";
      if (at.startsWith("0x")) address = Number.parseInt(at, 16);
      else if (at.startsWith("+")) address += Number(at.slice(1));
      else if (at.startsWith("-")) address -= Number(at.slice(1));
      if (skipNext) {
        // The cost line after calls= is the call's inclusive cost, already counted in the callee.
        skipNext = false;
        continue;
      }
      // Positions are "address line", then one count per event; trailing zeros are left out.
      let cost = 0;
      for (const column of columns) cost += Number(parts[2 + column] ?? 0);
      if (cost === 0) continue;
      total += cost;
      if (object.includes("???")) jit.set(address, (jit.get(address) ?? 0) + cost);
      else native.set(fn, (native.get(fn) ?? 0) + cost);
    }
  }
  return { jit, native, total, caches };
}

/** One row of the tables. */
interface Row {
  readonly where: string;
  readonly perUserDay: number;
  /** Share of the JIT code's instructions (native rows are compared with the same total). */
  readonly share: number;
  readonly text?: string;
}

/** Runs the child under callgrind and maps its instructions to functions and lines. */
function profile(
  users: number,
  days: number,
  layer: Layer,
  top: number,
  misses: boolean,
  lastLevelBytes: number,
): { total: number; jit: number; loader: number; logging: number; functions: Row[]; lines: Row[]; userDays: number; caches: string[] } | string {
  const dir = mkdtempSync(join(tmpdir(), "funnelsim-instructions-"));
  try {
    const out = join(dir, "callgrind.out");
    const log = join(dir, "v8.log");
    const child = spawnSync(
      "valgrind",
      [
        "--tool=callgrind",
        "--dump-instr=yes",
        ...(misses ? ["--cache-sim=yes", ...(lastLevelBytes > 0 ? [`--LL=${lastLevelBytes},16,64`] : [])] : []),
        `--callgrind-out-file=${out}`,
        process.execPath,
        "--log-code",
        "--log-source-position",
        `--logfile=${log}`,
        "--no-logfile-per-isolate",
        // Code must not move once logged, and one thread makes the counts repeatable.
        "--no-compact-code-space",
        "--single-threaded",
        "--import",
        "tsx",
        fileURLToPath(import.meta.url),
        "--instructions-child",
        String(users),
        String(days),
        layer,
      ],
      { encoding: "utf8", maxBuffer: 1 << 24 },
    );
    if (child.error !== undefined) return `valgrind could not be started (${child.error.message}); install it with apt-get install valgrind`;
    if (child.status !== 0) return `the profiled run failed (status ${child.status}): ${child.stderr.slice(-800)}`;
    const { codes, scripts, sfiScript } = readV8Log(log);
    const { jit, native, total, caches } = readCallgrind(out, misses ? ["DLmr", "DLmw"] : ["Ir"]);
    const starts = codes.map((code) => code.start);
    const byFunction = new Map<string, number>();
    const byLine = new Map<string, { count: number; text: string }>();
    let jitTotal = 0;
    let loader = 0;
    for (const [address, count] of jit) {
      jitTotal += count;
      const code = codes[lastAtOrBelow(starts, address)];
      if (code === undefined || address < code.start || address >= code.start + code.size) {
        byFunction.set("(unmapped JIT code)", (byFunction.get("(unmapped JIT code)") ?? 0) + count);
        continue;
      }
      if (LOADER_CODE.test(code.name)) loader += count;
      // "name file:///…/src/x.ts:1:15537" → "name src/x.ts" (the position is in the transformed code).
      const functionName = code.name.replace(/ file:\/\/\S*\/(src|bench)\/(\S+?):\d+:\d+$/, " $1/$2");
      byFunction.set(functionName, (byFunction.get(functionName) ?? 0) + count);
      const offset = address - code.start;
      let position = -1;
      let inlining = -1;
      for (let index = 0; index < code.positions.length; index += 3) {
        if ((code.positions[index] ?? 0) > offset) break;
        position = code.positions[index + 1] ?? -1;
        inlining = code.positions[index + 2] ?? -1;
      }
      let scriptId = code.script;
      if (inlining >= 0) scriptId = sfiScript.get(code.inlined[code.inlinings[inlining] ?? -1] ?? "") ?? -1;
      const script = scripts.get(scriptId);
      if (script === undefined || position < 0) continue;
      const line = lineAt(script, position);
      if (line < 1) continue;
      const key = `${script.url.replace(/^.*\/(src|bench)\//, "$1/")}:${line}`;
      const entry = byLine.get(key) ?? { count: 0, text: (script.lines[line - 1] ?? "").trim() };
      entry.count += count;
      byLine.set(key, entry);
    }
    // V8's code log, which this profile needs, writes from native code: count it apart.
    let logging = 0;
    for (const [fn, count] of native) {
      if (/LogFile|Logger|fwrite|ostream|_IO_|mem(p)?cpy/.test(fn)) logging += count;
      else if (count > total / 200) byFunction.set(`native ${fn}`, count);
    }
    const userDays = users * days;
    const rows = (entries: [string, number, string?][]) =>
      entries
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([where, count, text]): Row => ({ where, perUserDay: Number((count / userDays).toFixed(2)), share: count / (jitTotal - loader), ...(text === undefined ? {} : { text: text.slice(0, 100) }) }));
    return {
      total,
      caches,
      jit: jitTotal - loader,
      loader,
      logging,
      userDays,
      functions: rows([...byFunction].map(([where, count]) => [where, count])),
      lines: rows([...byLine].map(([where, entry]) => [where, entry.count, entry.text])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `instructions` bench (run by name only: it needs valgrind and takes minutes). */
export const instructionsBench: Bench & { readonly byNameOnly: true } = {
  description: "market model under callgrind: instructions per simulated user-day, by function and by line (needs valgrind; by name only)",
  byNameOnly: true,
  run(args: BenchArgs): void {
    const users = intOption(args, "users", 12_000);
    const days = intOption(args, "days", 40);
    const layer = stringOption(args, "layer", "full") as Layer;
    if (!LAYERS.includes(layer)) throw new Error(`bench: --layer must be one of ${LAYERS.join(", ")} (got ${layer})`);
    const top = intOption(args, "top", 30);
    const misses = args.options.get("misses") === "true";
    const lastLevelBytes = intOption(args, "ll-bytes", 0);
    const result = profile(users, days, layer, top, misses, lastLevelBytes);
    if (typeof result === "string") {
      process.stderr.write(`instructions bench: ${result}\n`);
      process.exitCode = 1;
      return;
    }
    const perUserDay = result.total / result.userDays;
    // Misses are tens a user-day: one decimal; instructions are thousands: whole numbers.
    const figure = (value: number) => (misses ? value.toFixed(1) : String(Math.round(value))).padStart(7);
    const format = (row: Row) => `${figure(row.perUserDay)} ${(100 * row.share).toFixed(1).padStart(5)}%  ${row.where}${row.text === undefined ? "" : `  ${row.text}`}`;
    const what = misses ? "last-level cache misses (data reads + writes, simulated)" : "instructions";
    report(
      args,
      {
        bench: "instructions",
        counted: misses ? "lastLevelDataMisses" : "instructions",
        users,
        days,
        layer,
        ...(misses ? { caches: result.caches } : {}),
        total: result.total,
        perUserDay: Number(perUserDay.toFixed(2)),
        jitPerUserDay: Number((result.jit / result.userDays).toFixed(2)),
        loaderPerUserDay: Number((result.loader / result.userDays).toFixed(2)),
        loggingPerUserDay: Number((result.logging / result.userDays).toFixed(2)),
        functions: result.functions,
        lines: result.lines,
      },
      [
        misses
          ? `${what}, users=${users} days=${days}${layer === "full" ? "" : ` layer=${layer}`}: ${(result.jit / result.userDays).toFixed(1)} a user-day in the JIT's code (the model's own work; the module loader's, ${(result.loader / result.userDays).toFixed(1)}, apart), ${perUserDay.toFixed(1)} in all; caches: ${result.caches.join("; ")}`
          : `instructions users=${users} days=${days}${layer === "full" ? "" : ` layer=${layer}`}: ${Math.round(result.jit / result.userDays)} a user-day in the JIT's code (the model's own work; the module loader's JIT code, ${Math.round(result.loader / result.userDays)}, apart); ${(result.total / 1e9).toFixed(2)}G in all, of which V8's code log (needed here) ${(result.logging / 1e9).toFixed(2)}G, the rest startup, compiling and the runtime`,
        "per user-day, by function:",
        ...result.functions.map(format),
        "per user-day, by line:",
        ...result.lines.map(format),
      ],
    );
  },
};

// The profiled child: runs the default scenario's first `days` days with `users` users (a layer of it: see bench/model.ts).
if (process.argv[2] === "--instructions-child" && process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const config = layerConfig(Number(process.argv[3]), (process.argv[5] ?? "full") as Layer);
  const market = new Market(config, config.seed, 1);
  market.run(Number(process.argv[4]));
  market.result();
}
