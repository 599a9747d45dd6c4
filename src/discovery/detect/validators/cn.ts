import { isValidDate } from './dates.js';

const CN_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CN_CHECK = '10X98765432';
/** Province-level division codes of GB/T 2260 (the first two digits of every resident id). */
const CN_PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

/** GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
export function cnResidentIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (CN_WEIGHTS[i] ?? 0);
  return CN_CHECK[sum % 11] ?? '';
}

/**
 * Chinese resident identity number (18 characters): a division code whose province exists and
 * whose prefecture/county parts are not 00, a real birth date between 1900 and today, a sequence,
 * and the GB 11643 check character.
 */
export function isCnResidentId(value: string, now: Date = new Date()): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!CN_PROVINCES.has(Number(value.slice(0, 2)))) return false;
  if (value.slice(2, 4) === '00' && value.slice(4, 6) === '00') return false;
  const y = Number(value.slice(6, 10));
  const mo = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !isValidDate(y, mo, d) || Date.UTC(y, mo - 1, d) > now.getTime()) return false;
  return cnResidentIdCheck(value) === value[17]!.toUpperCase();
}
