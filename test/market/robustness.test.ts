/**
 * Hostile and extreme scenarios against the whole model: mutated scenarios give a validation
 * error or a finite result, never a crash; extreme but valid scenarios write output files with no
 * NaN or Infinity anywhere.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli/app.js";
import { InputError } from "../../src/errors.js";
import { inProcessRunner } from "../../src/experiment/runner.js";
import { KPIS, simulate } from "../../src/market/index.js";
import { scenarioJsonSchema } from "../../src/scenario/schema.js";
import { validateConfig } from "../../src/scenario/index.js";

/** A scenario small enough to run thousands of times: 20 users, 3 merchants, 12 days. */
const TINY = {
  population: { users: 20 },
  merchants: { count: 3 },
  calendar: { burnInDays: 0, festivalDays: 10, warmupDays: 2, tailDays: 2, peakDays: [] },
  levers: {
    boost: { endDay: 9 },
    launches: { firstDay: 0, lastDay: 9, cadenceDays: 3 },
    coupons: [{ name: "c", faceValue: 5, threshold: 0, distribution: "allUsers", claimRate: 0.5, validityDays: 2, startDay: 0, endDay: 9 }],
  },
} as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a leaf (number, string, boolean) of a plain JSON value. */
function leafPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leafPaths(item, [...prefix, index]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
  return [prefix];
}

function setPath(root: Json, path: readonly (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(root);
  let node: Json = copy;
  for (let index = 0; index < path.length - 1; index++) {
    const key = path[index] as string | number;
    node = (node as Record<string | number, Json>)[key] as Json;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete (node as Record<string | number, Json>)[last];
  else (node as Record<string | number, Json>)[last] = value;
  return copy;
}

/** Sizes that would make a mutant too slow for a unit test (they are validated, not run). */
function tooLargeToRun(config: ReturnType<typeof validateConfig>): boolean {
  const days = config.calendar.burnInDays + config.calendar.leadDays + config.calendar.festivalDays + config.calendar.tailDays;
  const products = Object.values(config.merchants.types).reduce((most, type) => Math.max(most, type.productsAtStart), 0);
  return config.population.users * days > 20_000 || config.merchants.count * products > 2_000 || config.merchants.count > 200;
}

describe("mutated scenarios", () => {
  const base = JSON.parse(JSON.stringify(validateConfig(TINY, "tiny.yaml"))) as Json;
  const paths = leafPaths(base);
  const value: fc.Arbitrary<Json | undefined> = fc.oneof(
    fc.constantFrom<Json | undefined>(0, 1, -1, 0.5, 2, 1e9, -1e9, 1e308, Number.NaN, Number.POSITIVE_INFINITY, "", "x", "2022-11-11", true, null, [], {}, undefined),
    fc.double(),
    fc.integer({ min: -5, max: 50 }),
    fc.string({ maxLength: 5 }),
  );
  const runs = Number(process.env.FUNNELSIM_MUTANTS ?? 10_000);

  it(`${runs} mutated scenarios give a validation error or a finite result, never another exception`, () => {
    let ran = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: paths.length - 1 }), value), { minLength: 1, maxLength: 3 }), fc.boolean(), (mutations, junk) => {
        let mutant = base;
        for (const [index, replacement] of mutations) mutant = setPath(mutant, paths[index] ?? [], replacement);
        if (junk) mutant = setPath(mutant, ["levers", "boost", "multipler"], 2);
        let config;
        try {
          config = validateConfig(mutant, "mutant.yaml");
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const line of error.problems) expect(line.startsWith("mutant.yaml: ")).toBe(true);
          refused++;
          return;
        }
        if (tooLargeToRun(config)) return;
        const result = simulate(config, { replication: 0 });
        ran++;
        for (const kpi of KPIS) expect(Number.isFinite(result.kpis[kpi]), kpi).toBe(true);
      }),
      { numRuns: runs, seed: 116 },
    );
    // Both outcomes really happen: the generator is not all valid or all broken.
    expect(ran).toBeGreaterThan(runs / 40);
    expect(refused).toBeGreaterThan(runs / 40);
  });
});

describe("extreme but valid scenarios", () => {
  const folder = mkdtempSync(join(tmpdir(), "funnelsim-extreme-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** Sets every probability-valued field (JSON Schema minimum 0, maximum 1) of a config to `value`. */
  function everyProbability(config: Json, value: 0 | 1): Json {
    const schema = scenarioJsonSchema() as Record<string, unknown>;
    // Shares are weights that must not all be zero, not probabilities of an event: left alone.
    const visit = (node: Json, schemaNode: Record<string, unknown> | undefined, key: string): Json => {
      if (schemaNode === undefined) return node;
      if (typeof node === "number" && schemaNode.minimum === 0 && schemaNode.maximum === 1 && key !== "share") return value;
      if (Array.isArray(node)) return node.map((item) => visit(item, schemaNode.items as Record<string, unknown> | undefined, key));
      if (node !== null && typeof node === "object") {
        const properties = (schemaNode.properties ?? {}) as Record<string, Record<string, unknown>>;
        return Object.fromEntries(Object.entries(node).map(([name, item]) => [name, visit(item, properties[name], name)]));
      }
      return node;
    };
    return visit(config, schema, "");
  }

  const tiny = JSON.parse(JSON.stringify(validateConfig(TINY, "tiny.yaml"))) as Record<string, Json>;
  const cases: Record<string, Json> = {
    "one user, one merchant, no coupons": { ...tiny, population: { ...(tiny.population as object), users: 1 }, merchants: { ...(tiny.merchants as object), count: 1 }, levers: { ...(tiny.levers as object), coupons: [] } },
    "every probability 0": everyProbability(tiny, 0),
    "every probability 1": everyProbability(tiny, 1),
  };

  for (const [name, scenario] of Object.entries(cases)) {
    it(`${name}: every output file is free of NaN and Infinity`, async () => {
      const config = validateConfig(scenario, "extreme.yaml");
      const file = join(folder, `${name.replace(/[^a-z0-9]+/gi, "-")}.yaml`);
      writeFileSync(file, stringify({ ...JSON.parse(JSON.stringify(config)), $schema: undefined }));
      const out = `${file}.out`;
      let stderr = "";
      const code = await main(["run", file, "--reps", "2", "--out", out, "--quiet"], {
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
        },
        env: {},
        runner: inProcessRunner(simulate),
        defaultWorkers: 1,
      });
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const files: string[] = [];
      const walk = (dir: string) => {
        for (const entry of readdirSync(dir)) {
          const path = join(dir, entry);
          if (statSync(path).isDirectory()) walk(path);
          else files.push(path);
        }
      };
      walk(out);
      expect(files.some((path) => path.endsWith("summary.json"))).toBe(true);
      for (const path of files.filter((path) => /\.(json|csv|html|svg)$/.test(path))) {
        const text = readFileSync(path, "utf8");
        expect(/\bNaN\b|\bInfinity\b/.test(text), `${path} holds NaN or Infinity`).toBe(false);
      }
    });
  }
});
