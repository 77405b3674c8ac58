import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const folder = fileURLToPath(new URL("../../src/random/", import.meta.url));

describe("random/ dependencies", () => {
  it("imports only its own files, ../errors.js, seedrandom and node built-ins", () => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(folder + file, "utf8");
      for (const match of source.matchAll(/\bfrom\s+["']([^"']+)["']/g)) {
        const target = match[1] as string;
        const allowed = /^\.\/[\w-]+\.js$/.test(target) || target === "../errors.js" || target === "seedrandom";
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it("never touches Math.random or seedrandom's global mode", () => {
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(folder + file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect(source, file).not.toMatch(/Math\.random|global\s*:\s*true/);
    }
  });
});
