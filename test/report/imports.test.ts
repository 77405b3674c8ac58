import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Every .ts file under a folder, recursively. */
function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith(".ts") ? [path] : [];
  });
}

describe("report module doors", () => {
  // experiment/atomic.ts is a leaf (node:fs only): the one atomic writer, shared rather than copied.
  it("src/report reads result rows only: no engine, no market beyond result.ts, no experiment but its atomic writer, no scenario; relative imports end in .js", () => {
    for (const file of files("src/report")) {
      for (const match of readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]*)"/g)) {
        const specifier = match[1] as string;
        const target = relative("src", join(file, "..", specifier));
        expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
        expect(target, `${file} imports ${specifier}`).toMatch(/^(report\/|errors\.js$|stats\/index\.js$|market\/result\.js$|experiment\/atomic\.js$)/);
      }
    }
  });
});
