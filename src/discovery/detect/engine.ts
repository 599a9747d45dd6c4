/**
 * The detection engine. One pass over the text finds anchors (digits, '@', capitalised words,
 * alphanumeric tokens, CJK runs, '$' and '-----BEGIN'); each anchor runs only the anchored
 * checks that can start there. Then every candidate is scored with context words and hints,
 * overlaps are resolved (best score, then longest, then most specific) and low scores dropped.
 */
import { CLASS, DIGIT, LOWER, UPPER, boostOf, emit, hasContextNear, isCjkCode, isDigitCode, isLetterCode, isWordCode } from './candidate.js';
import type { Candidate, ScanState } from './candidate.js';
import { CONTEXT_AFTER, CONTEXT_BEFORE, hasContext } from './context.js';
import { negativeBefore, otherIdBefore } from './penalties.js';
import { categoryOf } from './entities.js';
import { hintsFromName } from './hints.js';
import { scanNumber } from './numeric.js';
import { skipTimestamp } from './timestamp.js';
import { scanDollar, scanToken } from './tokens.js';
import { scanAt, scanCiscoMac, scanNetwork, scanUrl } from './network.js';
import { scanCapitalised, scanCjkNames } from './person.js';
import { isDePreposition, scanCjkAddress, scanCoordinates, scanNumberAddress, scanWordAddress, scanWordDate } from './address.js';
import { ORDINARY_WORDS, labelAtCjk, labelAtHashedWord, mayBePlace, placeAt, runCode, runHashStep } from './labels.js';
import { monthNumberAt } from './validators/dates.js';
import { lexicon } from './lexicon.js';

export interface Span { start: number; end: number; type: string; score: number; category: string }
export interface DetectOptions {
  /** Spans scoring below this are dropped (default 0.5). */
  minScore?: number;
  /** Restrict to these entity types. */
  entities?: string[];
  /** Extra context words that apply to the whole text, e.g. a column name: `email`, `手机号`, `cpf`. */
  hints?: string[];
}

/** Work cap per call: characters beyond this are not scanned (16 Mi UTF-16 units ≈ 16-32 MB). */
export const MAX_SCAN_CHARS = 16 * 1024 * 1024;

/**
 * Types sharing a context word with a rival type ("social" in "social insurance number"): when
 * the rival's words are near, the type's context counts only if `own` (its unambiguous words) matches.
 */
const RIVAL: Readonly<Record<string, { type: string; own: RegExp }>> = {
  US_SSN: { type: 'CA_SIN', own: /(?:^|[^a-z])(?:ssn|social security|soc\.? sec|ss ?#)/i },
};

const SHIPPING = /(?:^|[^a-z])(?:tracking|shipment|shipped|shipping|parcel|delivery|delivered|courier|fedex|ups|usps|dhl|waybill|sendung|paket|encomenda|rastreio)(?![a-z])|配送|追跡|快递/i;

/** Among equal scores, the more specific type wins. */
const PRIORITY: Readonly<Record<string, number>> = {
  CN_RESIDENT_ID: 9, IBAN_CODE: 9, CREDIT_CARD: 8, BR_CPF: 8, BR_CNPJ: 8, EMAIL_ADDRESS: 9, URL: 5, JWT: 9, API_KEY: 8,
  PRIVATE_KEY: 9, CRYPTO: 8, US_SSN: 7, US_ITIN: 7, SG_NRIC_FIN: 8, HK_ID: 7, TW_ID: 7, UK_NINO: 7, UK_NHS: 6,
  CA_SIN: 6, DE_TAX_ID: 6, IN_AADHAAR: 6, JP_MY_NUMBER: 5, PHONE_NUMBER: 4, STREET_ADDRESS: 5, DATE_OF_BIRTH: 5,
  PERSON: 3, LOCATION: 2, POSTAL_CODE: 2, PASSPORT: 3, US_BANK_NUMBER: 1, US_DRIVER_LICENSE: 1, US_PASSPORT: 2,
};

export function detect(text: string, options: DetectOptions = {}): Span[] {
  return detectWith(text, options, [], null);
}

/** A scanner added by a caller (user-defined detectors); it emits into the same state. */
export type ExtraScanner = (state: ScanState) => void;

/** detect() with extra scanners and categories for types outside the catalogue. */
export function detectWith(text: string, options: DetectOptions, extra: readonly ExtraScanner[], categories: ReadonlyMap<string, string> | null): Span[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const minScore = typeof options.minScore === 'number' && Number.isFinite(options.minScore) ? options.minScore : 0.5;
  const all = candidates(text, options, extra, minScore);
  // Most texts hold nothing: no filter, sort and map (and their arrays) for them.
  if (all.length === 0) return [];
  const scored = all.filter((c) => c.score >= minScore);
  return resolve(scored).map((c) => ({ start: c.start, end: c.end, type: c.type, score: round(c.score), category: categories?.get(c.type) ?? categoryOf(c.type) }));
}

/** Every scored candidate, before overlaps are resolved (column classification wants alternatives). */
export function candidates(text: string, options: DetectOptions, extra: readonly ExtraScanner[] = [], floor = 0): Candidate[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const hintText = hintContext(options.hints);
  const state = newState(text, options, hintText === '' ? floor : 0);
  try {
    scan(state);
    for (const run of extra) run(state);
  } catch {
    // Never throw on input: keep what was found before the fault.
  }
  const out: Candidate[] = [];
  for (const c of state.out) {
    // Skip the context look-up for candidates that cannot reach the threshold even with it.
    const ceiling = c.score + boostOf(c.type) + (state.hinted.has(c.type) ? 0.5 : 0);
    if (ceiling < floor) continue;
    // Candidates are fresh objects of this call: scored in place, not copied.
    c.score = rescore(state, c, hintText);
    out.push(c);
  }
  return out;
}

/** Shared by calls without hints (most of them): nothing is ever added to it. */
const NO_HINTS: ReadonlyMap<string, number> = new Map();

function newState(text: string, options: DetectOptions, floor: number): ScanState {
  const wanted = Array.isArray(options.entities) && options.entities.length > 0 ? new Set(options.entities) : null;
  const limit = Math.min(text.length, MAX_SCAN_CHARS);
  return { text, limit, out: [], wanted, hinted: hintedTypes(options.hints), floor, ascii: null, postalWords: null, emitted: 0 };
}

function hintedTypes(hints: string[] | undefined): ReadonlyMap<string, number> {
  if (!Array.isArray(hints) || hints.length === 0) return NO_HINTS;
  const hinted = new Map<string, number>();
  for (const h of hints) {
    if (typeof h !== 'string') continue;
    for (const { type, strength } of hintsFromName(h)) hinted.set(type, Math.max(hinted.get(type) ?? 0, strength));
  }
  return hinted;
}

function hintContext(hints: string[] | undefined): string {
  if (!Array.isArray(hints) || hints.length === 0) return '';
  return hints.filter((h) => typeof h === 'string').join(' ').slice(0, 500);
}

/** The single pass over the text. */
export function scan(state: ScanState): void {
  const { text, limit } = state;
  let i = 0;
  // Whether the last word read was a lower-case one: then more are likely to follow (prose).
  let prose = false;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const cls = CLASS[c]!;
      if (cls === 0) {
        i = punctuation(state, i, c);
        continue;
      }
      if (cls === LOWER) {
        // In prose, a stretch of ordinary lower-case words costs one native regex call; a lone word
        // (a JSON key, a log line's verb) is cheaper read by the loop than by a regex call.
        if (prose) {
          ORDINARY_WORDS.lastIndex = i;
          i = ORDINARY_WORDS.test(text) ? ORDINARY_WORDS.lastIndex : lowerWord(state, i);
        } else {
          i = lowerWord(state, i);
          prose = true;
        }
        continue;
      }
    }
    prose = false;
    if (c >= 128) {
      if (isCjkCode(c)) {
        i = cjkRun(state, i);
        continue;
      }
      if (!isLetterCode(c)) {
        i++;
        continue;
      }
    }
    // A capital, a digit, '_' or a Latin letter: a token.
    i = token(state, i);
  }
}


function punctuation(state: ScanState, i: number, c: number): number {
  const { text } = state;
  if (c === 64) return scanAt(state, i);
  if ((c === 43 || c === 40) && isDigitCode(text.charCodeAt(i + 1)) && !isWordCode(text.charCodeAt(i - 1))) return Math.max(i + 1, scanNumber(state, i));
  if (c === 36) return scanDollar(state, i);
  // A hyphen inside ids and dates (most of them) is not followed by another.
  if (c === 45 && text.charCodeAt(i + 1) === 45 && text.startsWith('-----BEGIN', i)) return privateKey(state, i);
  return i + 1;
}

function privateKey(state: ScanState, i: number): number {
  const { text } = state;
  const headEnd = text.indexOf('-----', i + 10);
  if (headEnd < 0 || headEnd - i > 60) return i + 10;
  const header = text.slice(i, headEnd);
  if (!header.includes('PRIVATE KEY')) return headEnd + 5;
  const endMark = text.indexOf('-----END', headEnd);
  if (endMark < 0 || endMark - i > 20_000) {
    emit(state, i, headEnd + 5, 'PRIVATE_KEY', 0.8);
    return headEnd + 5;
  }
  const close = text.indexOf('-----', endMark + 8);
  const end = close < 0 ? endMark + 8 : close + 5;
  emit(state, i, end, 'PRIVATE_KEY', 0.99);
  return end;
}

function cjkRun(state: ScanState, i: number): number {
  const { text, limit } = state;
  let j = i;
  while (j < limit && isCjkCode(text.charCodeAt(j))) labelAtCjk(state, j++);
  scanCjkNames(state, i, j);
  // A Chinese address continues through digits (建国路88号): look at the run and what follows.
  if (isDigitCode(text.charCodeAt(j)) || j - i >= 6) scanCjkAddress(state, i, j);
  // Chinese plates: province abbreviation + letter + 5-6 alphanumerics (京A12345, 粤B·D12345).
  const p = text.charCodeAt(j);
  if (p >= 65 && p <= 90 && PLATE_PROVINCES.has(text.charCodeAt(j - 1))) cnPlate(state, j - 1);
  return j;
}

const PLATE_PROVINCES = new Set([...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'].map((c) => c.charCodeAt(0)));
const CN_PLATE = /[\u4e00-\u9fff][A-Z]·?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])/y;

function cnPlate(state: ScanState, pos: number): void {
  CN_PLATE.lastIndex = pos;
  const m = CN_PLATE.exec(state.text);
  if (m && /\d/.test(m[0])) emit(state, pos, pos + m[0].length, 'LICENSE_PLATE', 0.6);
}

/**
 * Most words of prose: lower-case ASCII letters and then a space or punctuation. Read them in a
 * tighter loop than token()'s (no class counts; the label filter's hash on the way), and hand any
 * other word to token(), which goes on from where this loop stopped. Same outcome as token() for the
 * words it finishes itself.
 */
function lowerWord(state: ScanState, i: number): number {
  const { text, limit } = state;
  let j = i;
  let h = 0;
  while (j < limit) {
    const d = text.charCodeAt(j);
    if (d < 97 || d > 122) break;
    h = runHashStep(h, d);
    j++;
  }
  const next = text.charCodeAt(j);
  // A word character next (digit, capital, '_', another letter, also past the scan limit) or a character the label
  // hash would read on (the Kelvin sign, ẞ): the general path.
  const ends = next < 128 ? CLASS[next] === 0 : Number.isNaN(next) || (!isLetterCode(next) && next !== 0x212a && next !== 0x1e9e);
  if (!ends) return tokenFrom(state, i, j, j - i, h);
  if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return j;
  labelAtHashedWord(state, i, h);
  if (j - i < 16 && next !== 46 && next !== 58 && next !== 45 && next !== 36) return j;
  return Math.max(j, wordToken(state, i, j, 0, 0, j - i));
}

/** A run of word characters starting at i (ASCII letters/digits/_ or Latin letters). */
function token(state: ScanState, i: number): number {
  return tokenFrom(state, i, i, 0);
}

/**
 * token() for a word whose first `from - i` characters (lower-case letters, counted in `lower`) were
 * read already, `hashRead` being the label hash of those letters (runHashStep). The loop hashes the
 * word's leading letter run on the way for the label check.
 */
function tokenFrom(state: ScanState, i: number, from: number, lowerRead: number, hashRead = 0): number {
  const { text, limit } = state;
  let j = from;
  let digits = 0;
  let upper = 0;
  let lower = lowerRead;
  let h = hashRead;
  let run = true;
  while (j < limit) {
    const d = text.charCodeAt(j);
    if (d < 128) {
      const k = CLASS[d]!;
      if (k === 0) break;
      if (k === DIGIT) digits++;
      else if (k === UPPER) upper++;
      else if (k === LOWER) lower++;
    } else if (isLetterCode(d)) lower++;
    else break;
    if (run) {
      const code = runCode(d);
      if (code < 0) run = false;
      else h = runHashStep(h, code);
    }
    j++;
  }
  if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return j;
  const f = text.charCodeAt(i);
  if (digits === 0) {
    // The label run goes on through letters the token stops at (ẞ, the Kelvin sign) and past the scan limit.
    for (let k = j; run && k < text.length; k++) {
      const code = runCode(text.charCodeAt(k));
      if (code < 0) break;
      h = runHashStep(h, code);
    }
    labelAtHashedWord(state, i, h);
  }
  // Most words of prose: a short lower-case ASCII word opens nothing that wordToken or scanToken look
  // for unless a '.', ':', '-' or '$' follows (URLs, hex groups, keys, crypt hashes); JWTs need a capital.
  if (f >= 97 && f <= 122 && digits === 0 && upper === 0 && j - i < 16) {
    const next = text.charCodeAt(j);
    if (next !== 46 && next !== 58 && next !== 45 && next !== 36) return j;
  }
  if (isDigitCode(f)) return Math.max(j, numberToken(state, i, j, digits));
  return Math.max(j, wordToken(state, i, j, digits, upper, lower));
}

function numberToken(state: ScanState, i: number, j: number, digits: number): number {
  const { text } = state;
  const next = text.charCodeAt(j);
  if (digits === j - i) {
    // Most log lines open with a timestamp: its date, hour and minute are read from character codes.
    if (next === 45 && j - i === 4) {
      const r = skipTimestamp(state, i);
      if (r) return r;
    }
    if (next === 46 && isDigitCode(text.charCodeAt(j + 1))) {
      // IPv4 parts have at most 3 digits.
      const r = (j - i <= 3 ? scanNetwork(state, i, false) : 0) || scanCoordinates(state, i);
      if (r) return r;
    } else if (next === 58 && j - i <= 4) {
      const r = scanNetwork(state, i, true);
      if (r) return r;
    } else if (next === 32 || next === 44) {
      const r = scanNumberAddress(state, i) || (j - i <= 2 ? scanWordDate(state, i, true) : 0);
      if (r) return r;
    }
    if (next === 46 && text.charCodeAt(j + 1) === 32 && j - i <= 2) {
      const r = scanWordDate(state, i, true);
      if (r) return r;
    }
    if (next === 45 && j - i === 2) {
      const r = scanNetwork(state, i, true); // 00-1A-2B-3C-4D-5E
      if (r) return r;
    }
    if (next === 45 || next === 46) {
      const r = scanCoordinates(state, i);
      if (r) return r;
    }
    return scanNumber(state, i);
  }
  if (j - i === 18 && digits === 17 && (text.charCodeAt(j - 1) | 32) === 120) return scanNumber(state, i);
  // Digit-led mixed tokens: "221B Baker Street", hex (MAC/IPv6), wallets, hashes.
  if (next === 58 || (next === 45 && j - i === 2)) {
    const r = scanNetwork(state, i, true);
    if (r) return r;
  }
  if (next === 32 && j - i <= 5) {
    const r = scanNumberAddress(state, i);
    if (r) return r;
  }
  if (next === 46 && j - i === 4) {
    const r = scanCiscoMac(state, i);
    if (r) return r;
  }
  return scanToken(state, i, j, digits, 0);
}

function wordToken(state: ScanState, i: number, j: number, digits: number, upper: number, lower: number): number {
  const { text } = state;
  const f = text.charCodeAt(i);
  const next = text.charCodeAt(j);
  const len = j - i;
  if ((f === 104 || f === 102 || f === 119 || f === 87 || f === 72) && len <= 5 && (next === 58 || next === 46)) {
    const r = scanUrl(state, i);
    if (r) return r;
  }
  if ((next === 58 && len <= 4 || next === 45 && len === 2) && isHexRun(text, i, j)) {
    const r = scanNetwork(state, i, true);
    if (r) return r;
  }
  if (next === 46 && len === 4 && isHexRun(text, i, j)) {
    const r = scanCiscoMac(state, i);
    if (r) return r;
  }
  if (digits > 0 || len >= 16) return scanToken(state, i, j, digits, upper);
  if (upper === len && len <= 2 && next === 32 && isDigitCode(text.charCodeAt(j + 1))) return scanToken(state, i, j, 1, upper);
  if (f < 65 || f > 90) {
    if (f < 128 || !isUpperLatin(f)) return scanToken(state, i, j, 0, upper);
  }
  return capitalised(state, i, j, lower);
}

function isHexRun(text: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    const c = text.charCodeAt(k) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function isUpperLatin(c: number): boolean {
  return (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && c <= 0x17f && (c & 1) === 0);
}

function capitalised(state: ScanState, i: number, j: number, lower: number): number {
  const { text } = state;
  const next = text.charCodeAt(j);
  const after = text.charCodeAt(j + 1);
  if (next === 32 || next === 46) {
    const streety = (next === 32 && isDigitCode(after)) || (j - i <= 8 && STREET_START.has(text.charCodeAt(i))) || (next === 32 && after === 83) ||
      (next === 46 && after === 32 && isDigitCode(text.charCodeAt(j + 2))) || (j - i <= 6 && next === 32 && PREPOSITION_START.has(text.charCodeAt(i)) && isDePreposition(text, i, j));
    if (streety) {
      const r = scanWordAddress(state, i, j);
      if (r) return r;
    }
  }
  if (next === 32 && isDigitCode(after) && lower >= 2 && j - i <= 9 && monthNumberAt(text, i, j)) {
    const r = scanWordDate(state, i, false);
    if (r) return r;
  }
  if (lower === 0) return j;
  // Gazetteer places: multi-word names first ("São Paulo", "New York"), single words only where no
  // person name was read. Base 0.45: reported with a place context word ("in", "from", "city" …).
  // One word-table look-up answers the place and the name lists (lexicon.ts); a word no place starts
  // like is left to the name scan, which looks it up only if another capitalised word follows.
  const bits = mayBePlace(text, i, j) ? lexicon().at(text, i, j) : -1;
  const place = bits > 0 ? placeAt(text, i, j, bits) : 0;
  if (place > j) {
    emit(state, i, place, 'LOCATION', 0.45);
    return place;
  }
  const before = state.emitted;
  const r = scanCapitalised(state, i, j, bits);
  if (place === j && state.emitted === before) emit(state, i, j, 'LOCATION', 0.45);
  return r;
}

const PREPOSITION_START = new Set([...'AIUZHV'].map((c) => c.charCodeAt(0)));
const STREET_START = new Set([...'RATPELCVB'].map((c) => c.charCodeAt(0)));

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function rescore(state: ScanState, c: Candidate, hintText: string): number {
  const { text, hinted } = state;
  let score = c.score;
  const hint = hinted.get(c.type);
  // The scanner may have looked already (to decide whether the candidate was worth keeping).
  const near = c.ctx === 1 || c.ctx === 0 ? c.ctx === 1 : hasContextNear(state, c.type, c.start, c.end);
  let ctx = near || (hintText !== '' && hasContext(c.type, hintText));
  const rival = RIVAL[c.type];
  // "social insurance number", "assurance sociale": the word `social` names a SIN, not an SSN.
  if (rival !== undefined && ctx && hasContextNear(state, rival.type, c.start, c.end) && !rival.own.test(windowText(text, c))) ctx = false;
  if (ctx) score += boostOf(c.type);
  // A valid My Number without its words is reported at a moderate score, but not in a sentence about
  // a delivery (12-digit parcel tracking numbers).
  else if (c.type === 'JP_MY_NUMBER' && hint === undefined && SHIPPING.test(windowText(text, c))) score -= 0.4;
  if (hint !== undefined) score += 0.5 * hint;
  if (!ctx && hint === undefined && c.type !== 'EMAIL_ADDRESS' && c.type !== 'URL' && negativeBefore(text, c.start)) score -= 0.4;
  // A number that a nearby word names as another identifier ("NHS number 943 476 5919", "SIN …")
  // is not read as a phone number unless a phone word is near too.
  else if (!ctx && hint === undefined && c.type === 'PHONE_NUMBER' && score >= 0.5 && otherIdBefore(state, c.start)) score -= 0.4;
  return Math.min(1, Math.max(0, score));
}

/** The context windows before and after a candidate, joined by a space. */
function windowText(text: string, c: Candidate): string {
  return `${text.slice(Math.max(0, c.start - CONTEXT_BEFORE), c.start)} ${text.slice(c.end, c.end + CONTEXT_AFTER)}`;
}

/**
 * Overlaps: candidates are swept by start into clusters of mutually reachable spans (usually one
 * span each); inside a cluster the best score wins, then the longer span, then the more specific
 * type, and any span overlapping a kept one is dropped.
 */
export function resolve(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start);
  const kept: Candidate[] = [];
  let cluster: Candidate[] = [];
  let clusterEnd = -1;
  for (const c of cands) {
    if (c.start >= clusterEnd && cluster.length > 0) {
      pick(cluster, kept);
      cluster = [];
    }
    cluster.push(c);
    clusterEnd = Math.max(clusterEnd, c.end);
  }
  if (cluster.length > 0) pick(cluster, kept);
  return kept;
}

function better(a: Candidate, b: Candidate): number {
  return b.score - a.score || b.end - b.start - (a.end - a.start) || (PRIORITY[b.type] ?? 0) - (PRIORITY[a.type] ?? 0) || a.start - b.start;
}

function pick(cluster: Candidate[], kept: Candidate[]): void {
  if (cluster.length === 1) {
    kept.push(cluster[0]!);
    return;
  }
  cluster.sort(better);
  const chosen: Candidate[] = [];
  for (const c of cluster) if (!chosen.some((k) => k.start < c.end && c.start < k.end)) chosen.push(c);
  chosen.sort((a, b) => a.start - b.start);
  for (const c of chosen) kept.push(c);
}
