/**
 * The one place that maps manifest keys (snake_case, like Fides) to the schemas' keys (camelCase),
 * and the small pure helpers that render and compare manifest values.
 */
import canonicalize from 'canonicalize';
import { Document, isScalar, visit } from 'yaml';
import type { z } from 'zod';

export const toSnakeKey = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamelKey = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

const SNAKE = /^[a-z0-9]+(_[a-z0-9]+)*$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep copy with every object key in snake_case. */
export function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toSnakeKey(k), snakeKeys(v)]));
}

/**
 * Deep copy with every key in camelCase. A key that is not snake_case (`legalBases`, `Name`) is
 * dropped and reported, so a manifest has one spelling and a typo cannot pass silently.
 */
export function camelKeys(value: unknown, onBadKey: (path: (string | number)[], key: string) => void, path: (string | number)[] = []): unknown {
  if (Array.isArray(value)) return value.map((v, i) => camelKeys(v, onBadKey, [...path, i]));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!SNAKE.test(k)) onBadKey([...path, k], k);
    else out[toCamelKey(k)] = camelKeys(v, onBadKey, [...path, k]);
  }
  return out;
}

/** Drops undefined, null, empty strings and empty lists (defaults a manifest need not repeat). */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))) as Partial<T>;
}

/** Recursively sorted keys: a stable order for objects no schema orders. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeysDeep(value[k])]));
}

/** Parses through the schema (which orders keys as declared); data the schema refuses keeps sorted keys. */
export function ordered<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : (sortKeysDeep(value) as T);
}

/** Deep equality of plain JSON values, key order ignored; undefined and null are the same. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalize(a ?? null) === canonicalize(b ?? null);
}

/** Byte-stable YAML: fixed line width, no anchors, keys in insertion order, lists of scalars inline. */
export function dumpYaml(value: unknown): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 100, minContentWidth: 20, flowCollectionPadding: false });
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by a list of string keys, in order. */
export function sortBy<T>(items: readonly T[], key: (item: T) => string[]): T[] {
  return [...items].sort((x, y) => {
    const a = key(x);
    const b = key(y);
    for (let i = 0; i < a.length; i++) {
      const c = compareStrings(a[i]!, b[i] ?? '');
      if (c) return c;
    }
    return 0;
  });
}

/** A file name stem for a name: safe characters stay, others become %XX, so it is reversible and unique. */
export function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]|^\./g, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
