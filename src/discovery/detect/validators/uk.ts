import { allSame, isDigits, weightedSum } from './mod.js';

/** NHS number: 10 digits, weights 10..2, check = 11 - (sum mod 11); 10 means invalid. */
export function isUkNhs(digits: string): boolean {
  if (!isDigits(digits, 10) || allSame(digits)) return false;
  let check = 11 - (weightedSum(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11);
  if (check === 11) check = 0;
  return check !== 10 && check === digits.charCodeAt(9) - 48;
}

/**
 * National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O; not BG, GB,
 * KN, NK, NT, TN, ZZ), six digits, suffix A-D. HMRC's published format rules; there is no checksum.
 */
export function isUkNino(compact: string): boolean {
  const m = /^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])(\d{6})([A-D])$/.exec(compact);
  if (!m) return false;
  const prefix = (m[1] ?? '') + (m[2] ?? '');
  return !['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(prefix);
}
