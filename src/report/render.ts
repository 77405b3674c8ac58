/**
 * Rendering in Node:
 *
 *   Vega-Lite spec ──compile──▶ Vega spec ──View(renderer "none")──▶ SVG text ──resvg──▶ PNG
 *
 * The headless view measures text by estimate (there is no canvas), so layout is the same on
 * every machine; resvg draws with fonts loaded from files found here, never from the system's
 * font configuration, so a PNG looks the same wherever the fonts are installed. Chinese text
 * (the zh-CN report, and 公域/私域 in every language) is drawn with the Noto Sans SC faces the
 * npm package @embedpdf/fonts-sc ships (SIL OFL 1.1), so `npm ci` alone gives every machine a
 * CJK font and no PNG shows □ boxes.
 */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg, renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import * as vega from "vega";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/**
 * Collects Vega-Lite's and Vega's warnings instead of letting them print: the library never
 * writes to the console, and tests can require a chart to compile without a warning.
 */
class CollectingLogger {
  private current = 2;
  constructor(private readonly messages: string[]) {}
  level(): number;
  level(value: number): this;
  level(value?: number): number | this {
    if (value === undefined) return this.current;
    this.current = value;
    return this;
  }
  // Arrow fields, not methods: Vega calls the logger's functions detached from the logger.
  error = (...args: unknown[]): this => {
    this.messages.push(`error: ${args.map(String).join(" ")}`);
    return this;
  };
  warn = (...args: unknown[]): this => {
    this.messages.push(args.map(String).join(" "));
    return this;
  };
  info(): this {
    return this;
  }
  debug(): this {
    return this;
  }
}

/** Full-width characters: CJK ideographs, kana, full-width punctuation and forms (（）、：). */
const FULL_WIDTH = /[\u2e80-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Vega's estimate of a text's width without a canvas, with full-width characters at their real
 * width. Vega's own estimate gives every character 0.8 em, which is generous for Latin text in
 * DejaVu Sans (≈ 0.6 em) but short for Chinese (1 em): axis labels such as 净GMV（扣除退货）
 * were laid out 15 px narrower than drawn and cut off at the chart's left edge. Latin
 * characters keep Vega's 0.8 em, so English layouts do not move; a label with a limit is
 * measured at most at its limit (Vega truncates it to fit when drawing).
 */
export function estimateTextWidth(item: { fontSize?: number | string; limit?: number }, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  const value = text == null ? "" : String(text).trim();
  let ems = 0;
  for (const char of value) ems += FULL_WIDTH.test(char) ? 1 : 0.8;
  const width = Math.floor(ems * size);
  const limit = Number(item.limit);
  return limit > 0 ? Math.min(width, limit) : width;
}

// The headless view has no canvas: text is measured by estimate, here the one above.
(vega as unknown as { textMetrics: { width: typeof estimateTextWidth } }).textMetrics.width = estimateTextWidth;

/**
 * Compiles a Vega-Lite spec and renders it to SVG text.
 *
 * @param warnings - receives each warning Vega-Lite or Vega raises (ignored when omitted).
 * @throws {Error} when Vega-Lite or Vega rejects the spec.
 */
export async function renderSvg(spec: TopLevelSpec, warnings: string[] = []): Promise<string> {
  const logger = new CollectingLogger(warnings);
  const vegaSpec = compile(spec, { logger }).spec;
  const view = new View(parse(vegaSpec), { renderer: "none", logger });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Font files for the PNG renderer. */
export interface FontSet {
  /** Latin sans faces (DejaVu Sans, Liberation Sans). */
  readonly latin: readonly string[];
  /**
   * Faces that cover Chinese: the Noto Sans SC (Hans) faces of the @embedpdf/fonts-sc dependency,
   * else installed ones (Noto Sans CJK, WenQuanYi, Droid Sans Fallback); empty when none is found.
   */
  readonly cjk: readonly string[];
}

/** The CJK faces the PNG renderer uses: regular and bold, the weights the charts set. */
const SHIPPED_CJK = ["NotoSansHans-Regular.otf", "NotoSansHans-Bold.otf"];

/**
 * The CJK font files of the @embedpdf/fonts-sc dependency (Noto Sans Hans: Adobe's and Google's
 * Source Han Sans subset to GB 2312 plus Latin, as OpenType; resvg reads OTF and TTF, not the
 * WOFF2 that web-font packages ship). Empty if the package is missing.
 */
export function shippedCjkFonts(): string[] {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-sc");
  } catch {
    return [];
  }
  // The package's entry is dist/index.cjs; the faces are in fonts/ beside dist/.
  const folder = join(dirname(entry), "..", "fonts");
  return SHIPPED_CJK.map((name) => join(folder, name)).filter((path) => existsSync(path));
}

const FONT_ROOTS = ["/usr/share/fonts", "/usr/local/share/fonts"];
/** Latin faces, best first: DejaVu Sans is what the specs name first and what Debian ships. */
const LATIN_FONTS = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "NotoSans-Regular.ttf"];
/** CJK faces, best first: Debian's fonts-noto-cjk, then other common packages. */
const CJK_FONTS = ["NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf", "wqy-zenhei.ttc", "wqy-microhei.ttc", "DroidSansFallbackFull.ttf"];

function listFontFiles(root: string, depth: number, found: Map<string, string>): void {
  if (depth < 0 || !existsSync(root)) return;
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  // Sorted so the first file of a name wins the same way on every run.
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) listFontFiles(path, depth - 1, found);
    else if (!found.has(entry.name)) found.set(entry.name, path);
  }
}

/**
 * Finds the fonts the PNG renderer loads: a Latin sans face found in `roots` and the CJK faces
 * the project ships ({@link shippedCjkFonts}); installed CJK faces only when those are missing.
 *
 * @param roots - folders to search (default: /usr/share/fonts, /usr/local/share/fonts).
 * @param shipped - the shipped CJK faces (tests pass [] to see what the folders alone give).
 */
export function findFonts(roots: readonly string[] = FONT_ROOTS, shipped: readonly string[] = shippedCjkFonts()): FontSet {
  const found = new Map<string, string>();
  for (const root of roots) listFontFiles(root, 4, found);
  const pick = (names: readonly string[]) => names.flatMap((name) => {
    const path = found.get(name);
    return path === undefined ? [] : [path];
  });
  // The shipped faces first and alone when present: the same glyphs on every machine.
  return { latin: pick(LATIN_FONTS), cjk: shipped.length > 0 ? [...shipped] : pick(CJK_FONTS) };
}

/** CJK ideographs and punctuation: text that needs a CJK face. */
const CJK_TEXT = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Renders SVG text to PNG at twice its size (sharp on high-density screens and in slides).
 *
 * @param fonts - from {@link findFonts}. The CJK faces are loaded only for an SVG with Chinese
 *   text: they are 8 MB each and make rendering several times slower. With no font files at all,
 *   resvg falls back to the system's fonts.
 */
export function renderPng(svg: string, fonts: FontSet): Buffer {
  return new Resvg(svg, pngOptions(svg, fonts)).render().asPng();
}

/**
 * {@link renderPng} off the main thread (resvg's worker pool): the same bytes, and a report's
 * charts render side by side on every core while the next chart's SVG is being built.
 */
export async function renderPngAsync(svg: string, fonts: FontSet): Promise<Buffer> {
  return (await renderAsync(svg, pngOptions(svg, fonts))).asPng();
}

function pngOptions(svg: string, fonts: FontSet): ResvgRenderOptions {
  const files = CJK_TEXT.test(svg) ? [...fonts.latin, ...fonts.cjk] : [...fonts.latin];
  return {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: {
      fontFiles: files,
      loadSystemFonts: files.length === 0,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  };
}
