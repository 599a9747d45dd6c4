import { allSame } from './mod.js';

/** Luhn (mod 10) over a string of ASCII digits; used by payment cards, CA SIN, CN bank cards, IMEI. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro';

/**
 * The number written by the first k characters of digits (all of them when shorter), like
 * Number(digits.slice(0, k)) for ASCII digits, without the slice: NaN when one is not a digit.
 */
function prefixValue(digits: string, k: number): number {
  const n = Math.min(k, digits.length);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Issuer ranges (IIN) with the lengths each brand issues; a number outside them is not a card. `digits`: ASCII digits. */
export function cardBrand(digits: string): CardBrand | null {
  const n = digits.length;
  const p2 = prefixValue(digits, 2);
  const p3 = prefixValue(digits, 3);
  const p4 = prefixValue(digits, 4);
  const p6 = prefixValue(digits, 6);
  if (digits[0] === '4' && (n === 13 || n === 16 || n === 19)) return 'visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'amex';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'discover';
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'jcb';
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19 ? 'diners' : null;
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return 'maestro';
  return null;
}

/** A payment card: a known brand range and length, Luhn-valid, and not a run of one digit. */
export function isCreditCard(digits: string): boolean {
  if (digits.length < 12 || digits.length > 19) return false;
  // The brand first (most numbers have none); a run of one character is refused like /^(\d)\1+$/
  // refused a run of one digit (a run of another character fails Luhn as well).
  return cardBrand(digits) !== null && !allSame(digits) && luhnValid(digits);
}
