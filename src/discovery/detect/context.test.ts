/**
 * The context look-up reads windows of the text in place. It must answer exactly what the regex it
 * replaced answered on the window cut out of the text: an ASCII word at the window's start or after
 * a character that is not an ASCII letter or digit, any case, possibly the start of a longer word.
 */
import { describe, expect, it } from 'vitest';
import { CONTEXT_AFTER, CONTEXT_BEFORE, contextNear, contextWords, hasContext } from './context.js';
import { ENTITIES } from './entities.js';

const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isAscii = (w: string): boolean => /^[\x20-\x7e]+$/.test(w);

/** The regexes the look-up replaced. */
function reference(type: string): (window: string) => boolean {
  const ascii = contextWords(type).filter(isAscii).map(escape);
  const other = contextWords(type).filter((w) => !isAscii(w)).map(escape);
  const a = ascii.length ? new RegExp(`(?:^|[^A-Za-z0-9])(?:${ascii.join('|')})`, 'i') : null;
  const o = other.length ? new RegExp(`(?:${other.join('|')})`, 'iu') : null;
  return (w) => (a !== null && a.test(w)) || (o !== null && /[\u0080-\uffff]/.test(w) && o.test(w));
}

/** A small deterministic generator (tests must not depend on Math.random). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [' ', ',', '-', '_', '.', ':', '#', '/', "'", 'a', 'Z', '7', 'é', 'ſ', '\u212A', 'ı', '电话', 'x', '(', '\n'];

describe('context look-up', () => {
  it('answers like the reference regexes on windows cut anywhere in random text', () => {
    const next = rng(42);
    const types = ENTITIES.map((e) => e.type).filter((t) => contextWords(t).length > 0);
    const words = types.flatMap((t) => contextWords(t));
    let checked = 0;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      while (text.length < 90) {
        if (next() < 0.4) {
          const w = words[Math.floor(next() * words.length)]!;
          text += [...w].map((ch) => (next() < 0.3 ? ch.toUpperCase() : ch)).join('');
        } else text += PIECES[Math.floor(next() * PIECES.length)]!;
      }
      const type = types[Math.floor(next() * types.length)]!;
      const ref = reference(type);
      const start = Math.floor(next() * text.length);
      const end = Math.min(text.length, start + Math.floor(next() * 12));
      const expected = ref(text.slice(Math.max(0, start - CONTEXT_BEFORE), start)) || ref(text.slice(end, end + CONTEXT_AFTER));
      expect(contextNear(text, type, start, end, false), `${type} in ${JSON.stringify(text)} at ${start}-${end}`).toBe(expected);
      expect(hasContext(type, text), `${type} in ${JSON.stringify(text)}`).toBe(ref(text));
      checked++;
    }
    expect(checked).toBe(3000);
  });

  it('finds words at a word start only, in any case, and counts the window start as one', () => {
    expect(hasContext('PHONE_NUMBER', 'My PHONE: 1')).toBe(true);
    expect(hasContext('PHONE_NUMBER', 'microphones')).toBe(false);
    expect(hasContext('PHONE_NUMBER', 'phones')).toBe(true);
    expect(hasContext('PHONE_NUMBER', 'x_phone')).toBe(true);
    // A window cut inside "microphone" starts with "phone": the cut counts as a word start (as the regex's ^ did).
    const text = `microphone${' '.repeat(CONTEXT_BEFORE - 5)}4155552671`;
    expect(contextNear(text, 'PHONE_NUMBER', text.length - 10, text.length, true)).toBe(true);
    expect(contextNear(`microphone${' '.repeat(CONTEXT_BEFORE - 4)}4155552671`, 'PHONE_NUMBER', CONTEXT_BEFORE + 6, CONTEXT_BEFORE + 16, true)).toBe(false);
    // The Kelvin sign and long s are not ASCII letters to an /i regex without u.
    expect(hasContext('API_KEY', '\u212Aey')).toBe(false);
    expect(hasContext('PASSWORD', 'paſs')).toBe(false);
  });
});
