/**
 * Walks the zod schema of the model configuration by path, to learn which keys are valid at a
 * spot (for did-you-mean) and whether a `--set` path exists. Reads zod's `_zod.def`, the
 * documented way to introspect zod 4 schemas.
 */
import type { z } from "zod";
import { modelConfigSchema } from "../market/parameters.js";
import type { PathSegment } from "./messages.js";

/** The parts of a zod 4 definition this walk reads. */
interface Definition {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
}

function definitionOf(schema: z.ZodType): Definition {
  return (schema as unknown as { _zod: { def: Definition } })._zod.def;
}

/** Strips the wrappers that do not change the shape of a value: defaults, optional, pipes. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let guard = 0; guard < 32; guard++) {
    const definition = definitionOf(current);
    const inner = definition.innerType ?? (definition.type === "pipe" ? definition.in : undefined);
    if (inner === undefined) return current;
    current = inner;
  }
  return current;
}

/** What a schema holds, for the walk: a mapping with known keys, a list, or anything else. */
export type SchemaKind =
  | { readonly kind: "object"; readonly shape: Record<string, z.ZodType> }
  | { readonly kind: "array"; readonly element: z.ZodType }
  | { readonly kind: "leaf"; readonly type: string };

/** Classifies a schema after unwrapping it. */
export function kindOf(schema: z.ZodType): SchemaKind {
  const definition = definitionOf(unwrap(schema));
  if (definition.type === "object" && definition.shape !== undefined) return { kind: "object", shape: definition.shape };
  if (definition.type === "array" && definition.element !== undefined) return { kind: "array", element: definition.element };
  return { kind: "leaf", type: definition.type };
}

/**
 * The schema at `path` in the model configuration, or undefined when the path leaves the
 * schema (an unknown key, an index into a mapping).
 */
export function schemaAt(path: readonly PathSegment[], root: z.ZodType = modelConfigSchema): z.ZodType | undefined {
  let current: z.ZodType = root;
  for (const segment of path) {
    const kind = kindOf(current);
    if (kind.kind === "object" && typeof segment === "string" && Object.hasOwn(kind.shape, segment)) {
      current = kind.shape[segment]!;
    } else if (kind.kind === "array" && typeof segment === "number") {
      current = kind.element;
    } else {
      return undefined;
    }
  }
  return current;
}

/** The keys valid in the mapping at `path`, or none when the path is not a known mapping. */
export function keysAt(path: readonly PathSegment[]): string[] {
  const schema = schemaAt(path);
  if (schema === undefined) return [];
  const kind = kindOf(schema);
  return kind.kind === "object" ? Object.keys(kind.shape) : [];
}
