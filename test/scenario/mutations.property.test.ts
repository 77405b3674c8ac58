/**
 * Random mutations of the bundled scenarios: whatever a strategist (or a fuzzer) does to a
 * scenario, validateConfig returns a configuration or throws an InputError — never a TypeError,
 * a RangeError or a hang. The market engineer extends this to running the valid mutants.
 */
import { readdirSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";
import { validateConfig } from "../../src/scenario/validate.js";

type Path = (string | number)[];

const bundled = [
  ...readdirSync("scenarios").filter((name) => name.endsWith(".yaml")).map((name) => `scenarios/${name}`),
  ...readdirSync("scenarios/validation").filter((name) => name.endsWith(".yaml")).map((name) => `scenarios/validation/${name}`),
];

/** Both the merged input as written and the normalized config, so short and full files are mutated. */
const bases: unknown[] = [];

beforeAll(async () => {
  for (const file of bundled) {
    const loaded = await loadScenario(file);
    bases.push(loaded.input, loaded.config);
  }
});

function pathsOf(value: unknown, at: Path = [], into: Path[] = []): Path[] {
  into.push(at);
  if (Array.isArray(value)) value.forEach((item, index) => pathsOf(item, [...at, index], into));
  else if (typeof value === "object" && value !== null) for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...at, key], into);
  return into;
}

type Mutation =
  | { kind: "set"; value: unknown }
  | { kind: "delete" }
  | { kind: "junk"; key: string; value: unknown };

const strangeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53 + 1, -1, 0, 1, 0.5, 1.5, 1e12),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
);
const anyValue = fc.oneof(
  strangeNumber,
  fc.string({ maxLength: 12 }),
  fc.constantFrom(null, true, false, [], {}, [1, 2], { a: 1 }, "", "2022-13-45", "66购物红利"),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), value: anyValue }),
  fc.record({ kind: fc.constant("delete" as const) }),
  fc.record({ kind: fc.constant("junk" as const), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("__proto__", "constructor", "prototype", "mutliplier", "faceValue")), value: anyValue }),
);

function apply(root: unknown, path: Path, change: Mutation): unknown {
  if (path.length === 0) {
    if (change.kind === "set") return change.value;
    if (change.kind === "delete") return {};
  }
  let container: unknown = root;
  for (const segment of path.slice(0, -1)) container = (container as Record<string | number, unknown>)[segment];
  const last = path[path.length - 1];
  const target = last === undefined ? container : (container as Record<string | number, unknown>)[last];
  if (change.kind === "junk") {
    // Junk keys go on mappings only: a list with an own "constructor" breaks the harness's splice.
    if (typeof target === "object" && target !== null && !Array.isArray(target)) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
    return root;
  }
  const record = container as Record<string | number, unknown>;
  if (last === undefined) return root;
  if (change.kind === "delete") {
    if (Array.isArray(record)) record.splice(last as number, 1);
    else delete record[last];
  } else record[last] = change.value;
  return root;
}

describe("mutated scenarios", () => {
  it("validateConfig returns a config or throws InputError for 2,000 random mutations of the bundled scenarios", () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 3 }), (baseIndex, changes) => {
        let mutant: unknown = structuredClone(bases[baseIndex % bases.length]);
        for (const [pathIndex, change] of changes) {
          const paths = pathsOf(mutant);
          mutant = apply(mutant, paths[pathIndex % paths.length]!, change);
        }
        try {
          validateConfig(mutant, "mutant");
          valid++;
        } catch (error) {
          if (!(error instanceof InputError)) throw error;
          expect(error.problems.length).toBeGreaterThan(0);
          for (const line of error.problems) expect(line.startsWith("mutant: ")).toBe(true);
        }
      }),
      { numRuns: 2_000, seed: 116 },
    );
    // Some mutants stay valid (a new in-range number): the property is not vacuous on either side.
    expect(valid).toBeGreaterThan(0);
    expect(valid).toBeLessThan(2_000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
