/**
 * Every message the scenario loader produces, built in one place so the wording stays uniform
 * (`file: path.to.field: what is wrong (got value)`) and tests can quote it exactly.
 */

/** A segment of a path inside a scenario: a key of a mapping or an index of a list. */
export type PathSegment = string | number;

/** Values longer than this are cut: a message names the value, it does not reproduce it. */
const maxValueLength = 60;

const identifier = /^[A-Za-z_$][\w$]*$/;

/**
 * Writes a path the way a strategist reads it: `levers.coupons[0].faceValue`. Keys that are
 * not identifiers are quoted (`levers["a b"]`) so the path stays unambiguous.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (identifier.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === "" ? "(top level)" : text;
}

/**
 * Renders a received value JSON-ish, cut to about 60 characters. NaN and the infinities are
 * written as such (JSON would say `null`, which hides the mistake); cycles and exotic objects
 * never throw.
 */
export function formatValue(value: unknown): string {
  const text = renderValue(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}

function renderValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "bigint") return String(value);
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return String(value);
  try {
    // The replacer keeps NaN and ±Infinity visible inside lists and mappings too.
    const json = JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "number" && !Number.isFinite(item) ? `__nonfinite__${String(item)}` : item,
    );
    if (json === undefined) return String(value);
    return json.replace(/"__nonfinite__(-?Infinity|NaN)"/g, "$1");
  } catch {
    return Array.isArray(value) ? "a list" : "a mapping";
  }
}

/** `file: path: rule (got value)` — the one shape every problem takes. */
export function problem(file: string, path: readonly PathSegment[], rule: string, got: unknown): string {
  return `${file}: ${formatPath(path)}: ${rule} (got ${formatValue(got)})`;
}

/** `file: path: rule` — for problems where the value adds nothing (an unknown key). */
export function pathProblem(file: string, path: readonly PathSegment[], rule: string): string {
  return `${file}: ${formatPath(path)}: ${rule}`;
}

/** `file: what is wrong` — for problems with the file as a whole (no path, no value). */
export function fileProblem(file: string, what: string): string {
  return `${file}: ${what}`;
}

/** `file:line:column: what is wrong` — for syntax errors, which editors can jump to. */
export function syntaxProblem(file: string, line: number, column: number, what: string): string {
  return `${file}:${line}:${column}: ${what}`;
}

/** The rule for a key that no schema knows, with the nearest valid key if one is close. */
export function unknownKeyRule(suggestion: string | undefined): string {
  return suggestion === undefined ? "unknown key" : `unknown key (did you mean ${JSON.stringify(suggestion)}?)`;
}

/** Words for the JSON types zod names in `expected`. */
export function describeExpected(expected: string): string {
  switch (expected) {
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "string":
      return "a string";
    case "boolean":
      return "true or false";
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "null":
      return "null";
    default:
      return expected;
  }
}

/** Sources that are not files: the label that stands in the file's place. */
export const SET_SOURCE = "--set";
