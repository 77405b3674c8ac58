import { describe, expect, it } from "vitest";
import { decodeMappings, lineAt, scriptOf, unescapeLog } from "../../bench/instructions.js";

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
