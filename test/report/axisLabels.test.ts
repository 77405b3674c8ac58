/**
 * Axis labels written in a unit ladder (unitLabelExpression): the Vega expression is evaluated
 * by rendering an axis with it, for ranges of ticks, in English and Chinese. Every label must
 * read back as its tick, and the ticks of one axis must share one style — all in units (1万,
 * 10万, 1亿) or all plain numbers with grouping (1,000 beside 10,000), never "1000" next to "1万".
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { decades, unitDecades, unitLabelExpression } from "../../src/report/charts/common.js";
import { loadResults } from "../../src/report/load.js";
import { messagesFor, type UnitStep } from "../../src/report/messages.js";
import { planCharts } from "../../src/report/plan.js";
import { renderSvg } from "../../src/report/render.js";
import { FIXTURES } from "./helpers.js";

/** The label texts of each axis of a rendered spec, one list per axis. */
function axisLabels(svg: string): string[][] {
  return [...svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)].map((group) => [...(group[1] ?? "").matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((text) => text[1] ?? ""));
}

/** The labels Vega writes for `ticks` on one axis with the ladder's expression. */
async function labelsOf(ladder: readonly UnitStep[], ticks: readonly number[], log = false): Promise<string[]> {
  const spec = {
    width: 3000,
    height: 10,
    data: { values: ticks.filter((tick) => !log || tick > 0).map((value) => ({ value })) },
    mark: "point",
    encoding: { x: { field: "value", type: "quantitative", scale: log ? { type: "log" } : {}, axis: { values: [...ticks], labelExpr: unitLabelExpression(ladder, ticks), labelOverlap: false } } },
  } as unknown as TopLevelSpec;
  return axisLabels(await renderSvg(spec))[0] ?? [];
}

/** The ladder step a label is written in: a unit step by its suffix, else the plain step. */
function stepOf(ladder: readonly UnitStep[], label: string): { step: UnitStep; unit: boolean } {
  const plain = ladder.find((step) => step.at <= 0) as UnitStep;
  const units = ladder.filter((step) => step.at > 0 && step.suffix !== plain.suffix).sort((a, b) => b.suffix.length - a.suffix.length);
  const unit = units.find((step) => label.endsWith(step.suffix));
  return unit === undefined ? { step: plain, unit: false } : { step: unit, unit: true };
}

/** The number a label says, in the ladder's units. */
function readBack(ladder: readonly UnitStep[], label: string): number {
  const { step } = stepOf(ladder, label);
  const body = label.slice(label.startsWith(step.prefix) ? step.prefix.length : 0, label.length - step.suffix.length);
  expect(body, `"${label}": digits grouped by three`).toMatch(/^−?\d{1,3}(,\d{3})*(\.\d+)?$/);
  return Number(body.replace(/,/g, "").replace("−", "-")) * step.divisor;
}

const AXES: { name: string; ticks: number[]; log?: boolean }[] = [
  { name: "counts on a symlog axis, 0 to 10万", ticks: [0, 1, 10, 100, 1000, 10000, 100000] },
  { name: "a linear axis across 1万", ticks: [0, 2500, 5000, 7500, 10000, 12500, 15000] },
  { name: "a linear axis below 1万", ticks: [0, 2000, 4000, 6000, 8000] },
  { name: "differences around 0", ticks: [-20000, -10000, 0, 10000, 20000] },
  { name: "money decades from 1,000", ticks: decades(1e3, 1e9), log: true },
  { name: "money decades from 1万", ticks: decades(1e4, 1e9), log: true },
];

describe("axis labels in a unit ladder", () => {
  for (const language of ["en", "zh-CN"] as const) {
    const messages = messagesFor(language);
    for (const [kind, ladder] of [["money", messages.money], ["count", messages.count]] as const) {
      for (const axis of AXES) {
        it(`${language}, ${kind}, ${axis.name}: every label reads back as its tick, and the axis keeps one style`, async () => {
          const labels = await labelsOf(ladder, axis.ticks, axis.log);
          expect(labels).toHaveLength(axis.ticks.length);
          labels.forEach((label, index) => {
            const tick = axis.ticks[index] as number;
            expect(readBack(ladder, label), `"${label}" for ${tick}`).toBeCloseTo(tick, 6);
          });
          const styles = new Set(labels.filter((_, index) => axis.ticks[index] !== 0).map((label) => stepOf(ladder, label).unit));
          expect(styles.size, `one style on the axis: ${labels.join(" | ")}`).toBe(1);
        });
      }
    }
  }

  it("zh-CN: a count axis from 0 to 10万 writes 1,000 and 10,000, not 1000 next to 1万", async () => {
    expect(await labelsOf(messagesFor("zh-CN").count, [0, 1, 10, 100, 1000, 10000, 100000])).toEqual(["0", "1", "10", "100", "1,000", "10,000", "100,000"]);
  });

  it("zh-CN: decades from 1万 are written in 万 and 亿 with three significant digits at most; a log axis reaching past 1万 is ticked from it", async () => {
    const ladder = messagesFor("zh-CN").count;
    expect(await labelsOf(ladder, unitDecades(ladder, 2000, 3e8), true)).toEqual(["1万", "10万", "100万", "1,000万", "1亿"]);
    expect(unitDecades(ladder, 2, 5000)).toEqual([10, 100, 1000]);
    expect(await labelsOf(messagesFor("zh-CN").money, [12345, 2e8])).toEqual(["1.23万元", "2亿元"]);
  });

  it("money keeps its currency on every tick, the plain ones too", async () => {
    expect(await labelsOf(messagesFor("en").money, [0, 500, 1000])).toEqual(["¥0", "¥500", "¥1,000"]);
    expect(await labelsOf(messagesFor("zh-CN").money, [0, 5000])).toEqual(["0元", "5,000元"]);
  });

  it("every axis of the zh-CN product-GMV chart keeps one style", async () => {
    const messages = messagesFor("zh-CN");
    const chart = planCharts(loadResults(join(FIXTURES, "compare")), messages).find((entry) => entry.name === "productGmv");
    const axes = axisLabels(await renderSvg(chart?.spec as TopLevelSpec)).filter((labels) => labels.some((label) => /\d/.test(label)));
    expect(axes.length).toBeGreaterThanOrEqual(2);
    for (const labels of axes) {
      const numeric = labels.filter((label) => label !== "0");
      const styles = new Set(numeric.map((label) => stepOf(messages.count, label).unit));
      expect(styles.size, labels.join(" | ")).toBe(1);
      for (const label of numeric) expect(label, "a plain number of four digits or more is grouped").not.toMatch(/^\d{4,}/);
    }
  });
});
