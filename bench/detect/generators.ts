/**
 * Value generators for the labeled corpus: identifiers with valid check digits (and near misses
 * that fail them), network identifiers, crypto addresses, phone numbers and the hard negatives.
 *
 * These are written here, from the public specifications, on purpose: the benchmark's ground
 * truth must not share code with the detectors it measures. generators.test.ts checks the
 * generated values against independent implementations (stdnum, libphonenumber-js) and
 * published examples.
 */
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import type { Rng } from './rng.js';

// ---------------------------------------------------------------- check-digit algorithms

/** Luhn check digit for a payload (the digit that makes payload + digit pass Luhn). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
  [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
  [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];
const VERHOEFF_INV = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

export function verhoeffCheckDigit(payload: string): number {
  let c = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = Number(payload[payload.length - 1 - i]);
    c = VERHOEFF_D[c]![VERHOEFF_P[(i + 1) % 8]![digit]!]!;
  }
  return VERHOEFF_INV[c]!;
}

/** ISO 7064 MOD 97-10 remainder of a string of digits and capital letters (A=10 … Z=35). */
export function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

/** ISO 7064 MOD 11,10 check digit (German tax ID). */
export function mod11_10CheckDigit(payload: string): number {
  let product = 10;
  for (const ch of payload) {
    let sum = (Number(ch) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

/** Replace a check digit/character with a different one so the value fails its check. */
function corrupt(rng: Rng, s: string, index: number, alphabet = '0123456789'): string {
  const cur = s[index]!;
  let next = cur;
  while (next === cur) next = rng.pick([...alphabet]);
  return s.slice(0, index) + next + s.slice(index + 1);
}

function group(s: string, sizes: number[], sep: string): string {
  const out: string[] = [];
  let i = 0;
  for (const n of sizes) {
    out.push(s.slice(i, i + n));
    i += n;
  }
  if (i < s.length) out.push(s.slice(i));
  return out.filter((x) => x.length > 0).join(sep);
}

/** A generated value: its digits/characters without separators, and the text as written. */
export interface Generated {
  compact: string;
  text: string;
}

// ---------------------------------------------------------------- payment cards

export function creditCard(rng: Rng, valid = true): Generated {
  const brand = rng.weighted<'visa' | 'mc' | 'mc2' | 'amex' | 'discover' | 'jcb' | 'unionpay'>([
    ['visa', 40],
    ['mc', 25],
    ['mc2', 5],
    ['amex', 12],
    ['discover', 6],
    ['jcb', 6],
    ['unionpay', 6],
  ]);
  let prefix: string;
  let length = 16;
  switch (brand) {
    case 'visa':
      prefix = '4';
      break;
    case 'mc':
      prefix = String(rng.int(51, 55));
      break;
    case 'mc2':
      prefix = String(rng.int(2221, 2720));
      break;
    case 'amex':
      prefix = rng.pick(['34', '37']);
      length = 15;
      break;
    case 'discover':
      prefix = '6011';
      break;
    case 'jcb':
      prefix = String(rng.int(3528, 3589));
      break;
    case 'unionpay':
      prefix = '62' + String(rng.int(1, 9));
      break;
  }
  const payload = prefix + rng.digits(length - 1 - prefix.length);
  let compact = payload + String(luhnCheckDigit(payload));
  if (!valid) compact = corrupt(rng, compact, compact.length - 1);
  const sep = rng.weighted([
    [' ', 5],
    ['-', 2],
    ['', 3],
  ]);
  const text = length === 15 ? group(compact, [4, 6, 5], sep) : group(compact, [4, 4, 4, 4], sep);
  return { compact, text };
}

// ---------------------------------------------------------------- IBAN

const IBAN_COUNTRIES: Record<string, (rng: Rng) => string> = {
  DE: (rng) => rng.pick(['10010010', '37040044', '50010517', '20041133', '76026000', '43060967']) + rng.digits(10),
  GB: (rng) => rng.pick(['NWBK', 'BARC', 'LOYD', 'HBUK', 'MIDL']) + rng.digits(6) + rng.digits(8),
  NL: (rng) => rng.pick(['ABNA', 'RABO', 'INGB', 'TRIO', 'SNSB']) + rng.digits(10),
  AT: (rng) => rng.pick(['19043', '20111', '12000', '32000']) + rng.digits(11),
  CH: (rng) => rng.pick(['00762', '00230', '08390']) + rng.digits(12),
  BR: (rng) => rng.digits(8) + rng.digits(5) + rng.digits(10) + rng.pick(['C', 'P']) + '1',
};

export function ibanCountries(): string[] {
  return Object.keys(IBAN_COUNTRIES);
}

export function iban(rng: Rng, valid = true, country?: string): Generated {
  const cc = country ?? rng.pick(Object.keys(IBAN_COUNTRIES));
  const bban = IBAN_COUNTRIES[cc]!(rng);
  const check = 98 - mod97(bban + cc + '00');
  let compact = cc + String(check).padStart(2, '0') + bban;
  if (!valid) compact = corrupt(rng, compact, 3);
  const text = rng.chance(0.6) ? group(compact, Array(9).fill(4) as number[], ' ') : compact;
  return { compact, text };
}

// ---------------------------------------------------------------- United States

export function usSsn(rng: Rng, valid = true): Generated {
  let area: number;
  let grp = rng.int(1, 99);
  let serial = rng.int(1, 9999);
  if (valid) {
    do area = rng.int(1, 899);
    while (area === 666);
  } else {
    const how = rng.int(0, 3);
    area = how === 0 ? 0 : how === 1 ? 666 : rng.int(1, 665);
    if (how === 2) grp = 0;
    if (how === 3) serial = 0;
  }
  const compact = String(area).padStart(3, '0') + String(grp).padStart(2, '0') + String(serial).padStart(4, '0');
  const sep = rng.weighted([
    ['-', 8],
    [' ', 1],
    ['', 1],
  ]);
  return { compact, text: group(compact, [3, 2, 4], sep) };
}

const ITIN_GROUPS = [
  ...Array.from({ length: 16 }, (_, i) => 50 + i),
  ...Array.from({ length: 19 }, (_, i) => 70 + i),
  90,
  91,
  92,
  94,
  95,
  96,
  97,
  98,
  99,
];

export function usItin(rng: Rng): Generated {
  const compact = '9' + rng.digits(2) + String(rng.pick(ITIN_GROUPS)) + rng.digits(4);
  return { compact, text: group(compact, [3, 2, 4], rng.chance(0.85) ? '-' : ' ') };
}

/** ABA routing number: 3-7-1 weighted checksum; first two digits 01–12, 21–32, 61–72 or 80. */
export function abaRouting(rng: Rng, valid = true): Generated {
  const prefix = rng.pick([
    ...Array.from({ length: 12 }, (_, i) => i + 1),
    ...Array.from({ length: 12 }, (_, i) => i + 21),
    ...Array.from({ length: 12 }, (_, i) => i + 61),
    80,
  ]);
  const body = String(prefix).padStart(2, '0') + rng.digits(6);
  const w = [3, 7, 1, 3, 7, 1, 3, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * w[i]!;
  let compact = body + String((10 - (sum % 10)) % 10);
  if (!valid) compact = corrupt(rng, compact, 8);
  return { compact, text: compact };
}

// ---------------------------------------------------------------- United Kingdom

export function ukNhs(rng: Rng, valid = true): Generated {
  for (;;) {
    const body = String(rng.int(4, 7)) + rng.digits(8);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check === 10) continue;
    let compact = body + String(check);
    if (!valid) compact = corrupt(rng, compact, 9);
    const text = rng.chance(0.7) ? group(compact, [3, 3, 4], rng.chance(0.85) ? ' ' : '-') : compact;
    return { compact, text };
  }
}

const NINO_FIRST = 'ABCEGHJKLMNOPRSTWXYZ';
const NINO_SECOND = 'ABCEGHJKLMNPRSTWXYZ';
const NINO_BAD_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function ukNino(rng: Rng): Generated {
  let prefix: string;
  do prefix = rng.pick([...NINO_FIRST]) + rng.pick([...NINO_SECOND]);
  while (NINO_BAD_PREFIXES.has(prefix));
  const compact = prefix + rng.digits(6) + rng.pick(['A', 'B', 'C', 'D']);
  const text = rng.chance(0.5) ? group(compact, [2, 2, 2, 2, 1], ' ') : compact;
  return { compact, text };
}

// ---------------------------------------------------------------- China, Hong Kong, Taiwan

/** Real county-level division codes (GB/T 2260). */
const CN_REGIONS = [
  '110101', '110105', '110108', '120101', '310101', '310104', '310115', '320102', '330106', '370202',
  '420102', '440103', '440305', '440106', '500103', '510107', '610113', '210102', '350203', '430102',
];
const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';

export function cnResidentIdCheck(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * CN_WEIGHTS[i]!;
  return CN_CHECK[sum % 11]!;
}

export function cnResidentId(rng: Rng, valid = true): Generated {
  const y = rng.int(1950, 2005);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  const body =
    rng.pick(CN_REGIONS) + String(y) + String(m).padStart(2, '0') + String(d).padStart(2, '0') + rng.digits(3);
  const check = cnResidentIdCheck(body);
  let last = check;
  if (!valid) while (last === check) last = rng.pick([...CN_CHECK]);
  const compact = body + last;
  return { compact, text: compact };
}

export function hkId(rng: Rng, valid = true): Generated {
  const letter = rng.pick([...'ACDEGHKPRVYZ']);
  const digits = rng.digits(6);
  let sum = 36 * 9 + (letter.charCodeAt(0) - 55) * 8;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  const r = (11 - (sum % 11)) % 11;
  let check = r === 10 ? 'A' : String(r);
  if (!valid) {
    const good = check;
    while (check === good) check = rng.pick([...'0123456789A']);
  }
  const compact = letter + digits + check;
  const text = rng.chance(0.75) ? `${letter}${digits}(${check})` : compact;
  return { compact, text };
}

const TW_LETTERS: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

export function twId(rng: Rng, valid = true): Generated {
  const letter = rng.pick(Object.keys(TW_LETTERS));
  const body = String(rng.int(1, 2)) + rng.digits(7);
  const code = TW_LETTERS[letter]!;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * (8 - i);
  let compact = letter + body + String((10 - (sum % 10)) % 10);
  if (!valid) compact = corrupt(rng, compact, 9);
  return { compact, text: compact };
}

// ---------------------------------------------------------------- Singapore

export function sgNricFin(rng: Rng, valid = true): Generated {
  const prefix = rng.weighted([
    ['S', 5],
    ['T', 3],
    ['F', 1],
    ['G', 1],
  ]);
  const digits = rng.digits(7);
  const w = [2, 7, 6, 5, 4, 3, 2];
  let sum = prefix === 'T' || prefix === 'G' ? 4 : 0;
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * w[i]!;
  const table = prefix === 'S' || prefix === 'T' ? 'JZIHGFEDCBA' : 'XWUTRQPNMLK';
  let check = table[sum % 11]!;
  if (!valid) {
    const good = check;
    while (check === good) check = rng.pick([...table]);
  }
  const compact = prefix + digits + check;
  return { compact, text: compact };
}

// ---------------------------------------------------------------- Brazil

function cpfDigit(s: string, startWeight: number): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += Number(s[i]) * (startWeight - i);
  const r = (sum * 10) % 11;
  return r === 10 ? 0 : r;
}

export function brCpf(rng: Rng, valid = true): Generated {
  let body: string;
  do body = rng.digits(9);
  while (/^(\d)\1+$/.test(body));
  const d1 = cpfDigit(body, 10);
  const d2 = cpfDigit(body + String(d1), 11);
  let compact = body + String(d1) + String(d2);
  if (!valid) compact = corrupt(rng, compact, 10);
  const text = rng.chance(0.75)
    ? `${compact.slice(0, 3)}.${compact.slice(3, 6)}.${compact.slice(6, 9)}-${compact.slice(9)}`
    : compact;
  return { compact, text };
}

function cnpjDigit(s: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += Number(s[i]) * weights[i]!;
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export function brCnpj(rng: Rng, valid = true): Generated {
  const body = rng.digits(8) + rng.pick(['0001', '0001', '0001', '0002', '0003']);
  const d1 = cnpjDigit(body, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = cnpjDigit(body + String(d1), [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  let compact = body + String(d1) + String(d2);
  if (!valid) compact = corrupt(rng, compact, 13);
  const c = compact;
  const text = rng.chance(0.8)
    ? `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`
    : compact;
  return { compact, text };
}

// ---------------------------------------------------------------- Canada, India, Japan, Germany

export function caSin(rng: Rng, valid = true): Generated {
  const body = String(rng.int(1, 7)) + rng.digits(7);
  let compact = body + String(luhnCheckDigit(body));
  if (!valid) compact = corrupt(rng, compact, 8);
  const sep = rng.weighted([
    [' ', 4],
    ['-', 4],
    ['', 2],
  ]);
  return { compact, text: group(compact, [3, 3, 3], sep) };
}

export function inAadhaar(rng: Rng, valid = true): Generated {
  const body = String(rng.int(2, 9)) + rng.digits(10);
  let compact = body + String(verhoeffCheckDigit(body));
  if (!valid) compact = corrupt(rng, compact, 11);
  const text = rng.chance(0.75) ? group(compact, [4, 4, 4], rng.chance(0.85) ? ' ' : '-') : compact;
  return { compact, text };
}

export function inPan(rng: Rng): Generated {
  const compact = rng.letters(3) + rng.pick([...'PPPPPPCHFATBLJG']) + rng.letters(1) + rng.digits(4) + rng.letters(1);
  return { compact, text: compact };
}

export function jpMyNumberCheck(body11: string): number {
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(body11[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return r <= 1 ? 0 : 11 - r;
}

export function jpMyNumber(rng: Rng, valid = true): Generated {
  const body = rng.digits(11);
  let compact = body + String(jpMyNumberCheck(body));
  if (!valid) compact = corrupt(rng, compact, 11);
  const text = rng.chance(0.6) ? group(compact, [4, 4, 4], rng.chance(0.7) ? ' ' : '-') : compact;
  return { compact, text };
}

/** Steuerliche Identifikationsnummer: 10 digits where one digit occurs twice, plus a MOD 11,10 check digit. */
export function deTaxId(rng: Rng, valid = true): Generated {
  let body: string;
  for (;;) {
    const digits = [...'0123456789'];
    for (let i = digits.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [digits[i], digits[j]] = [digits[j]!, digits[i]!];
    }
    // One digit appears twice (and so one digit is missing).
    const from = rng.int(0, 9);
    let to = rng.int(0, 9);
    while (to === from) to = rng.int(0, 9);
    digits[to] = digits[from]!;
    body = digits.join('');
    if (body[0] !== '0') break;
  }
  let compact = body + String(mod11_10CheckDigit(body));
  if (!valid) compact = corrupt(rng, compact, 10);
  const text = rng.chance(0.5) ? group(compact, [2, 3, 3, 3], ' ') : compact;
  return { compact, text };
}

// ---------------------------------------------------------------- network and crypto

export function ipv4(rng: Rng): string {
  const first = rng.pick([10, 23, 31, 45, 62, 81, 91, 103, 118, 141, 172, 185, 192, 203, 213]);
  return [first, rng.int(0, 255), rng.int(0, 255), rng.int(1, 254)].join('.');
}

export function ipv6(rng: Rng): string {
  const parts = Array.from({ length: 8 }, () => rng.int(0, 0xffff).toString(16));
  parts[0] = rng.pick(['2001', '2a02', '2400', '2604', 'fe80']);
  if (parts[0] === '2001') parts[1] = 'db8';
  if (rng.chance(0.5)) {
    // Compress a run of zero groups.
    const i = rng.int(2, 5);
    return [...parts.slice(0, i), '', ...parts.slice(i + 2)].join(':').replace(/:{3,}/, '::');
  }
  return parts.join(':');
}

export function mac(rng: Rng): string {
  const bytes = Array.from(rng.bytes(6), (b) => b.toString(16).padStart(2, '0'));
  bytes[0] = (Number.parseInt(bytes[0]!, 16) & 0xfc).toString(16).padStart(2, '0');
  const upper = rng.chance(0.5);
  const sep = rng.chance(0.75) ? ':' : '-';
  const s = bytes.join(sep);
  return upper ? s.toUpperCase() : s;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function sha256(b: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(b).digest());
}

export function base58(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let s = '';
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    s = '1' + s;
  }
  return s;
}

export function base58check(version: number, payload: Uint8Array): string {
  const data = new Uint8Array(1 + payload.length);
  data[0] = version;
  data.set(payload, 1);
  const check = sha256(sha256(data)).slice(0, 4);
  const all = new Uint8Array(data.length + 4);
  all.set(data);
  all.set(check, data.length);
  return base58(all);
}

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= gen[i]!;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

export function bech32Encode(hrp: string, data5: number[]): string {
  const values = [...hrpExpand(hrp), ...data5, 0, 0, 0, 0, 0, 0];
  const mod = bech32Polymod(values) ^ 1;
  const check: number[] = [];
  for (let i = 0; i < 6; i++) check.push((mod >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data5, ...check].map((v) => BECH32[v]).join('');
}

function toWords(bytes: Uint8Array): number[] {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** EIP-55 mixed-case checksum of a 40-hex-digit address (without 0x). */
export function eip55(hex40: string): string {
  const lower = hex40.toLowerCase();
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString('hex');
  let out = '';
  for (let i = 0; i < 40; i++) {
    const c = lower[i]!;
    out += Number.parseInt(hash[i]!, 16) >= 8 ? c.toUpperCase() : c;
  }
  return '0x' + out;
}

export function cryptoAddress(rng: Rng): { kind: 'btc-p2pkh' | 'btc-p2sh' | 'btc-bech32' | 'eth'; text: string } {
  const kind = rng.weighted<'btc-p2pkh' | 'btc-p2sh' | 'btc-bech32' | 'eth'>([
    ['btc-p2pkh', 3],
    ['btc-p2sh', 1],
    ['btc-bech32', 3],
    ['eth', 3],
  ]);
  const payload = rng.bytes(20);
  switch (kind) {
    case 'btc-p2pkh':
      return { kind, text: base58check(0x00, payload) };
    case 'btc-p2sh':
      return { kind, text: base58check(0x05, payload) };
    case 'btc-bech32':
      return { kind, text: bech32Encode('bc', [0, ...toWords(payload)]) };
    case 'eth':
      return { kind, text: eip55(Buffer.from(payload).toString('hex')) };
  }
}

// ---------------------------------------------------------------- phone numbers

const US_AREAS = ['201', '202', '206', '212', '213', '303', '305', '312', '404', '415', '503', '512', '602', '617', '646', '702', '713', '718', '805', '917'];
const CA_AREAS = ['416', '604', '514', '403', '613', '647', '780', '902'];

function nanpExchange(rng: Rng): string {
  for (;;) {
    const e = String(rng.int(200, 999));
    if (e[1] === '1' && e[2] === '1') continue;
    if (e === '555') continue;
    return e;
  }
}

/** A valid phone number for a locale, written the way people write them there. */
export function phone(rng: Rng, locale: string): string {
  switch (locale) {
    case 'en_US':
    case 'en_CA': {
      const area = rng.pick(locale === 'en_US' ? US_AREAS : CA_AREAS);
      const ex = nanpExchange(rng);
      const line = rng.digits(4);
      return rng.pick([
        `(${area}) ${ex}-${line}`,
        `${area}-${ex}-${line}`,
        `+1 ${area} ${ex} ${line}`,
        `+1-${area}-${ex}-${line}`,
        `${area}.${ex}.${line}`,
        `+1 (${area}) ${ex}-${line}`,
      ]);
    }
    case 'en_GB': {
      if (rng.chance(0.6)) {
        const n = rng.pick(['7412', '7446', '7507', '7521', '7723', '7734', '7812', '7835', '7903', '7958']) + rng.digits(6);
        return rng.pick([`+44 ${n.slice(0, 4)} ${n.slice(4)}`, `0${n.slice(0, 4)} ${n.slice(4)}`]);
      }
      const n = '20' + rng.pick(['3', '7', '8']) + rng.digits(7);
      return rng.pick([`+44 20 ${n.slice(2, 6)} ${n.slice(6)}`, `020 ${n.slice(2, 6)} ${n.slice(6)}`]);
    }
    case 'de': {
      if (rng.chance(0.55)) {
        const pre = rng.pick(['151', '152', '157', '160', '162', '170', '171', '172', '175', '176', '177', '178', '179']);
        const sub = rng.digits(pre.startsWith('15') ? 8 : 7);
        return rng.pick([`+49 ${pre} ${sub}`, `0${pre} ${sub}`, `+49 (0)${pre} ${sub}`, `0${pre}/${sub}`]);
      }
      const [area, len] = rng.pick([
        ['30', 8],
        ['40', 8],
        ['89', 8],
        ['221', 7],
        ['69', 8],
        ['711', 7],
      ] as const);
      const sub = String(rng.int(2, 9)) + rng.digits(len - 1);
      return rng.pick([`+49 ${area} ${sub}`, `0${area} ${sub}`, `0${area}/${sub}`, `+49 ${area} ${sub.slice(0, 4)} ${sub.slice(4)}`]);
    }
    case 'pt_BR': {
      const ddd = rng.pick(['11', '21', '31', '41', '51', '61', '71', '81', '85', '19']);
      if (rng.chance(0.7)) {
        const n = '9' + String(rng.int(6, 9)) + rng.digits(7);
        return rng.pick([`+55 ${ddd} ${n.slice(0, 5)}-${n.slice(5)}`, `(${ddd}) ${n.slice(0, 5)}-${n.slice(5)}`, `${ddd} ${n}`]);
      }
      const n = String(rng.int(2, 5)) + rng.digits(7);
      return rng.pick([`+55 ${ddd} ${n.slice(0, 4)}-${n.slice(4)}`, `(${ddd}) ${n.slice(0, 4)}-${n.slice(4)}`]);
    }
    case 'zh_CN': {
      const pre = rng.pick(['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '156', '157', '158', '159', '177', '180', '181', '186', '187', '188', '189', '198', '199']);
      const n = pre + rng.digits(8);
      return rng.pick([n, n, `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`, `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`, `+86 ${n}`]);
    }
    case 'en_SG': {
      const first = rng.pick(['8', '9', '6']);
      const n = first + (first === '6' ? rng.pick(['1', '2', '3', '4']) : String(rng.int(1, 7))) + rng.digits(6);
      return rng.pick([`+65 ${n.slice(0, 4)} ${n.slice(4)}`, `${n.slice(0, 4)} ${n.slice(4)}`, `+65${n}`, n]);
    }
    case 'en_HK': {
      const n = rng.pick(['9012', '9123', '9234', '9345', '9456', '9567', '9678', '6123', '6234', '6345', '5123', '5234', '5512', '5612']) + rng.digits(4);
      return rng.pick([`+852 ${n.slice(0, 4)} ${n.slice(4)}`, `${n.slice(0, 4)} ${n.slice(4)}`]);
    }
    case 'en_IN': {
      const n = String(rng.int(7, 9)) + rng.digits(9);
      return rng.pick([`+91 ${n.slice(0, 5)} ${n.slice(5)}`, `+91-${n}`, `0${n}`, `${n.slice(0, 5)} ${n.slice(5)}`]);
    }
    case 'ja': {
      if (rng.chance(0.6)) {
        const pre = rng.pick(['90', '80', '70']);
        const a = String(rng.int(1, 9)) + rng.digits(3);
        const b = rng.digits(4);
        return rng.pick([`0${pre}-${a}-${b}`, `+81 ${pre} ${a} ${b}`, `0${pre}${a}${b}`]);
      }
      return rng.pick([`03-${String(rng.int(3, 6))}${rng.digits(3)}-${rng.digits(4)}`, `06-${String(rng.int(6, 6))}${rng.digits(3)}-${rng.digits(4)}`]);
    }
    case 'zh_TW': {
      const n = '9' + rng.digits(8);
      return rng.pick([`0${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}`, `+886 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`, `0${n}`]);
    }
    default:
      throw new Error(`no phone format for ${locale}`);
  }
}

// ---------------------------------------------------------------- hard negatives

export function uuid(rng: Rng): string {
  const h = rng.hex(32).split('');
  h[12] = '4';
  h[16] = rng.pick(['8', '9', 'a', 'b']);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function isbn13(rng: Rng): string {
  const body = rng.pick(['978', '979']) + rng.digits(9);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  const full = body + String((10 - (sum % 10)) % 10);
  if (rng.chance(0.5)) return full;
  return `${full.slice(0, 3)}-${full.slice(3, 4)}-${full.slice(4, 6)}-${full.slice(6, 12)}-${full.slice(12)}`;
}

export function orderNumber(rng: Rng): string {
  return rng.pick([
    `#${rng.digits(7)}`,
    `ORD-${rng.int(2019, 2026)}-${rng.digits(6)}`,
    `${rng.int(100, 999)}-${rng.digits(7)}-${rng.digits(7)}`,
    `SO${rng.digits(8)}`,
    `${rng.int(1, 9)}${rng.digits(9)}`,
  ]);
}

export function invoiceNumber(rng: Rng): string {
  return rng.pick([
    `INV-${rng.int(2019, 2026)}${String(rng.int(1, 12)).padStart(2, '0')}-${rng.digits(4)}`,
    `${rng.int(2019, 2026)}/${rng.digits(5)}`,
    `RE-${rng.digits(8)}`,
    `NF-e ${rng.digits(3)}.${rng.digits(3)}.${rng.digits(3)}`,
  ]);
}

export function trackingNumber(rng: Rng): string {
  return rng.pick([
    `1Z${rng.letters(3, 'ABCDEFGHJKLMNPRTVWXY0123456789')}${rng.letters(3, 'ABCDEFGHJKLMNPRTVWXY0123456789')}${rng.digits(10)}`,
    `94${rng.digits(20)}`,
    rng.digits(12),
    `${rng.letters(2)}${rng.digits(9)}${rng.pick(['CN', 'DE', 'BR', 'SG', 'US'])}`,
  ]);
}

export function sku(rng: Rng): string {
  return rng.pick([
    `SKU-${rng.digits(4)}-${rng.pick(['BLK', 'WHT', 'RED', 'BLU'])}-${rng.pick(['S', 'M', 'L', 'XL'])}`,
    `B0${rng.letters(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789')}`,
    `${rng.letters(3)}-${rng.digits(5)}`,
    `${rng.digits(13)}`,
  ]);
}

export function version(rng: Rng): string {
  return rng.pick([
    `v${rng.int(0, 9)}.${rng.int(0, 30)}.${rng.int(0, 20)}`,
    `${rng.int(1, 5)}.${rng.int(0, 9)}.${rng.int(0, 9)}-beta.${rng.int(1, 9)}`,
    `${rng.int(90, 130)}.0.${rng.int(1000, 6999)}.${rng.int(10, 199)}`,
    `${rng.int(10, 20)}.${rng.int(0, 9)}.${rng.int(0, 9)}.${rng.int(0, 9)}`,
  ]);
}

export function gitSha(rng: Rng): string {
  return rng.chance(0.5) ? rng.hex(40) : rng.hex(7);
}

export function price(rng: Rng, locale: string): string {
  const major = rng.int(1, 2500);
  const minor = String(rng.int(0, 99)).padStart(2, '0');
  const grouped = major >= 1000 ? `${Math.floor(major / 1000)},${String(major % 1000).padStart(3, '0')}` : String(major);
  switch (locale) {
    case 'de':
      return `${grouped.replace(',', '.')},${minor} €`;
    case 'pt_BR':
      return `R$ ${grouped.replace(',', '.')},${minor}`;
    case 'zh_CN':
      return rng.chance(0.5) ? `¥${major}.${minor}` : `${major}元`;
    case 'ja':
      return `¥${grouped}`;
    case 'en_SG':
      return `S$${grouped}.${minor}`;
    case 'en_GB':
      return `£${grouped}.${minor}`;
    case 'en_IN':
      return `₹${grouped}`;
    case 'zh_TW':
      return `NT$${grouped}`;
    case 'en_HK':
      return `HK$${grouped}.${minor}`;
    default:
      return `$${grouped}.${minor}`;
  }
}

/** A timestamp in one of the forms logs use. */
export function timestamp(rng: Rng): string {
  const y = rng.int(2021, 2026);
  const mo = String(rng.int(1, 12)).padStart(2, '0');
  const d = String(rng.int(1, 28)).padStart(2, '0');
  const h = String(rng.int(0, 23)).padStart(2, '0');
  const mi = String(rng.int(0, 59)).padStart(2, '0');
  const s = String(rng.int(0, 59)).padStart(2, '0');
  return rng.pick([
    `${y}-${mo}-${d}T${h}:${mi}:${s}.${rng.digits(3)}Z`,
    `${y}-${mo}-${d} ${h}:${mi}:${s}`,
    `${y}-${mo}-${d}T${h}:${mi}:${s}+08:00`,
  ]);
}

/** A checksum-failing look-alike of an identifier (a hard negative) and the kind it imitates. */
export function lookalike(rng: Rng): { kind: string; text: string } {
  const kind = rng.pick([
    'card',
    'card',
    'iban',
    'nhs',
    'cn_id',
    'sg_nric',
    'cpf',
    'cnpj',
    'sin',
    'aadhaar',
    'aba',
    'de_tax',
    'hk_id',
    'tw_id',
    'jp_my_number',
    'ssn',
  ]);
  const gen: Record<string, () => Generated> = {
    card: () => creditCard(rng, false),
    iban: () => iban(rng, false),
    nhs: () => ukNhs(rng, false),
    cn_id: () => cnResidentId(rng, false),
    sg_nric: () => sgNricFin(rng, false),
    cpf: () => brCpf(rng, false),
    cnpj: () => brCnpj(rng, false),
    sin: () => caSin(rng, false),
    aadhaar: () => inAadhaar(rng, false),
    aba: () => abaRouting(rng, false),
    de_tax: () => deTaxId(rng, false),
    hk_id: () => hkId(rng, false),
    tw_id: () => twId(rng, false),
    jp_my_number: () => jpMyNumber(rng, false),
    ssn: () => usSsn(rng, false),
  };
  return { kind: `invalid_${kind}`, text: gen[kind]!().text };
}
