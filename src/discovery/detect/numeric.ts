/**
 * Numbers: a run of digits with the separators people type inside numbers (space, - . / ( ) and
 * 年月日), cut into digit groups and interpreted group-span by group-span, longest first, so
 * "4111 1111 1111 1111 12/27" yields the card and leaves the expiry. Every interpretation is
 * validated before it is emitted; a run that touches letters or other identifier characters
 * (UUID parts, SKUs, hashes, versions) is skipped as a whole.
 */
import { CTX_UNKNOWN, boostOf, emit, hasContextNear, isCjkCode, isDigitCode, isLetterCode, isWordCode, mayAnyReachByContext } from './candidate.js';
import type { ScanState } from './candidate.js';
import { cardBrand, isCreditCard } from './validators/luhn.js';
import { isAbaRouting, isUsItin, isUsSsn } from './validators/us.js';
import { isUkNhs } from './validators/uk.js';
import { isCnResidentId } from './validators/cn.js';
import { isBrCnpj, isBrCpf } from './validators/br.js';
import { isCaSin, isInAadhaar, isJpMyNumber } from './validators/asia.js';
import { isDeTaxId } from './validators/eu.js';
import { parseDate } from './validators/dates.js';
import { allSame, isSequence } from './validators/mod.js';
import { isCnMobile, validatePhone } from './phone.js';
import { contextUnion, hasAnyContext } from './context.js';
import { negativeBefore, otherIdBefore } from './penalties.js';
import type { CountryCode } from 'libphonenumber-js/max';

const MAX_RUN = 48;
const US_STATES = new Set('AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR'.split(' '));

/** Characters that, right before a number, make it part of a larger identifier. */
function joinsBefore(c: number): boolean {
  return isWordCode(c) || c === 45 || c === 46 || c === 47 || c === 92 || c === 95 || c === 35;
}

function isSep(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 0x5e74 || c === 0x6708;
}

interface Run { start: number; end: number; groups: number[] }

/** Where the first digit group of a run starting at `start` (a digit, '+' or '(') begins. */
function groupStart(text: string, start: number): number {
  const c = text.charCodeAt(start);
  return c === 43 || c === 40 ? start + 1 : start;
}

/**
 * The end of the run at `start` when readRun() would find just one digit group ending there, with no
 * final X of a CN resident id to take: the character after the group is none of the separators a run
 * continues through. 0 when it may continue (or has no digit): then the run is read in full.
 */
function singleGroupEnd(text: string, start: number, limit: number): number {
  const gs = groupStart(text, start);
  const max = Math.min(limit, start + MAX_RUN);
  let p = gs;
  while (p < max && isDigitCode(text.charCodeAt(p))) p++;
  if (p === gs) return 0;
  const c = text.charCodeAt(p);
  if (c === 32 || c === 41 || isSep(c)) return 0;
  if ((c === 88 || c === 120) && p - gs === 17) return 0;
  return p;
}

/** Reads the run starting at `start` (a digit, '+' or '('); groups holds [start,end) pairs of digit groups. */
function readRun(text: string, start: number, limit: number): Run {
  const groups: number[] = [];
  let i = start;
  const max = Math.min(limit, start + MAX_RUN);
  if (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 40) i++;
  while (i < max) {
    const gs = i;
    while (i < max && isDigitCode(text.charCodeAt(i))) i++;
    if (i === gs) break;
    groups.push(gs, i);
    const c = text.charCodeAt(i);
    const n = text.charCodeAt(i + 1);
    if (c === 41 && (n === 32 || n === 45) && isDigitCode(text.charCodeAt(i + 2))) i += 2; // "(415) 555"
    else if (c === 41 && isDigitCode(n)) i += 1;
    else if (c === 32 && n === 40 && isDigitCode(text.charCodeAt(i + 2))) i += 2; // "+44 (20) 7946"
    else if (isSep(c) && isDigitCode(n)) i += 1;
    else if (c === 45 && n === 32 && isDigitCode(text.charCodeAt(i + 2))) i += 2;
    else if (c === 32 && (n === 45 || n === 47) && text.charCodeAt(i + 2) === 32 && isDigitCode(text.charCodeAt(i + 3))) i += 3; // "030 / 1234 5678"
    else break;
  }
  const last = groups[groups.length - 1] ?? start;
  return { start, end: last, groups };
}

function rightBoundaryOk(text: string, end: number): boolean {
  const c = text.charCodeAt(end);
  if (Number.isNaN(c)) return true;
  if (c === 0x65e5) return true; // 日 closes a Chinese date
  if (isWordCode(c) && !isCjkCode(c)) return false;
  if (c === 45 || c === 46 || c === 47 || c === 58 || c === 95) {
    const n = text.charCodeAt(end + 1);
    return !(isWordCode(n) && !isCjkCode(n));
  }
  return true;
}

/** Scans the number at `start`; returns where scanning should resume. */
export function scanNumber(state: ScanState, start: number): number {
  const { text } = state;
  if (start > 0 && joinsBefore(text.charCodeAt(start - 1)) && !labelledHash(state, start)) return skipIdentifier(text, start, state.limit);
  // Most numbers of logs and JSON are one digit group ("05:04:22", "12,", "v4.7"): decided before a run is read.
  const single = singleGroupEnd(text, start, state.limit);
  if (single > 0) {
    if (!rightBoundaryOk(text, single)) return skipIdentifier(text, start, state.limit);
    // interpret() reads nothing shorter than 4 digits.
    if (single - groupStart(text, start) < 4) return single;
  }
  const run = readRun(text, start, state.limit);
  let end = run.end;
  if (run.groups.length === 0) return start + 1;
  // CN resident id: 17 digits and a final X.
  const xc = text.charCodeAt(end);
  if ((xc === 88 || xc === 120) && digitCount(run.groups, 0, run.groups.length / 2) === 17 && !isWordCode(text.charCodeAt(end + 1))) {
    end += 1;
    run.end = end;
    run.groups[run.groups.length - 1] = end;
  }
  if (!rightBoundaryOk(text, end)) return skipIdentifier(text, start, state.limit);
  const k = run.groups.length / 2;
  let g0 = 0;
  // Where the last validated reading ended: a phone number is read only over the rest of the run
  // from there (never from a part of a longer number: a card, IBAN or tracking number's groups).
  let free = 0;
  // A reading starts where the run starts or where the previous validated reading ended: groups
  // in the middle of a longer number (an IBAN's, a tracking number's) are not read on their own.
  while (g0 < k && g0 === free) {
    let matched = false;
    for (let g1 = Math.min(k, g0 + 8); g1 > g0; g1--) {
      phoneAllowed = g1 === k || phoneEndsAt(text, run, g0, g1);
      phoneEmitted = false;
      if (interpret(state, run, g0, g1)) {
        // "415-555-2671 123 Main St": the scan resumes after the phone (the address starts there).
        if (phoneEmitted && g1 < k) return run.groups[2 * g1 - 1]!;
        g0 = g1;
        free = g1;
        matched = true;
        break;
      }
    }
    if (!matched) g0++;
  }
  phoneAllowed = true;
  return end;
}

/**
 * A phone number may end before its run does when a single space follows it and it was written
 * with other separators ("415-555-2671 123 Main St", "+1 415 555 2671 2x"): the next number is
 * another value. Runs of space-separated groups (cards, tracking numbers) are never cut.
 */
function phoneEndsAt(text: string, run: Run, g0: number, g1: number): boolean {
  const e = run.groups[2 * g1 - 1]!;
  if (text.charCodeAt(e) !== 32 || run.groups[2 * g1]! !== e + 1) return false;
  if (g0 === 0 && text.charCodeAt(run.start) === 43) return true;
  for (let g = g0; g < g1 - 1; g++) {
    const c = text.charCodeAt(run.groups[2 * g + 1]!);
    if (c !== 32) return true;
  }
  return g0 === 0 && text.charCodeAt(run.start) === 40;
}

/** Readings of a plain number that only a context word makes reportable. */
const CONTEXT_ONLY = contextUnion(['US_BANK_NUMBER', 'PASSPORT', 'US_PASSPORT', 'US_DRIVER_LICENSE']);

/** Identifier types whose label may be written with '#' right before the number ("SIN #046454286"). */
const HASH_LABELLED = contextUnion(['CA_SIN', 'US_SSN', 'JP_MY_NUMBER', 'IN_AADHAAR', 'UK_NHS']);

/** "SIN#130692544", "SIN # 130 692 544": a '#' after an identifier's own label does not join the number to a larger id. */
function labelledHash(state: ScanState, start: number): boolean {
  const { text } = state;
  let i = start - 1;
  if (text.charCodeAt(i) === 32) i--;
  if (text.charCodeAt(i) !== 35) return false;
  const p = text.charCodeAt(i - 1);
  if (isWordCode(p) && !isLetterCode(p)) return false;
  return hasAnyContext(HASH_LABELLED, text.slice(Math.max(0, i - 28), i));
}

function skipIdentifier(text: string, start: number, limit: number): number {
  let i = start;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isWordCode(c) || c === 45 || c === 46 || c === 95 || c === 47) i++;
    else break;
  }
  return Math.max(i, start + 1);
}

function digitCount(groups: number[], g0: number, g1: number): number {
  let n = 0;
  for (let g = g0; g < g1; g++) n += groups[2 * g + 1]! - groups[2 * g]!;
  return n;
}

function cjkNearby(text: string, start: number, end: number): boolean {
  for (let i = Math.max(0, start - 12); i < start; i++) if (isCjkCode(text.charCodeAt(i))) return true;
  for (let i = end; i < Math.min(text.length, end + 6); i++) if (isCjkCode(text.charCodeAt(i))) return true;
  return false;
}

/** The group span being interpreted (no closure per call: cheaper, and loaders add none). */
let hit = false;
/** Set by scanNumber: the group span being read may be a phone number (it is the whole remaining run). */
let phoneAllowed = true;
/** Set by phone(): a phone number was emitted by the current interpretation. */
let phoneEmitted = false;
let cur: ScanState | null = null;
let curStart = 0;
let curEnd = 0;

function add(type: string, score: number): void {
  if (cur === null) return;
  emit(cur, curStart, curEnd, type, score);
  hit = true;
}

/** One interpretation pass over groups [g0, g1); true when something validated was emitted. */
function interpret(state: ScanState, run: Run, g0: number, g1: number): boolean {
  const { text } = state;
  let s = run.groups[2 * g0]!;
  const e = run.groups[2 * g1 - 1]!;
  const n = digitCount(run.groups, g0, g1);
  // Nothing below reads fewer than 4 or more than 19 digits: skip the slicing.
  if (n < 4 || n > 19) return false;
  if (g0 === 0 && run.start < s) s = run.start; // keep a leading + or (
  const raw = text.slice(s, e);
  const plain = g1 - g0 === 1 && s === run.groups[2 * g0];

  if (!plain && n >= 6 && n <= 8 && /[-/.年]/.test(raw) && parseDate(raw.replace(/日$/, ''))) {
    emit(state, s, e + (text.charCodeAt(e) === 0x65e5 ? 1 : 0), 'DATE_OF_BIRTH', 0.2);
    return true;
  }
  // Grouped numbers of fewer than 7 digits ("1.234", "12 34") read as nothing below: every reading of a
  // grouped number needs 7 digits or more (phone, postal shapes, ids). No digit or shape string for them.
  if (!plain && n < 7) return false;
  const lastX = (text.charCodeAt(e - 1) | 32) === 120;
  const digits = plain ? (lastX ? raw.toUpperCase() : raw) : raw.replace(/[^0-9Xx]/g, '').toUpperCase();
  const shape = plain ? '' : raw.replace(/\d/g, 'd');
  if ((n === 13 || n === 10) && isIsbnLike(digits, raw)) return true;

  hit = false;
  cur = state;
  curStart = s;
  curEnd = e;

  if (n === 18 && isCnResidentId(digits)) add('CN_RESIDENT_ID', 0.95);
  // 12 digits: Aadhaar (Verhoeff) and My Number (mod-11 check digit); never after a '+' (a phone).
  const intl = raw.charCodeAt(0) === 43;
  const aadhaar = n === 12 && !intl && isInAadhaar(digits);
  const myNumber = n === 12 && !intl && isJpMyNumber(digits);
  if (n >= 12 && n <= 19 && /^\d+$/.test(digits)) {
    // Card numbers are written with one kind of separator; "415-555-2671 123" is two values.
    if (isCreditCard(digits) && !(shape.includes('-') && shape.includes(' '))) {
      const grouped = /^d{4}([ -])d{4}\1d{4}\1d{4}(?:\1d{1,3})?$|^d{4}([ -])d{6}\2d{4,5}$/.test(shape);
      const unionpay = cardBrand(digits) === 'unionpay';
      // A 12-digit Maestro that is also a valid Aadhaar/My Number: context decides.
      add('CREDIT_CARD', aadhaar || myNumber ? 0.45 : grouped || plain ? (unionpay ? 0.75 : 0.9) : 0.6);
      if (unionpay) add('CN_BANK_CARD', 0.5);
    } else if (digits.startsWith('62') && n >= 16 && plain) {
      emit(state, s, e, 'CN_BANK_CARD', 0.15);
    }
  }
  if (n === 9) nineDigits(digits, shape, plain);
  if (n === 10 && isUkNhs(digits)) add('UK_NHS', /^d{3} d{3} d{4}$/.test(shape) ? 0.6 : plain ? 0.4 : 0.3);
  if (n === 11) {
    if (isBrCpf(digits)) add('BR_CPF', /^d{3}\.d{3}\.d{3}-d{2}$/.test(shape) ? 0.95 : plain ? 0.55 : 0.35);
    if (isDeTaxId(digits)) add('DE_TAX_ID', plain || /^d{2} d{3} d{3} d{3}$/.test(shape) ? 0.5 : 0.3);
  }
  if (aadhaar || myNumber) {
    const grouped = /^d{4}([ -])d{4}\1d{4}$/.test(shape);
    // Only one check passes: that type alone is emitted. Both pass (about 1 in 11 Aadhaar numbers):
    // both are emitted and their context words decide; without context the grouped form reads as
    // Aadhaar (its common written form), the plain form as My Number.
    if (aadhaar) add('IN_AADHAAR', grouped ? 0.55 : plain ? 0.4 : 0.25);
    // A valid My Number is reported without context at a moderate score (4-4-4 or plain), when it
    // is the whole number as written (not the first 12 digits of a failed 16-digit card).
    const whole = g0 === 0 && 2 * g1 === run.groups.length;
    if (myNumber) add('JP_MY_NUMBER', (grouped || plain) && whole ? 0.5 : 0.25);
  }
  if (n === 14 && isBrCnpj(digits)) add('BR_CNPJ', /^d{2}\.d{3}\.d{3}\/d{4}-d{2}$/.test(shape) ? 0.95 : plain ? 0.55 : 0.35);
  const found = phone(state, s, e, raw, digits, shape, plain) || hit;
  if (!found) postal(state, s, e, digits, shape, plain);
  // Context-only readings: numbers with no checksum that a nearby word ("passport", "account") names.
  // Without any of their words near, none of them could be reported: one look decides for all four.
  if (plain && n >= 7 && n <= 17 && !allSame(digits) && mayAnyReachByContext(state, CONTEXT_ONLY, s, e)) {
    if (n >= 8) emit(state, s, e, 'US_BANK_NUMBER', 0.1);
    if ((n === 8 || n === 9) && !isSequence(digits)) {
      emit(state, s, e, 'PASSPORT', 0.1);
      emit(state, s, e, 'US_PASSPORT', 0.05);
    }
    if (n <= 13) emit(state, s, e, 'US_DRIVER_LICENSE', 0.05);
  }
  return found;
}

function nineDigits(digits: string, shape: string, plain: boolean): void {
  const ssnShape = /^d{3}-d{2}-d{4}$/.test(shape);
  const ssnSpaced = /^d{3} d{2} d{4}$/.test(shape);
  const sinShape = /^d{3}([ -])d{3}\1d{3}$/.test(shape);
  if (isUsSsn(digits) && (ssnShape || ssnSpaced || plain)) add('US_SSN', ssnShape ? 0.75 : ssnSpaced ? 0.55 : 0.3);
  if (isUsItin(digits) && (ssnShape || ssnSpaced || plain)) add('US_ITIN', ssnShape ? 0.75 : 0.3);
  // "130.692.544" reads as an amount as often as a SIN: only with context.
  const sinDotted = /^d{3}\.d{3}\.d{3}$/.test(shape);
  if (isCaSin(digits) && (sinShape || plain || sinDotted)) add('CA_SIN', sinShape ? 0.6 : 0.25);
  if (plain && isAbaRouting(digits)) add('ABA_ROUTING_NUMBER', 0.25);
}

/** Extension after a phone number: "ext. 23", "x123", "Durchwahl 12", "ramal 45", "转 8001". */
const EXTENSION = /,? ?(?:ext\.?|extension|x|#|Durchwahl|DW|ramal|分机|分機|转|轉) ?-? ?\d{1,6}(?![\d\p{L}])/iuy;
/** Written group shapes of other identifiers, never used for a phone number. */
const NOT_PHONE_SHAPE = /^d{3}-d{2}-d{4}$|^d{3}\.d{3}\.d{3}-d{2}$|^d{2}\.d{3}\.d{3}\/d{4}-d{2}$|^d{4}([ -])d{4}\1d{4}(?:\1d{4})?$/;

/** Thousands separators ("342 717 689", "1.234.567"): a count or an amount more often than a phone. */
const THOUSANDS = /^d{1,3}([ .,])d{3}(?:\1d{3})+$/;

function phone(state: ScanState, s: number, e: number, raw: string, digits: string, shape: string, plain: boolean): boolean {
  const n = digits.length;
  if (n < 7 || n > 15 || !phoneAllowed || !/^\d+$/.test(digits)) return false;
  const { text } = state;
  const intl = raw.startsWith('+') || (plain && raw.startsWith('00') && n >= 10);
  const parens = raw.includes('(');
  if (plain && !intl && n < 10 && !state.hinted.has('PHONE_NUMBER')) return false;
  if (allSame(digits) || isSequence(digits)) return false;
  if (!intl && NOT_PHONE_SHAPE.test(shape)) return false;
  // An amount: a decimal part after it ("1.234.567,89") or a currency sign before it.
  const after = text.charCodeAt(e);
  // Only cents count ("0.672.700,54"): in CSV a comma and the next field's digits follow a phone number.
  if ((after === 44 || after === 46) && isDigitCode(text.charCodeAt(e + 1)) && (!isDigitCode(text.charCodeAt(e + 2)) || !isDigitCode(text.charCodeAt(e + 3))) && !isWordCode(text.charCodeAt(isDigitCode(text.charCodeAt(e + 2)) ? e + 3 : e + 2))) return false;
  if (!intl && currencyBefore(text, s)) return false;
  const zh = cjkNearby(text, s, e);
  EXTENSION.lastIndex = e;
  const ext = EXTENSION.exec(text);
  // "(+65) 6123 4567": the run starts at '+'; take the opening parenthesis too.
  const open = text.charCodeAt(s - 1) === 40 && raw.startsWith('+') && raw.includes(')') ? 1 : 0;
  const start = s - open;
  const end = ext ? e + ext[0].length : e;
  // Validation is the costly part: a number that could not be reported even when valid (no phone
  // word near, and a score below the floor or a word against it) is not validated.
  const thousands = !intl && !plain && THOUSANDS.test(shape);
  const exact = intl ? 0.8 : plain ? (isCnMobile(digits) ? (zh ? 0.6 : 0.45) : 0.4) : 0;
  const ctx = phoneMayReach(state, exact > 0 ? [exact] : thousands ? THOUSANDS_SCORES : LAYOUT_SCORES, start, end);
  if (ctx === null) return false;
  const preferred: CountryCode[] = zh ? ['CN', 'TW', 'HK'] : [];
  const result = validatePhone(raw, preferred);
  if (!result) return false;
  let score: number;
  if (intl || plain) score = exact;
  // Digit groups that no region writes this way are reported only with a phone context word.
  else if (!result.layout || thousands) score = 0.3;
  else if (parens || /^d{3}[-.]d{3}[-.]d{4}$/.test(shape)) score = 0.7;
  else score = 0.6;
  emit(state, start, end, 'PHONE_NUMBER', score, ctx);
  phoneEmitted = true;
  return true;
}

/**
 * Whether a phone reading at [start, end) can reach the state's floor, given the scores it may get
 * once validated (`scores`): with a phone word near it gains the context boost; without one, the
 * words that the scoring holds against it (engine.ts rescore) take 0.4 off, the other-identifier
 * words only from a score of 0.5 up, so a lower score can end higher. The arithmetic is rescore's.
 * Returns null (cannot reach) or the context look-up made (1 / 0, CTX_UNKNOWN: none).
 */
function phoneMayReach(state: ScanState, scores: readonly number[], start: number, end: number): number | null {
  if (state.floor === 0) return CTX_UNKNOWN;
  const best = Math.max(...scores);
  if (best + boostOf('PHONE_NUMBER') < state.floor) return null;
  if (hasContextNear(state, 'PHONE_NUMBER', start, end)) return 1;
  if (best < state.floor) return null;
  if (negativeBefore(state.text, start)) return best - 0.4 >= state.floor ? 0 : null;
  const otherId = otherIdBefore(state, start);
  return scores.some((score) => (otherId && score >= 0.5 ? score - 0.4 : score) >= state.floor) ? 0 : null;
}

/** The scores a phone reading may get: exact for international and plain forms, by layout otherwise. */
const LAYOUT_SCORES: readonly number[] = [0.7, 0.6, 0.3];
const THOUSANDS_SCORES: readonly number[] = [0.3];

function currencyBefore(text: string, s: number): boolean {
  let i = s - 1;
  if (text.charCodeAt(i) === 32) i--;
  const c = text.charCodeAt(i);
  return c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5 || (c >= 65 && c <= 90 && /(?:^|[^A-Za-z])(?:USD|EUR|GBP|BRL|CNY|RMB|JPY|INR|SGD|HKD|CAD)$/.test(text.slice(Math.max(0, i - 3), i + 1)));
}

/** US state abbreviations by their two capitals ((A-Z)×(A-Z)), read without a slice. */
const US_STATE_CODES = new Uint8Array(26 * 26);
for (const st of US_STATES) US_STATE_CODES[(st.charCodeAt(0) - 65) * 26 + st.charCodeAt(1) - 65] = 1;

function isCapital(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** "CA 94043", "NY, 10001": a state's two capitals, an optional comma and a space right before s. */
function usStateBefore(text: string, s: number): boolean {
  if (text.charCodeAt(s - 1) !== 32) return false;
  const a = text.charCodeAt(s - 2) === 44 ? s - 4 : s - 3;
  if (a < 0) return false;
  const c0 = text.charCodeAt(a);
  const c1 = text.charCodeAt(a + 1);
  return isCapital(c0) && isCapital(c1) && US_STATE_CODES[(c0 - 65) * 26 + c1 - 65] === 1;
}

function postal(state: ScanState, s: number, e: number, digits: string, shape: string, plain: boolean): void {
  const { text } = state;
  const n = digits.length;
  if (plain && n === 5) {
    if (usStateBefore(text, s)) return emit(state, s, e, 'POSTAL_CODE', 0.7);
    const after = text.charCodeAt(e + 1);
    const cityAfter = text.charCodeAt(e) === 32 && after >= 65 && after <= 90;
    return emit(state, s, e, 'POSTAL_CODE', cityAfter ? 0.35 : 0.1);
  }
  if (/^d{5}-d{4}$/.test(shape)) return emit(state, s, e, 'POSTAL_CODE', 0.5);
  if (/^d{5}-d{3}$/.test(shape)) return emit(state, s, e, 'POSTAL_CODE', 0.55);
  if (/^d{3}-d{4}$/.test(shape)) return emit(state, s, e, 'POSTAL_CODE', s > 0 && text.charCodeAt(s - 1) === 0x3012 ? 0.85 : 0.1);
  if (plain && n === 6) return emit(state, s, e, 'POSTAL_CODE', /singapore $/i.test(text.slice(Math.max(0, s - 10), s)) ? 0.75 : 0.1);
  if (plain && n === 4) return emit(state, s, e, 'POSTAL_CODE', 0.05);
}

/** ISBN-10/13 (hard negative): 978/979 prefix with the EAN check, or an ISBN-10 written with hyphens. */
function isIsbnLike(digits: string, raw: string): boolean {
  if (digits.length === 13 && /^97[89]/.test(digits)) {
    let sum = 0;
    for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
    return sum % 10 === 0;
  }
  if (digits.length === 10 && /^\d{1,5}-\d{1,7}-\d{1,7}-[\dX]$/.test(raw)) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += (i === 9 && digits[i] === 'X' ? 10 : digits.charCodeAt(i) - 48) * (10 - i);
    return sum % 11 === 0;
  }
  return false;
}
