/**
 * Numbers: a run of digits with the separators people type inside numbers (space, - . / ( ) and
 * 年月日), cut into digit groups and interpreted group-span by group-span, longest first, so
 * "4111 1111 1111 1111 12/27" yields the card and leaves the expiry. Every interpretation is
 * validated before it is emitted; a run that touches letters or other identifier characters
 * (UUID parts, SKUs, hashes, versions) is skipped as a whole.
 */
import { CTX_UNKNOWN, asciiText, boostOf, emit, hasContextNear, isCjkCode, isDigitCode, isLetterCode, isWordCode, mayAnyReachByContext } from './candidate.js';
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
import { anyContextNear, contextUnion, hasAnyContext } from './context.js';
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
 * final X of a CN resident id to take: no next group follows ("05:04:22", "00 INFO"). 0 when one may
 * (or there is no digit): then the run is read in full.
 */
function singleGroupEnd(text: string, start: number, limit: number): number {
  const gs = groupStart(text, start);
  const max = Math.min(limit, start + MAX_RUN);
  let p = gs;
  while (p < max && isDigitCode(text.charCodeAt(p))) p++;
  if (p === gs) return 0;
  const c = text.charCodeAt(p);
  if ((c === 88 || c === 120) && p - gs === 17) return 0;
  // Most numbers end at a character no run continues through (":", ",", a letter): no further look.
  if (c !== 32 && c !== 41 && !isSep(c)) return p;
  return nextGroupAt(text, p) < 0 ? p : 0;
}

/**
 * Where the next digit group of a run starts after a group ending at i, through the separators
 * people type inside numbers ("(415) 555", "+44 (20) 7946", "030 / 1234 5678"); -1: the run ends at i.
 */
function nextGroupAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const n = text.charCodeAt(i + 1);
  if (c === 41 && (n === 32 || n === 45) && isDigitCode(text.charCodeAt(i + 2))) return i + 2; // "(415) 555"
  if (c === 41 && isDigitCode(n)) return i + 1;
  if (c === 32 && n === 40 && isDigitCode(text.charCodeAt(i + 2))) return i + 2; // "+44 (20) 7946"
  if (isSep(c) && isDigitCode(n)) return i + 1;
  if (c === 45 && n === 32 && isDigitCode(text.charCodeAt(i + 2))) return i + 2;
  if (c === 32 && (n === 45 || n === 47) && text.charCodeAt(i + 2) === 32 && isDigitCode(text.charCodeAt(i + 3))) return i + 3; // "030 / 1234 5678"
  return -1;
}

/** Reads the run starting at `start` (a digit, '+' or '('); groups holds [start,end) pairs of digit groups. */
function readRun(text: string, start: number, limit: number): Run {
  const groups: number[] = [];
  const max = Math.min(limit, start + MAX_RUN);
  let i = groupStart(text, start);
  while (i < max) {
    const gs = i;
    while (i < max && isDigitCode(text.charCodeAt(i))) i++;
    if (i === gs) break;
    groups.push(gs, i);
    const next = nextGroupAt(text, i);
    if (next < 0) break;
    i = next;
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
  let run: Run;
  let end: number;
  if (single > 0) {
    if (!rightBoundaryOk(text, single)) return skipIdentifier(text, start, state.limit);
    const gs = groupStart(text, start);
    // interpret() reads nothing shorter than 4 digits.
    if (single - gs < 4) return single;
    // The run is that one group (readRun would find no other, and no final X: singleGroupEnd said so).
    end = single;
    run = { start, end, groups: [gs, end] };
  } else {
    run = readRun(text, start, state.limit);
    end = run.end;
    if (run.groups.length === 0) return start + 1;
    // CN resident id: 17 digits and a final X.
    const xc = text.charCodeAt(end);
    if ((xc === 88 || xc === 120) && digitCount(run.groups, 0, run.groups.length / 2) === 17 && !isWordCode(text.charCodeAt(end + 1))) {
      end += 1;
      run.end = end;
      run.groups[run.groups.length - 1] = end;
    }
    if (!rightBoundaryOk(text, end)) return skipIdentifier(text, start, state.limit);
  }
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

/** Past a run of word characters and - . _ / from start (at least one character): a part of a larger identifier. */
export function skipIdentifier(text: string, start: number, limit: number): number {
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
/** Whether the span's last group ends with the X of a CN resident id: else its digits string is all digits. */
let curLastX = false;

/**
 * The written layout of the group span being read, in place of a shape string ("ddd-dd-dddd", which
 * cost two regex replaces per span): the lengths of its digit groups and the character between each
 * two (0 when the separator is two or more characters). `layoutBare`: the span is digit groups and
 * separators only (no leading '+' or '(', no final X), as every shape requires. layoutCount 0: a plain
 * number, whose shape string was '' and matched no shape.
 */
const layoutLengths: number[] = [];
const layoutSeps: number[] = [];
let layoutCount = 0;
let layoutBare = false;
/** Whether a separator of the span holds a hyphen, a space, one of - / . 年 (the shape string's and raw's characters besides digits). */
let layoutHyphen = false;
let layoutSpace = false;
let layoutDateSep = false;

/** No layout: a plain number. */
function clearLayout(): void {
  layoutCount = 0;
  layoutBare = false;
  layoutHyphen = false;
  layoutSpace = false;
  layoutDateSep = false;
}

function readLayout(text: string, run: Run, g0: number, g1: number, bare: boolean): void {
  clearLayout();
  layoutCount = g1 - g0;
  layoutBare = bare;
  for (let g = g0; g < g1; g++) {
    layoutLengths[g - g0] = run.groups[2 * g + 1]! - run.groups[2 * g]!;
    if (g + 1 === g1) break;
    const a = run.groups[2 * g + 1]!;
    const b = run.groups[2 * g + 2]!;
    layoutSeps[g - g0] = b - a === 1 ? text.charCodeAt(a) : 0;
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (c === 45) layoutHyphen = true;
      else if (c === 32) layoutSpace = true;
      if (c === 45 || c === 47 || c === 46 || c === 0x5e74) layoutDateSep = true;
    }
  }
}

/** A shape's separator that is a space or a hyphen, the same at each of its gaps ("([ -])" then "\1"). */
const SAME_SPACE_OR_HYPHEN = -1;
/** A shape's separator that is a hyphen or a dot, each gap on its own ("[-.]"). */
const HYPHEN_OR_DOT = -2;

interface Shape { readonly lengths: readonly number[]; readonly seps: readonly number[] }

/** A shape written as its shape string was matched: runs of 'd' are digit groups, '_' and '~' the two separator classes above. */
function shape(spec: string): Shape {
  const lengths: number[] = [];
  const seps: number[] = [];
  for (const part of spec.match(/d+|[^d]/g)!) {
    if (part[0] === 'd') lengths.push(part.length);
    else seps.push(part === '_' ? SAME_SPACE_OR_HYPHEN : part === '~' ? HYPHEN_OR_DOT : part.charCodeAt(0));
  }
  return { lengths, seps };
}

/** Whether the span being read is written exactly in this shape. */
function isShape(sh: Shape): boolean {
  if (!layoutBare || layoutCount !== sh.lengths.length) return false;
  for (let g = 0; g < layoutCount; g++) if (layoutLengths[g] !== sh.lengths[g]) return false;
  let same = 0;
  for (let g = 0; g < layoutCount - 1; g++) {
    const want = sh.seps[g]!;
    const c = layoutSeps[g]!;
    if (want === SAME_SPACE_OR_HYPHEN) {
      if (same === 0) {
        if (c !== 32 && c !== 45) return false;
        same = c;
      } else if (c !== same) return false;
    } else if (want === HYPHEN_OR_DOT) {
      if (c !== 45 && c !== 46) return false;
    } else if (c !== want) return false;
  }
  return true;
}

function isAnyShape(shapes: readonly Shape[]): boolean {
  for (const sh of shapes) if (isShape(sh)) return true;
  return false;
}

/** THOUSANDS, /^d{1,3}([ .,])d{3}(?:\1d{3})+$/: 1-3 digits, then two or more groups of 3, one separator throughout. */
function isThousands(): boolean {
  if (!layoutBare || layoutCount < 3 || layoutLengths[0]! > 3) return false;
  const sep = layoutSeps[0]!;
  if (sep !== 32 && sep !== 46 && sep !== 44) return false;
  for (let g = 1; g < layoutCount; g++) if (layoutLengths[g] !== 3 || (g < layoutCount - 1 && layoutSeps[g] !== sep)) return false;
  return true;
}

const SSN_DASHED = shape('ddd-dd-dddd');
const SSN_SPACED = shape('ddd dd dddd');
const SIN_GROUPED = shape('ddd_ddd_ddd');
const SIN_DOTTED = shape('ddd.ddd.ddd');
const NHS_SPACED = shape('ddd ddd dddd');
const CPF_FORMATTED = shape('ddd.ddd.ddd-dd');
const DE_TAX_SPACED = shape('dd ddd ddd ddd');
const FOUR_FOUR_FOUR = shape('dddd_dddd_dddd');
const CNPJ_FORMATTED = shape('dd.ddd.ddd/dddd-dd');
/** Cards in groups: 4-4-4-4 with an optional group of 1-3, or 4-6-4/4-6-5 (Amex, Diners). */
const CARD_GROUPED = ['dddd_dddd_dddd_dddd', 'dddd_dddd_dddd_dddd_d', 'dddd_dddd_dddd_dddd_dd', 'dddd_dddd_dddd_dddd_ddd', 'dddd_dddddd_dddd', 'dddd_dddddd_ddddd'].map(shape);
/** Written group shapes of other identifiers, never used for a phone number (SSN, CPF, CNPJ, 4-4-4(-4)). */
const NOT_PHONE_SHAPES = [SSN_DASHED, CPF_FORMATTED, CNPJ_FORMATTED, FOUR_FOUR_FOUR, shape('dddd_dddd_dddd_dddd')];
const US_PHONE_SHAPE = shape('ddd~ddd~dddd');
const ZIP_PLUS_FOUR = shape('ddddd-dddd');
const CEP = shape('ddddd-ddd');
const JP_POSTAL = shape('ddd-dddd');

function add(type: string, score: number): void {
  if (cur === null) return;
  emit(cur, curStart, curEnd, type, score, quietSpan(cur) ? 0 : CTX_UNKNOWN);
  hit = true;
}

/** Every type interpret() reads a span [curStart, curEnd) as, and their context words in one union. */
const SPAN_TYPES = ['CN_RESIDENT_ID', 'CREDIT_CARD', 'CN_BANK_CARD', 'US_SSN', 'US_ITIN', 'CA_SIN', 'ABA_ROUTING_NUMBER', 'UK_NHS', 'BR_CPF', 'DE_TAX_ID', 'IN_AADHAAR', 'JP_MY_NUMBER', 'BR_CNPJ', 'PHONE_NUMBER', 'US_BANK_NUMBER', 'PASSPORT', 'US_PASSPORT', 'US_DRIVER_LICENSE'];
const SPAN_WORDS = contextUnion(SPAN_TYPES);
/** Whether a word of SPAN_WORDS is near the current span: UNASKED (ask on first use), NEAR (or not asked for this span), NONE. */
const WORDS_UNASKED = -1;
const WORDS_NEAR = 1;
const WORDS_NONE = 0;
let spanWords = WORDS_NEAR;

/**
 * A plain number of 9-15 digits asks for several types' context words over the same windows (its id
 * readings, the phone reading, the context-only readings), and most have none near: one look over
 * the union of all their words answers "none near" for every type at once (a word of one type is a
 * word of the union; same windows, same ASCII-only rule). With the floor at 0 the scan looks nothing
 * up, so the union is not asked then. Candidates of the span are then emitted with that answer (0),
 * which the scoring uses instead of looking again.
 */
function startSpanWords(state: ScanState, plain: boolean, n: number): void {
  spanWords = plain && n >= 9 && n <= 15 && state.floor > 0 ? WORDS_UNASKED : WORDS_NEAR;
}

/** Whether no context word of any SPAN_TYPES type is near the current span (false: some may be, or not asked). */
function quietSpan(state: ScanState): boolean {
  if (spanWords === WORDS_UNASKED) spanWords = anyContextNear(state.text, SPAN_WORDS, curStart, curEnd, asciiText(state)) ? WORDS_NEAR : WORDS_NONE;
  return spanWords === WORDS_NONE;
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

  clearLayout();
  if (!plain && n >= 6) readLayout(text, run, g0, g1, s === run.groups[2 * g0] && (text.charCodeAt(e - 1) | 32) !== 120);
  // A date written in digits is three groups (its other forms need a month word: raw holds at most
  // one letter, a final X); raw ends with a digit group, never with 日, so parseDate gets it as it is.
  if (!plain && n >= 6 && n <= 8 && layoutCount === 3 && layoutDateSep && parseDate(raw)) {
    emit(state, s, e + (text.charCodeAt(e) === 0x65e5 ? 1 : 0), 'DATE_OF_BIRTH', 0.2);
    return true;
  }
  // Grouped numbers of fewer than 7 digits ("1.234", "12 34") read as nothing below: every reading of a
  // grouped number needs 7 digits or more (phone, postal shapes, ids). No digit or shape string for them.
  if (!plain && n < 7) return false;
  const lastX = (text.charCodeAt(e - 1) | 32) === 120;
  // The digits are the groups' characters (an X only at the end of a CN resident id).
  const digits = plain ? (lastX ? raw.toUpperCase() : raw) : groupText(text, run, g0, g1, lastX);
  if ((n === 13 || n === 10) && isIsbnLike(digits, raw)) return true;

  hit = false;
  cur = state;
  curStart = s;
  curEnd = e;
  curLastX = lastX;
  startSpanWords(state, plain, n);

  if (n === 18 && isCnResidentId(digits)) add('CN_RESIDENT_ID', 0.95);
  // 12 digits: Aadhaar (Verhoeff) and My Number (mod-11 check digit); never after a '+' (a phone).
  const intl = raw.charCodeAt(0) === 43;
  const aadhaar = n === 12 && !intl && isInAadhaar(digits);
  const myNumber = n === 12 && !intl && isJpMyNumber(digits);
  if (n >= 12 && n <= 19 && !lastX) {
    // Card numbers are written with one kind of separator; "415-555-2671 123" is two values.
    if (isCreditCard(digits) && !(layoutHyphen && layoutSpace)) {
      const grouped = isAnyShape(CARD_GROUPED);
      const unionpay = cardBrand(digits) === 'unionpay';
      // A 12-digit Maestro that is also a valid Aadhaar/My Number: context decides.
      add('CREDIT_CARD', aadhaar || myNumber ? 0.45 : grouped || plain ? (unionpay ? 0.75 : 0.9) : 0.6);
      if (unionpay) add('CN_BANK_CARD', 0.5);
    } else if (digits.startsWith('62') && n >= 16 && plain) {
      emit(state, s, e, 'CN_BANK_CARD', 0.15);
    }
  }
  if (n === 9) nineDigits(digits, plain);
  if (n === 10 && isUkNhs(digits)) add('UK_NHS', isShape(NHS_SPACED) ? 0.6 : plain ? 0.4 : 0.3);
  if (n === 11) {
    if (isBrCpf(digits)) add('BR_CPF', isShape(CPF_FORMATTED) ? 0.95 : plain ? 0.55 : 0.35);
    if (isDeTaxId(digits)) add('DE_TAX_ID', plain || isShape(DE_TAX_SPACED) ? 0.5 : 0.3);
  }
  if (aadhaar || myNumber) {
    const grouped = isShape(FOUR_FOUR_FOUR);
    // Only one check passes: that type alone is emitted. Both pass (about 1 in 11 Aadhaar numbers):
    // both are emitted and their context words decide; without context the grouped form reads as
    // Aadhaar (its common written form), the plain form as My Number.
    if (aadhaar) add('IN_AADHAAR', grouped ? 0.55 : plain ? 0.4 : 0.25);
    // A valid My Number is reported without context at a moderate score (4-4-4 or plain), when it
    // is the whole number as written (not the first 12 digits of a failed 16-digit card).
    const whole = g0 === 0 && 2 * g1 === run.groups.length;
    if (myNumber) add('JP_MY_NUMBER', (grouped || plain) && whole ? 0.5 : 0.25);
  }
  if (n === 14 && isBrCnpj(digits)) add('BR_CNPJ', isShape(CNPJ_FORMATTED) ? 0.95 : plain ? 0.55 : 0.35);
  const found = phone(state, s, e, raw, digits, plain) || hit;
  if (!found) postal(state, s, e, digits, plain);
  // Context-only readings: numbers with no checksum that a nearby word ("passport", "account") names.
  // Without any of their words near, none of them could be reported: one look decides for all four.
  if (plain && n >= 7 && n <= 17 && !allSame(digits) && !quietSpan(state) && mayAnyReachByContext(state, CONTEXT_ONLY, s, e)) {
    if (n >= 8) emit(state, s, e, 'US_BANK_NUMBER', 0.1);
    if ((n === 8 || n === 9) && !isSequence(digits)) {
      emit(state, s, e, 'PASSPORT', 0.1);
      emit(state, s, e, 'US_PASSPORT', 0.05);
    }
    if (n <= 13) emit(state, s, e, 'US_DRIVER_LICENSE', 0.05);
  }
  return found;
}

/** The characters of digit groups [g0, g1) joined, upper-cased when the last ends with an x. */
function groupText(text: string, run: Run, g0: number, g1: number, lastX: boolean): string {
  let out = '';
  for (let g = g0; g < g1; g++) out += text.slice(run.groups[2 * g]!, run.groups[2 * g + 1]!);
  return lastX ? out.toUpperCase() : out;
}

function nineDigits(digits: string, plain: boolean): void {
  const ssnShape = isShape(SSN_DASHED);
  const ssnSpaced = isShape(SSN_SPACED);
  const sinShape = isShape(SIN_GROUPED);
  // Shapes first: most 9-digit spans ("2026/33397", "NF-e 756.714.922") are written in none of an SSN's.
  if ((ssnShape || ssnSpaced || plain) && isUsSsn(digits)) add('US_SSN', ssnShape ? 0.75 : ssnSpaced ? 0.55 : 0.3);
  if ((ssnShape || ssnSpaced || plain) && isUsItin(digits)) add('US_ITIN', ssnShape ? 0.75 : 0.3);
  // "130.692.544" reads as an amount as often as a SIN: only with context.
  if ((sinShape || plain || isShape(SIN_DOTTED)) && isCaSin(digits)) add('CA_SIN', sinShape ? 0.6 : 0.25);
  if (plain && isAbaRouting(digits)) add('ABA_ROUTING_NUMBER', 0.25);
}

/** Extension after a phone number: "ext. 23", "x123", "Durchwahl 12", "ramal 45", "转 8001". */
const EXTENSION = /,? ?(?:ext\.?|extension|x|#|Durchwahl|DW|ramal|分机|分機|转|轉) ?-? ?\d{1,6}(?![\d\p{L}])/iuy;
/**
 * EXTENSION at e. Its match starts with an optional ',' and ' ', then 'ext', 'extension', 'x', '#',
 * 'Durchwahl', 'DW', 'ramal' or a Chinese word; under /iu only those letters' own cases fold to their
 * first letters (e, x, d, r), so any other character there means no match, without running the regex.
 */
function extensionAt(text: string, e: number): RegExpExecArray | null {
  let i = e;
  if (text.charCodeAt(i) === 44) i++;
  if (text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  const l = c | 32;
  if (!(l === 101 || l === 120 || l === 100 || l === 114 || c === 35 || c === 0x5206 || c === 0x8f6c || c === 0x8f49)) return null;
  EXTENSION.lastIndex = e;
  return EXTENSION.exec(text);
}

function phone(state: ScanState, s: number, e: number, raw: string, digits: string, plain: boolean): boolean {
  const n = digits.length;
  if (n < 7 || n > 15 || !phoneAllowed || curLastX) return false;
  const { text } = state;
  const intl = raw.startsWith('+') || (plain && raw.startsWith('00') && n >= 10);
  const parens = raw.includes('(');
  if (plain && !intl && n < 10 && !state.hinted.has('PHONE_NUMBER')) return false;
  // A plain national number that is not a mainland China mobile scores 0.4 without a phone word:
  // with no word of any of the span's readings near, no extension after it and a floor above 0.4,
  // it cannot be reported (phoneMayReach would say so after the checks below).
  if (plain && !intl && state.floor > 0.4 && extensionAt(text, e) === null && !isCnMobile(digits) && quietSpan(state)) return false;
  if (allSame(digits) || isSequence(digits)) return false;
  if (!intl && isAnyShape(NOT_PHONE_SHAPES)) return false;
  // An amount: a decimal part after it ("1.234.567,89") or a currency sign before it.
  const after = text.charCodeAt(e);
  // Only cents count ("0.672.700,54"): in CSV a comma and the next field's digits follow a phone number.
  if ((after === 44 || after === 46) && isDigitCode(text.charCodeAt(e + 1)) && (!isDigitCode(text.charCodeAt(e + 2)) || !isDigitCode(text.charCodeAt(e + 3))) && !isWordCode(text.charCodeAt(isDigitCode(text.charCodeAt(e + 2)) ? e + 3 : e + 2))) return false;
  if (!intl && currencyBefore(text, s)) return false;
  // Chinese text near decides a mainland mobile's score and the regions tried first; asked when needed.
  const cnMobile = plain && !intl && isCnMobile(digits);
  const zhNear = cnMobile && cjkNearby(text, s, e);
  const ext = extensionAt(text, e);
  // "(+65) 6123 4567": the run starts at '+'; take the opening parenthesis too.
  const open = text.charCodeAt(s - 1) === 40 && raw.startsWith('+') && raw.includes(')') ? 1 : 0;
  const start = s - open;
  const end = ext ? e + ext[0].length : e;
  // Validation is the costly part: a number that could not be reported even when valid (no phone
  // word near, and a score below the floor or a word against it) is not validated.
  // Thousands separators ("342 717 689", "1.234.567"): a count or an amount more often than a phone.
  const thousands = !intl && !plain && isThousands();
  const exact = intl ? 0.8 : plain ? (cnMobile ? (zhNear ? 0.6 : 0.45) : 0.4) : 0;
  const ctx = phoneMayReach(state, exact > 0 ? exact : thousands ? THOUSANDS_SCORE : LAYOUT_SCORE, exact > 0 || thousands, start, end);
  if (ctx === null) return false;
  const zh = cnMobile ? zhNear : cjkNearby(text, s, e);
  const result = validatePhone(raw, zh ? CHINESE_REGIONS : NO_REGIONS);
  if (!result) return false;
  let score: number;
  if (intl || plain) score = exact;
  // Digit groups that no region writes this way are reported only with a phone context word.
  else if (!result.layout || thousands) score = 0.3;
  else if (parens || isShape(US_PHONE_SHAPE)) score = 0.7;
  else score = 0.6;
  emit(state, start, end, 'PHONE_NUMBER', score, ctx);
  phoneEmitted = true;
  return true;
}

/**
 * Whether a phone reading at [start, end) can reach the state's floor, given the best score it may get
 * once validated (`best`; `only`: that score is the one it gets, else it may also get 0.6 or 0.3 by
 * layout): with a phone word near it gains the context boost; without one, the words that the
 * scoring holds against it (engine.ts rescore) take 0.4 off, the other-identifier words only from a
 * score of 0.5 up, so a lower score can end higher. The arithmetic is rescore's.
 * Returns null (cannot reach) or the context look-up made (1 / 0, CTX_UNKNOWN: none).
 */
function phoneMayReach(state: ScanState, best: number, only: boolean, start: number, end: number): number | null {
  if (state.floor === 0) return CTX_UNKNOWN;
  if (best + boostOf('PHONE_NUMBER') < state.floor) return null;
  const quiet = start === curStart && end === curEnd && quietSpan(state);
  if (!quiet && hasContextNear(state, 'PHONE_NUMBER', start, end)) return 1;
  if (best < state.floor) return null;
  if (negativeBefore(state.text, start)) return best - 0.4 >= state.floor ? 0 : null;
  if (!otherIdBefore(state, start)) return 0;
  // Another identifier's word takes 0.4 off scores of 0.5 and up: a layout reading's 0.3 stays 0.3.
  const worst = only ? best : 0.3;
  return (best >= 0.5 ? best - 0.4 : best) >= state.floor || (worst < 0.5 && worst >= state.floor) ? 0 : null;
}

/** The best score a phone reading may get: by layout (0.7, or 0.6 or 0.3), 0.3 for thousands groups. */
const LAYOUT_SCORE = 0.7;
const THOUSANDS_SCORE = 0.3;
const CHINESE_REGIONS: readonly CountryCode[] = ['CN', 'TW', 'HK'];
const NO_REGIONS: readonly CountryCode[] = [];

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

function postal(state: ScanState, s: number, e: number, digits: string, plain: boolean): void {
  const { text } = state;
  const n = digits.length;
  if (plain && n === 5) {
    if (usStateBefore(text, s)) return emit(state, s, e, 'POSTAL_CODE', 0.7);
    const after = text.charCodeAt(e + 1);
    const cityAfter = text.charCodeAt(e) === 32 && after >= 65 && after <= 90;
    return emit(state, s, e, 'POSTAL_CODE', cityAfter ? 0.35 : 0.1);
  }
  // A plain number matches none of the grouped shapes.
  if (!plain) {
    if (isShape(ZIP_PLUS_FOUR)) return emit(state, s, e, 'POSTAL_CODE', 0.5);
    if (isShape(CEP)) return emit(state, s, e, 'POSTAL_CODE', 0.55);
    if (isShape(JP_POSTAL)) return emit(state, s, e, 'POSTAL_CODE', s > 0 && text.charCodeAt(s - 1) === 0x3012 ? 0.85 : 0.1);
    return;
  }
  if (n === 6) return emit(state, s, e, 'POSTAL_CODE', /singapore $/i.test(text.slice(Math.max(0, s - 10), s)) ? 0.75 : 0.1);
  if (n === 4) return emit(state, s, e, 'POSTAL_CODE', 0.05);
}

/** ISBN-10/13 (hard negative): 978/979 prefix with the EAN check, or an ISBN-10 written with hyphens. */
function isIsbnLike(digits: string, raw: string): boolean {
  if (digits.length === 13 && digits.charCodeAt(0) === 57 && digits.charCodeAt(1) === 55 && (digits.charCodeAt(2) === 56 || digits.charCodeAt(2) === 57)) {
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
