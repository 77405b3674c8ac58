/**
 * Loading a scenario file: the pipeline from disk to a normalized configuration.
 *
 *   read (size, encoding, syntax) → sanitize (prototype keys, depth)
 *     → extends chain, root parent first (cycles, missing parents)
 *     → deep merge (mappings merge, lists replace, the child wins)
 *     → --set overrides → name defaults to the file name
 *     → modelConfigSchema (every problem at once) → sha256 of the canonical normalized config
 *
 * Each problem names the file that wrote the offending value (a parent, or `--set`), so the
 * strategist knows where the fix goes.
 */
import { realpath } from "node:fs/promises";
import * as path from "node:path";
import { InputError } from "../errors.js";
import type { ModelConfig } from "../market/parameters.js";
import { configHash } from "./hash.js";
import { problem, SET_SOURCE, type PathSegment } from "./messages.js";
import { readScenarioFile } from "./read.js";
import { applySet, parseSetOption } from "./set.js";
import { validateMerged } from "./validate.js";

/** A scenario read, merged and validated. */
export interface LoadedScenario {
  /** The file as passed to {@link loadScenario}. */
  readonly file: string;
  /** The scenario's name: its `name`, else the file name without extension. */
  readonly name: string;
  /** The normalized configuration, every default filled in. */
  readonly config: ModelConfig;
  /** sha256 (hex) of the canonical JSON of `config`: equal hashes, equal models. */
  readonly hash: string;
  /** The merged input before defaults (parents merged, `extends` removed, overrides applied). */
  readonly input: unknown;
}

/** Options of {@link loadScenario}. */
export interface LoadOptions {
  /** `path=value` overrides applied after merging, in order (`levers.boost.multiplier=2`). */
  readonly sets?: readonly string[];
}

/** Parents deeper than this are surely a mistake (and keep a long chain from exhausting files). */
const MAX_EXTENDS_DEPTH = 32;

/** Keys that describe one file and so are not inherited from a parent. */
const OWN_KEYS = ["name", "description"] as const;

interface ChainLink {
  readonly label: string;
  readonly data: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Loads a scenario file (YAML or JSON), resolving `extends` and applying `--set` overrides.
 * @param file path of a `.yaml`, `.yml` or `.json` file; parents resolve relative to it.
 * @throws InputError listing every problem, one per line: `file: path: rule (got value)`.
 */
export async function loadScenario(file: string, options: LoadOptions = {}): Promise<LoadedScenario> {
  const problems: string[] = [];
  const chain = await readChain(file, file, [], problems);
  if (chain === undefined) throw new InputError(problems);

  const origins = new Origins();
  const merged: Record<string, unknown> = {};
  chain.forEach((link, index) => {
    const data = index === chain.length - 1 ? link.data : withoutOwnKeys(link.data);
    mergeInto(merged, data, [], (at) => origins.record(at, link.label));
  });

  for (const text of options.sets ?? []) {
    const parsed = parseSetOption(text);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const failure = applySet(merged, parsed.override, (at, defaults) => origins.record(at, defaults ? undefined : SET_SOURCE));
    if (failure !== undefined) problems.push(failure);
  }

  if (merged.name === undefined) merged.name = path.basename(file, path.extname(file));

  const config = validateMerged(merged, { writerOf: (at) => origins.writerOf(at), fallback: file }, problems);
  return { file, name: config.name, config, hash: configHash(config), input: merged };
}

function withoutOwnKeys(data: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...data };
  for (const key of OWN_KEYS) delete copy[key];
  return copy;
}

/**
 * Reads `file` and its ancestors, root ancestor first.
 * @param seen labels and real paths of the descendants being read, to detect cycles.
 * @returns undefined when a file cannot be read (its problems are in `problems`).
 */
async function readChain(
  file: string,
  label: string,
  seen: readonly { label: string; real: string }[],
  problems: string[],
): Promise<ChainLink[] | undefined> {
  const result = await readScenarioFile(file, label);
  problems.push(...result.problems);
  if (!result.ok || !isRecord(result.data)) return undefined;
  const data = { ...result.data };
  const parentText = data.extends;
  // Editor metadata, not model settings: it must not change the config or its hash.
  delete data.extends;
  delete data.$schema;
  const link: ChainLink = { label, data };
  if (parentText === undefined) return [link];

  if (typeof parentText !== "string" || parentText.trim() === "") {
    problems.push(problem(label, ["extends"], "must be the path of a parent scenario, relative to this file", parentText));
    return undefined;
  }
  const real = await realpath(file).catch(() => path.resolve(file));
  const trail = [...seen, { label, real }];
  if (trail.length > MAX_EXTENDS_DEPTH) {
    problems.push(problem(label, ["extends"], `more than ${MAX_EXTENDS_DEPTH} generations of parents`, parentText));
    return undefined;
  }
  const parentFile = path.resolve(path.dirname(file), parentText);
  const parentLabel = path.normalize(path.join(path.dirname(label), parentText));
  let parentReal: string;
  try {
    parentReal = await realpath(parentFile);
  } catch {
    problems.push(problem(label, ["extends"], `parent scenario not found: ${parentLabel}`, parentText));
    return undefined;
  }
  const cycleStart = trail.findIndex((entry) => entry.real === parentReal);
  if (cycleStart >= 0) {
    const cycle = [...trail.slice(cycleStart).map((entry) => entry.label), parentLabel].join(" → ");
    problems.push(problem(label, ["extends"], `cycle: ${cycle}`, parentText));
    return undefined;
  }
  const parents = await readChain(parentFile, parentLabel, trail, problems);
  return parents === undefined ? undefined : [...parents, link];
}

/** A node of {@link Origins}: what was recorded at one path, and the paths below it. */
interface OriginNode {
  recorded: boolean;
  source: string | undefined;
  readonly children: Map<PathSegment, OriginNode>;
}

function originNode(): OriginNode {
  return { recorded: false, source: undefined, children: new Map() };
}

/**
 * Which source (a file, `--set`) wrote each value of the merged input. A value is recorded where
 * it was assigned whole; a mapping merged key by key keeps the source that first wrote it, and
 * the keys merged into it are recorded one by one.
 */
class Origins {
  private readonly root = originNode();

  /** Records that `source` (undefined: the schema's defaults) replaced the value at `at`. */
  record(at: readonly PathSegment[], source: string | undefined): void {
    let node = this.root;
    for (const segment of at) {
      let child = node.children.get(segment);
      if (child === undefined) node.children.set(segment, (child = originNode()));
      node = child;
    }
    node.recorded = true;
    node.source = source;
    // What earlier sources wrote inside the replaced value is gone with it.
    node.children.clear();
  }

  /** The source that wrote the value at `at` (or the value holding it); undefined for a default. */
  writerOf(at: readonly PathSegment[]): string | undefined {
    let node: OriginNode | undefined = this.root;
    let source: string | undefined;
    for (const segment of at) {
      node = node.children.get(segment);
      if (node === undefined) break;
      if (node.recorded) source = node.source;
    }
    return source;
  }
}

/**
 * Deep-merges `source` into `target`: mappings merge key by key, lists and single values
 * replace, the source wins. Values are already fresh sanitized copies, so they are moved, not
 * cloned; prototype keys were removed when the files were read.
 * @param markSource called for each value assigned (not for the mappings merged into).
 */
function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  at: readonly PathSegment[],
  markSource: (path: readonly PathSegment[]) => void,
): void {
  for (const key of Object.keys(source)) {
    const here = [...at, key];
    const incoming = source[key];
    const existing = target[key];
    if (isRecord(incoming) && isRecord(existing)) {
      mergeInto(existing, incoming, here, markSource);
    } else {
      target[key] = incoming;
      markSource(here);
    }
  }
}
