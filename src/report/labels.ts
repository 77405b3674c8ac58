/**
 * How the report names scenarios and sweep points. The experiment layer names each arm of a
 * sweep or sensitivity design `<scenario>@<path>=<value>,<path>=<value>`: unique, but long, the
 * same up to the last characters (a legend cuts them all to one text), and it carries the float
 * noise of computed values (0.20400000000000001). The report shows an arm by the values that
 * tell it from the other arms, under short parameter names: `multiplier=2, cartRate=0.204`.
 * The CSV and JSON files keep the full names; only what the report displays changes.
 */
import { formatParamValue } from "./format.js";

/** One `path=value` of an arm's name, the value as its text. */
type Assignment = readonly [path: string, value: string];

/** An arm of a design: the scenario it varies and the values it sets. */
interface Arm {
  readonly base: string;
  readonly assignments: readonly Assignment[];
}

/** A parameter path as the experiment layer writes it: `levers.boost.multiplier`, `levers.coupons.0.faceValue`. */
const PATH = /^[A-Za-z_$][\w$]*(?:\.[\w$]+|\[\d+\])*$/;

/** Splits an arm's point id at the commas that start a new `path=` (a value may hold a comma). */
const NEXT_ASSIGNMENT = /,(?=[A-Za-z_$][\w$.[\]]*=)/;

/** The arm a scenario name stands for, or undefined for a plain scenario name. */
function parseArm(name: string): Arm | undefined {
  const at = name.indexOf("@");
  if (at <= 0) return undefined;
  const assignments: Assignment[] = [];
  for (const part of name.slice(at + 1).split(NEXT_ASSIGNMENT)) {
    const equals = part.indexOf("=");
    const path = part.slice(0, equals);
    if (equals <= 0 || !PATH.test(path)) return undefined;
    assignments.push([path, part.slice(equals + 1)]);
  }
  return assignments.length === 0 ? undefined : { base: name.slice(0, at), assignments };
}

/**
 * The shortest trailing part of each path that no other path ends with:
 * `levers.boost.multiplier` → `multiplier`, but `a.boost.share` and `b.launches.share` keep
 * `boost.share` and `launches.share`.
 */
export function shortPaths(paths: readonly string[]): Map<string, string> {
  const unique = [...new Set(paths)];
  const segments = new Map(unique.map((path) => [path, path.replace(/\[(\d+)\]/g, ".$1").split(".")]));
  const out = new Map<string, string>();
  for (const path of unique) {
    const own = segments.get(path) ?? [path];
    let short = path;
    for (let count = 1; count <= own.length; count += 1) {
      const tail = own.slice(-count).join(".");
      const clash = unique.some((other) => other !== path && (segments.get(other) ?? []).slice(-count).join(".") === tail);
      if (!clash) {
        short = tail;
        break;
      }
    }
    out.set(path, short);
  }
  return out;
}

/** `short=value, short=value` of some values, numbers written to 6 significant digits. */
export function valuesLabel(values: readonly (readonly [string, unknown])[], short: ReadonlyMap<string, string>): string {
  return values.map(([path, value]) => `${short.get(path) ?? path}=${formatParamValue(value)}`).join(", ");
}

/**
 * The label of each scenario name: a plain scenario keeps its name; an arm is labelled by the
 * parameters whose values differ between the arms (all of them when none differ), under short
 * paths, with the scenario name in front only when the arms vary more than one scenario. Labels
 * are unique: should two come out the same, those arms keep their full names.
 */
export function scenarioLabels(names: readonly string[]): Map<string, string> {
  const arms = new Map<string, Arm>();
  for (const name of names) {
    const arm = parseArm(name);
    if (arm !== undefined) arms.set(name, arm);
  }
  const paths = [...new Set([...arms.values()].flatMap((arm) => arm.assignments.map(([path]) => path)))];
  const valueOf = (arm: Arm, path: string) => arm.assignments.find(([own]) => own === path)?.[1];
  const varying = paths.filter((path) => new Set([...arms.values()].map((arm) => formatParamValue(valueOf(arm, path) ?? ""))).size > 1);
  const shown = varying.length > 0 ? varying : paths;
  const short = shortPaths(shown);
  const bases = new Set([...arms.values()].map((arm) => arm.base));
  const labels = new Map<string, string>();
  for (const name of names) {
    const arm = arms.get(name);
    if (arm === undefined) {
      labels.set(name, name);
      continue;
    }
    const label = valuesLabel(arm.assignments.filter(([path]) => shown.includes(path)), short);
    labels.set(name, bases.size > 1 ? `${arm.base}: ${label}` : label);
  }
  const counts = new Map<string, number>();
  for (const label of labels.values()) counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const [name, label] of labels) if ((counts.get(label) ?? 0) > 1) labels.set(name, name);
  return labels;
}

/** The scenarios that are not arms of a design, and how many arms there are: what a page's header lists. */
export function scenarioSummary(names: readonly string[]): { readonly scenarios: string[]; readonly arms: number } {
  const scenarios: string[] = [];
  let arms = 0;
  for (const name of names) {
    const arm = parseArm(name);
    if (arm === undefined) {
      if (!scenarios.includes(name)) scenarios.push(name);
    } else {
      arms += 1;
      if (!scenarios.includes(arm.base)) scenarios.push(arm.base);
    }
  }
  return { scenarios, arms };
}
