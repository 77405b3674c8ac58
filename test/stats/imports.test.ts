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

  it("src/experiment/design imports only its own folder and ../../errors.js (not src/random)", () => {
    for (const { file, specifier } of relativeImports("src/experiment/design")) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(\.\/[\w]+|\.\.\/\.\.\/errors)\.js$/);
    }
  });
});
