/**
 * Reading one scenario file into plain data: size, type, encoding and syntax checks, with
 * every failure a problem line rather than an exception from fs, yaml or JSON.
 */
import { open, stat } from "node:fs/promises";
import * as path from "node:path";
import YAML, { Lexer } from "yaml";
import { fileProblem, syntaxProblem } from "./messages.js";
import { MAX_DEPTH, sanitize } from "./validate.js";

/**
 * Largest scenario file accepted. Real scenarios are a few KiB; yaml needs seconds per MiB
 * of flow mappings on our machines, so a larger file is a mistake or an attack, not a plan.
 */
export const MAX_FILE_BYTES = 256 * 1024;

/** yaml's guard against alias bombs (billion laughs): more alias expansions than this fail. */
const MAX_ALIAS_COUNT = 100;

/** The scenario formats, by extension. */
export type ScenarioFormat = "yaml" | "json";

/** The format for a file name, or undefined for an extension we do not read. */
export function formatOf(file: string): ScenarioFormat | undefined {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".yaml" || extension === ".yml") return "yaml";
  if (extension === ".json") return "json";
  return undefined;
}

/** What reading a file gave: its data, or the problems that stopped it. */
export type ReadResult = { readonly ok: true; readonly data: unknown; readonly problems: readonly string[] } | { readonly ok: false; readonly problems: readonly string[] };

function failed(...problems: string[]): ReadResult {
  return { ok: false, problems };
}

function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "ENOENT":
      return "file not found";
    case "EACCES":
    case "EPERM":
      return "cannot read the file (permission denied)";
    case "EISDIR":
      return "is a directory, not a scenario file";
    case "ENOTDIR":
      return "file not found (a part of the path is not a directory)";
    case "ELOOP":
      return "cannot read the file (too many symbolic links)";
    case "ENAMETOOLONG":
      return "file name too long";
    default:
      return `cannot read the file (${typeof code === "string" ? code : String(error)})`;
  }
}

/** Reads at most `limit + 1` bytes, so a file that grows after stat() still cannot flood us. */
async function readBounded(file: string, limit: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(limit + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a scenario file from disk and parses it.
 * @param file the path to open.
 * @param label how problems name the file.
 */
export async function readScenarioFile(file: string, label: string): Promise<ReadResult> {
  const format = formatOf(file);
  if (format === undefined) {
    return failed(fileProblem(label, `unsupported file type ${JSON.stringify(path.extname(file) || "(none)")}: write the scenario as .yaml, .yml or .json`));
  }
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) return failed(fileProblem(label, "is a directory, not a scenario file"));
    // FIFOs and devices could block forever or never end.
    if (!info.isFile()) return failed(fileProblem(label, "is not a regular file"));
    if (info.size > MAX_FILE_BYTES) return failed(tooLarge(label, info.size));
    bytes = await readBounded(file, MAX_FILE_BYTES);
  } catch (error) {
    return failed(fileProblem(label, describeFsError(error)));
  }
  if (bytes.length > MAX_FILE_BYTES) return failed(tooLarge(label, bytes.length));
  return parseScenarioBytes(bytes, format, label);
}

function tooLarge(label: string, size: number): string {
  return fileProblem(label, `file is too large (${size} bytes; the limit is ${MAX_FILE_BYTES} bytes)`);
}

/**
 * Decodes and parses scenario bytes. Pure: no I/O, usable on text from anywhere.
 * @param label how problems name the source.
 */
export function parseScenarioBytes(bytes: Uint8Array, format: ScenarioFormat, label: string): ReadResult {
  if (bytes.includes(0)) return failed(fileProblem(label, "is a binary file, not a scenario (it contains NUL bytes)"));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return failed(fileProblem(label, "is not UTF-8 text (save the scenario as UTF-8)"));
  }
  return parseScenarioText(text, format, label);
}

/** Parses scenario text (YAML or JSON) into sanitized plain data. */
export function parseScenarioText(text: string, format: ScenarioFormat, label: string): ReadResult {
  if (text.trim() === "") return failed(fileProblem(label, "file is empty (a scenario needs at least one setting, e.g. extends: ./baseline.yaml)"));
  const parsed = format === "json" ? parseJson(text, label) : parseYaml(text, label);
  if (!parsed.ok) return parsed;
  if (parsed.data === null || parsed.data === undefined) {
    return failed(fileProblem(label, "has no settings, only comments (a scenario needs at least one setting)"));
  }
  if (typeof parsed.data !== "object" || Array.isArray(parsed.data)) {
    return failed(fileProblem(label, `the top level must be a mapping of settings (key: value), not ${Array.isArray(parsed.data) ? "a list" : `a single value`}`));
  }
  const problems: string[] = [];
  const data = sanitize(parsed.data, label, problems);
  return { ok: true, data, problems };
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text.charCodeAt(index) === 10) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Deepest nesting of `[` and `{` outside strings, stopping once past the limit. */
function jsonNesting(text: string): { depth: number; offset: number } {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 || char === 123) {
      if (++depth > MAX_DEPTH) return { depth, offset: index };
    } else if (char === 93 || char === 125) depth = Math.max(0, depth - 1);
  }
  return { depth, offset: -1 };
}

function parseJson(text: string, label: string): ReadResult {
  const nesting = jsonNesting(text);
  if (nesting.depth > MAX_DEPTH) {
    const { line, column } = lineAndColumn(text, nesting.offset);
    return failed(syntaxProblem(label, line, column, `nested deeper than ${MAX_DEPTH} levels`));
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    // Node 20 words: "Unexpected token '}', \"…snippet…\" is not valid JSON" or "… in JSON at position 8".
    const what = message.split(/, "|,\s*\.\.\.| in JSON at position /)[0] ?? message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const where = position !== undefined ? lineAndColumn(text, Number(position)) : yamlErrorPosition(text);
    return failed(where === undefined ? fileProblem(label, `invalid JSON: ${what}`) : syntaxProblem(label, where.line, where.column, `invalid JSON: ${what}`));
  }
  // JSON.parse keeps the last of two equal keys without a word; YAML refuses them, and so do we.
  const duplicates = jsonDuplicateKeys(text).map(({ key, offset }) => {
    const { line, column } = lineAndColumn(text, offset);
    return syntaxProblem(label, line, column, `duplicate key ${JSON.stringify(key)} (keys must be unique)`);
  });
  return duplicates.length > 0 ? failed(...duplicates) : { ok: true, data, problems: [] };
}

/**
 * Keys written twice in one JSON object, with the offset of each repeat. Only for text that
 * JSON.parse accepted: a string followed by `:` is then a key, and `{`/`[` outside strings open
 * an object or a list.
 */
function jsonDuplicateKeys(text: string): { key: string; offset: number }[] {
  const duplicates: { key: string; offset: number }[] = [];
  // One entry per open object (the keys seen) or list (undefined).
  const open: (Set<string> | undefined)[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 123 /* { */) open.push(new Set());
    else if (char === 91 /* [ */) open.push(undefined);
    else if (char === 125 /* } */ || char === 93 /* ] */) open.pop();
    else if (char === 34 /* " */) {
      const start = index;
      for (index++; text.charCodeAt(index) !== 34; index++) if (text.charCodeAt(index) === 92 /* \ */) index++;
      const keys = open.at(-1);
      if (keys === undefined) continue;
      let next = index + 1;
      while (/[ \t\r\n]/.test(text.charAt(next))) next++;
      if (text.charAt(next) !== ":") continue;
      // Decoded, so "a" and "\u0061" are the same key, as JSON.parse sees them.
      const key = JSON.parse(text.slice(start, index + 1)) as string;
      if (keys.has(key)) duplicates.push({ key, offset: start });
      keys.add(key);
    }
  }
  return duplicates;
}

/**
 * Where yaml (a JSON superset) first stumbles, for JSON errors whose message gives no position.
 * Only reached for small (size-limited) files that already failed JSON.parse.
 */
function yamlErrorPosition(text: string): { line: number; column: number } | undefined {
  const position = YAML.parseDocument(text, { schema: "json" }).errors[0]?.linePos?.[0];
  return position === undefined ? undefined : { line: position.line, column: position.col };
}

/**
 * Deepest flow nesting (`[`, `{`) in YAML, from yaml's own lexer so quotes and comments count
 * right. Needed before parsing: yaml's composer recurses and runs out of memory on ~10^5 levels.
 * Block nesting needs indentation, so the size limit already bounds it.
 */
function yamlFlowNesting(text: string): number {
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === "[" || token === "{") {
      if (++depth > MAX_DEPTH) return depth;
    } else if (token === "]" || token === "}") depth = Math.max(0, depth - 1);
  }
  return depth;
}

/**
 * Parses YAML text into plain data (not yet sanitized), with the nesting and alias guards.
 * @param label how problems name the source.
 */
export function parseYaml(text: string, label: string): ReadResult {
  if (yamlFlowNesting(text) > MAX_DEPTH) return failed(fileProblem(label, `nested deeper than ${MAX_DEPTH} levels`));
  let document: YAML.Document.Parsed;
  try {
    document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    return failed(fileProblem(label, `cannot parse YAML: ${firstLine((error as Error).message)}`));
  }
  if (document.errors.length > 0) {
    return failed(
      ...document.errors.map((error) => {
        const position = error.linePos?.[0];
        const what = `${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, "")}`;
        return position === undefined ? fileProblem(label, what) : syntaxProblem(label, position.line, position.col, what);
      }),
    );
  }
  const unreadable = unreadableNodes(document).map(({ offset, what }) => {
    const { line, column } = lineAndColumn(text, offset);
    return syntaxProblem(label, line, column, what);
  });
  if (unreadable.length > 0) return failed(...unreadable);
  try {
    return { ok: true, data: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown, problems: [] };
  } catch (error) {
    const message = (error as Error).message;
    if (/alias/i.test(message)) return failed(fileProblem(label, "too many alias expansions (a YAML alias bomb?); write the values out"));
    return failed(fileProblem(label, `cannot read YAML: ${firstLine(message)}`));
  }
}

/**
 * What yaml parses but cannot turn into scenario data, with the offset of each: an alias whose
 * anchor is not defined before it (toJS would throw without a position), and a key that is a
 * list or mapping (toJS would stringify it and print a warning of its own).
 */
function unreadableNodes(document: YAML.Document.Parsed): { offset: number; what: string }[] {
  const found: { offset: number; what: string }[] = [];
  // Anchors defined so far, in document order: an alias sees only the anchors before it.
  const anchors = new Map<string, unknown>();
  YAML.visit(document, {
    Node(_key, node) {
      if (YAML.isAlias(node)) {
        if (!anchors.has(node.source)) {
          found.push({ offset: node.range?.[0] ?? 0, what: `alias *${node.source} refers to an unknown anchor (no &${node.source} before it)` });
        }
      } else if (node.anchor !== undefined) {
        anchors.set(node.anchor, node);
      }
    },
    Pair(_key, pair) {
      const key = YAML.isAlias(pair.key) ? anchors.get(pair.key.source) : pair.key;
      if (YAML.isCollection(key)) {
        const offset = YAML.isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
        found.push({ offset, what: "a key must be a single value, not a list or mapping" });
      }
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0] ?? message;
}
