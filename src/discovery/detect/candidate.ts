import { CONTEXT_AFTER, anyContextNear, contextNear, hasNonAscii, mayHoldContext, type ContextUnion } from './context.js';

/** What every scanner emits; the engine scores context, resolves overlaps and reports spans. */
export interface Candidate {
  start: number;
  end: number;
  type: string;
  score: number;
  /** Whether a context word of the type is near: 1 yes, 0 no, CTX_UNKNOWN (or absent) not looked up yet. */
  ctx?: number;
}

/** A context look-up not made yet. */
export const CTX_UNKNOWN = -1;

/** Shared state of one detect() call, handed to each scanner. */
export interface ScanState {
  readonly text: string;
  /** Scan limit: nothing at or after this index is looked at. */
  readonly limit: number;
  readonly out: Candidate[];
  /** Entity types to report (null: all). Scanners skip work for types not wanted. */
  readonly wanted: ReadonlySet<string> | null;
  /** Types named by the hints (column names), with strength 0..1. */
  readonly hinted: ReadonlyMap<string, number>;
  /**
   * Candidates that cannot reach this score are not kept (0: keep all, as column classification
   * wants). Only set when no hints were given: hints add context words that the text does not hold.
   */
  readonly floor: number;
  /** Whether the scanned text is all ASCII (null: not asked yet); non-ASCII context words are skipped then. */
  ascii: boolean | null;
  /** Whether the text holds a postal-code word anywhere (null: not asked yet): most texts hold none, and then no number's window does. */
  postalWords: boolean | null;
  /** Emit calls so far, kept or not: scanners compare it to learn whether a reading was made. */
  emitted: number;
}

/** Types that are only reported with context or a hint: their base score is far below 0.5. */
export const CONTEXT_BOOST: Readonly<Record<string, number>> = {
  US_BANK_NUMBER: 0.5, PASSPORT: 0.5, US_PASSPORT: 0.45, US_DRIVER_LICENSE: 0.5, POSTAL_CODE: 0.5, DATE_OF_BIRTH: 0.55,
  LICENSE_PLATE: 0.5, ABA_ROUTING_NUMBER: 0.5, MAC_ADDRESS: 0.5, JP_MY_NUMBER: 0.45, IN_AADHAAR: 0.4, CN_BANK_CARD: 0.5, US_SSN: 0.4,
  CA_SIN: 0.4, DE_TAX_ID: 0.4, UK_NHS: 0.4, BR_CPF: 0.4, BR_CNPJ: 0.4, PHONE_NUMBER: 0.35, US_ITIN: 0.4, IN_PAN: 0.35,
};

export function boostOf(type: string): number {
  return CONTEXT_BOOST[type] ?? 0.35;
}

/** Whether the state's text (up to its limit) is all ASCII; computed on first use. */
export function asciiText(state: ScanState): boolean {
  if (state.ascii === null) {
    const { text, limit } = state;
    state.ascii = !hasNonAscii(limit === text.length ? text : text.slice(0, limit));
  }
  return state.ascii;
}

/** Whether a context word of `type` is near [start, end) in the state's text. */
export function hasContextNear(state: ScanState, type: string, start: number, end: number): boolean {
  // Every plain number of 4-6 digits asks for a postal-code word (its reading needs one), and almost
  // no text holds any: one look over the text answers them all. Other types' look-ups are fewer, and
  // a note per type over the whole text measured no gain (see README.md, "How it runs").
  if (type === 'POSTAL_CODE') {
    // Windows reach CONTEXT_AFTER characters past the scan limit.
    const { text, limit } = state;
    if (state.postalWords === null) state.postalWords = mayHoldContext(type, limit + CONTEXT_AFTER >= text.length ? text : text.slice(0, limit + CONTEXT_AFTER), asciiText(state));
    if (!state.postalWords) return false;
  }
  return contextNear(state.text, type, start, end, asciiText(state));
}

/**
 * Whether a candidate of any of the union's `types` at [start, end) could reach the floor through a context
 * word: one regex over their words decides for several context-only readings of one value.
 */
export function mayAnyReachByContext(state: ScanState, types: ContextUnion, start: number, end: number): boolean {
  return state.floor === 0 || anyContextNear(state.text, types, start, end, asciiText(state));
}

/**
 * Whether a candidate of this type at [start, end) with this base score can still reach the
 * state's floor: scoring only adds its type's context boost (when a context word is near) and
 * otherwise only subtracts, so a low base score with no context word near is final. Returns the
 * context look-up it made (1), CTX_UNKNOWN when it needed none, or null when it cannot reach.
 */
function reach(state: ScanState, type: string, start: number, end: number, score: number): number | null {
  if (score >= state.floor) return CTX_UNKNOWN;
  if (score + boostOf(type) < state.floor) return null;
  return hasContextNear(state, type, start, end) ? 1 : null;
}

export function want(state: ScanState, type: string): boolean {
  return state.wanted === null || state.wanted.has(type);
}

/** `ctx`: the caller's own context look-up for this span and type (1 / 0), kept for the scoring. */
export function emit(state: ScanState, start: number, end: number, type: string, score: number, ctx: number = CTX_UNKNOWN): void {
  if (end <= start || score <= 0) return;
  if (state.wanted !== null && !state.wanted.has(type)) return;
  state.emitted++;
  // Most context-only readings (a plain number as a possible passport) have no context word near.
  const looked = ctx === CTX_UNKNOWN ? reach(state, type, start, end, score) : ctx;
  if (looked === null || (looked === 0 && score < state.floor)) return;
  state.out.push({ start, end, type, score, ctx: looked });
}

/** ASCII character classes for the hot loops (one table lookup per character). */
export const DIGIT = 1;
export const UPPER = 2;
export const LOWER = 4;
export const WORD = DIGIT | UPPER | LOWER | 8; // 8: underscore
export const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
CLASS[95] = 8;

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Latin letters including Latin-1 and Latin Extended-A (names like João, Müller, Łukasz). */
export function isLetterCode(c: number): boolean {
  if (c < 128) return (CLASS[c]! & (UPPER | LOWER)) !== 0;
  return (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x3ff) || (c >= 0x400 && c <= 0x4ff);
}

export function isUpperCode(c: number): boolean {
  if (c < 128) return c >= 65 && c <= 90;
  return (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && c <= 0x17f && (c & 1) === 0);
}

export function isWordCode(c: number): boolean {
  return c < 128 ? CLASS[c]! !== 0 : isLetterCode(c);
}

/**
 * A small set of words asked about words of the text in place: the first character and the length
 * rule out most words before a slice is made for the Set look-up.
 */
export class WordSet {
  private readonly words: ReadonlySet<string>;
  /** Per ASCII first character, a bit per word length (lengths up to 30). */
  private readonly lengths = new Uint32Array(128);
  private readonly otherFirst: boolean;

  constructor(words: readonly string[]) {
    this.words = new Set(words);
    let other = false;
    for (const w of words) {
      const c = w.charCodeAt(0);
      if (c >= 128 || w.length > 30) other = true;
      else this.lengths[c] = this.lengths[c]! | (1 << w.length);
    }
    this.otherFirst = other;
  }

  /** Whether a word starting with the ASCII character c may be one of the words. */
  mayStartWith(c: number): boolean {
    return this.otherFirst || c >= 128 || this.lengths[c] !== 0;
  }

  /** Whether text[start, end) is one of the words. */
  hasAt(text: string, start: number, end: number): boolean {
    const c = text.charCodeAt(start);
    const len = end - start;
    if (c < 128 && len <= 30 && (this.lengths[c]! & (1 << len)) === 0 && !this.otherFirst) return false;
    return this.words.has(text.slice(start, end));
  }
}

export function isCjkCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}
