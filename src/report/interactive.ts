/**
 * The interactive report (`--interactive`): the same page, with each chart's Vega-Lite spec
 * embedded and drawn in the browser by vega-embed, for tooltips and strategy toggles (click a
 * strategy in a legend to pick it, shift-click for more; the others fade). The browser builds of
 * vega, vega-lite and vega-embed are read from node_modules and inlined, so the page still
 * loads nothing from the network and opens offline. The static SVG stays in each figure until the
 * embed replaces it, so a browser with scripts off still shows every chart.
 *
 * The default report stays static and script-free; this module is only used when asked.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The selection parameter the legends bind to. */
export const PICK_PARAM = "pick";

/** Opacity of the strategies not picked while a pick is active. */
const FADED = 0.1;

type Spec = Record<string, unknown>;

function isObject(value: unknown): value is Spec {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True for a unit view (a mark) coloured by strategy. */
function colouredByScenario(view: Spec): boolean {
  const encoding = view["encoding"];
  if (!isObject(encoding)) return false;
  const colour = encoding["color"];
  return isObject(colour) && colour["field"] === "scenario";
}

/** The opacity channel of a coloured view with the not-picked fade put first. */
function fadedOpacity(existing: unknown): Spec {
  const fade = { test: { not: { param: PICK_PARAM } }, value: FADED };
  if (!isObject(existing)) return { condition: fade, value: 1 };
  const conditions = existing["condition"];
  const list = conditions === undefined ? [] : Array.isArray(conditions) ? conditions : [conditions];
  return { ...existing, condition: [fade, ...list] };
}

/**
 * A spec for the browser: tooltips on every mark, and on specs that colour by strategy a point
 * selection of strategies bound to the legend, which fades the other strategies' marks.
 * Pure: returns a new spec, the static one is not changed.
 */
export function interactiveSpec(spec: Readonly<Spec>): Spec {
  const copy = structuredClone(spec) as Spec;
  let defined = false;
  const visit = (view: Spec) => {
    for (const key of ["layer", "hconcat", "vconcat", "concat"]) {
      const children = view[key];
      if (Array.isArray(children)) for (const child of children) if (isObject(child)) visit(child);
    }
    if (isObject(view["spec"])) visit(view["spec"]);
    if (view["mark"] === undefined || !colouredByScenario(view)) return;
    const encoding = view["encoding"] as Spec;
    encoding["opacity"] = fadedOpacity(encoding["opacity"]);
    if (!defined) {
      // One definition: Vega-Lite params are global by name, every other view refers to it.
      const params = Array.isArray(view["params"]) ? (view["params"] as unknown[]) : [];
      view["params"] = [...params, { name: PICK_PARAM, select: { type: "point", fields: ["scenario"] }, bind: "legend" }];
      defined = true;
    }
  };
  visit(copy);
  const config = isObject(copy["config"]) ? copy["config"] : {};
  const mark = isObject(config["mark"]) ? config["mark"] : {};
  copy["config"] = { ...config, mark: { ...mark, tooltip: { content: "data" } } };
  return copy;
}

/**
 * A file of an installed package, found as Node finds packages: in node_modules of this
 * module's folder or of a folder above it. (The packages' `exports` maps do not export their
 * browser builds, so require.resolve would refuse them.)
 */
function packageFile(name: string, path: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "node_modules", name, path);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${name}/${path} in any node_modules above ${dirname(fileURLToPath(import.meta.url))}: run npm ci`);
    dir = parent;
  }
}

/** A browser build of a package, from node_modules, made safe to inline in a <script> element. */
function browserBuild(name: string, path: string): string {
  const code = readFileSync(packageFile(name, path), "utf8");
  // "</script" would end the element early; "<\/script" is the same text inside JS strings.
  return code.replace(/<\/script/gi, "<\\/script").replace(/\/\/# sourceMappingURL=\S+/g, "");
}

/** JSON for a <script type="application/json"> element: no "</" that could end it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/**
 * The scripts the interactive page ends with: the three libraries, each chart's spec, and a
 * loader that embeds every spec into its figure (figure[data-chart="name"]).
 */
export function interactiveScripts(charts: readonly { readonly name: string; readonly spec: unknown }[]): string {
  const builds: readonly (readonly [string, string])[] = [
    ["vega", "build/vega.min.js"],
    ["vega-lite", "build/vega-lite.min.js"],
    ["vega-embed", "build/vega-embed.min.js"],
  ];
  const libraries = builds.map(([name, path]) => `<script>${browserBuild(name, path)}</script>`);
  const specs = `<script type="application/json" id="funnelsim-specs">${scriptJson(Object.fromEntries(charts.map((chart) => [chart.name, interactiveSpec(chart.spec as Spec)])))}</script>`;
  const loader = `<script>
(function () {
  var specs = JSON.parse(document.getElementById("funnelsim-specs").textContent);
  var pending = [];
  Object.keys(specs).forEach(function (name) {
    var figure = document.querySelector('figure[data-chart="' + name + '"]');
    if (figure === null) return;
    var target = document.createElement("div");
    pending.push(vegaEmbed(target, specs[name], { renderer: "svg", actions: false }).then(function () {
      figure.replaceChildren(target);
      figure.setAttribute("data-interactive", "true");
    }).catch(function (error) {
      figure.setAttribute("data-interactive-error", String(error && error.message || error));
    }));
  });
  Promise.all(pending).then(function () { document.body.setAttribute("data-charts-ready", "true"); });
})();
</script>`;
  return [...libraries, specs, loader].join("\n");
}
