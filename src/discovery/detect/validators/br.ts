import { allSame, isDigits } from './mod.js';

function mod11Digit(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/** Brazilian CPF: 11 digits with two mod-11 check digits; repeated digits are never issued. */
export function isBrCpf(digits: string): boolean {
  if (!isDigits(digits, 11) || allSame(digits)) return false;
  const d1 = mod11Digit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11Digit(digits, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === digits.charCodeAt(9) - 48 && d2 === digits.charCodeAt(10) - 48;
}

/** Brazilian CNPJ: 14 digits with two mod-11 check digits. */
export function isBrCnpj(digits: string): boolean {
  if (!isDigits(digits, 14) || allSame(digits)) return false;
  const d1 = mod11Digit(digits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  const d2 = mod11Digit(digits, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
  return d1 === digits.charCodeAt(12) - 48 && d2 === digits.charCodeAt(13) - 48;
}
