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
