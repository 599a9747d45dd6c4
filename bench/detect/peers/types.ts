import { readFileSync } from 'node:fs';
import type { EntityType, Span } from '../types.js';

/**
 * A detector under test. `run` is the detector's own call (the only thing timed for speed);
 * `spans` turns its result into benchmark spans, or null when the result cannot be mapped back
 * onto the input (reported as an alignment failure, never hidden).
 */
export interface Detector<R = unknown> {
  name: string;
  version: string;
  /** Benchmark entity types the detector claims to detect; it is scored on these only. */
  supports: readonly EntityType[];
  /** How spans are obtained and anything that affects the comparison. */
  notes: string;
  run(text: string): R | Promise<R>;
  spans(text: string, result: R): Span[] | null;
}

/** The installed version of a package (read from its package.json under node_modules). */
export function installedVersion(pkg: string): string {
  try {
    const url = new URL(`../../../node_modules/${pkg}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
