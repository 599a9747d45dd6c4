import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * Regions tried, in order, for a number written without a country code. Split by the first digit:
 * national forms with a trunk prefix 0 (GB 020…, DE 030…, CN 010…) against those without (US, SG, HK).
 */
const TRUNK_ZERO: readonly CountryCode[] = ['GB', 'DE', 'FR', 'BR', 'CN', 'JP', 'AU', 'IN', 'NL', 'IT', 'AT', 'CH', 'MY', 'TW', 'KR', 'TH', 'BE', 'SE'];
const NO_TRUNK: readonly CountryCode[] = ['US', 'BR', 'CN', 'SG', 'HK', 'IN', 'ES', 'PT', 'IT', 'MX', 'CA'];
const CACHE_MAX = 20_000;
const cache = new Map<string, PhoneResult | null>();

export interface PhoneResult { international: boolean; region: string }

/**
 * Validates a phone candidate with libphonenumber's full metadata (country calling code, national
 * number length and the number-range patterns of each region). International forms (+…, 00…) are
 * parsed as they are; national forms are tried against `preferred` then the default regions.
 */
export function validatePhone(raw: string, preferred: readonly CountryCode[] = []): PhoneResult | null {
  const key = preferred.length ? `${preferred.join(',')}|${raw}` : raw;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const result = uncached(raw, preferred);
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, result);
  return result;
}

function uncached(raw: string, preferred: readonly CountryCode[]): PhoneResult | null {
  try {
    const trimmed = raw.trim();
    if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
      const p = parsePhoneNumberFromString(trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed);
      return p && p.isValid() ? { international: true, region: p.country ?? '' } : null;
    }
    const tried = new Set<CountryCode>();
    const firstDigit = /\d/.exec(trimmed)?.[0];
    for (const region of [...preferred, ...(firstDigit === '0' ? TRUNK_ZERO : NO_TRUNK)]) {
      if (tried.has(region)) continue;
      tried.add(region);
      const p = parsePhoneNumberFromString(trimmed, region);
      if (p && p.isValid()) return { international: false, region };
    }
    return null;
  } catch {
    return null;
  }
}

/** Mainland China mobile: 11 digits, 1 then 3-9 (MIIT allocations). */
export function isCnMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits);
}
