/**
 * User-defined detectors from YAML. Patterns run in RE2JS, a linear-time engine (no backtracking),
 * so no user pattern can hang a scan; each detector also stops after MAX_MATCHES matches per call.
 */
import { RE2JS } from 're2js';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { CustosError } from '../../lib/errors.js';
import { emit, type ScanState } from './candidate.js';
import { CONTEXT_AFTER, CONTEXT_BEFORE, compileContext } from './context.js';
import { luhnValid } from './validators/luhn.js';
import { mod97 } from './validators/mod.js';

export interface CustomDetectorSpec {
  name: string;
  pattern: string;
  flags?: string;
  validator?: 'luhn' | 'mod97' | 'none';
  context?: string[];
  category: string;
  score?: number;
}

const MAX_MATCHES = 10_000;
const MAX_PATTERN = 2_000;

const specSchema = z.object({
  name: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be UPPER_SNAKE_CASE, 2-64 characters'),
  pattern: z.string().min(1).max(MAX_PATTERN),
  flags: z.string().regex(/^[ims]*$/, 'may only contain i, m, s').optional(),
  validator: z.enum(['luhn', 'mod97', 'none']).optional(),
  context: z.array(z.string().min(1).max(100)).max(200).optional(),
  category: z.string().regex(/^[a-z_]+(?:\.[a-z_]+)*$/, 'must be a dotted category key such as user.government_id'),
  score: z.number().min(0).max(1).optional(),
}).strict();

const listSchema = z.array(specSchema).max(1000);

function fail(message: string, details: { field?: string; message: string }[]): never {
  throw new CustosError('VALIDATION_FAILED', message, { details });
}

/** Parses and validates a YAML list of detectors (or `detectors: [...]`); compiles every pattern. */
export function parseCustomDetectors(yamlText: string): CustomDetectorSpec[] {
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch (err) {
    fail(`custom detectors: invalid YAML: ${(err as Error).message.split('\n')[0]}`, [{ field: 'yaml', message: 'not valid YAML' }]);
  }
  const list = Array.isArray(doc) ? doc : doc !== null && typeof doc === 'object' && 'detectors' in doc ? (doc as { detectors: unknown }).detectors : undefined;
  if (!Array.isArray(list)) fail('custom detectors: expected a list of detectors, or `detectors:` holding one', [{ field: 'detectors', message: 'expected a list' }]);
  const parsed = listSchema.safeParse(list);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: ['detectors', ...i.path.map(String)].join('.'), message: i.message }));
    fail(`custom detectors: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, details);
  }
  const specs = parsed.data as CustomDetectorSpec[];
  specs.forEach((spec, i) => compilePattern(spec, `detectors.${i}.pattern`));
  return specs;
}

function compilePattern(spec: CustomDetectorSpec, field: string): RE2JS {
  let flags = 0;
  if (spec.flags?.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
  if (spec.flags?.includes('m')) flags |= RE2JS.MULTILINE;
  if (spec.flags?.includes('s')) flags |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(spec.pattern, flags);
  } catch (err) {
    return fail(`custom detector ${spec.name}: invalid pattern: ${(err as Error).message}`, [{ field, message: 'invalid or unsupported regular expression (RE2 syntax: no backreferences or lookaround)' }]);
  }
}

/** Builds a scanner that runs every custom detector over the state's text. */
export function customScanner(specs: readonly CustomDetectorSpec[]): (state: ScanState) => void {
  const compiled = specs.map((spec, i) => ({ spec, re: compilePattern(spec, `detectors.${i}.pattern`), ctx: compileContext(spec.context ?? []) }));
  return (state) => {
    const text = state.limit < state.text.length ? state.text.slice(0, state.limit) : state.text;
    for (const { spec, re, ctx } of compiled) {
      const m = re.matcher(text);
      let count = 0;
      while (count < MAX_MATCHES && m.find()) {
        const start = m.start();
        const end = m.end();
        if (end <= start) continue;
        count++;
        const score = scoreMatch(spec, text, start, end, ctx);
        if (score > 0) emit(state, start, end, spec.name, score);
      }
    }
  };
}

function scoreMatch(spec: CustomDetectorSpec, text: string, start: number, end: number, ctx: RegExp | null): number {
  let score = spec.score ?? 0.6;
  const value = text.slice(start, end);
  if (spec.validator === 'luhn' || spec.validator === 'mod97') {
    const ok = spec.validator === 'luhn' ? luhnValid(value.replace(/[\s-]/g, '')) : mod97ok(value);
    if (!ok) return 0;
    score += 0.3;
  }
  if (ctx) {
    const window = `${text.slice(Math.max(0, start - CONTEXT_BEFORE), start)} ${text.slice(end, end + CONTEXT_AFTER)}`;
    if (ctx.test(window)) score += 0.35;
  }
  return Math.min(1, score);
}

/** mod-97 as IBAN uses it: first four characters moved to the end. */
function mod97ok(value: string): boolean {
  const v = value.replace(/[\s-]/g, '').toUpperCase();
  return v.length >= 5 && mod97(v.slice(4) + v.slice(0, 4)) === 1;
}
