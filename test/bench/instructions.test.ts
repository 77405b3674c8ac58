import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeMappings, lineAt, LOADER_CODE, readCallgrind, scriptOf, unescapeLog } from "../../bench/instructions.js";

describe("instructions bench: reading V8's code log", () => {
  it("undoes the log's escapes", () => {
    expect(unescapeLog("a\\x2Cb\\nc\\\\d\\u00e9")).toBe("a,b\nc\\dé");
  });

  it("decodes source-map mappings into (generated column, original line) pairs", () => {
    // Line 1: column 0 → original line 1. Line 2: column 0 → line 2, column 2 → line 2 (col 2), column 7 → line 5.
    expect(decodeMappings("AAAA;AACA,EAAE,KAGC")).toEqual([
      [0, 1],
      [0, 2, 2, 2, 7, 5],
    ]);
  });

  it("maps a position in transformed code back to the original line through an inline map", () => {
    const map = { version: 3, sources: ["x.ts"], sourcesContent: ["one\ntwo\nthree\nfour\nfive"], mappings: "AAAA;AACA,EAAE,KAGC" };
    const source = `abcdefghij\nklmnopqrst\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString("base64")}`;
    const script = scriptOf("file:///x.ts", source);
    expect(lineAt(script, 3)).toBe(1); // line 1 of the generated code
    expect(lineAt(script, 11 + 1)).toBe(2); // generated line 2, column 1
    expect(lineAt(script, 11 + 8)).toBe(5); // generated line 2, column 8 ≥ 7
    expect(script.lines[4]).toBe("five");
  });

  it("falls back to the lines V8 ran when there is no map", () => {
    const script = scriptOf("file:///y.js", "a\nbb\nccc");
    expect(lineAt(script, 0)).toBe(1);
    expect(lineAt(script, 5)).toBe(3);
  });
});

describe("instructions bench: reading callgrind's output", () => {
  // JIT code has no object file ("???"); a native function is named once and then by number.
  const output = [
    "desc: I1 cache: 32768 B, 64 B, 8-way associative",
    "desc: LL cache: 2097152 B, 64 B, 16-way associative",
    "events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw",
    "ob=(1) ???",
    "fn=(1) 0x0000000004000000",
    "0x4000010 0 10 3 1 0 1 0 0 2 1",
    "+4 0 5",
    "cob=(2) /usr/bin/node",
    "cfn=(2) v8::Heap::Scavenge()",
    "calls=1 0x55 0",
    "+2 0 1000 9 9 9 9 9 9 9 9",
    "ob=(2)",
    "fn=(2)",
    "0x55 0 7 0 0 0 0 0 0 3",
    "",
  ].join("\n");

  it("sums the chosen events by JIT address and by native function, skipping a call's inclusive cost", () => {
    const dir = mkdtempSync(join(tmpdir(), "funnelsim-callgrind-test-"));
    try {
      const path = join(dir, "callgrind.out");
      writeFileSync(path, output);
      const instructions = readCallgrind(path, ["Ir"]);
      expect([...instructions.jit]).toEqual([
        [0x4000010, 10],
        [0x4000014, 5],
      ]);
      expect([...instructions.native]).toEqual([["v8::Heap::Scavenge()", 7]]);
      expect(instructions.total).toBe(22);
      expect(instructions.caches).toEqual(["I1 cache: 32768 B, 64 B, 8-way associative", "LL cache: 2097152 B, 64 B, 16-way associative"]);
      // Last-level misses: trailing zeros left out count as 0; lines without any are skipped.
      const misses = readCallgrind(path, ["DLmr", "DLmw"]);
      expect([...misses.jit]).toEqual([[0x4000010, 3]]);
      expect([...misses.native]).toEqual([["v8::Heap::Scavenge()", 3]]);
      expect(misses.total).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("instructions bench: what the headline counts", () => {
  it("sets the module loader's JIT code apart and keeps the model's, dependencies included", () => {
    const loader = [
      "c file:///work/main/node_modules/tsx/dist/lexer-CanA6ArK.mjs:3:642",
      "lineLengths node:internal/source_map/source_map_cache:234:21",
      "parseSource node:internal/deps/cjs-module-lexer/lexer:85:22",
      "wasm-function[20]",
    ];
    const model = [
      "session file:///work/main/src/market/simulation.ts:12:3400",
      "Alea.me.next /work/main/node_modules/seedrandom/lib/alea.js:33:21",
      "(unmapped JIT code)",
    ];
    expect(loader.filter((name) => LOADER_CODE.test(name))).toEqual(loader);
    expect(model.filter((name) => LOADER_CODE.test(name))).toEqual([]);
  });
});
