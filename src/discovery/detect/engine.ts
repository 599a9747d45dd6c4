/**
 * The detection engine. One pass over the text finds anchors (digits, '@', capitalised words,
 * alphanumeric tokens, CJK runs, '$' and '-----BEGIN'); each anchor runs only the anchored
 * checks that can start there. Then every candidate is scored with context words and hints,
 * overlaps are resolved (best score, then longest, then most specific) and low scores dropped.
 */
import { CLASS, DIGIT, LOWER, UPPER, emit, isCjkCode, isDigitCode, isLetterCode, isWordCode } from './candidate.js';
import type { Candidate, ScanState } from './candidate.js';
import { CONTEXT_AFTER, CONTEXT_BEFORE, hasContext } from './context.js';
import { categoryOf } from './entities.js';
import { hintsFromName } from './hints.js';
import { scanNumber } from './numeric.js';
import { scanDollar, scanToken } from './tokens.js';
import { scanAt, scanCiscoMac, scanNetwork, scanUrl } from './network.js';
import { scanCapitalised, scanCjkNames } from './person.js';
import { DE_PREPOSITIONS, scanCjkAddress, scanCoordinates, scanNumberAddress, scanWordAddress, scanWordDate } from './address.js';
import { labelAtCjk, labelAtWord, placeAt } from './labels.js';
import { monthNumber } from './validators/dates.js';

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

/** Types that are only reported with context or a hint: their base score is far below 0.5. */
const CONTEXT_BOOST: Readonly<Record<string, number>> = {
  US_BANK_NUMBER: 0.5, PASSPORT: 0.5, US_PASSPORT: 0.45, US_DRIVER_LICENSE: 0.5, POSTAL_CODE: 0.5, DATE_OF_BIRTH: 0.55,
  LICENSE_PLATE: 0.5, ABA_ROUTING_NUMBER: 0.5, MAC_ADDRESS: 0.5, JP_MY_NUMBER: 0.45, IN_AADHAAR: 0.4, CN_BANK_CARD: 0.5, US_SSN: 0.4,
  CA_SIN: 0.4, DE_TAX_ID: 0.4, UK_NHS: 0.4, BR_CPF: 0.4, BR_CNPJ: 0.4, PHONE_NUMBER: 0.35, US_ITIN: 0.4, IN_PAN: 0.35,
};
/** Checked types that the context of a different number type speaks against (order, invoice, …). */
const NEGATIVE_BEFORE = /(?:(?<![A-Za-z])(?:order|invoice|inv|sku|isbn|tracking|reference|ref|version|ver|release|build|serial|part|item|product|ticket|case|claim|account|acct|customer id|customer no|member id|user id|id|transaction|txn|booking|confirmation|receipt|policy|shipment|parcel|fedex|ups|usps|dhl|awb|waybill|consignment|bestellnummer|bestellung|rechnung|artikel|kundennummer|pedido|nota fiscal|protocolo)|订单|单号|编号|发票)[\s#:.№-]{0,4}(?:(?:no|nr|number|num|id)[\s#:.-]{0,3})?$/i;
/** The longest negative label with its separators ("nota fiscal", "bestellnummer", " nr. ") fits in 32 characters. */
function negativeBefore(text: string, start: number): boolean {
  const p = text.charCodeAt(start - 1);
  // The label ends right before the value, or after one of the separators the pattern allows.
  if (!(p <= 32 || p === 160 || p === 0x3000 || p === 35 || p === 58 || p === 46 || p === 45 || p === 0x2116 || p === 9 || isCjkCode(p) || (p < 128 && (CLASS[p]! & (UPPER | LOWER)) !== 0))) return false;
  return NEGATIVE_BEFORE.test(text.slice(Math.max(0, start - 32), start));
}

/** Identifier types whose context words, right before a number, speak against a phone reading. */
const OTHER_IDS = ['US_SSN', 'US_ITIN', 'UK_NHS', 'UK_NINO', 'CA_SIN', 'IN_AADHAAR', 'JP_MY_NUMBER', 'BR_CPF', 'BR_CNPJ', 'DE_TAX_ID', 'CREDIT_CARD', 'IBAN_CODE', 'US_BANK_NUMBER', 'ABA_ROUTING_NUMBER', 'PASSPORT', 'US_DRIVER_LICENSE', 'CN_RESIDENT_ID', 'CN_BANK_CARD'];
function otherIdBefore(before: string, ascii: boolean): boolean {
  // Only the words since the previous value: in "card 4111 …, 415-555-2671" the label is the card's.
  let near = before.slice(-28);
  for (let k = near.length - 1; k >= 0; k--) {
    const ch = near.charCodeAt(k);
    if ((ch >= 48 && ch <= 57) || ch === 64) {
      near = near.slice(k + 1);
      break;
    }
  }
  for (const t of OTHER_IDS) if (hasContext(t, near, ascii)) return true;
  return false;
}

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
  const scored = candidates(text, options, extra, minScore).filter((c) => c.score >= minScore);
  return resolve(scored).map((c) => ({ start: c.start, end: c.end, type: c.type, score: round(c.score), category: categories?.get(c.type) ?? categoryOf(c.type) }));
}

/** Every scored candidate, before overlaps are resolved (column classification wants alternatives). */
export function candidates(text: string, options: DetectOptions, extra: readonly ExtraScanner[] = [], floor = 0): Candidate[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const state = newState(text, options);
  try {
    scan(state);
    for (const run of extra) run(state);
  } catch {
    // Never throw on input: keep what was found before the fault.
  }
  const hintText = hintContext(options.hints);
  // Non-ASCII context words (CJK, accented) are only searched when the text has such characters.
  const ascii = isAscii(text, state.limit);
  const out: Candidate[] = [];
  for (const c of state.out) {
    // Skip the context look-up for candidates that cannot reach the threshold even with it.
    const ceiling = c.score + (CONTEXT_BOOST[c.type] ?? 0.35) + (state.hinted.has(c.type) ? 0.5 : 0);
    if (ceiling < floor) continue;
    // Candidates are fresh objects of this call: scored in place, not copied.
    c.score = rescore(text, c, state.hinted, hintText, ascii);
    out.push(c);
  }
  return out;
}

/** Shared by calls without hints (most of them): nothing is ever added to it. */
const NO_HINTS: ReadonlyMap<string, number> = new Map();

function newState(text: string, options: DetectOptions): ScanState {
  const wanted = Array.isArray(options.entities) && options.entities.length > 0 ? new Set(options.entities) : null;
  const limit = Math.min(text.length, MAX_SCAN_CHARS);
  if (!Array.isArray(options.hints) || options.hints.length === 0) return { text, limit, out: [], wanted, hinted: NO_HINTS };
  const hinted = new Map<string, number>();
  for (const h of options.hints) {
    if (typeof h !== 'string') continue;
    for (const { type, strength } of hintsFromName(h)) hinted.set(type, Math.max(hinted.get(type) ?? 0, strength));
  }
  return { text, limit, out: [], wanted, hinted };
}

function hintContext(hints: string[] | undefined): string {
  if (!Array.isArray(hints) || hints.length === 0) return '';
  return hints.filter((h) => typeof h === 'string').join(' ').slice(0, 500);
}

/** The single pass over the text. */
export function scan(state: ScanState): void {
  const { text, limit } = state;
  let i = 0;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const cls = CLASS[c]!;
      if (cls === 0) {
        i = punctuation(state, i, c);
        continue;
      }
    } else if (isCjkCode(c)) {
      i = cjkRun(state, i);
      continue;
    } else if (!isLetterCode(c)) {
      i++;
      continue;
    }
    i = token(state, i);
  }
}

function punctuation(state: ScanState, i: number, c: number): number {
  const { text } = state;
  if (c === 64) return scanAt(state, i);
  if ((c === 43 || c === 40) && isDigitCode(text.charCodeAt(i + 1)) && !isWordCode(text.charCodeAt(i - 1))) return Math.max(i + 1, scanNumber(state, i));
  if (c === 36) return scanDollar(state, i);
  if (c === 45 && text.startsWith('-----BEGIN', i)) return privateKey(state, i);
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

/** A run of word characters starting at i (ASCII letters/digits/_ or Latin letters). */
function token(state: ScanState, i: number): number {
  const { text, limit } = state;
  let j = i;
  let digits = 0;
  let upper = 0;
  let lower = 0;
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
    j++;
  }
  if (i > 0 && isWordCode(text.charCodeAt(i - 1))) return j;
  const f = text.charCodeAt(i);
  if (digits === 0) labelAtWord(state, i);
  if (isDigitCode(f)) return Math.max(j, numberToken(state, i, j, digits));
  return Math.max(j, wordToken(state, i, j, digits, upper, lower));
}

function numberToken(state: ScanState, i: number, j: number, digits: number): number {
  const { text } = state;
  const next = text.charCodeAt(j);
  if (digits === j - i) {
    if (next === 46 && isDigitCode(text.charCodeAt(j + 1))) {
      const r = scanNetwork(state, i, false) || scanCoordinates(state, i);
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
      (next === 46 && after === 32 && isDigitCode(text.charCodeAt(j + 2))) || (j - i <= 6 && next === 32 && PREPOSITION_START.has(text.charCodeAt(i)) && DE_PREPOSITIONS.has(text.slice(i, j)));
    if (streety) {
      const r = scanWordAddress(state, i, j);
      if (r) return r;
    }
  }
  if (next === 32 && isDigitCode(after) && lower >= 2 && j - i <= 9 && monthNumber(text.slice(i, j))) {
    const r = scanWordDate(state, i, false);
    if (r) return r;
  }
  if (lower === 0) return j;
  // Gazetteer places: multi-word names first ("São Paulo", "New York"), single words only where no
  // person name was read. Base 0.45: reported with a place context word ("in", "from", "city" …).
  const place = placeAt(text, i, j);
  if (place > j) {
    emit(state, i, place, 'LOCATION', 0.45);
    return place;
  }
  const before = state.out.length;
  const r = scanCapitalised(state, i, j);
  if (place === j && state.out.length === before) emit(state, i, j, 'LOCATION', 0.45);
  return r;
}

const PREPOSITION_START = new Set([...'AIUZHV'].map((c) => c.charCodeAt(0)));
const STREET_START = new Set([...'RATPELCVB'].map((c) => c.charCodeAt(0)));

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function isAscii(text: string, limit: number): boolean {
  for (let i = 0; i < limit; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

function rescore(text: string, c: Candidate, hinted: ReadonlyMap<string, number>, hintText: string, ascii: boolean): number {
  let score = c.score;
  const hint = hinted.get(c.type);
  const boost = CONTEXT_BOOST[c.type] ?? 0.35;
  // Before and after are tested apart (no concatenated copy of the window per candidate).
  const before = text.slice(Math.max(0, c.start - CONTEXT_BEFORE), c.start);
  let ctx = hasContext(c.type, before, ascii) || hasContext(c.type, text.slice(c.end, c.end + CONTEXT_AFTER), ascii) || (hintText !== '' && hasContext(c.type, hintText));
  const rival = RIVAL[c.type];
  if (rival !== undefined) {
    const after = text.slice(c.end, c.end + CONTEXT_AFTER);
    const rivalCtx = hasContext(rival.type, before, ascii) || hasContext(rival.type, after, ascii);
    // "social insurance number", "assurance sociale": the word `social` names a SIN, not an SSN.
    if (ctx && rivalCtx && !rival.own.test(before + ' ' + after)) ctx = false;
  }
  if (ctx) score += boost;
  // A valid My Number without its words is reported at a moderate score, but not in a sentence about
  // a delivery (12-digit parcel tracking numbers).
  else if (c.type === 'JP_MY_NUMBER' && hint === undefined && SHIPPING.test(before + ' ' + text.slice(c.end, c.end + CONTEXT_AFTER))) score -= 0.4;
  if (hint !== undefined) score += 0.5 * hint;
  if (!ctx && hint === undefined && c.type !== 'EMAIL_ADDRESS' && c.type !== 'URL' && negativeBefore(text, c.start)) score -= 0.4;
  // A number that a nearby word names as another identifier ("NHS number 943 476 5919", "SIN …")
  // is not read as a phone number unless a phone word is near too.
  else if (!ctx && hint === undefined && c.type === 'PHONE_NUMBER' && score >= 0.5 && otherIdBefore(before, ascii)) score -= 0.4;
  return Math.min(1, Math.max(0, score));
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
