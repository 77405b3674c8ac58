/**
 * The few error classes funnelsim throws on purpose. The CLI maps them to exit codes:
 * {@link InputError} (bad input from the user) → 2 with no stack trace; anything else is a bug → 1.
 */

/** Bad input from the user: a scenario, a flag, a file. Each problem is one line. */
export class InputError extends Error {
  /** Every problem found, each formatted `file: path.to.field: what is wrong (got value)`. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[] | string) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.name = "InputError";
    this.problems = list;
  }
}

/** Misuse of a library object (the kernel, a sampler): names the object and the rule broken. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A run was stopped on request (SIGINT/SIGTERM); finished work is on disk. */
export class InterruptedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InterruptedError";
  }
}

const MAX_LISTED_ITEMS = 10;

/**
 * Renders a received value for a message: numbers as written (-0 as 0), strings quoted, lists
 * (and typed arrays) cut to their first ten items.
 */
export function formatValue(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, MAX_LISTED_ITEMS).map(formatValue);
    // A million-merchant weight vector must not become a megabyte-long message.
    if (items.length > MAX_LISTED_ITEMS) shown.push(`… ${items.length - MAX_LISTED_ITEMS} more`);
    return `[${shown.join(", ")}]`;
  }
  if (typeof value === "function") return "a function";
  if (value === undefined) return "undefined";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `owner: what must hold (got value)` — the one shape every library misuse message takes. */
export function ruleBroken(owner: string, rule: string, got: unknown): string {
  return `${owner}: ${rule} (got ${formatValue(got)})`;
}
