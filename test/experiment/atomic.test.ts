import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { removeTemporaryFiles, temporaryPath, temporaryTarget, writeFileAtomic } from "../../src/experiment/atomic.js";
import { canonicalJson, compactJson, csvField, formatNumber, prettyJson } from "../../src/experiment/format.js";
import { temporaryFolder } from "./helpers.js";

describe("writeFileAtomic", () => {
  it("replaces the file whole and leaves no temporary file", () => {
    const folder = temporaryFolder();
    const target = join(folder, "out", "summary.json");
    writeFileAtomic(target, "old\n");
    writeFileAtomic(target, "new\n");
    expect(readFileSync(target, "utf8")).toBe("new\n");
    expect(readdirSync(join(folder, "out"))).toEqual(["summary.json"]);
  });

  it("writes beside the target under a hidden .tmp name, so the rename stays on one file system", () => {
    const path = temporaryPath("/a/b/daily.csv");
    expect(path).toMatch(/^\/a\/b\/\.daily\.csv\.\d+\.\d+\.tmp$/);
    expect(temporaryTarget(path)).toBe("/a/b/daily.csv");
    expect(temporaryTarget("/a/b/.hidden.tmp")).toBeUndefined();
  });

  it("leaves the previous file whole when the writer is killed mid-write", async () => {
    const folder = temporaryFolder();
    const target = join(folder, "daily.csv");
    const old = "old contents\n".repeat(1000);
    writeFileSync(target, old);
    // A child writes ~100 MB atomically, over and over, and is killed with SIGKILL part-way.
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(new URL("../../src/experiment/atomic.ts", import.meta.url).pathname)};
      const text = "x".repeat(100 * 1024 * 1024);
      process.stdout.write("ready\\n");
      for (;;) writeFileAtomic(${JSON.stringify(target)}, text);
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const text = readFileSync(target, "utf8");
    // Either the old file or a complete new one: never a torn mix.
    expect(text === old || text.length === 100 * 1024 * 1024).toBe(true);
    // The killed writer may leave its temporary file; the next run clears it.
    removeTemporaryFiles(folder);
    expect(readdirSync(folder)).toEqual(["daily.csv"]);
  }, 30_000);
});

describe("deterministic number formatting", () => {
  it("writes -0 as 0 and NaN or Infinity as an empty CSV field or JSON null", () => {
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(Number.NaN)).toBe("");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("");
    expect(formatNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(prettyJson({ a: -0, b: Number.NaN, c: [Number.NEGATIVE_INFINITY] })).toBe('{\n  "a": 0,\n  "b": null,\n  "c": [\n    null\n  ]\n}\n');
    // Compact and canonical forms follow the same rules, nested at any depth.
    expect(compactJson({ a: [-0, Number.POSITIVE_INFINITY, { b: Number.NaN, c: 1.5 }] })).toBe('{"a":[0,null,{"b":null,"c":1.5}]}\n');
    expect(canonicalJson({ z: -0, a: [Number.NaN] })).toBe('{"a":[null],"z":0}');
  });

  it("quotes CSV fields holding commas, quotes or line breaks", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "x"')).toBe('"say ""x"""');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
    expect(csvField(true)).toBe("true");
  });

  it("hashes configurations independently of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
  });
});
