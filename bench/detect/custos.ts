/**
 * Custos's detector, loaded at run time so the benchmark runs (and says so) before the module
 * exists: `detect(text, { minScore })` from src/discovery/detect. The benchmark depends only on
 * that signature, never on how the detectors are written.
 */
import { ENTITY_TYPES, type Span } from './types.js';
import type { Detector } from './peers/types.js';

interface CustosSpan {
  start: number;
  end: number;
  type: string;
  score: number;
  category: string;
}
type DetectFn = (text: string, options?: { minScore?: number }) => CustosSpan[];

/** The module path relative to this file (a variable, so the type checker does not require it to exist). */
const MODULE = '../../src/discovery/detect/index.js';

/** `module`: another build's index.js (a URL), e.g. the compiled JavaScript, instead of the work tree's TypeScript. */
export async function loadCustos(minScore?: number, module = MODULE): Promise<{ detector: Detector<CustosSpan[]> } | { error: string }> {
  let detect: DetectFn;
  try {
    const mod = (await import(module)) as { detect?: DetectFn };
    if (typeof mod.detect !== 'function') return { error: `${module} has no detect() export` };
    detect = mod.detect;
  } catch (err) {
    return { error: `${module} not loadable: ${(err as Error).message.split('\n')[0]}` };
  }
  const options = minScore === undefined ? undefined : { minScore };
  return {
    detector: {
      name: 'Custos',
      version: module === MODULE ? 'work tree' : module,
      supports: ENTITY_TYPES,
      notes: `detect()${minScore === undefined ? ' with its default threshold' : ` with minScore ${minScore}`}`,
      run: (text) => detect(text, options),
      // Custos names the routing number as Presidio does; the corpus says ABA_ROUTING.
      spans: (_text, result): Span[] => result.map((s) => ({ start: s.start, end: s.end, type: s.type === 'ABA_ROUTING_NUMBER' ? 'ABA_ROUTING' : s.type })),
    },
  };
}
