/**
 * Validation of a scenario that is already in memory: a pure function of `unknown` that
 * collects every problem, each as `file: path: rule (got value)`. Reading files is load.ts's
 * business; this module never does I/O.
 */
import type { z } from "zod";
import { InputError } from "../errors.js";
import { modelConfigSchema, type ModelConfig } from "../market/parameters.js";
import { didYouMean } from "./did-you-mean.js";
import { describeExpected, formatPath, pathProblem, problem, unknownKeyRule, type PathSegment } from "./messages.js";
import { keysAt } from "./schema-walk.js";

/** Deeper than any real scenario (the schema nests 5 levels), shallow enough for any stack. */
export const MAX_DEPTH = 64;

/** Keys that could reach an object's prototype if a merge or a consumer assigned them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A deep copy of `value` made of fresh plain objects and arrays, without prototype keys and
 * cut at {@link MAX_DEPTH}; each removed key and each cut adds a problem. The copy is what the
 * rest of the loader works on, so aliases (shared YAML nodes) and cycles cannot leak through.
 */
export function sanitize(value: unknown, file: string, problems: string[]): unknown {
  return copy(value, [], file, problems);
}

function copy(value: unknown, path: PathSegment[], file: string, problems: string[]): unknown {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  if (path.length >= MAX_DEPTH) {
    // The first few keys say where; all 64 would bury the message.
    problems.push(pathProblem(file, path.slice(0, 3), `nested deeper than ${MAX_DEPTH} levels`));
    return undefined;
  }
  if (Array.isArray(value)) return value.map((item, index) => copy(item, [...path, index], file, problems));
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      problems.push(problem(file, [...path, key], "forbidden key (it could change how every object behaves)", value[key]));
      continue;
    }
    result[key] = copy(value[key], [...path, key], file, problems);
  }
  return result;
}

/** The value at `path` in `root`, or undefined when the path does not exist there. */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let current = root;
  for (const segment of path) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A zod issue with the fields any code may carry, for reading without a switch per type. */
interface LooseIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly exact?: boolean;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly divisor?: number;
  readonly note?: string;
  readonly errors?: readonly (readonly LooseIssue[])[];
  readonly params?: { readonly fields?: readonly (readonly PropertyKey[])[] };
}

function toPath(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
}

function plural(count: number | bigint, noun: string): string {
  return `${count} ${noun}${Number(count) === 1 ? "" : "s"}`;
}

function sizeRule(issue: LooseIssue, bound: number | bigint, direction: "small" | "big"): string {
  const origin = issue.origin ?? "number";
  if (origin === "array" || origin === "set" || origin === "string") {
    const noun = origin === "string" ? "character" : "item";
    if (issue.exact === true) return `must have exactly ${plural(bound, noun)}`;
    if (origin === "string" && direction === "small" && Number(bound) === 1) return "must not be empty";
    return `must have ${direction === "small" ? "at least" : "at most"} ${plural(bound, noun)}`;
  }
  const strict = issue.inclusive === false;
  if (direction === "small") return strict ? `must be > ${bound}` : `must be >= ${bound}`;
  return strict ? `must be < ${bound}` : `must be <= ${bound}`;
}

/** Plain words for what an issue says is wrong (no path, no value). */
export function ruleOf(issue: LooseIssue, received: unknown): string {
  switch (issue.code) {
    case "too_small":
      return sizeRule(issue, issue.minimum ?? 0, "small");
    case "too_big":
      return sizeRule(issue, issue.maximum ?? 0, "big");
    case "invalid_type": {
      if (received === undefined) return "is required";
      const expected = issue.expected ?? "value";
      if ((expected === "number" || expected === "int") && typeof received === "number") {
        return expected === "int" ? "must be a whole number" : "must be a finite number";
      }
      return `must be ${describeExpected(expected)}`;
    }
    case "invalid_value": {
      const values = (issue.values ?? []).map((value) => JSON.stringify(value));
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(", ")}`;
    }
    case "invalid_union": {
      const options = new Set<string>();
      for (const branch of issue.errors ?? []) {
        const first = branch.find((inner) => inner.path.length === 0);
        if (first?.code === "invalid_type" && first.expected !== undefined) options.add(describeExpected(first.expected));
        else if (first !== undefined) options.add(ruleOf(first, received).replace(/^must be /, ""));
      }
      return options.size === 0 ? "does not match any allowed form" : `must be ${[...options].join(" or ")}`;
    }
    case "invalid_format":
      // A schema's own message (`must be a date written YYYY-MM-DD`) beats zod's default.
      if (!issue.message.startsWith("Invalid")) return issue.message;
      return issue.pattern !== undefined ? `must match ${issue.pattern}` : `must be a valid ${issue.format ?? "value"}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor ?? "?"}`;
    default:
      return issue.message;
  }
}

/** Where the values of a merged input came from, so that each problem names the file to fix. */
export interface Sources {
  /** The file (a parent scenario, `--set`) that wrote the value at `path`; undefined for a default. */
  readonly writerOf: (path: readonly PathSegment[]) => string | undefined;
  /** The label for problems in values that no source wrote: the scenario being loaded. */
  readonly fallback: string;
}

/**
 * The source to name for an issue. A rule across fields (a custom issue) may flag a default that
 * only another field makes wrong (a default endDay past a shortened festival): then the source
 * is the one that wrote a field the rule read (`params.fields`).
 */
function sourceOfIssue(issue: LooseIssue, path: readonly PathSegment[], input: unknown, sources: Sources): string {
  if (issue.code !== "custom") return sources.writerOf(path) ?? sources.fallback;
  const fields = (issue.params?.fields ?? []).map(toPath);
  for (const candidate of [path, ...fields]) {
    const writer = valueAt(input, candidate) === undefined ? undefined : sources.writerOf(candidate);
    if (writer !== undefined) return writer;
  }
  return sources.writerOf(path) ?? sources.fallback;
}

/** Turns zod issues into problem lines, each naming the source that wrote the value (see {@link Sources}). */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], input: unknown, sources: Sources): string[] {
  const loose = issues as unknown as readonly LooseIssue[];
  const lines: string[] = [];
  const pathsWithIssues = new Map<string, number>();
  const reported = new Set<string>();
  for (const issue of loose) {
    const key = formatPath(toPath(issue.path));
    pathsWithIssues.set(key, (pathsWithIssues.get(key) ?? 0) + 1);
  }
  for (const issue of loose) {
    const path = toPath(issue.path);
    const pathKey = formatPath(path);
    // zod adds a safe-integer bound to every .int(); next to the schema's own bound it only confuses.
    if (issue.note?.includes("safe integer") === true && (pathsWithIssues.get(pathKey) ?? 0) > 1) continue;
    if (issue.code === "unrecognized_keys") {
      const valid = keysAt(path);
      for (const key of issue.keys ?? []) {
        const keyPath = [...path, key];
        lines.push(pathProblem(sources.writerOf(keyPath) ?? sources.fallback, keyPath, unknownKeyRule(didYouMean(key, valid))));
      }
      continue;
    }
    // One rule per value: a date that is not YYYY-MM-DD is not also "not a real date".
    if (reported.has(pathKey)) continue;
    reported.add(pathKey);
    // Custom checks run on normalized values that may be defaults absent from the input, and
    // report what they computed (a sum); zod's other issues are best shown with the input as written.
    const written = valueAt(input, path);
    const received = issue.code === "custom" && issue.input !== undefined ? issue.input : written ?? issue.input;
    lines.push(problem(sourceOfIssue(issue, path, input, sources), path, ruleOf(issue, received), received));
  }
  return [...new Set(lines)];
}

/**
 * Validates a merged scenario input against the model schema.
 * @param sources who wrote each value, for the file each problem names.
 * @param extraProblems problems found before validation (reading, merging); reported first.
 * @throws InputError listing every problem, when there is any.
 */
export function validateMerged(
  input: unknown,
  sources: Sources,
  extraProblems: readonly string[] = [],
): ModelConfig {
  const result = modelConfigSchema.safeParse(input, { reportInput: true });
  const problems = [...extraProblems];
  if (!result.success) problems.push(...issuesToProblems(result.error.issues, input, sources));
  if (problems.length > 0) throw new InputError(problems);
  if (!result.success) throw new InputError(["unreachable: validation failed without problems"]);
  // zod hands out a default (the default segments, an empty coupon list) by reference: without a
  // copy, editing one loaded configuration's lists would change the defaults of every later one.
  return structuredClone(result.data);
}

/**
 * Validates a configuration built in code, with the same rules and messages as a file.
 * @param input anything; prototype keys and nesting beyond {@link MAX_DEPTH} are rejected.
 * @param file the label that starts each problem line (a file name, or what built the input).
 * @returns the normalized configuration, every default filled in.
 * @throws InputError listing every problem at once.
 */
export function validateConfig(input: unknown, file: string): ModelConfig {
  const problems: string[] = [];
  const clean = sanitize(input, file, problems);
  return validateMerged(clean, { writerOf: () => file, fallback: file }, problems);
}
