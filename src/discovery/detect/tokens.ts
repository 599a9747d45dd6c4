/**
 * Alphanumeric tokens: national ids with letters, IBAN, VAT, crypto wallets, API keys, JWTs and
 * password hashes. Each check is a sticky (anchored) regex at the token start plus a validator, so
 * the cost is proportional to the token, not the text.
 */
import { emit, isWordCode, mayAnyReachByContext } from './candidate.js';
import { contextUnion } from './context.js';
import type { ScanState } from './candidate.js';
import { ibanLengthAt, isIban } from './validators/iban.js';
import { isUkNino } from './validators/uk.js';
import { isHkId, isInPan, isSgNricFin, isTwId } from './validators/asia.js';
import { euVatStatus } from './validators/eu.js';
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
  const skip = upper >= 1 && (len >= 4 || next === 32) ? letterIds(state, start, end, upper) : 0;
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

/** Ids made of capitals and digits. The token is at most a few dozen characters, so slicing is cheap. */
function letterIds(state: ScanState, start: number, end: number, upper: number): number {
  const { text } = state;
  const tok = text.slice(start, end);
  const u = tok.toUpperCase();
  const ibanEnd = iban(state, start);
  if (ibanEnd > end) return ibanEnd;
  if (u.length === 9 && isSgNricFin(u) && /^[STFGM]/.test(tok)) emit(state, start, end, 'SG_NRIC_FIN', 0.9);
  if (/^[A-Z]{2}(?:\d|$)/.test(tok)) {
    const m = at(NINO_RE, text, start);
    if (m && isUkNino(m[0].replace(/ /g, ''))) emit(state, start, start + m[0].length, 'UK_NINO', 0.7);
  }
  if (/^[A-Z]{1,2}\d{6}/.test(tok)) {
    const m = at(HKID_RE, text, start);
    if (m && isHkId(m[0])) emit(state, start, start + m[0].length, 'HK_ID', m[0].includes('(') ? 0.85 : 0.6);
  }
  if (tok.length === 10 && /^[A-Z][12]\d{8}$/.test(tok) && isTwId(tok)) emit(state, start, end, 'TW_ID', 0.75);
  if (tok.length === 10 && isInPan(tok)) emit(state, start, end, 'IN_PAN', tok[3] === 'P' ? 0.6 : 0.45);
  if (upper >= 2 && /^(?:[A-Z]{2}|CHE)/.test(tok)) {
    const vat = euVatStatus(u);
    if (vat && tok.length >= 8) emit(state, start, end, 'EU_VAT', vat === 'checked' ? 0.8 : 0.4);
  }
  const idShape = /^[A-Z]{1,2}\d{6,9}$/.test(tok) || /^\d{1,2}[A-Z]{1,2}\d{5,7}$/.test(tok);
  const plateShape = /^[A-Z]{1,3}[- ]?\d{1,4}[A-Z]{0,3}$/.test(tok) && tok.length >= 4 && tok.length <= 9;
  // Passport, licence and plate readings are only reported with a context word: one look for all.
  const named = (idShape || plateShape) && mayAnyReachByContext(state, CONTEXT_ONLY, start, end);
  if (idShape && named) {
    emit(state, start, end, 'PASSPORT', 0.15);
    emit(state, start, end, 'US_DRIVER_LICENSE', 0.1);
    if (/^[A-Z]\d{8}$/.test(tok)) emit(state, start, end, 'US_PASSPORT', 0.1);
  }
  const pc = at(UK_POSTCODE, text, start);
  if (pc && pc[0].includes(' ')) emit(state, start, start + pc[0].length, 'POSTAL_CODE', 0.6);
  const ca = at(CA_POSTCODE, text, start);
  if (ca && ca[0].includes(' ')) emit(state, start, start + ca[0].length, 'POSTAL_CODE', 0.6);
  if (plateShape && named) emit(state, start, end, 'LICENSE_PLATE', 0.05);
  return ibanEnd;
}

/** Emits a valid IBAN at start; returns its end (0 when none). */
function iban(state: ScanState, start: number): number {
  const { text } = state;
  // No IBAN country, no IBAN (isIban would refuse every reading): most capitals-and-digits tokens stop here.
  const expected = ibanLengthAt(text, start);
  if (expected === 0) return 0;
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

function wallets(state: ScanState, start: number, end: number): void {
  const tok = state.text.slice(start, end);
  const c = tok[0];
  if ((c === '1' || c === '3') && isBase58CheckAddress(tok)) emit(state, start, end, 'CRYPTO', 0.95);
  else if ((c === 'b' || c === 't' || c === 'B') && isBech32Address(tok)) emit(state, start, end, 'CRYPTO', 0.95);
  else if (c === '0' && tok[1] === 'x') {
    const eth = ethAddressStatus(tok);
    if (eth) emit(state, start, end, 'CRYPTO', eth === 'checked' ? 0.95 : 0.7);
  }
}
