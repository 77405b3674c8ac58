/**
 * report.html in a real browser: Debian's headless Chromium driven by playwright-core, at
 * 1280 px, in English and in Chinese. The page must load with no console errors and no network
 * requests; every chart must have drawn marks; nothing may overflow the page's width (no
 * horizontal scroll, every chart and table inside its column); no SVG label may be cut off at
 * its chart's edge, and no chart may be shrunk to fit (its labels drawn too small to read); and Chinese text must be drawn with real glyphs, not □ boxes. A full-page
 * screenshot per language is left in the test's temporary folder for a person to look at.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { writeReport } from "../../src/report/index.js";
import { CHROMIUM, openReport, present } from "./chromium.js";
import { scratchCopy } from "./helpers.js";

const skipped = `skipped: ${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk; .ci/run installs it)`;
const WIDTH = 1280;

/** What the page measures of itself: overflow, labels outside their SVG, and tofu. */
interface Layout {
  readonly scrollWidth: number;
  /** Charts and tables wider than the column they sit in, or scrolled inside it. */
  readonly overflowing: string[];
  /** SVG texts whose box leaves their SVG's box (cut off when drawn). */
  readonly clipped: string[];
  /** Charts wider than the column, shrunk to fit it: every label drawn smaller than its font size. */
  readonly shrunk: string[];
  /** True when two different ideographs draw the same pixels in the page's font (□ boxes). */
  readonly tofu: boolean;
}

/**
 * Runs in the page (as text: the project's TypeScript has no DOM types): measures overflow,
 * SVG labels outside their SVG, and whether two different ideographs draw the same pixels.
 */
const MEASURE = `(() => {
  const overflowing = [];
  const clipped = [];
  const main = document.querySelector("main");
  const style = main === null ? undefined : getComputedStyle(main);
  const column = main === null ? undefined : main.getBoundingClientRect();
  const right = (column === undefined ? window.innerWidth : column.right) - parseFloat(style === undefined ? "0" : style.paddingRight) + 0.5;
  for (const box of document.querySelectorAll("figure[data-chart], .table-wrap")) {
    const name = box.getAttribute("data-chart") || "table";
    const inner = box.querySelector("svg, table");
    const rect = inner === null ? undefined : inner.getBoundingClientRect();
    if (box.scrollWidth > box.clientWidth + 1 || (rect !== undefined && rect.right > right)) overflowing.push(name + ": " + Math.round(rect === undefined ? 0 : rect.width) + " px");
  }
  const shrunk = [];
  for (const figure of document.querySelectorAll("figure[data-chart]")) {
    const svg = figure.querySelector("svg");
    if (svg === null) continue;
    const frame = svg.getBoundingClientRect();
    const natural = parseFloat(svg.getAttribute("width") || "0");
    if (natural > frame.width + 1) shrunk.push(figure.getAttribute("data-chart") + ": " + Math.round(natural) + " px drawn in " + Math.round(frame.width));
    for (const text of svg.querySelectorAll("text")) {
      const box = text.getBoundingClientRect();
      if (box.width === 0 || (text.textContent || "").trim() === "") continue;
      if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
        clipped.push(figure.getAttribute("data-chart") + ': "' + text.textContent + '"');
      }
    }
  }
  // Two different ideographs drawn in the page's font: a missing glyph is the same box for both.
  const canvas = document.createElement("canvas");
  canvas.width = 64;
  canvas.height = 64;
  const context = canvas.getContext("2d");
  const draw = (char) => {
    context.clearRect(0, 0, 64, 64);
    context.font = "40px " + getComputedStyle(document.body).fontFamily;
    context.fillText(char, 4, 48);
    return Array.from(context.getImageData(0, 0, 64, 64).data).join(",");
  };
  const tofu = draw("公") === draw("域");
  return { scrollWidth: document.documentElement.scrollWidth, overflowing, clipped, shrunk, tofu };
})()`;

async function measure(page: Page): Promise<Layout> {
  return (await page.evaluate(MEASURE)) as Layout;
}

describe("report in the browser", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    const title = `${lang}: report.html at ${WIDTH} px fits the page width, cuts off no chart label, draws Chinese without boxes, loads nothing from outside and has no console errors`;
    it.skipIf(!present)(present ? title : `${title} — ${skipped}`, async () => {
      const dir = scratchCopy("compare");
      // The page inlines SVG; PNGs would only cost time here.
      await writeReport(dir, { lang, png: false });
      const { context, page, requests, errors } = await openReport(dir, WIDTH);
      try {
        const marks = await page.$$eval("figure[data-chart]", (figures) =>
          figures.map((figure) => ({
            chart: figure.getAttribute("data-chart"),
            marks: figure.querySelectorAll("g.role-mark path, g.role-mark rect, g.role-mark line, g.role-mark text").length,
            width: figure.querySelector("svg")?.getBoundingClientRect().width ?? 0,
          })),
        );
        const layout = await measure(page);
        const screenshot = join(dir, `report-${lang}-${WIDTH}px.png`);
        await page.screenshot({ path: screenshot, fullPage: true });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        expect(marks.length).toBeGreaterThanOrEqual(8);
        for (const entry of marks) {
          expect(entry.marks, `${entry.chart ?? "?"} marks`).toBeGreaterThan(3);
          expect(entry.width, `${entry.chart ?? "?"} width`).toBeGreaterThan(100);
        }
        expect(layout.scrollWidth, "page scroll width").toBeLessThanOrEqual(WIDTH);
        expect(layout.overflowing, "charts and tables wider than the page's column").toEqual([]);
        expect(layout.clipped, "SVG labels outside their chart").toEqual([]);
        expect(layout.shrunk, "charts shrunk to the column's width (their text drawn smaller than its font size)").toEqual([]);
        expect(layout.tofu, "公 and 域 drawn as the same glyph (no CJK font)").toBe(false);
        // Checks of what the first screen shows (the scorecard above the fold) go here, on `page`.
        expect(existsSync(screenshot)).toBe(true);
        console.info(`report screenshot: ${screenshot}`);
      } finally {
        await context.close();
      }
    });
  }
});
