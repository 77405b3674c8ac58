import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { defaultConfig } from "../../src/market/parameters.js";
import { configHash, canonicalJson } from "../../src/scenario/hash.js";
import { loadScenario } from "../../src/scenario/load.js";
import { parsePath, parseSetOption } from "../../src/scenario/set.js";
import { validateConfig } from "../../src/scenario/validate.js";
import { didYouMean, editDistance } from "../../src/scenario/did-you-mean.js";

let directory: string;
function write(name: string, text: string): string {
  const file = path.join(directory, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
async function problemsOf(load: () => Promise<unknown>): Promise<readonly string[]> {
  try {
    await load();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error("expected an InputError");
}

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "funnelsim-load-"));
  write("parent.yaml", "name: parent\ndescription: the parent\nseed: 7\nlevers:\n  boost:\n    multiplier: 2\n    startDay: 3\n  coupons:\n    - faceValue: 5\n    - faceValue: 8\nfunnel:\n  clickRate:\n    feed: 0.05\n");
  write("child.yaml", "extends: ./parent.yaml\nlevers:\n  boost:\n    multiplier: 3\n  coupons:\n    - faceValue: 9\n");
  write("nested/grandchild.yaml", "extends: ../child.yaml\nfunnel:\n  clickRate:\n    search: 0.2\n");
  write("child.json", JSON.stringify({ extends: "./parent.yaml", replications: 3 }));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("extends", () => {
  it("a child deep-merges over its parent: mappings merge, the child wins", async () => {
    const { config } = await loadScenario(path.join(directory, "child.yaml"));
    expect(config.levers.boost.multiplier).toBe(3);
    expect(config.levers.boost.startDay).toBe(3);
    expect(config.seed).toBe(7);
    expect(config.funnel.clickRate.feed).toBe(0.05);
  });

  it("a child's list replaces the parent's list whole", async () => {
    const { config } = await loadScenario(path.join(directory, "child.yaml"));
    expect(config.levers.coupons.map((coupon) => coupon.faceValue)).toEqual([9]);
  });

  it("parents resolve relative to the file that names them, recursively", async () => {
    const { config } = await loadScenario(path.join(directory, "nested/grandchild.yaml"));
    expect(config.funnel.clickRate).toMatchObject({ feed: 0.05, search: 0.2 });
    expect(config.levers.boost.multiplier).toBe(3);
  });

  it("a JSON scenario may extend a YAML one", async () => {
    const { config } = await loadScenario(path.join(directory, "child.json"));
    expect(config.replications).toBe(3);
    expect(config.levers.boost.multiplier).toBe(2);
  });

  it("name and description are not inherited: the name defaults to the file name", async () => {
    const loaded = await loadScenario(path.join(directory, "child.yaml"));
    expect(loaded.name).toBe("child");
    expect(loaded.config.description).toBe("");
    expect((await loadScenario(path.join(directory, "parent.yaml"))).name).toBe("parent");
  });

  it("the merged input has no extends key and carries the name", async () => {
    const loaded = await loadScenario(path.join(directory, "child.yaml"));
    expect(loaded.input).not.toHaveProperty("extends");
    expect(loaded.input).toMatchObject({ name: "child", levers: { boost: { multiplier: 3, startDay: 3 } } });
    expect(validateConfig(loaded.input, "again")).toEqual(loaded.config);
  });
});

describe("--set", () => {
  it("parsePath reads dotted keys and [index] or .index", () => {
    expect(parsePath("levers.coupons[0].faceValue")).toEqual(["levers", "coupons", 0, "faceValue"]);
    expect(parsePath("population.segments.1.share")).toEqual(["population", "segments", 1, "share"]);
    expect(parsePath("seed")).toEqual(["seed"]);
    for (const bad of ["", ".seed", "a..b", "a[x]", "a b", "a[0]b", "1a"]) expect(parsePath(bad)).toBeUndefined();
  });

  it("values parse as YAML scalars and flow collections", () => {
    const valueOf = (text: string) => {
      const parsed = parseSetOption(text);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      return parsed.override.value;
    };
    expect(valueOf("levers.boost.multiplier=2")).toBe(2);
    expect(valueOf("levers.coupons=[]")).toEqual([]);
    expect(valueOf("name=a=b")).toBe("a=b");
    expect(valueOf('name="2"')).toBe("2");
    expect(valueOf("funnel.repeatPurchase=false")).toBe(false);
    expect(valueOf("levers.coupons=[{faceValue: 6, threshold: 66}]")).toEqual([{ faceValue: 6, threshold: 66 }]);
  });

  it("overrides apply after the merge, in order, and reach list entries", async () => {
    const file = path.join(directory, "child.yaml");
    const { config } = await loadScenario(file, {
      sets: ["levers.boost.multiplier=2", "levers.coupons[0].faceValue=6", "population.segments[1].share=0.3", "levers.boost.multiplier=4"],
    });
    expect(config.levers.boost.multiplier).toBe(4);
    expect(config.levers.coupons[0]!.faceValue).toBe(6);
    // The default segments are edited in place, not replaced by a one-entry list.
    expect(config.population.segments.map((segment) => segment.share)).toEqual([0.3, 0.3, 0.45]);
  });

  it("an override into a default list leaves the schema's defaults alone", async () => {
    // A copy: defaultConfig() itself hands out the schema's default list items.
    const before = structuredClone(defaultConfig());
    await loadScenario(path.join(directory, "child.yaml"), { sets: ["population.segments[0].share=0.9", "calendar.peakDays[0].multiplier=5"] });
    expect(defaultConfig()).toEqual(before);
    expect(validateConfig({}, "code")).toEqual(before);
  });

  it("an override may empty a list and may append at index = length", async () => {
    const file = path.join(directory, "child.yaml");
    expect((await loadScenario(file, { sets: ["levers.coupons=[]"] })).config.levers.coupons).toEqual([]);
    const appended = await loadScenario(file, { sets: ["levers.coupons[1].faceValue=12"] });
    expect(appended.config.levers.coupons.map((coupon) => coupon.faceValue)).toEqual([9, 12]);
  });

  it("overrides change the hash", async () => {
    const file = path.join(directory, "child.yaml");
    const plain = await loadScenario(file);
    const changed = await loadScenario(file, { sets: ["seed=8"] });
    expect(changed.hash).not.toBe(plain.hash);
  });

  it("bad overrides are reported with the bad file's problems, all at once", async () => {
    const file = write("bad-with-sets.yaml", "replications: 0\n");
    const problems = await problemsOf(() =>
      loadScenario(file, {
        sets: [
          "levers.boost.mutliplier=2",
          "levers.boost",
          "levers..boost=1",
          "levers.coupons[5].faceValue=1",
          "levers.boost.multiplier.x=1",
          "levers.boost[0]=1",
          "population[0]=1",
          "__proto__.polluted=1",
          "extends=./parent.yaml",
          "levers.boost.multiplier=[1, 2",
          "levers.boost.multiplier=-1",
        ],
      }),
    );
    expect(problems).toEqual([
      '--set: levers.boost.mutliplier: unknown key (did you mean "multiplier"?)',
      '--set: "levers.boost" must be written path=value, e.g. levers.boost.multiplier=2',
      '--set: "levers..boost" is not a path like levers.coupons[0].faceValue',
      "--set: levers.coupons[5]: no such item: the list has 0 items, [0] adds one",
      "--set: levers.boost.multiplier.x: levers.boost.multiplier holds a single value, not a mapping or list",
      "--set: levers.boost[0]: levers.boost is a mapping, not a list",
      "--set: population[0]: population is a mapping, not a list",
      "--set: __proto__.polluted: forbidden key",
      "--set: extends: cannot be set with --set (parents are merged before overrides)",
      '--set: levers.boost.multiplier: cannot read the value as YAML: Flow sequence must end with a ] (got "[1, 2")',
      `${file}: replications: must be >= 1 (got 0)`,
      "--set: levers.boost.multiplier: must be >= 0 (got -1)",
    ]);
  });
});

describe("every problem at once, each naming its source", () => {
  it("a --set value of the wrong type does not hide a rule across fields", async () => {
    const file = write("sets-at-once.yaml", "levers:\n  coupons: []\n");
    expect(await problemsOf(() => loadScenario(file, { sets: ["levers.coupons[0].budgetYuan=1e400", "levers.coupons[0].startDay=-1"] }))).toEqual([
      "--set: levers.coupons[0].budgetYuan: must be a finite number (got Infinity)",
      "--set: levers.coupons[0].startDay: must lie in the simulated days 0..65 (got -1)",
    ]);
  });

  it("a --set beside a file's value names the file for the file's value", async () => {
    const file = write("types.yaml", "population:\n  realUsers: .inf\n");
    expect(await problemsOf(() => loadScenario(file, { sets: ["population.users=300"] }))).toEqual([`${file}: population.realUsers: must be a finite number (got Infinity)`]);
  });

  it("a --set is named for its own value, not for the defaults it makes wrong or leaves alone", async () => {
    const file = path.join(directory, "child.yaml");
    expect(await problemsOf(() => loadScenario(file, { sets: ["calendar.festivalStart=2022-02-30"] }))).toEqual([
      '--set: calendar.festivalStart: must be a real calendar date (got "2022-02-30")',
    ]);
    // A valid date that moves the festival away from the default peak days: the --set made them wrong.
    expect(await problemsOf(() => loadScenario(file, { sets: ["calendar.festivalStart=2023-02-28"] }))).toEqual([
      '--set: calendar.peakDays[0].date: must lie in the simulated days (0..65 from festivalStart) (got "2022-11-10")',
      '--set: calendar.peakDays[1].date: must lie in the simulated days (0..65 from festivalStart) (got "2022-11-11")',
    ]);
  });

  it("a --set inside a default list is named, the rest of the list is the defaults", async () => {
    const file = write("segments.yaml", "population:\n  users: 100\n");
    const sets = ["population.segments[0].share=0", "population.segments[1].share=0", "population.segments[2].share=0"];
    expect(await problemsOf(() => loadScenario(file, { sets }))).toEqual(["--set: population.segments: segment shares must sum to more than 0 (got 0)"]);
    expect(await problemsOf(() => loadScenario(file, { sets: ["population.segments[3].share=0.2"] }))).toEqual(["--set: population.segments[3].name: is required (got nothing)"]);
  });

  it("a later source that replaces a value takes over what an earlier one wrote inside it", async () => {
    const file = path.join(directory, "child.yaml");
    expect(await problemsOf(() => loadScenario(file, { sets: ["levers.boost={multiplier: -1}"] }))).toEqual(["--set: levers.boost.multiplier: must be >= 0 (got -1)"]);
  });

  it("an alias without an anchor in a --set value is named as such", () => {
    expect(parseSetOption("levers.boost.multiplier=*a")).toEqual({
      ok: false,
      problems: ['--set: levers.boost.multiplier: cannot read the value as YAML: alias *a refers to an unknown anchor (no &a before it) (got "*a")'],
    });
  });

  it("rules across fields skip values of the wrong shape instead of crashing", () => {
    const hostile = { population: { segments: [null, 5, { name: 1, share: "a" }] }, levers: { coupons: [null, "x"], boost: 3 }, calendar: { peakDays: [null] }, merchants: { types: null } };
    expect(() => validateConfig(hostile, "code")).toThrow(InputError);
    expect(() => validateConfig({ population: null, levers: null, calendar: null, merchants: null }, "code")).toThrow(InputError);
  });

  it("a JSON file may repeat a key in different objects", async () => {
    const file = write("coupons.json", JSON.stringify({ levers: { coupons: [{ faceValue: 5 }, { faceValue: 6 }] } }));
    expect((await loadScenario(file)).config.levers.coupons.map((coupon) => coupon.faceValue)).toEqual([5, 6]);
  });
});

describe("prototype pollution", () => {
  it("__proto__, constructor and prototype keys never reach Object.prototype", async () => {
    const yaml = write("pollute.yaml", "__proto__:\n  polluted: yes\nlevers:\n  __proto__:\n    polluted: yes\n  constructor:\n    prototype:\n      polluted: yes\n");
    const json = write("pollute.json", '{"__proto__": {"polluted": true}, "levers": {"__proto__": {"polluted": true}}}');
    const child = write("pollute-child.yaml", "extends: ./pollute.yaml\nlevers:\n  __proto__:\n    polluted: yes\n");
    for (const file of [yaml, json, child]) await expect(loadScenario(file)).rejects.toBeInstanceOf(InputError);
    await expect(loadScenario(path.join(directory, "child.yaml"), { sets: ["__proto__.polluted=1"] })).rejects.toBeInstanceOf(InputError);
    expect(() => validateConfig(JSON.parse('{"__proto__": {"polluted": true}}'), "code")).toThrow(InputError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("validateConfig", () => {
  it("returns the normalized configuration for a valid input", () => {
    expect(validateConfig({}, "code")).toEqual(defaultConfig());
    expect(validateConfig({ levers: { boost: { multiplier: 2 } } }, "code").levers.boost.multiplier).toBe(2);
  });

  it("labels every problem with the given name, all at once", () => {
    expect(() => validateConfig({ replications: -1, levers: { boost: { multiplier: "x" } } }, "my-notebook")).toThrow(
      new InputError(["my-notebook: replications: must be >= 1 (got -1)", 'my-notebook: levers.boost.multiplier: must be a number (got "x")']),
    );
  });

  it("a cyclic object is cut at 64 levels, not followed forever", () => {
    const cyclic: Record<string, unknown> = { name: "x" };
    cyclic.self = cyclic;
    expect(() => validateConfig(cyclic, "code")).toThrow(InputError);
  });

  it("a top level that is not a mapping is a problem, not a crash", () => {
    for (const input of [null, undefined, 5, "text", [1]]) expect(() => validateConfig(input, "code")).toThrow(InputError);
  });
});

describe("hash", () => {
  it("key order does not change the canonical JSON or the hash", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(configHash({ b: 1, a: 2 })).toBe(configHash({ a: 2, b: 1 }));
  });

  it("the hash is the sha256 of the canonical normalized config", async () => {
    const loaded = await loadScenario("scenarios/boost-2x.yaml");
    expect(loaded.hash).toBe(configHash(loaded.config));
    expect(loaded.hash).not.toBe((await loadScenario("scenarios/baseline.yaml")).hash);
  });
});

describe("did you mean", () => {
  it("a transposition costs one edit", () => {
    expect(editDistance("mutliplier", "multiplier")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
  it("suggests only plausible typos", () => {
    expect(didYouMean("mutliplier", ["multiplier", "startDay"])).toBe("multiplier");
    expect(didYouMean("zzz", ["multiplier", "startDay"])).toBeUndefined();
    expect(didYouMean("FACEVALUE", ["faceValue"])).toBe("faceValue");
  });
});
