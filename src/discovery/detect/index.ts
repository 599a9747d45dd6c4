/**
 * Public surface of the detection engine. See README.md beside this file for the entity table,
 * the scoring model, and the custom detector format.
 */
import { candidates, detect as builtinDetect, detectWith, type DetectOptions, type Span } from './engine.js';
import { classifyValue as builtinClassify } from './values.js';
import { customScanner, parseCustomDetectors, type CustomDetectorSpec } from './custom.js';

export { ENTITIES, type EntityDefinition } from './entities.js';
export { hintsFromName } from './hints.js';
export { parseCustomDetectors, type CustomDetectorSpec };
export type { DetectOptions, Span };

export function detect(text: string, options?: DetectOptions): Span[] {
  return builtinDetect(text, options);
}

export function classifyValue(value: string, options?: { hints?: string[] }): { type: string; score: number; category: string }[] {
  return builtinClassify(value, options);
}

/** A detector with user-defined detectors added to the built-in ones. */
export function createDetector(options: { custom?: CustomDetectorSpec[] } = {}): { detect: typeof detect; classifyValue: typeof classifyValue } {
  const custom = options.custom ?? [];
  if (custom.length === 0) return { detect, classifyValue };
  const scanner = customScanner(custom);
  const categories = new Map(custom.map((c) => [c.name, c.category]));
  return {
    detect: (text, opts = {}) => detectWith(text, opts, [scanner], categories),
    classifyValue: (value, opts = {}) => {
      const builtin = builtinClassify(value, opts);
      if (typeof value !== 'string') return builtin;
      const v = value.trim();
      const extra = candidates(v, { hints: opts.hints ?? [] }, [scanner])
        .filter((c) => categories.has(c.type) && c.start === 0 && c.end === v.length)
        .map((c) => ({ type: c.type, score: Math.round(c.score * 1000) / 1000, category: categories.get(c.type)! }));
      return [...extra, ...builtin].sort((a, b) => b.score - a.score);
    },
  };
}
