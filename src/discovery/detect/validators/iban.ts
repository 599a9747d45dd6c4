import { mod97 } from './mod.js';

/**
 * IBAN length per country (SWIFT IBAN registry). A code not listed is not an IBAN; a right length and
 * mod-97 remainder of 1 together leave about one random string in 10^4 passing.
 */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Validates a compact (no separators), upper-case IBAN. */
export function isIban(compact: string): boolean {
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected === undefined || compact.length !== expected) return false;
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact)) return false;
  return mod97(compact.slice(4) + compact.slice(0, 4)) === 1;
}

/** IBAN lengths by the two capitals of the country code ((A-Z)×(A-Z); 0: no IBAN country), read without a slice. */
const LENGTH_BY_CODES = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) LENGTH_BY_CODES[(country.charCodeAt(0) - 65) * 26 + country.charCodeAt(1) - 65] = length;

/** The IBAN length of the country code at text[pos, pos + 2), 0 when those are not the capitals of an IBAN country. */
export function ibanLengthAt(text: string, pos: number): number {
  const a = text.charCodeAt(pos) - 65;
  const b = text.charCodeAt(pos + 1) - 65;
  if (!(a >= 0 && a < 26 && b >= 0 && b < 26)) return 0;
  return LENGTH_BY_CODES[a * 26 + b]!;
}

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTHS[country];
}
