import { isDigits, iso7064Mod11_10, mod97, weightedSum } from './mod.js';
import { luhnValid } from './luhn.js';

/**
 * German tax identification number (Steuer-ID): 11 digits, first not 0; among the first ten one
 * digit occurs two or three times and the rest at most once; ISO 7064 MOD 11,10 check digit.
 */
export function isDeTaxId(digits: string): boolean {
  if (!isDigits(digits, 11) || digits.charCodeAt(0) === 48) return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[digits.charCodeAt(i) - 48]!++;
  let repeated = 0;
  for (const c of counts) {
    if (c > 3) return false;
    if (c >= 2) repeated++;
  }
  return repeated === 1 && iso7064Mod11_10(digits.slice(0, 10)) === digits.charCodeAt(10) - 48;
}

type VatCheck = (body: string) => boolean;

/** Per-country VAT formats (the part after the 2-letter prefix) and, where published, the check. */
const VAT: Readonly<Record<string, { re: RegExp; check?: VatCheck }>> = {
  AT: { re: /^U\d{8}$/, check: (b) => atCheck(b.slice(1)) },
  BE: { re: /^[01]\d{9}$/, check: (b) => 97 - (Number(b.slice(0, 8)) % 97) === Number(b.slice(8)) },
  BG: { re: /^\d{9,10}$/ },
  CY: { re: /^\d{8}[A-Z]$/ },
  CZ: { re: /^\d{8,10}$/ },
  DE: { re: /^\d{9}$/, check: (b) => iso7064Mod11_10(b.slice(0, 8)) === b.charCodeAt(8) - 48 },
  DK: { re: /^\d{8}$/, check: (b) => weightedSum(b, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0 },
  EE: { re: /^10\d{7}$/ },
  EL: { re: /^\d{9}$/ },
  ES: { re: /^[A-Z0-9]\d{7}[A-Z0-9]$/ },
  FI: { re: /^\d{8}$/, check: (b) => mod11Check(b, [7, 9, 10, 5, 8, 4, 2]) },
  FR: { re: /^[0-9A-Z]{2}\d{9}$/, check: frCheck },
  HR: { re: /^\d{11}$/, check: (b) => iso7064Mod11_10(b.slice(0, 10)) === b.charCodeAt(10) - 48 },
  HU: { re: /^\d{8}$/ },
  IE: { re: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/ },
  IT: { re: /^\d{11}$/, check: luhnValid },
  LT: { re: /^(\d{9}|\d{12})$/ },
  LU: { re: /^\d{8}$/, check: (b) => Number(b.slice(0, 6)) % 89 === Number(b.slice(6)) },
  LV: { re: /^\d{11}$/ },
  MT: { re: /^\d{8}$/ },
  NL: { re: /^\d{9}B\d{2}$/, check: (b) => nlCheck(b) },
  PL: { re: /^\d{10}$/, check: (b) => weightedSum(b, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === b.charCodeAt(9) - 48 },
  PT: { re: /^\d{9}$/, check: (b) => mod11Check(b, [9, 8, 7, 6, 5, 4, 3, 2]) },
  RO: { re: /^\d{2,10}$/ },
  SE: { re: /^\d{10}01$/, check: (b) => luhnValid(b.slice(0, 10)) },
  SI: { re: /^\d{8}$/ },
  SK: { re: /^\d{10}$/, check: (b) => Number(b) % 11 === 0 },
  GB: { re: /^(\d{9}|\d{12})$/ },
  XI: { re: /^(\d{9}|\d{12})$/ },
  CHE: { re: /^\d{9}(MWST|TVA|IVA)?$/ },
};

function mod11Check(b: string, weights: readonly number[]): boolean {
  const r = weightedSum(b, weights) % 11;
  const check = r === 0 ? 0 : 11 - r;
  return check < 10 && check === b.charCodeAt(weights.length) - 48;
}

function atCheck(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    const v = d.charCodeAt(i) - 48;
    sum += i % 2 === 0 ? v : Math.floor((v * 2) / 10) + ((v * 2) % 10);
  }
  return (96 - sum) % 10 === d.charCodeAt(7) - 48;
}

function frCheck(b: string): boolean {
  const key = b.slice(0, 2);
  if (!/^\d\d$/.test(key)) return true; // new-style alphanumeric keys have no published check
  return (12 + 3 * (Number(b.slice(2)) % 97)) % 97 === Number(key);
}

function nlCheck(b: string): boolean {
  const digits = b.slice(0, 9);
  const r = weightedSum(digits, [9, 8, 7, 6, 5, 4, 3, 2]) % 11;
  if (r === digits.charCodeAt(8) - 48) return true;
  // Since 2020 sole traders get a VAT id checked with mod 97 over "NL" + number.
  return mod97(`NL${b}`.replace(/[^0-9A-Z]/g, '')) === 1;
}

/** Returns 'checked' when the country has a check and it passes, 'format' when only the format exists, or null. */
export function euVatStatus(compact: string): 'checked' | 'format' | null {
  const isSwiss = compact.startsWith('CHE');
  const country = isSwiss ? 'CHE' : compact.slice(0, 2);
  const rule = VAT[country];
  if (!rule) return null;
  const body = compact.slice(isSwiss ? 3 : 2);
  if (!rule.re.test(body)) return null;
  if (!rule.check) return 'format';
  return rule.check(body) ? 'checked' : null;
}

/** VAT country prefixes by their two capitals ((A-Z)×(A-Z)); CH stands for CHE. */
const VAT_PREFIX = new Uint8Array(26 * 26);
for (const country of Object.keys(VAT)) VAT_PREFIX[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = 1;

/**
 * Whether text[pos, pos + 2) are the capitals of a VAT prefix (CH for CHE): euVatStatus() of a value
 * starting otherwise is null, so callers skip the slice and upper-casing.
 */
export function isVatPrefixAt(text: string, pos: number): boolean {
  const a = text.charCodeAt(pos) - 65;
  const b = text.charCodeAt(pos + 1) - 65;
  return a >= 0 && a < 26 && b >= 0 && b < 26 && VAT_PREFIX[a * 26 + b] === 1;
}
