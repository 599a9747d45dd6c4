/**
 * Person names. Latin script: 2-4 capitalised words where the first is a known given name and the
 * last a known name (the name lists in data/), or a title (Mr, Frau, Sr.) before capitalised words.
 * Chinese: a surname from the census list followed by 1-2 common given-name characters, at a run
 * boundary or after a cue (叫, 客户, 联系人 …). Everything else comes from context and hints.
 */
import { WordSet, emit, isLetterCode, isUpperCode } from './candidate.js';
import type { ScanState } from './candidate.js';
import { FIRST, OTHER, ROLE, SALUTATION, STOP, lexicon } from './lexicon.js';
import { ZH_COMPOUND_SURNAMES, ZH_GIVEN_CHARS, ZH_SURNAMES } from './data/zh.js';

export function isKnownFirstName(word: string): boolean {
  const bits = lexicon().ofLower(word.toLowerCase());
  return (bits & FIRST) !== 0 && (bits & STOP) === 0;
}

export function isKnownName(word: string): boolean {
  const bits = lexicon().ofLower(word.toLowerCase());
  return (bits & (FIRST | OTHER)) !== 0 && (bits & STOP) === 0;
}

export function isStopword(word: string): boolean {
  return (lexicon().ofLower(word.toLowerCase()) & STOP) !== 0;
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'herrn', 'frau', 'sr', 'sra', 'srta', 'dona', 'dom', 'don', 'señor', 'señora', 'senhor', 'senhora', 'monsieur', 'madame', 'mme', 'encik', 'puan', 'cik', 'tuan']);
/** First letters (lower-case, a bit per letter) of the titles: most words before a capitalised word are ruled out without a slice. */
const TITLE_FIRST = [...TITLES].reduce((m, t) => m | (1 << (t.charCodeAt(0) - 96)), 0);
/** (first letter, second letter, length) of the all-ASCII titles, lower-cased: see isTitleBefore. */
const TITLE_SHAPES = new Uint8Array(32 * 32 * 16);
function titleShape(a: number, b: number, length: number): number {
  return (((a | 32) & 31) << 9) | (((b | 32) & 31) << 4) | (length & 15);
}
for (const t of TITLES) if (/^[a-z]+$/.test(t)) TITLE_SHAPES[titleShape(t.charCodeAt(0), t.charCodeAt(1), t.length)] = 1;
const PARTICLES = new WordSet(['de', 'da', 'do', 'das', 'dos', 'di', 'del', 'della', 'van', 'von', 'der', 'den', 'ter', 'te', 'la', 'le', 'du', 'bin', 'binti', 'al', 'y', 'e', 'zu']);

/** Whether a name may go on at a word starting with c: a capital, or a lower-case letter a particle starts with. */
function mayContinueName(c: number): boolean {
  return isUpperCode(c) || (c >= 97 && c <= 122 && PARTICLES.mayStartWith(c));
}

/** Reads a capitalised word at i; returns its end or -1. */
function capWord(text: string, i: number, limit: number): number {
  if (i >= limit || !isUpperCode(text.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j < limit && (isLetterCode(text.charCodeAt(j)) || (text.charCodeAt(j) === 39 && isLetterCode(text.charCodeAt(j + 1))) || (text.charCodeAt(j) === 45 && isUpperCode(text.charCodeAt(j + 1))))) j++;
  return j - i >= 2 && j - i <= 24 ? j : -1;
}

/** A particle at i followed by a space (the loop's first test of a lower-case word). */
function particleAt(text: string, i: number, limit: number): boolean {
  const pe = lowerWord(text, i, limit);
  return pe > i && text.charCodeAt(pe) === 32 && PARTICLES.hasAt(text, i, pe);
}

function lowerWord(text: string, i: number, limit: number): number {
  let j = i;
  while (j < limit && j - i < 6 && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  return j;
}

/**
 * At a capitalised word [start, end). Returns the index to resume from. Cheap character checks
 * come first: only a capitalised word followed by another (or preceded by a title) costs a lookup.
 */
export function scanCapitalised(state: ScanState, start: number, end: number, bits = -1): number {
  const { text, limit } = state;
  // The main scan stops a word at '-' and '\'': take the whole name word ("Anne-Marie", "O'Connor").
  const sep = text.charCodeAt(end);
  if (sep === 45 || sep === 39) {
    const e0 = capWord(text, start, limit);
    if (e0 > end) {
      end = e0;
      bits = -1;
    }
  }
  const titled = isTitleBefore(text, start);
  // No title before, and neither a capital (a name word, an initial) nor a particle's first letter after one
  // space: a word alone (the commonest case), decided before any allocation.
  if (!titled && (text.charCodeAt(end) !== 32 || !mayContinueName(text.charCodeAt(end + 1)))) return end;
  // A lower-case word after it ("The build", "Order shipped") goes on a name only as a particle
  // followed by a space ("Maria de la Cruz"); otherwise the word is alone, as the loop below finds.
  if (!titled && !isUpperCode(text.charCodeAt(end + 1)) && !particleAt(text, end + 1, limit)) return end;
  const lex = lexicon();
  const b0 = bits >= 0 ? bits : lex.at(text, start, end);
  // Untitled, a first word that is no name, salutation or role word (most capitalised nouns, "Vielen
  // Dank", "Ihre Anfrage"): no rule below can read a name from here, and the scan goes on after the
  // word unless an article before it makes the whole run one thing ("the Sahara Desert").
  if (!titled && (b0 & (FIRST | OTHER | SALUTATION | ROLE)) === 0 && !hasNamePartSeparator(text, start, end) && !isArticleBefore(text, start)) return end;
  const words: number[] = [start, end];
  let i = end;
  while (words.length < 8 && text.charCodeAt(i) === 32) {
    const e = capWord(text, i + 1, limit);
    if (e > 0) {
      words.push(i + 1, e);
      i = e;
      continue;
    }
    // A middle initial ("Emily K. Johnson"): one capital and a period, then another capitalised word.
    if (isUpperCode(text.charCodeAt(i + 1)) && text.charCodeAt(i + 2) === 46 && text.charCodeAt(i + 3) === 32) {
      const e2 = capWord(text, i + 4, limit);
      if (e2 > 0) {
        words.push(i + 1, i + 3, i + 4, e2);
        i = e2;
        continue;
      }
    }
    // Up to two particles ("van der Berg", "de la Cruz", "dos Santos").
    let pe = lowerWord(text, i + 1, limit);
    if (pe > i + 1 && text.charCodeAt(pe) === 32 && PARTICLES.hasAt(text, i + 1, pe)) {
      let e2 = capWord(text, pe + 1, limit);
      if (e2 < 0) {
        const pe2 = lowerWord(text, pe + 1, limit);
        if (pe2 > pe + 1 && text.charCodeAt(pe2) === 32 && PARTICLES.hasAt(text, pe + 1, pe2)) {
          e2 = capWord(text, pe2 + 1, limit);
          pe = pe2;
        }
      }
      if (e2 > 0) {
        words.push(pe + 1, e2);
        i = e2;
        continue;
      }
    }
    break;
  }
  const bitsAt = (k: number): number => lex.at(text, words[2 * k]!, words[2 * k + 1]!);
  // A salutation ("Dear Maria,", "Hallo Jonas Weber", "Olá Ana"): the name after it, one known given name enough.
  if (!titled && words.length >= 4 && (b0 & SALUTATION) !== 0) {
    const before = state.emitted;
    const r = scanCapitalised(state, words[2]!, words[3]!);
    if (state.emitted === before && words.length === 4) {
      const b1 = bitsAt(1);
      if (knownAt(FIRST, b1, text, words[2]!, words[3]!) && (b1 & STOP) === 0) emit(state, words[2]!, words[3]!, 'PERSON', 0.6);
    }
    return Math.max(r, words[3]!);
  }
  // A role word at a sentence start ("Patient Wang Fang", "Customer Ana Lima") acts as a title.
  if (!titled && words.length >= 6 && (b0 & ROLE) !== 0) {
    const from = words[2]!;
    scanCapitalised(state, from, words[3]!);
    return words[words.length - 1]!;
  }
  if (words.length === 2 && !titled) return end;
  // "a Jet Boat", "in The Sahara Desert": an article introduces a thing, a kind or a place, not a person's name.
  if (!titled && isArticleBefore(text, start)) return words[words.length - 1]!;
  const n = words.length / 2;
  if ((b0 & STOP) !== 0 && !titled) return end;
  if (titled) {
    let k = 0;
    while (k < n && (bitsAt(k) & STOP) === 0) k++;
    if (k > 0) emit(state, start, words[2 * k - 1]!, 'PERSON', k > 1 || (b0 & (FIRST | OTHER)) !== 0 ? 0.85 : 0.7);
    return words[2 * Math.max(k, 1) - 1]!;
  }
  if (!knownAt(FIRST, b0, text, start, end)) {
    // Family name first ("Zhang Wei", "Tanaka Hiroshi"): a known surname, then a known given name, and nothing more.
    const b1 = bitsAt(1);
    if (n === 2 && (b0 & OTHER) !== 0 && knownAt(FIRST, b1, text, words[2]!, words[3]!) && (b1 & STOP) === 0 &&
      lowerLength(text, start, end) + lowerLength(text, words[2]!, words[3]!) >= 5) {
      emit(state, start, words[3]!, 'PERSON', 0.5);
      return words[3]!;
    }
    return end;
  }
  // Take known name words after the first; stop at the first stopword.
  let last = 0;
  let known = 0;
  for (let k = 1; k < n && k < 4; k++) {
    const b = bitsAt(k);
    if ((b & STOP) !== 0) break;
    last = k;
    if (isInitialAt(text, words[2 * k]!, words[2 * k + 1]!) || knownNameAt(b, text, words[2 * k]!, words[2 * k + 1]!)) known++;
  }
  if (last === 0) return end;
  const lastKnown = knownNameAt(bitsAt(last), text, words[2 * last]!, words[2 * last + 1]!);
  const score = lastKnown && known === last ? 0.75 : lastKnown ? 0.55 : 0.4;
  emit(state, start, words[2 * last + 1]!, 'PERSON', score);
  return words[2 * last + 1]!;
}

/**
 * The length of text[start, end) lower-cased: U+0130 (İ) is the one character whose lower case is
 * two code units long, so the rules below that count characters see what a lower-cased copy has.
 */
function lowerLength(text: string, start: number, end: number): number {
  let n = end - start;
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 0x130) n++;
  return n;
}

/** A capital and a period ("K."). */
function isInitialAt(text: string, start: number, end: number): boolean {
  return lowerLength(text, start, end) === 2 && text.charCodeAt(start + 1) === 46;
}

/** Whether text[start, end) has a hyphen or an apostrophe: knownAt() then looks its parts up. */
function hasNamePartSeparator(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 45 || c === 39) return true;
  }
  return false;
}

/**
 * Whether the word text[start, end), with word-table bits `bits`, is in the list `bit`; hyphenated
 * names ("Schmidt-Hansen", "Anne-Marie") and O'/D' prefixes by their parts.
 */
function knownAt(bit: number, bits: number, text: string, start: number, end: number): boolean {
  if ((bits & bit) !== 0) return true;
  // Only a word with a hyphen or an apostrophe has parts to look up.
  return hasNamePartSeparator(text, start, end) && knownIn(bit, text.slice(start, end).toLowerCase());
}

function knownIn(bit: number, w: string): boolean {
  const lex = lexicon();
  if ((lex.ofLower(w) & bit) !== 0) return true;
  const h = w.indexOf('-');
  if (h > 0) return (lex.ofLower(w.slice(0, h)) & bit) !== 0 && ((lex.ofLower(w.slice(h + 1)) & bit) !== 0 || w.length - h - 1 >= 2);
  if (w.length > 3 && w.charCodeAt(1) === 39) return (lex.ofLower(w.slice(2)) & bit) !== 0;
  return false;
}

function knownNameAt(bits: number, text: string, start: number, end: number): boolean {
  return knownAt(FIRST, bits, text, start, end) || knownAt(OTHER, bits, text, start, end);
}

/** The word before `start` (one space between) is "a", "an" or "the", in any case, and starts a word. */
function isArticleBefore(text: string, start: number): boolean {
  if (text.charCodeAt(start - 1) !== 32) return false;
  let j = start - 2;
  const last = text.charCodeAt(j) | 32;
  if (last === 110) j--; // "an"
  else if (last === 101 && (text.charCodeAt(j - 1) | 32) === 104 && (text.charCodeAt(j - 2) | 32) === 116) j -= 2; // "the"
  const first = text.charCodeAt(j) | 32;
  if (first !== 97 && !(last === 101 && first === 116)) return false;
  return j === 0 || !isLetterCode(text.charCodeAt(j - 1));
}

function isTitleBefore(text: string, start: number): boolean {
  let j = start - 1;
  if (text.charCodeAt(j) !== 32) return false;
  j--;
  if (text.charCodeAt(j) === 46) j--;
  let s = j;
  while (s >= 0 && isLetterCode(text.charCodeAt(s))) s--;
  if (j - s < 1 || j - s > 8) return false;
  const f = text.charCodeAt(s + 1);
  if (f >= 128 || (TITLE_FIRST & (1 << ((f | 32) - 96))) === 0) return false;
  // A title's only character outside ASCII is ñ (señor): a word with another one lower-cases to no
  // title, and an all-ASCII word is ruled out by its first two letters and length without a slice.
  let ascii = true;
  for (let k = s + 1; k <= j; k++) {
    const c = text.charCodeAt(k);
    if (c < 128) continue;
    if (c !== 0xf1 && c !== 0xd1) return false;
    ascii = false;
  }
  if (ascii && TITLE_SHAPES[titleShape(f, text.charCodeAt(s + 2), j - s)] === 0) return false;
  return TITLES.has(text.slice(s + 1, j + 1).toLowerCase());
}

/** One byte per UTF-16 code unit: flags of the characters the Chinese-name scan asks about (a table read, not a Set lookup, per character). */
const ZH_SURNAME = 1;
const ZH_GIVEN = 2;
const ZH_COMPOUND_FIRST = 4;
const ZH_CUE_BEFORE = 8;
const ZH_CUE_AFTER = 16;
const ZH_FLAGS = new Uint8Array(65536);
function zhMark(ch: string, flag: number): void {
  const c = ch.charCodeAt(0);
  ZH_FLAGS[c] = ZH_FLAGS[c]! | flag;
}
for (const c of ZH_SURNAMES) zhMark(c, ZH_SURNAME);
for (const c of ZH_GIVEN_CHARS) zhMark(c, ZH_GIVEN);
for (const c of ZH_COMPOUND_SURNAMES) zhMark(c, ZH_COMPOUND_FIRST);
/** Characters (or endings of words) after which a name often follows. */
for (const c of '叫是名为人户者给和与向由找请问致谢员长师生') zhMark(c, ZH_CUE_BEFORE);
for (const c of '先女的是说在已于同老经今明昨你我他她电手住家等和与给，') zhMark(c, ZH_CUE_AFTER);

function zhFlag(c: number, flag: number): boolean {
  return (ZH_FLAGS[c]! & flag) !== 0;
}

/** Chinese names inside a run of CJK characters [start, end). */
export function scanCjkNames(state: ScanState, start: number, end: number): void {
  const { text } = state;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    let sEnd = -1;
    if (zhFlag(c, ZH_COMPOUND_FIRST) && ZH_COMPOUND_SURNAMES.includes(text.slice(i, i + 2))) sEnd = i + 2;
    else if (zhFlag(c, ZH_SURNAME)) sEnd = i + 1;
    if (sEnd < 0) continue;
    const atStart = i === start;
    const cued = !atStart && (zhFlag(text.charCodeAt(i - 1), ZH_CUE_BEFORE) || (text.charCodeAt(i - 1) === 0x7684 && (text.startsWith('尊敬', i - 3) || text.startsWith('亲爱', i - 3) || text.startsWith('親愛', i - 3))));
    if (!atStart && !cued) continue;
    let g = sEnd;
    while (g < end && g - sEnd < 2 && zhFlag(text.charCodeAt(g), ZH_GIVEN)) g++;
    if (g === sEnd) continue;
    const atEnd = g === end;
    if (!atEnd && !zhFlag(text.charCodeAt(g), ZH_CUE_AFTER)) {
      if (g - sEnd === 2 && zhFlag(text.charCodeAt(g - 1), ZH_CUE_AFTER)) g--;
      else continue;
    }
    const whole = atStart && atEnd;
    emit(state, i, g, 'PERSON', whole ? 0.55 : cued ? 0.5 : 0.4);
    i = g - 1;
  }
}
