import { describe, expect, it } from 'vitest';
import { FIRST_NAMES, OTHER_NAMES } from './data/names.js';
import { STOPWORDS_TEXT } from './data/stopwords.js';
import { FIRST, MULTI_FIRST, OTHER, PART_ONLY, PLACE, ROLE, SALUTATION, STOP, lexicon } from './lexicon.js';

const first = new Set(FIRST_NAMES.split(' '));
const other = new Set(OTHER_NAMES.split(' '));
const stop = new Set(STOPWORDS_TEXT.split(/\s+/).filter(Boolean));

/** The bits a word should have, from the plain sets (what the checks asked before the table). */
function expected(word: string): number {
  const w = word.toLowerCase();
  return (first.has(w) ? FIRST : 0) | (other.has(w) ? OTHER : 0) | (stop.has(w) ? STOP : 0);
}

const NAMES_AND_STOP = FIRST | OTHER | STOP;

describe('lexicon', () => {
  it('answers like the name and stopword sets, for words looked up in place and as strings', () => {
    const every = [...first, ...other, ...stop];
    expect(every.length).toBeGreaterThan(200_000);
    for (const [k, w] of every.entries()) {
      // Every word as a string; one in 50 also capitalised inside a text.
      expect(lexicon().ofLower(w) & NAMES_AND_STOP, w).toBe(expected(w));
      if (k % 50 !== 0) continue;
      const cased = w.charAt(0).toUpperCase() + w.slice(1);
      const text = `x ${cased} y`;
      expect(lexicon().at(text, 2, 2 + cased.length) & NAMES_AND_STOP, cased).toBe(expected(cased));
    }
  });

  it('answers 0 for words in no list, and for parts of listed words', () => {
    for (const w of ['Qwzxv', 'Xylophonequartet', 'Mari', 'Mariaa', 'ZZZ', '']) expect(lexicon().at(w, 0, w.length) & NAMES_AND_STOP).toBe(expected(w));
  });

  it('folds case the way toLowerCase does, also for characters outside ASCII', () => {
    for (const w of ['MARIA', 'mArIa', 'MÜLLER', 'Müller', 'JOSÉ', 'İsmail', '\u212Aim', 'ÖZTÜRK', 'ſtop']) {
      expect(lexicon().at(w, 0, w.length) & NAMES_AND_STOP, w).toBe(expected(w));
    }
    // The Kelvin sign lower-cases to an ASCII k: the in-place path must not miss "kim".
    expect(lexicon().at('\u212Aim', 0, 3) & FIRST).toBe(first.has('kim') ? FIRST : 0);
  });

  it('marks places, multi-word place heads, salutations and role words', () => {
    const lx = lexicon();
    expect(lx.ofLower('berlin') & PLACE).toBe(PLACE);
    expect(lx.ofLower('essen') & PLACE).toBe(0);
    expect(lx.ofLower('york') & PART_ONLY).toBe(PART_ONLY);
    expect(lx.ofLower('new') & MULTI_FIRST).toBe(MULTI_FIRST);
    expect(lx.ofLower('dear') & SALUTATION).toBe(SALUTATION);
    expect(lx.ofLower('patient') & ROLE).toBe(ROLE);
    expect(lx.at('in São Paulo', 3, 6) & MULTI_FIRST).toBe(MULTI_FIRST);
  });
});
