import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Simulation tests are CPU-bound; two workers match the 2-core machines we run on.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
