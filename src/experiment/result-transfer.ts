/**
 * A simulation result in the form it crosses from a pool worker to the main thread. Structured
 * clone copies an array of objects field by field on both sides: a result of 3,000 users (its
 * product ledger a few thousand rows, its daily series a hundred arrays) took ≈ 11 ms to clone,
 * a few percent of a replication, and the worker's part of it delays its next unit. Packed, the
 * ledger and the series are a handful of typed arrays, which structured clone copies whole.
 *
 * Copied, not transferred: a transfer detaches the worker's buffers, and the first detached
 * ArrayBuffer in a thread invalidates V8's detaching protector there — every optimized function
 * that reads a typed array is thrown away and compiled again with a detach check at each read.
 * A worker then ran its next replication ≈ 0.3 s slower (3,000 users, 0.75 s against 0.43 s),
 * more than the copy of a few hundred kilobytes costs over its whole run.
 *
 * {@link unpackResult} rebuilds the same object — same keys in the same order, the same numbers
 * to the bit (−0 and NaN included) — so outputs do not depend on how many workers ran. A ledger
 * row with fields other than {@link ProductRow}'s is not packed at all: the result then travels
 * as it is, slower but the same.
 */
import type { ProductRow, SimulationResult } from "../market/result.js";

/** ProductRow's fields, in the order the model writes them. */
const PRODUCT_FIELDS = ["product", "merchant", "merchantType", "category", "launchDay", "registered", "orders", "gmv", "realProducts"] as const;
/** The numeric fields, stored one after another in `numbers` (launchDay's null as a flag). */
const NUMERIC = ["product", "merchant", "launchDay", "orders", "gmv", "realProducts"] as const;

interface PackedProducts {
  readonly count: number;
  readonly numbers: Float64Array;
  /** Per row: bit 0 registered, bit 1 launchDay is null. */
  readonly flags: Uint8Array;
  readonly merchantTypes: readonly string[];
  readonly merchantType: Uint16Array;
  readonly categories: readonly string[];
  readonly category: Uint16Array;
}

interface PackedDaily {
  readonly names: readonly string[];
  readonly lengths: Uint32Array;
  readonly values: Float64Array;
}

/** A result with its ledger and daily series packed; everything else as it was. */
export interface PackedResult {
  readonly packed: true;
  readonly rest: Omit<SimulationResult, "products" | "daily">;
  /** The result's keys in order (where products and daily go back). */
  readonly keys: readonly string[];
  readonly products: PackedProducts;
  readonly daily: PackedDaily;
}

function rowIsPlain(row: ProductRow): boolean {
  const keys = Object.keys(row);
  if (keys.length !== PRODUCT_FIELDS.length) return false;
  for (let index = 0; index < keys.length; index++) if (keys[index] !== PRODUCT_FIELDS[index]) return false;
  return typeof row.merchantType === "string" && typeof row.category === "string" && typeof row.registered === "boolean" && (row.launchDay === null || typeof row.launchDay === "number");
}

function indexOf(table: string[], lookup: Map<string, number>, value: string): number {
  let index = lookup.get(value);
  if (index === undefined) {
    index = table.length;
    table.push(value);
    lookup.set(value, index);
  }
  return index;
}

/**
 * The packed form, or undefined when the result has a shape this does not know (then send it as
 * it is). Post it without a transfer list (see the module's comment).
 */
export function packResult(result: SimulationResult): PackedResult | undefined {
  const { products, daily, ...rest } = result;
  if (!Array.isArray(products) || typeof daily !== "object" || daily === null) return undefined;
  const count = products.length;
  if (count >= 65536 * 64) return undefined;
  const numbers = new Float64Array(count * NUMERIC.length);
  const flags = new Uint8Array(count);
  const merchantType = new Uint16Array(count);
  const category = new Uint16Array(count);
  const merchantTypes: string[] = [];
  const categories: string[] = [];
  const typeLookup = new Map<string, number>();
  const categoryLookup = new Map<string, number>();
  for (let row = 0; row < count; row++) {
    const product = products[row] as ProductRow;
    if (!rowIsPlain(product)) return undefined;
    const at = row * NUMERIC.length;
    numbers[at] = product.product;
    numbers[at + 1] = product.merchant;
    numbers[at + 2] = product.launchDay ?? 0;
    numbers[at + 3] = product.orders;
    numbers[at + 4] = product.gmv;
    numbers[at + 5] = product.realProducts;
    flags[row] = (product.registered ? 1 : 0) | (product.launchDay === null ? 2 : 0);
    merchantType[row] = indexOf(merchantTypes, typeLookup, product.merchantType);
    category[row] = indexOf(categories, categoryLookup, product.category);
  }
  if (merchantTypes.length > 65535 || categories.length > 65535) return undefined;
  const names = Object.keys(daily);
  const lengths = new Uint32Array(names.length);
  let total = 0;
  for (let index = 0; index < names.length; index++) {
    const series = daily[names[index] as string];
    if (!Array.isArray(series) || !series.every((value) => typeof value === "number")) return undefined;
    lengths[index] = series.length;
    total += series.length;
  }
  const values = new Float64Array(total);
  let offset = 0;
  for (const name of names) {
    const series = daily[name] as readonly number[];
    for (let index = 0; index < series.length; index++) values[offset + index] = series[index] as number;
    offset += series.length;
  }
  const packed: PackedResult = {
    packed: true,
    rest,
    keys: Object.keys(result),
    products: { count, numbers, flags, merchantTypes, merchantType, categories, category },
    daily: { names, lengths, values },
  };
  return packed;
}

/** The result {@link packResult} packed, rebuilt key for key. */
export function unpackResult(packed: PackedResult): SimulationResult {
  const { count, numbers, flags, merchantTypes, merchantType, categories, category } = packed.products;
  const products: ProductRow[] = new Array<ProductRow>(count);
  for (let row = 0; row < count; row++) {
    const at = row * NUMERIC.length;
    const flag = flags[row] as number;
    products[row] = {
      product: numbers[at] as number,
      merchant: numbers[at + 1] as number,
      merchantType: merchantTypes[merchantType[row] as number] as string,
      category: categories[category[row] as number] as string,
      launchDay: (flag & 2) !== 0 ? null : (numbers[at + 2] as number),
      registered: (flag & 1) !== 0,
      orders: numbers[at + 3] as number,
      gmv: numbers[at + 4] as number,
      realProducts: numbers[at + 5] as number,
    };
  }
  const daily: Record<string, number[]> = {};
  const { names, lengths, values } = packed.daily;
  let offset = 0;
  for (let index = 0; index < names.length; index++) {
    const length = lengths[index] as number;
    daily[names[index] as string] = Array.from(values.subarray(offset, offset + length));
    offset += length;
  }
  const parts: Record<string, unknown> = { ...packed.rest, products, daily };
  const result: Record<string, unknown> = {};
  for (const key of packed.keys) result[key] = parts[key];
  return result as unknown as SimulationResult;
}

/** The result a worker's answer carries, unpacked if it came packed. */
export function resultOfAnswer(answer: { readonly packed: PackedResult } | { readonly result: SimulationResult }): SimulationResult {
  return "packed" in answer ? unpackResult(answer.packed) : answer.result;
}
