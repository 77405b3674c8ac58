/**
 * A table of broken and hostile scenario files, each with the exact problem lines it must
 * produce. `F` in an expected line stands for the file's path; `D` for its directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InputError } from "../../src/errors.js";
import { loadScenario } from "../../src/scenario/load.js";

interface BadCase {
  /** The rule the case checks; the test title. */
  readonly rule: string;
  readonly file?: string;
  readonly content: string | Uint8Array;
  /** Other files the case needs, by name in the same directory. */
  readonly extra?: Record<string, string>;
  readonly expected: readonly string[];
}

const deepYamlBlock = Array.from({ length: 70 }, (_, depth) => `${"  ".repeat(depth)}a:`).join("\n") + " 1\n";
const aliasBomb = [
  'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]",
].join("\n");
const bigFile = `description: "${"x".repeat(300 * 1024)}"\n`;

const cases: readonly BadCase[] = [
  // The file as a whole
  { rule: "an empty file is rejected", content: "", expected: ["F: file is empty (a scenario needs at least one setting, e.g. extends: ./baseline.yaml)"] },
  { rule: "a file of blank lines is empty", content: "\n  \n\n", expected: ["F: file is empty (a scenario needs at least one setting, e.g. extends: ./baseline.yaml)"] },
  { rule: "a file of comments only has no settings", content: "# nothing here\n", expected: ["F: has no settings, only comments (a scenario needs at least one setting)"] },
  { rule: "a binary file (NUL bytes) is rejected", content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), expected: ["F: is a binary file, not a scenario (it contains NUL bytes)"] },
  { rule: "a file that is not UTF-8 is rejected", content: new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x74, 0xe9]), expected: ["F: is not UTF-8 text (save the scenario as UTF-8)"] },
  { rule: "a file over the size limit is rejected before parsing", content: bigFile, expected: [`F: file is too large (${bigFile.length} bytes; the limit is 262144 bytes)`] },
  { rule: "an unsupported extension is rejected", file: "scenario.txt", content: "name: x\n", expected: ['F: unsupported file type ".txt": write the scenario as .yaml, .yml or .json'] },
  { rule: "a top level that is a list is rejected", content: "- 1\n- 2\n", expected: ["F: the top level must be a mapping of settings (key: value), not a list"] },
  { rule: "a top level that is a single value is rejected", content: "hello\n", expected: ["F: the top level must be a mapping of settings (key: value), not a single value"] },
  { rule: "a trailing comma in JSON is a syntax error with its position", file: "comma.json", content: '{"seed": 1,}', expected: ["F:1:12: invalid JSON: Expected double-quoted property name"] },
  { rule: "a JSON top level that is a list is rejected", file: "list.json", content: "[1, 2]", expected: ["F: the top level must be a mapping of settings (key: value), not a list"] },

  // Syntax
  { rule: "a YAML syntax error names line and column", content: "name: x\nlevers:\n  coupons: [1, 2\nseed: 3\n", expected: ["F:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]"] },
  { rule: "tabs as YAML indentation are a syntax error with its position", content: "levers:\n\tboost: 1\n", expected: ["F:2:1: Tabs are not allowed as indentation"] },
  { rule: "a duplicated key is a syntax error with its position", content: "seed: 1\nseed: 2\n", expected: ["F:2:1: Map keys must be unique"] },
  { rule: "several YAML documents in one file are rejected", content: "seed: 1\n---\nseed: 2\n", expected: ["F:2:1: Source contains multiple documents; please use YAML.parseAllDocuments()"] },
  { rule: "a JSON syntax error names line and column", file: "broken.json", content: '{\n  "seed": 1,\n  "name": }\n', expected: ["F:3:11: invalid JSON: Unexpected token '}'"] },
  { rule: "a duplicated key in JSON is refused with its position, as in YAML", file: "twice.json", content: '{\n  "replications": 3,\n  "replications": 4\n}\n', expected: ['F:3:3: duplicate key "replications" (keys must be unique)'] },
  {
    rule: "every duplicated JSON key is reported, nested or escaped",
    file: "twice-nested.json",
    content: '{"levers": {"boost": {"multiplier": 1, "multiplier": 2}},\n "seed": 1, "se\\u0065d": 2}',
    expected: ['F:1:40: duplicate key "multiplier" (keys must be unique)', 'F:2:13: duplicate key "seed" (keys must be unique)'],
  },
  { rule: "an alias without an anchor names the alias and its position", content: "levers:\n  boost:\n    multiplier: *a\n", expected: ["F:3:17: alias *a refers to an unknown anchor (no &a before it)"] },
  { rule: "an alias before its anchor is unknown too", content: "seed: *s\nreplications: &s 3\n", expected: ["F:1:7: alias *s refers to an unknown anchor (no &s before it)"] },
  { rule: "a key that is a list is a problem with its position", content: "? [a, b]\n: 1\n", expected: ["F:1:3: a key must be a single value, not a list or mapping"] },
  { rule: "a key that is an alias of a mapping is a problem too", content: "a: &m {x: 1}\n? *m\n: 2\n", expected: ["F:2:3: a key must be a single value, not a list or mapping"] },

  // Hostile input
  { rule: "a YAML alias bomb is refused", content: aliasBomb, expected: ["F: too many alias expansions (a YAML alias bomb?); write the values out"] },
  { rule: "YAML flow nesting deeper than 64 levels is refused before parsing", content: `seed: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`, expected: ["F: nested deeper than 64 levels"] },
  { rule: "JSON nesting deeper than 64 levels is refused before parsing", file: "deep.json", content: `{"seed": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`, expected: ["F:1:73: nested deeper than 64 levels"] },
  { rule: "YAML block nesting deeper than 64 levels is refused", content: deepYamlBlock, expected: ["F: a.a.a: nested deeper than 64 levels", "F: a: unknown key"] },
  { rule: "a __proto__ key is rejected", content: "__proto__:\n  polluted: true\n", expected: ['F: __proto__: forbidden key (it could change how every object behaves) (got {"polluted":true})'] },
  { rule: "a nested constructor key is rejected", content: "levers:\n  constructor:\n    prototype: 1\n", expected: ['F: levers.constructor: forbidden key (it could change how every object behaves) (got {"prototype":1})'] },
  { rule: "a prototype key is rejected", content: "prototype: 1\n", expected: ["F: prototype: forbidden key (it could change how every object behaves) (got 1)"] },
  { rule: "a __proto__ key in JSON is rejected", file: "proto.json", content: '{"__proto__": {"polluted": true}}', expected: ['F: __proto__: forbidden key (it could change how every object behaves) (got {"polluted":true})'] },

  // Numbers
  { rule: "NaN is not a number a model can use", content: "levers:\n  boost:\n    multiplier: .nan\n", expected: ["F: levers.boost.multiplier: must be a finite number (got NaN)"] },
  { rule: "infinity is not a finite number", content: "population:\n  realUsers: .inf\n", expected: ["F: population.realUsers: must be a finite number (got Infinity)"] },
  { rule: "minus infinity is not a finite number", content: "funnel:\n  priceElasticity: -.inf\n", expected: ["F: funnel.priceElasticity: must be a finite number (got -Infinity)"] },
  { rule: "a number too large for a double is infinity", content: "population:\n  realUsers: 1e400\n", expected: ["F: population.realUsers: must be a finite number (got Infinity)"] },
  { rule: "a huge user count is above the maximum", content: "population:\n  users: 1e12\n", expected: ["F: population.users: must be <= 50000000 (got 1000000000000)"] },
  { rule: "a whole number beyond 2^53 reports the schema's bound, not zod's", content: "population:\n  users: 1e20\n", expected: ["F: population.users: must be <= 50000000 (got 100000000000000000000)"] },
  { rule: "a negative face value must be > 0", content: "levers:\n  coupons:\n    - faceValue: -6\n", expected: ["F: levers.coupons[0].faceValue: must be > 0 (got -6)"] },
  { rule: "a negative rate must be >= 0", content: "population:\n  segments:\n    - name: a\n      sessionsPerDay: -1\n", expected: ["F: population.segments[0].sessionsPerDay: must be >= 0 (got -1)"] },
  { rule: "a price elasticity above 0 must be <= 0", content: "funnel:\n  priceElasticity: 0.5\n", expected: ["F: funnel.priceElasticity: must be <= 0 (got 0.5)"] },
  { rule: "a probability above 1 must be <= 1", content: "levers:\n  coupons:\n    - claimRate: 1.5\n", expected: ["F: levers.coupons[0].claimRate: must be <= 1 (got 1.5)"] },
  { rule: "a negative probability must be >= 0", content: "funnel:\n  cartRate: -0.1\n", expected: ["F: funnel.cartRate: must be >= 0 (got -0.1)"] },
  { rule: "a fractional count must be a whole number", content: "replications: 2.5\n", expected: ["F: replications: must be a whole number (got 2.5)"] },
  { rule: "zero replications must be >= 1", content: "replications: 0\n", expected: ["F: replications: must be >= 1 (got 0)"] },

  // Types
  { rule: "a quoted number is a string, not a number", content: "levers:\n  coupons:\n    - faceValue: \"6\"\n", expected: ['F: levers.coupons[0].faceValue: must be a number (got "6")'] },
  { rule: "text where a number belongs must be a number", content: "levers:\n  boost:\n    multiplier: abc\n", expected: ['F: levers.boost.multiplier: must be a number (got "abc")'] },
  { rule: "a non-boolean must be true or false", content: "funnel:\n  repeatPurchase: yes\n", expected: ['F: funnel.repeatPurchase: must be true or false (got "yes")'] },
  { rule: "a section that is a number must be a mapping", content: "levers: 5\n", expected: ["F: levers: must be a mapping (got 5)"] },
  { rule: "a list written as a mapping must be a list", content: "levers:\n  coupons:\n    faceValue: 6\n", expected: ['F: levers.coupons: must be a list (got {"faceValue":6})'] },
  { rule: "a null section must be a mapping", content: "funnel:\n", expected: ["F: funnel: must be a mapping (got null)"] },
  { rule: "an enum value must be one of the allowed values", content: "levers:\n  boost:\n    policy: random\n", expected: ['F: levers.boost.policy: must be one of "proportional", "newLaunchFirst", "registeredOnly" (got "random")'] },
  { rule: "a seed must be a string or a whole number", content: "seed: 2.5\n", expected: ["F: seed: must be a string or a whole number (got 2.5)"] },
  { rule: "a segment without a name is missing a required field", content: "population:\n  segments:\n    - share: 1\n", expected: ["F: population.segments[0].name: is required (got nothing)"] },
  { rule: "an empty name must not be empty", content: 'name: ""\n', expected: ['F: name: must not be empty (got "")'] },
  { rule: "a list that needs an entry must not be empty", content: "categories: []\n", expected: ["F: categories: must have at least 1 item (got [])"] },
  { rule: "the hourly profile must have exactly 24 weights", content: "calendar:\n  hourlyProfile: [1, 2]\n", expected: ["F: calendar.hourlyProfile: must have exactly 24 items (got [1,2])"] },
  { rule: "a date must be written YYYY-MM-DD", content: 'calendar:\n  festivalStart: "28/09/2022"\n', expected: ['F: calendar.festivalStart: must be a date written YYYY-MM-DD (got "28/09/2022")'] },
  { rule: "a long value is cut to about 60 characters", content: `name: 5\ndescription: [${Array.from({ length: 40 }, (_, i) => i).join(", ")}]\n`, expected: ["F: name: must be a string (got 5)", "F: description: must be a string (got [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22…)"] },

  // Unknown keys
  { rule: "an unknown key close to a valid one suggests it", content: "levers:\n  boost:\n    mutliplier: 2\n", expected: ['F: levers.boost.mutliplier: unknown key (did you mean "multiplier"?)'] },
  { rule: "an unknown key far from every valid one is just unknown", content: "levers:\n  boost:\n    zzz: 2\n", expected: ["F: levers.boost.zzz: unknown key"] },
  { rule: "an unknown top-level key suggests the valid one", content: "replication: 5\n", expected: ['F: replication: unknown key (did you mean "replications"?)'] },
  { rule: "an unknown key in a list entry suggests by case-insensitive distance", content: "levers:\n  coupons:\n    - facevalue: 6\n", expected: ['F: levers.coupons[0].facevalue: unknown key (did you mean "faceValue"?)'] },
  { rule: "a key that is not an identifier is quoted in the path", content: "levers:\n  boost:\n    \"multi plier\": 2\n", expected: ['F: levers.boost["multi plier"]: unknown key (did you mean "multiplier"?)'] },

  // Rules across fields (the schema's superRefine)
  { rule: "a boost window must not end before it starts", content: "levers:\n  boost:\n    startDay: 10\n    endDay: 5\n", expected: ["F: levers.boost.endDay: must not be before startDay 10 (got 5)"] },
  { rule: "a coupon window must lie in the simulated days", content: "levers:\n  coupons:\n    - startDay: -5\n", expected: ["F: levers.coupons[0].startDay: must lie in the simulated days 0..65 (got -5)"] },
  { rule: "launches must not end before they start", content: "levers:\n  launches:\n    firstDay: 10\n    lastDay: 3\n", expected: ["F: levers.launches.lastDay: must not be before firstDay 10 (got 3)"] },
  { rule: "the warm-up must not outlast the festival", content: "calendar:\n  warmupDays: 50\n", expected: ["F: calendar.warmupDays: must not exceed festivalDays 45 (got 50)"] },
  { rule: "segment names must be unique", content: "population:\n  segments:\n    - name: a\n    - name: a\n", expected: ['F: population.segments[1].name: must be unique (got "a")'] },
  { rule: "segment shares must sum to more than 0", content: "population:\n  segments:\n    - name: a\n      share: 0\n", expected: ["F: population.segments: segment shares must sum to more than 0 (got 0)"] },
  { rule: "a peak day must lie in the simulated days", content: "calendar:\n  peakDays:\n    - date: \"2023-06-18\"\n", expected: ['F: calendar.peakDays[0].date: must lie in the simulated days (0..65 from festivalStart) (got "2023-06-18")'] },

  // Every problem at once
  {
    rule: "a value of the wrong type does not hide the rules across fields",
    content: "calendar:\n  warmupDays: 100\nlevers:\n  boost:\n    startDay: 70\n  coupons:\n    - faceValue: ten\n      startDay: 10\n      endDay: 5\n",
    expected: [
      'F: levers.coupons[0].faceValue: must be a number (got "ten")',
      "F: levers.boost.endDay: must not be before startDay 70 (got 44)",
      "F: levers.boost.startDay: must lie in the simulated days 0..65 (got 70)",
      "F: levers.coupons[0].endDay: must not be before startDay 10 (got 5)",
      "F: calendar.warmupDays: must not exceed festivalDays 45 (got 100)",
    ],
  },
  { rule: "a rule across fields skips a field that failed its own check", content: "levers:\n  boost:\n    startDay: x\n    endDay: -5\n", expected: ['F: levers.boost.startDay: must be a number (got "x")', "F: levers.boost.endDay: must lie in the simulated days 0..65 (got -5)"] },
  { rule: "an impossible festivalStart does not also misplace the default peak days", content: 'calendar:\n  festivalStart: "2022-02-30"\n', expected: ['F: calendar.festivalStart: must be a real calendar date (got "2022-02-30")'] },
  { rule: "a file with three mistakes reports three lines", content: "replications: -1\nlevers:\n  boost:\n    mutliplier: 2\n  coupons:\n    - faceValue: -6\n", expected: ["F: replications: must be >= 1 (got -1)", 'F: levers.boost.mutliplier: unknown key (did you mean "multiplier"?)', "F: levers.coupons[0].faceValue: must be > 0 (got -6)"] },
  { rule: "a forbidden key and a bad value are both reported", content: "__proto__: 1\nseed: null\n", expected: ["F: __proto__: forbidden key (it could change how every object behaves) (got 1)", "F: seed: must be a string or a number (got null)"] },

  // extends
  { rule: "an extends cycle is shown as a chain", file: "a.yaml", content: "extends: ./b.yaml\n", extra: { "b.yaml": "extends: ./a.yaml\n" }, expected: ['D/b.yaml: extends: cycle: F → D/b.yaml → D/a.yaml (got "./a.yaml")'] },
  { rule: "a file that extends itself is a cycle", file: "self.yaml", content: "extends: ./self.yaml\n", expected: ['F: extends: cycle: F → D/self.yaml (got "./self.yaml")'] },
  { rule: "a missing parent is named", content: "extends: ./missing.yaml\n", expected: ['F: extends: parent scenario not found: D/missing.yaml (got "./missing.yaml")'] },
  { rule: "extends must be a path", content: "extends: 5\n", expected: ["F: extends: must be the path of a parent scenario, relative to this file (got 5)"] },
  { rule: "a problem in a parent's value names the parent", file: "child.yaml", content: "extends: ./parent.yaml\nseed: 1\n", extra: { "parent.yaml": "funnel:\n  cartRate: 2\n" }, expected: ["D/parent.yaml: funnel.cartRate: must be <= 1 (got 2)"] },
  { rule: "a parent's value in a mapping the child also sets names the parent", file: "child3.yaml", content: "extends: ./parent3.yaml\npopulation:\n  users: 100\n", extra: { "parent3.yaml": "population:\n  realUsers: -5\n" }, expected: ["D/parent3.yaml: population.realUsers: must be > 0 (got -5)"] },
  {
    rule: "a default made wrong by a parent's field names that parent",
    file: "child4.yaml",
    content: "extends: ./short.yaml\nlevers:\n  coupons:\n    - faceValue: 5\n",
    extra: { "short.yaml": "calendar:\n  festivalDays: 10\n" },
    expected: [
      "D/short.yaml: levers.boost.endDay: must lie in the simulated days 0..30 (got 44)",
      "D/short.yaml: levers.coupons[0].endDay: must lie in the simulated days 0..30 (got 44)",
      'D/short.yaml: calendar.peakDays[0].date: must lie in the simulated days (0..30 from festivalStart) (got "2022-11-10")',
      'D/short.yaml: calendar.peakDays[1].date: must lie in the simulated days (0..30 from festivalStart) (got "2022-11-11")',
    ],
  },
  { rule: "a parent that cannot be parsed stops the load with its own position", file: "child2.yaml", content: "extends: ./broken.yaml\n", extra: { "broken.yaml": "seed: 1\nseed: 2\n" }, expected: ["D/broken.yaml:2:1: Map keys must be unique"] },
];

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "funnelsim-bad-"));
});
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function problemsOf(load: () => Promise<unknown>): Promise<readonly string[]> {
  try {
    await load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error("expected an InputError, but the scenario loaded");
}

describe("bad scenario files", () => {
  it("the table holds at least 45 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(45);
  });

  it.each(cases.map((item, index) => ({ ...item, index })))("$rule", async ({ file, content, extra, expected, index }) => {
    const caseDirectory = path.join(directory, String(index));
    mkdirSync(caseDirectory);
    const target = path.join(caseDirectory, file ?? "scenario.yaml");
    writeFileSync(target, content);
    for (const [name, text] of Object.entries(extra ?? {})) writeFileSync(path.join(caseDirectory, name), text);
    const problems = await problemsOf(() => loadScenario(target));
    expect(problems).toEqual(expected.map((line) => line.replaceAll("D/", `${caseDirectory}/`).replace(/^F\b|(?<= )F\b/g, target)));
  });

  it("a directory is not a scenario file", async () => {
    const target = path.join(directory, "folder.yaml");
    mkdirSync(target);
    expect(await problemsOf(() => loadScenario(target))).toEqual([`${target}: is a directory, not a scenario file`]);
  });

  it("a missing file is reported, not thrown from fs", async () => {
    const target = path.join(directory, "nowhere.yaml");
    expect(await problemsOf(() => loadScenario(target))).toEqual([`${target}: file not found`]);
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file is reported as permission denied", async () => {
    const target = path.join(directory, "locked.yaml");
    writeFileSync(target, "seed: 1\n", { mode: 0o000 });
    expect(await problemsOf(() => loadScenario(target))).toEqual([`${target}: cannot read the file (permission denied)`]);
  });

  it("a key that is a list prints no warning of its own", async () => {
    const target = path.join(directory, "complex-key.yaml");
    writeFileSync(target, "? [a, b]\n: 1\n");
    const warn = vi.spyOn(process, "emitWarning");
    try {
      await problemsOf(() => loadScenario(target));
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it("a YAML alias bomb fails within a second", async () => {
    const target = path.join(directory, "bomb.yaml");
    writeFileSync(target, aliasBomb);
    const started = performance.now();
    await problemsOf(() => loadScenario(target));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
