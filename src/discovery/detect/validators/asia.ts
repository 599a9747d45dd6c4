import { allSame, isDigits, verhoeffValid } from './mod.js';
import { luhnValid } from './luhn.js';

const SG_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];
const SG_ST = 'JZIHGFEDCBA';
const SG_FG = 'XWUTRQPNMLK';
const SG_M = 'KLJNPQRTUWX';

/** Singapore NRIC/FIN: prefix S/T/F/G/M, seven digits, weighted mod-11 check letter (ICA scheme). */
export function isSgNricFin(value: string): boolean {
  const m = /^([STFGM])(\d{7})([A-Z])$/.exec(value.toUpperCase());
  if (!m) return false;
  const prefix = m[1]!;
  const body = m[2]!;
  let sum = prefix === 'T' || prefix === 'G' ? 4 : prefix === 'M' ? 3 : 0;
  for (let i = 0; i < 7; i++) sum += (body.charCodeAt(i) - 48) * SG_WEIGHTS[i]!;
  const r = sum % 11;
  const expected = prefix === 'S' || prefix === 'T' ? SG_ST[r] : prefix === 'M' ? SG_M[10 - r] : SG_FG[r];
  return expected === m[3];
}

/** Hong Kong identity card: 1-2 letters, 6 digits, check digit 0-9 or A (mod 11). */
export function isHkId(value: string): boolean {
  const m = /^([A-Z]{1,2})(\d{6})\(?([0-9A])\)?$/.exec(value.toUpperCase());
  if (!m) return false;
  const letters = m[1]!;
  const digits = m[2]!;
  let sum = letters.length === 2 ? 9 * (letters.charCodeAt(0) - 55) + 8 * (letters.charCodeAt(1) - 55) : 9 * 36 + 8 * (letters.charCodeAt(0) - 55);
  for (let i = 0; i < 6; i++) sum += (7 - i) * (digits.charCodeAt(i) - 48);
  const r = (11 - (sum % 11)) % 11;
  return (r === 10 ? 'A' : String(r)) === m[3];
}

/** Letter values of the Taiwan national id (they are not alphabetical: I, O, W… were added later). */
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** Taiwan national id / new resident certificate: letter, 1/2 (or 8/9), 8 digits, weighted mod 10. */
export function isTwId(value: string): boolean {
  const v = value.toUpperCase();
  if (!/^[A-Z][1289]\d{8}$/.test(v)) return false;
  const code = TW_LETTERS.indexOf(v[0]!) + 10;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1, 1];
  for (let i = 0; i < 9; i++) sum += (v.charCodeAt(i + 1) - 48) * weights[i]!;
  return sum % 10 === 0;
}

/** Japanese My Number (individual number): 12 digits, check digit per the cabinet-office ordinance. */
export function isJpMyNumber(digits: string): boolean {
  if (!isDigits(digits, 12) || allSame(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = digits.charCodeAt(11 - n) - 48;
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const r = sum % 11;
  return (r <= 1 ? 0 : 11 - r) === digits.charCodeAt(11) - 48;
}

/** Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check digit. */
export function isInAadhaar(digits: string): boolean {
  return isDigits(digits, 12) && digits.charCodeAt(0) >= 50 && !allSame(digits) && verhoeffValid(digits);
}

/** Indian PAN: 5 letters (4th = holder type: P person, C company …), 4 digits, letter. */
export function isInPan(value: string): boolean {
  return /^[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]$/.test(value) && value.slice(5, 9) !== '0000';
}

/** Canadian SIN: 9 digits, Luhn, first digit not 0 or 8 (never assigned). */
export function isCaSin(digits: string): boolean {
  const c0 = digits.charCodeAt(0);
  return isDigits(digits, 9) && c0 !== 48 && c0 !== 56 && !allSame(digits) && luhnValid(digits);
}
