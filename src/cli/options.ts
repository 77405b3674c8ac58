/**
 * Checking flag values. Every flag is parsed as text by yargs and checked here, so each mistake
 * gets one message of the form `--flag: what it must be (got "value")` — the same shape as the
 * scenario messages, with the flag in place of the file — and all of a command's mistakes are
 * reported at once.
 */
import { InputError } from "../errors.js";
import type { DesignValue, SweepParam } from "../experiment/design/index.js";
import type { Shard } from "../experiment/plan.js";
import { KPIS } from "../market/result.js";
import { didYouMean } from "../scenario/did-you-mean.js";

/** Collects problems so a command reports every bad flag at once. */
export class Problems {
  readonly lines: string[] = [];
  add(flag: string, rule: string, got: unknown): void {
    this.lines.push(`${flag}: ${rule} (got ${JSON.stringify(got)})`);
  }
  /** @throws {InputError} when any problem was added. */
  throwIfAny(): void {
    if (this.lines.length > 0) throw new InputError(this.lines);
  }
}

/** A flag's single value: yargs gives an array when a flag is repeated. */
function single(problems: Problems, flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    problems.add(flag, "may be given only once", value);
    return undefined;
  }
  return String(value);
}

/** A folder flag (--out, --resume): given once and not blank, or undefined when not given. */
export function folderOption(problems: Problems, flag: string, value: unknown, rule = "must name a folder"): string | undefined {
  const text = single(problems, flag, value);
  if (text === undefined) return undefined;
  if (text.trim() === "") {
    problems.add(flag, rule, text);
    return undefined;
  }
  return text;
}

/** A whole number in [min, max], or undefined when the flag was not given. */
export function wholeNumber(problems: Problems, flag: string, value: unknown, min: number, max: number): number | undefined {
  const text = single(problems, flag, value);
  if (text === undefined) return undefined;
  const number = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    problems.add(flag, max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`, text);
    return undefined;
  }
  return number;
}

/** `--seed`: text, or a number when it is written as an integer (so `--seed 116` equals the default seed 116). */
export function seedOption(problems: Problems, value: unknown): string | number | undefined {
  const text = single(problems, "--seed", value);
  if (text === undefined) return undefined;
  if (text.trim() === "" || text.includes("/")) {
    problems.add("--seed", "must be a non-empty text or integer without \"/\"", text);
    return undefined;
  }
  return /^-?\d{1,15}$/.test(text) ? Number(text) : text;
}

/** `--delta`: a number strictly between 0 and 1. */
export function deltaOption(problems: Problems, value: unknown): number | undefined {
  const text = single(problems, "--delta", value);
  if (text === undefined) return undefined;
  const number = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : Number.NaN;
  if (!(number > 0 && number < 1)) {
    problems.add("--delta", "must be a number between 0 and 1, exclusive", text);
    return undefined;
  }
  return number;
}

/** A flag with a fixed set of choices. */
export function choiceOption<T extends string>(problems: Problems, flag: string, value: unknown, choices: readonly T[]): T | undefined {
  const text = single(problems, flag, value);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    problems.add(flag, `must be ${choices.slice(0, -1).join(", ")}${choices.length > 1 ? " or " : ""}${choices[choices.length - 1]}`, text);
    return undefined;
  }
  return text as T;
}

/** The value a `--param` list entry stands for: a number, a boolean, else the text. */
export function designValue(text: string): DesignValue {
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (text === "true") return true;
  if (text === "false") return false;
  return text;
}

/** `--param path=v1,v2,…` (repeatable). */
export function paramOptions(problems: Problems, value: unknown): SweepParam[] {
  const texts = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  const params: SweepParam[] = [];
  for (const text of texts) {
    const equals = text.indexOf("=");
    if (equals <= 0) {
      problems.add("--param", "must be written path=v1,v2,…, e.g. levers.boost.multiplier=1,1.5,2", text);
      continue;
    }
    const path = text.slice(0, equals).trim();
    const list = text.slice(equals + 1);
    if (list.trim() === "") {
      problems.add("--param", `${path}: needs at least one value`, text);
      continue;
    }
    const items = list.split(",").map((item) => item.trim());
    if (items.some((item) => item === "")) {
      problems.add("--param", `${path}: values must not be empty`, text);
      continue;
    }
    params.push({ path, values: items.map(designValue) });
  }
  return params;
}

/** A comma-separated list flag, possibly repeated (`--kpi gmv,orders --kpi netGmv`). */
export function listOption(value: unknown): string[] {
  const texts = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  return texts.flatMap((text) => text.split(",")).map((item) => item.trim());
}

/** `--kpi`: KPI names, checked against the model's list with a suggestion. */
export function kpiOption(problems: Problems, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const names = listOption(value);
  const known: readonly string[] = KPIS;
  for (const name of names) {
    if (!known.includes(name)) {
      const suggestion = didYouMean(name, known);
      problems.add("--kpi", suggestion === undefined ? `unknown KPI; KPIs are ${known.join(", ")}` : `unknown KPI; did you mean ${suggestion}?`, name);
    }
  }
  return names;
}

/** `--shard i/n`. */
export function shardOption(problems: Problems, value: unknown): Shard | undefined {
  const text = single(problems, "--shard", value);
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !(count >= 1 && count <= 100_000 && index >= 1 && index <= count)) {
    problems.add("--shard", "must be i/n with 1 ≤ i ≤ n, e.g. 2/8", text);
    return undefined;
  }
  return { index, count };
}

/**
 * The shard a batch scheduler assigned, when `--shard` is not given: Slurm job arrays
 * (`SLURM_ARRAY_TASK_ID` from `SLURM_ARRAY_TASK_MIN`, default 0, and `SLURM_ARRAY_TASK_COUNT`)
 * or Kubernetes Indexed Jobs (`JOB_COMPLETION_INDEX`, 0-based, with the count in
 * `FUNNELSIM_SHARD_COUNT`, which the Job sets to its `completions`).
 */
export function shardFromEnvironment(problems: Problems, env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  const slurmId = env["SLURM_ARRAY_TASK_ID"];
  const slurmCount = env["SLURM_ARRAY_TASK_COUNT"];
  if (slurmId !== undefined && slurmCount !== undefined) {
    const min = Number(env["SLURM_ARRAY_TASK_MIN"] ?? "0");
    const index = Number(slurmId) - min + 1;
    const count = Number(slurmCount);
    if (!(Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count)) {
      problems.add("SLURM_ARRAY_TASK_ID", `must lie in the array's ${count} tasks from SLURM_ARRAY_TASK_MIN ${min}`, slurmId);
      return undefined;
    }
    return { index, count };
  }
  const k8sIndex = env["JOB_COMPLETION_INDEX"];
  if (k8sIndex !== undefined) {
    const countText = env["FUNNELSIM_SHARD_COUNT"];
    if (countText === undefined) {
      problems.add("JOB_COMPLETION_INDEX", "needs FUNNELSIM_SHARD_COUNT (the Job's completions) to know the number of shards", k8sIndex);
      return undefined;
    }
    const index = Number(k8sIndex) + 1;
    const count = Number(countText);
    if (!(Number.isInteger(index) && Number.isInteger(count) && index >= 1 && index <= count)) {
      problems.add("JOB_COMPLETION_INDEX", `must be from 0 to FUNNELSIM_SHARD_COUNT − 1 (${count - 1})`, k8sIndex);
      return undefined;
    }
    return { index, count };
  }
  return undefined;
}
