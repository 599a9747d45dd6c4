/**
 * Alphanumeric tokens: national ids with letters, IBAN, VAT, crypto wallets, API keys, JWTs and
 * password hashes. Each check is a sticky (anchored) regex at the token start plus a validator, so
 * the cost is proportional to the token, not the text.
 */
import { emit, isDigitCode, isWordCode, mayAnyReachByContext } from './candidate.js';
import { contextUnion } from './context.js';
import type { ScanState } from './candidate.js';
import { ibanLengthAt, isIban } from './validators/iban.js';
import { isUkNino } from './validators/uk.js';
import { isHkId, isInPan, isSgNricFin, isTwId } from './validators/asia.js';
import { euVatStatus, isVatPrefixAt } from './validators/eu.js';
import { bareMac } from './network.js';
import { ethAddressStatus, isBase58CheckAddress, isBech32Address } from './validators/crypto.js';

interface KeyRule { re: RegExp; score: number }

/** Well-known credential formats (vendor docs); all anchored at the token start and linear. */
const KEY_RULES: readonly KeyRule[] = [
  { re: /(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}(?![A-Za-z0-9])/y, score: 0.95 },
  { re: /gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])/y, score: 0.95 },
  { re: /github_pat_[A-Za-z0-9_]{60,255}/y, score: 0.95 },
  { re: /(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])/y, score: 0.95 },
  { re: /(?:pk)_(?:live|test)_[A-Za-z0-9]{16,247}(?![A-Za-z0-9])/y, score: 0.7 },
  { re: /whsec_[A-Za-z0-9+/=]{24,}/y, score: 0.9 },
  { re: /xox[baprse]-[A-Za-z0-9-]{10,250}(?![A-Za-z0-9-])/y, score: 0.95 },
  { re: /AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/y, score: 0.9 },
  { re: /ya29\.[A-Za-z0-9_-]{20,}/y, score: 0.85 },
  { re: /glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-])/y, score: 0.95 },
  { re: /npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])/y, score: 0.95 },
  { re: /SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/y, score: 0.95 },
  { re: /sk-(?:proj-|ant-(?:api\d\d-)?)?[A-Za-z0-9_-]{32,200}(?![A-Za-z0-9_-])/y, score: 0.85 },
  { re: /(?:AC|SK)[0-9a-f]{32}(?![A-Za-z0-9])/y, score: 0.6 },
  { re: /shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])/y, score: 0.95 },
  { re: /dop_v1_[a-f0-9]{64}/y, score: 0.95 },
  { re: /hf_[A-Za-z0-9]{34,}(?![A-Za-z0-9])/y, score: 0.85 },
];
/** Rules by the first two characters of the token, so an ordinary word costs one map miss. */
const KEY_BY_PREFIX = new Map<string, KeyRule[]>();
for (const rule of KEY_RULES) {
  const heads = /^\(\?:([^)]*)\)/.exec(rule.re.source)?.[1]?.split('|') ?? [rule.re.source.slice(0, 2)];
  for (const head of heads) {
    for (const p of expandHead(head)) {
      const list = KEY_BY_PREFIX.get(p) ?? [];
      if (!list.includes(rule)) list.push(rule);
      KEY_BY_PREFIX.set(p, list);
    }
  }
}

/** First two literal characters of a rule head; `gh[pousr]_` gives `gh`, `xox[…]` gives `xo`. */
function expandHead(head: string): string[] {
  return [head.replace(/\\/g, '').slice(0, 2)];
}

const JWT_RE = /eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{10,}/y;
const HASH_RE = /\$(?:2[abxy]\$\d\d\$[./A-Za-z0-9]{53}|argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]{8,}\$[A-Za-z0-9+/=]{16,}|[156]\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}|scrypt\$[A-Za-z0-9+/=$.:]{20,200}|y\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{1,64}\$[./A-Za-z0-9]{43})/y;
const DJANGO_RE = /(?:pbkdf2_sha(?:256|1)\$\d{3,7}\$[A-Za-z0-9./+=]{4,64}\$[A-Za-z0-9./+=]{20,88}|scrypt\$\d+\$[A-Za-z0-9+/=]{8,}\$[A-Za-z0-9+/=]{20,})/y;

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Password hashes start with '$' (crypt formats). */
export function scanDollar(state: ScanState, pos: number): number {
  const m = at(HASH_RE, state.text, pos);
  if (!m) return pos + 1;
  emit(state, pos, pos + m[0].length, 'PASSWORD', 0.9);
  return pos + m[0].length;
}

/**
 * A token [start, end) of word characters. `digits`/`upper`/`lower` are counts. Returns true if a
 * longer structure (key, JWT …) was emitted and the caller should skip to `state`'s returned end.
 */
export function scanToken(state: ScanState, start: number, end: number, digits: number, upper: number): number {
  const { text } = state;
  const len = end - start;
  const first = text[start]!;
  const next = text.charCodeAt(end);
  if (len >= 16 || ((next === 45 || next === 46) && len >= 2)) {
    const r = keys(state, start);
    if (r > 0) return r;
  }
  if (first === 'e' && text.startsWith('eyJ', start)) {
    const m = at(JWT_RE, text, start);
    if (m && jwtHeaderOk(m[0])) {
      emit(state, start, start + m[0].length, 'JWT', 0.95);
      return start + m[0].length;
    }
  }
  // A literal prefix test first: most words starting with p or s are ordinary words.
  if ((first === 'p' && text.startsWith('pbkdf2_sha', start)) || (first === 's' && text.startsWith('scrypt$', start))) {
    const m = at(DJANGO_RE, text, start);
    if (m) {
      emit(state, start, start + m[0].length, 'PASSWORD', 0.9);
      return start + m[0].length;
    }
  }
  if (digits === 0) return end;
  if (len === 12) bareMac(state, start, end);
  // A spaced IBAN covers the digit groups after its first token: resume after it.
  const skip = upper >= 1 && (len >= 4 || next === 32) ? letterIds(state, start, end) : 0;
  if (len >= 25 && len <= 90) wallets(state, start, end);
  return Math.max(end, skip);
}

/** The same prefixes as a bitmap of two character codes: a sentence's last word ("days.") costs no slice. */
const KEY_PREFIX = new Uint8Array(1 << 14);
for (const p of KEY_BY_PREFIX.keys()) KEY_PREFIX[((p.charCodeAt(0) & 127) << 7) | (p.charCodeAt(1) & 127)] = 1;

function keys(state: ScanState, start: number): number {
  const a = state.text.charCodeAt(start);
  const b = state.text.charCodeAt(start + 1);
  if (a >= 128 || b >= 128 || KEY_PREFIX[(a << 7) | b] === 0) return 0;
  const rules = KEY_BY_PREFIX.get(state.text.slice(start, start + 2));
  if (!rules) return 0;
  for (const rule of rules) {
    const m = at(rule.re, state.text, start);
    if (m) {
      emit(state, start, start + m[0].length, 'API_KEY', rule.score);
      return start + m[0].length;
    }
  }
  return 0;
}

function jwtHeaderOk(token: string): boolean {
  try {
    const header = Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8');
    return header.startsWith('{') && header.includes('"alg"');
  } catch {
    return false;
  }
}

const IBAN_START = /[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){2,8}/y;
const NINO_RE = /[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/y;
const HKID_RE = /[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![A-Za-z0-9])/y;
const UK_POSTCODE = /(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/y;
const CA_POSTCODE = /[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d(?![A-Za-z0-9])/y;

/** Readings of a capitals-and-digits token that only a context word makes reportable. */
const CONTEXT_ONLY = contextUnion(['PASSPORT', 'US_DRIVER_LICENSE', 'US_PASSPORT', 'LICENSE_PLATE']);

/** The end of the run from i (before end) of characters with codes lo..hi (capitals 65-90, digits 48-57). */
function rangeEnd(text: string, i: number, end: number, lo: number, hi: number): number {
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c < lo || c > hi) break;
    i++;
  }
  return i;
}

function capitalsEnd(text: string, i: number, end: number): number {
  return rangeEnd(text, i, end, 65, 90);
}

function digitsEnd(text: string, i: number, end: number): number {
  return rangeEnd(text, i, end, 48, 57);
}

/** [A-Z]{1,3}[- ]?\d{1,4}[A-Z]{0,3} over all of text[start, end), read from character codes. */
function isPlateShape(text: string, start: number, end: number, capsEnd: number): boolean {
  const caps = capsEnd - start;
  if (caps < 1 || caps > 3) return false;
  let p = capsEnd;
  const sep = text.charCodeAt(p);
  if (p < end && (sep === 45 || sep === 32)) p++;
  const d = digitsEnd(text, p, end);
  if (d - p < 1 || d - p > 4) return false;
  const tail = capitalsEnd(text, d, end);
  return tail === end && tail - d <= 3;
}

/**
 * Ids made of capitals and digits. Every reading needs its own shape of leading capitals and digits,
 * so the shape is read from character codes first and a token is sliced or matched against a regex
 * only where its shape allows that reading (most capitals-and-digits tokens, SKUs and order numbers,
 * are none of them). `end` is where the token's word characters end; the patterns that look past it
 * ((?![A-Za-z0-9]) lookaheads) are gated by what must hold inside the token for them to match.
 */
function letterIds(state: ScanState, start: number, end: number): number {
  const { text } = state;
  const len = end - start;
  const ibanEnd = iban(state, start, end);
  if (ibanEnd > end) return ibanEnd;
  const capsEnd = capitalsEnd(text, start, end);
  const caps = capsEnd - start;
  // Digits right after the leading capitals.
  const lead = digitsEnd(text, capsEnd, end) - capsEnd;
  const c0 = text.charCodeAt(start);
  const next = text.charCodeAt(end);
  // [STFGM], 7 digits and a letter (checked upper-cased): only a 9-character token can match (no
  // character of a token upper-cases into a digit, and one that grows a letter breaks the shape).
  if (len === 9 && caps === 1 && lead === 7 && (c0 === 83 || c0 === 84 || c0 === 70 || c0 === 71 || c0 === 77)) {
    if (isSgNricFin(text.slice(start, end))) emit(state, start, end, 'SG_NRIC_FIN', 0.9);
  }
  // NINO: two capitals and six digits (then A-D) in the token, or groups that a space splits at the
  // token's end (the token then holds the capitals and at most six digits).
  if (caps === 2 && lead <= 6 && (lead === 6 || (caps + lead === len && next === 32))) {
    const m = at(NINO_RE, text, start);
    if (m && isUkNino(m[0].replace(/ /g, ''))) emit(state, start, start + m[0].length, 'UK_NINO', 0.7);
  }
  // HK id: 1-2 capitals, six digits, then a check digit (seventh digit), 'A' or '(' .
  if ((caps === 1 || caps === 2) && (lead === 7 || (lead === 6 && (text.charCodeAt(capsEnd + 6) === 65 || text.charCodeAt(capsEnd + 6) === 40)))) {
    const m = at(HKID_RE, text, start);
    if (m && isHkId(m[0])) emit(state, start, start + m[0].length, 'HK_ID', m[0].includes('(') ? 0.85 : 0.6);
  }
  if (len === 10 && caps === 1 && lead === 9) {
    const tok = text.slice(start, end);
    if (/^[A-Z][12]\d{8}$/.test(tok) && isTwId(tok)) emit(state, start, end, 'TW_ID', 0.75);
  }
  // PAN: five capitals, four digits, a capital.
  if (len === 10 && caps === 5 && lead === 4) {
    const tok = text.slice(start, end);
    if (isInPan(tok)) emit(state, start, end, 'IN_PAN', tok[3] === 'P' ? 0.6 : 0.45);
  }
  // VAT: two capitals naming a VAT country (or CH of CHE); nothing shorter than 8 is reported.
  if (caps >= 2 && len >= 8 && isVatPrefixAt(text, start)) {
    const vat = euVatStatus(text.slice(start, end).toUpperCase());
    if (vat) emit(state, start, end, 'EU_VAT', vat === 'checked' ? 0.8 : 0.4);
  }
  const idShape = ((caps === 1 || caps === 2) && lead >= 6 && lead <= 9 && caps + lead === len) ||
    (isDigitCode(c0) && /^\d{1,2}[A-Z]{1,2}\d{5,7}$/.test(text.slice(start, end)));
  const plateShape = len >= 4 && len <= 9 && isPlateShape(text, start, end, capsEnd);
  // Passport, licence and plate readings are only reported with a context word: one look for all.
  const named = (idShape || plateShape) && mayAnyReachByContext(state, CONTEXT_ONLY, start, end);
  if (idShape && named) {
    emit(state, start, end, 'PASSPORT', 0.15);
    emit(state, start, end, 'US_DRIVER_LICENSE', 0.1);
    if (caps === 1 && lead === 8 && len === 9) emit(state, start, end, 'US_PASSPORT', 0.1);
  }
  // A postcode counts only when written with its space, and the characters before that space are
  // capitals and digits: the token (at most 4 of them) must end at a space.
  if (next === 32 && len <= 4) {
    const pc = at(UK_POSTCODE, text, start);
    if (pc && pc[0].includes(' ')) emit(state, start, start + pc[0].length, 'POSTAL_CODE', 0.6);
    const ca = at(CA_POSTCODE, text, start);
    if (ca && ca[0].includes(' ')) emit(state, start, start + ca[0].length, 'POSTAL_CODE', 0.6);
  }
  if (plateShape && named) emit(state, start, end, 'LICENSE_PLATE', 0.05);
  return ibanEnd;
}

/** Emits a valid IBAN at the token [start, end); returns its end (0 when none). */
function iban(state: ScanState, start: number, end: number): number {
  const { text } = state;
  // No IBAN country, no IBAN (isIban would refuse every reading): most capitals-and-digits tokens stop here.
  const expected = ibanLengthAt(text, start);
  if (expected === 0) return 0;
  // IBAN_START reads capitals and digits, past the token only through a space and another capital or
  // digit: without one, no reading is longer than the token, so a token shorter than the country's
  // IBAN ("SO22462837 shipped") has none of that length.
  const after = text.charCodeAt(end + 1);
  if (end - start < expected && !(text.charCodeAt(end) === 32 && ((after >= 65 && after <= 90) || isDigitCode(after)))) return 0;
  const m = at(IBAN_START, text, start);
  if (!m) return 0;
  // Spaced IBANs may run into following capitals ("… 00 BIC"): try the longest group prefix that validates.
  // Group prefixes end where a space follows in the match (or at its end); only those of the country's
  // length are sliced and checked.
  const ends: number[] = [];
  for (let k = 0; k < m[0].length; k++) if (m[0].charCodeAt(k) === 32) ends.push(k);
  ends.push(m[0].length);
  for (let k = ends.length - 1; k >= 0; k--) {
    const len = ends[k]!;
    if (isWordCode(text.charCodeAt(start + len))) continue;
    if (len - k !== expected) continue;
    if (isIban(text.slice(start, start + len).replace(/ /g, ''))) {
      emit(state, start, start + len, 'IBAN_CODE', 0.95);
      return start + len;
    }
  }
  return 0;
}

/**
 * Each wallet form has its opening: '1'/'3' (Base58Check), "bc1"/"tb1" in either case (bech32, whose
 * check lower-cases the token: no other character lower-cases to b, c or t), "0x" (Ethereum). Hex
 * hashes and other long tokens are refused from character codes, before a slice.
 */
function wallets(state: ScanState, start: number, end: number): void {
  const { text } = state;
  const c = text.charCodeAt(start);
  if (c === 49 || c === 51) {
    const tok = text.slice(start, end);
    if (isBase58CheckAddress(tok)) emit(state, start, end, 'CRYPTO', 0.95);
  } else if (c === 98 || c === 116 || c === 66) {
    const second = c === 116 ? 98 : 99;
    if ((text.charCodeAt(start + 1) | 32) === second && text.charCodeAt(start + 2) === 49 && isBech32Address(text.slice(start, end))) emit(state, start, end, 'CRYPTO', 0.95);
  } else if (c === 48 && text.charCodeAt(start + 1) === 120) {
    const eth = ethAddressStatus(text.slice(start, end));
    if (eth) emit(state, start, end, 'CRYPTO', eth === 'checked' ? 0.95 : 0.7);
  }
}
