import { describe, expect, it } from "vitest";
import { UserDayAgenda } from "../../src/market/agenda.js";

function opened(agenda: UserDayAgenda, day: number): [number, number][] {
  agenda.open(day);
  return Array.from({ length: agenda.length }, (_, index) => [agenda.sortedTime[index]!, agenda.sortedUser[index]!]);
}

describe("the user-day agenda", () => {
  it("gives a day's user-days in time order, equal times in the order they were added", () => {
    const agenda = new UserDayAgenda(2000, 3);
    const expected: [number, number][] = [];
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let user = 0; user < 1500; user++) {
      // Coarse times so many are equal: their order must be the order of add.
      const time = 1 + Math.floor(next() * 200) / 200;
      agenda.add(user, time);
      expected.push([time, user]);
    }
    agenda.add(1600, 0.5);
    agenda.add(1601, 2.25);
    agenda.add(1602, 3.5); // past the last day: dropped
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(opened(agenda, 0)).toEqual([[0.5, 1600]]);
    expect(opened(agenda, 1)).toEqual(expected);
    expect(opened(agenda, 1)).toEqual([]);
    expect(opened(agenda, 2)).toEqual([[2.25, 1601]]);
  });

  it("takes a user again once its entry was opened", () => {
    const agenda = new UserDayAgenda(3, 2);
    agenda.add(0, 0.75);
    agenda.add(1, 0.25);
    expect(opened(agenda, 0)).toEqual([[0.25, 1], [0.75, 0]]);
    agenda.add(1, 1.5);
    agenda.add(0, 1.5);
    expect(opened(agenda, 1)).toEqual([[1.5, 1], [1.5, 0]]);
  });
});
