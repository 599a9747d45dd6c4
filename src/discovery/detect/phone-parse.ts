/**
 * libphonenumber-js's parse, isValid and format for the numbers detect() hands over, with every
 * regex of its metadata compiled once. libphonenumber-js compiles its regexes anew on every call
 * (`new RegExp(pattern)` in matchesEntirely, chooseFormatForNumber …), which made phone validation
 * most of detect()'s time on unseen text.
 *
 * This is a transcription of libphonenumber-js 1.13 (`parse.js`, `extractCountryCallingCode.js`,
 * `extractNationalNumber.js`, `getCountryByCallingCode.js`, `getNumberType.js`, `format.js`), step
 * for step, reading the same metadata file. It covers numbers written with ASCII digits and the
 * separators the scanner lets through (`+ ( ) . / -` and spaces); for anything else, and for
 * non-geographic calling codes (+800, +881 …), `parseNumber` answers `undefined` and the caller
 * asks libphonenumber-js. phone.test.ts compares both on tens of thousands of random numbers.
 */
import metadata from 'libphonenumber-js/metadata.max.json';

type Row = readonly unknown[];
type FormatRow = readonly unknown[];

const COUNTRIES = metadata.countries as unknown as Record<string, Row | undefined>;
const CALLING_CODES = metadata.country_calling_codes as unknown as Record<string, readonly string[] | undefined>;

/** libphonenumber-js's MIN_LENGTH_FOR_NSN and MAX_LENGTH_FOR_NSN. */
const MIN_NSN = 2;
const MAX_NSN = 17;

/** A region's numbering plan with its regexes compiled. */
export interface Plan {
  region: string;
  code: string;
  row: Row;
  /** The calling code's main region (US for CA): formats and formatting rules default to its. */
  main: Row;
  general: RegExp;
  lengths: readonly number[];
  /** Per length, the type patterns (fixed line, mobile …) whose possible lengths include it. */
  typesByLength: Map<number, RegExp[]>;
  /** A region without type patterns is validated on its general pattern alone. */
  hasTypes: boolean;
  idd: RegExp | null;
  trunkPrefix: RegExp | null;
  transform: string | null;
  leadingDigits: RegExp | null;
  formats: readonly CompiledFormat[];
}

interface CompiledFormat {
  /** Unanchored, for the replacement (as libphonenumber-js applies it); `whole` for choosing. */
  pattern: RegExp;
  whole: RegExp;
  leading: RegExp | null;
  national: string;
  international: string;
}

const PLANS = new Map<string, Plan | null>();
const whole = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);
const start = (pattern: string): RegExp => new RegExp(`^(?:${pattern})`);
const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
const FIRST_GROUP = /(\$\d)/;
/** libphonenumber-js's VALID_PUNCTUATION as a run (applyInternationalSeparatorStyle). */
const PUNCTUATION_RUN = /[-\u2010-\u2015\u2212\u30fc\uff0d\uff0f/\uff0e. \u00a0\u00ad\u200b\u2060\u3000()\uff08\uff09\uff3b\uff3d[\]~\u2053\u223c\uff5e]+/g;

function planOf(region: string): Plan | null {
  let plan = PLANS.get(region);
  if (plan !== undefined) return plan;
  plan = null;
  const row = COUNTRIES[region];
  const code = row?.[0];
  const mainRegion = typeof code === 'string' ? CALLING_CODES[code]?.[0] : undefined;
  const main = mainRegion === undefined ? undefined : COUNTRIES[mainRegion];
  if (row && main && typeof code === 'string' && typeof row[2] === 'string' && Array.isArray(row[3])) {
    const lengths = row[3] as number[];
    const typesByLength = new Map<number, RegExp[]>();
    const types = Array.isArray(row[11]) ? (row[11] as unknown[]) : [];
    for (const t of types.slice(0, 10)) {
      if (!Array.isArray(t) || str(t[0]) === null) continue;
      const re = whole(t[0] as string);
      for (const l of Array.isArray(t[1]) ? (t[1] as number[]) : lengths) typesByLength.set(l, [...(typesByLength.get(l) ?? []), re]);
    }
    const formatRows = ((Array.isArray(row[4]) ? row[4] : null) ?? (Array.isArray(main[4]) ? main[4] : null) ?? []) as FormatRow[];
    // A format's own national prefix rule, else the region's, else the main region's.
    const npRule = str(row[6]) ?? str(main[6]);
    const trunk = str(row[7]) ?? str(row[5]);
    plan = {
      region,
      code,
      row,
      main,
      general: whole(row[2]),
      lengths,
      typesByLength,
      hasTypes: types.length > 0,
      idd: str(row[1]) === null ? null : start(row[1] as string),
      trunkPrefix: trunk === null ? null : start(trunk),
      transform: str(row[8]),
      leadingDigits: str(row[10]) === null ? null : start(row[10] as string),
      formats: formatRows.map((f) => compileFormat(f, npRule)),
    };
  }
  PLANS.set(region, plan);
  return plan;
}

function compileFormat(f: FormatRow, npRule: string | null): CompiledFormat {
  const leading = Array.isArray(f[2]) && f[2].length > 0 ? start(f[2][f[2].length - 1] as string) : null;
  const format = f[1] as string;
  const rule = str(f[3]) ?? npRule;
  return {
    pattern: new RegExp(f[0] as string),
    whole: whole(f[0] as string),
    leading,
    // Formatted with the national prefix (libphonenumber-js's default for formatNational()).
    national: rule === null ? format : format.replace(FIRST_GROUP, rule),
    international: str(f[5]) ?? format,
  };
}

function planOfCode(code: string): Plan | null {
  const region = CALLING_CODES[code]?.[0];
  return region === undefined ? null : planOf(region);
}

/** getNumberType() !== undefined: the general pattern and one type pattern of that length match. */
function hasType(plan: Plan, national: string): boolean {
  if (!plan.general.test(national)) return false;
  if (!plan.hasTypes) return true;
  const types = plan.typesByLength.get(national.length);
  if (types === undefined) return false;
  for (const re of types) if (re.test(national)) return true;
  return false;
}

/** checkNumberLength() is TOO_SHORT or INVALID_LENGTH. */
function impossibleLength(plan: Plan, national: string): boolean {
  const l = plan.lengths;
  const n = national.length;
  if (l.length === 0) return true;
  if (l[0] === n) return false;
  if (l[0]! > n) return true;
  if (l[l.length - 1]! < n) return false;
  return l.indexOf(n, 1) < 0;
}

const GROUPS = new Map<string, readonly Plan[]>();

/** The plans of the regions sharing a calling code, main region first. */
function groupOf(code: string): readonly Plan[] {
  let group = GROUPS.get(code);
  if (group === undefined) {
    group = (CALLING_CODES[code] ?? []).map(planOf).filter((p): p is Plan => p !== null);
    GROUPS.set(code, group);
  }
  return group;
}

/** getCountryByCallingCode(): the plan of the region of a calling code that the national number belongs to. */
function regionOf(code: string, national: string): Plan | undefined {
  const group = groupOf(code);
  if (group.length <= 1) return group[0];
  for (const plan of group) {
    if (plan.leadingDigits !== null) {
      if (plan.leadingDigits.test(national)) return plan;
    } else if (hasType(plan, national)) return plan;
  }
  return undefined;
}

/** extractNationalNumberFromPossiblyIncompleteNumber(): strips the trunk prefix and carrier code. */
function stripTrunk(plan: Plan, digits: string): string {
  if (plan.trunkPrefix === null) return digits;
  const m = plan.trunkPrefix.exec(digits);
  if (!m) return digits;
  const groups = m.length - 1;
  const captured = groups > 0 && Boolean(m[groups]);
  if (plan.transform !== null && captured) return digits.replace(plan.trunkPrefix, plan.transform);
  return digits.slice(m[0].length);
}

/** extractNationalNumber(): the trunk prefix is kept when stripping it leaves an impossible number. */
function nationalOf(plan: Plan, digits: string): string {
  const national = stripTrunk(plan, digits);
  if (national === digits) return digits;
  if (plan.general.test(digits) && !plan.general.test(national)) return digits;
  if (impossibleLength(regionOf(plan.code, national) ?? plan, national)) return digits;
  return national;
}

/** extractCountryCallingCodeFromInternationalNumberWithoutPlusSign(): "34 912 345 678" for ES. */
function withoutPlus(plan: Plan, digits: string): string | null {
  if (!digits.startsWith(plan.code)) return null;
  const shorter = digits.slice(plan.code.length);
  const shorterNational = nationalOf(plan, shorter);
  const national = nationalOf(plan, digits);
  const l = plan.lengths;
  const tooLong = l.length > 0 && national.length > l[0]! && l[l.length - 1]! < national.length;
  return (!plan.general.test(national) && plan.general.test(shorterNational)) || tooLong ? shorter : null;
}

export interface ParsedPhone {
  /** The region libphonenumber-js assigns (`PhoneNumber.country`), if any. */
  country: string | undefined;
  callingCode: string;
  nationalNumber: string;
  /** The plan validity and formats are read from: the country's, else the calling code's main region's. */
  plan: Plan;
}

/** Characters parseNumber reads the way libphonenumber-js does; others are left to it. */
const COVERED = /^[+(]?[\d()./ -]*$/;

/** The digits of a number as libphonenumber-js extracts them, and whether a '+' leads. */
export interface PhoneDigits {
  digits: string;
  plus: boolean;
}

/**
 * extractFormattedPhoneNumber + isViablePhoneNumber + parseIncompletePhoneNumber: null when
 * libphonenumber-js finds no number, undefined when the text is outside what this transcription
 * covers. Read once per text; `parseDigits` then reads it for each region.
 */
export function readDigits(text: string): PhoneDigits | null | undefined {
  if (!COVERED.test(text) || text.length > 250) return undefined;
  const first = text.search(/[+\d]/);
  if (first < 0) return null;
  const plus = text.charCodeAt(first) === 43;
  const formatted = text.slice(first).replace(/\D+$/, '');
  const digits = formatted.replace(/\D/g, '');
  // Three digits at least, or exactly two digits and nothing else.
  if (digits.length < 3 && !(digits.length === 2 && formatted === digits)) return null;
  return { digits, plus };
}

/**
 * parsePhoneNumberFromString(text, region): null when libphonenumber-js returns undefined,
 * undefined when the text is outside what this transcription covers.
 */
export function parseNumber(text: string, region?: string): ParsedPhone | null | undefined {
  const read = readDigits(text);
  return read ? parseDigits(read, region) : read;
}

/** parseNumber for digits already read. */
export function parseDigits({ digits, plus }: PhoneDigits, region?: string): ParsedPhone | null | undefined {
  let code: string | undefined;
  let rest = digits;
  let home: Plan | null = null;
  if (region !== undefined) {
    home = planOf(region);
    if (home === null) return undefined;
  }
  let international = plus;
  if (!plus && home !== null && home.idd !== null) {
    // stripIddPrefix(): not when a 0 follows the prefix.
    const m = home.idd.exec(digits);
    if (m && m[0].length > 0 && m[0].length < digits.length && digits.charCodeAt(m[0].length) !== 48) {
      rest = digits.slice(m[0].length);
      international = true;
    }
  }
  if (international) {
    if (rest.charCodeAt(0) === 48) return null;
    for (let i = 1; i <= 3 && i <= rest.length; i++) {
      if (CALLING_CODES[rest.slice(0, i)] !== undefined) {
        code = rest.slice(0, i);
        rest = rest.slice(i);
        break;
      }
      // A non-geographic calling code (+800, +881 …): left to libphonenumber-js.
      if ((metadata.nonGeographic as Record<string, unknown>)[rest.slice(0, i)] !== undefined) return undefined;
    }
    if (code === undefined) return null;
  } else if (home !== null) {
    const shorter = withoutPlus(home, digits);
    if (shorter !== null) {
      code = home.code;
      rest = shorter;
    }
  } else return null;
  let country: string | undefined;
  let plan: Plan | null;
  if (code !== undefined) plan = planOfCode(code);
  else {
    plan = home;
    country = region;
  }
  if (plan === null) return undefined;
  if (rest === '') return null;
  const national = nationalOf(plan, rest);
  const exact = regionOf(plan.code, national);
  if (exact !== undefined) country = exact.region;
  if (national.length < MIN_NSN || national.length > MAX_NSN) return null;
  // formatNumber() and isValidNumber() select the country's plan, else the calling code's (main region).
  const own = exact ?? (country !== undefined ? planOf(country) : planOfCode(plan.code));
  if (own === null) return undefined;
  return { country, callingCode: plan.code, nationalNumber: national, plan: own };
}

/** PhoneNumber.isValid(). */
export function isValidNumber(p: ParsedPhone): boolean {
  return hasType(p.plan, p.nationalNumber);
}

/** chooseFormat's last question and answer: a number's national and international groups choose once. */
let chosenPlan: Plan | null = null;
let chosenNational = '';
let chosenFormat: CompiledFormat | undefined;

function chooseFormat(plan: Plan, national: string): CompiledFormat | undefined {
  if (plan !== chosenPlan || national !== chosenNational) {
    chosenFormat = chooseFormatFresh(plan, national);
    chosenPlan = plan;
    chosenNational = national;
  }
  return chosenFormat;
}

function chooseFormatFresh(plan: Plan, national: string): CompiledFormat | undefined {
  for (const f of plan.formats) {
    if (f.leading !== null && !f.leading.test(national)) continue;
    if (f.whole.test(national)) return f;
  }
  return undefined;
}

/** PhoneNumber.formatNational(). */
export function formatNational(p: ParsedPhone): string {
  const f = chooseFormat(p.plan, p.nationalNumber);
  return f === undefined ? p.nationalNumber : p.nationalNumber.replace(f.pattern, f.national);
}

/** PhoneNumber.formatInternational(). */
export function formatInternational(p: ParsedPhone): string {
  const f = chooseFormat(p.plan, p.nationalNumber);
  const national = f === undefined ? p.nationalNumber : p.nationalNumber.replace(f.pattern, f.international).replace(PUNCTUATION_RUN, ' ').trim();
  return `+${p.callingCode} ${national}`;
}

/**
 * Lengths of the runs of ASCII digits of a text put together piece by piece, as digitGroups() reads
 * the finished string: what the layout check needs from a formatted number, without building it.
 */
class DigitRuns {
  readonly lengths: number[] = [];
  private run = 0;

  add(text: string, from = 0, to = text.length): void {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) this.run++;
      else this.close();
    }
  }

  close(): void {
    if (this.run > 0) this.lengths.push(this.run);
    this.run = 0;
  }
}

/**
 * Adds the digit runs of national.replace(pattern, template) to runs: the text before and after
 * the first match as it is, the match as the template with $1…$9 replaced by the groups. Returns
 * false when the template holds another '$' form (then the caller builds the string).
 */
function addReplaced(runs: DigitRuns, national: string, pattern: RegExp, template: string): boolean {
  const m = pattern.exec(national);
  if (m === null) {
    runs.add(national);
    return true;
  }
  // Two-digit references ($10 …) only exist with ten groups or more.
  if (m.length > 10) return false;
  runs.add(national, 0, m.index);
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c !== 36) {
      runs.add(template, i, i + 1);
      continue;
    }
    const d = template.charCodeAt(i + 1) - 48;
    // NaN (a '$' at the template's end) is refused too.
    if (!(d >= 1 && d <= 9)) return false;
    // A reference past the groups stays as written ('$', then the digit).
    if (d >= m.length) runs.add(template, i, i + 1);
    else {
      runs.add(m[d] ?? '');
      i++;
    }
  }
  runs.add(national, m.index + m[0].length);
  return true;
}

/** The digit-group lengths of formatNational(p). */
export function nationalGroups(p: ParsedPhone): number[] {
  const f = chooseFormat(p.plan, p.nationalNumber);
  const runs = new DigitRuns();
  if (f === undefined) runs.add(p.nationalNumber);
  else if (!addReplaced(runs, p.nationalNumber, f.pattern, f.national)) return digitGroups(formatNational(p));
  runs.close();
  return runs.lengths;
}

/**
 * The digit-group lengths of formatInternational(p): the calling code, then the national part
 * (its punctuation runs become spaces and its ends are trimmed, which joins or splits no digit run).
 */
export function internationalGroups(p: ParsedPhone): number[] {
  const f = chooseFormat(p.plan, p.nationalNumber);
  const runs = new DigitRuns();
  runs.add(p.callingCode);
  runs.close();
  if (f === undefined) runs.add(p.nationalNumber);
  else if (!addReplaced(runs, p.nationalNumber, f.pattern, f.international)) return digitGroups(formatInternational(p));
  runs.close();
  return runs.lengths;
}

/** Lengths of the digit groups of text ("(415) 555-2671" → [3, 3, 4]). */
export function digitGroups(text: string): number[] {
  const runs = new DigitRuns();
  runs.add(text);
  runs.close();
  return runs.lengths;
}
