/**
 * Value-level classification for columns: does the whole (trimmed) value look like an entity?
 * Runs the span engine on the value and keeps only candidates that cover all of it, then adds the
 * categories that values alone cannot prove but a column name can (a `gender` column of `F`/`M`,
 * a `first_name` column of single words, a `password_hash` column of opaque strings).
 */
import { candidates } from './engine.js';
import { categoryOf } from './entities.js';
import { hintsFromName } from './hints.js';
import { isKnownFirstName, isKnownName } from './person.js';

/** Values longer than this are not classified as a whole (they are free text). */
const MAX_VALUE = 2000;

export interface ValueClass { type: string; score: number; category: string }

export function classifyValue(value: string, options: { hints?: string[] } = {}): ValueClass[] {
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_VALUE) return [];
  const hints = (options.hints ?? []).filter((h) => typeof h === 'string');
  const best = new Map<string, number>();
  const core = coreRange(trimmed);
  for (const c of candidates(trimmed, { hints })) {
    if (c.start > core[0] || c.end < core[1]) continue;
    if (c.score > (best.get(c.type) ?? 0)) best.set(c.type, c.score);
  }
  for (const [type, score] of nameOnly(trimmed, hints)) if (score > (best.get(type) ?? 0)) best.set(type, score);
  return [...best.entries()]
    .map(([type, score]) => ({ type, score: Math.round(Math.min(1, score) * 1000) / 1000, category: categoryOf(type) }))
    .sort((a, b) => b.score - a.score);
}

/** The value without surrounding quotes, brackets and trailing punctuation. */
function coreRange(v: string): [number, number] {
  const lead = /^[\s"'`([{<]*/.exec(v)?.[0].length ?? 0;
  const trail = /[\s"'`)\]}>.,;:]*$/.exec(v)?.[0].length ?? 0;
  return lead >= v.length - trail ? [0, v.length] : [lead, v.length - trail];
}

const SHORT_TEXT = /^[\p{L}][\p{L}\p{M}'’ .-]{0,60}$/u;
const CJK_NAME = /^[\u4e00-\u9fff]{2,4}$/u;
const OPAQUE = /^\S{6,512}$/;

/** Types a strong column name establishes for values of a plausible shape. */
function nameOnly(v: string, hints: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of hints) {
    for (const { type, strength } of hintsFromName(h)) {
      const shape = plausible(type, v);
      if (shape > 0) out.set(type, Math.max(out.get(type) ?? 0, shape * (0.5 + 0.5 * strength)));
    }
  }
  return out;
}

/** 0..1: how well the value's shape fits a type named by the column. */
function plausible(type: string, v: string): number {
  switch (type) {
    case 'PERSON': {
      if (CJK_NAME.test(v)) return 1;
      if (!SHORT_TEXT.test(v) || !/^\p{Lu}/u.test(v)) return 0;
      const words = v.split(/\s+/);
      if (words.length > 5) return 0;
      // A name column is mostly known names; Title Case words alone (a product called
      // "Rustic Bamboo Soap") are not enough, however the column is named.
      if (isKnownFirstName(words[0]!)) return 1;
      return words.every((w) => isKnownName(w) || isKnownFirstName(w)) ? 0.9 : 0.3;
    }
    case 'LOCATION':
      return SHORT_TEXT.test(v) || /^[\u4e00-\u9fff]{2,12}$/u.test(v) ? 0.9 : 0;
    case 'GENDER':
      return /^(?:m|f|x|d|u|male|female|man|woman|other|non-binary|nonbinary|diverse|divers|männlich|weiblich|masculino|feminino|unknown|prefer not to say|男|女|未知|其他)$/iu.test(v) ? 1 : 0;
    case 'NATIONALITY':
    case 'RELIGION':
    case 'ETHNICITY':
    case 'POLITICAL_OPINION':
    case 'SEXUAL_ORIENTATION':
      return SHORT_TEXT.test(v) || /^[\u4e00-\u9fff]{1,10}$/u.test(v) || /^[A-Z]{2,3}$/.test(v) ? 0.95 : 0;
    case 'HEALTH':
      return v.length >= 2 && v.length <= 500 ? 0.9 : 0;
    case 'PASSWORD':
    case 'BIOMETRIC':
    case 'GENETIC':
    case 'API_KEY':
    case 'PRIVATE_KEY':
      return OPAQUE.test(v) || v.length >= 16 ? 0.95 : 0;
    case 'STREET_ADDRESS':
      return /\d/.test(v) && /\p{L}{2}/u.test(v) && v.length >= 6 && v.length <= 300 ? 0.9 : /[\u4e00-\u9fff]{4,}/u.test(v) ? 0.9 : 0;
    case 'US_DRIVER_LICENSE':
    case 'PASSPORT':
    case 'US_PASSPORT':
      return /^[A-Z0-9-]{5,20}$/i.test(v) && /\d/.test(v) ? 0.9 : 0;
    case 'US_BANK_NUMBER':
      return /^\d{6,17}$/.test(v) ? 0.9 : 0;
    case 'POSTAL_CODE':
      return /^[A-Z0-9][A-Z0-9 -]{2,9}$/i.test(v) && /\d/.test(v) ? 0.9 : 0;
    case 'LICENSE_PLATE':
      return /^[\p{L}0-9][\p{L}0-9 ·-]{2,10}$/u.test(v) && /\d/.test(v) ? 0.9 : 0;
    default:
      return 0;
  }
}
