import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isDigits } from './validators/mod.js';
import { digitGroups, internationalGroups, isValidNumber, nationalGroups, parseDigits, readDigits, type PhoneDigits } from './phone-parse.js';

/**
 * Regions tried, in order, for a number written without a country code. Split by the first digit:
 * national forms with a trunk prefix 0 (GB 020…, DE 030…, CN 010…) against those without (US, SG, HK).
 */
const TRUNK_ZERO: readonly CountryCode[] = ['GB', 'DE', 'FR', 'BR', 'CN', 'JP', 'AU', 'IN', 'NL', 'IT', 'AT', 'CH', 'MY', 'TW', 'KR', 'TH', 'BE', 'SE'];
const NO_TRUNK: readonly CountryCode[] = ['US', 'BR', 'CN', 'SG', 'HK', 'IN', 'ES', 'PT', 'IT', 'MX', 'CA'];
/**
 * Digit counts a national number can have in each region, written without (NATIONAL_LENGTHS) or
 * with (WITH_TRUNK_LENGTHS) the trunk prefix 0; generous bounds from the ITU national numbering
 * plans, used only to skip regions that cannot match before libphonenumber is asked.
 */
const NATIONAL_LENGTHS: Partial<Record<CountryCode, readonly [number, number]>> = {
  // Upper bounds include the calling code, which libphonenumber accepts without a '+' (34 91…, 852 …).
  US: [10, 11], CA: [10, 11], BR: [8, 13], CN: [7, 14], SG: [8, 10], HK: [8, 12], IN: [10, 12], ES: [9, 11], PT: [9, 12],
  IT: [6, 14], MX: [10, 13], TW: [8, 13],
};
const WITH_TRUNK_LENGTHS: Partial<Record<CountryCode, readonly [number, number]>> = {
  GB: [7, 11], DE: [5, 15], FR: [10, 10], BR: [8, 14], CN: [9, 12], JP: [9, 11], AU: [8, 10], IN: [11, 12], NL: [8, 11],
  IT: [6, 12], AT: [5, 14], CH: [10, 12], MY: [9, 11], TW: [9, 11], KR: [9, 11], TH: [9, 10], BE: [9, 10], SE: [7, 13],
  SG: [0, 0], HK: [0, 0], US: [0, 0], CA: [0, 0], ES: [0, 0], PT: [0, 0], MX: [0, 0],
};

/** The code of the first ASCII digit of s (NaN: none), as /\d/.exec(s) finds it. */
function firstDigitCode(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return c;
  }
  return NaN;
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

const CACHE_MAX = 20_000;
const cache = new Map<string, PhoneResult | null>();

export interface PhoneResult {
  international: boolean;
  region: string;
  /**
   * The digit groups as written match the way numbers of a region that accepts it are written
   * (libphonenumber's national or international format, or groups merged from it: "030 12345678",
   * "(415) 555-2671", "1-800-555-0199"), or an area code with a trunk 0 and one subscriber block
   * ("0151 23456789"). Random digit groups (a CPF part, "642 844 525") seldom are.
   */
  layout: boolean;
}

/** Whether the written groups are the formatted groups, or formatted groups merged (never split). */
function coarsens(written: readonly number[], formatted: readonly number[]): boolean {
  let k = 0;
  for (const w of written) {
    let sum = 0;
    while (sum < w && k < formatted.length) sum += formatted[k++]!;
    if (sum !== w) return false;
  }
  return k === formatted.length;
}

/**
 * Trunk 0, an area code of 2-5 digits, then subscriber blocks of 3 or more digits ("0151 23456789",
 * "0207 946 0958", "07700-900-123"): how national numbers with variable-length area codes are written.
 */
function areaCodeLayout(trimmed: string, written: readonly number[]): boolean {
  if (written.length < 2 || written.length > 4 || trimmed.charCodeAt(0) !== 48 || written[0]! < 3 || written[0]! > 5) return false;
  for (let k = 1; k < written.length; k++) if (written[k]! < 3) return false;
  return written.length === 2 ? written[1]! >= 5 : true;
}

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

/** Set `own` to false (the differential test) to ask libphonenumber-js alone. */
export const phoneOptions = { own: true };

/** A number that libphonenumber-js calls valid, with its region and the digit groups of its two written formats. */
interface Valid {
  country: string | undefined;
  nationalGroups: () => number[];
  internationalGroups: () => number[];
}

/**
 * parsePhoneNumberFromString(text, region) when it is valid: read by phone-parse.ts (the same steps
 * with precompiled regexes) when it covers the text, else by libphonenumber-js. `read` is the
 * text's digits as readDigits() gave them (read once for all the regions tried).
 */
function readValid(text: string, read: PhoneDigits | null | undefined, region?: CountryCode): Valid | null {
  if (phoneOptions.own && read !== undefined) {
    const p = read === null ? null : parseDigits(read, region);
    if (p === null) return null;
    // The groups are read from the format's match and template (no formatted string is built).
    if (p !== undefined) return isValidNumber(p) ? { country: p.country, nationalGroups: () => nationalGroups(p), internationalGroups: () => internationalGroups(p) } : null;
  }
  const p = parsePhoneNumberFromString(text, region);
  return p && p.isValid() ? { country: p.country, nationalGroups: () => digitGroups(p.formatNational()), internationalGroups: () => digitGroups(p.formatInternational()) } : null;
}

/** The regions tried for a national number: the preferred ones, then the defaults for its first digit (no repeats). */
const REGION_LISTS = new Map<string, readonly CountryCode[]>();
function regionsFor(preferred: readonly CountryCode[], trunkZero: boolean): readonly CountryCode[] {
  // Most numbers have no preferred regions: the default lists themselves, without a key.
  if (preferred.length === 0) return trunkZero ? TRUNK_ZERO : NO_TRUNK;
  const key = `${trunkZero ? 0 : 1}${preferred.join(',')}`;
  let list = REGION_LISTS.get(key);
  if (list === undefined) {
    list = [...new Set([...preferred, ...(trunkZero ? TRUNK_ZERO : NO_TRUNK)])];
    if (REGION_LISTS.size < 64) REGION_LISTS.set(key, list);
  }
  return list;
}

/** Forgets cached answers (the differential test runs the same numbers twice). */
export function clearPhoneCache(): void {
  cache.clear();
}

function uncached(raw: string, preferred: readonly CountryCode[]): PhoneResult | null {
  try {
    const trimmed = raw.trim();
    if (trimmed.startsWith('+') || trimmed.startsWith('00')) {
      const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
      const p = readValid(text, phoneOptions.own ? readDigits(text) : undefined);
      return p ? { international: true, region: p.country ?? '', layout: true } : null;
    }
    const trunkZero = firstDigitCode(trimmed) === 48;
    const n = countDigits(trimmed);
    const written = digitGroups(trimmed);
    const read = phoneOptions.own ? readDigits(trimmed) : undefined;
    let found: PhoneResult | null = null;
    for (const region of regionsFor(preferred, trunkZero)) {
      // Skip regions whose national numbers never have this many digits (libphonenumber is costly).
      const range = trunkZero ? WITH_TRUNK_LENGTHS[region] : NATIONAL_LENGTHS[region];
      if (range !== undefined && (n < range[0] || n > range[1])) continue;
      const p = readValid(trimmed, read, region);
      if (!p) continue;
      // A single group has no layout to check; otherwise keep looking for a region whose format fits.
      if (written.length <= 1) return { international: false, region, layout: true };
      // National format, international format with or without the calling code ("98765 43210" for +91 98765 43210);
      // the international format is only built when the national one does not fit (formatting is costly).
      if (coarsens(written, p.nationalGroups())) return { international: false, region, layout: true };
      const intlGroups = p.internationalGroups();
      if (coarsens(written, intlGroups) || coarsens(written, intlGroups.slice(1))) return { international: false, region, layout: true };
      found ??= { international: false, region, layout: areaCodeLayout(trimmed, written) };
    }
    return found;
  } catch {
    return null;
  }
}

/** Mainland China mobile: 11 digits, 1 then 3-9 (MIIT allocations). */
export function isCnMobile(digits: string): boolean {
  // /^1[3-9]\d{9}$/ read from character codes: asked of every plain number of 7-15 digits.
  const c1 = digits.charCodeAt(1);
  return digits.charCodeAt(0) === 49 && c1 >= 51 && c1 <= 57 && isDigits(digits, 11);
}
