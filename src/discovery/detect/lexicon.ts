/**
 * The word lists the name, place and salutation checks ask about (given names, other names,
 * stopwords, gazetteer places, greetings, role words), in one hash table with a bit per list. A
 * capitalised word of the text is looked up in place: its characters are folded to lower case while
 * hashing, so no slice and no lower-cased copy is made, and one look-up answers every list.
 *
 * Answers equal `set.has(word.toLowerCase())` on each list: an ASCII word lower-cases to ASCII by
 * A-Z -> a-z only, which is what the in-place fold does; a word with any other character is sliced
 * and lower-cased as before (toLowerCase may change its length or turn it into ASCII).
 */
import { FIRST_NAMES, OTHER_NAMES } from './data/names.js';
import { STOPWORDS_TEXT } from './data/stopwords.js';
import { MULTI_PLACES, NOT_PLACES_ALONE, PART_ONLY_PLACES, gazetteer } from './data/places.js';
import { ROLE_WORDS, SALUTATION_WORDS } from './data/person-words.js';

/** A given name (names.ts FIRST_NAMES). */
export const FIRST = 1;
/** A family or other name (names.ts OTHER_NAMES). */
export const OTHER = 2;
/** A word that is never a name by itself (stopwords.ts). */
export const STOP = 4;
/** A gazetteer place that names a place alone ("Berlin"; not "new", "essen"). */
export const PLACE = 8;
/** A gazetteer word that is a place only inside a longer name ("York", "Paulo"). */
export const PART_ONLY = 16;
/** The first word of a multi-word place ("new" of "new york"). */
export const MULTI_FIRST = 32;
/** A greeting or closing a name follows ("dear", "hallo", "thanks"). */
export const SALUTATION = 64;
/** A role word that introduces a name like a title ("patient", "kunde"). */
export const ROLE = 128;

/**
 * An open-addressing table over words of the source lists, which stay one joined string: a word is an
 * offset and a length into it, so 240k names cost a few megabytes and no string each.
 */
class Lexicon {
  private readonly chars: string;
  private readonly starts: Int32Array;
  private readonly lengths: Uint8Array;
  private readonly bits: Uint16Array;
  /** Slot -> word index + 1 (0: empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;

  /** `sources`: whitespace-separated lower-case words, each list with its bit. */
  constructor(sources: readonly (readonly [words: string, bit: number])[]) {
    this.chars = sources.map(([words]) => words).join('\n');
    const capacity = (this.chars.length >> 1) + 1;
    this.starts = new Int32Array(capacity);
    this.lengths = new Uint8Array(capacity);
    this.bits = new Uint16Array(capacity);
    // At most one word more than separators in each list.
    let words = sources.length;
    for (let k = 0; k < this.chars.length; k++) if (isSpace(this.chars.charCodeAt(k))) words++;
    let size = 1;
    while (size < words * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    let at = 0;
    for (const [text, bit] of sources) {
      this.addWords(at, at + text.length, bit);
      at += text.length + 1;
    }
  }

  private addWords(from: number, to: number, bit: number): void {
    let k = from;
    while (k < to) {
      while (k < to && isSpace(this.chars.charCodeAt(k))) k++;
      const start = k;
      while (k < to && !isSpace(this.chars.charCodeAt(k))) k++;
      if (k > start) this.add(start, k, bit);
    }
  }

  private add(start: number, end: number, bit: number): void {
    const len = end - start;
    // Longer than any word a check asks about (the name scan reads words of at most 24 characters).
    if (len > 255) return;
    let slot = finish(hashRange(this.chars, start, end)) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const n = this.slots[slot]!;
      if (n === 0) break;
      if (this.lengths[n - 1] === len && this.sameChars(this.starts[n - 1]!, this.chars, start, len, false)) {
        this.bits[n - 1] = this.bits[n - 1]! | bit;
        return;
      }
    }
    this.starts[this.count] = start;
    this.lengths[this.count] = len;
    this.bits[this.count] = bit;
    this.slots[slot] = ++this.count;
  }

  /** The list bits of text[start, end) lower-cased (0: in no list). */
  at(text: string, start: number, end: number): number {
    let h = HASH_SEED;
    for (let k = start; k < end; k++) {
      const c = text.charCodeAt(k);
      if (c >= 128) return this.ofLower(text.slice(start, end).toLowerCase());
      h = hashStep(h, c >= 65 && c <= 90 ? c + 32 : c);
    }
    return this.probe(finish(h), text, start, end, true);
  }

  /** The list bits of a word that is lower-case already. */
  ofLower(word: string): number {
    return this.probe(finish(hashRange(word, 0, word.length)), word, 0, word.length, false);
  }

  private probe(h: number, text: string, start: number, end: number, fold: boolean): number {
    const len = end - start;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const n = this.slots[slot]!;
      if (n === 0) return 0;
      if (this.lengths[n - 1] === len && this.sameChars(this.starts[n - 1]!, text, start, len, fold)) return this.bits[n - 1]!;
    }
  }

  private sameChars(from: number, text: string, start: number, len: number, fold: boolean): boolean {
    for (let k = 0; k < len; k++) {
      let c = text.charCodeAt(start + k);
      if (fold && c >= 65 && c <= 90) c += 32;
      if (this.chars.charCodeAt(from + k) !== c) return false;
    }
    return true;
  }
}

/** The separators of the source lists (split(' ') for the names, split(/\s+/) for the others: neither has other white space). */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

const HASH_SEED = 0x811c9dc5 | 0;

function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashRange(word: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let k = start; k < end; k++) h = hashStep(h, word.charCodeAt(k));
  return h;
}

function finish(h: number): number {
  return h ^ (h >>> 16);
}

let table: Lexicon | null = null;

/** The lists are large (~240k names): the table is built on first use only. */
export function lexicon(): Lexicon {
  table ??= new Lexicon([
    [FIRST_NAMES, FIRST],
    [OTHER_NAMES, OTHER],
    [STOPWORDS_TEXT, STOP],
    [gazetteer().filter((w) => !NOT_PLACES_ALONE.has(w)).join(' '), PLACE],
    [PART_ONLY_PLACES.join(' '), PART_ONLY],
    [MULTI_PLACES.map((p) => p.slice(0, p.indexOf(' '))).join(' '), MULTI_FIRST],
    [SALUTATION_WORDS.join(' '), SALUTATION],
    [ROLE_WORDS.join(' '), ROLE],
  ]);
  return table;
}
