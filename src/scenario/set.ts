/**
 * `--set path=value` overrides: parsing the option, checking the path against the schema (with
 * did-you-mean), and writing the value into a merged scenario input.
 */
import { didYouMean } from "./did-you-mean.js";
import { fileProblem, formatPath, formatValue, pathProblem, problem, SET_SOURCE, unknownKeyRule, type PathSegment } from "./messages.js";
import { parseYaml } from "./read.js";
import { kindOf, schemaAt } from "./schema-walk.js";
import { FORBIDDEN_KEYS, sanitize } from "./validate.js";

/** One parsed override. */
export interface SetOverride {
  /** Where to write, e.g. `["levers", "coupons", 0, "faceValue"]`. */
  readonly path: readonly PathSegment[];
  /** The value, parsed as a YAML scalar or flow collection (`2`, `"x"`, `[]`, `{a: 1}`). */
  readonly value: unknown;
  /** The option as written, for messages. */
  readonly text: string;
}

const segmentPattern = /^(?:\.?([A-Za-z_$][\w$]*)|\.(\d+)|\[(\d+)\])/;

/**
 * Parses `a.b[0].c` (also `a.b.0.c`) into path segments.
 * @returns the segments, or undefined when the text is not such a path.
 */
export function parsePath(text: string): PathSegment[] | undefined {
  const segments: PathSegment[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = segmentPattern.exec(rest);
    if (match === null) return undefined;
    // A leading dot is only valid between segments.
    if (segments.length === 0 && match[0].startsWith(".")) return undefined;
    if (segments.length > 0 && match[1] !== undefined && !match[0].startsWith(".")) return undefined;
    if (match[1] !== undefined) segments.push(match[1]);
    else segments.push(Number(match[2] ?? match[3]));
    rest = rest.slice(match[0].length);
  }
  return segments.length === 0 ? undefined : segments;
}

/**
 * Parses one `--set` option.
 * @returns the override, or the problem lines that describe what is wrong with it.
 */
export function parseSetOption(text: string): { ok: true; override: SetOverride } | { ok: false; problems: string[] } {
  const equals = text.indexOf("=");
  if (equals < 0) {
    return { ok: false, problems: [fileProblem(SET_SOURCE, `${formatValue(text)} must be written path=value, e.g. levers.boost.multiplier=2`)] };
  }
  const pathText = text.slice(0, equals).trim();
  const path = parsePath(pathText);
  if (path === undefined) {
    return { ok: false, problems: [fileProblem(SET_SOURCE, `${formatValue(pathText)} is not a path like levers.coupons[0].faceValue`)] };
  }
  const forbidden = path.find((segment) => typeof segment === "string" && FORBIDDEN_KEYS.has(segment));
  if (forbidden !== undefined) return { ok: false, problems: [pathProblem(SET_SOURCE, path, "forbidden key")] };
  if (path[0] === "extends") return { ok: false, problems: [pathProblem(SET_SOURCE, path, "cannot be set with --set (parents are merged before overrides)")] };
  const valueText = text.slice(equals + 1);
  const parsed = parseYaml(valueText, SET_SOURCE);
  if (!parsed.ok) {
    // The parser's line and column are inside a one-line value: the path says more.
    const what = parsed.problems.map((line) => line.replace(/^--set(:\d+:\d+)?: /, "")).join("; ");
    return { ok: false, problems: [problem(SET_SOURCE, path, `cannot read the value as YAML: ${what}`, valueText)] };
  }
  const problems: string[] = [];
  const value = sanitize(parsed.data, SET_SOURCE, problems);
  if (problems.length > 0) return { ok: false, problems };
  const pathCheck = checkPath(path);
  if (pathCheck !== undefined) return { ok: false, problems: [pathCheck] };
  return { ok: true, override: { path, value, text } };
}

/** A problem line when `path` does not exist in the schema, else undefined. */
function checkPath(path: readonly PathSegment[]): string | undefined {
  for (let depth = 0; depth < path.length; depth++) {
    const parentPath = path.slice(0, depth);
    const parent = schemaAt(parentPath);
    const segment = path[depth]!;
    if (parent === undefined) return undefined;
    const kind = kindOf(parent);
    if (kind.kind === "object") {
      if (typeof segment === "number") return pathProblem(SET_SOURCE, path.slice(0, depth + 1), `${formatPath(parentPath)} is a mapping, not a list`);
      if (!Object.hasOwn(kind.shape, segment)) {
        return pathProblem(SET_SOURCE, path.slice(0, depth + 1), unknownKeyRule(didYouMean(segment, Object.keys(kind.shape))));
      }
    } else if (kind.kind === "array") {
      if (typeof segment !== "number") return pathProblem(SET_SOURCE, path.slice(0, depth + 1), `${formatPath(parentPath)} is a list: use an index like [0]`);
    } else {
      return pathProblem(SET_SOURCE, path.slice(0, depth + 1), `${formatPath(parentPath)} holds a single value, not a mapping or list`);
    }
  }
  return undefined;
}

/**
 * Writes an override into `target` (a merged scenario input), creating missing mappings and
 * appending to a list when the index equals its length.
 * @param markSource records each value the override put in place, so problems point at it:
 *   the value written, and each container created on the way (`defaults` when it holds the
 *   schema's default list rather than anything `--set` wrote).
 * @returns a problem line when the write is impossible, else undefined.
 */
export function applySet(
  target: Record<string, unknown>,
  override: SetOverride,
  markSource: (path: readonly PathSegment[], defaults: boolean) => void,
): string | undefined {
  const { path, value } = override;
  let container: unknown = target;
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth]!;
    const last = depth === path.length - 1;
    const here = path.slice(0, depth + 1);
    if (Array.isArray(container)) {
      const index = segment as number;
      if (index > container.length) {
        return pathProblem(SET_SOURCE, here, `no such item: the list has ${container.length} item${container.length === 1 ? "" : "s"}, [${container.length}] adds one`);
      }
    } else if (typeof container !== "object" || container === null) {
      return pathProblem(SET_SOURCE, path, `cannot set inside ${formatPath(path.slice(0, depth))}, which is ${formatValue(container)}, not a mapping or list`);
    }
    const record = container as Record<string | number, unknown>;
    if (last) {
      record[segment] = value;
      markSource(here, false);
    } else if (record[segment] === undefined || record[segment] === null) {
      const created = emptyContainer(here);
      record[segment] = created;
      markSource(here, Array.isArray(created));
    }
    container = record[segment];
  }
  return undefined;
}

/**
 * What to write where a path passes through a value the input does not have: for a list, the
 * schema's default list, so `population.segments[1].share=0.3` edits the default second segment
 * rather than an empty list; for a mapping, an empty one (defaults fill it later). The default
 * list is a deep copy: zod hands out the schema's own item objects, which the override must not edit.
 */
function emptyContainer(path: readonly PathSegment[]): unknown {
  const schema = schemaAt(path);
  if (schema === undefined || kindOf(schema).kind !== "array") return {};
  const fallback = schema.safeParse(undefined);
  return fallback.success && Array.isArray(fallback.data) ? structuredClone(fallback.data) : [];
}
