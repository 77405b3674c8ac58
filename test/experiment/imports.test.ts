import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Relative import specifiers of every .ts file directly in `folder`. */
function relativeImports(folder: string): { file: string; specifier: string }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((file) =>
      [...readFileSync(join(folder, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]*)"/g)].map((match) => ({ file, specifier: match[1] as string })),
    );
}

describe("module doors", () => {
  it("src/experiment builds on market, stats, random and its design folder only: never the CLI, scenarios or the report", () => {
    for (const { file, specifier } of relativeImports("src/experiment")) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w-]+|\.\/(design|robustness)\/index|\.\.\/(errors|market\/[\w-]+|stats\/index|random\/index))\.(js|ts)$/);
    }
  });

  it("src/experiment/robustness builds on the experiment layer, market, stats, random and the design folder only", () => {
    for (const { file, specifier } of relativeImports("src/experiment/robustness")) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w-]+|\.\.\/[\w-]+|\.\.\/design\/index|\.\.\/\.\.\/(errors|market\/[\w-]+|stats\/index|random\/index))\.(js|ts)$/);
    }
  });

  it("src/cli imports with .js endings", () => {
    for (const { file, specifier } of relativeImports("src/cli")) expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
  });
});
