import { describe, expect, it } from "vitest";
import { createStream, StreamFamily } from "../../src/random/index.js";

describe("StreamFamily", () => {
  it("a member's sequence does not depend on what other members drew in between", () => {
    const alone = new StreamFamily(3, createStream("test/family"));
    alone.select(1);
    const expected = Array.from({ length: 20 }, () => alone.source());

    const mixed = new StreamFamily(3, createStream("test/family"));
    const seen: number[] = [];
    for (let step = 0; step < 20; step++) {
      mixed.select(0);
      for (let other = 0; other < step % 4; other++) mixed.source();
      mixed.select(2);
      mixed.source();
      mixed.select(1);
      seen.push(mixed.source());
    }
    expect(seen).toEqual(expected);
  });

  it("the owner's extra cells start at 0, keep what is written, and change no draw", () => {
    const plain = new StreamFamily(50, createStream("test/family-extra"));
    const wide = new StreamFamily(50, createStream("test/family-extra"), 4);
    expect(wide.stride).toBe(8);
    expect(wide.bytes()).toBe(50 * 8 * 8);
    for (let member = 0; member < 50; member++) {
      for (let cell = 4; cell < 8; cell++) expect(wide.state[member * 8 + cell]).toBe(0);
      wide.state[member * 8 + 4] = member + 0.5;
      wide.state[member * 8 + 7] = -member;
    }
    for (let round = 0; round < 10; round++) {
      for (let member = 0; member < 50; member++) {
        plain.select(member);
        wide.select(member);
        expect(wide.source()).toBe(plain.source());
      }
    }
    for (let member = 0; member < 50; member++) {
      expect(wide.state[member * 8 + 4]).toBe(member + 0.5);
      expect(wide.state[member * 8 + 7]).toBe(-member);
    }
  });

  it("members' first draws are uniform (chi-square, 20 bins) and members differ", () => {
    const members = 20_000;
    const family = new StreamFamily(members, createStream("test/family-uniform"), 4);
    const bins = new Array<number>(20).fill(0);
    const firsts = new Set<number>();
    for (let member = 0; member < members; member++) {
      family.select(member);
      const u = family.source();
      expect(u >= 0 && u < 1).toBe(true);
      bins[Math.floor(u * 20)]! += 1;
      firsts.add(u);
    }
    const expected = members / 20;
    const chiSquare = bins.reduce((total, count) => total + (count - expected) ** 2 / expected, 0);
    // 99.9% point of chi-square with 19 degrees of freedom: 43.82 (SciPy chi2.ppf(0.999, 19)).
    expect(chiSquare).toBeLessThan(43.82);
    // 20k draws in steps of 2^-32: a collision has probability ~5e-2; more than two means shared state.
    expect(firsts.size).toBeGreaterThan(members - 3);
  });
});
