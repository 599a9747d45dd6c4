import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import metadata from 'libphonenumber-js/metadata.max.json';
import examples from 'libphonenumber-js/examples.mobile.json';
import { formatInternational, formatNational, isValidNumber, parseNumber } from './phone-parse.js';
import { clearPhoneCache, phoneOptions, validatePhone } from './phone.js';

/** A seeded PRNG (mulberry32): the same numbers on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countries = metadata.countries as unknown as Record<string, unknown[]>;
const REGIONS = Object.keys(countries) as CountryCode[];
const EXAMPLES = examples as unknown as Record<string, string | undefined>;

/** Random digit groupings like the scanner's: spaces, hyphens, dots, slashes, an area code in parentheses. */
function write(digits: string, next: () => number): string {
  const seps = [' ', '-', '.', '/', ''];
  let out = '';
  let i = 0;
  if (next() < 0.15 && digits.length > 6) {
    const k = 2 + Math.floor(next() * 3);
    out = `(${digits.slice(0, k)}) `;
    i = k;
  }
  const sep = seps[Math.floor(next() * seps.length)]!;
  while (i < digits.length) {
    const k = 2 + Math.floor(next() * 4);
    out += (out && !out.endsWith(' ') ? sep : '') + digits.slice(i, i + k);
    i += k;
  }
  return out;
}

function randomDigits(n: number, next: () => number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(next() * 10));
  return s;
}

/**
 * Digits of a number: a region's example mobile number with its last digits changed (often valid),
 * after its trunk prefix, calling code or an international prefix now and then, or random digits.
 */
function numberDigits(region: CountryCode, next: () => number): string {
  const row = countries[region]!;
  const example = EXAMPLES[region];
  if (example && next() < 0.7) {
    const k = 1 + Math.floor(next() * Math.min(5, example.length - 1));
    const body = example.slice(0, example.length - k) + randomDigits(k, next);
    const r = next();
    if (r < 0.35 && typeof row[5] === 'string') return row[5] + body;
    if (r < 0.45) return `${row[0] as string}${body}`;
    if (r < 0.5) return `00${row[0] as string}${body}`;
    return body;
  }
  return (next() < 0.4 ? '0' : '') + randomDigits(3 + Math.floor(next() * 13), next);
}

/** What detect() reads from libphonenumber-js: validity, region, calling code, national number and both formats. */
function viaLibrary(text: string, region?: CountryCode): string {
  const p = parsePhoneNumberFromString(text, region);
  if (!p) return 'none';
  const valid = p.isValid();
  return JSON.stringify([p.country, p.countryCallingCode, p.nationalNumber, valid, valid ? p.formatNational() : '', valid ? p.formatInternational() : '']);
}

function viaOwn(text: string, region?: CountryCode): string | undefined {
  const p = parseNumber(text, region);
  if (p === undefined) return undefined;
  if (p === null) return 'none';
  const valid = isValidNumber(p);
  return JSON.stringify([p.country, p.callingCode, p.nationalNumber, valid, valid ? formatNational(p) : '', valid ? formatInternational(p) : '']);
}

describe('phone-parse.ts against libphonenumber-js', () => {
  it('reads, validates and formats 48,000 random numbers of every region as libphonenumber-js does', () => {
    const next = rng(20_240_601);
    let compared = 0;
    let valid = 0;
    let covered = 0;
    for (let i = 0; i < 24_000; i++) {
      const home = REGIONS[Math.floor(next() * REGIONS.length)]!;
      const digits = numberDigits(home, next);
      // National: parsed for its own region most of the time, for another region otherwise.
      const region = next() < 0.7 ? home : REGIONS[Math.floor(next() * REGIONS.length)]!;
      const national = write(digits, next);
      // International: '+' and the home region's calling code, the trunk prefix sometimes left in.
      const intl = `+${countries[home]![0] as string} ${write(next() < 0.8 ? digits.replace(/^0/, '') : digits, next)}`;
      for (const [text, r] of [[national, region], [intl, undefined]] as const) {
        const own = viaOwn(text, r);
        compared++;
        if (own === undefined) continue;
        covered++;
        const lib = viaLibrary(text, r);
        if (own !== lib) expect.fail(`${text} (${r ?? 'international'}): ${own} ≠ libphonenumber-js ${lib}`);
        if (lib !== 'none' && JSON.parse(lib)[3] === true) valid++;
      }
    }
    expect(compared).toBe(48_000);
    // Nearly everything is covered (non-geographic codes are left to libphonenumber-js), and many are valid.
    expect(covered).toBeGreaterThan(47_000);
    expect(valid).toBeGreaterThan(10_000);
  });

  it('leaves text outside its character set and non-geographic calling codes to libphonenumber-js', () => {
    expect(parseNumber('2023年10月5', 'CN')).toBeUndefined();
    expect(parseNumber('+800 1234 5678')).toBeUndefined();
    expect(parseNumber('+1 415 555 2671')).not.toBeUndefined();
  });

  it('gives validatePhone the same answers with and without it', () => {
    const next = rng(7);
    const regions: CountryCode[] = ['US', 'GB', 'DE', 'BR', 'CN', 'JP', 'IN', 'SG', 'HK', 'TW', 'FR', 'IT', 'ES', 'MX', 'AU', 'CA', 'KR', 'NL'];
    const inputs: string[] = [];
    for (let i = 0; i < 8_000; i++) {
      const region = regions[Math.floor(next() * regions.length)]!;
      const digits = numberDigits(region, next);
      inputs.push(next() < 0.2 ? `+${countries[region]![0] as string} ${write(digits.replace(/^0/, ''), next)}` : write(digits, next));
    }
    const run = (own: boolean): string[] => {
      phoneOptions.own = own;
      clearPhoneCache();
      return inputs.map((s) => JSON.stringify(validatePhone(s)));
    };
    try {
      const library = run(false);
      const withOwn = run(true);
      expect(withOwn).toEqual(library);
      expect(withOwn.filter((r) => r !== 'null').length).toBeGreaterThan(1_500);
    } finally {
      phoneOptions.own = true;
      clearPhoneCache();
    }
  });
});
