import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledWorker } from "../../src/experiment/worker-bundle.js";

describe("the pool's worker bundles", () => {
  it("bundle the worker body and the market model, and are reused while their inputs are unchanged", async () => {
    const module = new URL("../../src/market/simulation.ts", import.meta.url).href;
    const first = await bundledWorker(module);
    expect(first).toBeDefined();
    expect(existsSync(fileURLToPath(first!.entry))).toBe(true);
    const loaded = (await import(first!.simulateModuleUrl)) as { simulate?: unknown };
    expect(typeof loaded.simulate).toBe("function");
    expect(await bundledWorker(module)).toEqual(first);
  });

  it("are not used for a module that is not a file", async () => {
    expect(await bundledWorker("data:text/javascript,export const simulate = () => 0")).toBeUndefined();
  });
});
