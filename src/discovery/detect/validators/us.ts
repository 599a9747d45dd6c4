import { allSame, digitsValue, isDigits, isSequence, weightedSum } from './mod.js';

/**
 * US Social Security Number (9 digits). SSA never issues area 000, 666 or 900-999 (the 9xx range
 * is ITIN), group 00 or serial 0000; a few numbers are famous samples (078-05-1120, 219-09-9999).
 */
export function isUsSsn(digits: string): boolean {
  if (!isDigits(digits, 9)) return false;
  const area = digitsValue(digits, 0, 3);
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digitsValue(digits, 3, 5) === 0 || digitsValue(digits, 5, 9) === 0) return false;
  if (digits === '078051120' || digits === '219099999' || allSame(digits) || isSequence(digits)) return false;
  return true;
}

/** US ITIN: 9xx-[50-65, 70-88, 90-92, 94-99]-xxxx (IRS ranges). */
export function isUsItin(digits: string): boolean {
  if (!isDigits(digits, 9) || digits.charCodeAt(0) !== 57) return false;
  const g = digitsValue(digits, 3, 5);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/** ABA routing transit number: 3-7-1 weighted sum mod 10 and a valid Federal Reserve prefix. */
export function isAbaRouting(digits: string): boolean {
  if (!isDigits(digits, 9) || allSame(digits)) return false;
  const prefix = digitsValue(digits, 0, 2);
  const prefixOk = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  return prefixOk && weightedSum(digits, [3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 === 0;
}
