import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Relative import specifiers of every .ts file directly in `folder`. */
function relativeImports(folder: string): { file: string; specifier: string }[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((file) =>
      [...readFileSync(join(folder, file), "utf8").matchAll(/from\s+"(\.[^"]*)"/g)].map((match) => ({
        file,
        specifier: match[1] as string,
      })),
    );
}

describe("module doors", () => {
  it("src/stats imports nothing of ours but ../errors.js, and every relative import ends in .js", () => {
    for (const { file, specifier } of relativeImports("src/stats")) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w]+|\.\.\/errors)\.js$/);
    }
  });

  // src/stats is itself a leaf (it imports only ../errors.js), so the design may use its quantiles; it must not reach
  // src/random: a design is a pure function of its inputs and the one random source it is handed.
  it("src/experiment/design imports only its own folder, ../../errors.js and the leaf ../../stats (not src/random)", () => {
    for (const { file, specifier } of relativeImports("src/experiment/design")) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w]+|\.\.\/\.\.\/errors|\.\.\/\.\.\/stats\/index)\.js$/);
    }
  });
});
